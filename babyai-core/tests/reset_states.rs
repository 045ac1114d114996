//! Every level x 20 seeds (`resets_public.jsonl`) and every recorded episode
//! (`public_traces.jsonl`): the level generated from `env_id` and seed equals Minigrid
//! 3.2.0's reset (grid, agent pose, carried object, box contents, mission, `max_steps`,
//! reset observation, rejection count), and recorded episodes replay identically from it.

use babyai_core::levels::compare::replay_from_seed;
use babyai_core::trace::parse_episode;
use babyai_core::{LEVEL_IDS, make};
use serde_json::Value;

mod reference;

fn image(v: &Value) -> [u8; 147] {
    let a = v.as_array().expect("image array");
    assert_eq!(a.len(), 147);
    core::array::from_fn(|i| a[i].as_u64().expect("int") as u8)
}

/// Replays every line of `file` from its seed; returns per-level `(id, passed, failed,
/// first failure)`.
fn replay_file(file: &str, text: &str) -> Vec<(String, usize, usize, Option<String>)> {
    let mut tally: Vec<(String, usize, usize, Option<String>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let ep = parse_episode(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", n + 1));
        let raw: Value = serde_json::from_str(line).unwrap();
        let reset_image = image(&raw["reset_image"]);
        let mut outcome = replay_from_seed(&ep, Some(&reset_image)).map_err(|e| e.to_string());
        if outcome.is_ok() {
            let mut level = make(&ep.env_id).unwrap();
            level.reset(ep.seed);
            if let Some(r) = raw["rejections"].as_u64()
                && u64::from(level.rejections()) != r
            {
                outcome = Err(format!(
                    "rejections: expected {r}, got {}",
                    level.rejections()
                ));
            }
            if let Some(t) = raw.get("true_image") {
                let mut img = [0u8; 147];
                level.env().observe(&mut img);
                if img != image(t) {
                    outcome = Err("true_image differs".to_string());
                }
            }
        }
        let i = match tally.iter().position(|t| t.0 == ep.env_id) {
            Some(i) => i,
            None => {
                tally.push((ep.env_id.clone(), 0, 0, None));
                tally.len() - 1
            }
        };
        match outcome {
            Ok(_) => tally[i].1 += 1,
            Err(e) => {
                tally[i].2 += 1;
                tally[i].3.get_or_insert(format!("seed {}: {e}", ep.seed));
            }
        }
    }
    tally
}

fn report(tally: &[(String, usize, usize, Option<String>)]) -> usize {
    let mut failed = 0;
    for (id, ok, bad, first) in tally {
        if *bad > 0 {
            failed += bad;
            eprintln!(
                "FAIL {id}: {ok} passed, {bad} failed; first: {}",
                first.as_deref().unwrap_or("")
            );
        }
    }
    failed
}

#[test]
fn every_level_resets_like_minigrid_for_20_seeds() {
    let Some(text) = reference::read("babyai/resets_public.jsonl") else {
        return;
    };
    let tally = replay_file("resets_public.jsonl", &text);
    let failed = report(&tally);
    assert_eq!(
        tally.len(),
        LEVEL_IDS.len(),
        "every level has recorded resets"
    );
    for id in LEVEL_IDS {
        let t = tally.iter().find(|t| t.0 == *id).expect("level recorded");
        assert_eq!(t.1 + t.2, 20, "{id}: 20 seeds");
    }
    assert_eq!(failed, 0);
}

#[test]
fn fixture_traces_replay_from_their_seeds() {
    let text = include_str!("fixtures/traces_small.jsonl");
    let tally = replay_file("traces_small.jsonl", text);
    let passed: usize = tally.iter().map(|t| t.1).sum();
    assert_eq!(report(&tally), 0);
    assert_eq!(passed, 12);
}

#[test]
fn public_traces_replay_from_their_seeds() {
    let Some(text) = reference::read("babyai/public_traces.jsonl") else {
        return;
    };
    let tally = replay_file("public_traces.jsonl", &text);
    let passed: usize = tally.iter().map(|t| t.1).sum();
    assert_eq!(report(&tally), 0);
    assert_eq!(passed, 287);
}
