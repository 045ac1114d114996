//! [`Env`]: one env type over both engines, made by id with [`crate::make`].

use crate::Error;
use crate::alfworld::AlfworldEnv;
use crate::babyai::{BabyaiEnv, action_name};
use crate::registry::Engine;
use babyai_core::view::OBS_LEN;
use env_api::Step;

/// The engine-specific part of an [`Env`].
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // BabyAI is the hot path: kept inline
pub enum Inner {
    /// A BabyAI level or BALROG task.
    Babyai(BabyaiEnv),
    /// An ALFWorld task set (boxed: much larger, and stepped through text).
    Alfworld(Box<AlfworldEnv>),
}

/// Any Gridhouse env, by id: the common path is `make(id)`, `reset(seed)`, `step_text(cmd)`,
/// then `text()`, `mission()`, `admissible()`, `won()`, `expert_action()`.
///
/// ```
/// let mut env = gridhouse::make("BabyAI-GoToLocal-v0").unwrap();
/// env.reset(7).unwrap();
/// println!("{}\n{}", env.mission(), env.text());
/// let step = env.step_text("turn left").unwrap();
/// assert_eq!(step.reward, 0.0);
/// assert_eq!(env.admissible().len(), 6);
///
/// let mut env = gridhouse::make("alfworld/valid_unseen").unwrap();
/// env.reset(0).unwrap();
/// while !env.won() {
///     let command = env.expert_action().unwrap();
///     env.step_text(&command).unwrap();
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Env {
    inner: Inner,
}

impl Env {
    /// The env with this id; see [`crate::make`].
    pub fn make(id: &str) -> Result<Env, Error> {
        let inner = if id.starts_with("alfworld") {
            Inner::Alfworld(Box::new(AlfworldEnv::make(id)?))
        } else {
            Inner::Babyai(BabyaiEnv::make(id)?)
        };
        Ok(Env { inner })
    }

    pub(crate) fn into_parts(self) -> Inner {
        self.inner
    }

    /// The engine-specific env.
    pub fn inner(&self) -> &Inner {
        &self.inner
    }

    /// The engine-specific env, mutable.
    pub fn inner_mut(&mut self) -> &mut Inner {
        &mut self.inner
    }

    /// The BabyAI env, if this is one.
    pub fn babyai(&self) -> Option<&BabyaiEnv> {
        match &self.inner {
            Inner::Babyai(e) => Some(e),
            Inner::Alfworld(_) => None,
        }
    }

    /// The BabyAI env, if this is one, mutable (typed actions: the fast path).
    pub fn babyai_mut(&mut self) -> Option<&mut BabyaiEnv> {
        match &mut self.inner {
            Inner::Babyai(e) => Some(e),
            Inner::Alfworld(_) => None,
        }
    }

    /// The ALFWorld env, if this is one.
    pub fn alfworld(&self) -> Option<&AlfworldEnv> {
        match &self.inner {
            Inner::Alfworld(e) => Some(e),
            Inner::Babyai(_) => None,
        }
    }

    /// The ALFWorld env, if this is one, mutable.
    pub fn alfworld_mut(&mut self) -> Option<&mut AlfworldEnv> {
        match &mut self.inner {
            Inner::Alfworld(e) => Some(e),
            Inner::Babyai(_) => None,
        }
    }

    /// The id the env was made from.
    pub fn id(&self) -> &str {
        match &self.inner {
            Inner::Babyai(e) => e.id(),
            Inner::Alfworld(e) => e.id(),
        }
    }

    /// Which engine runs it.
    pub fn engine(&self) -> Engine {
        match &self.inner {
            Inner::Babyai(_) => Engine::Babyai,
            Inner::Alfworld(_) => Engine::Alfworld,
        }
    }

    /// Starts the episode of `seed`. BabyAI: Minigrid's `reset(seed=seed)`. ALFWorld: game
    /// `seed % num_games` of the set (see [`crate::alfworld`]).
    pub fn reset(&mut self, seed: u64) -> Result<(), Error> {
        match &mut self.inner {
            Inner::Babyai(e) => {
                e.reset(seed);
                Ok(())
            }
            Inner::Alfworld(e) => e.reset(seed),
        }
    }

    /// Starts an episode without a seed. BabyAI: Minigrid's `reset()`, continuing the
    /// random stream. ALFWorld: the next game of the set.
    pub fn reset_unseeded(&mut self) -> Result<(), Error> {
        match &mut self.inner {
            Inner::Babyai(e) => {
                e.reset_unseeded();
                Ok(())
            }
            Inner::Alfworld(e) => e.reset_unseeded(),
        }
    }

