//! BabyAI step throughput: a random-action loop with an observation every step, on states
//! imported from a GoToLocal and a BossLevel reference trace (the checked-in fixture).
//! In `random_step_observe` an episode that ends is restarted from a clone of its imported
//! state; `random_step_observe_no_restart` times the engine alone.
#![forbid(unsafe_code)]
use babyai_core::trace::parse_episode;
use babyai_core::view::OBS_LEN;
use babyai_core::{Action, BabyEnv};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const FIXTURE: &str = include_str!("../../babyai-core/tests/fixtures/traces_small.jsonl");

fn imported(env_id: &str) -> BabyEnv {
    let ep = FIXTURE
        .lines()
        .filter_map(|l| parse_episode(l).ok())
        .find(|e| e.env_id == env_id)
        .expect("level in the fixture");
    BabyEnv::from_recorded_state(&ep.state).expect("importable state")
}

/// xorshift64*: a tiny deterministic action source for the benchmark loop.
struct Actions(u64);

impl Actions {
    fn next(&mut self) -> Action {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let r = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32;
        Action::try_from((r % 7) as u8).unwrap_or(Action::Done)
    }
}

fn bench_step(c: &mut Criterion) {
    let mut g = c.benchmark_group("babyai_step");
    g.throughput(Throughput::Elements(1));
    for id in ["BabyAI-GoToLocal-v0", "BabyAI-BossLevel-v0"] {
        let start = imported(id);
        let mut env = start.clone();
        let mut rng = Actions(0x9E37_79B9_7F4A_7C15);
        let mut obs = [0u8; OBS_LEN];
        g.bench_function(format!("{id}/random_step_observe"), |b| {
            b.iter(|| {
                let s = env.step(rng.next());
                env.observe(&mut obs);
                if s.terminated || s.truncated {
                    env = start.clone();
                }
                black_box(&obs);
            })
        });
        // The engine alone: no restarts (stepping past an episode's end is allowed and
        // continues the dynamics), so no clone is ever timed.
        let mut env = start.clone();
        g.bench_function(format!("{id}/random_step_observe_no_restart"), |b| {
            b.iter(|| {
                let s = env.step(rng.next());
                env.observe(&mut obs);
                black_box(&obs);
                black_box(s.reward);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_step);
criterion_main!(benches);
