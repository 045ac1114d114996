//! Breadth-first search over the cells the bot has seen, in the order of Minigrid's
//! `BabyAIBot._shortest_path` (so ties break as in the reference), with reusable buffers.

use crate::world::{Cell, DoorState, ObjKind, World};

/// Parent marker of an unvisited cell.
const UNVISITED: u32 = u32::MAX;
/// Parent marker of a start cell.
const ROOT: u32 = u32::MAX - 1;

/// A found path: its goal, length in moves, first step, and whether it crosses objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The accepted cell.
    pub goal: (i32, i32),
    /// Number of moves from the agent to the goal.
    pub len: usize,
    /// The first cell after the agent's; `None` when the goal is the agent's own cell.
    pub first: Option<(i32, i32)>,
    /// Pass 2 was needed: the path goes through objects (blockers).
    pub blockers: bool,
}

/// Scratch buffers of the search, reused across decisions (no allocation once grown).
#[derive(Clone, Debug, Default)]
pub(crate) struct Search {
    width: i32,
    queue: Vec<(i32, i32, i32, i32, u32)>,
    parent1: Vec<u32>,
    parent2: Vec<u32>,
    order1: Vec<u32>,
}

/// Whether the search expands from `(x, y)`: a seen cell that is empty or an open door, or
/// (ignoring blockers) holds a carriable object. Walls and closed or locked doors never.
fn expandable(world: &World, seen: &[bool], x: i32, y: i32, ignore_blockers: bool) -> bool {
    if !seen[(y * world.grid.width() + x) as usize] {
        return false;
    }
    match world.grid.get(x, y) {
        Cell::Empty => true,
        Cell::Wall => false,
        Cell::Obj(id) => {
            let o = world.grid.obj(id);
            if o.kind == ObjKind::Door {
                o.door == DoorState::Open
            } else {
                ignore_blockers
            }
        }
    }
}

impl Search {
    fn xy(&self, i: u32) -> (i32, i32) {
        ((i as i32) % self.width, (i as i32) / self.width)
    }

    /// One BFS pass; pass 2 seeds from pass 1's visit order (direction +x) and walks
    /// through objects. The accept test runs on every cell taken from the queue.
    fn pass(
        &mut self,
        world: &World,
        seen: &[bool],
        start: ((i32, i32), (i32, i32)),
        pass2: bool,
        accept: &mut dyn FnMut(i32, i32) -> bool,
    ) -> Option<u32> {
        self.queue.clear();
        if pass2 {
            self.parent2.clear();
            self.parent2.resize(self.parent1.len(), UNVISITED);
            for k in 0..self.order1.len() {
                let (x, y) = self.xy(self.order1[k]);
                self.queue.push((x, y, 1, 0, ROOT));
            }
        } else {
            self.parent1.clear();
            self.parent1.resize(
                (world.grid.width() * world.grid.height()) as usize,
                UNVISITED,
            );
            self.order1.clear();
            let ((x, y), (dx, dy)) = start;
            self.queue.push((x, y, dx, dy, ROOT));
        }
        let mut head = 0;
        while head < self.queue.len() {
            let (x, y, dx, dy, par) = self.queue[head];
            head += 1;
            if !world.grid.in_bounds(x, y) {
                continue;
            }
            let i = (y * self.width + x) as u32;
            let table = if pass2 {
                &mut self.parent2
            } else {
                &mut self.parent1
            };
            if table[i as usize] != UNVISITED {
                continue;
            }
            table[i as usize] = par;
            if !pass2 {
                self.order1.push(i);
            }
            if accept(x, y) {
                return Some(i);
            }
            if !expandable(world, seen, x, y, pass2) {
                continue;
            }
            for (vx, vy) in [(dx, dy), (dy, dx), (-dy, -dx), (-dx, -dy)] {
                self.queue.push((x + vx, y + vy, vx, vy, i));
            }
        }
        None
    }

    /// Minigrid's `_shortest_path(accept, try_with_blockers)`: pass 1 from the agent; if it
    /// fails and `with_blockers`, pass 2 from every cell pass 1 reached.
    pub(crate) fn shortest_path(
        &mut self,
        world: &World,
        seen: &[bool],
        with_blockers: bool,
        accept: &mut dyn FnMut(i32, i32) -> bool,
    ) -> Option<Found> {
        self.width = world.grid.width();
        let start = (world.agent_pos, world.agent_dir.vec());
        if let Some(g) = self.pass(world, seen, start, false, accept) {
            return Some(self.trace(g, false));
        }
        if !with_blockers {
            return None;
        }
        let g = self.pass(world, seen, start, true, accept)?;
        Some(self.trace(g, true))
    }

    fn trace(&self, goal: u32, pass2: bool) -> Found {
        let mut cur = goal;
        let mut len = 0;
        let mut first = None;
        if pass2 {
            while self.parent2[cur as usize] != ROOT {
                first = Some(cur);
                cur = self.parent2[cur as usize];
                len += 1;
            }
        }
        while self.parent1[cur as usize] != ROOT {
            first = Some(cur);
            cur = self.parent1[cur as usize];
            len += 1;
        }
        Found {
            goal: self.xy(goal),
            len,
            first: first.map(|i| self.xy(i)),
            blockers: pass2,
        }
    }
}
