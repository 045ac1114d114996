//! Minigrid's verifier: `reset_verifier`, `verify(action)` and `update_objs_poss`.
//!
//! Compact form: the instruction's nodes in one list (children after their parent, by
//! index) and the matches of every description in one list of 3-byte entries, so a bound
//! BossLevel mission costs two small allocations instead of a box per node and two lists
//! per description.

use super::{Instr, Matches, ObjDesc, PlacedObjs, Target};
use crate::action::Action;
use crate::world::{Cell, DoorState, ObjId, ObjKind, World};

mod check;

/// What the verifier says after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Status {
    /// Not done yet (also the initial "not verified" state of sequence parts).
    #[default]
    Continue,
    /// Mission accomplished: terminated with reward.
    Success,
    /// Mission failed (strict `*Debug` levels only): terminated, reward 0.
    Failure,
}

/// The position an object entry has when Minigrid's `obj_poss` holds none for it (a
/// carried object): never a front cell nor next to a dropped object.
const NO_POS: (i8, i8) = (i8::MIN, i8::MIN);

/// [`Entry::who`] of a wall whose cell holds a plain wall (its position is its identity).
const WALL: u8 = 254;
/// [`Entry::who`] of a matched wall whose cell no longer holds a plain wall (no position).
const WALL_GONE: u8 = 255;

/// One matched identity and its tracked position (Minigrid's `obj_set` and `obj_poss`,
/// which are only ever searched, side by side) in three bytes: `who` is an object id
/// (below [`crate::world::MAX_OBJS`]) with its position `(x, y)` ([`NO_POS`] if none),
/// or [`WALL`] / [`WALL_GONE`] for the wall at `(x, y)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Entry {
    x: i8,
    y: i8,
    who: u8,
}

impl Entry {
    fn new(target: Target, pos: (i8, i8)) -> Entry {
        match target {
            Target::Obj(id) => Entry {
                x: pos.0,
                y: pos.1,
                who: id.0,
            },
            Target::Wall(x, y) => Entry {
                x,
                y,
                who: if pos == NO_POS { WALL_GONE } else { WALL },
            },
        }
    }

    /// The tracked position, if any.
    fn pos(self) -> Option<(i32, i32)> {
        let has = if self.who < WALL {
            (self.x, self.y) != NO_POS
        } else {
            self.who == WALL
        };
        has.then_some((self.x as i32, self.y as i32))
    }

    /// Whether the tracked position is `p` (an on-grid or edge cell, so never [`NO_POS`]).
    #[inline]
    fn at(self, p: (i8, i8)) -> bool {
        self.x == p.0 && self.y == p.1 && self.who != WALL_GONE
    }
}

/// A description bound to the objects it matched at reset: `entries[start..start + len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Bound {
    start: u16,
    len: u16,
}

impl Bound {
    fn range(self) -> core::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// The verifier state of one instruction node; `a`/`b` index the node list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
enum Node {
    GoTo(Bound),
    Pickup {
        b: Bound,
        strict: bool,
        pre: Option<ObjId>,
    },
    Open {
        b: Bound,
        strict: bool,
    },
    PutNext {
        moved: Bound,
        fixed: Bound,
        strict: bool,
        pre: Option<ObjId>,
    },
    And {
        a: u16,
        b: u16,
        a_done: Status,
        b_done: Status,
    },
    Before {
        a: u16,
        b: u16,
        a_done: Status,
        b_done: Status,
        strict: bool,
    },
    After {
        a: u16,
        b: u16,
        a_done: Status,
        b_done: Status,
        strict: bool,
    },
}

/// An instruction bound to a world: Minigrid's instruction objects after `reset_verifier`.
///
/// Matching sets are fixed at binding; positions are refreshed only after a drop
/// ([`Verifier::update_objs_poss`]), so a picked-up object keeps its stale position.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "check::Raw"))]
pub struct Verifier {
    /// The root first; every child after its parent.
    nodes: Box<[Node]>,
    /// The matches of all descriptions.
    entries: Box<[Entry]>,
}

/// Number of nodes of `instr`.
fn count(instr: &Instr) -> usize {
    match instr {
        Instr::And(a, b) | Instr::Before { a, b, .. } | Instr::After { a, b, .. } => {
            1 + count(a) + count(b)
        }
        _ => 1,
    }
}

/// Binding state: the node list being built, and scratch lists (a description's match
/// result, the entries gathered so far) kept per thread, so binding allocates only the
/// verifier's two exact-size lists.
struct Binder<'a> {
    world: &'a World,
    placed: &'a PlacedObjs,
    include_carried: bool,
    nodes: Vec<Node>,
    entries: &'a mut Vec<Entry>,
    scratch: &'a mut Matches,
}

