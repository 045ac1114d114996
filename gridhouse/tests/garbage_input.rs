//! Garbage inputs: the CLI prints one clear `gridhouse: error:` line (or a per-episode
//! failure report) and exits non-zero, never a panic trace.
use std::path::PathBuf;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = common::run_raw(args, stdin);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{args:?} panicked: {stderr}"
    );
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// A scratch folder for this test binary's input files.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("garbage_input")
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn unknown_level_is_one_clear_line() {
    for cmd in ["rollout", "play"] {
        let (code, _, stderr) = run(&[cmd, "--env", "BabyAI-Nope-v0"], b"");
        assert_ne!(code, 0);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("gridhouse: error: unknown env id \"BabyAI-Nope-v0\""),
            "{stderr}"
        );
    }
}

#[test]
fn garbage_trace_lines_fail_the_replay() {
    let d = scratch("trace");
    let garbage = d.join("garbage.jsonl");
    std::fs::write(&garbage, "garbage{\n{\"env_id\": 3}\n[]\n").unwrap();
    let p = garbage.to_str().unwrap();
    for extra in [&[][..], &["--from-state"][..]] {
        let mut args = vec!["replay", "babyai", p];
        args.extend_from_slice(extra);
        let (code, stdout, _) = run(&args, b"");
        assert_ne!(code, 0);
        assert!(stdout.contains("0 passed, 3 failed"), "{stdout}");
    }
    let (code, stdout, _) = run(
        &["replay", "alfworld", p, "--games", d.to_str().unwrap()],
        b"",
    );
    assert_ne!(code, 0);
    assert!(stdout.contains("failed"), "{stdout}");
}

#[test]
fn binary_and_missing_files_are_one_clear_line() {
    let d = scratch("binary");
    let bin = d.join("bin.jsonl");
    std::fs::write(&bin, [0xffu8, 0xfe, 0, 1, 2, 0x80, b'\n']).unwrap();
    let missing = d.join("missing.jsonl");
    for p in [&bin, &missing] {
        let (code, _, stderr) = run(&["replay", "babyai", p.to_str().unwrap()], b"");
        assert_eq!(code, 2);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("gridhouse: error: cannot read"),
            "{stderr}"
        );
    }
}

#[test]
fn malformed_game_files_fail_the_replay_with_the_reason() {
    let d = scratch("game");
    std::fs::create_dir_all(d.join("g")).unwrap();
    std::fs::write(
        d.join("g/game.tw-pddl"),
        "{\"pddl_problem\": \"(define (problem\"",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("h")).unwrap();
    std::fs::write(
        d.join("h/game.tw-pddl"),
        "{\"pddl_domain\": \"(define\", \"grammar\": \"\", \"pddl_problem\": \"(define (problem p) (((((\"}",
    )
    .unwrap();
    let trace = d.join("t.jsonl");
    std::fs::write(
        &trace,
        "{\"gamefile\": \"g/game.tw-pddl\", \"steps\": []}\n{\"gamefile\": \"h/game.tw-pddl\", \"steps\": []}\n",
    )
    .unwrap();
    let (code, stdout, _) = run(
        &[
            "replay",
            "alfworld",
            trace.to_str().unwrap(),
            "--games",
            d.to_str().unwrap(),
        ],
        b"",
    );
    assert_ne!(code, 0);
    assert!(stdout.contains("0 passed, 2 failed"), "{stdout}");
    assert!(stdout.contains("game file"), "{stdout}");
}

#[test]
fn garbage_on_play_stdin_is_handled() {
    // Unknown and very long action lines are refused one by one; the session goes on.
    let mut input = b"dance\n\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 100_000));
    input.extend_from_slice(b"\nturn left\n");
    let (_, stdout, _) = run(
        &["play", "--env", "BabyAI-GoToLocal-v0", "--seed", "1"],
        &input,
    );
    assert!(stdout.contains("not a BabyAI action"), "{stdout}");
    assert!(stdout.contains("You chose: turn left."), "{stdout}");
    // Invalid UTF-8 is one clear error line.
    let (code, _, stderr) = run(
        &["play", "--env", "BabyAI-GoToLocal-v0", "--seed", "1"],
        b"\xff\xfe garbage\n",
    );
    assert_ne!(code, 0);
    assert!(stderr.starts_with("gridhouse: error:"), "{stderr}");
}

#[test]
fn out_of_range_numbers_are_refused_by_the_parser() {
    let (code, _, stderr) = run(
        &[
            "rollout",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--episodes",
            "99999999999999999999",
        ],
        b"",
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value"), "{stderr}");
}
