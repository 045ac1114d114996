//! A reset regenerates the level into the previous episode's grid and object table: what
//! is still allocated per reset (mission text, verifier match lists, generation scratch
//! lists) is counted here and held under a bound, so a regression shows.

use babyai_core::make;

mod counting;
use counting::allocs;

/// Mean allocations per reset of `id` over seeds `1..=n`, after a warm-up reset.
fn allocs_per_reset(id: &str, n: u64) -> f64 {
    let mut env = make(id).unwrap();
    env.reset(0);
    let before = allocs();
    for seed in 1..=n {
        env.reset(seed);
    }
    (allocs() - before) as f64 / n as f64
}

#[test]
fn resets_allocate_only_mission_verifier_and_scratch() {
    // (level, bound): today's counts (4.1, 5.2, 9.9) with a little headroom: the mission
    // text and the verifier's two lists (exact sizes, kept for the episode), the
    // instruction's boxes, and the generator's remaining scratch lists (the placeholder
    // world, room lists, mission buffer and bind-time snapshot are per-thread spares).
    let cases = [
        ("BabyAI-GoToLocal-v0", 5.0),
        ("BabyAI-PickupLoc-v0", 6.0),
        ("BabyAI-BossLevel-v0", 12.0),
    ];
    for (id, bound) in cases {
        let mean = allocs_per_reset(id, 300);
        println!("{id}: {mean:.1} allocations per reset");
        assert!(mean <= bound, "{id}: {mean:.1} allocations per reset");
    }
    // The counter sees this thread's allocations.
    let before = allocs();
    let probe = std::hint::black_box(vec![0u8; 64]);
    assert_eq!(allocs(), before + 1, "{}", probe.len());
}