std::thread_local! {
    /// [`Binder`]'s scratch lists (cleared before use; their contents never outlive a bind).
    static SCRATCH: core::cell::RefCell<(Matches, Vec<Entry>)> =
        const { core::cell::RefCell::new((Matches { set: Vec::new(), poss: Vec::new() }, Vec::new())) };
}

impl Binder<'_> {
    fn bound(&mut self, desc: &ObjDesc) -> Bound {
        let world = self.world;
        let m = &mut *self.scratch;
        self.placed.find_matching_into(desc, world, m);
        let start = self.entries.len();
        self.entries.extend(
            m.set
                .iter()
                .zip(&m.poss)
                .map(|(&target, &(x, y))| Entry::new(target, (x as i8, y as i8))),
        );
        // Minigrid's sets and positions are parallel at matching time.
        debug_assert_eq!(m.set.len(), m.poss.len());
        if let (true, Some(id)) = (self.include_carried, world.carrying) {
            let o = world.grid.obj(id);
            if desc.loc.is_none()
                && desc.kind.is_none_or(|k| k == o.kind)
                && desc.color.is_none_or(|c| c == o.color)
            {
                self.entries.push(Entry::new(Target::Obj(id), NO_POS));
            }
        }
        Bound {
            start: start as u16,
            len: (self.entries.len() - start) as u16,
        }
    }

    /// Binds `instr` into the node list; returns its index.
    fn node(&mut self, instr: &Instr) -> u16 {
        let at = self.nodes.len();
        // A placeholder, so children come after their parent.
        self.nodes.push(Node::And {
            a: 0,
            b: 0,
            a_done: Status::Continue,
            b_done: Status::Continue,
        });
        let node = match instr {
            Instr::GoTo(d) => Node::GoTo(self.bound(d)),
            Instr::Pickup { desc, strict } => Node::Pickup {
                b: self.bound(desc),
                strict: *strict,
                pre: None,
            },
            Instr::Open { desc, strict } => Node::Open {
                b: self.bound(desc),
                strict: *strict,
            },
            Instr::PutNext {
                moved,
                fixed,
                strict,
            } => Node::PutNext {
                moved: self.bound(moved),
                fixed: self.bound(fixed),
                strict: *strict,
                pre: None,
            },
            Instr::And(a, b) => Node::And {
                a: self.node(a),
                b: self.node(b),
                a_done: Status::Continue,
                b_done: Status::Continue,
            },
            Instr::Before { a, b, strict } => Node::Before {
                a: self.node(a),
                b: self.node(b),
                a_done: Status::Continue,
                b_done: Status::Continue,
                strict: *strict,
            },
            Instr::After { a, b, strict } => Node::After {
                a: self.node(a),
                b: self.node(b),
                a_done: Status::Continue,
                b_done: Status::Continue,
                strict: *strict,
            },
        };
        self.nodes[at] = node;
        at as u16
    }
}

fn next_to(a: (i32, i32), b: Option<(i32, i32)>) -> bool {
    b.is_some_and(|b| (a.0 - b.0).abs() + (a.1 - b.1).abs() == 1)
}

impl Verifier {
    /// Minigrid's `instrs.reset_verifier(env)`: binds every description to what it matches
    /// in `world` now.
    pub fn bind(instr: &Instr, world: &World) -> Verifier {
        Self::bind_placed(instr, world, &PlacedObjs::new(world))
    }

