//! BabyAI (Minigrid 3.2.0) as a pure, deterministic Rust simulator.
//!
//! Design priorities: exact parity with Minigrid 3.2.0 (layouts seed for seed, observations
//! bit for bit), then throughput (no allocation per step), then a small API.
//!
//! * [`world`]: the grid, objects (with identities), rooms and agent.
//! * [`instr`]: the instruction language: AST, mission text, parser, matching, verifier.
//! * [`BabyEnv`]: world + mission + verifier with Minigrid's step rules and 7x7 view.
//! * [`make`] / [`LevelEnv`]: the 96 registered levels ([`LEVEL_IDS`]), generated seed for
//!   seed like Minigrid's `reset(seed=seed)` ([`levels`], randomness from [`rng`]).
//! * [`trace`]: recorded Minigrid episodes and their from-state replay.
//! * `proptest_support` (feature `proptest`): strategies, the invariants as functions and a
//!   plain reference model, to property-test rules (`docs/PROPERTY-TESTING.md`).
//!
//! Parity notes (all checked against the reference traces, which replay identically):
//! * The verifier tracks objects by identity ([`world::ObjId`]); positions of tracked
//!   objects are refreshed only after a drop action, so a carried object keeps its stale
//!   position for `GoTo` until then.
//! * A type-less description ("object") also matches walls, which only shows in the
//!   article: "pick up a grey object".
//! * `terminated` and `truncated` can both be true: the verifier runs on the truncating step.
//! * Importing a state that carries an object binds the mission as if that object were
//!   still on the grid (Minigrid's `PutNext*Carrying` reset order).
//! * `GoToImpUnlock` and `Unlock` compare room indices with `is` against numpy integers,
//!   which is never true: the key may land in the locked room and every room, the locked
//!   one too, gets distractors. The levels reproduce that (in the crate-private `levels::goto`).
//!
//! Deviation (only where Minigrid never returns): Minigrid's `place_agent` retries forever
//! when no empty cell of the agent's room faces an empty cell or a wall (for example
//! `BabyAI-SynthS5R2-v0` seed 31575). Here that attempt is rejected like a `RecursionError`
//! and the level regenerated with the stream continuing; after
//! [`levels::MAX_STUCK_ATTEMPTS`] such attempts the agent keeps its first drawn pose. Every
//! seed that finishes in Minigrid gives the same state (`docs/BABYAI_RESET_HANG.md`).
//!
//! ```
//! use babyai_core::world::{Color, Dir, Grid, Obj, ObjKind, RoomLayout, World};
//! use babyai_core::instr::{Instr, ObjDesc};
//! use babyai_core::{Action, BabyEnv};
//!
//! let mut grid = Grid::new(5, 5);
//! grid.wall_rect(0, 0, 5, 5);
//! grid.put_obj(3, 1, Obj::new(ObjKind::Ball, Color::Red));
//! let world = World::new(grid, RoomLayout::new(5, 1, 1), (1, 1), Dir::Right);
//! let instr = Instr::go_to(ObjDesc::new(Some(ObjKind::Ball), Some(Color::Red)));
//! let mut env = BabyEnv::new(world, instr, None);
//! assert_eq!(env.mission(), "go to the red ball");
//! let step = env.step(Action::Forward);
//! assert!(step.terminated && step.reward > 0.9);
//! let mut image = [0u8; 147];
//! env.observe(&mut image);
//! assert_eq!(&image[(3 * 7 + 5) * 3..][..3], &[6, 0, 0]); // the ball, right in front
//! ```
#![forbid(unsafe_code)]

mod action;
pub mod balrog;
pub mod bot;
mod env;
mod import;
pub mod instr;
mod layouts;
pub mod levels;
#[cfg(feature = "proptest")]
pub mod proptest_support;
pub mod render;
pub mod rng;
mod text;
pub mod trace;
pub mod view;
pub mod world;

pub use action::{ACTIONS, Action, InvalidAction};
pub use env::InvalidState;
pub use env::{BabyEnv, default_max_steps};
pub use env_api::Step;
pub use import::{BoxContent, ImportError, RecordedState, debug_level_strictness};
pub use layouts::{LEVEL_LAYOUTS, MIXED_TRAIN_LOCAL_LAYOUTS, level_layout};

pub use levels::registry::LEVEL_IDS;
pub use levels::{LevelEnv, UnknownLevel, make};
