//! Batch stepping, taken apart: what a parallel call costs beyond its work, how unevenly
//! auto-resets load two shards, and a fixed amount of batch work for `perf stat`.
//!
//! `cargo run --release -p gridhouse-benches --example profile_batch -- MODE ...`
//!
//! * `overhead BATCH CALLS`: envs that do (almost) nothing, so a call's time is its
//!   overhead: `step` (serial), `step_par` on 2 shards from inside a 2-thread pool (the whole
//!   loop in one `install`), and `step_par` with one `install` per call (a hand-off from a
//!   thread outside the pool and back). Prints ns per call.
//! * `imbalance LEVEL BATCH CALLS STEP_COST RESET_COST`: steps the batch serially (same-step
//!   auto-reset, observation every step) and charges each env `STEP_COST`, plus `RESET_COST`
//!   when it auto-reset, per call (instructions measured with callgrind on `profile_babyai`;
//!   defaults: GoToLocal's). Prints `sum(a + b) / sum(max(a, b))` over the two halves `a`, `b`:
//!   the best speedup two contiguous shards can reach given how unevenly resets fall on them;
//!   and the same for eight contiguous pieces each taken by whichever of two workers is free
//!   first (what finer shards with work stealing could reach).
//!   A model, so other load on the machine does not disturb it.
//! * `run LEVEL BATCH CALLS THREADS`: the `babyai_batch` criterion loop for a fixed number of
//!   calls (THREADS 1: `step`; more: `step_par` inside a pool of that many threads), for
//!   `perf stat -e task-clock` (CPU time against wall time).
//! * `front LEVEL BATCH CALLS`: the same loop through the front door (`gridhouse::Batch`,
//!   serial), to compare its instructions with `run` under callgrind.
#![forbid(unsafe_code)]
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action, make};
use env_api::{AutoResetMode, BatchOut, Env, Observe, Step, VecEnv};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// An env whose step is a few instructions.
#[derive(Clone, Default)]
struct Idle(u64);

impl Env for Idle {
    type Action = u8;
    fn reset(&mut self, seed: u64) {
        self.0 = seed;
    }
    fn step(&mut self, action: u8) -> Step {
        self.0 = self.0.wrapping_add(u64::from(action));
        Step::default()
    }
}

impl Observe for Idle {
    type Obs = u64;
    fn observe(&self, out: &mut u64) {
        *out = self.0;
    }
}

/// Output buffers of a batch of `n`.
struct Outs<O> {
    obs: Vec<O>,
    rewards: Vec<f64>,
    terminated: Vec<bool>,
    truncated: Vec<bool>,
}

impl<O: Clone> Outs<O> {
    fn new(n: usize, blank: O) -> Self {
        Outs {
            obs: vec![blank; n],
            rewards: vec![0.0; n],
            terminated: vec![false; n],
            truncated: vec![false; n],
        }
    }

    fn out(&mut self) -> BatchOut<'_, O> {
        BatchOut {
            obs: &mut self.obs,
            rewards: &mut self.rewards,
            terminated: &mut self.terminated,
            truncated: &mut self.truncated,
        }
    }
}

