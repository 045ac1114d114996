//! Gridhouse's front door: every BabyAI and ALFWorld env by id, one API over both engines.
//!
//! Design priorities: one way in for every user (the CLI and the Python package call only
//! this crate's public API), exact parity with the originals (inherited from the engines),
//! then throughput (typed actions and caller-owned buffers on the batch path).
//!
//! * [`make`]`(id)` accepts every id of `gridhouse list` ([`list`]): Minigrid's 96
//!   `BabyAI-*` levels, BALROG's `BabyAI-MixedTrainLocal-v0/<kind>` tasks,
//!   `alfworld/SET[/TASK_TYPE][/ROOM_KIND]` and `alfworld-dir:PATH`, and returns an [`Env`].
//!   An unknown id is [`Error::UnknownId`] with the closest known ids.
//! * [`Env`]: `reset(seed)` (Minigrid's `reset(seed=seed)`; for ALFWorld the seed picks the
//!   game), `reset_unseeded()` (Minigrid's `reset()`, continuing the stream), `reset_to(i)`,
//!   `step_text`, `text`, `mission`, `admissible`, `won`, `expert_action`, and for BabyAI the
//!   7x7x3 image and the typed fast path ([`BabyaiEnv`]).
//! * [`Batch`]: many envs of any id, typed or text actions, Gymnasium's auto-reset modes
//!   (with the final observation kept in same-step mode), on several threads.
//! * [`policy`]: random and expert policies and whole episodes.
//! * [`replay`]: strict replays of recorded reference episodes.
//! * Feature `proptest` (default): the engines' `proptest_support` modules, to
//!   property-test env rules (`docs/PROPERTY-TESTING.md`, `gridhouse check`).
//!
//! ```
//! let mut env = gridhouse::make("BabyAI-GoToRedBallGrey-v0")?;
//! env.reset(42)?;
//! assert!(env.mission().starts_with("go to the red ball"));
//! let mut image = [0u8; 147];
//! env.image(&mut image);
//! while !env.won() {
//!     let action = env.expert_action()?;      // the bot, in BALROG's words
//!     env.step_text(&action)?;
//! }
//!
//! let mut env = gridhouse::make("alfworld/train/pick_and_place_simple")?;
//! env.reset_to(3)?;
//! println!("{}", env.text());                  // the intro, ending with the task
//! let commands = env.admissible();              // ALFWorld's admissible commands
//! env.step_text(&commands[0])?;
//! # Ok::<(), gridhouse::Error>(())
//! ```
//!
//! The engine crates stay usable directly for the fastest typed paths: [`babyai_core`],
//! [`alfworld_core`], [`text_render`], [`env_api`]. `examples/quickstart.rs` runs the common
//! path end to end (`cargo run --release -p gridhouse --example quickstart`).
#![forbid(unsafe_code)]

pub mod alfworld;
pub mod babyai;
mod batch;
pub mod demos;
mod env;
mod error;
pub mod eval;
pub mod frames;
pub mod policy;
pub mod registry;
pub mod replay;
pub mod report;

pub use alfworld::AlfworldEnv;
pub use alfworld_core;
pub use alfworld_core::generator::Wording;
pub use babyai::BabyaiEnv;
pub use babyai_core;
pub use babyai_core::Action;
pub use babyai_core::render::{FrameOptions, Renderer};
pub use batch::{Batch, MAX_BATCH};
pub use env::{Env, Inner};
pub use env_api;
pub use env_api::{AutoResetMode, Step};
pub use error::Error;
pub use policy::{Policy, play_episode};
pub use registry::{Engine, EnvInfo, list};
pub use text_render;

/// The README's Rust examples, compiled and run as doc tests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The property-testing guide's Rust example, compiled as a doc test.
#[doc = include_str!("../../docs/PROPERTY-TESTING.md")]
#[cfg(all(doctest, feature = "proptest"))]
pub struct PropertyTestingDoctests;

/// The env with this id: any id of [`list`], `alfworld-dir:PATH`, or a room-kind filter of
/// a task set (`alfworld/train/pick_and_place_simple/Kitchen`). The env starts in episode 0
/// (BabyAI: seed 0; ALFWorld: game 0); call [`Env::reset`] for the one you want.
///
/// ```
/// let err = gridhouse::make("BabyAI-GoToLocal-v1").unwrap_err();
/// assert!(err.to_string().contains("did you mean one of \"BabyAI-GoToLocal-v0\""));
/// ```
pub fn make(id: &str) -> Result<Env, Error> {
    Env::make(id)
}

impl Env {
    /// The engine-specific env, by value.
    pub fn into_inner(self) -> Inner {
        self.into_parts()
    }
}

/// The output slices of one batch step, by position (a shorthand for [`env_api::BatchOut`]'s
/// struct literal).
pub fn batch_out<'a, O>(
    obs: &'a mut [O],
    rewards: &'a mut [f64],
    terminated: &'a mut [bool],
    truncated: &'a mut [bool],
) -> env_api::BatchOut<'a, O> {
    env_api::BatchOut {
        obs,
        rewards,
        terminated,
        truncated,
    }
}
