//! Stepping and observing never allocate (a counting global allocator watches them).

use babyai_core::trace::parse_episode;
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, BabyEnv};

mod counting;
use counting::allocs;

#[test]
fn step_and_observe_do_not_allocate() {
    let fixture = include_str!("fixtures/traces_small.jsonl");
    let mut envs: Vec<BabyEnv> = fixture
        .lines()
        .map(|l| BabyEnv::from_recorded_state(&parse_episode(l).unwrap().state).unwrap())
        .collect();
    let mut obs = [0u8; OBS_LEN];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let before = allocs();
    for env in &mut envs {
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let _ = env.step(ACTIONS[(x % 7) as usize]);
            env.observe(&mut obs);
        }
    }
    assert_eq!(allocs(), before);
    // The counter sees this thread's allocations.
    let probe = std::hint::black_box(vec![0u8; 64]);
    assert_eq!(allocs(), before + 1, "{}", probe.len());
}
