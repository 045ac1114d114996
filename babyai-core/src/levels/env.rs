//! [`LevelEnv`]: a registered level that resets from a seed, built by [`make`].

use super::registry::{LEVELS, find};
use super::{Generated, LevelSpec};
use crate::instr::{PlacedObjs, Verifier};
use crate::view::{self, OBS_LEN};
use crate::world::{Cell, Grid, RoomLayout, World};
use crate::{Action, BabyEnv, Step};
use core::cell::RefCell;

/// `make` was given an id that is not one of the registered BabyAI levels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLevel {
    id: String,
}

impl UnknownLevel {
    /// The id that was asked for.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl core::fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "unknown BabyAI level {:?} ({} levels are registered; see `gridhouse list`)",
            self.id,
            LEVELS.len()
        )
    }
}

impl std::error::Error for UnknownLevel {}

/// The level registered as `id` (a Minigrid 3.2.0 id such as `"BabyAI-GoToLocal-v0"`),
/// reset with seed 0. Call [`LevelEnv::reset`] to start the episode you want.
///
/// ```
/// let mut env = babyai_core::make("BabyAI-GoToLocal-v0").unwrap();
/// env.reset(1);
/// assert!(env.env().mission().starts_with("go to "));
/// assert!(babyai_core::make("BabyAI-Nope-v0").is_err());
/// ```
pub fn make(id: &str) -> Result<LevelEnv, UnknownLevel> {
    let spec = find(id).ok_or_else(|| UnknownLevel { id: id.to_string() })?;
    Ok(LevelEnv::new(spec, 0))
}

/// A BabyAI level: its spec plus the episode in progress ([`BabyEnv`]).
///
/// [`LevelEnv::reset`] regenerates the level exactly as Minigrid's `env.reset(seed=seed)`
/// (same grid, objects, agent pose, mission, `max_steps`), then the episode is stepped
/// with [`LevelEnv::step`] (or through [`LevelEnv::env_mut`]).
#[derive(Clone, Debug)]
pub struct LevelEnv {
    spec: &'static LevelSpec,
    env: BabyEnv,
    /// Minigrid's reset observation of a `PutNext*Carrying` level (drawn before the object
    /// went into the agent's hands); `None` for the other levels, whose reset observation is
    /// the current one. Boxed so the other levels carry one pointer, and its allocation is
    /// kept across resets.
    stale_image: Option<Box<[u8; OBS_LEN]>>,
    rejections: u32,
    /// The most objects any episode of this env has placed (see [`LevelEnv::trim`]).
    objs_high: u8,
}

impl LevelEnv {
    /// The level `spec` reset with `seed`.
    pub fn new(spec: &'static LevelSpec, seed: u64) -> LevelEnv {
        let mut stale_image = None;
        let (env, rejections) = build(spec.generate(seed), &mut stale_image);
        let mut level = LevelEnv {
            spec,
            env,
            stale_image,
            rejections,
            objs_high: 0,
        };
        level.trim();
        level
    }

    /// Keeps the object table's buffer at the size of the largest episode so far: when an
    /// episode places more objects than any before, the table may have doubled its buffer
    /// while growing, so the world is replaced by its exact-size copy. This happens only
    /// while the high-water mark rises (a few of the first resets), so steady-state resets
    /// neither copy nor allocate here.
    fn trim(&mut self) {
        let n = self.env.world().grid.num_objs();
        if n > self.objs_high as usize {
            self.objs_high = n.min(u8::MAX as usize) as u8;
            let exact = self.env.world().clone();
            *self.env.world_mut() = exact;
        }
    }

    /// Starts the episode of `seed` (Minigrid's `reset(seed=seed)` on a fresh env).
    ///
    /// The level is generated into the previous episode's grid and object table (their
    /// allocations are kept), and the placeholder world parked in the env meanwhile is this
    /// thread's spare, so a reset allocates only the mission text, the verifier's two lists,
    /// the instruction's boxes and a few generation scratch lists.
    pub fn reset(&mut self, seed: u64) {
        let mut rng = crate::rng::Pcg64::from_seed(seed);
        self.reset_from(&mut rng);
    }

    /// Starts an episode drawn from `rng`, leaving `rng` where generation left it: with
    /// `Pcg64::from_seed(seed)` this is [`LevelEnv::reset`]; passing the stream on to the next
    /// call gives Minigrid's unseeded `reset()`, which continues `np_random` (the layouts of
    /// `reset(seed=s)`, `reset()`, `reset()` in Minigrid).
    ///
    /// ```
    /// use babyai_core::rng::Pcg64;
    /// let mut env = babyai_core::make("BabyAI-GoToLocal-v0").unwrap();
    /// let mut rng = Pcg64::from_seed(3);
    /// env.reset_from(&mut rng); // reset(seed=3)
    /// let first = env.env().mission().to_string();
    /// env.reset_from(&mut rng); // reset(): the stream goes on
    /// env.reset(3);
    /// assert_eq!(env.env().mission(), first);
    /// ```
    pub fn reset_from(&mut self, rng: &mut crate::rng::Pcg64) {
        let placeholder = SPARE_WORLD
            .with(|s| s.borrow_mut().take())
            .unwrap_or_else(|| {
                World::new(
                    Grid::new(1, 1),
                    RoomLayout::new(1, 1, 1),
                    (0, 0),
                    crate::world::Dir::Right,
                )
            });
        let world = core::mem::replace(self.env.world_mut(), placeholder);
        let mut g = self.spec.generate_recycling(rng.clone(), world);
        core::mem::swap(rng, &mut g.rng);
        let (env, rejections) = build(g, &mut self.stale_image);
        let spare = core::mem::replace(&mut self.env, env).into_world();
        SPARE_WORLD.with(|s| *s.borrow_mut() = Some(spare));
        self.rejections = rejections;
        self.trim();
    }

