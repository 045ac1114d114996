//! Replays ALFWorld trace files (JSON lines) through the library.
#![allow(dead_code)]

use alfworld_core::{Game, GameEnv, LoadOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[path = "../reference/mod.rs"]
mod reference;

/// The shared reference folder's `alfworld/`, when this checkout has one beside it;
/// otherwise `None` after a `skipped:` line (and a failure under `CI=true`).
pub fn reference_dir() -> Option<PathBuf> {
    reference::path("alfworld")
}

/// The checked-in fixture folder.
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

/// Loads a game folder's `game.tw-pddl` with its `traj_data.json`.
pub fn load_game(path: &Path) -> Game {
    let json = std::fs::read_to_string(path).unwrap();
    let traj = std::fs::read_to_string(path.with_file_name("traj_data.json")).ok();
    Game::load(&json, traj.as_deref(), LoadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Plays every episode of `trace` (games resolved under `root`) and returns
/// (episodes, steps, failures).
pub fn replay(trace: &Path, root: &Path) -> (usize, usize, Vec<String>) {
    let text = std::fs::read_to_string(trace).unwrap();
    let mut failures = Vec::new();
    let (mut episodes, mut steps) = (0, 0);
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        episodes += 1;
        let ep: Value = serde_json::from_str(line).unwrap();
        let game = load_game(&root.join(ep["gamefile"].as_str().unwrap()));
        let mut env = GameEnv::new(game.clone(), game.wording());
        let recs = ep["steps"].as_array().unwrap();
        let intro = env.reset().to_string();
        let mut got = (intro, env.won(), false);
        for (i, rec) in recs.iter().enumerate() {
            if i > 0 {
                let action = rec["action"].as_str().unwrap();
                let out = env.step_text(action);
                got = (out.feedback.to_string(), out.won, out.done);
                steps += 1;
            }
            let mut bad = Vec::new();
            if rec["obs"].as_str() != Some(got.0.as_str()) {
                bad.push(format!("obs {:?} vs {:?}", rec["obs"], got.0));
            }
            if rec["won"].as_bool() != Some(got.1) || rec["done"].as_bool() != Some(got.2) {
                bad.push(format!(
                    "won/done {}/{} vs {}/{}",
                    rec["won"], rec["done"], got.1, got.2
                ));
            }
            let texts = env.admissible_texts();
            let want: Vec<&str> = rec["admissible_commands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            if texts != want {
                bad.push(format!("admissible {want:?} vs {texts:?}"));
            }
            if !bad.is_empty() {
                failures.push(format!("line {} step {i}: {}", n + 1, bad.join("; ")));
                break;
            }
        }
    }
    (episodes, steps, failures)
}
