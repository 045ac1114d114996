//! Minigrid's `ObjDesc.find_matching_objs`: which objects a description denotes.

use super::{Loc, ObjDesc};
use crate::world::{Cell, Color, ObjId, ObjKind, World};

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

/// A location qualifier resolved against the agent's pose once per matching: the agent's
/// room as a rectangle (Minigrid's `Room.pos_inside`, walls included) and the side test.
#[derive(Clone, Copy)]
struct Where {
    loc: Loc,
    /// The room's cells: `x0..x1`, `y0..y1`.
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
    agent: (i32, i32),
    /// The agent's direction vector.
    d1: (i32, i32),
}

impl Where {
    fn new(world: &World, loc: Loc) -> Where {
        let (i, j) = world.agent_room();
        let (tx, ty) = world.layout.room_top(i, j);
        let s = i32::from(world.layout.room_size);
        Where {
            loc,
            x0: tx,
            y0: ty,
            x1: tx + s,
            y1: ty + s,
            agent: world.agent_pos,
            d1: world.agent_dir.vec(),
        }
    }

    #[inline]
    fn accepts(&self, x: i32, y: i32) -> bool {
        if !(x >= self.x0 && y >= self.y0 && x < self.x1 && y < self.y1) {
            return false;
        }
        let v = (x - self.agent.0, y - self.agent.1);
        let d1 = self.d1;
        let d2 = (-d1.1, d1.0);
        let dot = |d: (i32, i32)| v.0 * d.0 + v.1 * d.1;
        match self.loc {
            Loc::Left => dot(d2) < 0,
            Loc::Right => dot(d2) > 0,
            Loc::Front => dot(d1) > 0,
            Loc::Behind => dot(d1) < 0,
        }
    }
}

/// The objects of a world that stand at their `cur_pos`, taken once for many matchings on
/// an unchanged world (level generation's `rand_obj` draws one description after another
/// on the same layout; a mission's descriptions are all matched on the reset world).
#[derive(Clone, Debug, Default)]
pub struct PlacedObjs {
    /// Identity, kind, colour and cell of each placed object, in id order.
    objs: Vec<(ObjId, ObjKind, Color, i32, i32)>,
    /// Whether they account for every object cell of the grid (else matching scans).
    complete: bool,
}

impl PlacedObjs {
    /// The placed objects of `world`.
    pub fn new(world: &World) -> PlacedObjs {
        let mut p = PlacedObjs::default();
        p.snapshot(world);
        p
    }

    /// Takes the placed objects of `world` (replacing the previous snapshot).
    pub fn snapshot(&mut self, world: &World) {
        self.objs.clear();
        let g = &world.grid;
        self.objs.reserve(g.num_objs());
        for (id, o) in g.objs() {
            let (x, y) = (o.cur_pos.0 as i32, o.cur_pos.1 as i32);
            if g.in_bounds(x, y) && g.get(x, y) == Cell::Obj(id) {
                self.objs.push((id, o.kind, o.color, x, y));
            }
        }
        self.complete = self.objs.len() == g.object_cells();
    }

    /// Whether the snapshot answers for `desc` (else the grid is scanned).
    fn answers(&self, desc: &ObjDesc) -> bool {
        self.complete && !desc.walls_can_match()
    }

    /// [`ObjDesc::count_matching`] on `world`, which must be the world of the last
    /// [`PlacedObjs::snapshot`], unchanged since.
    pub fn count_matching(&self, desc: &ObjDesc, world: &World, limit: usize) -> usize {
        if !self.answers(desc) {
            return desc.count_matching(world, limit);
        }
        let place = desc.loc.map(|l| Where::new(world, l));
        let mut n = 0;
        for &(_, kind, color, x, y) in &self.objs {
            if desc.accepts_kind_color(kind, color)
                && place.as_ref().is_none_or(|p| p.accepts(x, y))
            {
                n += 1;
                if n >= limit {
                    break;
                }
            }
        }
        n
    }

    /// [`ObjDesc::find_matching_into`] on `world`, which must be the world of the last
    /// [`PlacedObjs::snapshot`], unchanged since.
    pub fn find_matching_into(&self, desc: &ObjDesc, world: &World, out: &mut Matches) {
        if !self.answers(desc) {
            desc.find_matching_into(world, out);
            return;
        }
        out.set.clear();
        out.poss.clear();
        let place = desc.loc.map(|l| Where::new(world, l));
        for &(id, kind, color, x, y) in &self.objs {
            if desc.accepts_kind_color(kind, color)
                && place.as_ref().is_none_or(|p| p.accepts(x, y))
            {
                out.set.push(Target::Obj(id));
                out.poss.push((x, y));
            }
        }
        sort_scan_order(out);
    }
}

/// Insertion sort of the (few) matches into Minigrid's scan order (x, then y); positions
/// are distinct.
fn sort_scan_order(out: &mut Matches) {
    for i in 1..out.poss.len() {
        let mut j = i;
        while j > 0 && out.poss[j - 1] > out.poss[j] {
            out.poss.swap(j - 1, j);
            out.set.swap(j - 1, j);
            j -= 1;
        }
    }
}

