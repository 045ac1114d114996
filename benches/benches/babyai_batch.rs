//! Batch stepping of BabyAI levels: a `VecEnv` of 64 envs with same-step auto-reset and an
//! observation per env per step, stepped serially (`threads_1`) and with `step_par` in a
//! 2-thread pool (`threads_2`). Throughput is counted in env steps.
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action, make};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use env_api::{AutoResetMode, BatchOut, VecEnv};
use std::hint::black_box;

const BATCH: usize = 64;

/// xorshift64*: a tiny deterministic action source for the benchmark loop.
fn fill_actions(state: &mut u64, actions: &mut [Action]) {
    for a in actions {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32;
        *a = ACTIONS[(r % 7) as usize];
    }
}

fn bench_batch(c: &mut Criterion) {
    let mut g = c.benchmark_group("babyai_batch");
    g.throughput(Throughput::Elements(BATCH as u64));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a 2-thread pool");
    for id in ["BabyAI-GoToLocal-v0", "BabyAI-BossLevel-v0"] {
        for threads in [1usize, 2] {
            let envs = vec![make(id).expect("registered level"); BATCH];
            let mut batch = VecEnv::new(envs, 1, AutoResetMode::SameStep);
            let mut obs = vec![[0u8; OBS_LEN]; BATCH];
            let mut rewards = vec![0.0; BATCH];
            let (mut term, mut trunc) = (vec![false; BATCH], vec![false; BATCH]);
            let mut actions = vec![Action::Forward; BATCH];
            let mut state = 0x9E37_79B9_7F4A_7C15u64;
            g.bench_function(format!("{id}/threads_{threads}"), |b| {
                b.iter(|| {
                    fill_actions(&mut state, &mut actions);
                    let out = BatchOut {
                        obs: &mut obs,
                        rewards: &mut rewards,
                        terminated: &mut term,
                        truncated: &mut trunc,
                    };
                    let r = if threads == 1 {
                        batch.step(&actions, out)
                    } else {
                        pool.install(|| batch.step_par(&actions, out, threads))
                    };
                    black_box(r.is_ok());
                    black_box(&obs);
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
