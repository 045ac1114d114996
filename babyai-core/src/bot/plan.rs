//! What each subgoal does before an action (`before`) and after one (`after`).

use super::choose::{add, carrying_key, door_at, free_run, is_key, manhattan, seen_at, steppable};
use super::{Bot, Datum, OpenReason, Reason, Subgoal};
use crate::action::Action;
use crate::instr::Target;
use crate::world::{Cell, Color, DoorState, ObjKind, World};

/// `Some(None)`: the stack changed, ask again; `Some(Some(a))`: act; `None`: give up.
type Before = Option<Option<Action>>;

impl Bot {
    fn push(&mut self, goals: &[Subgoal]) {
        self.stack.extend_from_slice(goals);
    }

    fn replace_top(&mut self, goal: Subgoal) {
        self.stack.pop();
        self.stack.push(goal);
    }

    /// The subgoal on top reacts to the action taken since the last decision (`None`: the
    /// suggested one). `None`: give up.
    pub(super) fn after(
        &mut self,
        world: &World,
        top: Subgoal,
        taken: Option<Action>,
    ) -> Option<()> {
        use Action::*;
        match (top, taken) {
            (Subgoal::Close, None | Some(Toggle)) => {
                self.stack.pop();
            }
            (Subgoal::Close, Some(a @ (Forward | Left | Right))) => self.undo(world, a),
            (Subgoal::Open(reason), None | Some(Toggle)) => {
                self.stack.pop();
                if reason == OpenReason::Unlock {
                    let p = self.drop_pos(world, None)?;
                    self.push(&[
                        Subgoal::Drop,
                        Subgoal::GoNextTo(Datum::Pos(p.0, p.1), Reason::None),
                    ]);
                }
            }
            (Subgoal::Open(_) | Subgoal::OpenBox, Some(a)) => self.undo(world, a),
            (Subgoal::OpenBox, None) => {
                self.stack.pop();
            }
            (Subgoal::Drop, None | Some(Drop)) | (Subgoal::Pickup, None | Some(Pickup)) => {
                self.stack.pop();
            }
            (Subgoal::Drop, Some(a @ (Forward | Left | Right)))
            | (Subgoal::Pickup, Some(a @ (Left | Right)))
            | (Subgoal::GoNextTo(..), Some(a @ (Pickup | Drop | Toggle))) => self.undo(world, a),
            _ => {}
        }
        Some(())
    }

