//! The physical BabyAI world: grid, objects, rooms and the agent.
//!
//! Level generators build a [`World`] (grid + agent + room layout), then hand it with an
//! instruction to [`crate::BabyEnv::new`]. Everything here mirrors Minigrid 3.2.0's data
//! model; object identity (Python's `is`) is an [`ObjId`].
//!
//! ```
//! use babyai_core::world::{Cell, Color, Dir, Grid, Obj, ObjKind, RoomLayout, World};
//!
//! let layout = RoomLayout::new(6, 1, 1);
//! let mut grid = Grid::new(6, 6);
//! grid.wall_rect(0, 0, 6, 6);
//! let ball = grid.put_obj(3, 2, Obj::new(ObjKind::Ball, Color::Red));
//! let world = World::new(grid, layout, (2, 2), Dir::Right);
//! assert_eq!(world.front_pos(), (3, 2));
//! assert_eq!(world.grid.get(3, 2), Cell::Obj(ball));
//! ```

mod color;
mod grid;
mod object;
mod rooms;

pub(crate) use grid::codes;

pub use color::{COLOR_NAMES, COLORS_BY_IDX, Color};
pub use grid::{Cell, Grid, MAX_OBJS, MAX_SIDE};
pub use object::{DoorState, OFF_GRID, Obj, ObjId, ObjKind};
pub use rooms::RoomLayout;

/// Minigrid's agent direction; the discriminant is `agent_dir`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Dir {
    /// 0: towards +x.
    #[default]
    Right = 0,
    /// 1: towards +y.
    Down = 1,
    /// 2: towards -x.
    Left = 2,
    /// 3: towards -y.
    Up = 3,
}

impl Dir {
    /// The direction with index `idx mod 4` (so `Dir::from_idx(rand_int(0, 4))` works).
    pub const fn from_idx(idx: u8) -> Dir {
        match idx & 3 {
            0 => Dir::Right,
            1 => Dir::Down,
            2 => Dir::Left,
            _ => Dir::Up,
        }
    }

    /// Minigrid's `DIR_TO_VEC[dir]`.
    pub const fn vec(self) -> (i32, i32) {
        match self {
            Dir::Right => (1, 0),
            Dir::Down => (0, 1),
            Dir::Left => (-1, 0),
            Dir::Up => (0, -1),
        }
    }

    /// Minigrid's `right_vec`: `(-dy, dx)`.
    pub const fn right_vec(self) -> (i32, i32) {
        let (dx, dy) = self.vec();
        (-dy, dx)
    }

    /// Turned counter-clockwise (action `left`).
    pub const fn left(self) -> Dir {
        Dir::from_idx((self as u8).wrapping_add(3))
    }

    /// Turned clockwise (action `right`).
    pub const fn right(self) -> Dir {
        Dir::from_idx(self as u8 + 1)
    }
}

/// The physical state: grid with objects, room layout, and the agent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct World {
    /// Cells and objects.
    pub grid: Grid,
    /// Room geometry (for location descriptors and level generation).
    pub layout: RoomLayout,
    /// Agent cell `(x, y)`.
    pub agent_pos: (i32, i32),
    /// Agent direction.
    pub agent_dir: Dir,
    /// The carried object (off the grid while carried).
    pub carrying: Option<ObjId>,
}

impl World {
    /// A world with the agent at `agent_pos` facing `agent_dir`, carrying nothing.
    pub fn new(grid: Grid, layout: RoomLayout, agent_pos: (i32, i32), agent_dir: Dir) -> World {
        World {
            grid,
            layout,
            agent_pos,
            agent_dir,
            carrying: None,
        }
    }

    /// The cell in front of the agent (Minigrid's `front_pos`).
    #[inline]
    pub fn front_pos(&self) -> (i32, i32) {
        let (dx, dy) = self.agent_dir.vec();
        (self.agent_pos.0 + dx, self.agent_pos.1 + dy)
    }

    /// The room `(i, j)` the agent is in (Minigrid's `room_from_pos(agent_pos)`).
    pub fn agent_room(&self) -> (i32, i32) {
        self.layout
            .room_from_pos(self.agent_pos.0, self.agent_pos.1)
    }
}
