//! BabyAI (Minigrid 3.2.0) as a pure, deterministic Rust simulator.
//!
//! Design priorities: exact parity with Minigrid 3.2.0 (layouts seed for seed, observations
//! bit for bit), then throughput (no allocation per step), then a small API.
//!
//! The engine is being built up issue by issue; this crate currently exposes the catalogue of
//! level ids it knows.
//!
//! ```
//! assert!(babyai_core::LEVEL_IDS.iter().all(|id| id.starts_with("BabyAI-")));
//! ```

pub mod levels;
pub mod rng;

/// Level ids this crate can build, as registered by Minigrid 3.2.0.
pub const LEVEL_IDS: &[&str] = &[];