    /// The level's registered id.
    pub fn id(&self) -> &'static str {
        self.spec.id
    }

    /// The level's spec (geometry, family, fixed `max_steps`).
    pub fn spec(&self) -> &'static LevelSpec {
        self.spec
    }

    /// The episode in progress.
    pub fn env(&self) -> &BabyEnv {
        &self.env
    }

    /// The episode in progress, mutable.
    pub fn env_mut(&mut self) -> &mut BabyEnv {
        &mut self.env
    }

    /// One step of the episode.
    pub fn step(&mut self, action: Action) -> Step {
        self.env.step(action)
    }

    /// Writes the observation image Minigrid's `reset` returned into `out`. Call it right
    /// after [`LevelEnv::reset`] (before stepping): for the `PutNext*Carrying` levels it is
    /// the stale image kept from the reset (drawn before the object went into the agent's
    /// hands: the object still on its start cell, nothing carried); for every other level
    /// it is the current observation, which right after reset is the reset image.
    /// [`BabyEnv::observe`] always shows the true state. No allocation.
    pub fn reset_image(&self, out: &mut [u8; OBS_LEN]) {
        match &self.stale_image {
            Some(img) => *out = **img,
            None => self.env.observe(out),
        }
    }

    /// Whether this level's reset observation is stale (`PutNext*Carrying`).
    pub fn reset_obs_stale(&self) -> bool {
        matches!(
            self.spec.family,
            super::Family::PutNext {
                start_carrying: true,
                ..
            }
        )
    }

    /// How many rejected samples (Minigrid's "Sampling rejected") the last reset needed.
    pub fn rejections(&self) -> u32 {
        self.rejections
    }
}

impl env_api::Env for LevelEnv {
    type Action = Action;

    fn reset(&mut self, seed: u64) {
        LevelEnv::reset(self, seed);
    }

    fn step(&mut self, action: Action) -> Step {
        LevelEnv::step(self, action)
    }
}

impl env_api::Observe for LevelEnv {
    type Obs = [u8; OBS_LEN];

    /// The current 7x7x3 image ([`BabyEnv::observe`]): the true state, also right after a
    /// `PutNext*Carrying` reset (see [`LevelEnv::reset_image`] for Minigrid's stale one).
    fn observe(&self, out: &mut [u8; OBS_LEN]) {
        self.env.observe(out);
    }
}

/// Room for the longest mission texts without growing (BossLevel's run to about 150 bytes).
const MISSION_CAPACITY: usize = 192;

std::thread_local! {
    /// The placeholder world a reset parks in the env while the env's own world is
    /// regenerated (a 1x1 grid; taken and put back by every reset on this thread).
    static SPARE_WORLD: RefCell<Option<World>> = const { RefCell::new(None) };
    /// The buffer a mission text is written into before its exact-size copy is kept.
    static MISSION_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    /// The placed-object snapshot the mission text and the verifier are bound with.
    static PLACED: RefCell<PlacedObjs> = RefCell::new(PlacedObjs::default());
}

/// Binds the generated level `g` as Minigrid's `reset` does: mission text written and
/// verifier bound on the generated world, then (`PutNext*Carrying`) the observation drawn
/// into `stale_image` (its box reused) and the object moved into the agent's hands. Other
/// levels draw no image (theirs is the current observation) and keep no box.
fn build(g: Generated, stale_image: &mut Option<Box<[u8; OBS_LEN]>>) -> (BabyEnv, u32) {
    let (stale_cell, max_steps, rejections) = (g.stale_cell, g.max_steps, g.rejections);
    let (mut observed, instr) = g.into_observed();
    // Observations are drawn from the code plane (the fast view path), so derive it first.
    if observed.grid.codes_stale() {
        observed.grid.sync_codes();
    }
    if stale_cell.is_some() {
        let img = stale_image.get_or_insert_with(|| Box::new([0u8; OBS_LEN]));
        view::observe(&observed, img);
    } else {
        *stale_image = None;
    }
    // `BabyEnv::new`, with the mission text written without regrowing.
    PLACED.with(|p| {
        let mut placed = p.borrow_mut();
        placed.snapshot(&observed);
        bind(observed, instr, &placed, max_steps, stale_cell, rejections)
    })
}

/// The rest of [`build`]: `BabyEnv::new` with the mission text written without regrowing
/// and the verifier bound over `placed`, then the carried object lifted.
fn bind(
    observed: World,
    instr: crate::instr::Instr,
    placed: &PlacedObjs,
    max_steps: u32,
    stale_cell: Option<((i32, i32), crate::world::ObjId)>,
    rejections: u32,
) -> (BabyEnv, u32) {
    let mission = MISSION_TEXT.with(|t| {
        let mut text = t.borrow_mut();
        text.clear();
        text.reserve(MISSION_CAPACITY);
        instr.write_surface_placed(&observed, placed, &mut text);
        // Kept for the whole episode, so copied into an allocation of its exact length
        // (the state-size budget); cheaper than shrinking in place.
        String::from(text.as_str())
    });
    let verifier = Verifier::bind_placed(&instr, &observed, placed);
    let mut env = BabyEnv::from_parts(observed, instr, verifier, mission, 0, max_steps);
    if let Some((pos, o)) = stale_cell {
        let w = env.world_mut();
        w.grid.set(pos.0, pos.1, Cell::Empty);
        w.carrying = Some(o);
    }
    (env, rejections)
}
