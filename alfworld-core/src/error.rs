//! Errors raised while loading a game.

use crate::pddl::{ParseError, Pos};
use std::fmt;

/// Why a game could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The game file is not the JSON ALFWorld writes (with the serde_json message).
    Json(String),
    /// A required key of the game file is missing or not a string.
    MissingKey(&'static str),
    /// The PDDL problem does not parse.
    Problem(ParseError),
    /// The PDDL domain does not parse.
    Domain(ParseError),
    /// The problem parses but does not describe an ALFWorld scene the engine can play.
    Invalid {
        /// Where in the problem text.
        pos: Pos,
        /// What is wrong.
        msg: String,
    },
    /// `traj_data.json` is not valid JSON or lacks `task_type`.
    TrajData(String),
    /// The grammar has no task sentence and no `traj_data.json` was given to build one.
    NoTask,
    /// The goal needs a (receptacle type, object type) pair that `canContain` does not list:
    /// ALFWorld's planner turns such a game into a dummy task and TextWorld crashes loading it.
    Unsolvable {
        /// The receptacle type named by the goal.
        rtype: String,
        /// The object type named by the goal.
        otype: String,
    },
}

impl LoadError {
    pub(crate) fn invalid(pos: Pos, msg: impl Into<String>) -> Self {
        LoadError::Invalid {
            pos,
            msg: msg.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json(m) => write!(f, "game file is not valid JSON: {m}"),
            LoadError::MissingKey(k) => write!(f, "game file has no string key \"{k}\""),
            LoadError::Problem(e) => write!(f, "PDDL problem: {e}"),
            LoadError::Domain(e) => write!(f, "PDDL domain: {e}"),
            LoadError::Invalid { pos, msg } => {
                write!(
                    f,
                    "PDDL problem: line {}, column {}: {msg}",
                    pos.line, pos.col
                )
            }
            LoadError::TrajData(m) => write!(f, "traj_data.json: {m}"),
            LoadError::NoTask => write!(
                f,
                "no task sentence: the grammar has none and no traj_data.json was given"
            ),
            LoadError::Unsolvable { rtype, otype } => write!(
                f,
                "unsolvable game: the goal needs canContain {rtype} {otype}, which the problem does not list"
            ),
        }
    }
}

impl std::error::Error for LoadError {}
