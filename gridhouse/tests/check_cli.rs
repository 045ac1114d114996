//! `gridhouse check`: clean on every id, a deliberately broken rule is caught with a shrunk
//! counterexample whose trace line `gridhouse replay` runs, and ALFWorld counterexample
//! lines replay too.
#![cfg(feature = "proptest")]

use std::path::PathBuf;
use std::process::Command;

fn gridhouse(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gridhouse"))
        .args(args)
        .output()
        .expect("runs the gridhouse binary")
}

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("check_cli_{}_{name}", std::process::id()))
}

#[test]
fn check_passes_on_every_id_of_the_list() {
    let out = gridhouse(&["check", "--cases", "4", "--max-actions", "60"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(out.stdout.is_empty());
    let n = gridhouse::list().len();
    assert!(n > 100);
    assert!(
        err.contains(&format!("{n} env ids checked, 0 with a violation")),
        "{err}"
    );
}

#[test]
fn an_injected_wall_walking_bug_is_caught_shrunk_and_the_trace_replays() {
    let out = gridhouse(&[
        "check",
        "--env",
        "BabyAI-GoToObjMaze-v0",
        "--cases",
        "64",
        "--seed",
        "3",
        "--inject-bug",
        "walk-through-walls",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["violation"]["rule"], "agent-on-blocked-cell");
    let steps = v["steps"].as_array().unwrap().len();
    // Shrunk to the offending step: at most a few turns and the moves to an inner wall.
    assert_eq!(v["violation"]["step"].as_u64(), Some(steps as u64 - 1));
    assert!(steps <= 10, "not shrunk: {steps} steps");
    let file = tmp("babyai.jsonl");
    std::fs::write(&file, &stdout).unwrap();
    let replay = gridhouse(&["replay", "babyai", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&replay.stdout);
    assert!(replay.status.success(), "{text}");
    assert!(text.contains("1 passed, 0 failed"), "{text}");
    let replay = gridhouse(&["replay", "babyai", "--from-state", file.to_str().unwrap()]);
    assert!(replay.status.success());
}

#[test]
fn alfworld_counterexample_lines_replay() {
    use alfworld_core::proptest_support::{
        CheckedGame, CmdMove, Rule, Violation, check_walk, trace_line,
    };
    use alfworld_core::{GameEnv, Wording};
    for wording in [Wording::V042, Wording::V03] {
        let g = CheckedGame::task_set_game("alfworld/valid_seen", 5, wording).unwrap();
        let walk: Vec<CmdMove> = (0..12u16)
            .map(|i| match i % 4 {
                3 => CmdMove::Garbage(i as u8, i * 7, 999),
                2 => CmdMove::Text("go to the moon".into()),
                _ => CmdMove::Admissible(i * 5),
            })
            .collect();
        let mut env = GameEnv::new(g.game.clone(), wording);
        let commands = check_walk(&mut env, &g, &walk).unwrap();
        assert_eq!(commands.len(), walk.len());
        let v = Violation::new(Rule::Custom("demo"), "a demo", 3, commands[3].clone());
        let line = trace_line(&g, None, wording, &commands, Some(&v));
        let file = tmp(&format!("alfworld_{wording:?}.jsonl"));
        std::fs::write(&file, format!("{line}\n")).unwrap();
        let replay = gridhouse(&["replay", "alfworld", file.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&replay.stdout);
        assert!(
            replay.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&replay.stderr)
        );
        assert!(text.contains("1 passed, 0 failed"), "{text}");
    }
}

#[test]
fn unknown_ids_and_bugs_are_errors_not_panics() {
    let out = gridhouse(&["check", "--env", "BabyAI-Nope-v0", "--cases", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("BabyAI-Nope-v0"));
    let out = gridhouse(&[
        "check",
        "--env",
        "BabyAI-GoToLocal-v0",
        "--inject-bug",
        "nope",
    ]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
