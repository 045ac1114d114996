//! A fixed amount of ALFWorld loading work for profilers (`perf stat`, callgrind), which
//! count instructions independently of other load on the machine:
//!
//! `cargo run --release -p alfworld-core --example profile_alfworld -- load 1000 DIR/game.tw-pddl...`
//!
//! Modes:
//! * `load N FILE...`: loads each `game.tw-pddl` file (with the `traj_data.json` beside it)
//!   in turn, N loads in all;
//! * `new N`: N fresh generated train games (index i of the split, cycling): generate,
//!   compile into a [`Game`], build an [`GameEnv`] and render the intro;
//! * `restart N`: one generated game built once, then N restarts (`GameEnv::reset`).
use alfworld_core::generator::{Split, Wording};
use alfworld_core::{Game, GameEnv, LoadOptions};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("new", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut acc = 0usize;
    match mode {
        "load" => {
            let files: Vec<(String, Option<String>)> = args[3..]
                .iter()
                .map(|p| {
                    let json = std::fs::read_to_string(p).expect("readable game file");
                    let traj = std::path::Path::new(p).with_file_name("traj_data.json");
                    (json, std::fs::read_to_string(traj).ok())
                })
                .collect();
            assert!(!files.is_empty(), "give game.tw-pddl files");
            for i in 0..n {
                let (json, traj) = &files[i % files.len()];
                let g = Game::load(black_box(json), traj.as_deref(), LoadOptions::default())
                    .expect("loads");
                acc += g.objects().len();
            }
        }
        "new" => {
            let len = Split::Train.len() as usize;
            for i in 0..n {
                let g = Split::Train.game((i % len) as u32).expect("a game");
                let game = Game::from_generated(&g, Wording::V042).expect("compiles");
                let mut env = GameEnv::new(game, Wording::V042);
                acc += env.reset().len();
            }
        }
        "restart" => {
            let g = Split::Train.game(1234).expect("a game");
            let game = Game::from_generated(&g, Wording::V042).expect("compiles");
            let mut env = GameEnv::new(game, Wording::V042);
            for _ in 0..n {
                acc += black_box(&mut env).reset().len();
            }
        }
        _ => {
            eprintln!("modes: load N FILE..., new N, restart N");
            std::process::exit(2);
        }
    }
    println!("{acc}");
}
