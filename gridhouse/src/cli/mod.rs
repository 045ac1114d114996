//! The subcommands' own code: argument parsing and printing around library calls.

pub mod alfworld;
pub mod bench;
#[cfg(feature = "proptest")]
pub mod check;
pub mod demos;
pub mod eval;
pub mod play;
pub mod render;
pub mod report;
pub mod rollout;
pub mod showcase;
