//! `LevelGen`: the random-instruction generator behind Synth*, SynthLoc, SynthSeq, GoToSeq*,
//! PickupLoc, MiniBossLevel, BossLevel and BossLevelNoUnlock.

use super::Mission;
use super::roomgrid::{Gen, GenResult, Retry};
use crate::instr::{Instr, LOC_NAMES, Matches, OBJ_TYPES, OBJ_TYPES_NOT_DOOR, ObjDesc, PlacedObjs};
use crate::world::{COLOR_NAMES, Color, ObjKind};

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
    let mut r = RandInstr {
        p,
        locked_room,
        m: Matches::default(),
        placed: PlacedObjs::default(),
    };
    r.placed.snapshot(&g.world);
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
    let color = g.obj(door).color;
    loop {
        let i = g.rng.rand_int(0, g.num_cols);
        let j = g.rng.rand_int(0, g.num_rows);
        if (i, j) == room {
            continue;
        }
        g.add_object(i, j, Some(ObjKind::Key), Some(color))?;
        break;
    }
    Ok(room)
}

struct RandInstr<'a> {
    p: &'a LevelGenParams,
    locked_room: Option<(usize, usize)>,
    /// Scratch matches (reused across draws).
    m: Matches,
    /// The placed objects (the layout does not change while the instruction is drawn).
    placed: PlacedObjs,
}

impl RandInstr<'_> {
    /// `rand_obj(types, colors, max_tries=100)`.
    fn rand_obj(&mut self, g: &mut Gen, types: &[ObjKind]) -> GenResult<ObjDesc> {
        let mut colors: [Option<Color>; 7] = [None; 7];
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
            let d = ObjDesc::new(Some(kind), color).with_loc(loc);
            if let (false, Some((li, lj))) = (self.p.implicit_unlock, self.locked_room) {
                // The positions are needed: reject targets only in the locked room.
                d.find_matching_into(&g.world, &mut self.m);
                let room = (li as i32, lj as i32);
                let layout = &g.world.layout;
                if self.m.is_empty()
                    || self
                        .m
                        .poss
                        .iter()
                        .all(|&(x, y)| layout.pos_inside(room, x, y))
                {
                    continue;
                }
            } else if self.placed.count_matching(&d, &g.world, 1) == 0 {
                // `if len(obj_set) == 0`: only whether anything matches.
                continue;
            }
            return Ok(d);
        }
    }

    /// `rand_instr(action_kinds, instr_kinds)`.
    fn rand_instr(&mut self, g: &mut Gen, kinds: &[InstrKind]) -> GenResult<Instr> {
        match g.rng.rand_elem(kinds) {
            InstrKind::Action => match g.rng.rand_elem(self.p.action_kinds) {
                ActionKind::GoTo => Ok(Instr::go_to(self.rand_obj(g, &OBJ_TYPES)?)),
                ActionKind::Pickup => Ok(Instr::pickup(self.rand_obj(g, &OBJ_TYPES_NOT_DOOR)?)),
                ActionKind::Open => Ok(Instr::open(self.rand_obj(g, &[ObjKind::Door])?)),
                ActionKind::PutNext => {
                    let a = self.rand_obj(g, &OBJ_TYPES_NOT_DOOR)?;
                    let b = self.rand_obj(g, &OBJ_TYPES)?;
                    Ok(Instr::put_next(a, b))
                }
            },
            InstrKind::And => {
                let a = self.rand_instr(g, &[InstrKind::Action])?;
                let b = self.rand_instr(g, &[InstrKind::Action])?;
                Ok(Instr::and(a, b))
            }
            InstrKind::Seq => {
                let a = self.rand_instr(g, &[InstrKind::Action, InstrKind::And])?;
                let b = self.rand_instr(g, &[InstrKind::Action, InstrKind::And])?;
                if g.rng.rand_bool() {
                    Ok(Instr::before(a, b))
                } else {
                    Ok(Instr::after(a, b))
                }
            }
        }
    }
}
