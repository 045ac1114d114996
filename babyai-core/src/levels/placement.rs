//! Object and agent placement with Minigrid's rejection loops (`place_obj`, `place_in_room`,
//! `add_object`, `add_distractors`, `place_agent`) and the reachability check.

use super::roomgrid::{Gen, GenResult, OBJ_KINDS, Retry};
use crate::world::{COLOR_NAMES, Cell, Color, Dir, MAX_SIDE, Obj, ObjId, ObjKind};

/// How many rejected agent poses `place_agent` draws before it checks whether the room
/// admits any pose at all. Far above what a finishing seed needs: over seeds 0..10,000 of
/// every level the most rejected poses before success is documented in
/// `docs/BABYAI_RESET_HANG.md`.
pub const PLACE_AGENT_CHECK_AFTER: u32 = 10_000;

impl Gen {
    /// `place_obj(obj, top, size, reject_fn, max_tries)`: draws `x` then `y` in the rectangle
    /// (clipped to the grid) until the cell is empty, not the agent's, and (with
    /// `reject_next_to`) at Manhattan distance >= 2 from the agent. `obj` `None` places nothing
    /// (used for the agent). `max_tries` `None` is unbounded.
    pub fn place_obj(
        &mut self,
        obj: Option<ObjId>,
        top: (i32, i32),
        size: (i32, i32),
        reject_next_to: bool,
        max_tries: Option<u32>,
    ) -> GenResult<(i32, i32)> {
        let x_hi = (top.0 + size.0).min(self.grid().width());
        let y_hi = (top.1 + size.1).min(self.grid().height());
        let mut tries: u32 = 0;
        let pos = loop {
            if max_tries.is_some_and(|m| tries > m) {
                return Err(Retry::Recursion);
            }
            tries += 1;
            let x = self.rand_i32(top.0, x_hi);
            let y = self.rand_i32(top.1, y_hi);
            if self.grid().get(x, y) != Cell::Empty {
                continue;
            }
            let (ax, ay) = self.world.agent_pos;
            if (x, y) == (ax, ay) {
                continue;
            }
            if reject_next_to && (x - ax).abs() + (y - ay).abs() < 2 {
                continue;
            }
            break (x, y);
        };
        if let Some(o) = obj {
            let grid = self.grid_mut();
            grid.set(pos.0, pos.1, Cell::Obj(o));
            grid.obj_mut(o).cur_pos = (pos.0 as i8, pos.1 as i8);
        }
        Ok(pos)
    }

    /// `place_in_room(i, j, obj)`: `place_obj` over the room with `reject_next_to`,
    /// 1000 tries; records the object in the room.
    pub fn place_in_room(&mut self, i: usize, j: usize, obj: ObjId) -> GenResult<(i32, i32)> {
        let r = self.room(i, j);
        let (top, size) = (r.top, r.size);
        let pos = self.place_obj(Some(obj), top, size, true, Some(1000))?;
        self.room_objs.push(obj);
        Ok(pos)
    }

    /// `add_object(i, j, kind, color)`: kind drawn from key/ball/box, then colour, if absent.
    pub fn add_object(
        &mut self,
        i: usize,
        j: usize,
        kind: Option<ObjKind>,
        color: Option<Color>,
    ) -> GenResult<ObjId> {
        let kind = match kind {
            Some(k) => k,
            None => self.rng.rand_elem(&OBJ_KINDS),
        };
        let color = match color {
            Some(c) => c,
            None => self.rand_color(),
        };
        let o = self.grid_mut().add_obj(Obj::new(kind, color));
        self.place_in_room(i, j, o)?;
        Ok(o)
    }

    /// `add_distractors(i, j, num_distractors, all_unique)`: colour then kind per object,
    /// redrawn while `all_unique` and the pair exists; room drawn (`i` then `j`) if absent.
    pub fn add_distractors(
        &mut self,
        i: Option<usize>,
        j: Option<usize>,
        num: usize,
        all_unique: bool,
    ) -> GenResult<Vec<ObjId>> {
        // Minigrid lists `(type, color)` of every room's objects, then appends each new
        // distractor; the new ones are placed through `place_in_room` too, so testing the
        // union `room_objs` (current colours) is the same test, without the list.
        let mut dists = Vec::with_capacity(num);
        while dists.len() < num {
            let color = self.rng.rand_elem(&COLOR_NAMES);
            let kind = self.rng.rand_elem(&OBJ_KINDS);
            if all_unique
                && self.room_objs.iter().any(|&o| {
                    let ob = self.world.grid.obj(o);
                    (ob.kind, ob.color) == (kind, color)
                })
            {
                continue;
            }
            let ri = match i {
                Some(v) => v,
                None => self.rng.rand_int(0, self.num_cols),
            };
            let rj = match j {
                Some(v) => v,
                None => self.rng.rand_int(0, self.num_rows),
            };
            let o = self.add_object(ri, rj, Some(kind), Some(color))?;
            dists.push(o);
        }
        Ok(dists)
    }

