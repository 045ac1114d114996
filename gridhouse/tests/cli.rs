//! End-to-end tests of the `gridhouse` binary.
use std::process::Command;

mod common;
mod reference;
use common::gridhouse;

#[test]
fn list_prints_one_line_per_registered_id() {
    let (ok, stdout, _) = gridhouse(&["list"]);
    assert!(ok);
    let n = babyai_core::LEVEL_IDS.len()
        + babyai_core::balrog::BALROG_TASKS.len()
        + alfworld_core::ENV_IDS.len();
    if n == 0 {
        assert!(stdout.contains("no envs registered"));
    } else {
        assert_eq!(stdout.lines().count(), n);
    }
}

#[test]
fn help_shows_examples() {
    let (ok, stdout, _) = gridhouse(&["--help"]);
    assert!(ok);
    assert!(stdout.contains("Examples:"));
    assert!(stdout.contains("gridhouse list"));
}

#[test]
fn unknown_subcommand_fails_cleanly() {
    let (ok, _, stderr) = gridhouse(&["frobnicate"]);
    assert!(!ok);
    assert!(stderr.contains("frobnicate"));
    assert!(!stderr.contains("panicked"));
}

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../babyai-core/tests/fixtures/resets_sample.jsonl"
);

#[test]
fn list_shows_babyai_size_and_max_steps() {
    let (ok, stdout, _) = gridhouse(&["list", "--engine", "babyai"]);
    assert!(ok);
    assert_eq!(
        stdout.lines().count(),
        96 + 5,
        "96 Minigrid levels and BALROG's 5 tasks"
    );
    assert!(stdout.contains("BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to "));
    let line = stdout
        .lines()
        .find(|l| l.starts_with("BabyAI-KeyCorridorS3R1-v0 "))
        .expect("KeyCorridorS3R1 listed");
    assert!(line.contains("7x3"), "{line}");
    assert!(line.contains("max_steps 270"), "{line}");
}

#[test]
fn replay_from_seed_passes_the_reset_sample() {
    let (ok, stdout, _) = gridhouse(&["replay", "babyai", SAMPLE]);
    assert!(ok, "{stdout}");
    assert_eq!(stdout.lines().last(), Some("192 passed, 0 failed"));
}

