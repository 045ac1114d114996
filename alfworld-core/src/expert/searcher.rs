//! The searcher expert: plays from what the agent has observed.
//!
//! It knows what any ALFWorld player knows: the game's names and classes (the intro lists the
//! receptacles), which receptacle classes may hold which object classes (ALFRED's
//! `VAL_RECEPTACLE_OBJECTS`, as the game's `canContain` facts), the task, and the admissible
//! commands of the current state. Everything else it learns from feedback texts given to
//! [`Searcher::observe`]: what `go to`, `open` and `examine` showed in a receptacle, what was
//! taken, moved, heated, cooled, cleaned or switched on.
//!
//! Policy: with the object in hand, clean/heat/cool it if needed and put it in the target
//! receptacle (for pick-two, the one already holding an instance); with something else in
//! hand, put it down; otherwise fetch a seen instance, or visit the next receptacle not yet
//! seen, those whose class may hold the object first: one standing where the agent is (one
//! step to look), then surfaces, then closed containers.
//! Receptacles are visited once (a seen receptacle is only visited again to fetch something
//! seen there), so it cannot loop; it never closes what it opened.

use super::spec::{ExpertError, GoalSpec};
use crate::catalog::Props;
use crate::commands::Command;
use crate::env::GameEnv;
use crate::game::{Game, Named};
use crate::state::{NONE, ObjState};
use text_render::alfworld::NOTHING_HAPPENS;

/// The searcher expert (see the [module docs](self)).
#[derive(Clone, Debug)]
pub struct Searcher {
    spec: GoalSpec,
    /// Per receptacle: its contents were seen.
    seen: Vec<bool>,
    /// Per receptacle: known to be closed.
    closed: Vec<bool>,
    /// Per object: the receptacle it was last seen in, or `NONE`.
    at: Vec<u16>,
    /// Per object: state facts it was seen to get.
    flags: Vec<ObjState>,
    /// The object the agent took last and has not put down, or `NONE`.
    held: u16,
    /// Full passes over every receptacle (a second pass only if the first found nothing).
    passes: u8,
    adm: Vec<Command>,
}

fn of_type(game: &Game, o: u16, otype: u16, props: Props) -> bool {
    let obj = &game.objects[o as usize];
    obj.otype == Some(otype) && obj.props.contains(props)
}

fn accepts(game: &Game, r: u16, otype: Option<u16>) -> bool {
    let rec = &game.receptacles[r as usize];
    match (rec.rtype, otype) {
        (Some(rt), Some(ot)) => !game.rules.put_checks_can_contain || game.can_contain(rt, ot),
        _ => false,
    }
}

impl Searcher {
    /// A searcher for `game`'s task, knowing nothing seen yet (call [`Searcher::observe`] with
    /// every step's command and feedback from the reset on).
    pub fn new(game: &Game) -> Result<Searcher, ExpertError> {
        let spec = GoalSpec::of(game)?;
        if let GoalSpec::Place { flags, .. } = spec
            && flags.contains(ObjState::SLICED)
        {
            return Err(ExpertError::new(
                "sliced objects (ALFWorld filters such tasks out)",
            ));
        }
        let nr = game.receptacles.len();
        let no = game.objects.len();
        Ok(Searcher {
            spec,
            seen: vec![false; nr],
            closed: vec![false; nr],
            at: vec![NONE; no],
            flags: vec![ObjState::empty(); no],
            held: NONE,
            passes: 0,
            adm: Vec::with_capacity(64),
        })
    }

    /// Forgets everything seen (for a new episode of the same game).
    pub fn reset(&mut self) {
        self.seen.fill(false);
        self.closed.fill(false);
        self.at.fill(NONE);
        self.flags.fill(ObjState::empty());
        self.held = NONE;
        self.passes = 0;
    }

    /// Learns from one step: the command played and the feedback it got.
    pub fn observe(&mut self, game: &Game, cmd: Command, feedback: &str) {
        if feedback == NOTHING_HAPPENS {
            return;
        }
        match cmd {
            Command::GoTo(r) | Command::Open(r) | Command::ExamineReceptacle(r) => {
                self.view(game, r, feedback)
            }
            Command::Close(r) => self.closed[r as usize] = true,
            Command::Take(o, _) => {
                self.at[o as usize] = NONE;
                self.held = o;
            }
            Command::Put(o, r) => {
                self.at[o as usize] = r;
                self.held = NONE;
            }
            Command::Heat(o, _) => {
                let f = &mut self.flags[o as usize];
                f.insert(ObjState::HOT);
                f.remove(ObjState::COOL);
            }
            Command::Cool(o, _) => {
                let f = &mut self.flags[o as usize];
                f.insert(ObjState::COOL);
                f.remove(ObjState::HOT);
            }
            Command::Clean(o, _) => self.flags[o as usize].insert(ObjState::CLEAN),
            Command::Use(o) => self.flags[o as usize].insert(ObjState::TOGGLED),
            _ => {}
        }
    }

