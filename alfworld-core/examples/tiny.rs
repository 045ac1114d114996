//! Plays the tiny test game from the command line: `cargo run -p alfworld-core --example tiny`.
use alfworld_core::{Game, GameEnv};

fn main() {
    let game =
        Game::from_tw_pddl(&alfworld_core::testing::tiny_game_json()).expect("tiny game loads");
    let mut env = GameEnv::new(game.clone(), game.wording());
    println!("{}", env.reset());
    for cmd in [
        "look",
        "go to countertop 1",
        "take apple 1 from countertop 1",
        "go to fridge 1",
        "open fridge 1",
        "move apple 1 to fridge 1",
    ] {
        let out = env.step_text(cmd);
        println!("> {cmd}\n{} (won {})", out.feedback, out.won);
    }
    println!("{:?}", env.admissible_texts());
}
