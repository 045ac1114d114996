//! Minigrid's `RoomGrid` during level generation: the grid of cells, the rooms with their
//! walls, door slots and neighbours, and the level-wide generation state (RNG, agent pose).

use crate::rng::Pcg64;

/// A kind of generated object (Minigrid's `type`), with `OBJECT_TO_IDX` as discriminant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Kind {
    /// `wall` (only ever a plain grey grid wall).
    Wall = 2,
    /// `door`.
    Door = 4,
    /// `key`.
    Key = 5,
    /// `ball`.
    Ball = 6,
    /// `box`.
    Box = 7,
}

impl Kind {
    /// Minigrid's type name.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Wall => "wall",
            Kind::Door => "door",
            Kind::Key => "key",
            Kind::Ball => "ball",
            Kind::Box => "box",
        }
    }
}

/// `["key", "ball", "box"]`: the order of `add_object`'s / `add_distractors`' kind draw.
pub const OBJ_KINDS: [Kind; 3] = [Kind::Key, Kind::Ball, Kind::Box];

/// A colour code in Minigrid's `COLOR_TO_IDX` order (red 0, green 1, blue 2, purple 3,
/// yellow 4, grey 5).
pub type ColorIdx = u8;

/// Colour code of `red`.
pub const RED: ColorIdx = 0;
/// Colour code of `blue`.
pub const BLUE: ColorIdx = 2;
/// Colour code of `grey`.
pub const GREY: ColorIdx = 5;

/// Minigrid's `COLOR_NAMES = sorted(COLORS)` as colour codes: the order random colour draws
/// index into (blue, green, grey, purple, red, yellow).
pub const COLOR_NAMES: [ColorIdx; 6] = [2, 1, 5, 3, 0, 4];

/// The English name of a colour code.
pub const fn color_name(c: ColorIdx) -> &'static str {
    match c {
        0 => "red",
        1 => "green",
        2 => "blue",
        3 => "purple",
        4 => "yellow",
        _ => "grey",
    }
}

/// An object created during generation. Its index in [`Gen::objs`] is its identity (Python's
/// `is`), which the instruction descriptors track.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenObj {
    /// What it is.
    pub kind: Kind,
    /// Its colour code.
    pub color: ColorIdx,
    /// Doors: open.
    pub is_open: bool,
    /// Doors: locked.
    pub is_locked: bool,
    /// Boxes: the object inside (an index into [`Gen::objs`]).
    pub contains: Option<u8>,
    /// Last position on the grid (`cur_pos`), `None` if never placed.
    pub cur_pos: Option<(usize, usize)>,
}

impl GenObj {
    /// A closed (or locked) door, an object, or a box, not yet placed.
    pub const fn new(kind: Kind, color: ColorIdx) -> Self {
        GenObj {
            kind,
            color,
            is_open: false,
            is_locked: false,
            contains: None,
            cur_pos: None,
        }
    }

    /// Minigrid's `encode()`: `(type, color, state)`; doors: open 0, locked 2, closed 1.
    pub const fn encode(&self) -> [u8; 3] {
        let state = if matches!(self.kind, Kind::Door) {
            if self.is_open {
                0
            } else if self.is_locked {
                2
            } else {
                1
            }
        } else {
            0
        };
        [self.kind as u8, self.color, state]
    }
}

/// One grid cell during generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nothing (`None`).
    Empty,
    /// A plain grey wall.
    Wall,
    /// An object, by index into [`Gen::objs`].
    Obj(u8),
}

/// What fills one of a room's four wall slots (right, down, left, up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// No connection yet (`None`).
    Closed,
    /// A door object (by index).
    Door(u8),
    /// The whole wall was removed (`True`).
    NoWall,
}

impl Slot {
    /// Python truthiness of the slot (`if room.doors[k]`).
    pub const fn is_set(self) -> bool {
        !matches!(self, Slot::Closed)
    }
}

/// One room of the grid (Minigrid's `Room`).
#[derive(Clone, Debug)]
pub struct Room {
    /// Top-left corner (on the walls).
    pub top: (usize, usize),
    /// Size including walls.
    pub size: (usize, usize),
    /// Wall slots: right, down, left, up.
    pub doors: [Slot; 4],
    /// Door positions drawn at construction: right, down, left, up.
    pub door_pos: [Option<(usize, usize)>; 4],
    /// Neighbour rooms `(i, j)`: right, down, left, up.
    pub neighbors: [Option<(usize, usize)>; 4],
    /// Behind a locked door (set by `add_door`).
    pub locked: bool,
    /// Objects added through `place_in_room` (indices).
    pub objs: Vec<u8>,
}

impl Room {
    /// `pos_inside`: inside the room's rectangle, walls included.
    pub const fn pos_inside(&self, x: usize, y: usize) -> bool {
        x >= self.top.0
            && y >= self.top.1
            && x < self.top.0 + self.size.0
            && y < self.top.1 + self.size.1
    }
}

/// Why one generation attempt failed; Minigrid retries the level with the stream continuing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// `RejectSampling` (counted in the reference's `rejections`).
    Reject,
    /// `RecursionError` (a rejection loop ran out of tries).
    Recursion,
}

