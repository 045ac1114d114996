#![no_main]
//! State deserialisation (serde JSON of a whole `BabyEnv`, a save file) on arbitrary bytes:
//! deserialisation validates (`BabyEnv::validate`), so whatever deserialises steps and
//! renders without panicking.
use babyai_core::{ACTIONS, BabyEnv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
