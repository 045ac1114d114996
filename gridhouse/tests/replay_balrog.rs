//! `gridhouse replay babyai` on BALROG's recorded episodes, from seeds and from states; both
//! compare BALROG's text at every step.
use std::process::Command;

mod reference;

#[test]
fn mixed_public_replays_from_seed_and_from_state() {
    let Some(mixed) = reference::path("babyai/mixed_public.jsonl") else {
        return;
    };
    for extra in [None, Some("--from-state")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gridhouse"));
        cmd.args(["replay", "babyai"]).arg(&mixed);
        if let Some(flag) = extra {
            cmd.arg(flag);
        }
        let out = cmd.output().expect("run gridhouse");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        assert!(stdout.contains("200 passed, 0 failed"), "{stdout}");
    }
}
