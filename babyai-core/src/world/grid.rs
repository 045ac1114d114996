//! The grid: a compact cell array plus a table of objects with stable identities.

use super::{Color, Obj, ObjId, ObjKind};

mod check;
pub(crate) mod codes;

use codes::{EMPTY_CODE, PAD, WALL_CODE, obj_code};

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
///
/// Beside the cells the grid keeps, for the view, a *code plane*: each cell's observation
/// encoding as one byte (see `codes`), in rows of stride `width + 6` with six wall codes
/// before, between and after the rows, so any 7-cell line of a view is one 8-byte load.
/// Every mutation through the grid keeps it current, except [`Grid::obj_mut`] (and putting
/// an id the table does not hold yet into a cell), which only marks it stale: the env
/// re-derives it when built and before its next step, and a stale plane is never read (the
/// view then decodes cell by cell).
/// Equality, hashing and the serialised form cover the cells and objects only.
#[derive(Clone, Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "serial::GridRepr", into = "serial::GridRepr")
)]
pub struct Grid {
    width: u8,
    height: u8,
    /// Whether `codes` may disagree with `cells`/`objs` (set by `obj_mut`).
    stale: bool,
    cells: Vec<u8>,
    objs: Vec<Obj>,
    codes: Vec<u8>,
}

impl PartialEq for Grid {
    fn eq(&self, other: &Grid) -> bool {
        self.width == other.width
            && self.height == other.height
            && self.cells == other.cells
            && self.objs == other.objs
    }
}

impl Eq for Grid {}

impl core::hash::Hash for Grid {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.width.hash(state);
        self.height.hash(state);
        self.cells.hash(state);
        self.objs.hash(state);
    }
}

impl Grid {
    /// An empty grid. Sides are clamped to `1..=MAX_SIDE`.
    pub fn new(width: usize, height: usize) -> Grid {
        let w = width.clamp(1, MAX_SIDE);
        let h = height.clamp(1, MAX_SIDE);
        let mut g = Grid {
            width: w as u8,
            height: h as u8,
            stale: false,
            cells: vec![EMPTY; w * h],
            objs: Vec::new(),
            codes: Vec::new(),
        };
        g.blank_codes();
        g
    }

    /// Row stride of the code plane.
    #[inline]
    pub(crate) fn stride(&self) -> usize {
        self.width as usize + PAD
    }

    /// Index in the code plane of on-grid cell `(x, y)`.
    #[inline]
    fn code_index(&self, x: usize, y: usize) -> usize {
        PAD + y * self.stride() + x
    }

    /// Resets the code plane to walls around empty rows (matches all-empty cells).
    fn blank_codes(&mut self) {
        let (w, h) = (self.width as usize, self.height as usize);
        let stride = w + PAD;
        self.codes.clear();
        self.codes.resize(PAD + h * stride, WALL_CODE);
        for y in 0..h {
            let start = PAD + y * stride;
            self.codes[start..start + w].fill(EMPTY_CODE);
        }
        self.stale = false;
    }

    /// The code of raw cell byte `raw` (an unknown object reads as a wall).
    #[inline]
    fn raw_code(&self, raw: u8) -> u8 {
        match raw {
            EMPTY => EMPTY_CODE,
            WALL => WALL_CODE,
            k => self
                .objs
                .get((k - OBJ_BASE) as usize)
                .map_or(WALL_CODE, obj_code),
        }
    }

    /// Re-derives the code plane from the cells and objects (after [`Grid::obj_mut`]).
    ///
    /// Only object cells can be stale (every other cell's code is written by
    /// [`Grid::set`]), so eight cells at a time are skipped unless one holds an object.
    pub(crate) fn sync_codes(&mut self) {
        let (w, h) = (self.width as usize, self.height as usize);
        if self.cells.len() != w * h {
            // An inconsistent deserialised grid: `validate` rejects it; never read.
            return;
        }
        if self.codes.len() != PAD + h * (w + PAD) {
            self.rebuild_codes();
            return;
        }
        self.rewrite_object_cells(|_| true);
        self.stale = false;
    }

