//! Minigrid's `ObjDesc.find_matching_objs`: which objects a description denotes.

use super::{Loc, ObjDesc};
use crate::world::{Cell, ObjId, ObjKind, World};

/// One matched thing, by identity: an object, or a grey wall (identified by its cell,
/// since walls never move). Walls match only the type-less description "object".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Target {
    /// An object of the grid's object table.
    Obj(ObjId),
    /// A plain wall at `(x, y)`.
    Wall(i8, i8),
}

/// The result of matching a description: Minigrid's `obj_set` and `obj_poss`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Matches {
    /// Matched identities in scan order (x outer, y inner).
    pub set: Vec<Target>,
    /// Their positions at matching time (same order).
    pub poss: Vec<(i32, i32)>,
}

impl Matches {
    /// Whether `id` is one of the matched objects.
    pub fn contains_obj(&self, id: ObjId) -> bool {
        self.set.contains(&Target::Obj(id))
    }

    /// Number of matched identities (decides the article: 1 -> "the", else "a").
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

impl ObjDesc {
    /// Whether a thing of `kind`/`color` at `(x, y)` satisfies the type, colour and (if
    /// `use_location`) location filters, seen from the agent's current pose.
    fn accepts(&self, world: &World, cell: Cell, x: i32, y: i32, use_location: bool) -> bool {
        let Some((kind, color)) = world.grid.kind_color(cell) else {
            return false;
        };
        if self.kind.is_some_and(|k| k != kind) || self.color.is_some_and(|c| c != color) {
            return false;
        }
        if let (true, Some(loc)) = (use_location, self.loc) {
            if !world.layout.pos_inside(world.agent_room(), x, y) {
                return false;
            }
            let v = (x - world.agent_pos.0, y - world.agent_pos.1);
            let d1 = world.agent_dir.vec();
            let d2 = (-d1.1, d1.0);
            let dot = |d: (i32, i32)| v.0 * d.0 + v.1 * d.1;
            let ok = match loc {
                Loc::Left => dot(d2) < 0,
                Loc::Right => dot(d2) > 0,
                Loc::Front => dot(d1) > 0,
                Loc::Behind => dot(d1) < 0,
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// Minigrid's `find_matching_objs(env)` (with location): every non-empty cell matching
    /// the description, scanning x outer, y inner. Location qualifiers keep only things in
    /// the agent's room (walls included) on the named side (a half-plane).
    pub fn find_matching(&self, world: &World) -> Matches {
        let mut m = Matches::default();
        self.find_matching_into(world, &mut m);
        m
    }

    /// As [`ObjDesc::find_matching`], reusing `out`'s buffers.
    pub fn find_matching_into(&self, world: &World, out: &mut Matches) {
        out.set.clear();
        out.poss.clear();
        if self.kind.is_some_and(|k| k != ObjKind::Wall) && self.match_objects(world, out) {
            return;
        }
        for x in 0..world.grid.width() {
            for y in 0..world.grid.height() {
                let cell = world.grid.get(x, y);
                if self.accepts(world, cell, x, y, true) {
                    out.set.push(match cell {
                        Cell::Obj(id) => Target::Obj(id),
                        _ => Target::Wall(x as i8, y as i8),
                    });
                    out.poss.push((x, y));
                }
            }
        }
    }

    /// The grid scan of [`ObjDesc::find_matching_into`] for a description that cannot match
    /// plain walls, done over the object table: each object found on the grid at its
    /// `cur_pos` is tested there, and the matches are put in scan order (x, then y). Valid
    /// only when those objects account for every object cell of the grid (none moved with a
    /// plain `Grid::set`, none in two cells); returns `false`, with `out` empty, otherwise.
    fn match_objects(&self, world: &World, out: &mut Matches) -> bool {
        let g = &world.grid;
        let object_cells = g.object_cells();
        let mut placed = 0;
        for (id, o) in g.objs() {
            let (x, y) = (o.cur_pos.0 as i32, o.cur_pos.1 as i32);
            if !(g.in_bounds(x, y) && g.get(x, y) == Cell::Obj(id)) {
                continue;
            }
            placed += 1;
            if self.accepts(world, Cell::Obj(id), x, y, true) {
                out.set.push(Target::Obj(id));
                out.poss.push((x, y));
            }
        }
        if placed != object_cells {
            out.set.clear();
            out.poss.clear();
            return false;
        }
        // Insertion sort of the (few) matches into scan order; positions are distinct.
        for i in 1..out.poss.len() {
            let mut j = i;
            while j > 0 && out.poss[j - 1] > out.poss[j] {
                out.poss.swap(j - 1, j);
                out.set.swap(j - 1, j);
                j -= 1;
            }
        }
        true
    }

    /// Minigrid's `find_matching_objs(env, use_location=False)`: recomputes `m.poss` as
    /// the current cells of the already-matched identities that are on the grid; carried
    /// objects (and opened boxes) drop out until they are back on the grid. The order of
    /// `m.poss` is then the order of `m.set` (it is only ever searched). No allocation
    /// once `m.poss` has room for `m.set.len()` entries, and no grid scan unless an
    /// object's `cur_pos` is out of date (it was moved with a plain [`Grid::set`]).
    ///
    /// [`Grid::set`]: crate::world::Grid::set
    pub fn refresh_positions(&self, world: &World, m: &mut Matches) {
        m.poss.clear();
        let g = &world.grid;
        for &t in &m.set {
            match t {
                Target::Wall(x, y) => {
                    let (x, y) = (x as i32, y as i32);
                    if g.get(x, y) == Cell::Wall {
                        m.poss.push((x, y));
                    }
                }
                Target::Obj(id) => {
                    if world.carrying == Some(id) {
                        continue;
                    }
                    let (cx, cy) = g.obj(id).cur_pos;
                    let (cx, cy) = (cx as i32, cy as i32);
                    if g.in_bounds(cx, cy) && g.get(cx, cy) == Cell::Obj(id) {
                        m.poss.push((cx, cy));
                        continue;
                    }
                    'scan: for x in 0..g.width() {
                        for y in 0..g.height() {
                            if g.get(x, y) == Cell::Obj(id) {
                                m.poss.push((x, y));
                                break 'scan;
                            }
                        }
                    }
                }
            }
        }
    }
}