/// Result of a generation step.
pub type GenResult<T> = Result<T, Retry>;

/// The whole level-generation state: RNG stream, grid, objects, rooms and agent pose.
#[derive(Clone, Debug)]
pub struct Gen {
    /// The level's random stream (continues across retries).
    pub rng: Pcg64,
    /// Room size (walls included).
    pub room_size: usize,
    /// Rows of rooms.
    pub num_rows: usize,
    /// Columns of rooms.
    pub num_cols: usize,
    /// Grid width.
    pub width: usize,
    /// Grid height.
    pub height: usize,
    /// Cells, row-major `y * width + x`.
    pub cells: Vec<Cell>,
    /// Every object created in this attempt (identity = index).
    pub objs: Vec<GenObj>,
    /// Rooms, row-major `j * num_cols + i`.
    pub rooms: Vec<Room>,
    /// Agent position (`(-1, -1)` while being placed).
    pub agent_pos: (i64, i64),
    /// Agent direction 0..4.
    pub agent_dir: u8,
}

/// `DIR_TO_VEC`.
pub const DIR_TO_VEC: [(i64, i64); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];

impl Gen {
    /// An empty generator for a `num_cols x num_rows` grid of rooms, seeded like
    /// `reset(seed=seed)`.
    pub fn new(seed: u64, room_size: usize, num_rows: usize, num_cols: usize) -> Self {
        let width = (room_size - 1) * num_cols + 1;
        let height = (room_size - 1) * num_rows + 1;
        Gen {
            rng: Pcg64::from_seed(seed),
            room_size,
            num_rows,
            num_cols,
            width,
            height,
            cells: Vec::new(),
            objs: Vec::new(),
            rooms: Vec::new(),
            agent_pos: (-1, -1),
            agent_dir: 0,
        }
    }

    /// The cell at `(x, y)`.
    pub fn get(&self, x: usize, y: usize) -> Cell {
        self.cells[y * self.width + x]
    }

    /// Sets the cell at `(x, y)` (an object's `cur_pos` is updated by the caller).
    pub fn set(&mut self, x: usize, y: usize, c: Cell) {
        self.cells[y * self.width + x] = c;
    }

    /// Creates an object (not placed) and returns its index.
    pub fn new_obj(&mut self, o: GenObj) -> u8 {
        self.objs.push(o);
        (self.objs.len() - 1) as u8
    }