    /// Rewrites the code of every object cell whose raw byte passes `pick`, skipping eight
    /// cells at a time that hold no object.
    fn rewrite_object_cells(&mut self, pick: impl Fn(u8) -> bool) {
        let w = self.width as usize;
        let n = self.cells.len();
        let mut base = 0;
        while base < n {
            let end = (base + 8).min(n);
            let chunk = &self.cells[base..end];
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            // A byte holds an object when a bit other than its lowest is set.
            if u64::from_le_bytes(word) & 0xFEFE_FEFE_FEFE_FEFE != 0 {
                for i in base..end {
                    let raw = self.cells[i];
                    if raw >= OBJ_BASE && pick(raw) {
                        let at = self.code_index(i % w, i / w);
                        self.codes[at] = self.raw_code(raw);
                    }
                }
            }
            base = end;
        }
    }

    /// Rewrites the code of every cell holding object `id` (after changing what the view
    /// shows of it through [`Grid::obj_mut_keep_codes`]).
    pub(crate) fn refresh_obj(&mut self, id: ObjId) {
        let raw = id.0.saturating_add(OBJ_BASE);
        self.rewrite_object_cells(|r| r == raw);
    }

    /// Builds the code plane from scratch (a grid read from a save file).
    fn rebuild_codes(&mut self) {
        let (w, h) = (self.width as usize, self.height as usize);
        self.blank_codes();
        for y in 0..h {
            for x in 0..w {
                let raw = self.cells[y * w + x];
                if raw != EMPTY {
                    let i = self.code_index(x, y);
                    self.codes[i] = self.raw_code(raw);
                }
            }
        }
    }

    /// Whether the code plane may be out of date (after [`Grid::obj_mut`]).
    #[inline]
    pub(crate) fn codes_stale(&self) -> bool {
        self.stale
    }

    /// The padded code plane (see the type's docs); current unless [`Grid::codes_stale`].
    #[inline]
    pub(crate) fn codes(&self) -> &[u8] {
        &self.codes
    }

