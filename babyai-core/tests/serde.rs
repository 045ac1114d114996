//! A serialised env resumes identically (`--features serde`).
#![cfg(feature = "serde")]

use babyai_core::trace::parse_episode;
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, BabyEnv};

#[test]
fn a_saved_env_resumes_identically() {
    let fixture = include_str!("fixtures/traces_small.jsonl");
    for line in fixture.lines() {
        let ep = parse_episode(line).unwrap();
        let mut env = BabyEnv::from_recorded_state(&ep.state).unwrap();
        for k in 0..20 {
            let _ = env.step(ACTIONS[(k * 5 + 3) % 7]);
        }
        let saved = serde_json::to_string(&env).unwrap();
        let mut back: BabyEnv = serde_json::from_str(&saved).unwrap();
        assert_eq!(back, env);
        let (mut a, mut b) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
        for k in 0..50 {
            let action = ACTIONS[(k * 3 + 1) % 7];
            assert_eq!(env.step(action), back.step(action));
            env.observe(&mut a);
            back.observe(&mut b);
            assert_eq!(a, b);
        }
    }
}
