//! Prints a generated game's transcript: `gen_play SET INDEX` plays the game's walkthrough in
//! the engine and shows each feedback.
use alfworld_core::generator::{Split, Wording, export};
use alfworld_core::{Game, GameEnv};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let split = args
        .get(1)
        .and_then(|s| Split::parse(s))
        .unwrap_or(Split::Train);
    let index: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let Some(game) = split.game(index) else {
        eprintln!("no game {index} in {split}");
        std::process::exit(2);
    };
    let json = export::tw_pddl_json(&game, Wording::V042).to_string();
    let loaded = match Game::from_tw_pddl(&json) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut env = GameEnv::new(loaded, Wording::V042);
    println!("{}", env.reset());
    for cmd in game.walkthrough(Wording::V042) {
        let out = env.step_text(&cmd);
        println!("> {cmd}\n{} [won {}]", out.feedback, out.won);
    }
}
