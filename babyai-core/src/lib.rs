//! BabyAI (Minigrid 3.2.0) as a pure, deterministic Rust simulator.
//!
//! Design priorities: exact parity with Minigrid 3.2.0 (layouts seed for seed, observations
//! bit for bit), then throughput (no allocation per step), then a small API.
//!
//! * [`world`]: the grid, objects (with identities), rooms and agent.
//! * [`instr`]: the instruction language: AST, mission text, matching, verifier.
//!
//! ```
//! assert!(babyai_core::LEVEL_IDS.iter().all(|id| id.starts_with("BabyAI-")));
//! ```

pub mod instr;
pub mod levels;
pub mod rng;
pub mod world;

/// Level ids this crate can build, as registered by Minigrid 3.2.0.
pub const LEVEL_IDS: &[&str] = &[];
