#![no_main]
//! Arbitrary command text never panics, and a refused command changes nothing.
use alfworld_core::testing::tiny_game_json;
use alfworld_core::{Dialect, Env, Game};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut env = Env::new(game, Dialect::V042);
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
