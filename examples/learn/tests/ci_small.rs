//! CI's small version of the learning curve: a few hundred bot demonstrations, a short
//! training run, and held-out seeds on which the trained policy must clearly beat a
//! uniformly random policy (measured on the same seeds in the same test).
//!
//! candle sizes its thread pool from `CANDLE_NUM_THREADS`/`RAYON_NUM_THREADS` once per
//! process; like the binary, each test runs its body in a child process of this test binary
//! with both set to 1 (the thread pool spins, which costs a lot on a busy 2-core machine).

use std::process::Command;

use gridhouse_learn::curve::{Config, run_task};
use gridhouse_learn::demos::{self, HELD_OUT_SEED_BASE};
use gridhouse_learn::encode::Batch;
use gridhouse_learn::model::{self, TrainConfig};
use gridhouse_learn::task::{ObsKind, Task};

/// Runs test `name` again in a child with one candle thread unless this process already is
/// that child; returns whether the caller should run the body itself.
fn in_single_threaded_child(name: &str) -> bool {
    if std::env::var_os("GRIDHOUSE_LEARN_CHILD").is_some() {
        return true;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let status = Command::new(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env("GRIDHOUSE_LEARN_CHILD", "1")
        .env("CANDLE_NUM_THREADS", "1")
        .env("RAYON_NUM_THREADS", "1")
        .status()
        .expect("run the test in a child process");
    assert!(status.success(), "{name} failed in the child process");
    false
}

fn beats_random(task: Task, demos: usize, margin: f64) {
    let cfg = Config {
        episodes: 400,
        train: TrainConfig {
            min_steps: 200,
            max_steps: 600,
            ..TrainConfig::default()
        },
        ..Config::quick()
    };
    let curve = run_task(&task, &[demos], &cfg).expect("run the task");
    let p = curve.points[0];
    let (lo, _) = p.success.wilson95();
    let (_, random_hi) = curve.random.wilson95();
    println!(
        "{}: {demos} demos ({} bot steps, {} train steps, loss {:.3}): success {:.3}, random {:.3}",
        task.label(),
        p.samples,
        p.train_steps,
        p.final_loss,
        p.success.rate(),
        curve.random.rate()
    );
    assert_eq!(p.success.episodes, 400);
    assert!(
        p.success.rate() >= curve.random.rate() + margin,
        "trained {:.3} does not beat random {:.3} by {margin}",
        p.success.rate(),
        curve.random.rate()
    );
    assert!(
        lo > random_hi,
        "intervals overlap: trained low {lo:.3}, random high {random_hi:.3}"
    );
}

#[test]
fn image_policy_beats_random_on_held_out_seeds() {
    if in_single_threaded_child("image_policy_beats_random_on_held_out_seeds") {
        beats_random(Task::image("BabyAI-GoToRedBallGrey-v0"), 300, 0.3);
    }
}

#[test]
fn text_policy_beats_random_on_held_out_seeds() {
    if in_single_threaded_child("text_policy_beats_random_on_held_out_seeds") {
        beats_random(Task::text("BabyAI-MixedTrainLocal-v0/putnext"), 300, 0.2);
    }
}

#[test]
fn demos_use_training_seeds_only_and_succeed() {
    let set = demos::generate(&Task::text("BabyAI-MixedTrainLocal-v0/open"), 50).unwrap();
    assert_eq!(set.demos.len(), 50);
    assert!(set.seeds_tried >= 50);
    for d in &set.demos {
        assert!(d.seed < HELD_OUT_SEED_BASE);
        assert!(!d.steps.is_empty() && !d.steps[0].text.is_empty());
        assert!(d.mission.contains("door"), "{}", d.mission);
    }
    // Seeds are consecutive from 0, failures skipped, never repeated.
    assert!(set.demos.windows(2).all(|w| w[0].seed < w[1].seed));
}

#[test]
fn training_is_deterministic() {
    let set = demos::generate(&Task::image("BabyAI-GoToLocal-v0"), 20).unwrap();
    let cfg = TrainConfig {
        min_steps: 30,
        max_steps: 30,
        ..TrainConfig::default()
    };
    let (a, ra) = model::train(ObsKind::Image, &set.demos, &cfg).unwrap();
    let (b, rb) = model::train(ObsKind::Image, &set.demos, &cfg).unwrap();
    assert_eq!(ra, rb);
    let mut batch = Batch::default();
    let s = &set.demos[3].steps[0];
    batch.push(
        &a.layout,
        &a.vocab,
        &set.demos[3].mission,
        &s.image,
        &s.text,
    );
    let (pa, pb) = (a.probs(&batch).unwrap(), b.probs(&batch).unwrap());
    assert_eq!(pa, pb);
    assert!((pa.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    // A different seed gives a different network.
    let (c, _) =
        model::train(ObsKind::Image, &set.demos, &TrainConfig { seed: 21, ..cfg }).unwrap();
    assert_ne!(c.probs(&batch).unwrap(), pa);
}

#[test]
fn unknown_level_is_a_typed_error() {
    let err = demos::generate(&Task::image("BabyAI-NoSuchLevel-v0"), 1).unwrap_err();
    assert!(err.to_string().contains("BabyAI-NoSuchLevel-v0"));
}