    /// Puts object `o` at `(x, y)` and sets its `cur_pos` (`put_obj`).
    pub fn put_obj(&mut self, o: u8, x: usize, y: usize) {
        self.set(x, y, Cell::Obj(o));
        self.objs[o as usize].cur_pos = Some((x, y));
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

    /// `room_from_pos`: the `(i, j)` of the room holding `(x, y)`.
    pub fn room_from_pos(&self, x: usize, y: usize) -> (usize, usize) {
        (x / (self.room_size - 1), y / (self.room_size - 1))
    }

    /// The room the agent stands in.
    pub fn agent_room(&self) -> (usize, usize) {
        self.room_from_pos(self.agent_pos.0 as usize, self.agent_pos.1 as usize)
    }

    /// The cell in front of the agent (`front_pos`).
    pub fn front_pos(&self) -> (i64, i64) {
        let (dx, dy) = DIR_TO_VEC[self.agent_dir as usize];
        (self.agent_pos.0 + dx, self.agent_pos.1 + dy)
    }

    /// `RoomGrid._gen_grid`: a fresh grid of walled rooms, door positions drawn (right wall
    /// then bottom wall, rooms row-major), agent in the middle room's centre facing right.
    pub fn gen_grid(&mut self) {
        let (w, h, rs) = (self.width, self.height, self.room_size);
        self.cells.clear();
        self.cells.resize(w * h, Cell::Empty);
        self.objs.clear();
        self.rooms.clear();
        for j in 0..self.num_rows {
            for i in 0..self.num_cols {
                let top = (i * (rs - 1), j * (rs - 1));
                self.rooms.push(Room {
                    top,
                    size: (rs, rs),
                    doors: [Slot::Closed; 4],
                    door_pos: [None; 4],
                    neighbors: [None; 4],
                    locked: false,
                    objs: Vec::new(),
                });
                for x in top.0..top.0 + rs {
                    self.set(x, top.1, Cell::Wall);
                    self.set(x, top.1 + rs - 1, Cell::Wall);
                }
                for y in top.1..top.1 + rs {
                    self.set(top.0, y, Cell::Wall);
                    self.set(top.0 + rs - 1, y, Cell::Wall);
                }
            }
        }
        for j in 0..self.num_rows {
            for i in 0..self.num_cols {
                let top = self.room(i, j).top;
                let (xl, yl) = (top.0 + 1, top.1 + 1);
                let (xm, ym) = (top.0 + rs - 1, top.1 + rs - 1);
                if i + 1 < self.num_cols {
                    let y = self.rng.rand_int(yl, ym);
                    let r = self.room_mut(i, j);
                    r.neighbors[0] = Some((i + 1, j));
                    r.door_pos[0] = Some((xm, y));
                }
                if j + 1 < self.num_rows {
                    let x = self.rng.rand_int(xl, xm);
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
        self.agent_pos = (
            ((self.num_cols / 2) * (rs - 1) + rs / 2) as i64,
            ((self.num_rows / 2) * (rs - 1) + rs / 2) as i64,
        );
        self.agent_dir = 0;
    }

    /// `_rand_color()`.
    pub fn rand_color(&mut self) -> ColorIdx {
        self.rng.rand_elem(&COLOR_NAMES)
    }

    /// `add_door(i, j, door_idx, color, locked)`: `None` arguments are drawn (slot by
    /// rejection until it has a neighbour and no door, then colour, then lock flag).
    /// Returns the door's index and position.
    pub fn add_door(
        &mut self,
        i: usize,
        j: usize,
        door_idx: Option<usize>,
        color: Option<ColorIdx>,
        locked: Option<bool>,
    ) -> (u8, (usize, usize)) {
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
        let mut door = GenObj::new(Kind::Door, color);
        door.is_locked = locked;
        let d = self.new_obj(door);
        let r = self.room_mut(i, j);
        r.locked = locked;
        r.doors[k] = Slot::Door(d);
        let pos = r.door_pos[k].expect("door slot with a neighbour has a position");
        let (ni, nj) = r.neighbors[k].expect("door slot has a neighbour");
        self.room_mut(ni, nj).doors[(k + 2) % 4] = Slot::Door(d);
        self.put_obj(d, pos.0, pos.1);
        (d, pos)
    }

    /// `remove_wall(i, j, wall_idx)`: clears the shared wall's interior and marks the rooms
    /// connected.
    pub fn remove_wall(&mut self, i: usize, j: usize, k: usize) {
        let r = self.room(i, j);
        let (tx, ty) = r.top;
        let (w, h) = r.size;
        let (ni, nj) = r.neighbors[k].expect("wall with a neighbour");
        match k {
            0 => (1..h - 1).for_each(|d| self.set(tx + w - 1, ty + d, Cell::Empty)),
            1 => (1..w - 1).for_each(|d| self.set(tx + d, ty + h - 1, Cell::Empty)),
            2 => (1..h - 1).for_each(|d| self.set(tx, ty + d, Cell::Empty)),
            _ => (1..w - 1).for_each(|d| self.set(tx + d, ty, Cell::Empty)),
        }
        self.room_mut(i, j).doors[k] = Slot::NoWall;
        self.room_mut(ni, nj).doors[(k + 2) % 4] = Slot::NoWall;
    }

    /// `connect_all(door_colors, max_itrs=5000)`: adds unlocked doors between random rooms
    /// until every room is reachable from the agent's room.
    pub fn connect_all(&mut self, door_colors: &[ColorIdx]) -> GenResult<Vec<u8>> {
        let start = self.agent_room();
        let n = self.num_rows * self.num_cols;
        let mut added = Vec::new();
        let mut itrs = 0;
        loop {
            if itrs > 5000 {
                return Err(Retry::Recursion);
            }
            itrs += 1;
            if self.reach_count(start) == n {
                break;
            }
            let i = self.rng.rand_int(0, self.num_cols);
            let j = self.rng.rand_int(0, self.num_rows);
            let k = self.rng.rand_int(0, 4);
            let r = self.room(i, j);
            if r.door_pos[k].is_none() || r.doors[k].is_set() {
                continue;
            }
            let (ni, nj) = r.neighbors[k].expect("door position implies a neighbour");
            if r.locked || self.room(ni, nj).locked {
                continue;
            }
            let color = self.rng.rand_elem(door_colors);
            let (d, _) = self.add_door(i, j, Some(k), Some(color), Some(false));
            added.push(d);
        }
        Ok(added)
    }

    /// Number of rooms reachable from `start` through set slots.
    fn reach_count(&self, start: (usize, usize)) -> usize {
        let mut seen = vec![false; self.rooms.len()];
        let mut stack = vec![start];
        let mut count = 0;
        while let Some((i, j)) = stack.pop() {
            let idx = j * self.num_cols + i;
            if seen[idx] {
                continue;
            }
            seen[idx] = true;
            count += 1;
            let r = &self.rooms[idx];
            for k in 0..4 {
                if r.doors[k].is_set() {
                    if let Some(nb) = r.neighbors[k] {
                        stack.push(nb);
                    }
                }
            }
        }
        count
    }

    /// `open_all_doors()`.
    pub fn open_all_doors(&mut self) {
        for o in &mut self.objs {
            if o.kind == Kind::Door && o.cur_pos.is_some() {
                o.is_open = true;
            }
        }
    }

    /// Indices of the doors in the rooms' slots, scanning `i` (columns) outer, `j` inner,
    /// slots in order; a door shared by two rooms appears twice, as in Minigrid.
    pub fn doors_in_slots(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for i in 0..self.num_cols {
            for j in 0..self.num_rows {
                for s in self.room(i, j).doors {
                    if let Slot::Door(d) = s {
                        out.push(d);
                    }
                }
            }
        }
        out
    }
}
