//! Writes game folders of a task set: `gen_dump SET FIRST COUNT OUTDIR [v03]` (the 0.4.2
//! wording unless `v03`). Used to record traces with ALFWorld (`tools/record_gen_traces.py`).
use alfworld_core::generator::{Split, Wording, export};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 && args.len() != 6 {
        eprintln!("usage: gen_dump SET FIRST COUNT OUTDIR [v03]");
        std::process::exit(2);
    }
    let Some(split) = Split::parse(&args[1]) else {
        eprintln!("unknown set {}", args[1]);
        std::process::exit(2);
    };
    let first: u32 = args[2].parse().unwrap_or(0);
    let count: u32 = args[3].parse().unwrap_or(1);
    let wording = if args.get(5).map(String::as_str) == Some("v03") {
        Wording::V03
    } else {
        Wording::V042
    };
    for i in first..first + count {
        let Some(game) = split.game(i) else { break };
        let dir = Path::new(&args[4]).join(game.name()).join(game.task_id());
        if let Err(e) = export::write_game_folder(&game, wording, &dir) {
            eprintln!("{e}");
            std::process::exit(1);
        }
        println!("{}", dir.display());
    }
}
