//! Throughput of the expert bot: whole BossLevel episodes (bot decisions plus env steps).
#![forbid(unsafe_code)]
use babyai_core::bot::Bot;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn episode(env: &mut babyai_core::LevelEnv, seed: u64) -> u32 {
    env.reset(seed);
    let mut bot = Bot::new(env.env());
    loop {
        let step = env.step(bot.act(env.env()));
        if step.terminated || step.truncated {
            return env.env().step_count();
        }
    }
}

fn bench_bot(c: &mut Criterion) {
    let mut env = babyai_core::make("BabyAI-BossLevel-v0").expect("BossLevel is registered");
    let seeds = 0..10u64;
    let mut group = c.benchmark_group("bot");
    group.throughput(Throughput::Elements(seeds.end - seeds.start));
    group.bench_function("bosslevel_10_episodes", |b| {
        b.iter(|| {
            let mut steps = 0;
            for seed in seeds.clone() {
                steps += episode(&mut env, black_box(seed));
            }
            black_box(steps)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_bot);
criterion_main!(benches);
