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

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../babyai-core/tests/fixtures/resets_sample.jsonl"
);

#[test]
fn list_shows_babyai_size_and_max_steps() {
    let (ok, stdout, _) = gridhouse(&["list", "--engine", "babyai"]);
    assert!(ok);
    assert_eq!(stdout.lines().count(), 96);
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
    let dir = std::env::temp_dir().join(format!("gridhouse-cli-{}", std::process::id()));
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
