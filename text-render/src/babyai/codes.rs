//! Minigrid's integer codes for the cells of a view image, their names, and image validation.

use super::{VIEW_LEN, VIEW_SIZE};
use std::fmt;

/// Minigrid's `IDX_TO_OBJECT`, indexed by object type code (the one copy of this table in
/// the workspace: `babyai_core`'s object kinds take their names from it).
pub const OBJECT_NAMES: [&str; 11] = [
    "unseen", "empty", "wall", "floor", "door", "key", "ball", "box", "goal", "lava", "agent",
];

/// Minigrid's `IDX_TO_COLOR`, indexed by color code (`COLOR_TO_IDX` order, not Minigrid's
/// `COLOR_NAMES` list order); the one copy in the workspace.
pub const COLOR_NAMES: [&str; 6] = ["red", "green", "blue", "purple", "yellow", "grey"];

/// Minigrid's `IDX_TO_STATE` for doors, indexed by state code.
pub const STATE_NAMES: [&str; 3] = ["open", "closed", "locked"];

/// Object type code of a cell hidden by the visibility mask.
pub(crate) const UNSEEN: u8 = 0;
/// Object type code of an empty visible cell.
pub(crate) const EMPTY: u8 = 1;
/// Object type code of a wall.
pub(crate) const WALL: u8 = 2;
/// Object type code of a door.
pub(crate) const DOOR: u8 = 4;

/// One cell of a view image whose codes are all known to Minigrid: type
/// (`unseen 0, empty 1, wall 2, floor 3, door 4, key 5, ball 6, box 7, goal 8, lava 9, agent 10`),
/// color (`red 0, green 1, blue 2, purple 3, yellow 4, grey 5`) and door state
/// (`open 0, closed 1, locked 2`; ignored for anything but doors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ObjCode {
    kind: u8,
    color: u8,
    state: u8,
}

impl ObjCode {
    /// The cell `(type, color, state)`, or `None` if a code is out of range (the state is only
    /// checked for doors, as Minigrid encodes state 0 for every other object).
    pub fn new(kind: u8, color: u8, state: u8) -> Option<ObjCode> {
        let ok = usize::from(kind) < OBJECT_NAMES.len()
            && usize::from(color) < COLOR_NAMES.len()
            && (kind != DOOR || usize::from(state) < STATE_NAMES.len());
        ok.then_some(ObjCode { kind, color, state })
    }

    /// The object type code.
    pub fn kind(self) -> u8 {
        self.kind
    }

    /// The color code.
    pub fn color(self) -> u8 {
        self.color
    }

    /// The door state code (0 for anything but a door in a Minigrid image).
    pub fn state(self) -> u8 {
        self.state
    }

    /// Whether the cell is a door.
    pub fn is_door(self) -> bool {
        self.kind == DOOR
    }

    /// Minigrid's name of the type (`"ball"`, `"door"`, ...).
    pub fn type_name(self) -> &'static str {
        OBJECT_NAMES[usize::from(self.kind)]
    }

    /// Minigrid's name of the color (`"red"`, ...).
    pub fn color_name(self) -> &'static str {
        COLOR_NAMES[usize::from(self.color)]
    }

    /// Minigrid's name of a door's state (`"open"`, `"closed"`, `"locked"`); `""` for
    /// anything but a door.
    pub fn state_name(self) -> &'static str {
        if self.is_door() {
            STATE_NAMES[usize::from(self.state)]
        } else {
            ""
        }
    }
}

/// Why a view image cannot be described: a cell holds a code Minigrid does not define.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageError {
    x: u8,
    y: u8,
    channel: u8,
    value: u8,
}

impl ImageError {
    /// The view column of the bad cell (0 = leftmost).
    pub fn x(&self) -> usize {
        usize::from(self.x)
    }

    /// The view row of the bad cell (0 = farthest).
    pub fn y(&self) -> usize {
        usize::from(self.y)
    }

    /// The channel holding the bad code: 0 type, 1 color, 2 state.
    pub fn channel(&self) -> usize {
        usize::from(self.channel)
    }

