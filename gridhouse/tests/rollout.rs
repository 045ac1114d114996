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
    let v: serde_json::Value = serde_json::from_str(stdout.trim().lines().last().unwrap_or(""))
        .expect("a JSON summary line");
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
        let v: serde_json::Value =
            serde_json::from_str(stdout.trim().lines().last().unwrap()).unwrap();
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

#[test]
fn json_prints_one_line_per_episode_then_the_summary() {
    let (ok, stdout, stderr) = gridhouse(&[
        "rollout",
        "--env",
        "alfworld/valid_seen",
        "--policy",
        "expert",
        "--episodes",
        "3",
        "--seed",
        "138",
        "--json",
    ]);
    assert!(ok, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let games: Vec<u64> = lines[..3]
        .iter()
        .map(|v| v["game_index"].as_u64().unwrap())
        .collect();
    assert_eq!(games, [138, 139, 0], "seed picks game seed % 140");
    for v in &lines[..3] {
        assert_eq!(v["env"], "alfworld/valid_seen");
        assert_eq!(v["success"], true);
        assert!(v["length"].as_u64().unwrap() > 0);
    }
    assert_eq!(lines[3]["summary"], true);
    assert_eq!(lines[3]["episodes"], 3);
}

#[test]
fn hostile_rollout_arguments_are_refused() {
    for args in [
        &[
            "rollout",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--episodes",
            "18446744073709551615",
        ][..],
        &[
            "rollout",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--episodes",
            "1000000000000",
        ],
        &["rollout", "--env", "BabyAI-GoToLocal-v0", "--episodes", "0"],
        &[
            "rollout",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--seed",
            "18446744073709551615",
            "--episodes",
            "2",
        ],
        &[
            "rollout",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--max-steps",
            "5",
        ],
        &["rollout", "--env", "alfworld/train", "--max-steps", "0"],
        &["rollout"],
    ] {
        let (ok, _, stderr) = gridhouse(args);
        assert!(!ok, "{args:?} was accepted");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.is_empty(), "{args:?}: no message");
    }
    let (ok, stdout, _) = gridhouse(&[
        "rollout",
        "--env",
        "BabyAI-GoToLocal-v0",
        "--seed",
        "18446744073709551614",
        "--episodes",
        "2",
    ]);
    assert!(ok);
    assert!(
        stdout.contains("seeds 18446744073709551614..=18446744073709551615"),
        "{stdout}"
    );
}
