//! Minigrid's `RoomGrid` during level generation: the rooms with their door slots,
//! neighbours and lock flags around a [`World`], plus the level's random stream.

use crate::rng::Pcg64;
use crate::world::{
    COLOR_NAMES, Cell, Color, Dir, DoorState, Grid, Obj, ObjId, ObjKind, RoomLayout, World,
};

/// `["key", "ball", "box"]`: the order of `add_object`'s / `add_distractors`' kind draw.
pub const OBJ_KINDS: [ObjKind; 3] = [ObjKind::Key, ObjKind::Ball, ObjKind::Box];

/// What fills one of a room's four wall slots (right, down, left, up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// No connection yet (`None`).
    Closed,
    /// A door object.
    Door(ObjId),
    /// The whole wall was removed (`True`).
    NoWall,
}

impl Slot {
    /// Python truthiness of the slot (`if room.doors[k]`).
    pub const fn is_set(self) -> bool {
        !matches!(self, Slot::Closed)
    }
}

/// One room of the grid (Minigrid's `Room`). Its `objs` list lives in
/// [`Gen::room_objs`] (only their union is ever read), so a room owns no heap memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    /// Top-left corner (on the walls).
    pub top: (i32, i32),
    /// Size including walls.
    pub size: (i32, i32),
    /// Wall slots: right, down, left, up.
    pub doors: [Slot; 4],
    /// Door positions drawn at construction: right, down, left, up.
    pub door_pos: [Option<(i32, i32)>; 4],
    /// Neighbour rooms `(i, j)`: right, down, left, up.
    pub neighbors: [Option<(usize, usize)>; 4],
    /// Behind a locked door (set by `add_door`).
    pub locked: bool,
}

/// Why one generation attempt failed; Minigrid retries the level with the stream continuing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// `RejectSampling` (printed "Sampling rejected", counted in the reference).
    Reject,
    /// `RecursionError` (a rejection loop ran out of tries).
    Recursion,
    /// `place_agent` found no acceptable pose in its room (Minigrid loops forever there);
    /// retried like [`Retry::Recursion`].
    Stuck,
}

/// Result of a generation step.
pub type GenResult<T> = Result<T, Retry>;

