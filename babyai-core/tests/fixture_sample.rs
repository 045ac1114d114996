//! A checked-in sample of Minigrid 3.2.0 resets (seeds 0 and 13 of every level, from the
//! reference `resets_public.jsonl`) and a golden digest of generated states, so level
//! generation is pinned without the shared reference data.

use babyai_core::levels::compare::replay_from_seed;
use babyai_core::trace::parse_episode;
use babyai_core::{LEVEL_IDS, make};
use serde_json::Value;

const SAMPLE: &str = include_str!("fixtures/resets_sample.jsonl");

#[test]
fn sample_resets_match_for_every_level() {
    let mut seen: Vec<&str> = Vec::new();
    let mut n = 0;
    for (i, line) in SAMPLE.lines().enumerate() {
        let ep = parse_episode(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let raw: Value = serde_json::from_str(line).unwrap();
        let img: Vec<u8> = raw["reset_image"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u8)
            .collect();
        let img: [u8; 147] = img.try_into().unwrap();
        if let Err(e) = replay_from_seed(&ep, Some(&img)) {
            panic!("{} seed {}: {e}", ep.env_id, ep.seed);
        }
        let id = LEVEL_IDS.iter().find(|id| **id == ep.env_id).unwrap();
        if !seen.contains(id) {
            seen.push(id);
        }
        n += 1;
    }
    assert_eq!(n, 2 * LEVEL_IDS.len());
    assert_eq!(seen.len(), LEVEL_IDS.len());
}

/// FNV-1a, 64 bit.
struct Fnv(u64);

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
}

/// Digest of the reset states of every level for seeds 0..10: grid encodings, agent pose,
/// carried object, mission, `max_steps` and the reset image.
fn digest() -> u64 {
    let mut h = Fnv(0xCBF2_9CE4_8422_2325);
    for id in LEVEL_IDS {
        let mut level = make(id).unwrap();
        for seed in 0..10 {
            level.reset(seed);
            let env = level.env();
            let w = env.world();
            h.write(id.as_bytes());
            h.write(&seed.to_le_bytes());
            for y in 0..w.grid.height() {
                for x in 0..w.grid.width() {
                    h.write(&w.grid.encode_cell(x, y));
                }
            }
            h.write(&w.agent_pos.0.to_le_bytes());
            h.write(&w.agent_pos.1.to_le_bytes());
            h.write(&[w.agent_dir as u8]);
            h.write(&env.carrying().map_or([0; 3], |o| o.encode()));
            h.write(env.mission().as_bytes());
            h.write(&env.max_steps().to_le_bytes());
            let mut img = [0u8; 147];
            level.reset_image(&mut img);
            h.write(&img);
        }
    }
    h.0
}

/// Changing level generation (or the RNG) changes this value: only update it together with
/// a reference check (`gridhouse replay babyai .../resets_public.jsonl`).
const GOLDEN: u64 = 0x2a70_8c13_b671_dde1;

#[test]
fn golden_digest_of_generated_states() {
    let d = digest();
    assert_eq!(d, GOLDEN, "digest {d:#018x}");
}

#[test]
fn registry_geometry_agrees_with_the_import_layouts() {
    use babyai_core::levels::registry::LEVELS;
    use babyai_core::world::RoomLayout;
    assert_eq!(LEVELS.len(), 96);
    for l in LEVELS {
        let want = RoomLayout::new(l.room_size as u8, l.num_rows as u8, l.num_cols as u8);
        assert_eq!(babyai_core::level_layout(l.id), Some(want), "{}", l.id);
        let level = make(l.id).unwrap();
        let grid = &level.env().world().grid;
        assert_eq!((grid.width(), grid.height()), (want.width(), want.height()));
    }
}
