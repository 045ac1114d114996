//! Replays every input under `fuzz/regressions/<target>/` through the same code path as the
//! fuzz target, as an ordinary test: each is a bug that was found and fixed, and must stay
//! fixed (no panic, no hang).
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no regression inputs for {target}");
    v
}

/// `fuzz_targets/babyai_state_serde.rs`.
fn babyai_state_serde(data: &[u8]) {
    use babyai_core::{ACTIONS, BabyEnv};
    let Ok(mut env) = serde_json::from_slice::<BabyEnv>(data) else {
        return;
    };
    assert!(env.validate().is_ok());
    let mut obs = [0u8; 147];
    let mut text = String::new();
    for a in ACTIONS.into_iter().chain(ACTIONS) {
        let _ = env.step(a);
        env.observe(&mut obs);
        text.clear();
        env.balrog_text(&mut text);
    }
}

/// `fuzz_targets/alfworld_game_file.rs`.
fn alfworld_game_file(data: &[u8]) {
    use alfworld_core::{Game, GameEnv, LoadOptions};
    let (game, traj) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let game = String::from_utf8_lossy(game);
    let traj = traj.map(String::from_utf8_lossy);
    if let Ok(g) = Game::load(&game, traj.as_deref(), LoadOptions::default()) {
        let dialect = g.wording();
        let mut env = GameEnv::new(g, dialect);
        env.reset();
        for i in 0..6 {
            let adm = env.admissible().to_vec();
            if adm.is_empty() {
                break;
            }
            let _ = env.step(adm[i % adm.len()]);
        }
    }
}

#[test]
fn babyai_state_serde_regressions() {
    for p in inputs("babyai_state_serde") {
        babyai_state_serde(&std::fs::read(&p).unwrap());
    }
}

#[test]
fn alfworld_game_file_regressions() {
    for p in inputs("alfworld_game_file") {
        let data = std::fs::read(&p).unwrap();
        alfworld_game_file(&data);
    }
    // The exponential goal took seconds per step before the bound; now it is refused.
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions/alfworld_game_file/exponential_goal");
    let json = std::fs::read_to_string(p).unwrap();
    let err = alfworld_core::Game::from_tw_pddl(&json).unwrap_err();
    assert!(err.to_string().contains("goal too expensive"), "{err}");
}
