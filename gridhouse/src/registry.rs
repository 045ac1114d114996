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
    let babyai = babyai_core::levels::registry::LEVELS.iter().map(|l| Entry {
        id: l.id.to_string(),
        engine: Engine::Babyai,
        description: babyai_description(l),
    });
    let balrog = babyai_core::balrog::BALROG_TASKS.iter().map(|id| Entry {
        id: (*id).to_string(),
        engine: Engine::Babyai,
        description: "BALROG's BabyAI-Text task, 8x8 room (2 rooms for open), num_dists 0, \
                      kind fixed by the id, every choice from the seed"
            .to_string(),
    });
    let alfworld = alfworld_core::ENV_IDS.iter().map(|id| Entry {
        id: (*id).to_string(),
        engine: Engine::Alfworld,
        description: "ALFWorld task set".to_string(),
    });
    babyai.chain(balrog).chain(alfworld).collect()
}

/// `BabyAI level 22x22 (3x3 rooms of 8), max_steps 576 per navigation`: grid size, rooms and
/// the step limit (fixed, or Minigrid's `num_navs * room_size^2 * rooms` per navigation the
/// mission needs).
fn babyai_description(l: &babyai_core::levels::LevelSpec) -> String {
    let steps = match l.fixed_max_steps {
        Some(n) => format!("max_steps {n}"),
        None => {
            let per_nav = l.room_size * l.room_size * l.num_rows * l.num_cols;
            format!("max_steps {per_nav} per navigation")
        }
    };
    format!(
        "BabyAI level {}x{} ({}x{} rooms of {}), {steps}",
        l.width(),
        l.height(),
        l.num_cols,
        l.num_rows,
        l.room_size
    )
}
