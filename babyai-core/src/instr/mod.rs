//! BabyAI's instruction language (Minigrid's `envs/babyai/core/verifier.py`): the AST,
//! object matching, the mission text, its parser, and the verifier.
//!
//! ```
//! use babyai_core::instr::{Instr, ObjDesc};
//! use babyai_core::world::{Color, ObjKind};
//!
//! let i = Instr::go_to(ObjDesc::new(Some(ObjKind::Ball), Some(Color::Red)));
//! assert_eq!(i.num_navs(), 1);
//! ```

mod ast;
mod matching;
mod surface;

pub use ast::{Instr, LOC_NAMES, Loc, OBJ_TYPES, OBJ_TYPES_NOT_DOOR, ObjDesc};
pub use matching::{Matches, PlacedObjs, Target};
mod parse;
mod verify;

pub use parse::{ParseError, parse_mission};
pub use verify::{Status, Verifier};
