//! `gridhouse replay`: replay recorded episodes and compare them with the engine.

pub mod babyai;

/// Engines whose recordings `replay` can check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplayEngine {
    /// Minigrid BabyAI traces (`spec/babyai.md` §8).
    Babyai,
}
