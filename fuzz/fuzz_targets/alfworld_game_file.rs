#![no_main]
//! The whole game-file loader on arbitrary bytes: the input is `game.tw-pddl` JSON, then
//! optionally a NUL byte and a `traj_data.json`. Never panics; whatever loads plays.
use alfworld_core::{Game, GameEnv, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
