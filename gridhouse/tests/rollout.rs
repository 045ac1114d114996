//! End-to-end tests of `gridhouse rollout`.

mod common;
use common::gridhouse;

#[test]
fn bot_rollout_json_has_every_field() {
    let (ok, stdout, stderr) = gridhouse(&[
        "rollout",
        "--env",
        "BabyAI-GoToLocal-v0",
        "--policy",
        "bot",
        "--episodes",
        "20",
        "--seed",
        "0",
        "--json",
    ]);
    assert!(ok, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    for field in [
        "success_rate",
        "mean_return",
        "mean_length",
        "median_length",
        "episodes",
        "steps_per_sec",
    ] {
        assert!(v[field].is_number(), "{field} missing in {stdout}");
    }
    assert_eq!(v["episodes"], 20);
    assert_eq!(v["success_rate"], 1.0);
    assert!(v["mean_return"].as_f64().unwrap() > 0.9);
}

#[test]
fn random_rollout_is_reproducible_text() {
    let args = [
        "rollout",
        "--env",
        "BabyAI-GoToRedBall-v0",
        "--policy",
        "random",
        "--episodes",
        "30",
        "--seed",
        "5",
    ];
    let (ok, a, _) = gridhouse(&args);
    let (_, b, _) = gridhouse(&args);
    assert!(ok);
    assert!(a.contains("success rate"));
    assert!(a.contains("steps/s"));
    let stats = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.contains("/s"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(stats(&a), stats(&b));
}

#[test]
fn unknown_level_is_one_clear_error() {
    let (ok, _, stderr) = gridhouse(&["rollout", "--env", "BabyAI-Nope-v0", "--episodes", "1"]);
    assert!(!ok);
    assert!(stderr.starts_with("gridhouse: error: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn balrog_tasks_roll_out() {
    for kind in ["goto", "open", "pick_up_seq_go_to"] {
        let id = format!("BabyAI-MixedTrainLocal-v0/{kind}");
        let (ok, stdout, stderr) =
            gridhouse(&["rollout", "--env", &id, "--episodes", "10", "--json"]);
        assert!(ok, "{stderr}");
        let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(v["success_rate"], 1.0, "{id}");
    }
}

#[test]
fn all_levels_one_line_each() {
    let (ok, stdout, stderr) = gridhouse(&["rollout", "--env", "all", "--episodes", "2", "--json"]);
    assert!(ok, "{stderr}");
    let n = babyai_core::LEVEL_IDS.len() + babyai_core::balrog::BALROG_TASKS.len();
    assert_eq!(stdout.lines().count(), n);
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["success_rate"].is_number(), "{line}");
    }
}
