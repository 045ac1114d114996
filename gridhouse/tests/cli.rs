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