    /// Clears to an empty `width x height` grid (sides clamped like [`Grid::new`]), keeping
    /// the allocations: the same grid as `*self = Grid::new(width, height)`.
    pub fn reinit(&mut self, width: usize, height: usize) {
        let w = width.clamp(1, MAX_SIDE);
        let h = height.clamp(1, MAX_SIDE);
        self.width = w as u8;
        self.height = h as u8;
        self.cells.clear();
        self.cells.resize(w * h, EMPTY);
        self.objs.clear();
        self.blank_codes();
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
                Cell::Obj(id) => {
                    // An id the table does not hold yet: its code is known only once it
                    // is added.
                    self.stale |= id.index() >= self.objs.len();
                    id.0.saturating_add(OBJ_BASE)
                }
            };
            self.cells[(y * self.width as i32 + x) as usize] = raw;
            let i = self.code_index(x as usize, y as usize);
            self.codes[i] = self.raw_code(raw);
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
        self.objs[id.index()].cur_pos = (x as i8, y as i8);
        self.set(x, y, Cell::Obj(id));
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
        self.stale = true;
        &mut self.objs[id.index()]
    }

    /// As [`Grid::obj_mut`], leaving the code plane marked current: the caller changes
    /// only what the observation does not show (`cur_pos`, `contains`), or calls
    /// [`Grid::refresh_obj`] afterwards.
    #[inline]
    pub(crate) fn obj_mut_keep_codes(&mut self, id: ObjId) -> &mut Obj {
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

    /// Minigrid's `horz_wall(x, y, length)`: grey walls from `(x, y)` to `(x+length-1, y)`
    /// (the on-grid part).
    pub fn horz_wall(&mut self, x: i32, y: i32, length: i32) {
        let (w, h) = (self.width as i32, self.height as i32);
        if y < 0 || y >= h {
            return;
        }
        let (x0, x1) = (x.max(0), x.saturating_add(length).min(w));
        if x0 >= x1 {
            return;
        }
        let (x0, x1, y) = (x0 as usize, x1 as usize, y as usize);
        let row = y * w as usize;
        self.cells[row + x0..row + x1].fill(WALL);
        let at = self.code_index(x0, y);
        self.codes[at..at + (x1 - x0)].fill(WALL_CODE);
    }

    /// Minigrid's `vert_wall(x, y, length)`: grey walls from `(x, y)` to `(x, y+length-1)`
    /// (the on-grid part).
    pub fn vert_wall(&mut self, x: i32, y: i32, length: i32) {
        let (w, h) = (self.width as i32, self.height as i32);
        if x < 0 || x >= w {
            return;
        }
        let (y0, y1) = (y.max(0), y.saturating_add(length).min(h));
        for yy in y0..y1 {
            let (xu, yu) = (x as usize, yy as usize);
            self.cells[yu * w as usize + xu] = WALL;
            let at = self.code_index(xu, yu);
            self.codes[at] = WALL_CODE;
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
}

#[cfg(feature = "serde")]
mod serial {
    //! The serialised form: the cells and objects only (the code plane is re-derived).

    use super::{Grid, Obj};

    /// A grid as saved.
    #[derive(serde::Serialize, serde::Deserialize)]
    pub(super) struct GridRepr {
        width: u8,
        height: u8,
        cells: Vec<u8>,
        objs: Vec<Obj>,
    }

    impl From<Grid> for GridRepr {
        fn from(g: Grid) -> GridRepr {
            GridRepr {
                width: g.width,
                height: g.height,
                cells: g.cells,
                objs: g.objs,
            }
        }
    }

    impl From<GridRepr> for Grid {
        fn from(r: GridRepr) -> Grid {
            let mut g = Grid {
                width: r.width,
                height: r.height,
                stale: true,
                cells: r.cells,
                objs: r.objs,
                codes: Vec::new(),
            };
            // Only a consistent grid gets a current plane; any other stays stale (and
            // `BabyEnv::validate` rejects it).
            if g.is_consistent() {
                g.rebuild_codes();
            }
            g
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::DoorState;

    /// The code plane a grid would have if built from scratch from its cells and objects.
    fn fresh_codes(g: &Grid) -> Vec<u8> {
        let mut f = g.clone();
        f.rebuild_codes();
        f.codes
    }

    #[test]
    fn walls_and_object_changes_keep_the_code_plane_exact() {
        let mut x = 0x1234_5678u64;
        let mut next = |n: i32| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % (n as u64)) as i32
        };
        for _ in 0..300 {
            let (w, h) = (1 + next(12), 1 + next(12));
            let mut g = Grid::new(w as usize, h as usize);
            let mut per_cell = g.clone();
            for _ in 0..6 {
                let (x0, y0, len) = (next(w + 6) - 3, next(h + 6) - 3, next(16) - 3);
                g.horz_wall(x0, y0, len);
                g.vert_wall(y0, x0, len);
                for i in 0..len.max(0) {
                    per_cell.set(x0 + i, y0, Cell::Wall);
                }
                for j in 0..len.max(0) {
                    per_cell.set(y0, x0 + j, Cell::Wall);
                }
            }
            assert_eq!(g, per_cell);
            assert_eq!(g.codes, fresh_codes(&g));
            let door = g.put_obj(next(w), next(h), Obj::door(Color::Red, DoorState::Closed));
            let ball = g.put_obj(next(w), next(h), Obj::new(ObjKind::Ball, Color::Blue));
            g.obj_mut(door).door = DoorState::Open;
            g.obj_mut(ball).color = Color::Green;
            assert!(g.codes_stale());
            g.sync_codes();
            assert!(!g.codes_stale());
            assert_eq!(g.codes, fresh_codes(&g));
        }
    }

    #[test]
    fn reinit_equals_a_new_grid() {
        let mut g = Grid::new(9, 7);
        g.wall_rect(0, 0, 9, 7);
        g.put_obj(3, 3, Obj::new(ObjKind::Ball, Color::Red));
        for (w, h) in [(9, 7), (22, 22), (5, 3), (0, 100), (64, 1)] {
            g.reinit(w, h);
            assert_eq!(g, Grid::new(w, h), "{w} x {h}");
            g.set(0, 0, Cell::Wall);
            g.put_obj(1, 0, Obj::new(ObjKind::Key, Color::Blue));
        }
    }
}
