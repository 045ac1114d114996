//! The expert bot on generated levels, against Minigrid's `BabyAIBot` (`bot_reference.tsv`).

use babyai_core::bot::Bot;
use babyai_core::levels::registry::{LEVELS, find};
use babyai_core::{BabyEnv, BoxContent, RecordedState, level_layout};

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/babyai/bot_reference.tsv"
);

/// The env of `id` after `reset(seed)`, through the level generator and state import.
fn env_for(id: &str, seed: u64) -> BabyEnv {
    let spec = find(id).unwrap_or_else(|| panic!("unknown level {id}"));
    let g = spec.generate(seed);
    let w = &g.world;
    let state = RecordedState {
        width: w.width,
        height: w.height,
        grid: g.encoded_grid(),
        box_contents: g
            .box_contents()
            .into_iter()
            .map(|(pos, obj)| BoxContent {
                pos: pos.map(|(x, y)| (x as i32, y as i32)),
                obj,
            })
            .collect(),
        agent_pos: (w.agent_pos.0 as i32, w.agent_pos.1 as i32),
        agent_dir: w.agent_dir,
        carrying: g.carrying.map(|o| w.objs[o as usize].encode()),
        mission: g.mission.clone(),
        max_steps: g.max_steps,
        layout: level_layout(id).expect("layout"),
    };
    BabyEnv::from_recorded_state(&state).unwrap_or_else(|e| panic!("{id} seed {seed}: {e}"))
}

/// `(success, length)` of one bot episode.
fn run(id: &str, seed: u64) -> (bool, u32) {
    let mut env = env_for(id, seed);
    let mut bot = Bot::new(&env);
    loop {
        let step = env.step(bot.act(&env));
        if step.terminated || step.truncated {
            return (step.reward > 0.0, env.step_count());
        }
    }
}

struct Stats {
    success: f64,
    mean_len: f64,
}

fn stats(id: &str, seeds: std::ops::Range<u64>) -> Stats {
    let n = seeds.end - seeds.start;
    let (mut ok, mut len) = (0u32, 0u64);
    for seed in seeds {
        let (s, l) = run(id, seed);
        if s {
            ok += 1;
            len += u64::from(l);
        }
    }
    Stats {
        success: f64::from(ok) / n as f64,
        mean_len: if ok > 0 {
            len as f64 / f64::from(ok)
        } else {
            f64::NAN
        },
    }
}

/// `(id, success_rate, mean_len_success)` from the reference table.
fn reference() -> Vec<(String, f64, f64)> {
    let Ok(text) = std::fs::read_to_string(REFERENCE) else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| l.starts_with("BabyAI-"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_string(),
                f[4].parse().unwrap(),
                f[5].parse().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

#[test]
#[ignore = "full table over seeds 0..99: cargo test --release -p babyai-core --test bot_levels -- --ignored --nocapture"]
fn full_table() {
    let mut bad = 0;
    for (id, ref_sr, ref_len) in reference() {
        if find(&id).is_none() {
            continue;
        }
        let s = stats(&id, 0..100);
        let ok = s.success + 1e-9 >= ref_sr && (ref_len.is_nan() || s.mean_len <= 1.05 * ref_len);
        if !ok {
            bad += 1;
        }
        println!(
            "{}\t{id}\tsuccess {:.2} (ref {ref_sr:.2})\tlen {:.2} (ref {ref_len:.2})",
            if ok { "ok " } else { "BAD" },
            s.success,
            s.mean_len
        );
    }
    println!("{} levels below the reference", bad);
    let _ = LEVELS;
}

#[test]
#[ignore = "debugging aid"]
fn failures() {
    for id in ["BabyAI-PickupDist-v0", "BabyAI-PutNextS5N2Carrying-v0"] {
        for seed in 0..100 {
            let (s, l) = run(id, seed);
            if !s {
                let env = env_for(id, seed);
                println!(
                    "{id} seed {seed}: len {l} mission {:?} carrying {:?}",
                    env.mission(),
                    env.carrying()
                );
            }
        }
    }
}

#[test]
#[ignore = "debugging aid"]
fn trace_one() {
    let id = std::env::var("LEVEL").unwrap();
    let seed: u64 = std::env::var("SEED").unwrap().parse().unwrap();
    let mut env = env_for(&id, seed);
    let mut bot = Bot::new(&env);
    println!("{} {:?}", env.mission(), env.carrying());
    for _ in 0..30 {
        let a = bot.act(&env);
        let s = env.step(a);
        println!(
            "{a:?} -> pos {:?} dir {:?} carrying {:?} {s:?}",
            env.agent_pos(),
            env.agent_dir(),
            env.carrying().map(|o| o.kind)
        );
        if s.terminated {
            break;
        }
    }
}
