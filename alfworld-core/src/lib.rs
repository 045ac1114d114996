//! ALFWorld (TextWorld-PDDL household tasks) as a pure, deterministic Rust simulator.
//!
//! Design priorities: exact parity with ALFWorld 0.4.2's text, admissible commands and goal
//! checks, then throughput, then a small API.
//!
//! The engine is being built up issue by issue; this crate currently exposes the env ids it
//! knows.
//!
//! ```
//! assert!(alfworld_core::ENV_IDS.iter().all(|id| id.starts_with("alfworld/")));
//! ```

/// Env ids (task sets) this crate can build.
pub const ENV_IDS: &[&str] = &[];

#[path = "gen/mod.rs"]
pub mod generator;
