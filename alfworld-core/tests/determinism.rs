//! Determinism: an episode is a pure function of the game and the commands. Golden digests
//! of fixed walks on the checked-in games are pinned; a clone and a serde round trip of a
//! mid-episode state (restored with `GameEnv::restore`) continue identically; a state from
//! another game is refused.

mod common;

use alfworld_core::testing::tiny_game_json;
use alfworld_core::{Game, GameEnv, State};

/// FNV-1a, 64 bit.
fn fnv(h: &mut u64, b: &[u8]) {
    for &x in b {
        *h = (*h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
}

fn fixture(name: &str) -> Game {
    common::load_game(
        &common::fixture_dir()
            .join("games")
            .join(name)
            .join("game.tw-pddl"),
    )
}

const GAMES: [&str; 2] = [
    "authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable",
    "authored_v03dialect/kitchen_pick_heat_then_place_in_recep-Potato-None-CounterTop",
];

/// Plays `n` steps choosing admissible command `x % len` from a fixed LCG stream, and
/// digests the intro, every feedback, `won`/`done` and every admissible list.
fn walk(env: &mut GameEnv, seed: u64, n: usize, h: &mut u64) {
    let mut x = seed;
    for _ in 0..n {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let adm = env.admissible();
        let cmd = adm[((x >> 33) as usize) % adm.len()];
        let out = env.step(cmd);
        fnv(h, out.feedback.as_bytes());
        fnv(h, &[u8::from(out.won), u8::from(out.done)]);
        for t in env.admissible_texts() {
            fnv(h, t.as_bytes());
            fnv(h, b"\n");
        }
    }
}

fn digest(game: &Game, seed: u64) -> u64 {
    let mut env = GameEnv::new(game.clone(), game.wording());
    let mut h = 0xcbf2_9ce4_8422_2325;
    fnv(&mut h, env.reset().as_bytes());
    walk(&mut env, seed, 80, &mut h);
    h
}

#[test]
fn golden_walk_digests_are_pinned() {
    let got: Vec<u64> = GAMES
        .iter()
        .flat_map(|g| {
            let game = fixture(g);
            [1, 2].map(|s| digest(&game, s))
        })
        .collect();
    assert_eq!(
        got, GOLDEN,
        "golden digests changed: review the engine's output"
    );
}

const GOLDEN: [u64; 4] = [
    3376377794651131329,
    885747976707970557,
    16173665860747441182,
    12278907388806588686,
];

#[test]
fn clone_and_serde_round_trip_continue_identically() {
    for g in GAMES {
        let game = fixture(g);
        for seed in [3, 4, 5] {
            let mut env = GameEnv::new(game.clone(), game.wording());
            env.reset();
            let mut ignore = 0;
            walk(&mut env, seed, 25, &mut ignore);
            let mut twin = env.clone();
            let saved = serde_json::to_string(env.state()).unwrap();
            let back: State = serde_json::from_str(&saved).unwrap();
            assert_eq!(&back, env.state());
            let mut resumed = GameEnv::new(game.clone(), game.wording());
            resumed.reset();
            resumed.restore(&back).unwrap();
            assert_eq!(resumed.won(), env.won());
            assert_eq!(resumed.admissible(), env.admissible());
            let (mut h1, mut h2, mut h3) = (0, 0, 0);
            walk(&mut env, seed + 10, 60, &mut h1);
            walk(&mut twin, seed + 10, 60, &mut h2);
            walk(&mut resumed, seed + 10, 60, &mut h3);
            assert_eq!(h1, h2);
            assert_eq!(h1, h3);
            assert_eq!(env.state(), resumed.state());
        }
    }
}

#[test]
fn a_state_of_another_game_is_refused() {
    let tiny = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let game = fixture(GAMES[0]);
    let mut env = GameEnv::new(game.clone(), game.wording());
    env.reset();
    let before = env.state().clone();
    let err = env.restore(tiny.initial_state()).unwrap_err();
    assert!(err.to_string().contains("does not fit"));
    assert_eq!(env.state(), &before);
    // A hand-edited save with an index out of range is refused too.
    let mut v = serde_json::to_value(env.state()).unwrap();
    v["held"] = serde_json::json!(60000);
    let bad: State = serde_json::from_value(v).unwrap();
    assert!(env.restore(&bad).is_err());
}
