//! The mutable part of an episode: where the agent is, what it holds, which receptacles are
//! open, where each object is and which of its state facts hold.

use bitflags::bitflags;

mod check;

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

/// A many-to-many relation from objects to entities (receptacles or locations), stored as
/// one value per object plus a sorted list for the rare objects with more than one (ALFRED
/// objects can sit in two receptacles at once, e.g. a mug in a coffee machine on a countertop).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rel {
    first: Vec<u16>,
    extra: Vec<(u16, u16)>,
}

impl Rel {
    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.first.capacity() * 2 + self.extra.capacity() * 4
    }

    pub(crate) fn new(n: usize) -> Rel {
        Rel {
            first: vec![NONE; n],
            extra: Vec::new(),
        }
    }

    /// Whether `(o, x)` holds.
    pub fn contains(&self, o: u16, x: u16) -> bool {
        x != NONE
            && (self.first.get(o as usize) == Some(&x)
                || (!self.extra.is_empty() && self.extra.binary_search(&(o, x)).is_ok()))
    }

    /// Whether `o` is related to anything.
    pub fn any(&self, o: u16) -> bool {
        self.first.get(o as usize).is_some_and(|&x| x != NONE)
            || self.extra.iter().any(|&(p, _)| p == o)
    }

    /// Calls `f` for each `x` with `(o, x)`.
    pub fn each(&self, o: u16, mut f: impl FnMut(u16)) {
        if let Some(&x) = self.first.get(o as usize)
            && x != NONE
        {
            f(x);
        }
        for &(p, x) in &self.extra {
            if p == o {
                f(x);
            }
        }
    }

    /// Adds `(o, x)`; returns false if it already held.
    pub(crate) fn insert(&mut self, o: u16, x: u16) -> bool {
        if self.contains(o, x) {
            return false;
        }
        let slot = &mut self.first[o as usize];
        if *slot == NONE {
            *slot = x;
        } else if let Err(i) = self.extra.binary_search(&(o, x)) {
            self.extra.insert(i, (o, x));
        }
        true
    }

    /// Removes `(o, x)` if it holds.
    pub(crate) fn remove(&mut self, o: u16, x: u16) {
        if self.first.get(o as usize) == Some(&x) {
            self.first[o as usize] = NONE;
        } else if let Ok(i) = self.extra.binary_search(&(o, x)) {
            self.extra.remove(i);
        }
    }

    fn clone_from_rel(&mut self, src: &Rel) {
        self.first.clone_from(&src.first);
        self.extra.clone_from(&src.extra);
    }
}

/// A snapshot of an episode's changeable facts; `Clone` is a full snapshot (and
/// `clone_from` reuses the target's memory, so a reset does not allocate).
#[derive(Debug, PartialEq, Eq, Hash)]
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
    /// `inReceptacle` (object → receptacle).
    pub(crate) obj_in: Rel,
    /// `objectAtLocation` (object → location).
    pub(crate) obj_at: Rel,
    /// The negated `inReceptacle` facts TextWorld keeps (`not_inreceptacle o r`), as sorted
    /// `(object, receptacle)` pairs: `take o from r` adds one, putting `o` back into `r`
    /// removes it. `look` lists them (see [`crate::rules::describe_look`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) not_in: Vec<(u16, u16)>,
    /// Per object: its changeable facts.
    pub(crate) obj_state: Vec<ObjState>,
}

impl Clone for State {
    fn clone(&self) -> Self {
        State {
            agent_loc: self.agent_loc,
            held: self.held,
            holds_any: self.holds_any,
            opened: self.opened.clone(),
            obj_in: self.obj_in.clone(),
            obj_at: self.obj_at.clone(),
            not_in: self.not_in.clone(),
            obj_state: self.obj_state.clone(),
        }
    }

    fn clone_from(&mut self, src: &Self) {
        self.agent_loc = src.agent_loc;
        self.held = src.held;
        self.holds_any = src.holds_any;
        self.opened.clone_from(&src.opened);
        self.obj_in.clone_from_rel(&src.obj_in);
        self.obj_at.clone_from_rel(&src.obj_at);
        self.not_in.clone_from(&src.not_in);
        self.obj_state.clone_from(&src.obj_state);
    }
}

impl State {
    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.opened.capacity()
            + self.obj_in.heap_bytes()
            + self.obj_at.heap_bytes()
            + self.not_in.capacity() * 4
            + self.obj_state.capacity()
    }

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

    /// Whether object `o` is in receptacle `r` (`inReceptacle`).
    pub fn is_in(&self, o: u16, r: u16) -> bool {
        self.obj_in.contains(o, r)
    }

    /// The `inReceptacle` relation.
    pub fn in_receptacle(&self) -> &Rel {
        &self.obj_in
    }

    /// The `objectAtLocation` relation.
    pub fn object_at_location(&self) -> &Rel {
        &self.obj_at
    }

    /// Whether TextWorld holds the negated fact "`o` is not in `r`" (`o` was taken from `r`
    /// and not put back into it since).
    pub fn is_not_in(&self, o: u16, r: u16) -> bool {
        self.not_in.binary_search(&(o, r)).is_ok()
    }

    /// Records `take o from r`'s negated effect.
    pub(crate) fn add_not_in(&mut self, o: u16, r: u16) {
        if let Err(i) = self.not_in.binary_search(&(o, r)) {
            self.not_in.insert(i, (o, r));
        }
    }

    /// `put o in r` removes the negation of the fact it adds.
    pub(crate) fn remove_not_in(&mut self, o: u16, r: u16) {
        if let Ok(i) = self.not_in.binary_search(&(o, r)) {
            self.not_in.remove(i);
        }
    }

    /// Object `o`'s changeable facts.
    pub fn object_state(&self, o: u16) -> ObjState {
        self.obj_state.get(o as usize).copied().unwrap_or_default()
    }
}
