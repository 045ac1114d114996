//! BabyAI envs by id for the playing subcommands: Minigrid's 96 levels and BALROG's
//! `BabyAI-MixedTrainLocal-v0/<kind>` tasks.

use babyai_core::balrog::{MIXED_TRAIN_LOCAL, MixedTrainLocal};
use babyai_core::{Action, BabyEnv, LevelEnv, Step, make};

/// A BabyAI env of either kind.
#[allow(clippy::large_enum_variant)]
pub enum AnyEnv {
    /// A Minigrid level.
    Level(LevelEnv),
    /// A BALROG task.
    Balrog(MixedTrainLocal),
}

impl AnyEnv {
    /// The env with this id (a Minigrid level id or a BALROG task id).
    pub fn make(id: &str) -> Result<AnyEnv, String> {
        if id.starts_with(MIXED_TRAIN_LOCAL) {
            return MixedTrainLocal::from_id(id)
                .map(AnyEnv::Balrog)
                .map_err(|e| e.to_string());
        }
        make(id).map(AnyEnv::Level).map_err(|e| e.to_string())
    }

    /// Starts the episode of `seed`.
    pub fn reset(&mut self, seed: u64) {
        match self {
            AnyEnv::Level(e) => e.reset(seed),
            AnyEnv::Balrog(e) => e.reset(seed),
        }
    }

    /// The episode in progress.
    pub fn env(&self) -> &BabyEnv {
        match self {
            AnyEnv::Level(e) => e.env(),
            AnyEnv::Balrog(e) => e.env(),
        }
    }

    /// One step.
    pub fn step(&mut self, action: Action) -> Step {
        match self {
            AnyEnv::Level(e) => e.step(action),
            AnyEnv::Balrog(e) => e.step(action),
        }
    }
}
