//! Bad input never panics: mission text, trace lines and recorded states.

use babyai_core::instr::parse_mission;
use babyai_core::trace::{parse_episode, replay_from_state};
use babyai_core::world::RoomLayout;
use babyai_core::{ACTIONS, BabyEnv, BoxContent, RecordedState};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/traces_small.jsonl");

fn words() -> impl Strategy<Value = String> {
    let vocab = prop::sample::select(vec![
        "go", "to", "the", "a", "red", "ball", "key", "box", "door", "object", "pick", "up",
        "open", "put", "next", "and", ",", "then", "after", "you", "on", "your", "left", "behind",
        "in", "front", "of", "grey", "", "é",
    ]);
    prop::collection::vec(vocab, 0..14).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics(s in ".{0,80}", w in words()) {
        let _ = parse_mission(&s);
        let _ = parse_mission(&w);
    }

    #[test]
    fn damaged_trace_lines_never_panic(line in 0usize..12, cut in 0usize..4000, byte in 0u8..128) {
        let text = FIXTURE.lines().nth(line).unwrap();
        let mut bytes = text.as_bytes()[..cut.min(text.len())].to_vec();
        bytes.push(byte);
        bytes.extend_from_slice(&text.as_bytes()[cut.min(text.len())..]);
        if let Ok(s) = String::from_utf8(bytes)
            && let Ok(ep) = parse_episode(&s) {
                let _ = replay_from_state(&ep);
            }
    }

    #[test]
    fn arbitrary_recorded_states_import_or_fail_cleanly(
        n in 1usize..9,
        cells in prop::collection::vec(cell(), 64),
        agent in (-1i32..9, -1i32..9),
        dir in 0u8..5,
        carrying in prop::option::of(cell()),
        boxes in prop::collection::vec((prop::option::of((-1i32..9, -1i32..9)), cell()), 0..3),
        mission in prop_oneof![
            words(),
            prop::sample::select(vec![
                "go to the red ball".to_string(),
                "pick up a grey object".to_string(),
                "open the door, then put the key next to a box".to_string(),
                "go to the ball in front of you and pick up the box on your left".to_string(),
            ]),
        ],
        max_steps in 0u32..5,
        acts in prop::collection::vec(0usize..7, 0..40),
    ) {
        let s = RecordedState {
            width: n,
            height: n,
            grid: cells[..n * n].to_vec(),
            box_contents: boxes.iter().map(|&(pos, obj)| BoxContent { pos, obj }).collect(),
            agent_pos: agent,
            agent_dir: dir,
            carrying,
            mission,
            max_steps,
            // Built directly (not with `new`), so degenerate room sizes are exercised too.
            layout: RoomLayout { room_size: n as u8, num_rows: 1, num_cols: 1 },
            env_id: String::new(),
        };
        if let Ok(mut env) = BabyEnv::from_recorded_state(&s) {
            let mut obs = [0u8; 147];
            for a in acts {
                let _ = env.step(ACTIONS[a]);
                env.observe(&mut obs);
            }
        }
    }
}

/// Mostly valid cell encodings, sometimes garbage.
fn cell() -> impl Strategy<Value = [u8; 3]> {
    prop_oneof![
        6 => Just([1u8, 0, 0]),
        2 => Just([2u8, 5, 0]),
        2 => (4u8..8, 0u8..6, 0u8..3).prop_map(|(a, b, c)| [a, b, if a == 4 { c } else { 0 }]),
        1 => (0u8..12, 0u8..8, 0u8..4).prop_map(|(a, b, c)| [a, b, c]),
    ]
}
