//! BabyAI envs through the front door: Minigrid's 96 levels and BALROG's
//! `BabyAI-MixedTrainLocal-v0/<kind>` tasks as one type, with the seeded and unseeded resets
//! of Minigrid, BALROG's text, and the expert bot.

use crate::Error;
use babyai_core::balrog::{MIXED_TRAIN_LOCAL, MixedTrainLocal};
use babyai_core::bot::Bot;
use babyai_core::rng::Pcg64;
use babyai_core::view::OBS_LEN;
use babyai_core::{Action, BabyEnv, LevelEnv, Step};
use text_render::babyai::BalrogAction;

/// Which BabyAI generator an env runs.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // both variants are about the same size
enum Level {
    /// A Minigrid level.
    Minigrid(LevelEnv),
    /// A BALROG task.
    Balrog(MixedTrainLocal),
}

/// A BabyAI env: a level or a BALROG task, its random stream, and the expert bot (made when
/// first asked for, dropped at every reset).
///
/// ```
/// let mut env = gridhouse::BabyaiEnv::make("BabyAI-GoToLocal-v0").unwrap();
/// env.reset(1);
/// let mut image = [0u8; 147];
/// env.observe(&mut image);
/// let step = env.step(babyai_core::Action::Forward);
/// assert!(!step.truncated);
/// ```
#[derive(Clone, Debug)]
pub struct BabyaiEnv {
    level: Level,
    /// The stream an unseeded reset continues; `None` until the first reset.
    rng: Option<Pcg64>,
    bot: Option<Box<Bot>>,
    /// A step of this episode earned a positive reward (the mission was accomplished).
    won: bool,
}

impl BabyaiEnv {
    /// The env with this id (a Minigrid level id or a BALROG task id), reset with seed 0.
    pub fn make(id: &str) -> Result<BabyaiEnv, Error> {
        let level = if id.starts_with(MIXED_TRAIN_LOCAL) {
            MixedTrainLocal::from_id(id).map(Level::Balrog).ok()
        } else {
            babyai_core::make(id).map(Level::Minigrid).ok()
        };
        let level = level.ok_or_else(|| Error::UnknownId {
            id: id.to_string(),
            suggestions: crate::registry::suggest(id),
        })?;
        let mut env = BabyaiEnv {
            level,
            rng: None,
            bot: None,
            won: false,
        };
        env.reset(0);
        Ok(env)
    }