    /// As [`Verifier::bind`], with `placed` the [`PlacedObjs`] of `world` (shared with the
    /// mission text, see [`Instr::write_surface_placed`]).
    pub fn bind_placed(instr: &Instr, world: &World, placed: &PlacedObjs) -> Verifier {
        Self::bind_with(instr, world, placed, false)
    }

    /// As [`Verifier::bind`], but the object the agent carries also counts as a match of
    /// any location-free description it fits: a state recorded just after Minigrid's
    /// `PutNext*Carrying` reset, whose mission was bound while that object was still on
    /// the grid. (Its stale position is unknown and not needed: only the moved object
    /// can be carried there.)
    pub fn bind_with_carried(instr: &Instr, world: &World) -> Verifier {
        Self::bind_with(instr, world, &PlacedObjs::new(world), true)
    }

    fn bind_with(instr: &Instr, world: &World, placed: &PlacedObjs, inc: bool) -> Verifier {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (scratch, entries) = &mut *guard;
            entries.clear();
            let mut b = Binder {
                world,
                placed,
                include_carried: inc,
                nodes: Vec::with_capacity(count(instr)),
                entries,
                scratch,
            };
            b.node(instr);
            // Kept for the whole episode: exact sizes (the state-size budget).
            Verifier {
                nodes: b.nodes.into_boxed_slice(),
                entries: b.entries.as_slice().into(),
            }
        })
    }

    /// Minigrid's `instrs.verify(action)`, called after the world has stepped.
    #[inline]
    pub fn verify(&mut self, action: Action, world: &World) -> Status {
        // A lone `GoTo` (the GoTo levels) is checked here, without the recursive call.
        if let [Node::GoTo(b)] = *self.nodes {
            return self.go_to(b, world);
        }
        self.verify_node(0, action, world)
    }

    /// `GoToInstr.verify`: success when the agent faces a tracked position.
    #[inline(always)]
    fn go_to(&self, b: Bound, w: &World) -> Status {
        // Cells lie within `MAX_SIDE`, and the front cell at most one step outside.
        let (fx, fy) = w.front_pos();
        let front = (fx as i8, fy as i8);
        if self.entries[b.range()].iter().any(|e| e.at(front)) {
            Status::Success
        } else {
            Status::Continue
        }
    }

    fn matches_obj(&self, b: Bound, id: ObjId) -> bool {
        self.entries[b.range()].iter().any(|e| e.who == id.0)
    }

    #[inline(never)]
    fn verify_node(&mut self, i: usize, action: Action, w: &World) -> Status {
        match self.nodes[i] {
            Node::GoTo(b) => self.go_to(b, w),
            Node::Open { b, strict } => {
                if action != Action::Toggle {
                    return Status::Continue;
                }
                let (fx, fy) = w.front_pos();
                let Cell::Obj(id) = w.grid.get(fx, fy) else {
                    return Status::Continue;
                };
                let o = w.grid.obj(id);
                if self.matches_obj(b, id) && o.kind == ObjKind::Door && o.door == DoorState::Open {
                    return Status::Success;
                }
                if strict && o.kind == ObjKind::Door {
                    return Status::Failure;
                }
                Status::Continue
            }
            Node::Pickup { b, strict, pre } => {
                self.nodes[i] = Node::Pickup {
                    b,
                    strict,
                    pre: w.carrying,
                };
                if action != Action::Pickup {
                    return Status::Continue;
                }
                if let (None, Some(c)) = (pre, w.carrying)
                    && self.matches_obj(b, c)
                {
                    return Status::Success;
                }
                if strict && w.carrying.is_some() {
                    return Status::Failure;
                }
                Status::Continue
            }
            Node::PutNext {
                moved,
                fixed,
                strict,
                pre,
            } => {
                self.nodes[i] = Node::PutNext {
                    moved,
                    fixed,
                    strict,
                    pre: w.carrying,
                };
                if strict && action == Action::Pickup && w.carrying.is_some() {
                    return Status::Failure;
                }
                if action != Action::Drop {
                    return Status::Continue;
                }
                let Some(p) = pre else {
                    return Status::Continue;
                };
                if !self.matches_obj(moved, p) {
                    return Status::Continue;
                }
                let (cx, cy) = w.grid.obj(p).cur_pos;
                let pos_a = (cx as i32, cy as i32);
                if self.entries[fixed.range()]
                    .iter()
                    .any(|e| next_to(pos_a, e.pos()))
                {
                    Status::Success
                } else {
                    Status::Continue
                }
            }
            Node::And {
                a,
                b,
                mut a_done,
                mut b_done,
            } => {
                if a_done != Status::Success {
                    a_done = self.verify_node(a as usize, action, w);
                }
                if b_done != Status::Success {
                    b_done = self.verify_node(b as usize, action, w);
                }
                self.nodes[i] = Node::And {
                    a,
                    b,
                    a_done,
                    b_done,
                };
                if a_done == Status::Success && b_done == Status::Success {
                    Status::Success
                } else {
                    Status::Continue
                }
            }
            Node::Before {
                a,
                b,
                a_done,
                b_done,
                strict,
            } => {
                let (s, a_done, b_done) = self.seq_verify(a, b, a_done, b_done, strict, action, w);
                self.nodes[i] = Node::Before {
                    a,
                    b,
                    a_done,
                    b_done,
                    strict,
                };
                s
            }
            // After(A, B) is Before(B, A) with the roles of the done flags swapped.
            Node::After {
                a,
                b,
                a_done,
                b_done,
                strict,
            } => {
                let (s, b_done, a_done) = self.seq_verify(b, a, b_done, a_done, strict, action, w);
                self.nodes[i] = Node::After {
                    a,
                    b,
                    a_done,
                    b_done,
                    strict,
                };
                s
            }
        }
    }

    /// `BeforeInstr.verify` with `first`/`second` (After passes its parts swapped);
    /// returns the status and the new done flags of `first` and `second`.
    #[allow(clippy::too_many_arguments)]
    fn seq_verify(
        &mut self,
        first: u16,
        second: u16,
        mut first_done: Status,
        mut second_done: Status,
        strict: bool,
        action: Action,
        w: &World,
    ) -> (Status, Status, Status) {
        if first_done != Status::Success {
            first_done = self.verify_node(first as usize, action, w);
            match first_done {
                Status::Failure => return (Status::Failure, first_done, second_done),
                Status::Success => {}
                Status::Continue => {
                    if strict && self.verify_node(second as usize, action, w) == Status::Success {
                        return (Status::Failure, first_done, second_done);
                    }
                    return (Status::Continue, first_done, second_done);
                }
            }
        }
        second_done = self.verify_node(second as usize, action, w);
        (second_done, first_done, second_done)
    }

    /// Minigrid's `update_objs_poss`: refreshes the positions of tracked objects (called
    /// after a drop). Walls keep their cells; a carried object has no position; an object
    /// whose `cur_pos` is out of date (moved with a plain `Grid::set`) is found by a scan.
    /// No allocation.
    pub fn update_objs_poss(&mut self, world: &World) {
        let g = &world.grid;
        for e in &mut self.entries {
            if e.who >= WALL {
                let wall = g.get(e.x as i32, e.y as i32) == Cell::Wall;
                e.who = if wall { WALL } else { WALL_GONE };
                continue;
            }
            let id = ObjId(e.who);
            (e.x, e.y) = if world.carrying == Some(id) {
                NO_POS
            } else {
                let (cx, cy) = g.obj(id).cur_pos;
                let (x, y) = (cx as i32, cy as i32);
                if g.in_bounds(x, y) && g.get(x, y) == Cell::Obj(id) {
                    (cx, cy)
                } else {
                    scan(world, id)
                }
            };
        }
    }
}

/// The first cell holding `id` (x outer, y inner), or [`NO_POS`].
fn scan(world: &World, id: ObjId) -> (i8, i8) {
    let g = &world.grid;
    for x in 0..g.width() {
        for y in 0..g.height() {
            if g.get(x, y) == Cell::Obj(id) {
                return (x as i8, y as i8);
            }
        }
    }
    NO_POS
}
