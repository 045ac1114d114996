//! The one error type of the front door.

use std::fmt;

/// What went wrong in a front-door call. Every variant has a one-line `Display` that names
/// the input; the CLI prints it and exits non-zero, Python raises it as `gridhouse.Error`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// No env has this id. `suggestions` are the closest known ids (possibly none).
    UnknownId {
        /// The id asked for.
        id: String,
        /// Known ids close to it, closest first.
        suggestions: Vec<String>,
    },
    /// Text that is not a command of this env (BabyAI: not one of BALROG's six actions).
    NotACommand {
        /// The text given.
        text: String,
        /// Why it was refused.
        reason: String,
    },
    /// The call does not apply to this env (for example `reset_to` on a BabyAI level).
    Unsupported {
        /// The env id.
        id: String,
        /// What was asked.
        what: String,
    },
    /// A game index outside the task set.
    NoSuchGame {
        /// The env id.
        id: String,
        /// The index asked for.
        index: usize,
        /// How many games the set has.
        len: usize,
    },
    /// A game could not be loaded or built (the message names the file or index).
    Load(String),
    /// The expert cannot act here (for example an unsolvable game).
    Expert(String),
    /// A bad argument (a size, a length mismatch, an option value).
    Invalid(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownId { id, suggestions } => {
                write!(f, "unknown env id {id:?}")?;
                match suggestions.as_slice() {
                    [] => write!(f, " (`gridhouse list` prints every id)"),
                    [one] => write!(f, "; did you mean {one:?}?"),
                    many => {
                        write!(f, "; did you mean one of ")?;
                        for (i, s) in many.iter().enumerate() {
                            let sep = if i == 0 { "" } else { ", " };
                            write!(f, "{sep}{s:?}")?;
                        }
                        write!(f, "?")
                    }
                }
            }
            Error::NotACommand { text, reason } => write!(f, "not a command: {text:?} ({reason})"),
            Error::Unsupported { id, what } => write!(f, "{id}: {what} is not supported"),
            Error::NoSuchGame { id, index, len } => {
                write!(f, "{id} has {len} games: no game at index {index}")
            }
            Error::Load(msg) | Error::Expert(msg) | Error::Invalid(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

impl From<Error> for String {
    fn from(e: Error) -> String {
        e.to_string()
    }
}
