//! The bot's choices: the nearest seen match of a description, where to put something
//! down, where a needed key is, and small cell tests shared by the subgoals.

use super::search::Found;
use super::{Bot, Datum};
use crate::instr::Target;
use crate::world::{Cell, Color, DoorState, ObjId, ObjKind, World};

pub(super) fn add(a: (i32, i32), b: (i32, i32)) -> (i32, i32) {
    (a.0 + b.0, a.1 + b.1)
}

pub(super) fn manhattan(a: (i32, i32), b: (i32, i32)) -> i32 {
    (a.0 - b.0).abs() + (a.1 - b.1).abs()
}

pub(super) fn seen_at(world: &World, seen: &[bool], (x, y): (i32, i32)) -> bool {
    world.grid.in_bounds(x, y) && seen[(y * world.grid.width() + x) as usize]
}

pub(super) fn door_at(world: &World, (x, y): (i32, i32)) -> Option<(ObjId, Color, DoorState)> {
    match world.grid.get(x, y) {
        Cell::Obj(id) if world.grid.obj(id).kind == ObjKind::Door => {
            let o = world.grid.obj(id);
            Some((id, o.color, o.door))
        }
        _ => None,
    }
}

/// Empty, or an open door.
pub(super) fn steppable(world: &World, (x, y): (i32, i32)) -> bool {
    match world.grid.get(x, y) {
        Cell::Empty => world.grid.in_bounds(x, y),
        Cell::Wall => false,
        Cell::Obj(id) => {
            let o = world.grid.obj(id);
            o.kind == ObjKind::Door && o.door == DoorState::Open
        }
    }
}

pub(super) fn carrying_key(world: &World, color: Color) -> bool {
    world.carrying.is_some_and(|c| {
        let o = world.grid.obj(c);
        o.kind == ObjKind::Key && o.color == color
    })
}

pub(super) fn is_key(world: &World, id: ObjId, color: Color) -> bool {
    let o = world.grid.obj(id);
    o.kind == ObjKind::Key && o.color == color
}

impl Bot {
    pub(super) fn path_to(&mut self, world: &World, t: (i32, i32)) -> Option<Found> {
        self.search
            .shortest_path(world, &self.seen, true, &mut |x, y| (x, y) == t)
    }

    /// Where a key of `color` can be had: `Some(None)` lying on the grid, `Some(Some(box))`
    /// inside a box on the grid, `None` nowhere.
    pub(super) fn key_source(&self, world: &World, color: Color) -> Option<Option<ObjId>> {
        let mut boxed = None;
        for (id, o) in world.grid.objs() {
            let on_grid = self.pos_of.get(id.index()).is_some_and(|&p| p != (-1, -1));
            if !on_grid {
                continue;
            }
            if o.kind == ObjKind::Key && o.color == color {
                return Some(None);
            }
            if o.kind == ObjKind::Box
                && boxed.is_none()
                && o.contains.is_some_and(|c| is_key(world, c, color))
            {
                boxed = Some(id);
            }
        }
        boxed.map(Some)
    }

