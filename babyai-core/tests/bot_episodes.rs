//! The bot against Minigrid 3.2.0's `BabyAIBot` on recorded episodes
//! (`fixtures/bot_episodes.jsonl`, recorded with `fixtures/record_bot_episodes.py`): the
//! same actions step by step, so the same episode lengths, wherever the reference succeeds.
//! Where the reference fails, hangs or raises, this bot may do better: it must win at least as
//! many of those episodes as it loses.

use babyai_core::bot::Bot;
use babyai_core::make;
use serde_json::Value;

const EPISODES: &str = include_str!("fixtures/bot_episodes.jsonl");

/// Plays the bot from `seed` and returns its actions (up to `cap`) and whether it won.
fn play(env_id: &str, seed: u64, cap: usize) -> (Vec<u8>, bool) {
    let mut env = make(env_id).unwrap();
    env.reset(seed);
    let mut bot = Bot::new(env.env());
    let mut actions = Vec::new();
    while actions.len() < cap {
        let a = bot.act(env.env());
        actions.push(a as u8);
        let s = env.step(a);
        if s.terminated || s.truncated {
            return (actions, s.terminated && s.reward > 0.0);
        }
    }
    (actions, false)
}

#[test]
fn bot_takes_the_reference_bots_actions() {
    let (mut n, mut diffs) = (0, Vec::new());
    let (mut ref_lost, mut we_win) = (0, 0);
    for line in EPISODES.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let env_id = rec["env_id"].as_str().unwrap();
        let seed = rec["seed"].as_u64().unwrap();
        let want: Vec<u8> = rec["actions"]
            .as_str()
            .unwrap()
            .bytes()
            .map(|b| b - b'0')
            .collect();
        let end = rec["end"].as_str().unwrap();
        let (got, won) = play(env_id, seed, 2000);
        if end == "success" {
            n += 1;
            if got != want {
                let at = got.iter().zip(&want).position(|(a, b)| a != b);
                diffs.push(format!(
                    "{env_id} seed {seed}: {} steps vs Minigrid's {}, first differs at {at:?}",
                    got.len(),
                    want.len()
                ));
            }
        } else {
            ref_lost += 1;
            we_win += usize::from(won);
        }
    }
    eprintln!(
        "{n} reference successes; of {ref_lost} reference failures/hangs/exceptions this bot wins {we_win}"
    );
    assert!(2 * we_win >= ref_lost, "{we_win} of {ref_lost}");
    assert!(n >= 2, "{n} episodes");
    assert!(
        diffs.is_empty(),
        "{} of {n} differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
