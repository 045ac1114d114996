//! The expert bot on every level, seeds 0..99, against Minigrid 3.2.0's `BabyAIBot`
//! (`bot_reference.tsv`, with `bot_reference_hangs.tsv` for the levels where the reference
//! hangs): success rate at least the reference's, mean length of successes at most 5% above.

use babyai_core::bot::Bot;
use babyai_core::{Action, LEVEL_IDS, LevelEnv, make};

/// Copies of the reference tables (`tests/fixtures/README.md`).
const REFERENCE: &str = include_str!("fixtures/bot_reference.tsv");
const HANGS: &str = include_str!("fixtures/bot_reference_hangs.tsv");

/// The env of `id` after `reset(seed)`.
fn env_for(id: &str, seed: u64) -> LevelEnv {
    let mut env = make(id).unwrap_or_else(|e| panic!("{e}"));
    env.reset(seed);
    env
}

/// `(success, length)` of one bot episode.
fn run(id: &str, seed: u64) -> (bool, u32) {
    let mut env = env_for(id, seed);
    let mut bot = Bot::new(env.env());
    loop {
        let step = env.step(bot.act(env.env()));
        if step.terminated || step.truncated {
            return (step.reward > 0.0, env.env().step_count());
        }
    }
}

/// `(success rate, mean length of successes)` over `seeds`.
fn stats(id: &str, seeds: std::ops::Range<u64>) -> (f64, f64) {
    let n = seeds.end - seeds.start;
    let (mut ok, mut len) = (0u32, 0u64);
    for seed in seeds {
        let (s, l) = run(id, seed);
        if s {
            ok += 1;
            len += u64::from(l);
        }
    }
    let mean = if ok > 0 {
        len as f64 / f64::from(ok)
    } else {
        f64::NAN
    };
    (f64::from(ok) / n as f64, mean)
}

/// `(id, success_rate, mean_len_success)` of every level over seeds 0..99: the main table,
/// with the hang-aware rerun replacing its skipped rows.
fn reference() -> Vec<(String, f64, f64)> {
    let (main, hangs) = (REFERENCE, HANGS);
    let rows = |text: &str, sr: usize, len: usize| -> Vec<(String, f64, f64)> {
        text.lines()
            .filter(|l| l.starts_with("BabyAI-"))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let num = |s: &str| s.parse().unwrap_or(f64::NAN);
                (f[0].to_string(), num(f[sr]), num(f[len]))
            })
            .collect()
    };
    let hangs = rows(hangs, 3, 4);
    rows(main, 4, 5)
        .into_iter()
        .map(|row| hangs.iter().find(|h| h.0 == row.0).cloned().unwrap_or(row))
        .collect()
}

#[test]
fn every_level_meets_the_reference_bot() {
    let mut failures = Vec::new();
    let table = reference();
    assert_eq!(table.len(), LEVEL_IDS.len(), "one reference row per level");
    for (id, ref_success, ref_len) in table {
        let (success, len) = stats(&id, 0..100);
        let ok = success + 1e-9 >= ref_success && (ref_len.is_nan() || len <= 1.05 * ref_len);
        eprintln!(
            "{}\t{id}\tsuccess {success:.2} (reference {ref_success:.2})\tmean length {len:.2} (reference {ref_len:.2})",
            if ok { "ok " } else { "BAD" },
        );
        if !ok {
            failures.push(id);
        }
    }
    assert!(failures.is_empty(), "below the reference: {failures:?}");
}

