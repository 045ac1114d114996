//! What is learned: a level id and the observation the policy gets.

use babyai_core::balrog::{MIXED_TRAIN_LOCAL, MixedTrainLocal};
use babyai_core::{Action, BabyEnv, LevelEnv, Step};

/// What the policy observes besides the mission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObsKind {
    /// The 7x7x3 egocentric image (object, colour, state codes), as in the BabyAI papers.
    Image,
    /// BALROG's text of the 7x7 view (`BabyEnv::balrog_text`).
    Text,
}

/// A level and an observation setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// A registered BabyAI level id or one of BALROG's `BabyAI-MixedTrainLocal-v0/<kind>`.
    pub id: String,
    /// What the policy observes.
    pub obs: ObsKind,
}

impl Task {
    /// An image-and-mission task on `id`.
    pub fn image(id: &str) -> Task {
        Task {
            id: id.to_string(),
            obs: ObsKind::Image,
        }
    }

    /// A text-and-mission task on `id`.
    pub fn text(id: &str) -> Task {
        Task {
            id: id.to_string(),
            obs: ObsKind::Text,
        }
    }

    /// A short label for tables and plots (`GoToLocal`, `balrog/goto`).
    pub fn label(&self) -> String {
        if let Some(kind) = self.id.strip_prefix(MIXED_TRAIN_LOCAL) {
            format!("balrog{kind}")
        } else {
            let s = self.id.strip_prefix("BabyAI-").unwrap_or(&self.id);
            s.strip_suffix("-v0").unwrap_or(s).to_string()
        }
    }
}

/// An error of this crate: a bad level id, a failed tensor operation, a failed plot.
#[derive(Debug)]
pub enum LearnError {
    /// The id names no level or BALROG task.
    UnknownLevel(String),
    /// A candle operation failed.
    Tensor(candle_core::Error),
    /// Drawing or writing the figure failed.
    Plot(String),
    /// The bot could not produce the demonstrations asked for.
    NoDemos(String),
}

impl std::fmt::Display for LearnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LearnError::UnknownLevel(id) => write!(f, "unknown level or BALROG task: {id}"),
            LearnError::Tensor(e) => write!(f, "tensor error: {e}"),
            LearnError::Plot(e) => write!(f, "plot error: {e}"),
            LearnError::NoDemos(e) => write!(f, "no demonstrations: {e}"),
        }
    }
}

impl std::error::Error for LearnError {}

impl From<candle_core::Error> for LearnError {
    fn from(e: candle_core::Error) -> LearnError {
        LearnError::Tensor(e)
    }
}

/// One environment of either family, stepped the same way.
#[derive(Clone, Debug)]
pub enum Env {
    /// A registered BabyAI level.
    Level(Box<LevelEnv>),
    /// BALROG's `MixedTrainLocal` with a fixed kind.
    Mixed(Box<MixedTrainLocal>),
}

impl Env {
    /// The env of `id` (not yet reset).
    pub fn open(id: &str) -> Result<Env, LearnError> {
        if id.starts_with(MIXED_TRAIN_LOCAL) {
            MixedTrainLocal::from_id(id)
                .map(|e| Env::Mixed(Box::new(e)))
                .map_err(|_| LearnError::UnknownLevel(id.to_string()))
        } else {
            babyai_core::make(id)
                .map(|e| Env::Level(Box::new(e)))
                .map_err(|_| LearnError::UnknownLevel(id.to_string()))
        }
    }

    /// Starts the episode of `seed`.
    pub fn reset(&mut self, seed: u64) {
        match self {
            Env::Level(e) => e.reset(seed),
            Env::Mixed(e) => e.reset(seed),
        }
    }

    /// The episode in progress.
    pub fn env(&self) -> &BabyEnv {
        match self {
            Env::Level(e) => e.env(),
            Env::Mixed(e) => e.env(),
        }
    }

    /// One step.
    pub fn step(&mut self, action: Action) -> Step {
        match self {
            Env::Level(e) => e.step(action),
            Env::Mixed(e) => e.step(action),
        }
    }
}

/// Whether a finished step counts as a success: the mission was completed (positive reward
/// on a terminating step).
pub fn succeeded(step: &Step) -> bool {
    step.terminated && step.reward > 0.0
}
