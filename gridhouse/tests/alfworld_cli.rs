//! End-to-end tests of the ALFWorld commands: rollout on task sets and game folders, play with
//! piped commands, export.

mod common;
mod reference;
use common::gridhouse_with_input as gridhouse;

fn rollout_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["rollout"];
    all.extend_from_slice(args);
    all.push("--json");
    let (ok, stdout, stderr) = gridhouse(&all, "");
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
    v
}

#[test]
fn expert_wins_every_valid_unseen_game() {
    let v = rollout_json(&[
        "--env",
        "alfworld/valid_unseen",
        "--policy",
        "expert",
        "--episodes",
        "134",
    ]);
    assert_eq!(v["success_rate"], 1.0);
    assert!(v["mean_length"].as_f64().unwrap() < 20.0);
}

#[test]
fn searcher_and_random_on_a_task_type_in_the_old_wording() {
    let v = rollout_json(&[
        "--env",
        "alfworld/valid_seen/pick_two_obj_and_place",
        "--policy",
        "searcher",
        "--episodes",
        "24",
        "--dialect",
        "0.3",
    ]);
    assert!(v["success_rate"].as_f64().unwrap() >= 0.9, "{v}");
    let v = rollout_json(&[
        "--env",
        "alfworld/valid_seen/1",
        "--policy",
        "random",
        "--episodes",
        "5",
        "--seed",
        "33",
    ]);
    // Episode k plays game 33 + k, wrapping around the 35 games; 50 steps at most.
    assert!(v["mean_length"].as_f64().unwrap() <= 50.0);
    assert_eq!(v["episodes"], 5);
}

#[test]
fn rollout_on_the_reference_game_folders() {
    let Some(dir) = reference::path("alfworld/games/authored_v03dialect") else {
        return;
    };
    let dir = dir.to_str().expect("a UTF-8 path");
    for policy in ["expert", "searcher"] {
        let v = rollout_json(&["--games", dir, "--policy", policy, "--episodes", "7"]);
        assert_eq!(v["success_rate"], 1.0, "{policy}: {v}");
    }
    let env = format!("alfworld-dir:{dir}");
    let v = rollout_json(&["--env", &env, "--policy", "expert", "--episodes", "14"]);
    assert_eq!(v["success_rate"], 1.0);
}

#[test]
fn bad_alfworld_ids_fail_cleanly() {
    let (ok, _, stderr) = gridhouse(&["rollout", "--env", "alfworld/nope"], "");
    assert!(!ok);
    assert!(
        stderr.contains("unknown env id \"alfworld/nope\""),
        "{stderr}"
    );
    let (ok, _, stderr) = gridhouse(&["rollout", "--games", "/nonexistent-gridhouse"], "");
    assert!(!ok);
    assert!(stderr.contains("cannot read"), "{stderr}");
    let (ok, _, stderr) = gridhouse(
        &["play", "--env", "alfworld/valid_seen", "--index", "140"],
        "",
    );
    assert!(!ok);
    assert!(stderr.contains("no index 140"), "{stderr}");
}

#[test]
fn export_then_play_the_walkthrough_by_hand() {
    let dir = std::env::temp_dir().join(format!("gridhouse-export-{}", std::process::id()));
    let out = dir.to_string_lossy().to_string();
    let (ok, stdout, stderr) = gridhouse(
        &[
            "export",
            "alfworld",
            "--set",
            "valid_seen",
            "--index",
            "3",
            "--out",
            &out,
            "--dialect",
            "0.3",
        ],
        "",
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("wrote"), "{stdout}");
    let file = dir.join("game.tw-pddl");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let walk: Vec<String> = json["walkthrough"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert!(walk.iter().any(|c| c.starts_with("put ")), "{walk:?}");
    let input = format!("admissible\nhelp\n{}\n", walk.join("\n"));
    let path = file.to_string_lossy().to_string();
    let (won, stdout, _) = gridhouse(&["play", "--game", &path], &input);
    assert!(won, "{stdout}");
    assert!(stdout.contains("Welcome to TextWorld, ALFRED!"));
    assert!(stdout.contains("You won in"), "{stdout}");
    // The same game from the task set, in the same wording, plays identically.
    let (won2, stdout2, _) = gridhouse(
        &[
            "play",
            "--env",
            "alfworld/valid_seen",
            "--index",
            "3",
            "--dialect",
            "0.3",
        ],
        &input,
    );
    assert!(won2);
    assert_eq!(stdout, stdout2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn play_lists_admissible_commands_and_quits() {
    let (won, stdout, _) = gridhouse(
        &["play", "--env", "alfworld/train", "--index", "0"],
        "admissible\nlook\nquit\n",
    );
    assert!(!won);
    assert!(stdout.contains("  inventory\n"), "{stdout}");
    assert!(stdout.contains("> look\n"), "{stdout}");
    assert!(stdout.contains("quit after 1 step"), "{stdout}");
}

#[test]
fn list_shows_the_task_sets() {
    let (ok, stdout, _) = gridhouse(&["list", "--engine", "alfworld"], "");
    assert!(ok);
    assert!(stdout.contains("alfworld/valid_unseen/pick_two_obj_and_place"));
    assert!(stdout.contains("3553 games generated in ALFRED's style"));
}

/// A folder run reports a bad or unsolvable game by path, skips it and counts it; `--strict`
/// stops instead.
#[test]
fn folder_runs_skip_bad_games_unless_strict() {
    let fixtures = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alfworld-core/tests/fixtures"
    );
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("folder_skip");
    let _ = std::fs::remove_dir_all(&dir);
    let good = format!(
        "{fixtures}/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable"
    );
    let unsolvable = format!(
        "{fixtures}/unsolvable/bedroom_pick_and_place_simple-Book-None-Bed_UNSOLVABLE-canContain"
    );
    for (name, src) in [
        ("a_good", good.as_str()),
        ("c_unsolvable", unsolvable.as_str()),
    ] {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).unwrap();
        for f in ["game.tw-pddl", "traj_data.json"] {
            let from = std::path::Path::new(src).join(f);
            if from.exists() {
                std::fs::copy(&from, d.join(f)).unwrap();
            }
        }
    }
    let broken = dir.join("b_broken");
    // A broken game first in the folder must not make the folder unusable.
    let first = dir.join("0_broken");
    std::fs::create_dir_all(&first).unwrap();
    std::fs::write(first.join("game.tw-pddl"), "[]").unwrap();
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("game.tw-pddl"), "{ not json").unwrap();
    let d = dir.to_str().unwrap();
    let (ok, stdout, stderr) = gridhouse(
        &[
            "rollout",
            "--games",
            d,
            "--policy",
            "expert",
            "--episodes",
            "4",
        ],
        "",
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("skipped        3"), "{stdout}");
    assert!(stderr.contains("0_broken/game.tw-pddl"), "{stderr}");
    assert!(stdout.contains("episodes       1"), "{stdout}");
    assert!(stderr.contains("b_broken/game.tw-pddl"), "{stderr}");
    assert!(stderr.contains("c_unsolvable"), "{stderr}");
    let (ok, _, stderr) = gridhouse(
        &[
            "rollout",
            "--games",
            d,
            "--policy",
            "expert",
            "--episodes",
            "4",
            "--strict",
        ],
        "",
    );
    assert!(!ok);
    assert!(stderr.contains("0_broken/game.tw-pddl"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
