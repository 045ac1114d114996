#![no_main]
//! Loading arbitrary PDDL problem text (inside the tiny game) never panics; whatever loads
//! plays a few admissible steps without panicking.
use alfworld_core::testing::{TINY_DOMAIN, TINY_GRAMMAR, tw_pddl_json};
use alfworld_core::{Game, GameEnv, Wording};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let problem = String::from_utf8_lossy(data);
    let _ = alfworld_core::pddl::parse_problem(&problem);
    let _ = alfworld_core::pddl::parse_domain(&problem);
    if let Ok(game) = Game::from_tw_pddl(&tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, &problem)) {
        let mut env = GameEnv::new(game, Wording::V042);
        env.reset();
        for i in 0..8 {
            let adm = env.admissible().to_vec();
            if adm.is_empty() {
                break;
            }
            let _ = env.step(adm[i % adm.len()]);
        }
    }
});