/// xorshift64*: the action source of the `babyai_batch` bench.
fn fill_actions(state: &mut u64, actions: &mut [Action]) {
    for a in actions {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32;
        *a = ACTIONS[(r % 7) as usize];
    }
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, default: T) -> T {
    args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

fn overhead(n: usize, calls: usize) {
    let mut batch = VecEnv::new(vec![Idle::default(); n], 1, AutoResetMode::SameStep);
    let mut outs = Outs::new(n, 0u64);
    let actions = vec![1u8; n];
    let pool = pool(2);
    let per_call = |d: Duration| d.as_nanos() as f64 / calls as f64;
    let start = Instant::now();
    for _ in 0..calls {
        black_box(batch.step(black_box(&actions), outs.out()).is_ok());
    }
    let serial = per_call(start.elapsed());
    let inside = pool.install(|| {
        let start = Instant::now();
        for _ in 0..calls {
            black_box(batch.step_par(black_box(&actions), outs.out(), 2).is_ok());
        }
        per_call(start.elapsed())
    });
    let start = Instant::now();
    for _ in 0..calls {
        let out = outs.out();
        black_box(
            pool.install(|| batch.step_par(black_box(&actions), out, 2))
                .is_ok(),
        );
    }
    let outside = per_call(start.elapsed());
    println!(
        "batch {n}: ns per call: step {serial:.0}, step_par(2) inside the pool {inside:.0}, one install per call {outside:.0}"
    );
}

fn imbalance(id: &str, n: usize, calls: usize, step_cost: f64, reset_cost: f64) {
    let mut batch = VecEnv::new(
        vec![make(id).expect("level"); n],
        1,
        AutoResetMode::SameStep,
    );
    let mut outs = Outs::new(n, [0u8; OBS_LEN]);
    let mut actions = vec![Action::Forward; n];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let (mut sum, mut max, mut greedy, mut resets) = (0.0, 0.0, 0.0, 0u64);
    let mut work = vec![0.0; n];
    for _ in 0..calls {
        fill_actions(&mut state, &mut actions);
        black_box(batch.step(&actions, outs.out()).is_ok());
        for (i, (&t, &u)) in outs.terminated.iter().zip(&outs.truncated).enumerate() {
            let reset = t || u;
            resets += u64::from(reset);
            work[i] = step_cost + if reset { reset_cost } else { 0.0 };
        }
        let half: f64 = work[..n / 2].iter().sum();
        let all: f64 = work.iter().sum();
        sum += all;
        max += half.max(all - half);
        // Eight contiguous pieces, each taken by whichever of two workers is free first.
        let mut free = [0.0f64; 2];
        for piece in work.chunks(n.div_ceil(8)) {
            let w = usize::from(free[1] < free[0]);
            free[w] += piece.iter().sum::<f64>();
        }
        greedy += free[0].max(free[1]);
    }
    let steps = (n * calls) as f64;
    println!(
        "{id} batch {n}: one reset per {:.1} steps, resets {:.0}% of the work, best speedup with 2 shards {:.3}, with 8 pieces on 2 workers {:.3}",
        steps / resets as f64,
        100.0 * resets as f64 * reset_cost / sum,
        sum / max,
        sum / greedy
    );
}

fn front(id: &str, n: usize, calls: usize) {
    let mut batch =
        gridhouse::Batch::new(id, n, 1, AutoResetMode::SameStep, 1).expect("a known id");
    let mut obs = vec![[0u8; OBS_LEN]; n];
    let (mut rewards, mut terminated, mut truncated) =
        (vec![0.0; n], vec![false; n], vec![false; n]);
    let mut actions = vec![Action::Forward; n];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let start = Instant::now();
    for _ in 0..calls {
        fill_actions(&mut state, &mut actions);
        let out = gridhouse::batch_out(&mut obs, &mut rewards, &mut terminated, &mut truncated);
        black_box(batch.step(&actions, out, None).is_ok());
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{id} front-door batch {n} x{calls}: {:.2}M steps/s (wall)",
        (n * calls) as f64 / secs / 1e6
    );
}

fn run(id: &str, n: usize, calls: usize, threads: usize) {
    let mut batch = VecEnv::new(
        vec![make(id).expect("level"); n],
        1,
        AutoResetMode::SameStep,
    );
    let mut outs = Outs::new(n, [0u8; OBS_LEN]);
    let mut actions = vec![Action::Forward; n];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let pool = pool(threads);
    let start = Instant::now();
    pool.install(|| {
        for _ in 0..calls {
            fill_actions(&mut state, &mut actions);
            let r = if threads == 1 {
                batch.step(&actions, outs.out())
            } else {
                batch.step_par(&actions, outs.out(), threads)
            };
            black_box(r.is_ok());
        }
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{id} batch {n} x{calls} on {threads} threads: {:.2}M steps/s (wall)",
        (n * calls) as f64 / secs / 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let level = |i: usize| args.get(i).map_or("BabyAI-GoToLocal-v0", String::as_str);
    match args.get(1).map_or("", String::as_str) {
        "overhead" => overhead(arg(&args, 2, 64), arg(&args, 3, 100_000)),
        "imbalance" => imbalance(
            level(2),
            arg(&args, 3, 64),
            arg(&args, 4, 2_000),
            arg(&args, 5, 1_944.0),
            arg(&args, 6, 20_600.0),
        ),
        "front" => front(level(2), arg(&args, 3, 64), arg(&args, 4, 2_000)),
        "run" => run(
            level(2),
            arg(&args, 3, 64),
            arg(&args, 4, 2_000),
            arg(&args, 5, 1),
        ),
        _ => {
            eprintln!(
                "modes: overhead BATCH CALLS | imbalance LEVEL BATCH CALLS STEP_COST RESET_COST | run LEVEL BATCH CALLS THREADS | front LEVEL BATCH CALLS"
            );
            std::process::exit(2);
        }
    }
}
