//! An env's memory: `size_of::<GameEnv>()` plus what it owns on the heap stays within 16 KiB on
//! real-shaped games after stepping (`--nocapture` prints the numbers).

use alfworld_core::generator::{Split, Wording};
use alfworld_core::{Game, GameEnv};

const KITCHEN: &str = include_str!(
    "fixtures/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable/game.tw-pddl"
);

fn footprint(game: Game, commands: &[String]) -> (usize, usize) {
    let mut env = GameEnv::new(game, alfworld_core::Wording::V042);
    env.reset();
    let _ = env.admissible_texts();
    for c in commands {
        let _ = env.step_text(c);
        let _ = env.admissible_texts();
    }
    (std::mem::size_of::<GameEnv>(), env.heap_bytes())
}

#[test]
fn env_fits_in_16_kib() {
    let game = Game::from_tw_pddl(KITCHEN).unwrap();
    let cmds: Vec<String> = [
        "go to countertop 1",
        "take knife 1 from countertop 1",
        "go to fridge 1",
        "open fridge 1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (size, heap) = footprint(game, &cmds);
    println!("kitchen fixture: size_of::<GameEnv>() = {size} B, heap = {heap} B");
    assert!(size + heap <= 16 * 1024, "{size} + {heap}");
    let mut worst = 0;
    for i in (0..Split::Train.len()).step_by(97) {
        let g = Split::Train.game(i).unwrap();
        let walk = g.walkthrough(Wording::V042);
        let (size, heap) = footprint(Game::from_generated(&g, Wording::V042).unwrap(), &walk);
        worst = worst.max(size + heap);
    }
    println!("generated train games (every 97th), largest env: {worst} B");
    assert!(worst <= 16 * 1024, "{worst}");
}
