//! BALROG's BabyAI level, `BabyAI-MixedTrainLocal-v0/<kind>`, seed for seed.
//!
//! BALROG plays `BabyAI-MixedTrainLocal-v0` (from the Minigrid fork it installs) with
//! `num_dists=0`, and picks the task kind by re-creating the env until an unseeded draw gives
//! the kind it wants, so its episodes are not reproducible (BALROG#56). Here the kind is fixed
//! by the id (`.../goto`, `/pickup`, `/open`, `/putnext`, `/pick_up_seq_go_to`) and every
//! random choice comes from the reset seed; with the kind forced, the fork's random stream is
//! the same, so `reset(seed)` reproduces the fork's `reset(seed=seed)` (checked against
//! `mixed_public.jsonl`).
//!
//! The level: room size 8, one room (two rooms side by side for `open`), no location words.
//! * `goto` / `pickup`: `num_dists + 1` objects, the target drawn from them;
//! * `putnext`: `num_dists + 2` objects, "put the A next to the B" (B redrawn while it has A's
//!   description and A is the only object with it);
//! * `pick_up_seq_go_to`: the same two objects, "pick up A, then go to B" or
//!   "go to B after you pick up A";
//! * `open`: a locked door (yellow, green, blue or purple) to the other room, its key in the
//!   agent's room, "open the {color} door" or "open the door".
//!
//! Missions containing "yellow box", "red key", "red door", "green ball" or "grey door", and
//! layouts with an unreachable object, are drawn again. `max_steps` is Minigrid's
//! `num_navs * room_size^2 * rooms`: 64 for `goto`/`pickup`, 128 for the others.
//!
//! ```
//! let mut env = babyai_core::balrog::MixedTrainLocal::from_id("BabyAI-MixedTrainLocal-v0/goto").unwrap();
//! env.reset(0);
//! assert_eq!(env.env().mission(), "go to the green key");
//! assert_eq!(env.env().max_steps(), 64);
//! ```

use crate::action::Action;
use crate::env::BabyEnv;
use crate::instr::{Instr, ObjDesc};
use crate::levels::roomgrid::{Gen, GenResult, Retry};
use crate::levels::validate::validate;
use crate::world::{COLOR_NAMES, Color, ObjId, ObjKind};
use env_api::Step;

/// The registered id prefix; the kind follows after a `/`.
pub const MIXED_TRAIN_LOCAL: &str = "BabyAI-MixedTrainLocal-v0";

/// BALROG's five BabyAI task ids (`balrog/config/config.yaml`, `babyai_tasks`).
pub const BALROG_TASKS: [&str; 5] = [
    "BabyAI-MixedTrainLocal-v0/goto",
    "BabyAI-MixedTrainLocal-v0/pickup",
    "BabyAI-MixedTrainLocal-v0/open",
    "BabyAI-MixedTrainLocal-v0/putnext",
    "BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to",
];

/// Substrings BALROG's level never lets a mission contain.
const EXCLUDED: [&str; 5] = [
    "yellow box",
    "red key",
    "red door",
    "green ball",
    "grey door",
];

/// Door colours of the `open` task.
const OPEN_DOOR_COLORS: [Color; 4] = [Color::Yellow, Color::Green, Color::Blue, Color::Purple];

/// The task kind of a `MixedTrainLocal` episode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MixedKind {
    /// "go to the X".
    GoTo,
    /// "pick up the X".
    Pickup,
    /// "open the (colour) door", behind which the other room is locked.
    Open,
    /// "put the X next to the Y".
    PutNext,
    /// "pick up X, then go to Y" / "go to Y after you pick up X".
    PickUpSeqGoTo,
}

impl MixedKind {
    /// The kind named by BALROG (`goto`, `pickup`, `open`, `putnext`, `pick_up_seq_go_to`;
    /// `pick up seq go to` with spaces is accepted, as in BALROG).
    pub fn from_name(name: &str) -> Option<MixedKind> {
        Some(match name {
            "goto" => MixedKind::GoTo,
            "pickup" => MixedKind::Pickup,
            "open" => MixedKind::Open,
            "putnext" => MixedKind::PutNext,
            "pick_up_seq_go_to" | "pick up seq go to" => MixedKind::PickUpSeqGoTo,
            _ => return None,
        })
    }

    /// BALROG's name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            MixedKind::GoTo => "goto",
            MixedKind::Pickup => "pickup",
            MixedKind::Open => "open",
            MixedKind::PutNext => "putnext",
            MixedKind::PickUpSeqGoTo => "pick_up_seq_go_to",
        }
    }
}

