//! BALROG's `BabyAI-MixedTrainLocal-v0/<kind>` against the recorded `mixed_public.jsonl`
//! (5 kinds x 40 seeds, num_dists 0): reset state, mission, max_steps, rejections, then every
//! recorded step (image, direction, reward, flags and BALROG's text).

use babyai_core::balrog::{BALROG_TASKS, MixedKind, MixedTrainLocal, generate};
use babyai_core::{Action, view::OBS_LEN};
use serde_json::Value;

mod reference;

/// Ten lines of `mixed_public.jsonl`, seeds 0 and 2 of every kind (`tests/fixtures/README.md`).
const FIXTURE: &str = include_str!("fixtures/mixed_sample.jsonl");

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_i64().expect("int"))
        .collect()
}

/// The first difference between the generated episode and the recorded line, if any.
fn check(rec: &Value) -> Result<usize, String> {
    let kind = MixedKind::from_name(rec["kind"].as_str().unwrap()).ok_or("kind")?;
    let seed = rec["seed"].as_u64().unwrap();
    let num_dists = rec["num_dists"].as_u64().unwrap() as usize;
    let g = generate(kind, num_dists, seed).map_err(|e| e.to_string())?;
    let mut env = g.env;
    let w = env.world();
    for (y, row) in rec["grid"].as_array().unwrap().iter().enumerate() {
        for (x, cell) in row.as_array().unwrap().iter().enumerate() {
            let want: Vec<u8> = ints(cell).into_iter().map(|v| v as u8).collect();
            let got = w.grid.encode_cell(x as i32, y as i32);
            if want != got {
                return Err(format!("cell ({x},{y}): want {want:?}, got {got:?}"));
            }
        }
    }
    let pos = ints(&rec["agent_pos"]);
    if (pos[0] as i32, pos[1] as i32) != env.agent_pos() {
        return Err(format!("agent_pos {pos:?} vs {:?}", env.agent_pos()));
    }
    if rec["agent_dir"].as_u64().unwrap() != env.agent_dir() as u64 {
        return Err("agent_dir".into());
    }
    if rec["mission"].as_str().unwrap() != env.mission() {
        return Err(format!(
            "mission {:?} vs {:?}",
            rec["mission"],
            env.mission()
        ));
    }
    if rec["max_steps"].as_u64().unwrap() != u64::from(env.max_steps()) {
        return Err("max_steps".into());
    }
    if rec["rejections"].as_u64().unwrap() != u64::from(g.rejections) {
        return Err(format!(
            "rejections {} vs {}",
            rec["rejections"], g.rejections
        ));
    }
    let mut image = [0u8; OBS_LEN];
    let mut text = String::new();
    env.observe(&mut image);
    env.balrog_text(&mut text);
    if ints(&rec["reset_image"]) != image.iter().map(|&v| i64::from(v)).collect::<Vec<_>>() {
        return Err("reset_image".into());
    }
    if rec["reset_text"].as_str().unwrap() != text {
        return Err(format!("reset_text {:?} vs {text:?}", rec["reset_text"]));
    }
    let steps = rec["steps"].as_array().unwrap();
    for (i, s) in steps.iter().enumerate() {
        let a = Action::try_from(s["action"].as_u64().unwrap() as u8).map_err(|e| e.to_string())?;
        let step = env.step(a);
        env.observe(&mut image);
        text.clear();
        env.balrog_text(&mut text);
        let same_image =
            ints(&s["image"]) == image.iter().map(|&v| i64::from(v)).collect::<Vec<_>>();
        if !same_image
            || s["direction"].as_u64().unwrap() != env.agent_dir() as u64
            || (s["reward"].as_f64().unwrap() - step.reward).abs() > 1e-9
            || s["terminated"].as_bool().unwrap() != step.terminated
            || s["truncated"].as_bool().unwrap() != step.truncated
            || s["text"].as_str().unwrap() != text
        {
            return Err(format!("step {i} differs"));
        }
    }
    Ok(steps.len())
}

#[test]
fn fixture_mixed_episodes_match() {
    assert_eq!(check_all(FIXTURE), 10);
}

#[test]
fn every_recorded_mixed_episode_matches() {
    let Some(data) = reference::read("babyai/mixed_public.jsonl") else {
        return;
    };
    assert_eq!(check_all(&data), 200);
}

/// Checks every line of `data`; returns how many episodes matched (all, or it panics).
fn check_all(data: &str) -> usize {
    let (mut ok, mut steps, mut bad) = (0, 0, Vec::new());
    for (n, line) in data.lines().enumerate() {
        let rec: Value = serde_json::from_str(line).unwrap();
        match check(&rec) {
            Ok(k) => {
                ok += 1;
                steps += k;
            }
            Err(e) => bad.push(format!(
                "line {} ({} seed {}): {e}",
                n + 1,
                rec["env_id"],
                rec["seed"]
            )),
        }
    }
    eprintln!("{ok} episodes, {steps} steps match");
    assert!(
        bad.is_empty(),
        "{} mismatches, first: {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
    ok
}

#[test]
fn ids_and_kinds() {
    for id in BALROG_TASKS {
        let env = MixedTrainLocal::from_id(id).unwrap();
        assert_eq!(
            format!(
                "{}/{}",
                babyai_core::balrog::MIXED_TRAIN_LOCAL,
                env.kind().name()
            ),
            id
        );
    }
    let err = MixedTrainLocal::from_id("BabyAI-MixedTrainLocal-v0/fly").unwrap_err();
    assert!(err.to_string().contains("unknown BALROG task"));
    assert!(MixedTrainLocal::from_id("BabyAI-GoTo-v0").is_err());
    assert_eq!(
        MixedKind::from_name("pick up seq go to"),
        Some(MixedKind::PickUpSeqGoTo)
    );
}
