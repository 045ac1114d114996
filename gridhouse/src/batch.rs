//! [`Batch`]: many envs of one id stepped together into caller-owned buffers, with
//! Gymnasium's auto-reset modes, on one thread or several (bit-identical results).

use crate::Error;
use crate::alfworld::AlfworldEnv;
use crate::babyai::BabyaiEnv;
use babyai_core::Action;
use babyai_core::view::OBS_LEN;
use env_api::{AutoResetMode, BatchOut, VecEnv};
use std::sync::Arc;

/// The largest batch [`Batch::new`] builds (a size check before anything is allocated).
pub const MAX_BATCH: usize = 1 << 20;

/// The engine-specific batch.
#[derive(Debug)]
enum Kind {
    Babyai(VecEnv<BabyaiEnv>),
    Alfworld(VecEnv<AlfworldEnv>),
}

/// `n` envs of one id. Env `i`'s `e`-th episode is seeded with
/// `env_api::episode_seed(base_seed, i, e)` (for ALFWorld the seed picks the game, so the
/// envs of a batch play different games); the whole batch is a pure function of its base
/// seed and the actions it is given, whatever the thread count.
///
/// ```
/// use env_api::{AutoResetMode, BatchOut};
/// let mut batch = gridhouse::Batch::new("BabyAI-GoToLocal-v0", 4, 0, AutoResetMode::SameStep, 1).unwrap();
/// let mut images = vec![[0u8; 147]; 4];
/// let mut finals = vec![[0u8; 147]; 4];
/// let (mut rew, mut term, mut trunc) = (vec![0.0; 4], vec![false; 4], vec![false; 4]);
/// let actions = [babyai_core::Action::Forward; 4];
/// let out = BatchOut { obs: &mut images, rewards: &mut rew, terminated: &mut term, truncated: &mut trunc };
/// batch.step(&actions, out, Some(&mut finals)).unwrap();
/// ```
#[derive(Debug)]
pub struct Batch {
    kind: Kind,
    pool: Option<Arc<rayon::ThreadPool>>,
    threads: usize,
}