    /// `RoomGrid.place_agent(i, j, rand_dir=True)`: room drawn (`i` then `j`) if absent, then
    /// a random empty cell and direction, repeated until the front cell is empty or a wall.
    ///
    /// Minigrid repeats that forever; when no empty cell of the room has an empty or wall
    /// neighbour it never returns. Here, after [`PLACE_AGENT_CHECK_AFTER`] poses the room is
    /// checked once ([`Gen::agent_pose_exists`]): if some pose is acceptable the loop goes on
    /// exactly as Minigrid's (it ends with probability one, with Minigrid's draws); if none
    /// is, the attempt fails with [`Retry::Stuck`], which [`super::LevelSpec::generate`]
    /// treats like Minigrid's `RecursionError` (the level is regenerated, the stream
    /// continuing). With `accept_any` (the deterministic fallback after too many stuck
    /// attempts) the first drawn pose is kept whatever its front cell holds.
    pub fn place_agent(&mut self, i: Option<usize>, j: Option<usize>) -> GenResult<()> {
        let i = match i {
            Some(v) => v,
            None => self.rng.rand_int(0, self.num_cols),
        };
        let j = match j {
            Some(v) => v,
            None => self.rng.rand_int(0, self.num_rows),
        };
        let r = self.room(i, j);
        let (top, size) = (r.top, r.size);
        let mut tries: u32 = 0;
        loop {
            self.world.agent_pos = (-1, -1);
            let pos = self.place_obj(None, top, size, false, Some(1000))?;
            self.world.agent_pos = pos;
            self.world.agent_dir = Dir::from_idx(self.rng.rand_int(0, 4) as u8);
            let (fx, fy) = self.world.front_pos();
            if self.accept_any || matches!(self.grid().get(fx, fy), Cell::Empty | Cell::Wall) {
                return Ok(());
            }
            tries += 1;
            if tries == PLACE_AGENT_CHECK_AFTER && !self.agent_pose_exists(top, size) {
                return Err(Retry::Stuck);
            }
        }
    }

    /// Whether the rectangle `top`, `size` (clipped to the grid) holds an empty cell with an
    /// empty or wall 4-neighbour: a pose `place_agent` accepts. Without one Minigrid's
    /// `place_agent` loops forever.
    pub fn agent_pose_exists(&self, top: (i32, i32), size: (i32, i32)) -> bool {
        let grid = self.grid();
        let x_hi = (top.0 + size.0).min(grid.width());
        let y_hi = (top.1 + size.1).min(grid.height());
        let open = |x: i32, y: i32| {
            grid.in_bounds(x, y) && matches!(grid.get(x, y), Cell::Empty | Cell::Wall)
        };
        (top.1.max(0)..y_hi).any(|y| {
            (top.0.max(0)..x_hi).any(|x| {
                grid.get(x, y) == Cell::Empty
                    && (open(x + 1, y) || open(x, y + 1) || open(x - 1, y) || open(x, y - 1))
            })
        })
    }

