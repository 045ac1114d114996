//! Level generation, seed for seed like Minigrid 3.2.0's BabyAI levels.
//!
//! Shared machinery (crate-private): `roomgrid` (rooms, walls, doors, `connect_all`),
//! `placement` (rejection-sampled placement, distractors, reachability), `validate`
//! (`validate_instrs`), `levelgen` (random instructions). Descriptors, matching and
//! mission text are the engine's ([`crate::instr`]). Each level
//! family is a small module; [`registry`] maps the 96 Minigrid ids to a family with its
//! options. [`LevelSpec::generate`] runs Minigrid's `RoomGridLevel._gen_grid` loop: build the grid,
//! generate the mission, validate, and on a rejection retry with the stream continuing.

pub(crate) mod action_obj_door;
pub mod compare;
pub mod env;
pub(crate) mod goto;
pub(crate) mod levelgen;
pub(crate) mod open;
pub(crate) mod pickup;
pub(crate) mod placement;
pub(crate) mod putnext;
pub mod registry;
pub(crate) mod roomgrid;
pub(crate) mod unlock;
pub(crate) mod validate;

use crate::BoxContent;
use crate::instr::Instr;
use crate::world::{Cell, Color, ObjId, ObjKind, World};
pub use env::{LevelEnv, UnknownLevel, make};
use roomgrid::{Gen, GenResult, Retry};

/// What a family's `gen_mission` produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mission {
    /// The instruction tree.
    pub instr: Instr,
    /// `PutNext*Carrying`: the object moved into the agent's hands after the reset.
    pub carry: Option<ObjId>,
}

impl Mission {
    /// A mission with nothing carried.
    pub const fn new(instr: Instr) -> Self {
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
        first: Option<Color>,
        /// Fixed second colour.
        second: Option<Color>,
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
            Family::KeyCorridor => pickup::key_corridor(g, ObjKind::Ball),
            Family::OneRoom => pickup::one_room(g),
            Family::MoveTwoAcross { objs_per_room } => putnext::move_two_across(g, objs_per_room),
            Family::LevelGen(p) => levelgen::gen_mission(g, &p),
        }
    }

    /// Generates the level for `seed` exactly as `env.reset(seed=seed)` does.
    pub fn generate(&self, seed: u64) -> Generated {
        self.generate_with(Gen::new(seed, self.room_size, self.num_rows, self.num_cols))
    }

    /// As [`LevelSpec::generate`], drawing from `rng` (seeded with `Pcg64::from_seed(seed)`
    /// for `reset(seed=seed)`, or the stream the previous generation left for Minigrid's
    /// unseeded `reset()`) and building the level in `world`'s buffers (its grid cells and
    /// object table keep their allocations; their contents are replaced). The stream after
    /// generation is [`Generated::rng`].
    pub fn generate_recycling(&self, rng: crate::rng::Pcg64, world: World) -> Generated {
        let g = Gen::recycling(rng, self.room_size, self.num_rows, self.num_cols, world);
        self.generate_with(g)
    }

    fn generate_with(&self, mut g: Gen) -> Generated {
        let mut rejections = 0;
        let mut stuck = 0;
        let mission = loop {
            g.gen_grid();
            let attempt = self.gen_mission(&mut g).and_then(|m| {
                validate::validate(&g, &m.instr, self.unblocking())?;
                Ok(m)
            });
            match attempt {
                Ok(m) => break m,
                Err(Retry::Reject) => rejections += 1,
                Err(Retry::Recursion) => {}
                Err(Retry::Stuck) => {
                    stuck += 1;
                    g.accept_any = stuck >= MAX_STUCK_ATTEMPTS;
                }
            }
        };
        let max_steps = self.fixed_max_steps.unwrap_or_else(|| {
            mission.instr.num_navs()
                * (self.room_size * self.room_size * self.num_rows * self.num_cols) as u32
        });
        let mut world = g.world;
        let rng = g.rng;
        Gen::recycle_scratch(g.rooms, g.room_objs);
        let mut stale_cell = None;
        if let Some(o) = mission.carry {
            // `PutNext.reset`: after the observation was drawn, the object leaves its cell
            // (`grid.set`, so its `cur_pos` stays) and goes into the agent's hands.
            let (x, y) = world.grid.obj(o).cur_pos;
            let pos = (i32::from(x), i32::from(y));
            world.grid.set(pos.0, pos.1, Cell::Empty);
            world.carrying = Some(o);
            stale_cell = Some((pos, o));
        }
        Generated {
            world,
            instr: mission.instr,
            max_steps,
            stale_cell,
            rejections,
            stuck,
            rng,
        }
    }
}

/// How many generation attempts may end in `Retry::Stuck` (a room where Minigrid's
/// `place_agent` never returns) before the fallback: from then on `place_agent` keeps its
/// first drawn pose, whatever is in front of the agent. See `docs/BABYAI_RESET_HANG.md`.
pub const MAX_STUCK_ATTEMPTS: u32 = 64;

/// A generated level: the state right after `reset(seed)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// Grid, objects, room layout, agent pose and carried object.
    pub world: World,
    /// The instruction tree.
    pub instr: Instr,
    /// `max_steps`.
    pub max_steps: u32,
    /// `PutNext*Carrying`: where the carried object stood when Minigrid drew the (stale)
    /// reset observation, and which object it is.
    pub stale_cell: Option<((i32, i32), ObjId)>,
    /// How many `RejectSampling` retries the generation needed.
    pub rejections: u32,
    /// How many attempts failed because `place_agent` had no acceptable pose (seeds where
    /// Minigrid's `reset` never returns; 0 for every seed it finishes).
    pub stuck: u32,
    /// The random stream where generation left it: an unseeded `reset()` continues from here.
    pub rng: crate::rng::Pcg64,
}

impl Generated {
    /// The mission text (`instrs.surface(env)` on the world Minigrid generated).
    pub fn mission(&self) -> String {
        self.instr.surface(&self.observed_world())
    }

    /// The world as Minigrid's reset observation saw it (see [`Generated::observed_world`])
    /// and the instruction, by value.
    pub fn into_observed(self) -> (World, Instr) {
        let mut w = self.world;
        if let Some((pos, o)) = self.stale_cell {
            w.grid.set(pos.0, pos.1, Cell::Obj(o));
            w.carrying = None;
        }
        (w, self.instr)
    }

    /// The world as Minigrid's reset observation saw it: for `PutNext*Carrying`, the carried
    /// object still on its start cell and nothing in hand; otherwise the world itself.
    pub fn observed_world(&self) -> World {
        let mut w = self.world.clone();
        if let Some((pos, o)) = self.stale_cell {
            w.grid.set(pos.0, pos.1, Cell::Obj(o));
            w.carrying = None;
        }
        w
    }

    /// Box contents as the reference records them: grid scan order (rows `y` then `x`),
    /// the carried box last.
    pub fn box_contents(&self) -> Vec<BoxContent> {
        let grid = &self.world.grid;
        let mut out = Vec::new();
        for y in 0..grid.height() {
            for x in 0..grid.width() {
                if let Some(c) = grid.obj_at(x, y).and_then(|o| grid.obj(o).contains) {
                    out.push(BoxContent {
                        pos: Some((x, y)),
                        obj: grid.obj(c).encode(),
                    });
                }
            }
        }
        if let Some(c) = self.world.carrying.and_then(|o| grid.obj(o).contains) {
            out.push(BoxContent {
                pos: None,
                obj: grid.obj(c).encode(),
            });
        }
        out
    }
}