    /// The registered id.
    pub fn id(&self) -> &'static str {
        match &self.level {
            Level::Minigrid(l) => l.id(),
            Level::Balrog(b) => babyai_core::balrog::BALROG_TASKS
                .iter()
                .find(|t| t.rsplit('/').next() == Some(b.kind().name()))
                .copied()
                .unwrap_or(MIXED_TRAIN_LOCAL),
        }
    }

    /// Starts the episode of `seed`: Minigrid's `reset(seed=seed)`.
    pub fn reset(&mut self, seed: u64) {
        let mut rng = Pcg64::from_seed(seed);
        self.reset_from(&mut rng);
        self.rng = Some(rng);
    }

    /// Minigrid's unseeded `reset()`: the next layout of the random stream the last reset
    /// left. A new env has been reset with seed 0 (Gridhouse reads no OS entropy), so its
    /// first unseeded reset continues seed 0's stream.
    pub fn reset_unseeded(&mut self) {
        let mut rng = self.rng.take().unwrap_or_else(|| Pcg64::from_seed(0));
        self.reset_from(&mut rng);
        self.rng = Some(rng);
    }

    fn reset_from(&mut self, rng: &mut Pcg64) {
        match &mut self.level {
            Level::Minigrid(l) => l.reset_from(rng),
            Level::Balrog(b) => b.reset_from(rng),
        }
        self.bot = None;
        self.won = false;
    }

    /// The episode in progress (world, mission, step count, typed observation).
    pub fn env(&self) -> &BabyEnv {
        match &self.level {
            Level::Minigrid(l) => l.env(),
            Level::Balrog(b) => b.env(),
        }
    }

    /// The level env, when this is a Minigrid level (its spec, reset image, rejections).
    pub fn level(&self) -> Option<&LevelEnv> {
        match &self.level {
            Level::Minigrid(l) => Some(l),
            Level::Balrog(_) => None,
        }
    }

    /// One step with a typed action (the fast path).
    #[inline]
    pub fn step(&mut self, action: Action) -> Step {
        let step = match &mut self.level {
            Level::Minigrid(l) => l.step(action),
            Level::Balrog(b) => b.step(action),
        };
        self.won |= step.reward > 0.0;
        step
    }

    /// One step with one of BALROG's six text actions (`"turn left"`, ..., `"toggle"`; case
    /// and spacing are forgiven as BALROG's parser does), or `"done"` (Minigrid's seventh
    /// action, which BALROG does not offer but the bot and the random policy take). Other
    /// text is refused.
    pub fn step_text(&mut self, command: &str) -> Result<Step, Error> {
        if is_done(command) {
            return Ok(self.step(Action::Done));
        }
        let action = BalrogAction::parse(command).map_err(|e| Error::NotACommand {
            text: command.to_string(),
            reason: e.to_string(),
        })?;
        Ok(self.step(action_of(action)))
    }

    /// BALROG's handling of an LLM's answer: a valid action is taken; anything else is
    /// replaced by BALROG's default action (`"go forward"`). Returns the step and whether the
    /// answer was valid.
    pub fn step_lenient(&mut self, command: &str) -> (Step, bool) {
        if is_done(command) {
            return (self.step(Action::Done), true);
        }
        let parsed = BalrogAction::parse_or(command, BalrogAction::BALROG_DEFAULT);
        (self.step(action_of(parsed.action)), !parsed.was_fallback())
    }

    /// Writes the 7x7x3 egocentric image (Minigrid's `obs["image"]`) into `out`.
    #[inline]
    pub fn observe(&self, out: &mut [u8; OBS_LEN]) {
        self.env().observe(out);
    }

    /// The agent's direction (Minigrid's `obs["direction"]`: 0 right, 1 down, 2 left, 3 up).
    pub fn direction(&self) -> u8 {
        self.env().agent_dir() as u8
    }

    /// Minigrid's fully observable encoding (`FullyObsWrapper`): `width * height * 3` bytes,
    /// column-major like `grid.encode()` (`[x][y][channel]`), the agent's cell drawn as
    /// `[10, 0, direction]`. Writes into `out` (cleared first) and returns `(width, height)`.
    pub fn full_grid(&self, out: &mut Vec<u8>) -> (usize, usize) {
        let world = self.env().world();
        let (w, h) = (world.grid.width(), world.grid.height());
        out.clear();
        out.reserve((w * h * 3) as usize);
        for x in 0..w {
            for y in 0..h {
                if (x, y) == world.agent_pos {
                    out.extend_from_slice(&[10, 0, self.direction()]);
                } else {
                    out.extend_from_slice(&world.grid.encode_cell(x, y));
                }
            }
        }
        (w as usize, h as usize)
    }

    /// Draws the current state as Minigrid 3.2.0's renderer does (byte for byte): the full
    /// grid with the agent's view highlighted (`render()`, `FrameOptions::default()`), any
    /// tile size, or the agent's point of view. RGB rows from the top into `out` (resized);
    /// returns `(width, height)`. `renderer` keeps the tile cache between frames.
    pub fn render(
        &self,
        renderer: &mut babyai_core::render::Renderer,
        options: babyai_core::render::FrameOptions,
        out: &mut Vec<u8>,
    ) -> Result<(u32, u32), Error> {
        renderer
            .render(self.env().world(), options, out)
            .map_err(|e| Error::Invalid(e.to_string()))
    }

    /// Appends BALROG's text observation of the current view to `out`.
    pub fn text(&self, out: &mut String) {
        self.env().balrog_text(out);
    }

    /// The mission text.
    pub fn mission(&self) -> &str {
        self.env().mission()
    }

    /// Whether the mission was accomplished (the last step earned a positive reward).
    pub fn won(&self) -> bool {
        self.won
    }

    /// The expert bot's next action (Minigrid's `BabyAIBot`, replanning from the current
    /// state, so other actions may have been taken in between).
    pub fn expert_action(&mut self) -> Action {
        let env = match &self.level {
            Level::Minigrid(l) => l.env(),
            Level::Balrog(b) => b.env(),
        };
        let bot = self.bot.get_or_insert_with(|| Box::new(Bot::new(env)));
        bot.act(env)
    }
}

/// `"done"`, Minigrid's seventh action, in any case with surrounding spaces.
fn is_done(command: &str) -> bool {
    command.trim().eq_ignore_ascii_case("done")
}

/// Minigrid's action for one of BALROG's text actions (same index).
pub fn action_of(a: BalrogAction) -> Action {
    babyai_core::ACTIONS[a.index() as usize]
}

/// BALROG's text name of a Minigrid action (`done`, which BALROG does not offer, is
/// `"done"`).
pub fn action_name(a: Action) -> &'static str {
    BalrogAction::from_index(a as u8).map_or("done", BalrogAction::name)
}

impl env_api::Env for BabyaiEnv {
    type Action = Action;

    fn reset(&mut self, seed: u64) {
        BabyaiEnv::reset(self, seed);
    }

    fn reset_unseeded(&mut self) {
        BabyaiEnv::reset_unseeded(self);
    }

    #[inline]
    fn step(&mut self, action: Action) -> Step {
        BabyaiEnv::step(self, action)
    }
}

impl env_api::Observe for BabyaiEnv {
    type Obs = [u8; OBS_LEN];

    #[inline]
    fn observe(&self, out: &mut [u8; OBS_LEN]) {
        BabyaiEnv::observe(self, out);
    }
}