    /// `check_objs_reachable(raise_exc=False)`: flood fill from the agent through empty cells
    /// and doors (any state); true iff every object on the grid is reached. (Minigrid's
    /// depth-first order differs, the reached set does not.)
    ///
    /// Computed on one `u64` per grid row (grids are at most [`MAX_SIDE`] wide): the reached
    /// set is the least `S` with the agent's cell and every 4-neighbour of `S ∩ passable`,
    /// found by sweeping the rows down and up, each row closed along its passable runs with
    /// carry arithmetic, until nothing changes.
    pub fn objs_reachable(&self) -> bool {
        let grid = self.grid();
        let (w, h) = (grid.width() as usize, grid.height() as usize);
        let (ax, ay) = self.world.agent_pos;
        if !grid.in_bounds(ax, ay) {
            return false;
        }
        let full = if w >= 64 { u64::MAX } else { (1u64 << w) - 1 };
        let mut pass = [0u64; MAX_SIDE];
        let mut objs = [0u64; MAX_SIDE];
        let table = grid.obj_table();
        let cells = grid.raw_cells();
        for (y, row) in cells.chunks_exact(w).enumerate().take(MAX_SIDE) {
            let (empty, obj) = row_masks(cells, y * w, w);
            let mut o = obj;
            // Doors (any state) are passable: look up only the few object cells.
            let mut door = 0u64;
            while o != 0 {
                let x = o.trailing_zeros() as usize;
                o &= o - 1;
                if table
                    .get(row[x] as usize - 2)
                    .is_some_and(|t| t.kind == ObjKind::Door)
                {
                    door |= 1 << x;
                }
            }
            pass[y] = empty | door;
            objs[y] = obj;
        }
        if w < 64 && w * h <= 64 {
            return reach_small(w, h, &pass, &objs, (ax as usize, ay as usize));
        }
        let rounds = usize::BITS - w.saturating_sub(1).leading_zeros();
        let mut seen = [0u64; MAX_SIDE];
        let ay = ay as usize;
        seen[ay] = 1 << ax;
        // Rows still holding an unreached object, and rows to (re)close: a row is closed
        // along its passable runs from its own and its neighbours' reached passable cells,
        // and its neighbours are queued whenever its reached passable cells grow.
        let mut pending = 0u64;
        for y in 0..h {
            if objs[y] & !seen[y] != 0 {
                pending |= 1 << y;
            }
        }
        let mut dirty = (1 << ay) | adjacent_rows(ay, h);
        while dirty != 0 && pending != 0 {
            let y = dirty.trailing_zeros() as usize;
            dirty &= dirty - 1;
            let old = seen[y];
            let mut s = old;
            if y > 0 {
                s |= seen[y - 1] & pass[y - 1];
            }
            if y + 1 < h {
                s |= seen[y + 1] & pass[y + 1];
            }
            let runs = passable_runs(s & pass[y], pass[y], rounds);
            s |= (runs | (runs << 1) | (runs >> 1)) & full;
            if s == old {
                continue;
            }
            seen[y] = s;
            if (s ^ old) & pass[y] != 0 {
                dirty |= adjacent_rows(y, h);
            }
            if objs[y] & !s == 0 {
                pending &= !(1 << y);
            }
        }
        pending == 0
    }

    /// `check_objs_reachable()`: `RejectSampling` when some object is unreachable.
    pub fn check_objs_reachable(&self) -> GenResult<()> {
        if self.objs_reachable() {
            Ok(())
        } else {
            Err(Retry::Reject)
        }
    }
}

/// The whole runs of ones in `pass` that hold a bit of `seeds` (`seeds` within `pass`):
/// upwards by one carrying addition, downwards by an occluded fill in `rounds` rounds
/// (runs up to `2^rounds` cells: the grid's width).
fn passable_runs(seeds: u64, pass: u64, rounds: u32) -> u64 {
    let up = (pass.wrapping_add(seeds) ^ pass) | seeds;
    let mut down = seeds;
    let mut through = pass;
    for r in 0..rounds {
        let shift = 1 << r;
        down |= through & (down >> shift);
        through &= through >> shift;
    }
    (up | down) & pass
}

/// The mask of rows `y - 1` and `y + 1` that lie in `0..h` (`h <= 64`).
fn adjacent_rows(y: usize, h: usize) -> u64 {
    let mut m = 0;
    if y > 0 {
        m |= 1 << (y - 1);
    }
    if y + 1 < h {
        m |= 1 << (y + 1);
    }
    m
}

/// [`Gen::objs_reachable`] on a grid of at most 64 cells (a single room of BabyAI's usual
/// size), as one word with bit `y * w + x` per cell: the reached set grows by one step of
/// the 4-neighbourhood of its passable cells per round, until every object is reached or
/// nothing changes.
fn reach_small(w: usize, h: usize, pass: &[u64], objs: &[u64], agent: (usize, usize)) -> bool {
    let (mut p, mut o, mut not_first, mut not_last) = (0u64, 0u64, 0u64, 0u64);
    let row = if w >= 64 { u64::MAX } else { (1u64 << w) - 1 };
    for y in 0..h {
        p |= pass[y] << (y * w);
        o |= objs[y] << (y * w);
        not_first |= (row & !1) << (y * w);
        not_last |= (row >> 1) << (y * w);
    }
    let all = if w * h >= 64 {
        u64::MAX
    } else {
        (1u64 << (w * h)) - 1
    };
    let mut r = 1u64 << (agent.1 * w + agent.0);
    loop {
        let q = r & p;
        let next = (r | ((q << 1) & not_first) | ((q >> 1) & not_last) | (q << w) | (q >> w)) & all;
        if o & !next == 0 {
            return true;
        }
        if next == r {
            return false;
        }
        r = next;
    }
}

