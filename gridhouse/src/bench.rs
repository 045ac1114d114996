//! `gridhouse bench`: random-policy rollouts with auto-reset, timed per env id.
//!
//! Each env id is resolved to a [`Target`] (one variant per engine). Every engine is measured
//! by the same generic code ([`measure`]) over any `Env + Observe` type, so another engine
//! plugs in with one variant, its resolution in [`Target::resolve`] and one arm in
//! [`Target::measure`]:
//!
//! * the step loop: a [`VecEnv`] of `batch` envs in [`AutoResetMode::SameStep`], stepped with
//!   uniformly random actions from a fixed-seed `ChaCha8Rng`, an observation written for
//!   every env every step; on more than one thread the batch is stepped with
//!   [`VecEnv::step_par`] (one shard per thread) in a pool of that many threads;
//! * the reset loop, timed separately: each thread resets its own env with consecutive seeds.
//!
//! Steps/s counts env steps (resets done by auto-reset included in the time); episodes/s
//! counts episodes that ended during the step loop; resets/s comes from the reset loop.

use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action, LevelEnv};
use env_api::{AutoResetMode, BatchOut, Env, Observe, VecEnv};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

/// The env ids measured when `gridhouse bench` is given none: BabyAI levels from the
/// simplest single room to the largest mission language.
pub const DEFAULT_ENVS: &[&str] = &[
    "BabyAI-GoToRedBallGrey-v0",
    "BabyAI-GoToLocal-v0",
    "BabyAI-PickupLoc-v0",
    "BabyAI-PutNextLocal-v0",
    "BabyAI-GoTo-v0",
    "BabyAI-Synth-v0",
    "BabyAI-BossLevel-v0",
];

/// The seed of the batch and of the action source: fixed, so runs do the same work.
const SEED: u64 = 0x6772_6964_686F_7573;

/// What to run and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Wall-clock time of each loop (step loop, then reset loop).
    pub seconds: f64,
    /// Worker threads (1 = the serial path).
    pub threads: usize,
    /// Envs in the batch.
    pub batch: usize,
}

/// The measured rates of one env id.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// The env id.
    pub env: String,
    /// Threads used.
    pub threads: usize,
    /// Env steps per second in the step loop (auto-resets included).
    pub steps_per_sec: f64,
    /// Resets per second in the reset loop.
    pub resets_per_sec: f64,
    /// Episodes ended per second in the step loop.
    pub episodes_per_sec: f64,
    /// What each step produced (`"image"`, `"text"`, `"admissible"`).
    pub obs: &'static str,
}

impl Measurement {
    /// One JSON object (one line of `--json` output), keys in the documented order: `env`,
    /// `threads`, `steps_per_sec`, `resets_per_sec`, `episodes_per_sec`, `obs`.
    pub fn to_json(&self) -> String {
        let text = |s: &str| serde_json::Value::from(s).to_string();
        format!(
            "{{\"env\":{},\"threads\":{},\"steps_per_sec\":{:.0},\"resets_per_sec\":{:.0},\"episodes_per_sec\":{:.0},\"obs\":{}}}",
            text(&self.env),
            self.threads,
            self.steps_per_sec,
            self.resets_per_sec,
            self.episodes_per_sec,
            text(self.obs)
        )
    }
}

/// An env id resolved to the engine that runs it.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// A registered BabyAI level; observation: the 7x7x3 image.
    Babyai(&'static babyai_core::levels::LevelSpec),
}

impl Target {
    /// Resolves `id`, or says why it cannot be benchmarked.
    pub fn resolve(id: &str) -> Result<Target, String> {
        if let Some(spec) = babyai_core::levels::registry::find(id) {
            return Ok(Target::Babyai(spec));
        }
        if alfworld_core::ENV_IDS.contains(&id) {
            return Err(format!(
                "{id:?} is an ALFWorld id; this build's ALFWorld engine has no steppable envs"
            ));
        }
        Err(format!(
            "unknown env id {id:?} (see `gridhouse list` for the registered ids)"
        ))
    }

    /// Runs both loops for this target.
    pub fn measure(self, id: &str, cfg: Config) -> Result<Measurement, String> {
        match self {
            Target::Babyai(spec) => {
                let rates = measure(
                    || LevelEnv::new(spec, 0),
                    [0u8; OBS_LEN],
                    random_babyai_action,
                    cfg,
                )?;
                Ok(rates.into_measurement(id, cfg.threads, "image"))
            }
        }
    }
}

