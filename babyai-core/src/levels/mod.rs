//! Level generation, seed for seed like Minigrid 3.2.0's BabyAI levels.
//!
//! Shared machinery: [`roomgrid`] (rooms, walls, doors, `connect_all`), [`placement`]
//! (rejection-sampled placement, distractors, reachability), [`instrs`] (descriptors,
//! matching, surface, `validate_instrs`), [`levelgen`] (random instructions). Each level
//! family is a small module; [`registry`] maps the 96 Minigrid ids to a family with its
//! options. [`generate`] runs Minigrid's `RoomGridLevel._gen_grid` loop: build the grid,
//! generate the mission, validate, and on a rejection retry with the stream continuing.

pub mod action_obj_door;
pub mod goto;
pub mod instrs;
pub mod levelgen;
pub mod open;
pub mod pickup;
pub mod placement;
pub mod putnext;
pub mod registry;
pub mod roomgrid;
pub mod unlock;

use instrs::GenInstr;
use roomgrid::{Cell, Gen, GenResult, Kind, Retry};

/// What a family's `gen_mission` produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mission {
    /// The instruction tree.
    pub instr: GenInstr,
    /// `PutNext*Carrying`: the object moved into the agent's hands after the reset.
    pub carry: Option<u8>,
}

impl Mission {
    /// A mission with nothing carried.
    pub const fn new(instr: GenInstr) -> Self {
        Mission { instr, carry: None }
    }
}

/// A level family with its options (the Minigrid class and constructor kwargs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Family {
    /// `GoToRedBall` / `GoToRedBallNoDists` (`grey`: `GoToRedBallGrey`).
    GoToRedBall {
        /// Distractors.
        num_dists: usize,
        /// Recolour distractors grey.
        grey: bool,
    },
    /// `GoToObj`.
    GoToObj,
    /// `GoToLocal`.
    GoToLocal {
        /// Distractors.
        num_dists: usize,
    },
    /// `GoTo`.
    GoTo {
        /// Distractors.
        num_dists: usize,
        /// Open all doors.
        doors_open: bool,
    },
    /// `GoToImpUnlock`.
    GoToImpUnlock,
    /// `GoToRedBlueBall`.
    GoToRedBlueBall,
    /// `GoToDoor`.
    GoToDoor,
    /// `GoToObjDoor`.
    GoToObjDoor,
    /// `Open`.
    Open,
    /// `OpenRedDoor`.
    OpenRedDoor,
    /// `OpenDoor`.
    OpenDoor {
        /// Strict verification.
        debug: bool,
        /// How the door is described.
        select_by: open::SelectBy,
    },
    /// `OpenTwoDoors`.
    OpenTwoDoors {
        /// Fixed first colour.
        first: Option<roomgrid::ColorIdx>,
        /// Fixed second colour.
        second: Option<roomgrid::ColorIdx>,
        /// Strict first instruction.
        strict: bool,
    },
    /// `OpenDoorsOrder`.
    OpenDoorsOrder {
        /// Number of doors.
        num_doors: usize,
        /// Strict verification.
        debug: bool,
    },
    /// `Pickup`.
    Pickup,
    /// `UnblockPickup`.
    UnblockPickup,
    /// `PickupDist`.
    PickupDist {
        /// Strict verification.
        debug: bool,
    },
    /// `PickupAbove`.
    PickupAbove,
    /// `PutNextLocal`.
    PutNextLocal {
        /// Objects.
        num_objs: usize,
    },
    /// `PutNext`.
    PutNext {
        /// Objects per room.
        objs_per_room: usize,
        /// Start with the object to move in hand.
        start_carrying: bool,
    },
    /// `Unlock`.
    Unlock,
    /// `UnlockLocal`.
    UnlockLocal {
        /// Add distractors.
        distractors: bool,
    },
    /// `KeyInBox`.
    KeyInBox,
    /// `UnlockPickup`.
    UnlockPickup {
        /// Add distractors.
        distractors: bool,
    },
    /// `BlockedUnlockPickup`.
    BlockedUnlockPickup,
    /// `UnlockToUnlock`.
    UnlockToUnlock,
    /// `ActionObjDoor`.
    ActionObjDoor,
    /// `FindObjS5`.
    FindObj,
    /// `KeyCorridor`.
    KeyCorridor,
    /// `OneRoomS8`.
    OneRoom,
    /// `MoveTwoAcross`.
    MoveTwoAcross {
        /// Objects per room.
        objs_per_room: usize,
    },
    /// A `LevelGen` level (Synth*, GoToSeq*, PickupLoc, *BossLevel*).
    LevelGen(levelgen::LevelGenParams),
}

/// One registered level: id, geometry, fixed `max_steps` and family.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelSpec {
    /// Minigrid id, e.g. `BabyAI-GoToLocal-v0`.
    pub id: &'static str,
    /// Room size (walls included).
    pub room_size: usize,
    /// Rows of rooms.
    pub num_rows: usize,
    /// Columns of rooms.
    pub num_cols: usize,
    /// `max_steps` passed to the constructor (else computed per episode).
    pub fixed_max_steps: Option<u32>,
    /// The generator.
    pub family: Family,
}

impl LevelSpec {
    /// Grid width.
    pub const fn width(&self) -> usize {
        (self.room_size - 1) * self.num_cols + 1
    }

    /// Grid height.
    pub const fn height(&self) -> usize {
        (self.room_size - 1) * self.num_rows + 1
    }

    fn unblocking(&self) -> bool {
        matches!(self.family, Family::LevelGen(p) if p.unblocking)
    }

