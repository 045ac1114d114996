//! The env registry shared by every subcommand: which ids exist and which engine runs them.

/// The engine an env id belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Minigrid's BabyAI levels.
    Babyai,
    /// ALFWorld household tasks.
    Alfworld,
}

/// One registered env id.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The id users type (`BabyAI-GoToLocal-v0`, `alfworld/train`).
    pub id: String,
    /// Which engine runs it.
    pub engine: Engine,
    /// One line for `gridhouse list`.
    pub description: String,
}

/// Every env id known to this build, BabyAI first, each engine in its own order.
pub fn entries() -> Vec<Entry> {
    let babyai = babyai_core::LEVEL_IDS.iter().map(|id| Entry {
        id: (*id).to_string(),
        engine: Engine::Babyai,
        description: "BabyAI level (Minigrid 3.2.0)".to_string(),
    });
    let alfworld = alfworld_core::ENV_IDS.iter().map(|id| Entry {
        id: (*id).to_string(),
        engine: Engine::Alfworld,
        description: "ALFWorld task set".to_string(),
    });
    babyai.chain(alfworld).collect()
}