/// An id that is not one of BALROG's `BabyAI-MixedTrainLocal-v0/<kind>` tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTask {
    id: String,
}

impl UnknownTask {
    /// The id that was asked for.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl std::fmt::Display for UnknownTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown BALROG task {:?} (expected {MIXED_TRAIN_LOCAL}/ followed by goto, pickup, open, putnext or pick_up_seq_go_to)",
            self.id
        )
    }
}

impl std::error::Error for UnknownTask {}

/// The most distractors [`MixedTrainLocal`] accepts (BALROG plays 0).
///
/// All objects share one 6x6 room and every layout with an unreachable object is drawn
/// again, so the expected work of a reset grows about tenfold per distractor past ten:
/// measured over 200 seeds per kind, 12 distractors take at most 28 ms per reset, 15 about
/// 25 ms on average, 18 seconds, and from about 20 on a reset practically never returns (in
/// Minigrid's level as here). Larger counts are refused with [`TooManyDistractors`].
pub const MAX_NUM_DISTS: usize = 12;

/// A distractor count above [`MAX_NUM_DISTS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyDistractors {
    num_dists: usize,
}

impl TooManyDistractors {
    /// The count that was asked for.
    pub fn num_dists(&self) -> usize {
        self.num_dists
    }
}

impl std::fmt::Display for TooManyDistractors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{MIXED_TRAIN_LOCAL} with {} distractors: at most {MAX_NUM_DISTS} are supported \
             (more rarely or never fit one room reachably)",
            self.num_dists
        )
    }
}

impl std::error::Error for TooManyDistractors {}

/// `Ok(())` when `num_dists` is at most [`MAX_NUM_DISTS`].
fn check_num_dists(num_dists: usize) -> Result<(), TooManyDistractors> {
    if num_dists > MAX_NUM_DISTS {
        return Err(TooManyDistractors { num_dists });
    }
    Ok(())
}

/// A generated `MixedTrainLocal` episode start.
#[derive(Clone, Debug, PartialEq)]
pub struct MixedGenerated {
    /// The env right after `reset(seed)`.
    pub env: BabyEnv,
    /// How many times validation rejected a layout (`RejectSampling`).
    pub rejections: u32,
}

/// Generates the `kind` episode of `seed` with `num_dists` distractors (BALROG: 0) as the
/// fork's `reset(seed=seed)` does; more than [`MAX_NUM_DISTS`] distractors are refused.
pub fn generate(
    kind: MixedKind,
    num_dists: usize,
    seed: u64,
) -> Result<MixedGenerated, TooManyDistractors> {
    check_num_dists(num_dists)?;
    Ok(generate_from(
        kind,
        num_dists,
        &mut crate::rng::Pcg64::from_seed(seed),
    ))
}

/// As [`generate`] with `num_dists` already checked, drawing from `rng` and leaving it where
/// generation stopped (so the next call continues the stream, as the fork's unseeded
/// `reset()` does).
fn generate_from(kind: MixedKind, num_dists: usize, rng: &mut crate::rng::Pcg64) -> MixedGenerated {
    let cols = if kind == MixedKind::Open { 2 } else { 1 };
    let world = crate::world::World::new(
        crate::world::Grid::new(1, 1),
        crate::world::RoomLayout::new(1, 1, 1),
        (-1, -1),
        crate::world::Dir::Right,
    );
    let mut g = Gen::recycling(rng.clone(), 8, 1, cols, world);
    let mut rejections = 0;
    let mut stuck = 0;
    let instr = loop {
        g.gen_grid();
        let attempt = gen_mission(&mut g, kind, num_dists).and_then(|instr| {
            validate(&g, &instr, false)?;
            Ok(instr)
        });
        match attempt {
            Ok(instr) => break instr,
            Err(Retry::Reject) => rejections += 1,
            Err(Retry::Recursion) => {}
            // As for the registered levels (`LevelSpec::generate`): a room where
            // `place_agent` never returns is retried, with a bounded fallback.
            Err(Retry::Stuck) => {
                stuck += 1;
                g.accept_any = stuck >= crate::levels::MAX_STUCK_ATTEMPTS;
            }
        }
    };
    let max_steps = instr.num_navs() * 8 * 8 * cols as u32;
    *rng = g.rng.clone();
    Gen::recycle_scratch(
        core::mem::take(&mut g.rooms),
        core::mem::take(&mut g.room_objs),
    );
    MixedGenerated {
        env: BabyEnv::new(g.world, instr, Some(max_steps)),
        rejections,
    }
}

