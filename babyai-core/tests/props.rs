//! Property tests on imported reference states driven by random actions.

use babyai_core::trace::parse_episode;
use babyai_core::view::OBS_LEN;
use babyai_core::world::{Cell, ObjId, ObjKind};
use babyai_core::{Action, BabyEnv};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/traces_small.jsonl");

fn start(idx: usize) -> BabyEnv {
    let lines: Vec<&str> = FIXTURE.lines().collect();
    let ep = parse_episode(lines[idx % lines.len()]).unwrap();
    BabyEnv::from_recorded_state(&ep.state).unwrap()
}

/// Object ids present in the world (on the grid or carried), sorted.
fn present(env: &BabyEnv) -> Vec<ObjId> {
    let w = env.world();
    let mut v = Vec::new();
    for x in 0..w.grid.width() {
        for y in 0..w.grid.height() {
            if let Cell::Obj(id) = w.grid.get(x, y) {
                v.push(id);
            }
        }
    }
    v.extend(w.carrying);
    v.sort();
    v
}

fn actions() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..7, 0..150)
}

proptest! {
    #[test]
    fn agent_never_stands_in_a_wall_or_a_closed_door(idx in 0usize..12, acts in actions()) {
        let mut env = start(idx);
        for a in acts {
            let _ = env.step(Action::try_from(a).unwrap());
            let (x, y) = env.agent_pos();
            let ok = match env.world().grid.get(x, y) {
                Cell::Empty => true,
                Cell::Wall => false,
                Cell::Obj(id) => env.world().grid.obj(id).can_overlap(),
            };
            prop_assert!(ok, "agent on {:?}", env.world().grid.get(x, y));
        }
    }

    #[test]
    fn objects_are_conserved_except_an_opened_box(idx in 0usize..12, acts in actions()) {
        let mut env = start(idx);
        let mut before = present(&env);
        prop_assert!(before.windows(2).all(|w| w[0] != w[1]), "an object in two places");
        for a in acts {
            let action = Action::try_from(a).unwrap();
            let (fx, fy) = env.world().front_pos();
            let opened = match env.world().grid.get(fx, fy) {
                Cell::Obj(id) if action == Action::Toggle
                    && env.world().grid.obj(id).kind == ObjKind::Box =>
                {
                    Some((id, env.world().grid.obj(id).contains))
                }
                _ => None,
            };
            let _ = env.step(action);
            let after = present(&env);
            prop_assert!(after.windows(2).all(|w| w[0] != w[1]), "an object in two places");
            let mut expected = before.clone();
            if let Some((b, contents)) = opened {
                expected.retain(|&i| i != b);
                expected.extend(contents);
                expected.sort();
            }
            prop_assert_eq!(&after, &expected);
            before = after;
        }
    }

    #[test]
    fn a_clone_continues_identically(idx in 0usize..12, acts in actions(), split in 0usize..150) {
        let mut env = start(idx);
        let split = split.min(acts.len());
        for &a in &acts[..split] {
            let _ = env.step(Action::try_from(a).unwrap());
        }
        let mut twin = env.clone();
        let (mut i1, mut i2) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
        for &a in &acts[split..] {
            let action = Action::try_from(a).unwrap();
            let s1 = env.step(action);
            let s2 = twin.step(action);
            prop_assert_eq!(s1, s2);
            env.observe(&mut i1);
            twin.observe(&mut i2);
            prop_assert_eq!(i1, i2);
        }
        prop_assert_eq!(env, twin);
    }
}
