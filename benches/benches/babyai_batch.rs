//! Batch stepping of BabyAI levels: a `VecEnv` of 256 or 1024 envs with same-step auto-reset
//! and an observation per env per step, stepped serially (`threads_1`) and with `step_par` on
//! 2 shards with the timed loop running inside a 2-thread pool (`threads_2`). Throughput is
//! counted in env steps.
//!
//! 256 envs, as `gridhouse bench` by default: the auto-resets that fall unevenly on the two
//! halves of a batch cap two threads at ~1.82x for 64 envs of GoToLocal, ~1.90x for 256
//! (`profile_batch imbalance`), and 256 envs still fit one core's L2 cache. With 1024 envs
//! the fork/join cost of a call is spread over four times the work.
#![forbid(unsafe_code)]
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action, make};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use env_api::{AutoResetMode, BatchOut, VecEnv};
use std::hint::black_box;
use std::time::Instant;

/// The batch sizes measured.
const BATCHES: [usize; 2] = [256, 1024];

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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a 2-thread pool");
    for id in ["BabyAI-GoToLocal-v0", "BabyAI-BossLevel-v0"] {
        for (batch_size, threads) in BATCHES.into_iter().flat_map(|b| [(b, 1usize), (b, 2)]) {
            g.throughput(Throughput::Elements(batch_size as u64));
            let envs = vec![make(id).expect("registered level"); batch_size];
            let mut batch = VecEnv::new(envs, 1, AutoResetMode::SameStep);
            let mut obs = vec![[0u8; OBS_LEN]; batch_size];
            let mut rewards = vec![0.0; batch_size];
            let (mut term, mut trunc) = (vec![false; batch_size], vec![false; batch_size]);
            let mut actions = vec![Action::Forward; batch_size];
            let mut state = 0x9E37_79B9_7F4A_7C15u64;
            let mut call = |batch: &mut VecEnv<_>| {
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
                    batch.step_par(&actions, out, threads)
                };
                black_box(r.is_ok());
                black_box(&obs);
            };
            g.bench_function(format!("{id}/batch_{batch_size}/threads_{threads}"), |b| {
                // The loop runs on a thread of the pool: a call forks and joins there instead
                // of handing the batch to the pool and back.
                b.iter_custom(|iters| {
                    pool.install(|| {
                        let start = Instant::now();
                        for _ in 0..iters {
                            call(&mut batch);
                        }
                        start.elapsed()
                    })
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
