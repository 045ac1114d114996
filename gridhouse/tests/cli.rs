//! End-to-end tests of the `gridhouse` binary.
use std::process::Command;

fn gridhouse(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gridhouse"))
        .args(args)
        .output()
        .expect("run gridhouse");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_prints_one_line_per_registered_id() {
    let (ok, stdout, _) = gridhouse(&["list"]);
    assert!(ok);
    let n = babyai_core::LEVEL_IDS.len() + alfworld_core::ENV_IDS.len();
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
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/alfworld"
    );
    if !std::path::Path::new(dir).is_dir() {
        eprintln!("shared/reference/alfworld not present: skipped");
        return;
    }
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