    /// Reads a receptacle description (`The fridge 1 is closed.`, `On the desk 1, you see a
    /// cd 1, and a pen 2.`, `… In it, you see nothing.`).
    fn view(&mut self, game: &Game, r: u16, feedback: &str) {
        let ri = r as usize;
        if feedback.ends_with(" is closed.") {
            self.closed[ri] = true;
            return;
        }
        let Some(i) = feedback.rfind("you see ") else {
            return;
        };
        self.closed[ri] = false;
        self.seen[ri] = true;
        for x in self.at.iter_mut() {
            if *x == r {
                *x = NONE;
            }
        }
        let list = feedback[i + 8..].trim_end_matches('.');
        if list == "nothing" {
            return;
        }
        for item in list.split(", ") {
            let item = item.strip_prefix("and ").unwrap_or(item);
            let name = item.strip_prefix("a ").unwrap_or(item);
            if let Some(Named::Object(o)) = game.find(name) {
                self.at[o as usize] = r;
            }
        }
    }

    fn has(&self, c: Command) -> bool {
        self.adm.contains(&c)
    }

    /// `want` if admissible, else the step towards it: open `r`, or go to `r`.
    fn approach(&self, r: u16, want: Command) -> Option<Command> {
        [want, Command::Open(r), Command::GoTo(r)]
            .into_iter()
            .find(|&c| self.has(c))
    }

    /// Looks into `r`: go there, or (already there) open or examine it.
    fn visit(&self, r: u16) -> Option<Command> {
        [
            Command::GoTo(r),
            Command::Open(r),
            Command::ExamineReceptacle(r),
        ]
        .into_iter()
        .find(|&c| self.has(c))
    }

    /// The next receptacle to look into for an object of type `otype` (or `lamp`).
    fn explore(&mut self, game: &Game, otype: u16, lamp: Option<u16>) -> Option<Command> {
        for _ in 0..2 {
            for rank in 0..7 {
                for r in 0..game.receptacles.len() as u16 {
                    if self.seen[r as usize] {
                        continue;
                    }
                    let rec = &game.receptacles[r as usize];
                    let fits = accepts(game, r, Some(otype));
                    let fits_lamp = lamp.is_some_and(|l| accepts(game, r, Some(l)));
                    // Already at its spot (another receptacle shares it): one step to look.
                    let here =
                        self.has(Command::Open(r)) || self.has(Command::ExamineReceptacle(r));
                    let want = match rank {
                        0 => (fits || fits_lamp) && here,
                        1 => fits && !rec.openable,
                        2 => fits && rec.openable,
                        3 => fits_lamp && !rec.openable,
                        4 => fits_lamp && rec.openable,
                        5 => !fits && !fits_lamp && !rec.openable,
                        _ => !fits && !fits_lamp && rec.openable,
                    };
                    if want && let Some(c) = self.visit(r) {
                        return Some(c);
                    }
                }
            }
            // Everything seen and nothing found: look again (things may have moved unseen).
            if self.passes >= 2 {
                break;
            }
            self.passes += 1;
            self.seen.fill(false);
        }
        None
    }

    /// Puts the held non-task object `h` down: here if possible, else at a receptacle that
    /// may hold it.
    fn drop_held(&self, game: &Game, h: u16) -> Option<Command> {
        if let Some(&c) = self
            .adm
            .iter()
            .find(|c| matches!(c, Command::Put(o, _) if *o == h))
        {
            return Some(c);
        }
        let ot = game.objects[h as usize].otype;
        let mut best = None;
        for r in 0..game.receptacles.len() as u16 {
            if accepts(game, r, ot) && game.receptacles[r as usize].location.is_some() {
                let openable = game.receptacles[r as usize].openable;
                if best.is_none_or(|(_, o)| o && !openable) {
                    best = Some((r, openable));
                }
            }
        }
        best.and_then(|(r, _)| self.approach(r, Command::Put(h, r)))
    }

    /// Fetches a seen object of type `otype` not in `keep` (the pick-two target).
    fn fetch(
        &self,
        game: &Game,
        otype: u16,
        props: Props,
        skip: &dyn Fn(u16) -> bool,
    ) -> Option<Command> {
        let mut found = None;
        for o in 0..game.objects.len() as u16 {
            let q = self.at[o as usize];
            if q == NONE || !of_type(game, o, otype, props) || skip(o) {
                continue;
            }
            if self.has(Command::Take(o, q)) {
                return Some(Command::Take(o, q));
            }
            if found.is_none() {
                found = self.approach(q, Command::Take(o, q));
            }
        }
        found
    }

