//! The mutable part of an episode: where the agent is, what it holds, which receptacles are
//! open, where each object is and which of its state facts hold.

use bitflags::bitflags;

/// "No entity" in the compact index fields.
pub(crate) const NONE: u16 = u16::MAX;

bitflags! {
    /// An object's changeable facts.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    pub struct ObjState: u8 {
        /// `isHot`
        const HOT = 1;
        /// `isCool`
        const COOL = 1 << 1;
        /// `isClean`
        const CLEAN = 1 << 2;
        /// `isSliced`
        const SLICED = 1 << 3;
        /// `isOn`
        const ON = 1 << 4;
        /// `isToggled` (never cleared once set)
        const TOGGLED = 1 << 5;
    }
}

/// A snapshot of an episode's changeable facts; `Clone` is a full snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct State {
    /// The agent's location index, or [`NONE`].
    pub(crate) agent_loc: u16,
    /// The held object's index, or [`NONE`].
    pub(crate) held: u16,
    /// `holdsAny` (kept apart from `held` as the domain does).
    pub(crate) holds_any: bool,
    /// Per receptacle: `opened`.
    pub(crate) opened: Vec<bool>,
    /// Per object: the receptacle of its `inReceptacle` fact, or [`NONE`].
    pub(crate) obj_in: Vec<u16>,
    /// Per object: the location of its `objectAtLocation` fact, or [`NONE`].
    pub(crate) obj_at: Vec<u16>,
    /// Per object: its changeable facts.
    pub(crate) obj_state: Vec<ObjState>,
}

impl State {
    /// The held object's index, if any.
    pub fn held(&self) -> Option<u16> {
        (self.held != NONE).then_some(self.held)
    }

    /// The agent's location index, if it has one.
    pub fn agent_location(&self) -> Option<u16> {
        (self.agent_loc != NONE).then_some(self.agent_loc)
    }

    /// Whether receptacle `r` is open.
    pub fn is_open(&self, r: u16) -> bool {
        self.opened.get(r as usize).copied().unwrap_or(false)
    }

    /// The receptacle object `o` is in, if any.
    pub fn receptacle_of(&self, o: u16) -> Option<u16> {
        self.obj_in
            .get(o as usize)
            .copied()
            .filter(|&r| r != NONE)
    }

    /// Object `o`'s changeable facts.
    pub fn object_state(&self, o: u16) -> ObjState {
        self.obj_state.get(o as usize).copied().unwrap_or_default()
    }
}