/// Bit `x` of the first mask is set when cell `start + x` (`x < w`) is empty (raw 0), of
/// the second when it holds an object (raw >= 2); eight cells at a time, the last word
/// reading on into the next row (masked off) or padded with walls past the grid's end.
fn row_masks(cells: &[u8], start: usize, w: usize) -> (u64, u64) {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Gathers the high bit of each byte into the low eight bits, byte k to bit k.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let nonzero = |v: u64| (((v & LOW7) + LOW7) | v) & HIGH;
    let (mut empty, mut obj) = (0u64, 0u64);
    let mut x = 0;
    while x < w {
        let i = start + x;
        let v = match cells.get(i..i + 8) {
            Some(c) => u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
            None => {
                let mut b = [1u8; 8];
                let tail = cells.get(i..).unwrap_or(&[]);
                b[..tail.len()].copy_from_slice(tail);
                u64::from_le_bytes(b)
            }
        };
        let e = (!nonzero(v) & HIGH) >> 7;
        let o = nonzero(v & 0xFEFE_FEFE_FEFE_FEFE) >> 7;
        empty |= (e.wrapping_mul(GATHER) >> 56) << x;
        obj |= (o.wrapping_mul(GATHER) >> 56) << x;
        x += 8;
    }
    let row = if w >= 64 { u64::MAX } else { (1u64 << w) - 1 };
    (empty & row, obj & row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{DoorState, Grid, RoomLayout, World};

    /// Minigrid's `check_objs_reachable` as written: a depth-first search from the agent
    /// through empty cells and doors.
    fn naive(world: &World) -> bool {
        let g = &world.grid;
        let (w, h) = (g.width(), g.height());
        let mut seen = vec![false; (w * h) as usize];
        let mut stack = vec![world.agent_pos];
        while let Some((x, y)) = stack.pop() {
            if !g.in_bounds(x, y) || seen[(y * w + x) as usize] {
                continue;
            }
            seen[(y * w + x) as usize] = true;
            let passable = match g.get(x, y) {
                Cell::Empty => true,
                Cell::Obj(o) => g.obj(o).kind == ObjKind::Door,
                Cell::Wall => false,
            };
            if passable || (x, y) == world.agent_pos {
                stack.extend([(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]);
            }
        }
        (0..w).all(|x| (0..h).all(|y| g.obj_at(x, y).is_none() || seen[(y * w + x) as usize]))
    }

    #[test]
    fn reachability_matches_a_plain_search() {
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s % n
        };
        let mut outcomes = [0u32; 2];
        for case in 0..4000 {
            let (w, h) = (1 + next(24) as usize, 1 + next(24) as usize);
            let (w, h) = if case % 3 == 0 {
                (w.min(8), h.min(8))
            } else {
                (w, h)
            };
            let mut grid = Grid::new(w, h);
            let density = 1 + next(6);
            for y in 0..h as i32 {
                for x in 0..w as i32 {
                    match next(10) {
                        k if k < density => grid.set(x, y, Cell::Wall),
                        k if k == density => {
                            let kind =
                                [ObjKind::Ball, ObjKind::Door, ObjKind::Key][next(3) as usize];
                            let mut o = Obj::new(kind, COLOR_NAMES[0]);
                            o.door = DoorState::Closed;
                            grid.put_obj(x, y, o);
                        }
                        _ => {}
                    }
                }
            }
            let agent = (next(w as u64) as i32, next(h as u64) as i32);
            grid.set(agent.0, agent.1, Cell::Empty);
            let layout = RoomLayout::new(w.max(h) as u8, 1, 1);
            let mut g = Gen::new(0, 3, 1, 1);
            g.world = World::new(grid, layout, agent, Dir::Right);
            let expected = naive(&g.world);
            assert_eq!(g.objs_reachable(), expected, "case {case}");
            outcomes[usize::from(expected)] += 1;
        }
        assert!(outcomes.iter().all(|&n| n >= 200), "{outcomes:?}");
    }
}
