//! End-to-end tests of `gridhouse play` with actions piped on stdin.
use babyai_core::bot::Bot;
use text_render::babyai::BalrogAction;

mod common;

fn play(args: &[&str], input: &str) -> (bool, String) {
    let mut full = vec!["play"];
    full.extend_from_slice(args);
    let (ok, stdout, _) = common::gridhouse_with_input(&full, input);
    (ok, stdout)
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
