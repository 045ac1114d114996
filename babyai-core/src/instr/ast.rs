//! The instruction AST: object descriptions and instructions.

use crate::world::{Color, ObjKind};

/// A location qualifier, relative to the agent's pose when the mission is bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Loc {
    /// `"on your left"`.
    Left,
    /// `"on your right"`.
    Right,
    /// `"in front of you"`.
    Front,
    /// `"behind you"`.
    Behind,
}

/// Minigrid's `LOC_NAMES` order (`["left", "right", "front", "behind"]`), for sampling.
pub const LOC_NAMES: [Loc; 4] = [Loc::Left, Loc::Right, Loc::Front, Loc::Behind];

/// Minigrid's `OBJ_TYPES` order (`["box", "ball", "key", "door"]`), for sampling.
pub const OBJ_TYPES: [ObjKind; 4] = [ObjKind::Box, ObjKind::Ball, ObjKind::Key, ObjKind::Door];

/// Minigrid's `OBJ_TYPES_NOT_DOOR` order (`["box", "ball", "key"]`), for sampling.
pub const OBJ_TYPES_NOT_DOOR: [ObjKind; 3] = [ObjKind::Box, ObjKind::Ball, ObjKind::Key];

/// Minigrid's `ObjDesc`: a description matching a set of objects.
///
/// `kind: None` is the word "object" and matches any non-empty cell (walls included, as
/// in Minigrid, which only changes the article: "pick up a grey object").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjDesc {
    /// Object type, or `None` for "object".
    pub kind: Option<ObjKind>,
    /// Colour, or `None` for any colour.
    pub color: Option<Color>,
    /// Location qualifier, or `None`.
    pub loc: Option<Loc>,
}

impl ObjDesc {
    /// `ObjDesc(type, color)` without location.
    pub const fn new(kind: Option<ObjKind>, color: Option<Color>) -> ObjDesc {
        ObjDesc {
            kind,
            color,
            loc: None,
        }
    }

    /// The same description with location `loc`.
    pub const fn with_loc(mut self, loc: Option<Loc>) -> ObjDesc {
        self.loc = loc;
        self
    }
}

/// A BabyAI instruction (Minigrid's `verifier.py` classes).
///
/// `strict` is the constructor flag of the `*Debug` levels: picking up / opening the wrong
/// object, or completing the second part of a sequence first, fails the episode.
/// Sequence children must be actions or `And` (as Minigrid asserts); `And` children must be
/// actions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Instr {
    /// `"go to " D`: succeeds after any action that leaves the agent facing a match.
    GoTo(ObjDesc),
    /// `"pick up " D`.
    Pickup {
        /// What to pick up.
        desc: ObjDesc,
        /// Fail when something else is picked up.
        strict: bool,
    },
    /// `"open " D` (a door description).
    Open {
        /// Which door.
        desc: ObjDesc,
        /// Fail when another door is toggled.
        strict: bool,
    },
    /// `"put " MOVE " next to " FIXED`.
    PutNext {
        /// The object to move.
        moved: ObjDesc,
        /// The object to put it next to.
        fixed: ObjDesc,
        /// Fail on any pickup of the wrong object.
        strict: bool,
    },
    /// `A " and " B`, in any order.
    And(Box<Instr>, Box<Instr>),
    /// `A ", then " B`: A first.
    Before {
        /// First part.
        a: Box<Instr>,
        /// Second part.
        b: Box<Instr>,
        /// Fail when B completes before A.
        strict: bool,
    },
    /// `A " after you " B`: B first.
    After {
        /// Second part (written first).
        a: Box<Instr>,
        /// First part (written second).
        b: Box<Instr>,
        /// Fail when A completes before B.
        strict: bool,
    },
}

impl Instr {
    /// `GoToInstr(desc)`.
    pub fn go_to(desc: ObjDesc) -> Instr {
        Instr::GoTo(desc)
    }

    /// `PickupInstr(desc)` (not strict).
    pub fn pickup(desc: ObjDesc) -> Instr {
        Instr::Pickup {
            desc,
            strict: false,
        }
    }

    /// `OpenInstr(desc)` (not strict).
    pub fn open(desc: ObjDesc) -> Instr {
        Instr::Open {
            desc,
            strict: false,
        }
    }

    /// `PutNextInstr(moved, fixed)` (not strict).
    pub fn put_next(moved: ObjDesc, fixed: ObjDesc) -> Instr {
        Instr::PutNext {
            moved,
            fixed,
            strict: false,
        }
    }

    /// `AndInstr(a, b)`.
    pub fn and(a: Instr, b: Instr) -> Instr {
        Instr::And(Box::new(a), Box::new(b))
    }

    /// `BeforeInstr(a, b)` (not strict).
    pub fn before(a: Instr, b: Instr) -> Instr {
        Instr::Before {
            a: Box::new(a),
            b: Box::new(b),
            strict: false,
        }
    }

    /// `AfterInstr(a, b)` (not strict).
    pub fn after(a: Instr, b: Instr) -> Instr {
        Instr::After {
            a: Box::new(a),
            b: Box::new(b),
            strict: false,
        }
    }

    /// The same node with its `strict` flag set to `strict` (no effect on GoTo and And,
    /// which have none). Children are unchanged.
    pub fn with_strict(mut self, value: bool) -> Instr {
        match &mut self {
            Instr::Pickup { strict, .. }
            | Instr::Open { strict, .. }
            | Instr::PutNext { strict, .. }
            | Instr::Before { strict, .. }
            | Instr::After { strict, .. } => *strict = value,
            Instr::GoTo(_) | Instr::And(..) => {}
        }
        self
    }

    /// Whether this is an action (GoTo, Pickup, Open, PutNext) rather than a combination.
    pub fn is_action(&self) -> bool {
        matches!(
            self,
            Instr::GoTo(_) | Instr::Pickup { .. } | Instr::Open { .. } | Instr::PutNext { .. }
        )
    }

    /// The object descriptions of an action, in Minigrid's attribute order (`desc`, or
    /// `desc_move` then `desc_fixed`); empty for combinations.
    pub fn descs(&self) -> impl Iterator<Item = &ObjDesc> {
        let pair: [Option<&ObjDesc>; 2] = match self {
            Instr::GoTo(d) => [Some(d), None],
            Instr::Pickup { desc, .. } | Instr::Open { desc, .. } => [Some(desc), None],
            Instr::PutNext { moved, fixed, .. } => [Some(moved), Some(fixed)],
            _ => [None, None],
        };
        pair.into_iter().flatten()
    }

    /// Minigrid's `num_navs_needed`: PutNext 2, other actions 1, combinations the sum.
    pub fn num_navs(&self) -> u32 {
        match self {
            Instr::PutNext { .. } => 2,
            Instr::GoTo(_) | Instr::Pickup { .. } | Instr::Open { .. } => 1,
            Instr::And(a, b) | Instr::Before { a, b, .. } | Instr::After { a, b, .. } => {
                a.num_navs() + b.num_navs()
            }
        }
    }
}
