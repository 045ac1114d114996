//! The oracle expert: knows the whole state and plays a shortest plan.
//!
//! A plan for the six task shapes is a fixed sequence of stages (free the hands, fetch the
//! object, clean/heat/cool it, place it; twice for pick-two; or fetch the object and switch the
//! lamp on where it stands), where only the choices vary: which object instance, which target
//! receptacle, where to leave what the agent holds. Every move costs one step whatever the
//! distance, so the oracle builds the plan of every choice (the few that can differ in cost)
//! and keeps the shortest; ties go to the first in id order. Plans are rebuilt from the state
//! at every call, so the oracle plays on from any state.

use super::spec::{ExpertError, GoalSpec};
use crate::catalog::Props;
use crate::commands::Command;
use crate::game::Game;
use crate::rules;
use crate::state::{NONE, ObjState, State};

/// The oracle expert (see the [module docs](self)). Holds only reusable scratch buffers and
/// the goal, so one oracle serves a whole episode (or any state of its game).
#[derive(Clone, Debug)]
pub struct Oracle {
    spec: GoalSpec,
    best: Vec<Command>,
    scratch: Build,
    pool: Vec<u16>,
}

/// A plan under construction: the agent's location and hands as the plan leaves them, the
/// receptacles it opened, its commands.
#[derive(Clone, Debug, Default)]
struct Build {
    loc: u16,
    held: u16,
    opened: Vec<u16>,
    cmds: Vec<Command>,
}

impl Build {
    fn start(&mut self, st: &State) {
        self.loc = st.agent_location().unwrap_or(NONE);
        self.held = st.held().unwrap_or(NONE);
        self.opened.clear();
        self.cmds.clear();
    }

    fn is_open(&self, st: &State, r: u16) -> bool {
        st.is_open(r) || self.opened.contains(&r)
    }

    /// Moves to `r`'s location unless already there; false if `r` has no location.
    fn go(&mut self, game: &Game, r: u16) -> bool {
        let Some(l) = game.receptacles[r as usize].location else {
            return false;
        };
        if l != self.loc {
            if self.loc == NONE {
                return false;
            }
            self.cmds.push(Command::GoTo(r));
            self.loc = l;
        }
        true
    }

    fn open(&mut self, game: &Game, st: &State, r: u16) {
        if game.receptacles[r as usize].openable && !self.is_open(st, r) {
            self.cmds.push(Command::Open(r));
            self.opened.push(r);
        }
    }

    fn take(&mut self, game: &Game, st: &State, o: u16, q: u16) -> bool {
        if !self.go(game, q) {
            return false;
        }
        self.open(game, st, q);
        self.cmds.push(Command::Take(o, q));
        self.held = o;
        true
    }

    fn put(&mut self, game: &Game, st: &State, r: u16) -> bool {
        if self.held == NONE || !self.go(game, r) {
            return false;
        }
        self.open(game, st, r);
        self.cmds.push(Command::Put(self.held, r));
        self.held = NONE;
        true
    }
}

/// Whether the game lets an object of type `otype` be put in receptacle `r`.
fn accepts(game: &Game, r: u16, otype: Option<u16>) -> bool {
    let rec = &game.receptacles[r as usize];
    match (rec.rtype, otype, rec.location) {
        (Some(rt), Some(ot), Some(_)) => {
            !game.rules.put_checks_can_contain || game.can_contain(rt, ot)
        }
        _ => false,
    }
}

/// The receptacle `o` can be taken from, preferring one at `loc`.
fn container(game: &Game, st: &State, o: u16, loc: u16) -> Option<u16> {
    if !game.objects[o as usize].props.contains(Props::PICKUPABLE) {
        return None;
    }
    let mut best = None;
    st.in_receptacle().each(o, |q| {
        let l = game.receptacles[q as usize].location;
        if l.is_none() {
            return;
        }
        if best.is_none() || (l == Some(loc) && loc != NONE) {
            best = Some(q);
        }
    });
    best
}

fn of_type(game: &Game, o: u16, otype: u16, props: Props) -> bool {
    let obj = &game.objects[o as usize];
    obj.otype == Some(otype) && obj.props.contains(props)
}

impl Oracle {
    /// An oracle for `game`'s goal; an error for goals outside ALFWorld's six task shapes.
    pub fn new(game: &Game) -> Result<Oracle, ExpertError> {
        let spec = GoalSpec::of(game)?;
        if let GoalSpec::Place { flags, .. } = spec
            && flags.contains(ObjState::SLICED)
        {
            return Err(ExpertError::new(
                "sliced objects (ALFWorld filters such tasks out)",
            ));
        }
        Ok(Oracle {
            spec,
            best: Vec::with_capacity(32),
            scratch: Build::default(),
            pool: Vec::with_capacity(16),
        })
    }

    /// The goal the oracle plans for.
    pub fn spec(&self) -> GoalSpec {
        self.spec
    }

    /// The first command of a shortest plan from `st`, or `None` when the goal holds (or no
    /// plan exists). The command is always admissible in `st`.
    pub fn next(&mut self, game: &Game, st: &State) -> Option<Command> {
        self.plan(game, st).first().copied()
    }

