//! Parsing mission text back into an [`Instr`] (the inverse of `surface`).
//!
//! Grammar (Minigrid's generator never nests deeper):
//! `mission := part (", then " part | " after you " part)?`, `part := action (" and " action)?`,
//! `action := "go to " D | "pick up " D | "open " D | "put " D " next to " D`,
//! `D := ("the " | "a ") (color " ")? (box|ball|key|door|object) loc?`.
//! Articles are accepted either way: they are recomputed from the world when bound.

use super::{Instr, Loc, ObjDesc};
use crate::world::{Color, ObjKind};

/// Why a mission text is not a BabyAI instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset into the mission text where the problem starts (0-based).
    pub column: usize,
    /// What was expected there.
    pub message: String,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "column {}: {}", self.column + 1, self.message)
    }
}

impl std::error::Error for ParseError {}

fn err(column: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        column,
        message: message.into(),
    }
}

/// Parses a mission text (`"go to the red ball, then open a door"`) into its instruction.
///
/// ```
/// use babyai_core::instr::{parse_mission, Instr, ObjDesc};
/// use babyai_core::world::{Color, ObjKind};
/// let i = parse_mission("pick up the red ball").unwrap();
/// assert_eq!(i, Instr::pickup(ObjDesc::new(Some(ObjKind::Ball), Some(Color::Red))));
/// assert!(parse_mission("fly to the moon").is_err());
/// ```
pub fn parse_mission(text: &str) -> Result<Instr, ParseError> {
    if let Some(i) = text.find(", then ") {
        let a = parse_part(text, 0, i)?;
        let b = parse_part(text, i + 7, text.len())?;
        return Ok(Instr::before(a, b));
    }
    if let Some(i) = text.find(" after you ") {
        let a = parse_part(text, 0, i)?;
        let b = parse_part(text, i + 11, text.len())?;
        return Ok(Instr::after(a, b));
    }
    parse_part(text, 0, text.len())
}

fn parse_part(text: &str, start: usize, end: usize) -> Result<Instr, ParseError> {
    let s = &text[start..end];
    if let Some(i) = s.find(" and ") {
        let a = parse_action(text, start, start + i)?;
        let b = parse_action(text, start + i + 5, end)?;
        return Ok(Instr::and(a, b));
    }
    parse_action(text, start, end)
}

fn parse_action(text: &str, start: usize, end: usize) -> Result<Instr, ParseError> {
    let s = &text[start..end];
    if let Some(rest) = s.strip_prefix("go to ") {
        let d = parse_desc(text, end - rest.len(), end)?;
        return Ok(Instr::go_to(d));
    }
    if let Some(rest) = s.strip_prefix("pick up ") {
        let at = end - rest.len();
        let d = parse_desc(text, at, end)?;
        if d.kind == Some(ObjKind::Door) {
            return Err(err(at, "a door cannot be picked up"));
        }
        return Ok(Instr::pickup(d));
    }
    if let Some(rest) = s.strip_prefix("open ") {
        let at = end - rest.len();
        let d = parse_desc(text, at, end)?;
        if d.kind != Some(ObjKind::Door) {
            return Err(err(at, "only a door can be opened"));
        }
        return Ok(Instr::open(d));
    }
    if let Some(rest) = s.strip_prefix("put ") {
        let at = end - rest.len();
        let Some(i) = rest.find(" next to ") else {
            return Err(err(at, "expected \"put D next to D\""));
        };
        let moved = parse_desc(text, at, at + i)?;
        if moved.kind == Some(ObjKind::Door) {
            return Err(err(at, "a door cannot be moved"));
        }
        let fixed = parse_desc(text, at + i + 9, end)?;
        return Ok(Instr::put_next(moved, fixed));
    }
    Err(err(
        start,
        "expected \"go to\", \"pick up\", \"open\" or \"put\"",
    ))
}

fn parse_desc(text: &str, start: usize, end: usize) -> Result<ObjDesc, ParseError> {
    let s = &text[start..end];
    let Some(rest) = s.strip_prefix("the ").or_else(|| s.strip_prefix("a ")) else {
        return Err(err(start, "expected the article \"the\" or \"a\""));
    };
    let mut at = end - rest.len();
    let mut rest = rest;
    let mut color = None;
    if let Some((word, tail)) = rest.split_once(' ')
        && let Some(c) = Color::from_name(word)
    {
        color = Some(c);
        rest = tail;
        at = end - rest.len();
    }
    let (word, tail) = match rest.find(' ') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let kind = match word {
        "box" => Some(ObjKind::Box),
        "ball" => Some(ObjKind::Ball),
        "key" => Some(ObjKind::Key),
        "door" => Some(ObjKind::Door),
        "object" => None,
        _ => {
            return Err(err(
                at,
                format!("expected an object type (box, ball, key, door, object), found {word:?}"),
            ));
        }
    };
    let loc = match tail {
        "" => None,
        t => match [Loc::Left, Loc::Right, Loc::Front, Loc::Behind]
            .into_iter()
            .find(|l| l.phrase() == t)
        {
            Some(l) => Some(l),
            None => {
                return Err(err(
                    end - tail.len(),
                    format!("unexpected {:?} after the object type", tail.trim_start()),
                ));
            }
        },
    };
    Ok(ObjDesc { kind, color, loc })
}
