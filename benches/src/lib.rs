//! criterion benchmarks of the Gridhouse engines live in `benches/`; run `cargo bench -p gridhouse-benches`.
#![forbid(unsafe_code)]