fn random_babyai_action(rng: &mut ChaCha8Rng) -> Action {
    ACTIONS[rng.random_range(0..ACTIONS.len())]
}

/// Rates measured by [`measure`], before they are named.
struct Rates {
    steps_per_sec: f64,
    resets_per_sec: f64,
    episodes_per_sec: f64,
}

impl Rates {
    fn into_measurement(self, id: &str, threads: usize, obs: &'static str) -> Measurement {
        Measurement {
            env: id.to_string(),
            threads,
            steps_per_sec: self.steps_per_sec,
            resets_per_sec: self.resets_per_sec,
            episodes_per_sec: self.episodes_per_sec,
            obs,
        }
    }
}

/// The step loop and the reset loop over envs built by `new_env`, whatever the engine.
fn measure<E, F, A>(new_env: F, blank: E::Obs, action: A, cfg: Config) -> Result<Rates, String>
where
    E: Env + Observe + Send,
    E::Action: Copy + Send + Sync,
    E::Obs: Clone + Send,
    F: Fn() -> E + Sync,
    A: Fn(&mut ChaCha8Rng) -> E::Action,
{
    let threads = cfg.threads.max(1);
    let n = cfg.batch.max(threads);
    let time = Duration::from_secs_f64(cfg.seconds.max(0.0));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;

    // Step loop.
    let mut batch = VecEnv::new(
        (0..n).map(|_| new_env()).collect(),
        SEED,
        AutoResetMode::SameStep,
    );
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut actions: Vec<E::Action> = (0..n).map(|_| action(&mut rng)).collect();
    let mut obs = vec![blank; n];
    let mut rewards = vec![0.0; n];
    let (mut terminated, mut truncated) = (vec![false; n], vec![false; n]);
    let mut steps = 0u64;
    let mut episodes = 0u64;
    let start = Instant::now();
    let mut elapsed = Duration::ZERO;
    while steps == 0 || elapsed < time {
        for a in actions.iter_mut() {
            *a = action(&mut rng);
        }
        let out = BatchOut {
            obs: &mut obs,
            rewards: &mut rewards,
            terminated: &mut terminated,
            truncated: &mut truncated,
        };
        let stepped = if threads == 1 {
            batch.step(&actions, out)
        } else {
            pool.install(|| batch.step_par(&actions, out, threads))
        };
        stepped.map_err(|e| e.to_string())?;
        steps += n as u64;
        episodes += terminated
            .iter()
            .zip(&truncated)
            .filter(|&(&a, &b)| a || b)
            .count() as u64;
        elapsed = start.elapsed();
    }
    // At least a nanosecond, so every rate is finite.
    let step_secs = elapsed.as_secs_f64().max(1e-9);

    // Reset loop: each thread resets its own env with consecutive seeds.
    let start = Instant::now();
    let resets: u64 = pool
        .broadcast(|ctx| {
            let mut env = new_env();
            let mut seed = (ctx.index() as u64) << 40;
            let mut count = 0u64;
            loop {
                for _ in 0..16 {
                    seed += 1;
                    env.reset(std::hint::black_box(seed));
                }
                count += 16;
                if start.elapsed() >= time {
                    break count;
                }
            }
        })
        .into_iter()
        .sum();
    let reset_secs = start.elapsed().as_secs_f64().max(1e-9);

    Ok(Rates {
        steps_per_sec: steps as f64 / step_secs,
        resets_per_sec: resets as f64 / reset_secs,
        episodes_per_sec: episodes as f64 / step_secs,
    })
}

/// The table header for env ids up to `width` characters wide.
pub fn table_header(width: usize) -> String {
    format!(
        "{:width$}  {:>7}  {:>12}  {:>10}  {:>11}  obs",
        "env", "threads", "steps/s", "resets/s", "episodes/s"
    )
}

/// One table row, aligned with [`table_header`] of the same `width`.
pub fn table_row(r: &Measurement, width: usize) -> String {
    format!(
        "{:width$}  {:>7}  {:>12.0}  {:>10.0}  {:>11.0}  {}",
        r.env, r.threads, r.steps_per_sec, r.resets_per_sec, r.episodes_per_sec, r.obs
    )
}