impl Batch {
    /// `n` envs of `id`, episode 0 of each started from `base_seed`, stepped on `threads`
    /// threads (1: the calling thread; 0: one per core).
    pub fn new(
        id: &str,
        n: usize,
        base_seed: u64,
        mode: AutoResetMode,
        threads: usize,
    ) -> Result<Batch, Error> {
        if n == 0 || n > MAX_BATCH {
            return Err(Error::Invalid(format!(
                "a batch has 1 to {MAX_BATCH} envs, not {n}"
            )));
        }
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t.min(1024),
        };
        let kind = match crate::make(id)?.into_inner() {
            crate::Inner::Babyai(e) => Kind::Babyai(VecEnv::new(vec![e; n], base_seed, mode)),
            crate::Inner::Alfworld(e) => {
                let mut v = VecEnv::new(vec![*e; n], base_seed, mode);
                take_errors(&mut v)?;
                Kind::Alfworld(v)
            }
        };
        let pool = if threads > 1 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| Error::Invalid(format!("cannot start {threads} threads: {e}")))?;
            Some(Arc::new(pool))
        } else {
            None
        };
        Ok(Batch {
            kind,
            pool,
            threads,
        })
    }

    /// Number of envs.
    pub fn len(&self) -> usize {
        match &self.kind {
            Kind::Babyai(v) => v.len(),
            Kind::Alfworld(v) => v.len(),
        }
    }

    /// Always false: a batch has at least one env.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Threads stepping the batch.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The auto-reset mode.
    pub fn mode(&self) -> AutoResetMode {
        match &self.kind {
            Kind::Babyai(v) => v.mode(),
            Kind::Alfworld(v) => v.mode(),
        }
    }

    /// Whether the envs are BabyAI envs (image observations and typed actions).
    pub fn is_babyai(&self) -> bool {
        matches!(self.kind, Kind::Babyai(_))
    }

    /// BabyAI env `i`.
    pub fn babyai(&self, i: usize) -> Option<&BabyaiEnv> {
        match &self.kind {
            Kind::Babyai(v) => v.env(i),
            Kind::Alfworld(_) => None,
        }
    }

    /// ALFWorld env `i`.
    pub fn alfworld(&self, i: usize) -> Option<&AlfworldEnv> {
        match &self.kind {
            Kind::Alfworld(v) => v.env(i),
            Kind::Babyai(_) => None,
        }
    }

    /// Restarts every env from episode 0 of `base_seed`.
    pub fn reset(&mut self, base_seed: u64) -> Result<(), Error> {
        match &mut self.kind {
            Kind::Babyai(v) => {
                v.reset(base_seed);
                Ok(())
            }
            Kind::Alfworld(v) => {
                v.reset(base_seed);
                take_errors(v)
            }
        }
    }

    /// Gymnasium's seeding, as `SyncVectorEnv.reset(seed=...)` over single envs: env `i`
    /// resets with `seeds[i]` (`None`: unseeded, continuing its own stream; Gymnasium passes
    /// `seed + i` for an int seed), and from then on every auto-reset and [`Batch::reset_one`]
    /// is unseeded (each env continues its own stream, as a Gymnasium env's `reset()` does).
    /// [`Batch::reset`] returns to derived seeds.
    pub fn reset_seeded(&mut self, seeds: &[Option<u64>]) -> Result<(), Error> {
        let r = match &mut self.kind {
            Kind::Babyai(v) => v.reset_seeded(seeds),
            Kind::Alfworld(v) => {
                let r = v.reset_seeded(seeds);
                take_errors(v)?;
                r
            }
        };
        r.map_err(|e| Error::Invalid(e.to_string()))
    }

    /// Starts env `i`'s next episode now (Gymnasium's `reset_mask`).
    pub fn reset_one(&mut self, i: usize) -> Result<(), Error> {
        let ok = match &mut self.kind {
            Kind::Babyai(v) => v.reset_one(i),
            Kind::Alfworld(v) => {
                let ok = v.reset_one(i);
                if let Some(e) = v.env_mut(i).and_then(AlfworldEnv::take_error) {
                    return Err(e);
                }
                ok
            }
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "no env {i} in a batch of {}",
                self.len()
            )))
        }
    }

    /// Episodes env `i` has started.
    pub fn episodes(&self, i: usize) -> Option<u64> {
        match &self.kind {
            Kind::Babyai(v) => v.episodes(i),
            Kind::Alfworld(v) => v.episodes(i),
        }
    }

    /// Writes every BabyAI env's image (an error for ALFWorld).
    pub fn observe_images(&self, out: &mut [[u8; OBS_LEN]]) -> Result<(), Error> {
        match &self.kind {
            Kind::Babyai(v) => v
                .observe_all(out)
                .map_err(|e| Error::Invalid(e.to_string())),
            Kind::Alfworld(_) => Err(self.no_images()),
        }
    }

    /// Writes every env's text observation (BALROG's text, ALFWorld's feedback).
    pub fn observe_texts(&self, out: &mut [String]) -> Result<(), Error> {
        check_len("texts", self.len(), out.len())?;
        for (i, o) in out.iter_mut().enumerate() {
            match &self.kind {
                Kind::Babyai(v) => write_babyai_text(v.env(i).expect("in range"), o),
                Kind::Alfworld(v) => {
                    o.clear();
                    o.push_str(v.env(i).expect("in range").text());
                }
            }
        }
        Ok(())
    }

    /// One step of a BabyAI batch with typed actions, images into `out.obs`; in
    /// [`AutoResetMode::SameStep`] the last image of each episode that ended goes into
    /// `final_obs[i]` (Gymnasium's `final_obs`; other slots untouched).
    pub fn step(
        &mut self,
        actions: &[Action],
        out: BatchOut<'_, [u8; OBS_LEN]>,
        final_obs: Option<&mut [[u8; OBS_LEN]]>,
    ) -> Result<(), Error> {
        let Kind::Babyai(v) = &mut self.kind else {
            return Err(self.no_images());
        };
        check_len("actions", v.len(), actions.len())?;
        let result = match (&self.pool, final_obs) {
            (None, None) => v.step(actions, out),
            (Some(pool), None) => pool.install(|| v.step_par(actions, out, self.threads)),
            (None, Some(f)) => {
                v.step_with(|i, e| e.step(actions[i]), |e, o| e.observe(o), out, Some(f))
            }
            (Some(pool), Some(f)) => pool.install(|| {
                v.step_with_par(
                    |i, e| e.step(actions[i]),
                    |e, o| e.observe(o),
                    out,
                    Some(f),
                    self.threads,
                )
            }),
        };
        result.map_err(|e| Error::Invalid(e.to_string()))
    }

    /// One step of any batch by text commands (BabyAI: BALROG's actions, text that is none
    /// becomes BALROG's default action and is reported `false` in `valid`; ALFWorld: any
    /// text), text observations into `out.obs`, final texts as in [`Batch::step`].
    pub fn step_text<S: AsRef<str> + Sync>(
        &mut self,
        commands: &[S],
        out: BatchOut<'_, String>,
        final_obs: Option<&mut [String]>,
        valid: &mut [bool],
    ) -> Result<(), Error> {
        let n = self.len();
        check_len("commands", n, commands.len())?;
        check_len("valid", n, valid.len())?;
        let valid_cells: Vec<std::sync::atomic::AtomicBool> = (0..n)
            .map(|_| std::sync::atomic::AtomicBool::new(true))
            .collect();
        let set_valid = |i: usize, ok: bool| {
            valid_cells[i].store(ok, std::sync::atomic::Ordering::Relaxed);
        };
        let threads = self.threads;
        let result = match &mut self.kind {
            Kind::Babyai(v) => {
                let act = |i: usize, e: &mut BabyaiEnv| {
                    let (step, ok) = e.step_lenient(commands[i].as_ref());
                    set_valid(i, ok);
                    step
                };
                match &self.pool {
                    None => v.step_with(act, write_babyai_text, out, final_obs),
                    Some(pool) => pool.install(|| {
                        v.step_with_par(act, write_babyai_text, out, final_obs, threads)
                    }),
                }
            }
            Kind::Alfworld(v) => {
                let act = |i: usize, e: &mut AlfworldEnv| e.step_text(commands[i].as_ref());
                let observe = |e: &AlfworldEnv, o: &mut String| {
                    o.clear();
                    o.push_str(e.text());
                };
                let r = match &self.pool {
                    None => v.step_with(act, observe, out, final_obs),
                    Some(pool) => {
                        pool.install(|| v.step_with_par(act, observe, out, final_obs, threads))
                    }
                };
                take_errors(v)?;
                r
            }
        };
        for (v, c) in valid.iter_mut().zip(&valid_cells) {
            *v = c.load(std::sync::atomic::Ordering::Relaxed);
        }
        result.map_err(|e| Error::Invalid(e.to_string()))
    }

    fn no_images(&self) -> Error {
        Error::Unsupported {
            id: "ALFWorld batch".to_string(),
            what: "image observations and typed BabyAI actions (use step_text)".to_string(),
        }
    }
}

fn write_babyai_text(e: &BabyaiEnv, out: &mut String) {
    out.clear();
    e.text(out);
}

fn check_len(what: &str, expected: usize, got: usize) -> Result<(), Error> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "batch of {expected} envs given {what} of length {got}"
        )))
    }
}

/// The first error of an ALFWorld env's failed reset, if any (all are cleared).
fn take_errors(v: &mut VecEnv<AlfworldEnv>) -> Result<(), Error> {
    let mut first = None;
    for i in 0..v.len() {
        if let Some(e) = v.env_mut(i).and_then(AlfworldEnv::take_error) {
            first.get_or_insert(e);
        }
    }
    first.map_or(Ok(()), Err)
}