impl ObjDesc {
    /// Whether the description can match a plain grey wall ("object", "wall", "grey
    /// object"...). When it cannot, only the object table needs to be searched.
    fn walls_can_match(&self) -> bool {
        self.kind.is_none_or(|k| k == ObjKind::Wall) && self.color.is_none_or(|c| c == Color::Grey)
    }

    /// Whether a thing of `kind`/`color` passes the type and colour filters.
    #[inline]
    fn accepts_kind_color(&self, kind: ObjKind, color: Color) -> bool {
        self.kind.is_none_or(|k| k == kind) && self.color.is_none_or(|c| c == color)
    }

    /// Whether `cell` at `(x, y)` satisfies the type, colour and location filters.
    #[inline]
    fn accepts(&self, world: &World, place: Option<&Where>, cell: Cell, x: i32, y: i32) -> bool {
        let Some((kind, color)) = world.grid.kind_color(cell) else {
            return false;
        };
        self.accepts_kind_color(kind, color) && place.is_none_or(|p| p.accepts(x, y))
    }

    /// The cells Minigrid's scan can match in: the agent's room (clipped to the grid) with
    /// a location qualifier, else the whole grid.
    fn scan_rect(world: &World, place: Option<&Where>) -> (i32, i32, i32, i32) {
        let (w, h) = (world.grid.width(), world.grid.height());
        match place {
            Some(p) => (p.x0.max(0), p.y0.max(0), p.x1.min(w), p.y1.min(h)),
            None => (0, 0, w, h),
        }
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
    ///
    /// A description that cannot match plain walls is matched over the object table (see
    /// `match_objects`); a location qualifier limits the grid scan to the agent's room, the
    /// only cells it can accept (the scan order within it is Minigrid's).
    pub fn find_matching_into(&self, world: &World, out: &mut Matches) {
        out.set.clear();
        out.poss.clear();
        let place = self.loc.map(|l| Where::new(world, l));
        if !self.walls_can_match() && self.match_objects(world, place.as_ref(), out) {
            return;
        }
        let (x0, y0, x1, y1) = Self::scan_rect(world, place.as_ref());
        for x in x0..x1 {
            for y in y0..y1 {
                let cell = world.grid.get(x, y);
                if self.accepts(world, place.as_ref(), cell, x, y) {
                    out.set.push(match cell {
                        Cell::Obj(id) => Target::Obj(id),
                        _ => Target::Wall(x as i8, y as i8),
                    });
                    out.poss.push((x, y));
                }
            }
        }
    }

    /// How many cells [`ObjDesc::find_matching`] would match, counting no further than
    /// `limit` (the mission's article needs only "one or more than one"). No allocation.
    pub fn count_matching(&self, world: &World, limit: usize) -> usize {
        let place = self.loc.map(|l| Where::new(world, l));
        if !self.walls_can_match() {
            // Objects verified at their `cur_pos` are matches of the scan, so reaching
            // `limit` among them settles the count even if other object cells exist.
            let g = &world.grid;
            let (mut n, mut placed) = (0, 0);
            for (id, o) in g.objs() {
                let (x, y) = (o.cur_pos.0 as i32, o.cur_pos.1 as i32);
                if !(g.in_bounds(x, y) && g.get(x, y) == Cell::Obj(id)) {
                    continue;
                }
                placed += 1;
                if self.accepts_kind_color(o.kind, o.color)
                    && place.as_ref().is_none_or(|p| p.accepts(x, y))
                {
                    n += 1;
                    if n >= limit {
                        return n;
                    }
                }
            }
            if placed == g.object_cells() {
                return n;
            }
        }
        let (x0, y0, x1, y1) = Self::scan_rect(world, place.as_ref());
        let mut n = 0;
        for x in x0..x1 {
            for y in y0..y1 {
                if self.accepts(world, place.as_ref(), world.grid.get(x, y), x, y) {
                    n += 1;
                    if n >= limit {
                        return n;
                    }
                }
            }
        }
        n
    }

    /// The grid scan of [`ObjDesc::find_matching_into`] for a description that cannot match
    /// plain walls, done over the object table: each object found on the grid at its
    /// `cur_pos` is tested there, and the matches are put in scan order (x, then y). Valid
    /// only when those objects account for every object cell of the grid (none moved with a
    /// plain `Grid::set`, none in two cells); returns `false`, with `out` empty, otherwise.
    fn match_objects(&self, world: &World, place: Option<&Where>, out: &mut Matches) -> bool {
        let g = &world.grid;
        let mut placed = 0;
        for (id, o) in g.objs() {
            let (x, y) = (o.cur_pos.0 as i32, o.cur_pos.1 as i32);
            if !(g.in_bounds(x, y) && g.get(x, y) == Cell::Obj(id)) {
                continue;
            }
            placed += 1;
            if self.accepts_kind_color(o.kind, o.color) && place.is_none_or(|p| p.accepts(x, y)) {
                out.set.push(Target::Obj(id));
                out.poss.push((x, y));
            }
        }
        if placed != g.object_cells() {
            out.set.clear();
            out.poss.clear();
            return false;
        }
        sort_scan_order(out);
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
