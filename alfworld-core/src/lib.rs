//! ALFWorld (TextWorld-PDDL household tasks) as a pure, deterministic Rust simulator.
//!
//! Design priorities: exact parity with ALFWorld 0.4.2's text, admissible commands and goal
//! checks (and the 0.3 wording), then throughput, then a small API.
//!
//! A [`Game`] is loaded once from an ALFWorld game file (`game.tw-pddl`) or a PDDL problem
//! with its `traj_data.json`; names (`"cabinet 3"`) are built then. An [`GameEnv`] plays it:
//! `reset()` gives the intro, `step_text()` the feedback with `won`/`done`, `admissible()` the
//! structured commands in ALFWorld's order, rendered only when asked. No planner is involved:
//! the domain's actions are implemented directly ([`rules`]). Feature `proptest` adds
//! `proptest_support`: strategies and the invariants as functions (`docs/PROPERTY-TESTING.md`).
//!
//! ```
//! # fn main() -> Result<(), alfworld_core::LoadError> {
//! use alfworld_core::{GameEnv, Game};
//! let game = Game::from_tw_pddl(&alfworld_core::testing::tiny_game_json())?;
//! let mut env = GameEnv::new(game.clone(), game.wording());
//! env.reset();
//! let texts = env.admissible_texts();
//! assert_eq!(
//!     texts,
//!     ["go to countertop 1", "go to fridge 1", "go to microwave 1", "go to sinkbasin 1", "help", "inventory", "look"]
//! );
//! let out = env.step_text("go to sinkbasin 1");
//! assert_eq!(out.feedback, "You arrive at sinkbasin 1. On the sinkbasin 1, you see a apple 2, and a knife 1.");
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

pub mod catalog;
pub mod commands;
mod env;
pub mod error;
pub mod expert;
pub mod game;
pub mod goals;
pub mod names;
pub mod pddl;
#[cfg(feature = "proptest")]
pub mod proptest_support;
pub mod rules;
pub mod state;
pub mod taskset_dir;
pub mod testing;

pub use commands::Command;
pub use env::StateMismatch;
pub use env::{GameEnv, StepOut};
pub use error::LoadError;
pub use game::{Game, LoadOptions, Named};
pub use goals::TaskType;
pub use state::{ObjState, Rel, State};
pub use text_render::alfworld::Wording;

/// GameEnv ids of the generated task sets ([`generator::TaskSet::from_env_id`] builds them): each
/// split, and each split per task type. A room kind can be added (`alfworld/train/1/Kitchen`).
pub const ENV_IDS: &[&str] = &[
    "alfworld/train",
    "alfworld/train/pick_and_place_simple",
    "alfworld/train/look_at_obj_in_light",
    "alfworld/train/pick_clean_then_place_in_recep",
    "alfworld/train/pick_heat_then_place_in_recep",
    "alfworld/train/pick_cool_then_place_in_recep",
    "alfworld/train/pick_two_obj_and_place",
    "alfworld/valid_seen",
    "alfworld/valid_seen/pick_and_place_simple",
    "alfworld/valid_seen/look_at_obj_in_light",
    "alfworld/valid_seen/pick_clean_then_place_in_recep",
    "alfworld/valid_seen/pick_heat_then_place_in_recep",
    "alfworld/valid_seen/pick_cool_then_place_in_recep",
    "alfworld/valid_seen/pick_two_obj_and_place",
    "alfworld/valid_unseen",
    "alfworld/valid_unseen/pick_and_place_simple",
    "alfworld/valid_unseen/look_at_obj_in_light",
    "alfworld/valid_unseen/pick_clean_then_place_in_recep",
    "alfworld/valid_unseen/pick_heat_then_place_in_recep",
    "alfworld/valid_unseen/pick_cool_then_place_in_recep",
    "alfworld/valid_unseen/pick_two_obj_and_place",
];

#[path = "gen/mod.rs"]
pub mod generator;
