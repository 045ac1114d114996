//! World objects: kinds, door states and the per-object record.

use super::Color;

/// The kind of a world object; the discriminant is Minigrid's `OBJECT_TO_IDX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum ObjKind {
    /// A wall (opaque, blocks movement).
    Wall = 2,
    /// A floor tile (walkable, decorative).
    Floor = 3,
    /// A door; see [`DoorState`].
    Door = 4,
    /// A key (can be carried; opens the locked door of its colour).
    Key = 5,
    /// A ball (can be carried).
    Ball = 6,
    /// A box (can be carried; toggling replaces it by its contents).
    Box = 7,
    /// A goal square (walkable; stepping on it terminates with reward).
    Goal = 8,
    /// Lava (walkable; stepping on it terminates with reward 0).
    Lava = 9,
}

impl ObjKind {
    /// The kind with observation code `idx`, if it is a world object (2..=9).
    pub const fn from_idx(idx: u8) -> Option<ObjKind> {
        Some(match idx {
            2 => ObjKind::Wall,
            3 => ObjKind::Floor,
            4 => ObjKind::Door,
            5 => ObjKind::Key,
            6 => ObjKind::Ball,
            7 => ObjKind::Box,
            8 => ObjKind::Goal,
            9 => ObjKind::Lava,
            _ => return None,
        })
    }

    /// The observation code (`OBJECT_TO_IDX`).
    pub const fn idx(self) -> u8 {
        self as u8
    }

    /// Minigrid's type name (`"door"`, `"key"`, ...), from Minigrid's `IDX_TO_OBJECT` table
    /// (`text_render::babyai::OBJECT_NAMES`).
    pub const fn name(self) -> &'static str {
        text_render::babyai::OBJECT_NAMES[self as usize]
    }

    /// Whether the agent can carry objects of this kind (key, ball, box).
    pub const fn can_pickup(self) -> bool {
        matches!(self, ObjKind::Key | ObjKind::Ball | ObjKind::Box)
    }
}

/// The state of a door; the discriminant is Minigrid's `STATE_TO_IDX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum DoorState {
    /// Open: walkable and transparent. Also the state code 0 of every non-door object.
    #[default]
    Open = 0,
    /// Closed: blocks movement and sight; toggling opens it.
    Closed = 1,
    /// Locked: like closed; only a same-colour key in hand opens it (and it stays unlocked).
    Locked = 2,
}

impl DoorState {
    /// The state with code `idx` (0 open, 1 closed, 2 locked), if any.
    pub const fn from_idx(idx: u8) -> Option<DoorState> {
        match idx {
            0 => Some(DoorState::Open),
            1 => Some(DoorState::Closed),
            2 => Some(DoorState::Locked),
            _ => None,
        }
    }
}

/// The identity of an object in a [`super::Grid`]'s object table.
///
/// Minigrid's verifier tracks objects by Python identity (`cell is obj`); an `ObjId` is that
/// identity. Ids are never reused within a grid: an object that leaves the grid (carried,
/// or a box's contents before the box is opened) keeps its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjId(pub u8);

impl ObjId {
    /// The index of this object in the grid's object table.
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// `cur_pos` value of an object that is not on the grid (Minigrid's `(-1, -1)`, or `None`
/// for a never-placed object: both behave the same for the verifier).
pub const OFF_GRID: (i8, i8) = (-1, -1);

/// One world object (every grid content except the plain grey wall and emptiness).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Obj {
    /// What it is.
    pub kind: ObjKind,
    /// Its colour.
    pub color: Color,
    /// Door state (always [`DoorState::Open`], code 0, for non-doors).
    pub door: DoorState,
    /// For a box: the object it contains (not on the grid until the box is toggled).
    pub contains: Option<ObjId>,
    /// Minigrid's `cur_pos`: set by `place_obj`/drop, `(-1, -1)` after a pickup.
    /// Read by the PutNext verifier; not updated by a plain `Grid::set`, as in Minigrid.
    pub cur_pos: (i8, i8),
}

impl Obj {
    /// A new object of `kind` and `color` (doors start closed; use [`Obj::door`] otherwise).
    pub const fn new(kind: ObjKind, color: Color) -> Obj {
        let door = if matches!(kind, ObjKind::Door) {
            DoorState::Closed
        } else {
            DoorState::Open
        };
        Obj {
            kind,
            color,
            door,
            contains: None,
            cur_pos: OFF_GRID,
        }
    }

    /// A door of `color` in `state`.
    pub const fn door(color: Color, state: DoorState) -> Obj {
        Obj {
            kind: ObjKind::Door,
            color,
            door: state,
            contains: None,
            cur_pos: OFF_GRID,
        }
    }

    /// Minigrid's `can_overlap`: the agent may stand on it (open door, floor, goal, lava).
    pub const fn can_overlap(&self) -> bool {
        match self.kind {
            ObjKind::Door => matches!(self.door, DoorState::Open),
            ObjKind::Floor | ObjKind::Goal | ObjKind::Lava => true,
            _ => false,
        }
    }

    /// Minigrid's `see_behind`: false for walls and closed or locked doors.
    pub const fn see_behind(&self) -> bool {
        match self.kind {
            ObjKind::Wall => false,
            ObjKind::Door => matches!(self.door, DoorState::Open),
            _ => true,
        }
    }

    /// The 3-byte Minigrid encoding `(type, color, state)`.
    pub const fn encode(&self) -> [u8; 3] {
        let state = if matches!(self.kind, ObjKind::Door) {
            self.door as u8
        } else {
            0
        };
        [self.kind as u8, self.color as u8, state]
    }
}
