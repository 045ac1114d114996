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
//!   [`VecEnv::step_par`] (one shard per thread), the loop running inside a pool of that
//!   many threads (so a call forks and joins on the pool's own threads);
//! * the reset loop, timed separately: each thread resets its own env with consecutive seeds.
//!
//! Steps/s counts env steps (resets done by auto-reset included in the time); episodes/s
//! counts episodes that ended during the step loop; resets/s comes from the reset loop.

use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action};
use env_api::{AutoResetMode, BatchOut, Env, Observe, VecEnv};
use gridhouse::{AlfworldEnv, BabyaiEnv, Inner};
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
    "alfworld/train",
];

/// Envs in the batch when `--batch` is not given: enough that two shards of it scale
/// (`docs/PERFORMANCE.md`, "Batch"): with GoToLocal's auto-resets (one per ~55 steps, each
/// ~10 steps' work) two halves of 64 envs differ enough to cap two threads at ~1.82x, halves
/// of 256 at ~1.90x (1024: ~1.95x), while 256 envs (up to ~0.6 MiB of BossLevel state) still
/// fit one core's L2 cache.
pub const DEFAULT_BATCH: u32 = 256;

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
#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // one value per measured id, cloned into the batch
pub enum Target {
    /// A BabyAI level or BALROG task; observation: the 7x7x3 image.
    Babyai(BabyaiEnv),
    /// An ALFWorld task set (or directory of game folders); observation: the feedback text,
    /// and with `admissible` the whole admissible-command list rendered as text too.
    Alfworld(AlfworldEnv),
}

impl Target {
    /// Resolves `id` through the front door, or says why it cannot be benchmarked.
    pub fn resolve(id: &str) -> Result<Target, String> {
        match gridhouse::make(id)?.into_inner() {
            Inner::Babyai(e) => Ok(Target::Babyai(e)),
            Inner::Alfworld(e) => Ok(Target::Alfworld(*e)),
        }
    }

    /// Runs both loops for this target. ALFWorld ids are measured twice: with the feedback
    /// text every step, then with the admissible list rendered too.
    pub fn measure(&self, id: &str, cfg: Config) -> Result<Vec<Measurement>, String> {
        match self {
            Target::Babyai(env) => {
                let rates = measure(
                    || env.clone(),
                    [0u8; OBS_LEN],
                    random_babyai_action,
                    |_| None,
                    cfg,
                )?;
                Ok(vec![rates.into_measurement(id, cfg.threads, "image")])
            }
            Target::Alfworld(env) => [false, true]
                .into_iter()
                .map(|admissible| {
                    let rates = measure(
                        || AlfworldBenchEnv::new(env.clone(), admissible),
                        String::new(),
                        |rng: &mut ChaCha8Rng| rng.random::<u32>(),
                        |e: &AlfworldBenchEnv| e.failed.clone(),
                        cfg,
                    )?;
                    let obs = if admissible {
                        "text+admissible"
                    } else {
                        "text"
                    };
                    Ok(rates.into_measurement(id, cfg.threads, obs))
                })
                .collect(),
        }
    }
}

/// An ALFWorld env of the front door in a bench batch: an action is a random number that
/// picks one admissible command (uniformly, by index); every step renders the feedback text,
/// and with `admissible` the admissible list as text, into the env's observation buffer. A
/// game that fails to load is kept in `failed` and ends the measurement with that error.
#[derive(Clone)]
struct AlfworldBenchEnv {
    env: AlfworldEnv,
    admissible: bool,
    obs: String,
    failed: Option<String>,
}

impl AlfworldBenchEnv {
    fn new(env: AlfworldEnv, admissible: bool) -> Self {
        AlfworldBenchEnv {
            env,
            admissible,
            obs: String::new(),
            failed: None,
        }
    }

    fn render(&mut self) {
        self.obs.clear();
        self.obs.push_str(self.env.text());
        if self.admissible {
            for text in self.env.admissible() {
                self.obs.push('\n');
                self.obs.push_str(text);
            }
        }
    }
}

impl Env for AlfworldBenchEnv {
    type Action = u32;

    fn reset(&mut self, seed: u64) {
        if let Err(e) = self.env.reset(seed) {
            self.failed.get_or_insert(e.to_string());
        }
        self.render();
    }

    fn step(&mut self, action: u32) -> env_api::Step {
        let cmds = self.env.env_mut().admissible();
        let step = match cmds.len() {
            0 => self.env.step(alfworld_core::Command::Look),
            n => {
                let cmd = cmds[action as usize % n];
                self.env.step(cmd)
            }
        };
        self.render();
        step
    }
}

impl Observe for AlfworldBenchEnv {
    type Obs = String;

    fn observe(&self, out: &mut String) {
        out.clear();
        out.push_str(&self.obs);
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
fn measure<E, F, A>(
    new_env: F,
    blank: E::Obs,
    action: A,
    failed: impl Fn(&E) -> Option<String>,
    cfg: Config,
) -> Result<Rates, String>
where
    E: Env + Observe + Send,
    E::Action: Copy + Send + Sync,
    E::Obs: Clone + Send,
    F: Fn() -> E + Sync,
    A: Fn(&mut ChaCha8Rng) -> E::Action + Sync,
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
    // The whole loop runs on a thread of the pool, so each `step_par` call only forks and
    // joins; called from outside, every call would also hand the batch to the pool and wait
    // for it to come back (about 10 us a call on this machine, half a batch of 64's work).
    let (steps, episodes, elapsed) = pool.install(|| {
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
            if threads == 1 {
                batch.step(&actions, out)
            } else {
                batch.step_par(&actions, out, threads)
            }
            .map_err(|e| e.to_string())?;
            steps += n as u64;
            episodes += terminated
                .iter()
                .zip(&truncated)
                .filter(|&(&a, &b)| a || b)
                .count() as u64;
            elapsed = start.elapsed();
        }
        Ok::<_, String>((steps, episodes, elapsed))
    })?;
    if let Some(e) = (0..n).find_map(|i| batch.env(i).and_then(&failed)) {
        return Err(e);
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
