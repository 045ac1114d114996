//! `LevelGen`: the random-instruction generator behind Synth*, SynthLoc, SynthSeq, GoToSeq*,
//! PickupLoc, MiniBossLevel, BossLevel and BossLevelNoUnlock.

use super::Mission;
use super::instrs::{Desc, GenInstr, LOC_NAMES};
use super::roomgrid::{COLOR_NAMES, ColorIdx, Gen, GenResult, Kind, Retry};

/// An action kind of `action_kinds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    /// `goto`.
    GoTo,
    /// `pickup`.
    Pickup,
    /// `open`.
    Open,
    /// `putnext`.
    PutNext,
}

/// An instruction kind of `instr_kinds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstrKind {
    /// `action`.
    Action,
    /// `and`.
    And,
    /// `seq`.
    Seq,
}

/// Every action kind, in Minigrid's default order.
pub const ALL_ACTIONS: &[ActionKind] = &[
    ActionKind::GoTo,
    ActionKind::Pickup,
    ActionKind::Open,
    ActionKind::PutNext,
];
/// Every instruction kind, in Minigrid's default order.
pub const ALL_INSTRS: &[InstrKind] = &[InstrKind::Action, InstrKind::And, InstrKind::Seq];
/// Only single actions.
pub const ACTION_ONLY: &[InstrKind] = &[InstrKind::Action];

/// `OBJ_TYPES = ["box", "ball", "key", "door"]`.
const OBJ_TYPES: [Kind; 4] = [Kind::Box, Kind::Ball, Kind::Key, Kind::Door];
/// `OBJ_TYPES_NOT_DOOR`.
const OBJ_TYPES_NOT_DOOR: [Kind; 3] = [Kind::Box, Kind::Ball, Kind::Key];

/// `LevelGen`'s options.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelGenParams {
    /// Number of distractors.
    pub num_dists: usize,
    /// Probability of a locked room.
    pub locked_room_prob: f64,
    /// Whether descriptors may use locations.
    pub locations: bool,
    /// Whether objects may block the way (else all must be reachable).
    pub unblocking: bool,
    /// Whether targets may lie only in the locked room.
    pub implicit_unlock: bool,
    /// Allowed actions.
    pub action_kinds: &'static [ActionKind],
    /// Allowed instruction shapes.
    pub instr_kinds: &'static [InstrKind],
}

impl LevelGenParams {
    /// Minigrid's defaults (`num_dists=18`, `locked_room_prob=0.5`, everything allowed).
    pub const DEFAULT: LevelGenParams = LevelGenParams {
        num_dists: 18,
        locked_room_prob: 0.5,
        locations: true,
        unblocking: true,
        implicit_unlock: true,
        action_kinds: ALL_ACTIONS,
        instr_kinds: ALL_INSTRS,
    };
}

/// `LevelGen.gen_mission`.
pub fn gen_mission(g: &mut Gen, p: &LevelGenParams) -> GenResult<Mission> {
    let mut locked_room = None;
    if g.rng.rand_float(0.0, 1.0) < p.locked_room_prob {
        locked_room = Some(add_locked_room(g)?);
    }
    g.connect_all(&COLOR_NAMES)?;
    g.add_distractors(None, None, p.num_dists, false)?;
    loop {
        g.place_agent(None, None)?;
        if Some(g.agent_room()) != locked_room {
            break;
        }
    }
    if !p.unblocking {
        g.check_objs_reachable()?;
    }
    let mut r = RandInstr { p, locked_room };
    let instr = r.rand_instr(g, p.instr_kinds)?;
    Ok(Mission::new(instr))
}

/// `add_locked_room`: a locked door on an internal wall of a random room, then its key in
/// another room. Returns the locked room.
fn add_locked_room(g: &mut Gen) -> GenResult<(usize, usize)> {
    let (room, door) = loop {
        let i = g.rng.rand_int(0, g.num_cols);
        let j = g.rng.rand_int(0, g.num_rows);
        let k = g.rng.rand_int(0, 4);
        if g.room(i, j).neighbors[k].is_none() {
            continue;
        }
        let (d, _) = g.add_door(i, j, Some(k), None, Some(true));
        break ((i, j), d);
    };
    let color = g.objs[door as usize].color;
    loop {
        let i = g.rng.rand_int(0, g.num_cols);
        let j = g.rng.rand_int(0, g.num_rows);
        if (i, j) == room {
            continue;
        }
        g.add_object(i, j, Some(Kind::Key), Some(color))?;
        break;
    }
    Ok(room)
}

struct RandInstr<'a> {
    p: &'a LevelGenParams,
    locked_room: Option<(usize, usize)>,
}

impl RandInstr<'_> {
    /// `rand_obj(types, colors, max_tries=100)`.
    fn rand_obj(&mut self, g: &mut Gen, types: &[Kind]) -> GenResult<Desc> {
        let mut colors: [Option<ColorIdx>; 7] = [None; 7];
        for (slot, c) in colors[1..].iter_mut().zip(COLOR_NAMES) {
            *slot = Some(c);
        }
        let mut tries = 0;
        loop {
            if tries > 100 {
                return Err(Retry::Recursion);
            }
            tries += 1;
            let color = g.rng.rand_elem(&colors);
            let kind = g.rng.rand_elem(types);
            let mut loc = None;
            if self.p.locations && g.rng.rand_bool() {
                loc = Some(g.rng.rand_elem(&LOC_NAMES));
            }
            let mut d = Desc::new(Some(kind), color, loc);
            d.find_matching(g);
            if d.obj_set.is_empty() {
                continue;
            }
            if !self.p.implicit_unlock {
                if let Some((li, lj)) = self.locked_room {
                    let r = g.room(li, lj);
                    if d.obj_poss.iter().all(|&(x, y)| r.pos_inside(x, y)) {
                        continue;
                    }
                }
            }
            return Ok(d);
        }
    }

    /// `rand_instr(action_kinds, instr_kinds)`.
    fn rand_instr(&mut self, g: &mut Gen, kinds: &[InstrKind]) -> GenResult<GenInstr> {
        match g.rng.rand_elem(kinds) {
            InstrKind::Action => match g.rng.rand_elem(self.p.action_kinds) {
                ActionKind::GoTo => Ok(GenInstr::GoTo(self.rand_obj(g, &OBJ_TYPES)?)),
                ActionKind::Pickup => Ok(GenInstr::Pickup(
                    self.rand_obj(g, &OBJ_TYPES_NOT_DOOR)?,
                    false,
                )),
                ActionKind::Open => Ok(GenInstr::Open(self.rand_obj(g, &[Kind::Door])?, false)),
                ActionKind::PutNext => {
                    let a = self.rand_obj(g, &OBJ_TYPES_NOT_DOOR)?;
                    let b = self.rand_obj(g, &OBJ_TYPES)?;
                    Ok(GenInstr::PutNext(a, b))
                }
            },
            InstrKind::And => {
                let a = self.rand_instr(g, &[InstrKind::Action])?;
                let b = self.rand_instr(g, &[InstrKind::Action])?;
                Ok(GenInstr::And(Box::new(a), Box::new(b)))
            }
            InstrKind::Seq => {
                let a = self.rand_instr(g, &[InstrKind::Action, InstrKind::And])?;
                let b = self.rand_instr(g, &[InstrKind::Action, InstrKind::And])?;
                if g.rng.rand_bool() {
                    Ok(GenInstr::Before(Box::new(a), Box::new(b)))
                } else {
                    Ok(GenInstr::After(Box::new(a), Box::new(b)))
                }
            }
        }
    }
}