/// `ObjDesc(obj.type, obj.color)`.
fn desc_of(g: &Gen, o: ObjId) -> ObjDesc {
    let ob = g.obj(o);
    ObjDesc::new(Some(ob.kind), Some(ob.color))
}

/// The fork's `gen_mission`: redraw the rooms and the mission until every object is
/// reachable and the mission avoids the excluded phrases.
fn gen_mission(g: &mut Gen, kind: MixedKind, num_dists: usize) -> GenResult<Instr> {
    loop {
        g.gen_grid();
        let (instr, reachable) = if kind == MixedKind::Open {
            open_body(g, num_dists)?
        } else {
            g.place_agent(None, None)?;
            let extra = if matches!(kind, MixedKind::GoTo | MixedKind::Pickup) {
                1
            } else {
                2
            };
            let objs = g.add_distractors(None, None, num_dists + extra, false)?;
            let reachable = g.objs_reachable();
            let a = g.rng.rand_elem(&objs);
            let da = desc_of(g, a);
            let instr = match kind {
                MixedKind::GoTo => Instr::go_to(da),
                MixedKind::Pickup => Instr::pickup(da),
                _ => {
                    let b = other_than(g, &objs, a);
                    let db = desc_of(g, b);
                    if kind == MixedKind::PutNext {
                        Instr::put_next(da, db)
                    } else if g.rng.rand_elem(&[true, false]) {
                        Instr::before(Instr::pickup(da), Instr::go_to(db))
                    } else {
                        Instr::after(Instr::go_to(db), Instr::pickup(da))
                    }
                }
            };
            (instr, reachable)
        };
        if reachable {
            let text = instr.surface(&g.world);
            if !EXCLUDED.iter().any(|s| text.contains(s)) {
                return Ok(instr);
            }
        }
    }
}

/// The `open` task: a locked room with its key elsewhere, the agent outside it.
fn open_body(g: &mut Gen, num_dists: usize) -> GenResult<(Instr, bool)> {
    let color = g.rng.rand_elem(&OPEN_DOOR_COLORS);
    // `add_locked_room(color)`: a room and a wall slot with a neighbour, then the key's room.
    let locked = loop {
        let i = g.rng.rand_int(0, g.num_cols);
        let j = g.rng.rand_int(0, g.num_rows);
        let k = g.rng.rand_int(0, 4);
        if g.room(i, j).neighbors[k].is_some() {
            g.add_door(i, j, Some(k), Some(color), Some(true));
            break (i, j);
        }
    };
    loop {
        let i = g.rng.rand_int(0, g.num_cols);
        let j = g.rng.rand_int(0, g.num_rows);
        if (i, j) != locked {
            g.add_object(i, j, Some(ObjKind::Key), Some(color))?;
            break;
        }
    }
    g.connect_all(&COLOR_NAMES)?;
    for j in 0..g.num_rows {
        for i in 0..g.num_cols {
            if (i, j) != locked {
                g.add_distractors(Some(i), Some(j), num_dists, false)?;
            }
        }
    }
    loop {
        g.place_agent(None, None)?;
        if g.agent_room() != locked {
            break;
        }
    }
    let reachable = g.objs_reachable();
    let named = g.rng.rand_elem(&[None, Some(color)]);
    Ok((
        Instr::open(ObjDesc::new(Some(ObjKind::Door), named)),
        reachable,
    ))
}

/// The second object of a two-object mission: redrawn while it has `first`'s description
/// and `first` is the only object with it.
fn other_than(g: &mut Gen, objs: &[ObjId], first: ObjId) -> ObjId {
    let same = |g: &Gen, o: ObjId| {
        let (a, b) = (g.obj(o), g.obj(first));
        (a.kind, a.color) == (b.kind, b.color)
    };
    let mut second = g.rng.rand_elem(objs);
    if same(g, second) && desc_of(g, first).find_matching(&g.world).len() < 2 {
        while same(g, second) {
            second = g.rng.rand_elem(objs);
        }
    }
    second
}

/// BALROG's level as an env: [`MixedTrainLocal::reset`] generates the episode of a seed,
/// then it steps like every BabyAI env.
#[derive(Clone, Debug)]
pub struct MixedTrainLocal {
    kind: MixedKind,
    num_dists: usize,
    env: BabyEnv,
    rejections: u32,
}

impl MixedTrainLocal {
    /// The level of `kind` with `num_dists` distractors, reset with seed 0; more than
    /// [`MAX_NUM_DISTS`] distractors are refused.
    pub fn new(kind: MixedKind, num_dists: usize) -> Result<MixedTrainLocal, TooManyDistractors> {
        check_num_dists(num_dists)?;
        Ok(MixedTrainLocal::new_checked(kind, num_dists))
    }