    fn gen_mission(&self, g: &mut Gen) -> GenResult<Mission> {
        match self.family {
            Family::GoToRedBall { num_dists, grey } => goto::red_ball(g, num_dists, grey),
            Family::GoToObj => goto::obj(g),
            Family::GoToLocal { num_dists } => goto::local(g, num_dists),
            Family::GoTo {
                num_dists,
                doors_open,
            } => goto::maze(g, num_dists, doors_open),
            Family::GoToImpUnlock => goto::imp_unlock(g),
            Family::GoToRedBlueBall => goto::red_blue_ball(g, 7),
            Family::GoToDoor => goto::door(g),
            Family::GoToObjDoor => goto::obj_door(g),
            Family::Open => open::open(g),
            Family::OpenRedDoor => open::red_door(g),
            Family::OpenDoor { debug, select_by } => open::door(g, debug, select_by),
            Family::OpenTwoDoors {
                first,
                second,
                strict,
            } => open::two_doors(g, first, second, strict),
            Family::OpenDoorsOrder { num_doors, debug } => open::doors_order(g, num_doors, debug),
            Family::Pickup => pickup::pickup(g),
            Family::UnblockPickup => pickup::unblock(g),
            Family::PickupDist { debug } => pickup::dist(g, debug),
            Family::PickupAbove => pickup::above(g),
            Family::PutNextLocal { num_objs } => putnext::local(g, num_objs),
            Family::PutNext {
                objs_per_room,
                start_carrying,
            } => putnext::two_rooms(g, objs_per_room, start_carrying),
            Family::Unlock => unlock::unlock(g),
            Family::UnlockLocal { distractors } => unlock::local(g, distractors),
            Family::KeyInBox => unlock::key_in_box(g),
            Family::UnlockPickup { distractors } => unlock::unlock_pickup(g, distractors),
            Family::BlockedUnlockPickup => unlock::blocked_unlock_pickup(g),
            Family::UnlockToUnlock => unlock::unlock_to_unlock(g),
            Family::ActionObjDoor => action_obj_door::action_obj_door(g),
            Family::FindObj => pickup::find_obj(g),
            Family::KeyCorridor => pickup::key_corridor(g, Kind::Ball),
            Family::OneRoom => pickup::one_room(g),
            Family::MoveTwoAcross { objs_per_room } => putnext::move_two_across(g, objs_per_room),
            Family::LevelGen(p) => levelgen::gen_mission(g, &p),
        }
    }

    /// Generates the level for `seed` exactly as `env.reset(seed=seed)` does.
    pub fn generate(&self, seed: u64) -> Generated {
        let mut g = Gen::new(seed, self.room_size, self.num_rows, self.num_cols);
        let mut rejections = 0;
        let mut mission = loop {
            g.gen_grid();
            let attempt = self.gen_mission(&mut g).and_then(|mut m| {
                m.instr.validate(&g, self.unblocking())?;
                Ok(m)
            });
            match attempt {
                Ok(m) => break m,
                Err(Retry::Reject) => rejections += 1,
                Err(Retry::Recursion) => {}
            }
        };
        mission.instr.find_matching(&g);
        let mut text = String::new();
        mission.instr.surface(&mut text);
        let max_steps = self.fixed_max_steps.unwrap_or_else(|| {
            (mission.instr.num_navs()
                * self.room_size
                * self.room_size
                * self.num_rows
                * self.num_cols) as u32
        });
        let mut stale_cell = None;
        if let Some(o) = mission.carry {
            let pos = g.objs[o as usize]
                .cur_pos
                .expect("carried object was placed");
            g.set(pos.0, pos.1, Cell::Empty);
            stale_cell = Some((pos, o));
        }
        Generated {
            world: g,
            instr: mission.instr,
            mission: text,
            max_steps,
            carrying: mission.carry,
            stale_cell,
            rejections,
        }
    }
}

/// A generated level: the state right after `reset(seed)`.
#[derive(Clone, Debug)]
pub struct Generated {
    /// Grid, objects, rooms and agent pose.
    pub world: Gen,
    /// The instruction tree, matches computed at reset.
    pub instr: GenInstr,
    /// The mission text.
    pub mission: String,
    /// `max_steps`.
    pub max_steps: u32,
    /// The carried object (`PutNext*Carrying`).
    pub carrying: Option<u8>,
    /// `PutNext*Carrying`: where the carried object stood when Minigrid drew the (stale)
    /// reset observation, and which object it is.
    pub stale_cell: Option<((usize, usize), u8)>,
    /// How many `RejectSampling` retries the generation needed.
    pub rejections: u32,
}

impl Generated {
    /// The grid encoded as Minigrid's `(type, color, state)` per cell, rows `y` then `x`;
    /// empty = `(1, 0, 0)`.
    pub fn encoded_grid(&self) -> Vec<[u8; 3]> {
        self.world
            .cells
            .iter()
            .map(|c| match *c {
                Cell::Empty => [1, 0, 0],
                Cell::Wall => [2, 5, 0],
                Cell::Obj(o) => self.world.objs[o as usize].encode(),
            })
            .collect()
    }

    /// Box contents: `(position, or None for a carried box; encoded content)`, in grid scan
    /// order (rows `y` then `x`), the carried box last.
    pub fn box_contents(&self) -> Vec<(Option<(usize, usize)>, [u8; 3])> {
        let g = &self.world;
        let mut out = Vec::new();
        for y in 0..g.height {
            for x in 0..g.width {
                if let Cell::Obj(o) = g.get(x, y) {
                    if let Some(c) = g.objs[o as usize].contains {
                        out.push((Some((x, y)), g.objs[c as usize].encode()));
                    }
                }
            }
        }
        if let Some(o) = self.carrying {
            if let Some(c) = g.objs[o as usize].contains {
                out.push((None, g.objs[c as usize].encode()));
            }
        }
        out
    }
}
