//! Every level x 20 seeds: the generated reset state equals Minigrid 3.2.0's
//! (`resets_public.jsonl`): grid, agent pose, carried object, box contents, mission,
//! `max_steps` and the number of rejected samples.

use babyai_core::levels::Generated;
use babyai_core::levels::registry::{LEVELS, find};
use serde_json::Value;

const RESETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/babyai/resets_public.jsonl"
);

fn enc(v: &Value) -> [u8; 3] {
    let a = v.as_array().expect("triple");
    [0, 1, 2].map(|i| a[i].as_u64().expect("int") as u8)
}

/// The first difference between a generated state and a recorded one, if any.
pub fn diff(g: &Generated, rec: &Value) -> Option<String> {
    let w = &g.world;
    if rec["width"].as_u64() != Some(w.width as u64)
        || rec["height"].as_u64() != Some(w.height as u64)
    {
        return Some(format!("size {}x{}", w.width, w.height));
    }
    let grid = g.encoded_grid();
    for (y, row) in rec["grid"].as_array().unwrap().iter().enumerate() {
        for (x, cell) in row.as_array().unwrap().iter().enumerate() {
            let want = enc(cell);
            let got = grid[y * w.width + x];
            if want != got {
                return Some(format!("cell ({x},{y}): got {got:?}, want {want:?}"));
            }
        }
    }
    let pos = [w.agent_pos.0, w.agent_pos.1];
    let want_pos: Vec<i64> = rec["agent_pos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    if want_pos != pos {
        return Some(format!("agent_pos: got {pos:?}, want {want_pos:?}"));
    }
    if rec["agent_dir"].as_u64() != Some(u64::from(w.agent_dir)) {
        return Some(format!(
            "agent_dir: got {}, want {}",
            w.agent_dir, rec["agent_dir"]
        ));
    }
    let carrying = g.carrying.map(|o| w.objs[o as usize].encode());
    let want_carry = if rec["carrying"].is_null() {
        None
    } else {
        Some(enc(&rec["carrying"]))
    };
    if carrying != want_carry {
        return Some(format!("carrying: got {carrying:?}, want {want_carry:?}"));
    }
    let boxes = g.box_contents();
    let want_boxes: Vec<(Option<(usize, usize)>, [u8; 3])> = rec["box_contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let p = b["pos"].as_array().map(|p| {
                (
                    p[0].as_u64().unwrap() as usize,
                    p[1].as_u64().unwrap() as usize,
                )
            });
            (p, enc(&b["obj"]))
        })
        .collect();
    if boxes != want_boxes {
        return Some(format!("box_contents: got {boxes:?}, want {want_boxes:?}"));
    }
    if rec["mission"].as_str() != Some(g.mission.as_str()) {
        return Some(format!(
            "mission: got {:?}, want {}",
            g.mission, rec["mission"]
        ));
    }
    if rec["max_steps"].as_u64() != Some(u64::from(g.max_steps)) {
        return Some(format!(
            "max_steps: got {}, want {}",
            g.max_steps, rec["max_steps"]
        ));
    }
    if rec["rejections"].as_u64() != Some(u64::from(g.rejections)) {
        return Some(format!(
            "rejections: got {}, want {}",
            g.rejections, rec["rejections"]
        ));
    }
    None
}

#[test]
fn every_level_matches_minigrid_for_20_seeds() {
    let text = std::fs::read_to_string(RESETS).expect("resets_public.jsonl readable");
    let mut per_level: Vec<(&str, usize, usize, Option<String>)> =
        LEVELS.iter().map(|l| (l.id, 0, 0, None)).collect();
    for line in text.lines() {
        let rec: Value = serde_json::from_str(line).expect("valid json line");
        let id = rec["env_id"].as_str().unwrap();
        let seed = rec["seed"].as_u64().unwrap();
        let spec = find(id).unwrap_or_else(|| panic!("unknown level {id}"));
        let g = spec.generate(seed);
        let entry = per_level.iter_mut().find(|e| e.0 == id).unwrap();
        match diff(&g, &rec) {
            None => entry.1 += 1,
            Some(d) => {
                entry.2 += 1;
                if entry.3.is_none() {
                    entry.3 = Some(format!("seed {seed}: {d}"));
                }
            }
        }
    }
    let mut failed = 0;
    for (id, ok, bad, first) in &per_level {
        if *bad > 0 || *ok == 0 {
            failed += 1;
            eprintln!(
                "FAIL {id}: {ok} ok, {bad} differ; first: {}",
                first.as_deref().unwrap_or("no records")
            );
        }
    }
    eprintln!(
        "{} levels match, {failed} levels differ",
        per_level.len() - failed
    );
    assert_eq!(failed, 0);
}