    /// Pushes one subgoal that repairs the effect of an unplanned action.
    fn undo(&mut self, world: &World, a: Action) {
        let Some(prev) = self.last else { return };
        let pos = world.agent_pos;
        let r = world.agent_dir.right_vec();
        match a {
            Action::Forward if pos != prev.pos => {
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Pos(pos.0, pos.1), Reason::None));
            }
            Action::Left => {
                let t = add(pos, r);
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Pos(t.0, t.1), Reason::None));
            }
            Action::Right => {
                let t = (pos.0 - r.0, pos.1 - r.1);
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Pos(t.0, t.1), Reason::None));
            }
            Action::Drop if world.carrying != prev.carrying => self.stack.push(Subgoal::Pickup),
            Action::Pickup if world.carrying != prev.carrying => self.stack.push(Subgoal::Drop),
            Action::Toggle => {
                let front = world.front_pos();
                if let Some((_, _, state)) = door_at(world, front)
                    && Some(state) != prev.front_door
                {
                    self.stack.push(if state == DoorState::Open {
                        Subgoal::Close
                    } else {
                        Subgoal::Open(OpenReason::None)
                    });
                }
            }
            _ => {}
        }
    }

    /// The subgoal on top proposes an action, or changes the stack.
    pub(super) fn before(&mut self, world: &World, top: Subgoal) -> Before {
        let front = world.front_pos();
        match top {
            Subgoal::Close => {
                if matches!(door_at(world, front), Some((_, _, DoorState::Open))) {
                    return Some(Some(Action::Toggle));
                }
                self.stack.pop();
                Some(None)
            }
            Subgoal::Open(reason) => self.before_open(world, reason),
            Subgoal::OpenBox => {
                if let Cell::Obj(id) = world.grid.get(front.0, front.1)
                    && world.grid.obj(id).kind == ObjKind::Box
                {
                    return Some(Some(Action::Toggle));
                }
                self.stack.pop();
                Some(None)
            }
            Subgoal::Drop => {
                if world.carrying.is_none() {
                    self.stack.pop();
                    return Some(None);
                }
                if world.grid.get(front.0, front.1) != Cell::Empty
                    || !world.grid.in_bounds(front.0, front.1)
                {
                    let p = self.drop_pos(world, None)?;
                    self.stack
                        .push(Subgoal::GoNextTo(Datum::Pos(p.0, p.1), Reason::None));
                    return Some(None);
                }
                if self.step_count == 0 {
                    // Minigrid's PutNext verifier ignores a drop on the first step (the agent
                    // of `PutNext*Carrying` may start next to the target): wait one step.
                    return Some(Some(Action::Done));
                }
                Some(Some(Action::Drop))
            }
            Subgoal::Pickup => {
                if world.carrying.is_some() {
                    // Hands full: put the load down, come back.
                    match world.grid.get(front.0, front.1) {
                        Cell::Obj(id) if world.grid.obj(id).kind.can_pickup() => {
                            let p = self.drop_pos(world, None)?;
                            self.push(&[
                                Subgoal::GoNextTo(Datum::Obj(id), Reason::None),
                                Subgoal::Drop,
                                Subgoal::GoNextTo(Datum::Pos(p.0, p.1), Reason::None),
                            ]);
                        }
                        _ => {
                            self.stack.pop();
                        }
                    }
                    return Some(None);
                }
                Some(Some(Action::Pickup))
            }
            Subgoal::GoNextTo(datum, reason) => self.before_go(world, datum, reason),
            Subgoal::Explore => self.before_explore(world),
        }
    }

    /// Subgoals that fetch a key of `color` (run order: open its box if needed, go to it,
    /// pick it up), pushed in reverse.
    fn push_fetch_key(&mut self, world: &World, color: Color) -> Option<()> {
        let source = self.key_source(world, color)?;
        self.push(&[
            Subgoal::Pickup,
            Subgoal::GoNextTo(Datum::Key(color), Reason::None),
        ]);
        if let Some(b) = source {
            self.push(&[
                Subgoal::OpenBox,
                Subgoal::GoNextTo(Datum::Obj(b), Reason::None),
            ]);
        }
        Some(())
    }

    fn before_open(&mut self, world: &World, reason: OpenReason) -> Before {
        let front = world.front_pos();
        let Some((_, color, state)) = door_at(world, front) else {
            self.stack.pop();
            return Some(None);
        };
        match state {
            DoorState::Locked if !carrying_key(world, color) => {
                self.stack.pop();
                let at = Datum::Pos(front.0, front.1);
                if world.carrying.is_some() {
                    let a = self.drop_pos(world, None)?;
                    let a = Datum::Pos(a.0, a.1);
                    self.push(&[
                        Subgoal::Pickup,
                        Subgoal::GoNextTo(a, Reason::None),
                        Subgoal::Open(reason),
                        Subgoal::GoNextTo(at, Reason::None),
                    ]);
                    self.push_fetch_key(world, color)?;
                    self.push(&[Subgoal::Drop, Subgoal::GoNextTo(a, Reason::None)]);
                } else {
                    self.push(&[Subgoal::Open(reason), Subgoal::GoNextTo(at, Reason::None)]);
                    self.push_fetch_key(world, color)?;
                }
                Some(None)
            }
            DoorState::Open => {
                self.stack.push(Subgoal::Close);
                Some(None)
            }
            DoorState::Locked if reason == OpenReason::None => {
                self.replace_top(Subgoal::Open(OpenReason::Unlock));
                Some(None)
            }
            _ => Some(Some(Action::Toggle)),
        }
    }

    fn before_go(&mut self, world: &World, datum: Datum, reason: Reason) -> Before {
        let (obj, t) = match datum {
            Datum::Desc(_) | Datum::Key(_) => {
                match self.closest_match(world, datum, reason == Reason::PutNext) {
                    Some((target, p)) => (Some(target), p),
                    None => {
                        self.stack.push(Subgoal::Explore);
                        return Some(None);
                    }
                }
            }
            Datum::Obj(id) => match self.pos_of.get(id.index()) {
                Some(&p) if p != (-1, -1) => (Some(Target::Obj(id)), p),
                _ => {
                    self.stack.pop();
                    return Some(None);
                }
            },
            Datum::Pos(x, y) => (None, (x, y)),
        };
        if reason == Reason::Open
            && world.carrying.is_none()
            && let Some(Target::Obj(id)) = obj
            && let Some((_, color, DoorState::Locked)) = door_at(world, t)
        {
            self.stack.pop();
            self.push(&[Subgoal::GoNextTo(Datum::Obj(id), Reason::Open)]);
            self.push_fetch_key(world, color)?;
            return Some(None);
        }
        let pos = world.agent_pos;
        let front = world.front_pos();
        let f = world.agent_dir.vec();
        let r = world.agent_dir.right_vec();
        let put_next = reason == Reason::PutNext;
        if manhattan(t, pos) == i32::from(put_next) {
            let a = if steppable(world, front) {
                Action::Forward
            } else if steppable(world, add(pos, r)) {
                Action::Right
            } else {
                Action::Left
            };
            return Some(Some(a));
        }
        if put_next && manhattan(t, front) == 1 {
            if world.grid.get(front.0, front.1) == Cell::Empty {
                self.stack.pop();
                return Some(None);
            }
            if matches!(door_at(world, front), Some((_, _, DoorState::Open))) {
                let beyond = add(front, f);
                let beyond = add(beyond, f);
                self.stack.push(Subgoal::GoNextTo(
                    Datum::Pos(beyond.0, beyond.1),
                    Reason::None,
                ));
                return Some(None);
            }
        } else if !put_next && front == t {
            self.stack.pop();
            return Some(None);
        }
        let Some(n) = self.path_to(world, t).and_then(|found| found.first) else {
            self.stack.push(Subgoal::Explore);
            return Some(None);
        };
        if n == front {
            match world.grid.get(front.0, front.1) {
                Cell::Obj(id) if world.grid.obj(id).kind == ObjKind::Door => {
                    if world.grid.obj(id).door == DoorState::Open {
                        return Some(Some(Action::Forward));
                    }
                    self.stack.push(Subgoal::Open(OpenReason::None));
                    return Some(None);
                }
                Cell::Obj(id)
                    if self.strict
                        && world.grid.obj(id).kind == ObjKind::Box
                        && world.grid.obj(id).contains.is_none()
                        && !self.descs.iter().any(|d| d.set.contains(&Target::Obj(id))) =>
                {
                    // Picking the blocker up would fail a strict mission: open the empty box
                    // instead, which removes it.
                    self.stack.push(Subgoal::OpenBox);
                    return Some(None);
                }
                Cell::Obj(_) => {
                    let here = Datum::Pos(front.0, front.1);
                    if world.carrying.is_some() {
                        let a = self.drop_pos(world, None)?;
                        let b = self.drop_pos(world, Some(a))?;
                        let (a, b) = (Datum::Pos(a.0, a.1), Datum::Pos(b.0, b.1));
                        self.push(&[
                            Subgoal::Pickup,
                            Subgoal::GoNextTo(a, Reason::None),
                            Subgoal::Drop,
                            Subgoal::GoNextTo(b, Reason::None),
                            Subgoal::Pickup,
                            Subgoal::GoNextTo(here, Reason::None),
                            Subgoal::Drop,
                            Subgoal::GoNextTo(a, Reason::None),
                        ]);
                    } else {
                        let p = self.drop_pos(world, None)?;
                        self.push(&[
                            Subgoal::Drop,
                            Subgoal::GoNextTo(Datum::Pos(p.0, p.1), Reason::None),
                            Subgoal::Pickup,
                        ]);
                    }
                    return Some(None);
                }
                _ => return Some(Some(Action::Forward)),
            }
        }
        if n == add(pos, r) {
            return Some(Some(Action::Right));
        }
        if n == (pos.0 - r.0, pos.1 - r.1) {
            return Some(Some(Action::Left));
        }
        let left = free_run(world, (-r.0, -r.1));
        let right = free_run(world, r);
        Some(Some(if left > right {
            Action::Left
        } else {
            Action::Right
        }))
    }

    fn before_explore(&mut self, world: &World) -> Before {
        let seen = &self.seen;
        if let Some(u) = self
            .search
            .shortest_path(world, seen, true, &mut |x, y| !seen_at(world, seen, (x, y)))
        {
            self.stack.push(Subgoal::GoNextTo(
                Datum::Pos(u.goal.0, u.goal.1),
                Reason::Explore,
            ));
            return Some(None);
        }
        let closed = |state: DoorState| move |x: i32, y: i32| matches!(door_at(world, (x, y)), Some((_, _, s)) if s == state);
        let mut door = self
            .search
            .shortest_path(world, seen, true, &mut closed(DoorState::Closed));
        if door.is_none() {
            // A locked door whose key is in hand or seen (lying or in a seen box) first: a
            // door whose key is nowhere in sight leads to "fetch key, explore, same door".
            let known = |color: Color| {
                carrying_key(world, color)
                    || world.grid.objs().any(|(id, o)| {
                        let p = self.pos_of.get(id.index()).copied().unwrap_or((-1, -1));
                        p != (-1, -1)
                            && seen_at(world, seen, p)
                            && (is_key(world, id, color)
                                || (o.kind == ObjKind::Box
                                    && o.contains.is_some_and(|c| is_key(world, c, color))))
                    })
            };
            door = self.search.shortest_path(world, seen, true, &mut |x, y| {
                matches!(door_at(world, (x, y)), Some((_, c, DoorState::Locked)) if known(c))
            });
        }
        if door.is_none() {
            door = self
                .search
                .shortest_path(world, seen, true, &mut closed(DoorState::Locked));
        }
        let (id, color, state) = door_at(world, door?.goal)?;
        let reason = if state == DoorState::Locked && carrying_key(world, color) {
            OpenReason::KeepKey
        } else {
            OpenReason::None
        };
        self.stack.pop();
        self.push(&[
            Subgoal::Open(reason),
            Subgoal::GoNextTo(Datum::Obj(id), Reason::Open),
        ]);
        Some(None)
    }
}