    /// The nearest seen match of `datum` (descriptor or key colour) by the reference's
    /// adjusted path length; ties go to the first in Minigrid's grid scan order (column by
    /// column: x outer, y inner), the order in which its `find_matching_objs` lists them.
    pub(super) fn closest_match(
        &mut self,
        world: &World,
        datum: Datum,
        adjacent: bool,
    ) -> Option<(Target, (i32, i32))> {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        let mut consider = |target: Target, pos_of: &[(i32, i32)]| {
            let p = match target {
                // Minigrid 3.2.0's bot never aims at a wall ("a grey object" matches walls).
                Target::Wall(..) => return,
                Target::Obj(id) if Some(id) == world.carrying => return,
                Target::Obj(id) => match pos_of.get(id.index()) {
                    Some(&p) if p != (-1, -1) => p,
                    _ => return,
                },
            };
            candidates.push((p, target));
        };
        match datum {
            Datum::Desc(i) => {
                for &t in &self.descs[i as usize].set {
                    consider(t, &self.pos_of);
                }
            }
            Datum::Key(c) => {
                for k in 0..world.grid.num_objs() {
                    let id = ObjId(k as u8);
                    if is_key(world, id, c) {
                        consider(Target::Obj(id), &self.pos_of);
                    }
                }
            }
            _ => {}
        }
        // Positions are distinct: a stable order by (x, y).
        candidates.sort_unstable_by_key(|&((x, y), _)| (x, y));
        let mut best = (usize::MAX, None);
        for &(p, target) in &candidates {
            if !seen_at(world, &self.seen, p) {
                continue;
            }
            let Some(found) = self.path_to(world, p) else {
                continue;
            };
            let mut d = found.len;
            if found.blockers {
                d += if world.carrying.is_some() { 7 } else { 4 };
            }
            if d == 0 {
                d = if adjacent { 3 } else { 2 };
            }
            if adjacent && d == 1 {
                d = 3;
            }
            if d < best.0 {
                best = (d, Some((target, p)));
            }
        }
        self.candidates = candidates;
        best.1
    }

    /// A cell to put something down: the first in search order that keeps its surroundings
    /// connected (the reference's ring test), else the first empty one; pass 1, then through
    /// objects. Never the agent's cell or `except`.
    pub(super) fn drop_pos(
        &mut self,
        world: &World,
        except: Option<(i32, i32)>,
    ) -> Option<(i32, i32)> {
        let seen = &self.seen;
        let agent = world.agent_pos;
        let empty = |p: (i32, i32)| {
            p != agent
                && Some(p) != except
                && seen_at(world, seen, p)
                && world.grid.get(p.0, p.1) == Cell::Empty
                && world.grid.in_bounds(p.0, p.1)
        };
        let class = |q: (i32, i32)| -> u8 {
            if !seen_at(world, seen, q) || Some(q) == except {
                return 2;
            }
            match world.grid.get(q.0, q.1) {
                Cell::Wall => 1,
                Cell::Empty => 0,
                _ if q == agent => 0,
                Cell::Obj(id) => {
                    let o = world.grid.obj(id);
                    if o.kind == ObjKind::Door && o.door == DoorState::Open {
                        0
                    } else {
                        2
                    }
                }
            }
        };
        let unblock = |p: (i32, i32)| {
            if !empty(p) {
                return false;
            }
            const RING: [(i32, i32); 8] = [
                (-1, -1),
                (0, -1),
                (1, -1),
                (1, 0),
                (1, 1),
                (0, 1),
                (-1, 1),
                (-1, 0),
            ];
            let c = RING.map(|d| class(add(p, d)));
            let mut changes = 0;
            for i in 0..8 {
                let (prev, next) = (c[(i + 7) % 8], c[(i + 1) % 8]);
                if c[i] == 2 && prev != 0 && next != 0 {
                    return false;
                }
                if (c[i] == 0) != (next == 0) {
                    changes += 1;
                }
            }
            changes <= 2
        };
        for with_blockers in [false, true] {
            if let Some(f) = self
                .search
                .shortest_path(world, seen, with_blockers, &mut |x, y| unblock((x, y)))
            {
                return Some(f.goal);
            }
            if let Some(f) = self
                .search
                .shortest_path(world, seen, with_blockers, &mut |x, y| empty((x, y)))
            {
                return Some(f.goal);
            }
        }
        None
    }
}

/// Cells sideways along `v` until a wall or a door (at most 3, the view's half width).
pub(super) fn free_run(world: &World, v: (i32, i32)) -> i32 {
    let pos = world.agent_pos;
    for k in 1..=3 {
        let p = (pos.0 + k * v.0, pos.1 + k * v.1);
        match world.grid.get(p.0, p.1) {
            Cell::Wall => return k,
            Cell::Obj(id) if world.grid.obj(id).kind == ObjKind::Door => return k,
            _ => {}
        }
    }
    3
}
