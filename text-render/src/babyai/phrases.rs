//! BALROG's phrase fragments, spelled out once at compile time: the object phrases
//! (`"a red ball"`, `"a locked blue door"`) and the position phrase of every view cell
//! (`" 1 step left and 2 steps forward"`), so a renderer appends whole fragments instead of
//! assembling words and digits.

use super::codes::DOOR;
use super::{VIEW_LEN, VIEW_SIZE};

/// The six colors in `COLOR_TO_IDX` order, each followed by `$name`, after `$prefix`.
macro_rules! colored {
    ($prefix:literal, $name:literal) => {
        [
            concat!($prefix, "red ", $name),
            concat!($prefix, "green ", $name),
            concat!($prefix, "blue ", $name),
            concat!($prefix, "purple ", $name),
            concat!($prefix, "yellow ", $name),
            concat!($prefix, "grey ", $name),
        ]
    };
}

/// `"a {color} {type}"` by `[type][color]` code, as BALROG names a carried object and any
/// seen object but a door. Unseen, empty and wall (codes 0 to 2) are never named: `""`.
pub(crate) const OBJECTS: [[&str; 6]; 11] = [
    [""; 6],
    [""; 6],
    [""; 6],
    colored!("a ", "floor"),
    colored!("a ", "door"),
    colored!("a ", "key"),
    colored!("a ", "ball"),
    colored!("a ", "box"),
    colored!("a ", "goal"),
    colored!("a ", "lava"),
    colored!("a ", "agent"),
];

/// `"a {state} {color} door"` by `[state][color]` code, as BALROG names a seen door (always
/// "a", so "a open red door").
pub(crate) const DOORS: [[&str; 6]; 3] = [
    colored!("a open ", "door"),
    colored!("a closed ", "door"),
    colored!("a locked ", "door"),
];

/// `"an {state} {color} door"` by `[state][color]` code, with the article English wants
/// ("an open red door"): [`super::describe_full`]'s wording.
pub(crate) const DOORS_AN: [[&str; 6]; 3] = [
    colored!("an open ", "door"),
    colored!("a closed ", "door"),
    colored!("a locked ", "door"),
];

/// The phrase of the object at view cell `cell` (an index `x * 7 + y` of a described
/// cell of a validated image), doors from `doors` ([`DOORS`] or [`DOORS_AN`]).
pub(crate) fn object(
    image: &[u8; VIEW_LEN],
    cell: usize,
    doors: [[&'static str; 6]; 3],
) -> &'static str {
    let [kind, color, state] = [image[cell * 3], image[cell * 3 + 1], image[cell * 3 + 2]];
    if kind == DOOR {
        doors[usize::from(state)][usize::from(color)]
    } else {
        OBJECTS[usize::from(kind)][usize::from(color)]
    }
}

/// Columns relative to the agent's, by view column `x`: `"3 steps left"` ... `"straight
/// ahead"` ... `"3 steps right"`.
pub(crate) const SIDE: [&str; VIEW_SIZE] = [
    "3 steps left",
    "2 steps left",
    "1 step left",
    "straight ahead",
    "1 step right",
    "2 steps right",
    "3 steps right",
];

/// Rows relative to the agent's, by view row `y`: `"6 steps forward"` ... `"level with you"`.
pub(crate) const AHEAD: [&str; VIEW_SIZE] = [
    "6 steps forward",
    "5 steps forward",
    "4 steps forward",
    "3 steps forward",
    "2 steps forward",
    "1 step forward",
    "level with you",
];

/// The position phrases of the cells of view column `x`, rows `y = 0..=6` (far to near),
/// after the column's own phrase `$side` (`" 2 steps left"`).
macro_rules! beside {
    ($side:literal) => {
        [
            concat!($side, " and 6 steps forward"),
            concat!($side, " and 5 steps forward"),
            concat!($side, " and 4 steps forward"),
            concat!($side, " and 3 steps forward"),
            concat!($side, " and 2 steps forward"),
            concat!($side, " and 1 step forward"),
            $side,
        ]
    };
}

/// BALROG's position phrase of view cell `(x, y)`, with a leading space, indexed by the cell
/// index `x * 7 + y`: `" 2 steps forward"`, `" 1 step left"`,
/// `" 1 step right and 2 steps forward"`. The agent's own cell `(3, 6)` has none: `""`.
pub(crate) const WHERE: [&str; VIEW_SIZE * VIEW_SIZE] = flatten([
    beside!(" 3 steps left"),
    beside!(" 2 steps left"),
    beside!(" 1 step left"),
    [
        " 6 steps forward",
        " 5 steps forward",
        " 4 steps forward",
        " 3 steps forward",
        " 2 steps forward",
        " 1 step forward",
        "",
    ],
    beside!(" 1 step right"),
    beside!(" 2 steps right"),
    beside!(" 3 steps right"),
]);

const fn flatten(columns: [[&'static str; VIEW_SIZE]; VIEW_SIZE]) -> [&'static str; 49] {
    let mut flat = [""; VIEW_SIZE * VIEW_SIZE];
    let mut i = 0;
    while i < flat.len() {
        flat[i] = columns[i / VIEW_SIZE][i % VIEW_SIZE];
        i += 1;
    }
    flat
}

/// The longest line BALROG writes for one view cell, in bytes: `"You see "`, the longest
/// object phrase and the longest position phrase.
pub(crate) const MAX_LINE: usize = 8 + 20 + 34;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_line_bounds_every_phrase() {
        let object = OBJECTS
            .iter()
            .chain(&DOORS)
            .flatten()
            .map(|s| s.len())
            .max();
        let place = WHERE.iter().map(|s| s.len()).max();
        assert_eq!(object, Some(20));
        assert_eq!(place, Some(34));
        assert!("You carry ".len() + 20 <= MAX_LINE);
    }

    #[test]
    fn positions_follow_the_view_layout() {
        assert_eq!(WHERE[3 * 7 + 4], " 2 steps forward");
        assert_eq!(WHERE[2 * 7 + 6], " 1 step left");
        assert_eq!(WHERE[4 * 7 + 4], " 1 step right and 2 steps forward");
        assert_eq!(WHERE[0], " 3 steps left and 6 steps forward");
        assert_eq!(WHERE[3 * 7 + 6], "");
    }
}
