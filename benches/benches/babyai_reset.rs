//! Reset throughput of BabyAI levels: generating a level from a seed exactly as Minigrid's
//! `reset(seed=seed)` (grid, objects, mission, verifier binding, reset observation), for
//! GoToLocal, BossLevel and a mix cycling through all registered levels.
#![forbid(unsafe_code)]
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_reset(c: &mut Criterion) {
    let mut group = c.benchmark_group("babyai_reset");
    group.throughput(Throughput::Elements(1));
    for id in ["BabyAI-GoToLocal-v0", "BabyAI-BossLevel-v0"] {
        let mut level = babyai_core::make(id).expect("registered level");
        let mut seed = 0u64;
        group.bench_function(id, |b| {
            b.iter(|| {
                seed = seed.wrapping_add(1);
                level.reset(black_box(seed));
                black_box(level.env().max_steps())
            })
        });
    }
    // Every registered level in turn, each cycling through seeds 0..100: the mix a
    // multi-task learner resets through. The seeds are fixed (0..100) so the mix is the
    // same on every run; no seed hangs (`docs/BABYAI_RESET_HANG.md`).
    let mut levels: Vec<_> = babyai_core::LEVEL_IDS
        .iter()
        .map(|id| babyai_core::make(id).expect("registered level"))
        .collect();
    let mut k = 0usize;
    group.bench_function("all_level_mix", |b| {
        b.iter(|| {
            k = k.wrapping_add(1);
            let level = &mut levels[k % babyai_core::LEVEL_IDS.len()];
            level.reset(black_box((k / babyai_core::LEVEL_IDS.len() % 100) as u64));
            black_box(level.env().max_steps())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_reset);
criterion_main!(benches);
