//! Imitation learning from Gridhouse's BabyAI bot, on CPU.
//!
//! The loop the BabyAI papers measure, end to end in Rust: the expert bot
//! ([`babyai_core::bot::Bot`]) plays `N` episodes on training seeds ([`demos`]), a small policy
//! learns to copy its actions ([`model`], candle on the CPU), and the policy then plays
//! held-out seeds that the bot never saw ([`eval`]). [`curve`] repeats this for several `N`
//! and levels, and [`plot`] draws success against experience.
//!
//! Two observation settings ([`task::ObsKind`]):
//! * the BabyAI papers' one: the 7x7x3 egocentric image plus the mission text;
//! * BALROG's: the text observation (`"a red ball 2 steps left and 1 step forward"` lines)
//!   plus the mission, on BALROG's five `BabyAI-MixedTrainLocal-v0/<kind>` tasks.
//!
//! Everything is deterministic: training seeds, held-out seeds, weight initialisation,
//! shuffling and sampling all come from fixed seeds ([`rand_chacha::ChaCha8Rng`]); nothing
//! reads OS entropy.
//!
//! ```no_run
//! use gridhouse_learn::{curve, task::Task};
//! let task = Task::image("BabyAI-GoToRedBallGrey-v0");
//! let cfg = curve::Config::quick();
//! let rows = curve::run_task(&task, &[10, 100], &cfg).unwrap();
//! assert!(rows.points[1].success.rate() > rows.random.rate());
//! ```

pub mod curve;
pub mod demos;
pub mod encode;
pub mod eval;
pub mod model;
pub mod plot;
pub mod stats;
pub mod task;

pub use task::LearnError;
