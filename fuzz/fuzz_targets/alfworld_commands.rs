#![no_main]
//! Arbitrary command text never panics, and a refused command changes nothing.
use alfworld_core::testing::tiny_game_json;
use alfworld_core::{Game, GameEnv, Wording};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

/// Loaded once: the target exercises the command parser, not the loader.
fn game() -> Arc<Game> {
    static G: OnceLock<Arc<Game>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Game::from_tw_pddl(&tiny_game_json()).unwrap()))
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let mut env = GameEnv::new(game(), Wording::V042);
    env.set_lenient(data.first().is_some_and(|b| b & 1 == 1));
    env.reset();
    for line in String::from_utf8_lossy(data).split('\n') {
        let before = env.state().clone();
        let out = env.step_text(line);
        if out.feedback == "Nothing happens." {
            assert_eq!(&before, env.state());
        }
    }
});