#[test]
fn bot_is_deterministic_and_replans_after_other_actions() {
    for (id, seed) in [("BabyAI-BossLevel-v0", 3), ("BabyAI-UnlockPickup-v0", 5)] {
        assert_eq!(run(id, seed), run(id, seed));
        // Every fifth step the agent does something else (moves, turns, picks up what is in
        // front: never a toggle, which would destroy a box); the bot still finishes.
        let mut env = env_for(id, seed);
        let mut bot = Bot::new(env.env());
        let noise = [Action::Left, Action::Forward, Action::Pickup, Action::Right];
        let mut t = 0;
        let done = loop {
            let suggested = bot.act(env.env());
            let a = if t % 5 == 4 {
                noise[(t / 5) % noise.len()]
            } else {
                suggested
            };
            let step = env.step(a);
            t += 1;
            if step.terminated || step.truncated {
                break step.reward > 0.0;
            }
        };
        assert!(done, "{id} seed {seed}: no success with noise");
    }
}

#[test]
fn a_bot_made_mid_episode_finishes() {
    let mut env = env_for("BabyAI-GoToObjMaze-v0", 7);
    for a in [babyai_core::Action::Right, babyai_core::Action::Forward] {
        let _ = env.step(a);
    }
    let mut bot = Bot::new(env.env());
    loop {
        let step = env.step(bot.act(env.env()));
        if step.terminated || step.truncated {
            assert!(step.reward > 0.0);
            break;
        }
    }
}

#[test]
fn bot_recovers_when_the_agent_wanders_off() {
    // Every fourth step the agent moves, turns, picks up or drops instead of following the
    // bot (never toggles: that would destroy boxes). Strict Debug levels fail on any wrong
    // pickup, so they are left out.
    let noise = [
        Action::Left,
        Action::Forward,
        Action::Pickup,
        Action::Right,
        Action::Drop,
    ];
    let (mut wins, mut episodes) = (0, 0);
    for id in LEVEL_IDS.iter().filter(|id| !id.contains("Debug")) {
        for seed in 0..10u64 {
            let mut env = env_for(id, seed);
            let mut bot = Bot::new(env.env());
            let mut t = 0usize;
            let win = loop {
                let suggested = bot.act(env.env());
                let a = if t % 4 == 3 {
                    noise[(t / 4 + seed as usize) % noise.len()]
                } else {
                    suggested
                };
                let step = env.step(a);
                t += 1;
                if step.terminated || step.truncated {
                    break step.reward > 0.0;
                }
            };
            wins += u32::from(win);
            episodes += 1;
        }
    }
    let rate = f64::from(wins) / f64::from(episodes);
    eprintln!("with noise: {wins}/{episodes} = {rate:.3}");
    assert!(rate >= 0.97, "{wins}/{episodes}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// From any reachable state (a random level, seed and random action prefix), a bot made
    /// there never panics, and its decisions are bounded (each call returns).
    #[test]
    fn bot_never_panics_from_random_states(
        level in 0..LEVEL_IDS.len(),
        seed in 0u64..1000,
        prefix in proptest::collection::vec(0u8..7, 0..40),
    ) {
        let mut env = env_for(LEVEL_IDS[level], seed);
        for a in prefix {
            let _ = env.step(Action::try_from(a).unwrap());
        }
        let mut bot = Bot::new(env.env());
        for _ in 0..60 {
            let step = env.step(bot.act(env.env()));
            if step.terminated || step.truncated {
                break;
            }
        }
    }
}

#[test]
fn bot_consulted_every_other_step_still_finishes() {
    // Between two calls the agent takes a second step of its own (the bot's suggestion
    // again, or a turn): the bot sees a jump of two steps and replans the mission afresh.
    let mut wins = 0;
    for seed in 0..20 {
        let mut env = env_for("BabyAI-SynthSeq-v0", seed);
        let mut bot = Bot::new(env.env());
        let mut t = 0u32;
        let win = loop {
            let a = bot.act(env.env());
            let mut step = env.step(a);
            if !(step.terminated || step.truncated) && t.is_multiple_of(3) {
                step = env.step(Action::Left);
            }
            t += 1;
            if step.terminated || step.truncated {
                break step.reward > 0.0;
            }
        };
        wins += u32::from(win);
    }
    assert!(wins >= 18, "{wins}/20");
}
