//! Experts that play ALFWorld games and return the next command, from any state.
//!
//! * [`Oracle`] knows the whole state (where every object is) and returns the first command of
//!   a shortest plan to the goal: it wins every solvable game, also after an agent wandered,
//!   holds something or opened and closed things.
//! * [`Searcher`] uses only what the agent has observed (the task, the receptacle list of the
//!   intro, the feedback texts and the admissible commands): it visits the receptacles where the
//!   object class may be found first, as ALFWorld's handcoded expert intends, without its
//!   loops, in both wordings.
//!
//! Both read the task from the game's goal ([`GoalSpec`]), which says exactly what the task
//! sentence says (object class, receptacle class, lamp class, hot/cool/clean, one or two).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alfworld_core::expert::Oracle;
//! use alfworld_core::{GameEnv, Game};
//! let game = Game::from_tw_pddl(&alfworld_core::testing::tiny_game_json())?;
//! let mut oracle = Oracle::new(&game)?;
//! let mut env = GameEnv::new(game.clone(), game.wording());
//! env.reset();
//! while !env.won() {
//!     let cmd = oracle.next(env.game(), env.state()).expect("a plan");
//!     assert!(env.admissible().contains(&cmd));
//!     let _ = env.step(cmd);
//! }
//! assert_eq!(env.steps(), 5); // go to, take, go to, open the fridge, move
//! # Ok(()) }
//! ```

pub mod oracle;
pub mod searcher;
pub mod spec;

pub use oracle::Oracle;
pub use searcher::Searcher;
pub use spec::{ExpertError, GoalSpec};