    /// Plays game `index` of an ALFWorld task set (DSPy's `init(idx)`); an error for BabyAI.
    pub fn reset_to(&mut self, index: usize) -> Result<(), Error> {
        match &mut self.inner {
            Inner::Alfworld(e) => e.reset_to(index),
            Inner::Babyai(e) => Err(Error::Unsupported {
                id: e.id().to_string(),
                what: "reset_to(index) (BabyAI episodes are chosen by seed)".to_string(),
            }),
        }
    }

    /// Games in an ALFWorld task set; `None` for BabyAI.
    pub fn num_games(&self) -> Option<usize> {
        self.alfworld().map(AlfworldEnv::num_games)
    }

    /// The current game's index in an ALFWorld task set; `None` for BabyAI.
    pub fn game_index(&self) -> Option<usize> {
        self.alfworld().map(AlfworldEnv::game_index)
    }

    /// One step by text. BabyAI: one of BALROG's six actions, other text is
    /// [`Error::NotACommand`]. ALFWorld: any text, answered as ALFWorld answers it.
    pub fn step_text(&mut self, command: &str) -> Result<Step, Error> {
        match &mut self.inner {
            Inner::Babyai(e) => e.step_text(command),
            Inner::Alfworld(e) => Ok(e.step_text(command)),
        }
    }

    /// One step by text as an LLM harness takes it: BabyAI text that is no action becomes
    /// BALROG's default action (`"go forward"`); ALFWorld takes any text. Returns the step
    /// and whether the text was a valid action.
    pub fn step_lenient(&mut self, command: &str) -> (Step, bool) {
        match &mut self.inner {
            Inner::Babyai(e) => e.step_lenient(command),
            Inner::Alfworld(e) => (e.step_text(command), true),
        }
    }

    /// The current observation as text, into `out` (cleared first): BALROG's text for BabyAI,
    /// the last feedback (the intro after a reset) for ALFWorld.
    pub fn write_text(&self, out: &mut String) {
        out.clear();
        match &self.inner {
            Inner::Babyai(e) => e.text(out),
            Inner::Alfworld(e) => out.push_str(e.text()),
        }
    }

    /// The current observation as text (see [`Env::write_text`]).
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.write_text(&mut s);
        s
    }

    /// The mission: BabyAI's mission text, ALFWorld's task sentence.
    pub fn mission(&self) -> &str {
        match &self.inner {
            Inner::Babyai(e) => e.mission(),
            Inner::Alfworld(e) => e.mission(),
        }
    }

    /// The commands that make sense now: BALROG's six action names for BabyAI, the
    /// admissible commands in ALFWorld's order for ALFWorld.
    pub fn admissible(&mut self) -> Vec<String> {
        match &mut self.inner {
            Inner::Babyai(_) => text_render::babyai::BalrogAction::ALL
                .iter()
                .map(|a| a.name().to_string())
                .collect(),
            Inner::Alfworld(e) => e.admissible().to_vec(),
        }
    }

    /// Whether the mission was accomplished.
    pub fn won(&self) -> bool {
        match &self.inner {
            Inner::Babyai(e) => e.won(),
            Inner::Alfworld(e) => e.won(),
        }
    }

    /// The expert's next action as text: the BabyAI bot's action in BALROG's words (`"done"`
    /// when the bot waits), the ALFWorld oracle's command.
    pub fn expert_action(&mut self) -> Result<String, Error> {
        match &mut self.inner {
            Inner::Babyai(e) => Ok(action_name(e.expert_action()).to_string()),
            Inner::Alfworld(e) => e.expert_command(),
        }
    }

    /// Steps taken in this episode.
    pub fn step_count(&self) -> u32 {
        match &self.inner {
            Inner::Babyai(e) => e.env().step_count(),
            Inner::Alfworld(e) => e.env().steps(),
        }
    }

    /// The episode's step limit (`None`: an ALFWorld env without one).
    pub fn max_steps(&self) -> Option<u32> {
        match &self.inner {
            Inner::Babyai(e) => Some(e.env().max_steps()),
            Inner::Alfworld(e) => e.max_steps(),
        }
    }

    /// BabyAI's 7x7x3 image into `out`; `false` (nothing written) for ALFWorld.
    pub fn image(&self, out: &mut [u8; OBS_LEN]) -> bool {
        match &self.inner {
            Inner::Babyai(e) => {
                e.observe(out);
                true
            }
            Inner::Alfworld(_) => false,
        }
    }
}

impl From<AlfworldEnv> for Env {
    fn from(e: AlfworldEnv) -> Env {
        Env {
            inner: Inner::Alfworld(Box::new(e)),
        }
    }
}

impl From<BabyaiEnv> for Env {
    fn from(e: BabyaiEnv) -> Env {
        Env {
            inner: Inner::Babyai(e),
        }
    }
}
