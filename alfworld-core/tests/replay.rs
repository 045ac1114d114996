//! The reference traces recorded from ALFWorld 0.4.2, replayed step by step: intro, feedback,
//! the whole admissible list in order, `won` and `done`.
mod common;

use common::{fixture_dir, reference_dir, replay};

fn replay_reference(file: &str, min_episodes: usize) {
    let Some(dir) = reference_dir() else {
        return;
    };
    let (episodes, steps, failures) = replay(&dir.join(file), &dir);
    assert!(failures.is_empty(), "{file}: {failures:#?}");
    assert!(episodes >= min_episodes, "{file}: only {episodes} episodes");
    eprintln!("{file}: {episodes} episodes, {steps} steps, all identical");
}

#[test]
fn traces_v042() {
    replay_reference("traces.jsonl", 32);
}

#[test]
fn traces_v03_dialect() {
    replay_reference("traces_v03dialect.jsonl", 21);
}

#[test]
fn traces_extra() {
    replay_reference("traces_extra.jsonl", 2);
}

#[test]
fn checked_in_fixture() {
    let dir = fixture_dir();
    let (episodes, steps, failures) = replay(&dir.join("traces_extra.jsonl"), &dir);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!((episodes, steps), (2, 44));
}
