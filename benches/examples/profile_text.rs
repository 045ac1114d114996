//! A fixed amount of BabyAI text work for profilers (`perf stat`, callgrind), which count
//! instructions independently of other load on the machine:
//!
//! `cargo run --release -p gridhouse-benches --example profile_text -- balrog 100000`
//!
//! Each round renders every view of `text-render`'s fixture (46 views recorded from Minigrid)
//! once, as the criterion bench `babyai_text` does. Modes: `balrog` (`balrog_text`), `full`
//! (`describe_full`), `parse` (the action parser on the bench's six answers).
#![forbid(unsafe_code)]
use std::hint::black_box;
use text_render::babyai::{BalrogAction, VIEW_LEN, balrog_text, describe_full};

const FIXTURE: &str = include_str!("../../text-render/tests/fixtures/balrog_views.txt");

fn views() -> Vec<[u8; VIEW_LEN]> {
    FIXTURE
        .lines()
        .map(|line| {
            let codes = line.split('\t').next().unwrap_or("");
            let v: Vec<u8> = codes.split(',').map(|c| c.parse().unwrap_or(0)).collect();
            v.try_into().expect("147 codes per fixture line")
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("balrog", String::as_str);
    let rounds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let views = views();
    let mut out = String::with_capacity(4096);
    let mut acc = 0usize;
    let answers = [
        "turn left",
        "  Go   Forward\n",
        "pick up",
        "toggle",
        "I would go left",
        "",
    ];
    for _ in 0..rounds {
        match mode {
            "balrog" => {
                for v in &views {
                    out.clear();
                    acc += balrog_text(black_box(v), &mut out).unwrap_or(0) + out.len();
                }
            }
            "full" => {
                for v in &views {
                    out.clear();
                    acc += describe_full(black_box(v), &mut out).unwrap_or(0) + out.len();
                }
            }
            "parse" => {
                for a in &answers {
                    acc += usize::from(BalrogAction::parse(black_box(a)).is_ok());
                }
            }
            _ => {
                eprintln!("mode is balrog, full or parse");
                std::process::exit(2);
            }
        }
    }
    let per = match mode {
        "parse" => answers.len(),
        _ => views.len(),
    };
    println!(
        "{mode} x{rounds} rounds of {per}: checksum {}",
        black_box(acc)
    );
}
