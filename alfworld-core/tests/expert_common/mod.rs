//! Games and drivers shared by the expert tests.
#![allow(dead_code)]

use alfworld_core::expert::{Oracle, Searcher};
use alfworld_core::generator::{GeneratedGame, Wording, export};
use alfworld_core::{Command, Game, GameEnv, LoadOptions};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::PathBuf;

/// ALFWorld's evaluation budget.
pub const BUDGET: u32 = 50;

#[path = "../reference/mod.rs"]
mod reference;

/// The authored reference games of both wordings, `(name, game)`, or none (after a
/// `skipped:` line; a failure under `CI=true`) when the shared folder is not beside this
/// checkout.
pub fn reference_games() -> Vec<(String, Game)> {
    let Some(root) = reference::path("alfworld/games") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for set in ["authored_v042", "authored_v03dialect"] {
        let Ok(dir) = std::fs::read_dir(root.join(set)) else {
            continue;
        };
        let mut names: Vec<PathBuf> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        names.sort();
        for d in names {
            let json = std::fs::read_to_string(d.join("game.tw-pddl")).unwrap();
            let traj = std::fs::read_to_string(d.join("traj_data.json")).ok();
            let game = Game::load(&json, traj.as_deref(), LoadOptions::default()).unwrap();
            let name = format!("{set}/{}", d.file_name().unwrap().to_string_lossy());
            out.push((name, game));
        }
    }
    out
}

/// A generated game exported in `wording` and loaded back through the engine.
pub fn load_generated(g: &GeneratedGame, wording: Wording) -> Game {
    let json = export::tw_pddl_json(g, wording).to_string();
    let traj = export::traj_data_json(g).to_string();
    Game::load(&json, Some(&traj), LoadOptions::default()).unwrap()
}

/// An env on `game` in its own wording, reset.
pub fn env_of(game: &Game) -> GameEnv {
    let mut env = GameEnv::new(game.clone(), game.wording());
    env.reset();
    env
}

/// Plays `k` uniformly random admissible commands (ChaCha8 seeded with `seed`), feeding each
/// step to `observe`.
pub fn wander(env: &mut GameEnv, k: usize, seed: u64, mut observe: impl FnMut(&GameEnv, Command)) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for _ in 0..k {
        let adm = env.admissible();
        let cmd = adm[rng.random_range(0..adm.len())];
        let _ = env.step(cmd);
        observe(env, cmd);
    }
}

/// Plays the oracle until won or `budget` steps; checks each command is admissible and the
/// plan shortens by exactly one per step. Returns the steps taken when won.
pub fn oracle_episode(env: &mut GameEnv, budget: u32) -> Result<u32, String> {
    let mut oracle = Oracle::new(env.game()).map_err(|e| e.to_string())?;
    let mut last: Option<usize> = None;
    for k in 0..budget {
        if env.won() {
            return Ok(k);
        }
        let len = oracle.plan(env.game(), env.state()).len();
        if len == 0 {
            return Err(format!("no plan after {k} steps"));
        }
        if let Some(prev) = last
            && len + 1 != prev
        {
            return Err(format!("plan went from {prev} to {len} steps"));
        }
        last = Some(len);
        let cmd = oracle.next(env.game(), env.state()).unwrap();
        if !env.admissible().contains(&cmd) {
            return Err(format!("{cmd:?} not admissible"));
        }
        let _ = env.step(cmd);
    }
    if env.won() {
        Ok(budget)
    } else {
        Err(format!("not won in {budget} steps"))
    }
}

/// Plays the searcher (which has observed `seen` so far) until won or `budget` steps; returns
/// the steps when won.
pub fn searcher_episode(env: &mut GameEnv, searcher: &mut Searcher, budget: u32) -> Option<u32> {
    for k in 0..budget {
        if env.won() {
            return Some(k);
        }
        let cmd = searcher.act(env);
        assert!(env.admissible().contains(&cmd), "{cmd:?} not admissible");
        let out = env.step(cmd);
        let fb = out.feedback.to_string();
        searcher.observe(env.game(), cmd, &fb);
    }
    env.won().then_some(budget)
}