    /// The next command (always one of `env`'s admissible commands). Reads only the game's
    /// names and classes and the admissible list, never the state.
    pub fn act(&mut self, env: &mut GameEnv) -> Command {
        self.adm.clear();
        self.adm.extend_from_slice(env.admissible());
        let game = env.game();
        let held = self
            .adm
            .iter()
            .find_map(|c| match c {
                Command::ExamineObject(o) => Some(*o),
                _ => None,
            })
            .unwrap_or(self.held);
        let cmd = match self.spec {
            GoalSpec::Place {
                otype,
                rtype,
                count,
                props,
                flags,
            } => self.act_place(game, held, otype, rtype, count, props, flags),
            GoalSpec::Light {
                otype,
                props,
                lamp,
                lamp_props,
            } => self.act_light(game, held, otype, props, lamp, lamp_props),
        };
        cmd.filter(|c| self.has(*c))
            .or_else(|| self.has(Command::Look).then_some(Command::Look))
            .or_else(|| self.adm.first().copied())
            .unwrap_or(Command::Look)
    }

    #[allow(clippy::too_many_arguments)]
    fn act_place(
        &mut self,
        game: &Game,
        held: u16,
        otype: u16,
        rtype: u16,
        count: u8,
        props: Props,
        flags: ObjState,
    ) -> Option<Command> {
        let ok = |s: &Self, o: u16| {
            of_type(game, o, otype, props) && s.flags[o as usize].contains(flags)
        };
        // The target: the receptacle of the type holding most seen finished instances.
        let mut target: Option<(u16, usize)> = None;
        for r in 0..game.receptacles.len() as u16 {
            let rec = &game.receptacles[r as usize];
            if rec.rtype != Some(rtype) || !accepts(game, r, Some(otype)) || rec.location.is_none()
            {
                continue;
            }
            let k = (0..game.objects.len() as u16)
                .filter(|&o| self.at[o as usize] == r && ok(self, o))
                .count();
            if target.is_none_or(|(_, best)| k > best) {
                target = Some((r, k));
            }
        }
        let (r, _) = target?;
        if held != NONE {
            if !of_type(game, held, otype, props) {
                return self.drop_held(game, held);
            }
            let have = self.flags[held as usize];
            let steps: [(ObjState, &[u16]); 3] = [
                (ObjState::CLEAN, &game.rules.clean_rtypes),
                (ObjState::HOT, &game.rules.heat_rtypes),
                (ObjState::COOL, &game.rules.cool_rtypes),
            ];
            for (flag, rtypes) in steps {
                if !flags.contains(flag) || have.contains(flag) {
                    continue;
                }
                let apply = |a: u16| match flag {
                    ObjState::CLEAN => Command::Clean(held, a),
                    ObjState::HOT => Command::Heat(held, a),
                    _ => Command::Cool(held, a),
                };
                let mut first = None;
                for a in 0..game.receptacles.len() as u16 {
                    let rec = &game.receptacles[a as usize];
                    if rec.rtype.is_some_and(|t| rtypes.contains(&t)) && rec.location.is_some() {
                        if self.has(apply(a)) {
                            return Some(apply(a));
                        }
                        first.get_or_insert(a);
                    }
                }
                return first.and_then(|a| self.approach(a, apply(a)));
            }
            return self.approach(r, Command::Put(held, r));
        }
        let placed = |o: u16| count == 2 && self.at[o as usize] == r && ok(self, o);
        if let Some(c) = self.fetch(game, otype, props, &placed) {
            return Some(c);
        }
        self.explore(game, otype, None)
    }

    fn act_light(
        &mut self,
        game: &Game,
        held: u16,
        otype: u16,
        props: Props,
        lamp: u16,
        lamp_props: Props,
    ) -> Option<Command> {
        if held != NONE && !of_type(game, held, otype, props) {
            return self.drop_held(game, held);
        }
        if held == NONE {
            if let Some(c) = self.fetch(game, otype, props, &|_| false) {
                return Some(c);
            }
            return self.explore(game, otype, Some(lamp));
        }
        for l in 0..game.objects.len() as u16 {
            let rl = self.at[l as usize];
            if rl == NONE || !of_type(game, l, lamp, lamp_props) {
                continue;
            }
            if let Some(c) = self.approach(rl, Command::Use(l)) {
                return Some(c);
            }
        }
        self.explore(game, lamp, None)
    }
}