    /// The bad code.
    pub fn value(&self) -> u8 {
        self.value
    }
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.channel {
            0 => "object type (0..=10)",
            1 => "color (0..=5)",
            _ => "door state (0..=2)",
        };
        write!(
            f,
            "invalid BabyAI view image: cell ({}, {}) holds {} where a Minigrid {what} was expected",
            self.x, self.y, self.value
        )
    }
}

impl std::error::Error for ImageError {}

/// The raw `(type, color, state)` codes of view cell `(x, y)`.
#[inline]
pub(crate) fn raw(image: &[u8; VIEW_LEN], x: usize, y: usize) -> [u8; 3] {
    let i = (x * VIEW_SIZE + y) * 3;
    [image[i], image[i + 1], image[i + 2]]
}

/// The object type code of view cell `(x, y)`.
#[inline]
pub(crate) fn kind_at(image: &[u8; VIEW_LEN], x: usize, y: usize) -> u8 {
    image[(x * VIEW_SIZE + y) * 3]
}

/// The cell `(x, y)` of an image already checked by [`validate_image`], as an [`ObjCode`].
#[inline]
pub(crate) fn code_at(image: &[u8; VIEW_LEN], x: usize, y: usize) -> ObjCode {
    let [kind, color, state] = raw(image, x, y);
    ObjCode { kind, color, state }
}

/// Whether view cell `(x, y)` is described as an object (anything but unseen, empty and wall;
/// the agent's own cell holds the carried object and is never "seen").
#[inline]
pub(crate) fn is_described(kind: u8) -> bool {
    kind > WALL
}

/// Checks that every code a renderer reads is one Minigrid defines: every cell's type, and the
/// color (and, for doors, the state) of every cell a renderer names (anything but unseen, empty
/// and wall, including the carried object at the agent's cell). Colors of unseen, empty and wall
/// cells and states of non-doors are not read and not checked.
pub fn validate_image(image: &[u8; VIEW_LEN]) -> Result<(), ImageError> {
    for x in 0..VIEW_SIZE {
        for y in 0..VIEW_SIZE {
            let [kind, color, state] = raw(image, x, y);
            let bad = |channel: u8, value: u8| ImageError {
                x: x as u8,
                y: y as u8,
                channel,
                value,
            };
            if usize::from(kind) >= OBJECT_NAMES.len() {
                return Err(bad(0, kind));
            }
            if !is_described(kind) {
                continue;
            }
            if usize::from(color) >= COLOR_NAMES.len() {
                return Err(bad(1, color));
            }
            if kind == DOOR && usize::from(state) >= STATE_NAMES.len() {
                return Err(bad(2, state));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_minigrid_indices() {
        let door = ObjCode::new(4, 0, 0).unwrap();
        assert_eq!(
            (door.type_name(), door.color_name(), door.state_name()),
            ("door", "red", "open")
        );
        let ball = ObjCode::new(6, 5, 0).unwrap();
        assert_eq!((ball.type_name(), ball.color_name()), ("ball", "grey"));
        assert_eq!(ball.state_name(), "");
        assert_eq!(ObjCode::new(11, 0, 0), None);
        assert_eq!(ObjCode::new(5, 6, 0), None);
        assert_eq!(ObjCode::new(4, 1, 3), None);
        assert!(
            ObjCode::new(5, 1, 9).is_some(),
            "state of non-doors is ignored"
        );
    }

    #[test]
    fn validation_reports_the_cell() {
        let mut image = [0u8; VIEW_LEN];
        assert!(validate_image(&image).is_ok());
        let i = (2 * VIEW_SIZE + 5) * 3;
        image[i] = 4;
        image[i + 2] = 7;
        let err = validate_image(&image).unwrap_err();
        assert_eq!((err.x(), err.y(), err.channel(), err.value()), (2, 5, 2, 7));
        assert_eq!(
            err.to_string(),
            "invalid BabyAI view image: cell (2, 5) holds 7 where a Minigrid door state (0..=2) was expected"
        );
        image[i] = 200;
        assert_eq!(validate_image(&image).unwrap_err().channel(), 0);
    }
}
