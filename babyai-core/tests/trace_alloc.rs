//! A trace line is validated before memory is reserved for it: a declared grid far beyond
//! `MAX_SIDE` is a typed error, and parsing it never asks for a large allocation.

mod counting;
use babyai_core::trace::{TraceError, parse_episode};

fn line(width: u64, height: u64) -> String {
    format!(
        "{{\"env_id\": \"BabyAI-GoToLocal-v0\", \"seed\": 0, \"width\": {width}, \
         \"height\": {height}, \"grid\": [[[1,0,0]]], \"agent_pos\": [1,1], \"agent_dir\": 0, \
         \"carrying\": null, \"mission\": \"go to the red ball\", \"steps\": []}}"
    )
}

#[test]
fn oversized_trace_grid_is_refused_before_allocating() {
    for (w, h) in [
        (65_536, 65_536),
        (65, 8),
        (8, 65),
        (0, 8),
        (u64::MAX, u64::MAX),
    ] {
        let text = line(w, h);
        let before = counting::largest();
        let e = parse_episode(&text).unwrap_err();
        let peak = counting::largest();
        assert_eq!(
            e,
            TraceError::BadSize {
                width: w,
                height: h
            },
            "{w}x{h}"
        );
        assert!(e.to_string().contains("1..=64"), "{e}");
        // The line itself and serde_json's value tree are small; a grid reservation is not.
        assert!(
            peak <= before.max(1 << 16),
            "{w}x{h}: an allocation of {peak} bytes"
        );
    }
}
