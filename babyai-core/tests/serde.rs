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

/// Level envs (composite missions: sequences, conjunctions, walls matched by "object")
/// round-trip too, mid-episode.
#[test]
fn level_envs_round_trip() {
    for id in babyai_core::LEVEL_IDS {
        let mut level = babyai_core::make(id).unwrap();
        level.reset(3);
        let mut env = level.env().clone();
        for k in 0..30 {
            let _ = env.step(ACTIONS[(k * 5 + 2) % 7]);
        }
        let saved = serde_json::to_string(&env).unwrap();
        let back: BabyEnv = serde_json::from_str(&saved).unwrap();
        assert_eq!(back, env, "{id}");
    }
}

/// A saved verifier whose node list is empty, or whose links or match ranges point outside
/// its lists, is a deserialisation error (never an env that panics when stepped).
#[test]
fn malformed_verifiers_are_errors() {
    let mut level = babyai_core::make("BabyAI-BossLevel-v0").unwrap();
    level.reset(0);
    let saved = serde_json::to_value(level.env()).unwrap();
    assert!(serde_json::from_value::<BabyEnv>(saved.clone()).is_ok());
    let tamper = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = saved.clone();
        f(&mut v["verifier"]);
        serde_json::from_value::<BabyEnv>(v)
    };
    let empty = tamper(&|v| v["nodes"] = serde_json::json!([]));
    assert!(
        empty
            .unwrap_err()
            .to_string()
            .contains("malformed verifier")
    );
    // Every link and range pushed out of its list.
    let far = tamper(&|v| {
        for node in v["nodes"].as_array_mut().unwrap() {
            for (_, fields) in node.as_object_mut().unwrap() {
                let o = fields.as_object_mut().unwrap();
                if o.contains_key("start") {
                    // `GoTo`'s bound.
                    o["start"] = serde_json::json!(60000);
                }
                for key in ["a", "b"] {
                    if o.get(key).is_some_and(|x| x.is_u64()) {
                        o[key] = serde_json::json!(60000);
                    }
                }
                for key in ["b", "moved", "fixed"] {
                    if let Some(b) = o.get_mut(key).and_then(|b| b.as_object_mut()) {
                        b["start"] = serde_json::json!(60000);
                    }
                }
            }
        }
    });
    assert!(far.is_err());
    let bad_obj = tamper(&|v| {
        v["entries"] = serde_json::json!([{ "x": 1, "y": 1, "who": 200 }]);
    });
    assert!(bad_obj.is_err());
}
