//! End-to-end tests of `gridhouse play` with actions piped on stdin.
use babyai_core::bot::Bot;
use std::io::Write;
use std::process::{Command, Stdio};
use text_render::babyai::BalrogAction;

fn play(args: &[&str], input: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gridhouse"))
        .arg("play")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gridhouse");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_bots_actions_typed_as_text_win() {
    let (id, seed) = ("BabyAI-GoToLocal-v0", 3);
    let mut env = babyai_core::make(id).unwrap();
    env.reset(seed);
    let mut bot = Bot::new(env.env());
    let mut input = String::new();
    loop {
        let a = bot.act(env.env());
        let name = BalrogAction::from_index(a as u8).expect("a BALROG action");
        // Shout some of them, with odd spacing: the parser is lenient.
        input.push_str(&format!(
            "  {}\n",
            name.name().to_uppercase().replace(' ', "   ")
        ));
        let step = env.step(a);
        if step.terminated || step.truncated {
            break;
        }
    }
    let (ok, stdout) = play(&["--env", id, "--seed", "3"], &input);
    assert!(ok, "{stdout}");
    assert!(stdout.contains("Mission: go to "));
    assert!(stdout.contains("success"), "{stdout}");
}

#[test]
fn invalid_text_is_reported_and_not_played() {
    let (ok, stdout) = play(
        &[
            "--env",
            "BabyAI-GoToLocal-v0",
            "--seed",
            "1",
            "--full",
            "--prompt",
        ],
        "fly\nturn left\nquit\n",
    );
    assert!(!ok);
    assert!(stdout.starts_with("You are an agent playing a simple navigation game."));
    assert!(stdout.contains("not a BabyAI action"));
    assert!(stdout.contains("You carry nothing."));
    assert!(stdout.contains("quit after 1 step"), "{stdout}");
}
