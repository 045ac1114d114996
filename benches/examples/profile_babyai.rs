//! A fixed amount of BabyAI work for profilers (`perf stat`, `perf record`, callgrind),
//! which count cycles and instructions independently of other load on the machine:
//!
//! `cargo run --release -p gridhouse-benches --example profile_babyai -- step BabyAI-GoToLocal-v0 1000000`
//!
//! Modes: `step` (random actions with an observation every step; an ended episode goes on,
//! so no reset is timed), `reset` (consecutive seeds), `seed` (one reset with seed N), `mix` (every level in turn, as the
//! criterion bench `babyai_reset/all_level_mix`; the level argument is ignored).
#![forbid(unsafe_code)]
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, make};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("step", String::as_str);
    let id = args.get(2).map_or("BabyAI-GoToLocal-v0", String::as_str);
    let n: u64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let Ok(mut level) = make(id) else {
        eprintln!("unknown level {id}");
        std::process::exit(2);
    };
    level.reset(1);
    let mut obs = [0u8; OBS_LEN];
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut acc = 0u64;
    match mode {
        "step" => {
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let s = level.step(ACTIONS[(x % 7) as usize]);
                level.env().observe(&mut obs);
                acc = acc.wrapping_add(obs[60] as u64 + s.terminated as u64);
            }
        }
        "reset" => {
            for seed in 0..n {
                level.reset(black_box(seed));
                acc = acc.wrapping_add(level.env().max_steps() as u64);
            }
        }
        "seed" => {
            // One reset with seed `n` (to time or trace a single level generation).
            level.reset(n);
            acc = level.rejections() as u64;
        }
        "mix" => {
            // The all-level mix of the criterion bench: level k % 96, seeds 0..100 in turn.
            let mut levels: Vec<_> = babyai_core::LEVEL_IDS
                .iter()
                .map(|id| make(id).expect("registered level"))
                .collect();
            for k in 1..=n {
                let level = &mut levels[k as usize % babyai_core::LEVEL_IDS.len()];
                level.reset(black_box(k / babyai_core::LEVEL_IDS.len() as u64 % 100));
                acc = acc.wrapping_add(level.env().max_steps() as u64);
            }
        }
        _ => {
            eprintln!("mode is step, reset, seed or mix");
            std::process::exit(2);
        }
    }
    println!("{mode} {id} x{n}: checksum {}", black_box(acc));
}