    /// [`MixedTrainLocal::new`] with `num_dists` already checked.
    fn new_checked(kind: MixedKind, num_dists: usize) -> MixedTrainLocal {
        let g = generate_from(kind, num_dists, &mut crate::rng::Pcg64::from_seed(0));
        MixedTrainLocal {
            kind,
            num_dists,
            env: g.env,
            rejections: g.rejections,
        }
    }

    /// BALROG's level by id, `BabyAI-MixedTrainLocal-v0/<kind>`, with BALROG's
    /// `num_dists=0`.
    pub fn from_id(id: &str) -> Result<MixedTrainLocal, UnknownTask> {
        id.strip_prefix(MIXED_TRAIN_LOCAL)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(MixedKind::from_name)
            .map(|kind| MixedTrainLocal::new_checked(kind, 0))
            .ok_or_else(|| UnknownTask { id: id.to_string() })
    }

    /// Starts the episode of `seed`.
    pub fn reset(&mut self, seed: u64) {
        self.reset_from(&mut crate::rng::Pcg64::from_seed(seed));
    }

    /// Starts an episode drawn from `rng`, leaving `rng` where generation left it (see
    /// [`crate::LevelEnv::reset_from`]).
    pub fn reset_from(&mut self, rng: &mut crate::rng::Pcg64) {
        // `num_dists` was checked at construction.
        let g = generate_from(self.kind, self.num_dists, rng);
        self.env = g.env;
        self.rejections = g.rejections;
    }

    /// The task kind.
    pub fn kind(&self) -> MixedKind {
        self.kind
    }

    /// The episode in progress.
    pub fn env(&self) -> &BabyEnv {
        &self.env
    }

    /// The episode in progress, mutable.
    pub fn env_mut(&mut self) -> &mut BabyEnv {
        &mut self.env
    }

    /// Rejected layouts during the last reset.
    pub fn rejections(&self) -> u32 {
        self.rejections
    }

    /// One step.
    pub fn step(&mut self, action: Action) -> Step {
        self.env.step(action)
    }
}

/// Replays a recorded BALROG episode (a `mixed_public.jsonl` line) from its id and seed,
/// with BALROG's `num_dists=0`: the generated reset state (grid, agent pose, mission,
/// `max_steps`, observation and BALROG text) must equal the recorded one, then every recorded
/// step is replayed and compared ([`crate::trace::replay_steps`]). `Ok(steps)` when all
/// match; otherwise the first difference.
pub fn replay_from_seed(ep: &crate::trace::Episode) -> Result<usize, String> {
    let task = MixedTrainLocal::from_id(&ep.env_id).map_err(|e| e.to_string())?;
    let mut env = generate_from(task.kind(), 0, &mut crate::rng::Pcg64::from_seed(ep.seed)).env;
    let rec = &ep.state;
    let w = env.world();
    let (gw, gh) = (w.grid.width(), w.grid.height());
    if (rec.width as i32, rec.height as i32) != (gw, gh) {
        return Err(format!(
            "reset: grid size {}x{} vs {gw}x{gh}",
            rec.width, rec.height
        ));
    }
    for y in 0..gh {
        for x in 0..gw {
            let (want, got) = (rec.grid[(y * gw + x) as usize], w.grid.encode_cell(x, y));
            if want != got {
                return Err(format!(
                    "reset: cell ({x}, {y}) expected {want:?}, got {got:?}"
                ));
            }
        }
    }
    let pose = (w.agent_pos, w.agent_dir as u8);
    if (rec.agent_pos, rec.agent_dir) != pose {
        return Err(format!(
            "reset: agent expected {:?}, got {pose:?}",
            (rec.agent_pos, rec.agent_dir)
        ));
    }
    if rec.mission != env.mission() || rec.max_steps != env.max_steps() {
        return Err(format!(
            "reset: mission/max_steps expected {:?}/{}, got {:?}/{}",
            rec.mission,
            rec.max_steps,
            env.mission(),
            env.max_steps()
        ));
    }
    let mut image = [0u8; crate::view::OBS_LEN];
    env.observe(&mut image);
    if ep.reset_image.is_some_and(|want| want != image) {
        return Err("reset: observation image differs".to_string());
    }
    let mut text = String::new();
    env.balrog_text(&mut text);
    if let Some(want) = &ep.reset_text
        && *want != text
    {
        return Err(format!("reset: text expected {want:?}, got {text:?}"));
    }
    crate::trace::replay_steps(&mut env, &ep.steps).map_err(|e| e.to_string())?;
    Ok(ep.steps.len())
}
