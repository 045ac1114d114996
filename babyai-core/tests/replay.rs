//! Replays of Minigrid 3.2.0 recordings from their recorded states.

use babyai_core::trace::{parse_episode, replay_from_state};

const FIXTURE: &str = include_str!("fixtures/traces_small.jsonl");
mod reference;

/// Replays every line, returning (passed, failures).
fn replay_all(text: &str) -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match parse_episode(line)
            .map_err(|e| e.to_string())
            .and_then(|ep| {
                replay_from_state(&ep).map_err(|e| format!("{} seed {}: {e}", ep.env_id, ep.seed))
            }) {
            Ok(_) => passed += 1,
            Err(e) => failures.push(format!("line {}: {e}", i + 1)),
        }
    }
    (passed, failures)
}

#[test]
fn checked_in_fixture_replays_identically() {
    let (passed, failures) = replay_all(FIXTURE);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(passed, 12);
}

#[test]
fn all_public_traces_replay_identically() {
    let Some(text) = reference::read("babyai/public_traces.jsonl") else {
        return;
    };
    let (passed, failures) = replay_all(&text);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(passed, 287);
}

#[test]
fn balrog_mixed_train_local_episodes_replay_identically() {
    let Some(text) = reference::read("babyai/mixed_public.jsonl") else {
        return;
    };
    let (passed, failures) = replay_all(&text);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(passed, 200);
}

#[test]
fn a_changed_recording_is_reported_at_its_first_mismatch() {
    let line = FIXTURE.lines().next().unwrap();
    let mut ep = parse_episode(line).unwrap();
    ep.steps[1].reward += 0.5;
    let err = replay_from_state(&ep).unwrap_err().to_string();
    assert!(err.starts_with("step 1: reward expected"), "{err}");
    let mut ep = parse_episode(line).unwrap();
    ep.steps[0].image[0] ^= 1;
    let err = replay_from_state(&ep).unwrap_err().to_string();
    assert!(err.starts_with("step 0: image expected"), "{err}");
}

#[test]
fn malformed_lines_are_typed_errors() {
    for bad in [
        "",
        "{",
        "[]",
        "{\"env_id\": 3}",
        "{\"env_id\": \"BabyAI-Nope-v0\"}",
        "{\"env_id\": \"BabyAI-GoToLocal-v0\", \"seed\": 0}",
    ] {
        let e = parse_episode(bad).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
    // A truncated real line.
    let line = FIXTURE.lines().next().unwrap();
    assert!(parse_episode(&line[..line.len() / 2]).is_err());
}
