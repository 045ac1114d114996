//! Minigrid's verifier: `reset_verifier`, `verify(action)` and `update_objs_poss`.

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

/// A description bound to the objects it matched at reset.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Bound {
    desc: ObjDesc,
    m: Matches,
}

impl Bound {
    fn new(desc: &ObjDesc, world: &World, placed: &PlacedObjs, include_carried: bool) -> Bound {
        let mut m = Matches::default();
        placed.find_matching_into(desc, world, &mut m);
        if let (true, Some(id)) = (include_carried, world.carrying) {
            let o = world.grid.obj(id);
            if desc.loc.is_none()
                && desc.kind.is_none_or(|k| k == o.kind)
                && desc.color.is_none_or(|c| c == o.color)
            {
                m.set.push(Target::Obj(id));
            }
        }
        // Refreshing positions never needs more room than one per tracked identity.
        m.poss.reserve(m.set.len().saturating_sub(m.poss.len()));
        Bound { desc: *desc, m }
    }

    fn refresh(&mut self, world: &World) {
        self.desc.refresh_positions(world, &mut self.m);
    }
}

/// The verifier state of one instruction node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
        a: Box<Node>,
        b: Box<Node>,
        a_done: Status,
        b_done: Status,
    },
    Before {
        a: Box<Node>,
        b: Box<Node>,
        a_done: Status,
        b_done: Status,
        strict: bool,
    },
    After {
        a: Box<Node>,
        b: Box<Node>,
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
pub struct Verifier {
    root: Node,
}

fn bind(instr: &Instr, world: &World, placed: &PlacedObjs, inc: bool) -> Node {
    match instr {
        Instr::GoTo(d) => Node::GoTo(Bound::new(d, world, placed, inc)),
        Instr::Pickup { desc, strict } => Node::Pickup {
            b: Bound::new(desc, world, placed, inc),
            strict: *strict,
            pre: None,
        },
        Instr::Open { desc, strict } => Node::Open {
            b: Bound::new(desc, world, placed, inc),
            strict: *strict,
        },
        Instr::PutNext {
            moved,
            fixed,
            strict,
        } => Node::PutNext {
            moved: Bound::new(moved, world, placed, inc),
            fixed: Bound::new(fixed, world, placed, inc),
            strict: *strict,
            pre: None,
        },
        Instr::And(a, b) => Node::And {
            a: Box::new(bind(a, world, placed, inc)),
            b: Box::new(bind(b, world, placed, inc)),
            a_done: Status::Continue,
            b_done: Status::Continue,
        },
        Instr::Before { a, b, strict } => Node::Before {
            a: Box::new(bind(a, world, placed, inc)),
            b: Box::new(bind(b, world, placed, inc)),
            a_done: Status::Continue,
            b_done: Status::Continue,
            strict: *strict,
        },
        Instr::After { a, b, strict } => Node::After {
            a: Box::new(bind(a, world, placed, inc)),
            b: Box::new(bind(b, world, placed, inc)),
            a_done: Status::Continue,
            b_done: Status::Continue,
            strict: *strict,
        },
    }
}

fn next_to(a: (i32, i32), b: (i32, i32)) -> bool {
    (a.0 - b.0).abs() + (a.1 - b.1).abs() == 1
}

impl Node {
    fn verify(&mut self, action: Action, w: &World) -> Status {
        match self {
            Node::GoTo(b) => {
                let front = w.front_pos();
                if b.m.poss.contains(&front) {
                    Status::Success
                } else {
                    Status::Continue
                }
            }
            Node::Open { b, strict } => {
                if action != Action::Toggle {
                    return Status::Continue;
                }
                let (fx, fy) = w.front_pos();
                let Cell::Obj(id) = w.grid.get(fx, fy) else {
                    return Status::Continue;
                };
                let o = w.grid.obj(id);
                if b.m.contains_obj(id) && o.kind == ObjKind::Door && o.door == DoorState::Open {
                    return Status::Success;
                }
                if *strict && o.kind == ObjKind::Door {
                    return Status::Failure;
                }
                Status::Continue
            }
            Node::Pickup { b, strict, pre } => {
                let prev = *pre;
                *pre = w.carrying;
                if action != Action::Pickup {
                    return Status::Continue;
                }
                if let (None, Some(c)) = (prev, w.carrying)
                    && b.m.contains_obj(c)
                {
                    return Status::Success;
                }
                if *strict && w.carrying.is_some() {
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
                let prev = *pre;
                *pre = w.carrying;
                if *strict && action == Action::Pickup && w.carrying.is_some() {
                    return Status::Failure;
                }
                if action != Action::Drop {
                    return Status::Continue;
                }
                let Some(p) = prev else {
                    return Status::Continue;
                };
                if !moved.m.contains_obj(p) {
                    return Status::Continue;
                }
                let (cx, cy) = w.grid.obj(p).cur_pos;
                let pos_a = (cx as i32, cy as i32);
                if fixed.m.poss.iter().any(|&pb| next_to(pos_a, pb)) {
                    Status::Success
                } else {
                    Status::Continue
                }
            }
            Node::And {
                a,
                b,
                a_done,
                b_done,
            } => {
                if *a_done != Status::Success {
                    *a_done = a.verify(action, w);
                }
                if *b_done != Status::Success {
                    *b_done = b.verify(action, w);
                }
                if *a_done == Status::Success && *b_done == Status::Success {
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
            } => seq_verify(a, b, a_done, b_done, *strict, action, w),
            // After(A, B) is Before(B, A) with the roles of the done flags swapped.
            Node::After {
                a,
                b,
                a_done,
                b_done,
                strict,
            } => seq_verify(b, a, b_done, a_done, *strict, action, w),
        }
    }

    fn update_objs_poss(&mut self, w: &World) {
        match self {
            Node::GoTo(b) | Node::Pickup { b, .. } | Node::Open { b, .. } => b.refresh(w),
            Node::PutNext { moved, fixed, .. } => {
                moved.refresh(w);
                fixed.refresh(w);
            }
            Node::And { a, b, .. } | Node::Before { a, b, .. } | Node::After { a, b, .. } => {
                a.update_objs_poss(w);
                b.update_objs_poss(w);
            }
        }
    }
}

/// `BeforeInstr.verify` with `first`/`second` (After passes its parts swapped).
fn seq_verify(
    first: &mut Node,
    second: &mut Node,
    first_done: &mut Status,
    second_done: &mut Status,
    strict: bool,
    action: Action,
    w: &World,
) -> Status {
    if *first_done != Status::Success {
        *first_done = first.verify(action, w);
        match *first_done {
            Status::Failure => return Status::Failure,
            Status::Success => {}
            Status::Continue => {
                if strict && second.verify(action, w) == Status::Success {
                    return Status::Failure;
                }
                return Status::Continue;
            }
        }
    }
    *second_done = second.verify(action, w);
    *second_done
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
        Verifier {
            root: bind(instr, world, placed, false),
        }
    }

    /// As [`Verifier::bind`], but the object the agent carries also counts as a match of
    /// any location-free description it fits: a state recorded just after Minigrid's
    /// `PutNext*Carrying` reset, whose mission was bound while that object was still on
    /// the grid. (Its stale position is unknown and not needed: only the moved object
    /// can be carried there.)
    pub fn bind_with_carried(instr: &Instr, world: &World) -> Verifier {
        Verifier {
            root: bind(instr, world, &PlacedObjs::new(world), true),
        }
    }

    /// Minigrid's `instrs.verify(action)`, called after the world has stepped.
    pub fn verify(&mut self, action: Action, world: &World) -> Status {
        self.root.verify(action, world)
    }

    /// Minigrid's `update_objs_poss`: refreshes the positions of tracked objects (called
    /// after a drop).
    pub fn update_objs_poss(&mut self, world: &World) {
        self.root.update_objs_poss(world);
    }
}
