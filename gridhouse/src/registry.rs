//! Which env ids exist, which engine runs them, and "did you mean" for the others.

/// The engine an env id belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Engine {
    /// Minigrid's BabyAI levels and BALROG's BabyAI tasks.
    Babyai,
    /// ALFWorld household tasks.
    Alfworld,
}

impl Engine {
    /// `"babyai"` or `"alfworld"`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Babyai => "babyai",
            Engine::Alfworld => "alfworld",
        }
    }
}

/// One registered env id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvInfo {
    /// The id users type (`BabyAI-GoToLocal-v0`, `alfworld/train`).
    pub id: String,
    /// Which engine runs it.
    pub engine: Engine,
    /// One line for `gridhouse list`.
    pub description: String,
}

/// Every env id [`crate::make`] accepts by name, BabyAI first (Minigrid's 96 levels, then
/// BALROG's 5 tasks), then the generated ALFWorld task sets. `alfworld-dir:PATH` (a folder of
/// real ALFWorld game folders) and room-kind filters (`alfworld/train/Kitchen`) are accepted
/// too but not listed.
pub fn list() -> Vec<EnvInfo> {
    let babyai = babyai_core::levels::registry::LEVELS
        .iter()
        .map(|l| EnvInfo {
            id: l.id.to_string(),
            engine: Engine::Babyai,
            description: babyai_description(l),
        });
    let balrog = babyai_core::balrog::BALROG_TASKS.iter().map(|id| EnvInfo {
        id: (*id).to_string(),
        engine: Engine::Babyai,
        description: "BALROG's BabyAI-Text task, 8x8 room (2 rooms for open), num_dists 0, \
                      kind fixed by the id, every choice from the seed"
            .to_string(),
    });
    let alfworld = alfworld_core::ENV_IDS.iter().map(|id| EnvInfo {
        id: (*id).to_string(),
        engine: Engine::Alfworld,
        description: alfworld_description(id),
    });
    babyai.chain(balrog).chain(alfworld).collect()
}

/// The registered ids closest to `id` (edit distance, case-insensitive), at most three,
/// closest first; empty when nothing is close.
pub fn suggest(id: &str) -> Vec<String> {
    let want = id.to_ascii_lowercase();
    let mut scored: Vec<(usize, String)> = list()
        .into_iter()
        .map(|e| (distance(&want, &e.id.to_ascii_lowercase()), e.id))
        .collect();
    scored.sort();
    let limit = (want.len() / 3).max(2);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, s)| s)
        .collect()
}

/// Levenshtein distance over bytes (ids are ASCII), bounded work: ids longer than 256
/// bytes compare as far.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 256 || b.len() > 256 {
        return usize::MAX / 2;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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

/// `ALFWorld-style task set: 3553 games generated on ALFRED's train scenes, any task type`.
fn alfworld_description(id: &str) -> String {
    let n = alfworld_core::generator::TaskSet::from_env_id(id).map_or(0, |s| s.len());
    let mut parts = id.split('/').skip(1);
    let split = parts.next().unwrap_or("");
    let scenes = if split == "valid_unseen" {
        "unseen scenes"
    } else {
        "train scenes"
    };
    let task = parts.next().unwrap_or("any task type");
    format!(
        "ALFWorld-style task set: {n} games generated in ALFRED's style ({scenes}), {task} \
         (not ALFWorld's released split)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_typos() {
        assert_eq!(suggest("BabyAI-GoToLocal-v1")[0], "BabyAI-GoToLocal-v0");
        assert_eq!(suggest("babyai-gotolocal-v0")[0], "BabyAI-GoToLocal-v0");
        assert_eq!(suggest("alfworld/trian")[0], "alfworld/train");
        assert!(suggest("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").is_empty());
    }

    #[test]
    fn every_engine_is_listed() {
        let l = list();
        assert_eq!(l.iter().filter(|e| e.engine == Engine::Babyai).count(), 101);
        assert!(l.iter().any(|e| e.id == "alfworld/valid_unseen"));
    }
}