    /// A shortest plan from `st` (empty when the goal holds or no plan exists).
    pub fn plan(&mut self, game: &Game, st: &State) -> &[Command] {
        self.best.clear();
        let mut found = false;
        match self.spec {
            GoalSpec::Place {
                otype,
                rtype,
                count,
                props,
                flags,
            } => self.place(game, st, otype, rtype, count, props, flags, &mut found),
            GoalSpec::Light {
                otype,
                props,
                lamp,
                lamp_props,
            } => self.light(game, st, otype, props, lamp, lamp_props, &mut found),
        }
        debug_assert!(
            self.best
                .first()
                .is_none_or(|&c| rules::applicable(game, st, c))
        );
        &self.best
    }

    /// Keeps the scratch plan if it is the first or shorter than the best.
    fn keep(&mut self, found: &mut bool) {
        if !*found || self.scratch.cmds.len() < self.best.len() {
            self.best.clone_from(&self.scratch.cmds);
            *found = true;
        }
    }

    /// Where the held object `h` could be left before fetching from `next_loc`: the best
    /// receptacle at the current location, at `next_loc`, and anywhere else (one open or
    /// surface one preferred), as receptacle indices.
    fn drop_spots(game: &Game, st: &State, h: u16, next_loc: u16) -> [Option<u16>; 3] {
        let here = st.agent_location().unwrap_or(NONE);
        let ot = game.objects[h as usize].otype;
        let cost = |r: u16| {
            let rec = &game.receptacles[r as usize];
            usize::from(rec.openable && !st.is_open(r))
        };
        let mut out: [Option<u16>; 3] = [None; 3];
        for r in 0..game.receptacles.len() as u16 {
            if !accepts(game, r, ot) {
                continue;
            }
            let l = game.receptacles[r as usize].location.unwrap_or(NONE);
            let slot = if l == here {
                0
            } else if l == next_loc {
                1
            } else {
                2
            };
            if out[slot].is_none_or(|b| cost(r) < cost(b)) {
                out[slot] = Some(r);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        game: &Game,
        st: &State,
        otype: u16,
        rtype: u16,
        count: u8,
        props: Props,
        flags: ObjState,
        found: &mut bool,
    ) {
        let n_obj = game.objects.len() as u16;
        let sat = |o: u16| st.object_state(o).contains(flags);
        let held = st.held().unwrap_or(NONE);
        // Won already?
        for r in 0..game.receptacles.len() as u16 {
            if game.receptacles[r as usize].rtype != Some(rtype) {
                continue;
            }
            let k = (0..n_obj)
                .filter(|&o| of_type(game, o, otype, props) && st.is_in(o, r) && sat(o))
                .count();
            if k >= count as usize {
                return;
            }
        }
        for r in 0..game.receptacles.len() as u16 {
            let rec = &game.receptacles[r as usize];
            if rec.rtype != Some(rtype) || !accepts(game, r, Some(otype)) {
                continue;
            }
            let placed = (0..n_obj)
                .filter(|&o| of_type(game, o, otype, props) && st.is_in(o, r) && sat(o))
                .count();
            let need = count as usize - placed;
            self.pool.clear();
            for o in 0..n_obj {
                if of_type(game, o, otype, props)
                    && !(st.is_in(o, r) && sat(o))
                    && (o == held || container(game, st, o, NONE).is_some())
                {
                    self.pool.push(o);
                }
            }
            let m = self.pool.len();
            for i in 0..m {
                for j in 0..if need == 2 { m } else { 1 } {
                    if need == 2 && i == j {
                        continue;
                    }
                    let first = self.pool[i];
                    let second = (need == 2).then(|| self.pool[j]);
                    if held != NONE && held != first && second == Some(held) {
                        continue;
                    }
                    self.place_with(game, st, r, first, second, flags, found);
                }
            }
        }
    }

    /// Builds the plans placing `first` (then `second`) in `r`, for each spot the held object
    /// may be left at.
    #[allow(clippy::too_many_arguments)]
    fn place_with(
        &mut self,
        game: &Game,
        st: &State,
        r: u16,
        first: u16,
        second: Option<u16>,
        flags: ObjState,
        found: &mut bool,
    ) {
        let held = st.held().unwrap_or(NONE);
        let here = st.agent_location().unwrap_or(NONE);
        let spots: [Option<u16>; 3] = if held != NONE && held != first {
            let next = container(game, st, first, here)
                .and_then(|q| game.receptacles[q as usize].location)
                .unwrap_or(NONE);
            Self::drop_spots(game, st, held, next)
        } else {
            [None; 3]
        };
        let must_drop = held != NONE && held != first;
        for (k, &spot) in spots.iter().enumerate() {
            if must_drop && spot.is_none() {
                continue;
            }
            if !must_drop && k > 0 {
                break;
            }
            let mut b = std::mem::take(&mut self.scratch);
            b.start(st);
            let ok = (!must_drop || spot.is_some_and(|x| b.put(game, st, x)))
                && Self::deliver(&mut b, game, st, first, r, flags)
                && second.is_none_or(|o| Self::deliver(&mut b, game, st, o, r, flags));
            self.scratch = b;
            if ok {
                self.keep(found);
            }
        }
    }

    /// Fetches `o` (unless held), gives it the missing `flags`, puts it in `r`.
    fn deliver(b: &mut Build, game: &Game, st: &State, o: u16, r: u16, flags: ObjState) -> bool {
        if b.held != o {
            let Some(q) = container(game, st, o, b.loc) else {
                return false;
            };
            if !b.take(game, st, o, q) {
                return false;
            }
        }
        let have = st.object_state(o);
        let r_loc = game.receptacles[r as usize].location.unwrap_or(NONE);
        let steps: [(ObjState, &[u16]); 3] = [
            (ObjState::CLEAN, &game.rules.clean_rtypes),
            (ObjState::HOT, &game.rules.heat_rtypes),
            (ObjState::COOL, &game.rules.cool_rtypes),
        ];
        for (flag, rtypes) in steps {
            if !flags.contains(flag) || have.contains(flag) {
                continue;
            }
            // An appliance here, else at the target's location, else the first one.
            let mut pick = None;
            for a in 0..game.receptacles.len() as u16 {
                let rec = &game.receptacles[a as usize];
                if !rec.rtype.is_some_and(|t| rtypes.contains(&t)) || rec.location.is_none() {
                    continue;
                }
                let rank = if rec.location == Some(b.loc) {
                    0
                } else if rec.location == Some(r_loc) {
                    1
                } else {
                    2
                };
                if pick.is_none_or(|(_, best)| rank < best) {
                    pick = Some((a, rank));
                }
            }
            let Some((a, _)) = pick else { return false };
            if !b.go(game, a) {
                return false;
            }
            b.cmds.push(match flag {
                ObjState::CLEAN => Command::Clean(o, a),
                ObjState::HOT => Command::Heat(o, a),
                _ => Command::Cool(o, a),
            });
        }
        b.put(game, st, r)
    }

    #[allow(clippy::too_many_arguments)]
    fn light(
        &mut self,
        game: &Game,
        st: &State,
        otype: u16,
        props: Props,
        lamp: u16,
        lamp_props: Props,
        found: &mut bool,
    ) {
        let n_obj = game.objects.len() as u16;
        let held = st.held().unwrap_or(NONE);
        let here = st.agent_location().unwrap_or(NONE);
        let held_ok = held != NONE && of_type(game, held, otype, props);
        // Lamp spots: (lamp, receptacle it stands in).
        let mut won = false;
        for l in 0..n_obj {
            if !of_type(game, l, lamp, lamp_props) {
                continue;
            }
            st.in_receptacle().each(l, |rl| {
                let Some(loc) = game.receptacles[rl as usize].location else {
                    return;
                };
                if held_ok && loc == here && st.object_state(l).contains(ObjState::TOGGLED) {
                    won = true;
                }
            });
        }
        if won {
            return;
        }
        self.pool.clear();
        for o in 0..n_obj {
            if of_type(game, o, otype, props)
                && (o == held || container(game, st, o, NONE).is_some())
            {
                self.pool.push(o);
            }
        }
        for i in 0..self.pool.len() {
            let o = self.pool[i];
            for l in 0..n_obj {
                if !of_type(game, l, lamp, lamp_props) {
                    continue;
                }
                let mut spots = [NONE; 4];
                let mut n = 0;
                st.in_receptacle().each(l, |rl| {
                    if n < spots.len() && game.receptacles[rl as usize].location.is_some() {
                        spots[n] = rl;
                        n += 1;
                    }
                });
                for &rl in &spots[..n] {
                    let loc = game.receptacles[rl as usize].location.unwrap_or(NONE);
                    if !game.rules.toggle_by_receptacle && !st.object_at_location().contains(l, loc)
                    {
                        continue;
                    }
                    self.light_with(game, st, o, l, rl, found);
                }
            }
        }
    }

    fn light_with(&mut self, game: &Game, st: &State, o: u16, l: u16, rl: u16, found: &mut bool) {
        let held = st.held().unwrap_or(NONE);
        let here = st.agent_location().unwrap_or(NONE);
        let must_drop = held != NONE && held != o;
        let spots: [Option<u16>; 3] = if must_drop {
            let next = container(game, st, o, here)
                .and_then(|q| game.receptacles[q as usize].location)
                .unwrap_or(NONE);
            Self::drop_spots(game, st, held, next)
        } else {
            [None; 3]
        };
        for (k, &spot) in spots.iter().enumerate() {
            if must_drop && spot.is_none() {
                continue;
            }
            if !must_drop && k > 0 {
                break;
            }
            let mut b = std::mem::take(&mut self.scratch);
            b.start(st);
            let mut ok = !must_drop || spot.is_some_and(|x| b.put(game, st, x));
            if ok && b.held != o {
                ok = container(game, st, o, b.loc).is_some_and(|q| b.take(game, st, o, q));
            }
            ok = ok && b.go(game, rl);
            if ok && !st.object_state(l).contains(ObjState::TOGGLED) {
                b.cmds.push(Command::Use(l));
            }
            self.scratch = b;
            if ok {
                self.keep(found);
            }
        }
    }
}
