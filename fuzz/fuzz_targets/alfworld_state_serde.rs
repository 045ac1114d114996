#![no_main]
//! State deserialisation (serde JSON of an ALFWorld `State`) on arbitrary bytes: a state that
//! deserialises is either refused by `GameEnv::restore` or plays without panicking.
use alfworld_core::{Game, GameEnv, LoadOptions, State};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

const GAME: &str = include_str!(
    "../../alfworld-core/tests/fixtures/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable/game.tw-pddl"
);

fn game() -> Arc<Game> {
    static G: OnceLock<Arc<Game>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Game::load(GAME, None, LoadOptions::default()).unwrap()))
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let Ok(state) = serde_json::from_slice::<State>(data) else {
        return;
    };
    let game = game();
    let dialect = game.wording();
    let mut env = GameEnv::new(game, dialect);
    env.reset();
    if env.restore(&state).is_err() {
        return;
    }
    assert_eq!(env.state(), &state);
    for i in 0..8 {
        let adm = env.admissible().to_vec();
        if adm.is_empty() {
            break;
        }
        let _ = env.step(adm[i % adm.len()]);
        let _ = env.admissible_texts();
    }
});
