//! The six Minigrid colours and their two orders.

/// A Minigrid colour. The discriminant is Minigrid's `COLOR_TO_IDX` (the observation code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Color {
    /// `red`, code 0.
    Red = 0,
    /// `green`, code 1.
    Green = 1,
    /// `blue`, code 2.
    Blue = 2,
    /// `purple`, code 3.
    Purple = 3,
    /// `yellow`, code 4.
    Yellow = 4,
    /// `grey`, code 5.
    Grey = 5,
}

/// Colours in `COLOR_TO_IDX` order (index = observation code).
pub const COLORS_BY_IDX: [Color; 6] = [
    Color::Red,
    Color::Green,
    Color::Blue,
    Color::Purple,
    Color::Yellow,
    Color::Grey,
];

/// Minigrid's `COLOR_NAMES = sorted(COLORS)`: the order every random colour draw
/// (`_rand_color`, `_rand_elem(COLOR_NAMES)`) indexes into. Not the code order!
pub const COLOR_NAMES: [Color; 6] = [
    Color::Blue,
    Color::Green,
    Color::Grey,
    Color::Purple,
    Color::Red,
    Color::Yellow,
];

impl Color {
    /// The colour with observation code `idx` (`COLOR_TO_IDX`), if any.
    pub const fn from_idx(idx: u8) -> Option<Color> {
        if (idx as usize) < COLORS_BY_IDX.len() {
            Some(COLORS_BY_IDX[idx as usize])
        } else {
            None
        }
    }

    /// The observation code (`COLOR_TO_IDX`).
    pub const fn idx(self) -> u8 {
        self as u8
    }

    /// The lower-case English name Minigrid uses (`"red"`, ...).
    pub const fn name(self) -> &'static str {
        text_render::babyai::COLOR_NAMES[self as usize]
    }

    /// The colour with this English name, if any.
    pub fn from_name(name: &str) -> Option<Color> {
        COLORS_BY_IDX.iter().copied().find(|c| c.name() == name)
    }
}

impl core::fmt::Display for Color {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
