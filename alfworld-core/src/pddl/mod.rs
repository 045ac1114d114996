//! A PDDL reader for ALFWorld's domain and problem texts: s-expressions with positions, the
//! problem's objects, initial facts and goal formula, and the domain's actions.
//!
//! Symbols are lowercased as Fast Downward does. Input size and nesting depth are bounded
//! ([`lexer::MAX_INPUT`], [`parser::MAX_DEPTH`]); every failure is a [`ParseError`] naming a
//! line and column.

pub(crate) mod flat;
pub mod lexer;
pub mod parser;

pub use parser::{
    Action, Domain, Fact, Formula, Problem, SExpr, Term, parse_domain, parse_problem,
};

use std::fmt;

/// A line and column (1-based) in PDDL text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

/// What went wrong while reading PDDL text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text is larger than [`lexer::MAX_INPUT`].
    TooLarge,
    /// Parentheses nest deeper than [`parser::MAX_DEPTH`].
    TooDeep,
    /// The text ended inside an expression.
    UnexpectedEnd,
    /// A `)` with no matching `(`.
    UnmatchedClose,
    /// Something other than what the grammar allows here.
    Expected(&'static str),
    /// Text after the closing parenthesis of the definition.
    TrailingInput,
}

/// A PDDL syntax error with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    pos: Pos,
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, pos: Pos) -> Self {
        ParseError { kind, pos }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }

    /// Where it went wrong.
    pub fn pos(&self) -> Pos {
        self.pos
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.pos.line, self.pos.col)?;
        match &self.kind {
            ParseErrorKind::TooLarge => {
                write!(f, "PDDL text larger than {} bytes", lexer::MAX_INPUT)
            }
            ParseErrorKind::TooDeep => {
                write!(f, "parentheses nested deeper than {}", parser::MAX_DEPTH)
            }
            ParseErrorKind::UnexpectedEnd => write!(f, "unexpected end of text"),
            ParseErrorKind::UnmatchedClose => write!(f, "unmatched ')'"),
            ParseErrorKind::Expected(what) => write!(f, "expected {what}"),
            ParseErrorKind::TrailingInput => write!(f, "text after the end of the definition"),
        }
    }
}

impl std::error::Error for ParseError {}
