#![no_main]
//! Arbitrary structured command sequences (any indices) on an authored ALFWorld game: never
//! panics; an inadmissible command answers "Nothing happens." and changes nothing.
use alfworld_core::{Command, Game, GameEnv, LoadOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

const GAME: &str = include_str!(
    "../../alfworld-core/tests/fixtures/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable/game.tw-pddl"
);
const TRAJ: &str = include_str!(
    "../../alfworld-core/tests/fixtures/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable/traj_data.json"
);

fn game() -> Arc<Game> {
    static G: OnceLock<Arc<Game>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Game::load(GAME, Some(TRAJ), LoadOptions::default()).unwrap()))
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let game = game();
    let dialect = game.wording();
    let mut env = GameEnv::new(game, dialect);
    env.reset();
    for c in data.chunks_exact(5) {
        let (a, b) = (
            u16::from_le_bytes([c[1], c[2]]),
            u16::from_le_bytes([c[3], c[4]]),
        );
        let cmd = match c[0] % 16 {
            0 => Command::Look,
            1 => Command::Inventory,
            2 => Command::Help,
            3 => Command::GoTo(a),
            4 => Command::Open(a),
            5 => Command::Close(a),
            6 => Command::Take(a, b),
            7 => Command::Put(a, b),
            8 => Command::Heat(a, b),
            9 => Command::Cool(a, b),
            10 => Command::Clean(a, b),
            11 => Command::Slice(a, b),
            12 => Command::Use(a),
            13 => Command::ExamineReceptacle(a),
            14 => Command::ExamineObject(a),
            _ => {
                // An admissible command, so walks get somewhere.
                let adm = env.admissible();
                adm[usize::from(a) % adm.len()]
            }
        };
        let admissible = env.admissible().contains(&cmd);
        let before = env.state().clone();
        let out = env.step(cmd);
        if !admissible {
            assert_eq!(out.feedback, "Nothing happens.");
            assert_eq!(&before, env.state());
        }
        let _ = env.admissible_texts();
    }
});
