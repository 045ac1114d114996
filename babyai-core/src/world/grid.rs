//! The grid: a compact cell array plus a table of objects with stable identities.

use super::{Color, Obj, ObjId, ObjKind};

mod check;

/// Largest grid side this crate accepts (BabyAI's largest level is 22 x 22).
pub const MAX_SIDE: usize = 64;

/// Largest number of objects one grid can hold (ids 0..=253).
pub const MAX_OBJS: usize = 254;

/// What a grid cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Nothing (Minigrid's `None`; encodes as `(1, 0, 0)`).
    Empty,
    /// A plain grey wall (the only wall BabyAI builds; has no identity of its own,
    /// it is identified by its position). Walls of other colours are objects.
    Wall,
    /// An object from the grid's object table.
    Obj(ObjId),
}

const EMPTY: u8 = 0;
const WALL: u8 = 1;
const OBJ_BASE: u8 = 2;

/// A `width x height` Minigrid grid, stored row-major (`y * width + x`), one byte per cell.
///
/// Objects live in a table owned by the grid and are referred to by [`ObjId`]; a cell holds
/// at most one object. Removing an object from a cell keeps it in the table (it may be
/// carried, or put back), so ids are stable for the whole episode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Grid {
    width: u8,
    height: u8,
    cells: Vec<u8>,
    objs: Vec<Obj>,
}

impl Grid {
    /// An empty grid. Sides are clamped to `1..=MAX_SIDE`.
    pub fn new(width: usize, height: usize) -> Grid {
        let w = width.clamp(1, MAX_SIDE);
        let h = height.clamp(1, MAX_SIDE);
        Grid {
            width: w as u8,
            height: h as u8,
            cells: vec![EMPTY; w * h],
            objs: Vec::new(),
        }
    }

    /// Width in cells.
    pub fn width(&self) -> i32 {
        self.width as i32
    }

    /// Height in cells.
    pub fn height(&self) -> i32 {
        self.height as i32
    }

    /// Whether `(x, y)` lies on the grid.
    #[inline]
    pub fn in_bounds(&self, x: i32, y: i32) -> bool {
        x >= 0 && y >= 0 && x < self.width as i32 && y < self.height as i32
    }

    #[inline]
    fn decode(raw: u8) -> Cell {
        match raw {
            EMPTY => Cell::Empty,
            WALL => Cell::Wall,
            k => Cell::Obj(ObjId(k - OBJ_BASE)),
        }
    }

    /// The cell at `(x, y)`. Off-grid positions read as [`Cell::Wall`], like Minigrid's
    /// view slicing (Minigrid itself asserts; no BabyAI level reads off the grid).
    #[inline]
    pub fn get(&self, x: i32, y: i32) -> Cell {
        if self.in_bounds(x, y) {
            Self::decode(self.cells[(y * self.width as i32 + x) as usize])
        } else {
            Cell::Wall
        }
    }

    /// The object at `(x, y)`, if the cell holds one.
    #[inline]
    pub fn obj_at(&self, x: i32, y: i32) -> Option<ObjId> {
        match self.get(x, y) {
            Cell::Obj(id) => Some(id),
            _ => None,
        }
    }

    /// Puts `cell` at `(x, y)` (Minigrid's `Grid.set`: does not touch the object's
    /// `cur_pos`). Off-grid positions are ignored.
    #[inline]
    pub fn set(&mut self, x: i32, y: i32, cell: Cell) {
        if self.in_bounds(x, y) {
            let raw = match cell {
                Cell::Empty => EMPTY,
                Cell::Wall => WALL,
                Cell::Obj(id) => id.0 + OBJ_BASE,
            };
            self.cells[(y * self.width as i32 + x) as usize] = raw;
        }
    }

    /// Adds `obj` to the object table (not to any cell) and returns its identity,
    /// or `None` when the table already holds [`MAX_OBJS`] objects.
    pub fn try_add_obj(&mut self, obj: Obj) -> Option<ObjId> {
        if self.objs.len() >= MAX_OBJS {
            return None;
        }
        self.objs.push(obj);
        Some(ObjId((self.objs.len() - 1) as u8))
    }

    /// Adds `obj` to the object table (not to any cell) and returns its identity.
    ///
    /// # Panics
    /// When the table already holds [`MAX_OBJS`] objects (no BabyAI level comes close;
    /// use [`Grid::try_add_obj`] for untrusted input).
    pub fn add_obj(&mut self, obj: Obj) -> ObjId {
        self.try_add_obj(obj).expect("grid object table full")
    }

    /// Adds `obj`, puts it at `(x, y)` and sets its `cur_pos` (Minigrid's `put_obj` /
    /// the end of `place_obj`). Returns its identity.
    ///
    /// # Panics
    /// As [`Grid::add_obj`].
    pub fn put_obj(&mut self, x: i32, y: i32, obj: Obj) -> ObjId {
        let id = self.add_obj(obj);
        self.set(x, y, Cell::Obj(id));
        self.objs[id.index()].cur_pos = (x as i8, y as i8);
        id
    }

