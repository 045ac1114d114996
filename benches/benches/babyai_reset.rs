//! Reset throughput of BabyAI levels: generating a level from a seed exactly as Minigrid's
//! `reset(seed=seed)` (grid, objects, mission, verifier binding, reset observation).
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
    group.finish();
}

criterion_group!(benches, bench_reset);
criterion_main!(benches);
