//! The seven Minigrid actions.

/// A Minigrid action; the discriminant is the `Discrete(7)` index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Action {
    /// 0: turn counter-clockwise.
    Left = 0,
    /// 1: turn clockwise.
    Right = 1,
    /// 2: move one cell forward if the cell is empty or can be stood on.
    Forward = 2,
    /// 3: pick up the object in front (hands must be empty).
    Pickup = 3,
    /// 4: drop the carried object onto the empty cell in front.
    Drop = 4,
    /// 5: toggle the object in front (doors, boxes).
    Toggle = 5,
    /// 6: does nothing in the world (the verifier still runs).
    Done = 6,
}

/// Every action, in index order.
pub const ACTIONS: [Action; 7] = [
    Action::Left,
    Action::Right,
    Action::Forward,
    Action::Pickup,
    Action::Drop,
    Action::Toggle,
    Action::Done,
];

/// An action index outside `0..7`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidAction(pub u8);

impl core::fmt::Display for InvalidAction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "invalid action {} (expected 0..=6)", self.0)
    }
}

impl std::error::Error for InvalidAction {}

impl TryFrom<u8> for Action {
    type Error = InvalidAction;

    fn try_from(v: u8) -> Result<Action, InvalidAction> {
        ACTIONS.get(v as usize).copied().ok_or(InvalidAction(v))
    }
}

impl Action {
    /// Minigrid's action name (`"left"`, `"forward"`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Action::Left => "left",
            Action::Right => "right",
            Action::Forward => "forward",
            Action::Pickup => "pickup",
            Action::Drop => "drop",
            Action::Toggle => "toggle",
            Action::Done => "done",
        }
    }
}