    /// The object with identity `id`.
    ///
    /// # Panics
    /// If `id` was not returned by this grid.
    #[inline]
    pub fn obj(&self, id: ObjId) -> &Obj {
        &self.objs[id.index()]
    }

    /// Mutable access to the object with identity `id`.
    ///
    /// # Panics
    /// If `id` was not returned by this grid.
    #[inline]
    pub fn obj_mut(&mut self, id: ObjId) -> &mut Obj {
        &mut self.objs[id.index()]
    }

    /// Every object in the table, on the grid or not, in id order.
    pub fn objs(&self) -> impl Iterator<Item = (ObjId, &Obj)> {
        self.objs
            .iter()
            .enumerate()
            .map(|(i, o)| (ObjId(i as u8), o))
    }

    /// The raw cell bytes, row-major: 0 empty, 1 wall, `2 + id` an object (for the view).
    #[inline]
    pub(crate) fn raw_cells(&self) -> &[u8] {
        &self.cells
    }

    /// How many cells hold an object (eight cells at a time: a byte holds an object when a
    /// bit other than its lowest is set).
    pub(crate) fn object_cells(&self) -> usize {
        const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut chunks = self.cells.chunks_exact(8);
        let mut n = 0;
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            let x = word & 0xFEFE_FEFE_FEFE_FEFE;
            n += ((((x & LOW7) + LOW7) | x) & HIGH).count_ones() as usize;
        }
        n + chunks
            .remainder()
            .iter()
            .filter(|&&b| b >= OBJ_BASE)
            .count()
    }

    /// The object table in id order (for the view).
    #[inline]
    pub(crate) fn obj_table(&self) -> &[Obj] {
        &self.objs
    }

    /// Number of objects in the table.
    pub fn num_objs(&self) -> usize {
        self.objs.len()
    }

    /// Minigrid's `horz_wall(x, y, length)`: grey walls from `(x, y)` to `(x+length-1, y)`.
    pub fn horz_wall(&mut self, x: i32, y: i32, length: i32) {
        for i in 0..length {
            self.set(x + i, y, Cell::Wall);
        }
    }

    /// Minigrid's `vert_wall(x, y, length)`: grey walls from `(x, y)` to `(x, y+length-1)`.
    pub fn vert_wall(&mut self, x: i32, y: i32, length: i32) {
        for j in 0..length {
            self.set(x, y + j, Cell::Wall);
        }
    }

    /// Minigrid's `wall_rect(x, y, w, h)`: the outline of a `w x h` rectangle.
    pub fn wall_rect(&mut self, x: i32, y: i32, w: i32, h: i32) {
        self.horz_wall(x, y, w);
        self.horz_wall(x, y + h - 1, w);
        self.vert_wall(x, y, h);
        self.vert_wall(x + w - 1, y, h);
    }

    /// The 3-byte Minigrid encoding of the cell at `(x, y)` (empty = `(1, 0, 0)`,
    /// off-grid = grey wall).
    #[inline]
    pub fn encode_cell(&self, x: i32, y: i32) -> [u8; 3] {
        self.encode(self.get(x, y))
    }

    /// The 3-byte Minigrid encoding of `cell`.
    #[inline]
    pub fn encode(&self, cell: Cell) -> [u8; 3] {
        match cell {
            Cell::Empty => [1, 0, 0],
            Cell::Wall => [ObjKind::Wall as u8, Color::Grey as u8, 0],
            Cell::Obj(id) => self.objs[id.index()].encode(),
        }
    }

    /// Whether `cell` lets sight through (Minigrid's `see_behind`; empty cells do).
    #[inline]
    pub fn see_behind(&self, cell: Cell) -> bool {
        match cell {
            Cell::Empty => true,
            Cell::Wall => false,
            Cell::Obj(id) => self.objs[id.index()].see_behind(),
        }
    }

    /// Kind and colour of `cell` (`None` for empty), walls being grey walls.
    #[inline]
    pub fn kind_color(&self, cell: Cell) -> Option<(ObjKind, Color)> {
        match cell {
            Cell::Empty => None,
            Cell::Wall => Some((ObjKind::Wall, Color::Grey)),
            Cell::Obj(id) => {
                let o = &self.objs[id.index()];
                Some((o.kind, o.color))
            }
        }
    }
    /// Clears to an empty `width x height` grid (sides clamped like [`Grid::new`]), keeping
    /// the allocations: the same result as `*self = Grid::new(width, height)`.
    pub fn reinit(&mut self, width: usize, height: usize) {
        let w = width.clamp(1, MAX_SIDE);
        let h = height.clamp(1, MAX_SIDE);
        self.width = w as u8;
        self.height = h as u8;
        self.cells.clear();
        self.cells.resize(w * h, EMPTY);
        self.objs.clear();
    }
}