std::thread_local! {
    /// Room lists kept between recycling generations on this thread (no contents survive:
    /// [`Gen::recycling`] clears them).
    static SCRATCH: core::cell::RefCell<(Vec<Room>, Vec<ObjId>)> =
        const { core::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The level-generation state: random stream, world under construction and rooms.
#[derive(Clone, Debug)]
pub struct Gen {
    /// The level's random stream (continues across retries).
    pub rng: Pcg64,
    /// Grid, agent and room layout. `agent_pos` is `(-1, -1)` while the agent is placed.
    pub world: World,
    /// Rooms, row-major `j * num_cols + i`.
    pub rooms: Vec<Room>,
    /// Objects added through `place_in_room`, any room, in order (the union of Minigrid's
    /// `room.objs` lists, which is all `add_distractors` reads).
    pub room_objs: Vec<ObjId>,
    /// Rows of rooms.
    pub num_rows: usize,
    /// Columns of rooms.
    pub num_cols: usize,
    /// The fallback after too many [`Retry::Stuck`] attempts: `place_agent` keeps its first
    /// drawn pose.
    pub accept_any: bool,
}

impl Gen {
    /// An empty generator for a `num_cols x num_rows` grid of rooms, seeded like
    /// `reset(seed=seed)`.
    pub fn new(seed: u64, room_size: usize, num_rows: usize, num_cols: usize) -> Self {
        let world = World::new(
            Grid::new(1, 1),
            RoomLayout::new(1, 1, 1),
            (-1, -1),
            Dir::Right,
        );
        Self::recycling(Pcg64::from_seed(seed), room_size, num_rows, num_cols, world)
    }

    /// As [`Gen::new`], drawing from `rng` (a seeded stream, or the stream a previous
    /// generation left, as Minigrid's unseeded `reset()` continues `np_random`) and
    /// generating into `world`'s buffers (grid cells and object table are cleared by
    /// [`Gen::gen_grid`] but keep their allocations).
    pub fn recycling(
        rng: Pcg64,
        room_size: usize,
        num_rows: usize,
        num_cols: usize,
        mut world: World,
    ) -> Self {
        world.layout = RoomLayout::new(room_size as u8, num_rows as u8, num_cols as u8);
        world.agent_pos = (-1, -1);
        world.agent_dir = Dir::Right;
        world.carrying = None;
        let (mut rooms, mut room_objs) = SCRATCH.with(|s| core::mem::take(&mut *s.borrow_mut()));
        rooms.clear();
        rooms.reserve(num_rows * num_cols);
        room_objs.clear();
        room_objs.reserve(32);
        Gen {
            rng,
            world,
            rooms,
            room_objs,
            num_rows,
            num_cols,
            accept_any: false,
        }
    }

    /// Hands the room lists of a finished generation back to this thread, for the next
    /// [`Gen::recycling`] (which clears them), so steady-state resets do not allocate them.
    pub fn recycle_scratch(rooms: Vec<Room>, room_objs: Vec<ObjId>) {
        SCRATCH.with(|s| *s.borrow_mut() = (rooms, room_objs));
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.world.grid
    }

    /// The grid, mutable.
    pub fn grid_mut(&mut self) -> &mut Grid {
        &mut self.world.grid
    }

    /// The object `o`.
    pub fn obj(&self, o: ObjId) -> &Obj {
        self.world.grid.obj(o)
    }

    /// Room `(i, j)`.
    pub fn room(&self, i: usize, j: usize) -> &Room {
        &self.rooms[j * self.num_cols + i]
    }

    /// Room `(i, j)`, mutable.
    pub fn room_mut(&mut self, i: usize, j: usize) -> &mut Room {
        let c = self.num_cols;
        &mut self.rooms[j * c + i]
    }

    /// The room `(i, j)` the agent stands in.
    pub fn agent_room(&self) -> (usize, usize) {
        let (i, j) = self.world.agent_room();
        (i as usize, j as usize)
    }

    /// `RoomGrid._gen_grid`: a fresh grid of walled rooms, door positions drawn (right wall
    /// then bottom wall, rooms row-major), agent in the middle room's centre facing right.
    pub fn gen_grid(&mut self) {
        let rs = i32::from(self.world.layout.room_size);
        let (w, h) = (self.world.layout.width(), self.world.layout.height());
        self.world.grid.reinit(w as usize, h as usize);
        self.world.carrying = None;
        self.rooms.clear();
        self.room_objs.clear();
        for j in 0..self.num_rows {
            for i in 0..self.num_cols {
                let top = (i as i32 * (rs - 1), j as i32 * (rs - 1));
                self.rooms.push(Room {
                    top,
                    size: (rs, rs),
                    doors: [Slot::Closed; 4],
                    door_pos: [None; 4],
                    neighbors: [None; 4],
                    locked: false,
                });
            }
        }
        // Minigrid calls `wall_rect` on every room; the rooms tile the grid sharing their
        // walls, so the union of their outlines is every `(rs - 1)`-th row and column, drawn
        // here once per cell.
        let grid = &mut self.world.grid;
        for y in (0..h).step_by((rs as usize - 1).max(1)) {
            grid.horz_wall(0, y, w);
        }
        for x in (0..w).step_by((rs as usize - 1).max(1)) {
            grid.vert_wall(x, 0, h);
        }
        for j in 0..self.num_rows {
            for i in 0..self.num_cols {
                let top = self.room(i, j).top;
                let (xl, yl) = (top.0 + 1, top.1 + 1);
                let (xm, ym) = (top.0 + rs - 1, top.1 + rs - 1);
                if i + 1 < self.num_cols {
                    let y = self.rand_i32(yl, ym);
                    let r = self.room_mut(i, j);
                    r.neighbors[0] = Some((i + 1, j));
                    r.door_pos[0] = Some((xm, y));
                }
                if j + 1 < self.num_rows {
                    let x = self.rand_i32(xl, xm);
                    let r = self.room_mut(i, j);
                    r.neighbors[1] = Some((i, j + 1));
                    r.door_pos[1] = Some((x, ym));
                }
                if i > 0 {
                    let p = self.room(i - 1, j).door_pos[0];
                    let r = self.room_mut(i, j);
                    r.neighbors[2] = Some((i - 1, j));
                    r.door_pos[2] = p;
                }
                if j > 0 {
                    let p = self.room(i, j - 1).door_pos[1];
                    let r = self.room_mut(i, j);
                    r.neighbors[3] = Some((i, j - 1));
                    r.door_pos[3] = p;
                }
            }
        }
        self.world.agent_pos = (
            (self.num_cols as i32 / 2) * (rs - 1) + rs / 2,
            (self.num_rows as i32 / 2) * (rs - 1) + rs / 2,
        );
        self.world.agent_dir = Dir::Right;
    }

    /// `_rand_int(lo, hi)` on grid coordinates.
    #[inline]
    pub fn rand_i32(&mut self, lo: i32, hi: i32) -> i32 {
        self.rng.integers(i64::from(lo), i64::from(hi)) as i32
    }

    /// `_rand_color()`.
    pub fn rand_color(&mut self) -> Color {
        self.rng.rand_elem(&COLOR_NAMES)
    }

    /// `add_door(i, j, door_idx, color, locked)`: `None` arguments are drawn (slot by
    /// rejection until it has a neighbour and no door, then colour, then lock flag).
    /// Returns the door and its position.
    pub fn add_door(
        &mut self,
        i: usize,
        j: usize,
        door_idx: Option<usize>,
        color: Option<Color>,
        locked: Option<bool>,
    ) -> (ObjId, (i32, i32)) {
        let k = match door_idx {
            Some(k) => k,
            None => loop {
                let k = self.rng.rand_int(0, 4);
                let r = self.room(i, j);
                if r.neighbors[k].is_some() && r.doors[k] == Slot::Closed {
                    break k;
                }
            },
        };
        let color = match color {
            Some(c) => c,
            None => self.rand_color(),
        };
        let locked = match locked {
            Some(l) => l,
            None => self.rng.rand_bool(),
        };
        let state = if locked {
            DoorState::Locked
        } else {
            DoorState::Closed
        };
        let r = self.room(i, j);
        let pos = r.door_pos[k].expect("a door slot with a neighbour has a position");
        let (ni, nj) = r.neighbors[k].expect("a door slot has a neighbour");
        let d = self
            .world
            .grid
            .put_obj(pos.0, pos.1, Obj::door(color, state));
        let r = self.room_mut(i, j);
        r.locked = locked;
        r.doors[k] = Slot::Door(d);
        self.room_mut(ni, nj).doors[(k + 2) % 4] = Slot::Door(d);
        (d, pos)
    }

    /// `remove_wall(i, j, wall_idx)`: clears the shared wall's interior and marks the rooms
    /// connected.
    pub fn remove_wall(&mut self, i: usize, j: usize, k: usize) {
        let r = self.room(i, j);
        let (tx, ty) = r.top;
        let (w, h) = r.size;
        let (ni, nj) = r.neighbors[k].expect("a removed wall has a neighbour");
        let grid = &mut self.world.grid;
        match k {
            0 => (1..h - 1).for_each(|d| grid.set(tx + w - 1, ty + d, Cell::Empty)),
            1 => (1..w - 1).for_each(|d| grid.set(tx + d, ty + h - 1, Cell::Empty)),
            2 => (1..h - 1).for_each(|d| grid.set(tx, ty + d, Cell::Empty)),
            _ => (1..w - 1).for_each(|d| grid.set(tx + d, ty, Cell::Empty)),
        }
        self.room_mut(i, j).doors[k] = Slot::NoWall;
        self.room_mut(ni, nj).doors[(k + 2) % 4] = Slot::NoWall;
    }

    /// `connect_all(door_colors, max_itrs=5000)`: adds unlocked doors between random rooms
    /// until every room is reachable from the agent's room.
    pub fn connect_all(&mut self, door_colors: &[Color]) -> GenResult<()> {
        let start = self.agent_room();
        let n = self.num_rows * self.num_cols;
        let mut itrs = 0;
        // Minigrid recounts the reachable rooms on every iteration; the count changes only
        // when a door was added, so it is recounted only then.
        let mut connected = self.reach_count(start) == n;
        loop {
            if itrs > 5000 {
                return Err(Retry::Recursion);
            }
            itrs += 1;
            if connected {
                return Ok(());
            }
            let i = self.rng.rand_int(0, self.num_cols);
            let j = self.rng.rand_int(0, self.num_rows);
            let k = self.rng.rand_int(0, 4);
            let r = self.room(i, j);
            if r.door_pos[k].is_none() || r.doors[k].is_set() {
                continue;
            }
            let (ni, nj) = r.neighbors[k].expect("a door position implies a neighbour");
            if r.locked || self.room(ni, nj).locked {
                continue;
            }
            let color = self.rng.rand_elem(door_colors);
            self.add_door(i, j, Some(k), Some(color), Some(false));
            connected = self.reach_count(start) == n;
        }
    }

    /// Number of rooms reachable from `start` through set slots. No allocation: up to 64
    /// rooms are the bits of one word; larger layouts use a fixed mask (a grid of at most `MAX_SIDE` cells a side has fewer than 1024
    /// rooms), each pushed once.
    fn reach_count(&self, start: (usize, usize)) -> usize {
        if self.rooms.len() <= 64 {
            // Every BabyAI layout: the rooms are the bits of one word.
            let mut seen = 1u64 << (start.1 * self.num_cols + start.0);
            let mut todo = seen;
            while todo != 0 {
                let r = &self.rooms[todo.trailing_zeros() as usize];
                todo &= todo - 1;
                for k in 0..4 {
                    if let (true, Some((ni, nj))) = (r.doors[k].is_set(), r.neighbors[k]) {
                        let bit = 1u64 << (nj * self.num_cols + ni);
                        todo |= bit & !seen;
                        seen |= bit;
                    }
                }
            }
            return seen.count_ones() as usize;
        }
        let mut seen = [0u64; 16];
        let mut mark = |idx: usize| {
            let new = seen[idx / 64] & (1 << (idx % 64)) == 0;
            seen[idx / 64] |= 1 << (idx % 64);
            new
        };
        let mut stack = [0u16; 1024];
        let mut sp = 0;
        let first = start.1 * self.num_cols + start.0;
        mark(first);
        stack[0] = first as u16;
        sp += 1;
        let mut count = 0;
        while sp > 0 {
            sp -= 1;
            let r = &self.rooms[stack[sp] as usize];
            count += 1;
            for k in 0..4 {
                if let (true, Some((ni, nj))) = (r.doors[k].is_set(), r.neighbors[k]) {
                    let idx = nj * self.num_cols + ni;
                    if mark(idx) {
                        stack[sp] = idx as u16;
                        sp += 1;
                    }
                }
            }
        }
        count
    }

    /// Doors in the rooms' slots, scanning `i` (columns) outer, `j` inner, slots in order;
    /// a door shared by two rooms appears twice, as in Minigrid's loops.
    pub fn doors_in_slots(&self) -> Vec<ObjId> {
        self.slot_doors().collect()
    }

    /// [`Gen::doors_in_slots`] without collecting them.
    fn slot_doors(&self) -> impl Iterator<Item = ObjId> + '_ {
        (0..self.num_cols).flat_map(move |i| {
            (0..self.num_rows).flat_map(move |j| {
                self.room(i, j).doors.into_iter().filter_map(|s| match s {
                    Slot::Door(d) => Some(d),
                    _ => None,
                })
            })
        })
    }

    /// `open_all_doors()`: every door in a slot becomes open.
    pub fn open_all_doors(&mut self) {
        for k in 0..self.rooms.len() {
            for s in self.rooms[k].doors {
                if let Slot::Door(d) = s {
                    self.world.grid.obj_mut(d).door = DoorState::Open;
                }
            }
        }
    }

    /// Colours of the locked doors in the rooms' slots.
    pub fn locked_door_colors_iter(&self) -> impl Iterator<Item = Color> + '_ {
        self.slot_doors()
            .map(|d| self.obj(d))
            .filter(|o| o.door == DoorState::Locked)
            .map(|o| o.color)
    }
}