#[test]
fn replay_from_seed_reports_the_first_differing_cell() {
    let line = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .replacen("[[[2,5,0],[2,5,0]", "[[[2,5,0],[2,4,0]", 1);
    let dir = std::env::temp_dir().join(format!("gridhouse-cli-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let (ok, stdout, _) = gridhouse(&["replay", "babyai", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!ok);
    assert!(
        stdout.contains("grid cell (1, 0) color: expected [2, 4, 0], got [2, 5, 0]"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("0 passed, 1 failed"));
}

const BABYAI_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../babyai-core/tests/fixtures/traces_small.jsonl"
);

#[test]
fn replay_babyai_fixture_passes_with_a_summary() {
    let (ok, stdout, _) = gridhouse(&["replay", "babyai", BABYAI_FIXTURE, "--from-state"]);
    assert!(ok, "{stdout}");
    assert_eq!(stdout.lines().last(), Some("12 passed, 0 failed"));
    assert!(stdout.contains("BabyAI-KeyInBox-v0"));
}

#[test]
fn replay_reports_malformed_lines_and_mismatches_and_fails() {
    let fixture = std::fs::read_to_string(BABYAI_FIXTURE).unwrap();
    let first = fixture.lines().next().unwrap();
    // Corrupt one reward of a good episode (a mismatch) and add a broken line.
    let changed = first.replacen("\"reward\":0.0", "\"reward\":0.5", 1);
    assert_ne!(changed, first);
    let text = format!("{first}\n{{\"env_id\": 1}}\n{changed}\nnot json\n");
    let dir = std::env::temp_dir().join(format!("gridhouse-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.jsonl");
    std::fs::write(&path, text).unwrap();
    let (ok, stdout, _) = gridhouse(&["replay", "babyai", path.to_str().unwrap(), "--from-state"]);
    std::fs::remove_dir_all(&dir).ok();
    assert!(!ok);
    assert!(stdout.contains("line 2: malformed episode"), "{stdout}");
    assert!(stdout.contains("line 4: malformed episode"), "{stdout}");
    assert!(
        stdout.contains("(line 3): step 0: reward expected 0.5, got 0"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("1 passed, 3 failed"));
}

#[test]
fn replay_of_a_missing_file_is_a_clear_error() {
    let (ok, _, stderr) = gridhouse(&["replay", "babyai", "no/such/file.jsonl", "--from-state"]);
    assert!(!ok);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../alfworld-core/tests/fixtures"
);

#[test]
fn replay_alfworld_passes_the_checked_in_fixture() {
    let trace = format!("{FIXTURES}/traces_extra.jsonl");
    let (ok, stdout, stderr) = gridhouse(&["replay", "alfworld", &trace, "--games", FIXTURES]);
    assert!(ok, "{stdout}\n{stderr}");
    assert_eq!(stdout.lines().last(), Some("2 passed, 0 failed"));
}

#[test]
fn replay_alfworld_passes_every_reference_trace() {
    let Some(dir) = reference::path("alfworld") else {
        return;
    };
    let dir = dir.to_str().expect("a UTF-8 path");
    for (file, n) in [
        ("traces.jsonl", 32),
        ("traces_v03dialect.jsonl", 21),
        ("traces_extra.jsonl", 2),
    ] {
        let trace = format!("{dir}/{file}");
        let games = format!("{dir}/games");
        let (ok, stdout, stderr) = gridhouse(&["replay", "alfworld", &trace, "--games", &games]);
        assert!(ok, "{file}: {stdout}\n{stderr}");
        assert_eq!(
            stdout.lines().last(),
            Some(format!("{n} passed, 0 failed").as_str())
        );
    }
}

#[test]
fn replay_alfworld_reports_the_first_mismatch() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/traces_extra.jsonl")).unwrap();
    let changed = text.replacen("You pick up the knife 1", "You pick up the spoon 1", 1);
    let dir = std::env::temp_dir().join(format!("gridhouse-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let trace = dir.join("changed.jsonl");
    std::fs::write(&trace, format!("{changed}{{not json\n")).unwrap();
    let (ok, stdout, stderr) = gridhouse(&[
        "replay",
        "alfworld",
        trace.to_str().unwrap(),
        "--games",
        FIXTURES,
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!ok);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("feedback differs"), "{stdout}");
    assert!(
        stdout.contains("expected \"You pick up the spoon 1"),
        "{stdout}"
    );
    assert!(stdout.contains("not valid JSON"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 2 failed"));
}

#[test]
fn replay_alfworld_missing_files_fail_cleanly() {
    let (ok, _, stderr) = gridhouse(&[
        "replay",
        "alfworld",
        "/no/such/file.jsonl",
        "--games",
        FIXTURES,
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("cannot read /no/such/file.jsonl"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    let trace = format!("{FIXTURES}/traces_extra.jsonl");
    let (ok, stdout, stderr) = gridhouse(&["replay", "alfworld", &trace, "--games", "/"]);
    assert!(!ok);
    assert!(stdout.contains("game file not found under /"), "{stdout}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bench_reports_rates_as_json_lines() {
    let (ok, stdout, stderr) = gridhouse(&[
        "bench",
        "--env",
        "BabyAI-GoToLocal-v0",
        "--env",
        "BabyAI-BossLevel-v0",
        "--seconds",
        "0.05",
        "--threads",
        "2",
        "--batch",
        "8",
        "--json",
    ]);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for (line, id) in lines
        .iter()
        .zip(["BabyAI-GoToLocal-v0", "BabyAI-BossLevel-v0"])
    {
        assert!(line.starts_with("{\"env\":"), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object");
        assert_eq!(v["env"], id);
        assert_eq!(v["threads"], 2);
        assert_eq!(v["obs"], "image");
        for key in ["steps_per_sec", "resets_per_sec", "episodes_per_sec"] {
            let x = v[key].as_f64().expect("a number");
            assert!(x.is_finite() && x >= 0.0, "{key} = {x}");
        }
        assert!(v["steps_per_sec"].as_f64().unwrap() > 0.0);
        assert!(v["resets_per_sec"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn bench_prints_a_table_by_default_format() {
    let (ok, stdout, stderr) = gridhouse(&[
        "bench",
        "--env",
        "BabyAI-GoToRedBallGrey-v0",
        "--seconds",
        "0.02",
    ]);
    assert!(ok, "{stderr}");
    let mut lines = stdout.lines();
    let header = lines.next().unwrap();
    for col in ["env", "threads", "steps/s", "resets/s", "episodes/s", "obs"] {
        assert!(header.contains(col), "{header}");
    }
    let row = lines.next().unwrap();
    assert!(row.starts_with("BabyAI-GoToRedBallGrey-v0"), "{row}");
    assert!(row.ends_with("image"), "{row}");
}

#[test]
fn bench_rejects_unknown_ids_and_bad_durations() {
    let (ok, _, stderr) = gridhouse(&["bench", "--env", "BabyAI-Nope-v0", "--seconds", "0"]);
    assert!(!ok);
    assert!(stderr.contains("unknown env id"), "{stderr}");
    let (ok, _, stderr) = gridhouse(&["bench", "--seconds", "NaN"]);
    assert!(!ok);
    assert!(stderr.contains("seconds"), "{stderr}");
    let (ok, _, _) = gridhouse(&["bench", "--threads", "0"]);
    assert!(!ok);
}

#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gridhouse"))
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gridhouse");
    // Read one byte, then close the pipe while gridhouse is still writing.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{status:?} {stderr}");
}

#[test]
fn replay_alfworld_regenerates_exported_games_recorded_by_alfworld() {
    // Traces that ALFWorld 0.4.2's own engine recorded on games Gridhouse exported.
    let trace = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alfworld-core/tests/gen_fixtures/traces.jsonl"
    );
    let games = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alfworld-core/tests/gen_fixtures"
    );
    let (ok, stdout, stderr) = gridhouse(&["replay", "alfworld", trace, "--games", games]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("PASS games/train_790_v042/game.tw-pddl: 2 of 2 episodes passed"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("18 passed, 0 failed"));
}

/// Each broken input is a failure naming the line and the field (the replay is strict).
#[test]
fn replay_alfworld_is_strict_about_missing_and_malformed_fields() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/traces_extra.jsonl")).unwrap();
    let first = text.lines().next().unwrap();
    let ep: serde_json::Value = serde_json::from_str(first).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut e = ep.clone();
        f(&mut e);
        e.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        (
            edit(&|e| {
                e["steps"][1].as_object_mut().unwrap().remove("won");
            }),
            "field \"won\" is missing",
        ),
        (
            edit(&|e| {
                e["steps"][1]["won"] = "yes".into();
            }),
            "field \"won\" is missing or not a boolean",
        ),
        (
            edit(&|e| {
                e["steps"][2].as_object_mut().unwrap().remove("obs");
            }),
            "field \"obs\"",
        ),
        (
            edit(&|e| {
                e["steps"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("admissible_commands");
            }),
            "field \"admissible_commands\"",
        ),
        (
            edit(&|e| {
                e["steps"][1]["admissible_commands"][0] = 3.into();
            }),
            "not a string",
        ),
        (
            edit(&|e| {
                e["steps"][1]["done"] = 1.into();
            }),
            "field \"done\" is not a boolean",
        ),
        (
            edit(&|e| {
                e["steps"] = serde_json::json!([]);
            }),
            "empty \"steps\" list",
        ),
        (
            edit(&|e| {
                e.as_object_mut().unwrap().remove("steps");
            }),
            "no \"steps\" list",
        ),
        (
            edit(&|e| {
                let any = e["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["won"] == true);
                e["won"] = (!any).into();
            }),
            "recorded won",
        ),
        (
            edit(&|e| {
                e["n_steps"] = 999.into();
            }),
            "\"n_steps\" is 999",
        ),
    ];
    let dir = std::env::temp_dir().join(format!("gridhouse-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (line, want)) in cases.iter().enumerate() {
        let trace = dir.join(format!("case{i}.jsonl"));
        std::fs::write(&trace, format!("{line}\n")).unwrap();
        let (ok, stdout, stderr) = gridhouse(&[
            "replay",
            "alfworld",
            trace.to_str().unwrap(),
            "--games",
            FIXTURES,
        ]);
        assert!(!ok, "case {i} passed: {stdout}");
        assert!(stdout.contains("line 1"), "case {i}: {stdout}");
        assert!(
            stdout.contains(want),
            "case {i}: want {want:?} in {stdout}{stderr}"
        );
    }
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "\n").unwrap();
    let (ok, _, stderr) = gridhouse(&[
        "replay",
        "alfworld",
        empty.to_str().unwrap(),
        "--games",
        FIXTURES,
    ]);
    assert!(!ok);
    assert!(stderr.contains("no episodes"), "{stderr}");
    let (ok, _, stderr) = gridhouse(&[
        "replay",
        "alfworld",
        &format!("{FIXTURES}/traces_extra.jsonl"),
    ]);
    assert!(!ok);
    assert!(stderr.contains("pass --games DIR"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Seed-mode BabyAI replays also compare `rejections`, the reset text and, for the
/// `PutNext*Carrying` levels, the true image after the reset: a changed value fails.
#[test]
fn replay_babyai_from_seed_checks_rejections_texts_and_true_images() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../babyai-core/tests/fixtures/resets_sample.jsonl"
    ))
    .unwrap();
    let plain = text.lines().find(|l| !l.contains("Carrying")).unwrap();
    let carrying = text.lines().find(|l| l.contains("Carrying")).unwrap();
    let edit = |line: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        f(&mut v);
        v.to_string()
    };
    let cases = [
        (edit(plain, &|v| v["rejections"] = 99.into()), "rejections"),
        (
            edit(plain, &|v| v["reset_text"] = "a wall 1 step forward".into()),
            "reset_text",
        ),
        (
            edit(carrying, &|v| {
                let img = v["true_image"].as_array_mut().unwrap();
                // The first view cell becomes a wall, or an empty cell if it was one.
                img[0] = if img[0] == 2 { 1.into() } else { 2.into() };
            }),
            "true_image",
        ),
        (
            edit(carrying, &|v| v["true_text"] = "You carry nothing".into()),
            "true_text",
        ),
    ];
    let dir = std::env::temp_dir().join(format!("gridhouse-seedchecks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (line, field)) in cases.iter().enumerate() {
        let f = dir.join(format!("case{i}.jsonl"));
        std::fs::write(&f, format!("{line}\n")).unwrap();
        let (ok, stdout, _) = gridhouse(&["replay", "babyai", f.to_str().unwrap()]);
        assert!(!ok, "case {i} passed");
        assert!(stdout.contains(field), "case {i}: want {field} in {stdout}");
    }
    // Unchanged lines pass.
    let f = dir.join("same.jsonl");
    std::fs::write(&f, format!("{plain}\n{carrying}\n")).unwrap();
    let (ok, stdout, _) = gridhouse(&["replay", "babyai", f.to_str().unwrap()]);
    assert!(ok, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
