//! Who acts: the built-in policies (random, the experts) and whole episodes played with them.

use crate::Error;
use crate::env::{Env, Inner};
use alfworld_core::Command;
use alfworld_core::expert::Searcher;
use babyai_core::rng::Pcg64;
use babyai_core::{ACTIONS, Action};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A built-in policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Policy {
    /// BabyAI: uniform over Minigrid's 7 actions from numpy's `Generator(PCG64(seed))`
    /// stream of the episode's seed (`integers(0, 7)` per step). ALFWorld: uniform over the
    /// admissible commands (`ChaCha8Rng` seeded with the episode's seed).
    Random,
    /// The expert: BabyAI's bot, ALFWorld's oracle (plays shortest plans from the state).
    Expert,
    /// ALFWorld's searcher expert (acts on what it has observed only).
    Searcher,
}

impl Policy {
    /// The policy's name (`random`, `expert`, `searcher`).
    pub fn name(self) -> &'static str {
        match self {
            Policy::Random => "random",
            Policy::Expert => "expert",
            Policy::Searcher => "searcher",
        }
    }

    /// A policy by name; `bot` and `oracle` are the expert.
    pub fn parse(name: &str) -> Result<Policy, Error> {
        match name {
            "random" => Ok(Policy::Random),
            "expert" | "bot" | "oracle" => Ok(Policy::Expert),
            "searcher" => Ok(Policy::Searcher),
            _ => Err(Error::Invalid(format!(
                "unknown policy `{name}` (expected random, expert (bot, oracle) or searcher)"
            ))),
        }
    }
}

/// One action of a policy, typed for its engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// A Minigrid action.
    Babyai(Action),
    /// An ALFWorld command.
    Alfworld(Command),
}

/// A policy playing the current episode of an env: make it right after the reset.
#[derive(Debug)]
pub struct Actor {
    policy: Policy,
    babyai_rng: Pcg64,
    alf_rng: ChaCha8Rng,
    searcher: Option<Box<Searcher>>,
}

impl Actor {
    /// `policy` for the episode of `seed` just started in `env`.
    pub fn new(policy: Policy, env: &Env, seed: u64) -> Result<Actor, Error> {
        let searcher = match (policy, env.inner()) {
            (Policy::Searcher, Inner::Alfworld(e)) => Some(Box::new(e.searcher()?)),
            (Policy::Searcher, Inner::Babyai(_)) => {
                return Err(Error::Unsupported {
                    id: env.id().to_string(),
                    what: "the searcher policy (it is for ALFWorld; BabyAI has random and expert)"
                        .to_string(),
                });
            }
            _ => None,
        };
        Ok(Actor {
            policy,
            babyai_rng: Pcg64::from_seed(seed),
            alf_rng: ChaCha8Rng::seed_from_u64(seed),
            searcher,
        })
    }

    /// The next action.
    pub fn choose(&mut self, env: &mut Env) -> Result<Choice, Error> {
        match env.inner_mut() {
            Inner::Babyai(e) => Ok(Choice::Babyai(match self.policy {
                Policy::Random => ACTIONS[self.babyai_rng.integers(0, 7) as usize],
                _ => e.expert_action(),
            })),
            Inner::Alfworld(e) => Ok(Choice::Alfworld(match self.policy {
                Policy::Expert => e.expert()?,
                Policy::Searcher => self
                    .searcher
                    .as_mut()
                    .expect("made for the searcher")
                    .act(e.env_mut()),
                Policy::Random => {
                    let adm = e.env_mut().admissible();
                    if adm.is_empty() {
                        return Err(Error::Expert(format!(
                            "{} game {}: no admissible command",
                            e.id(),
                            e.game_index()
                        )));
                    }
                    adm[self.alf_rng.random_range(0..adm.len())]
                }
            })),
        }
    }

    /// Takes `choice` in `env` (and lets the searcher see the feedback).
    pub fn apply(&mut self, env: &mut Env, choice: Choice) -> Result<env_api::Step, Error> {
        match (env.inner_mut(), choice) {
            (Inner::Babyai(e), Choice::Babyai(a)) => Ok(e.step(a)),
            (Inner::Alfworld(e), Choice::Alfworld(c)) => {
                let step = e.step(c);
                if let Some(s) = self.searcher.as_mut() {
                    s.observe(e.env().game(), c, e.text());
                }
                Ok(step)
            }
            _ => Err(Error::Invalid(
                "an action of one engine given to the other".to_string(),
            )),
        }
    }

    /// The text of `choice` (BALROG's action name, or the ALFWorld command).
    pub fn text_of(env: &Env, choice: Choice) -> String {
        match (env.inner(), choice) {
            (_, Choice::Babyai(a)) => crate::babyai::action_name(a).to_string(),
            (Inner::Alfworld(e), Choice::Alfworld(c)) => {
                let mut s = String::new();
                e.env().render_command(c, &mut s);
                s
            }
            (Inner::Babyai(_), Choice::Alfworld(_)) => String::new(),
        }
    }
}

/// What one episode came to.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeResult {
    /// The env id.
    pub env_id: String,
    /// The reset seed.
    pub seed: u64,
    /// ALFWorld: the game's index in its set.
    pub game_index: Option<usize>,
    /// Steps taken.
    pub length: u32,
    /// Sum of rewards.
    pub episode_return: f64,
    /// The mission was accomplished.
    pub success: bool,
}

/// Resets `env` with `seed` and plays one episode with `policy` until it terminates or is
/// truncated.
pub fn play_episode(env: &mut Env, policy: Policy, seed: u64) -> Result<EpisodeResult, Error> {
    env.reset(seed)?;
    let mut actor = Actor::new(policy, env, seed)?;
    let mut ret = 0.0;
    let mut length = 0u32;
    if !env.won() {
        loop {
            let choice = actor.choose(env)?;
            let step = actor.apply(env, choice)?;
            ret += step.reward;
            length += 1;
            if step.done() {
                break;
            }
        }
    }
    Ok(EpisodeResult {
        env_id: env.id().to_string(),
        seed,
        game_index: env.game_index(),
        length,
        episode_return: ret,
        success: env.won(),
    })
}
