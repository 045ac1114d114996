//! Stepping many environments together into caller-owned contiguous buffers.
//!
//! A [`VecEnv`] owns `n` environments. Each call writes one observation, reward and pair of
//! flags per env into slices the caller owns ([`BatchOut`]), so stepping allocates nothing.
//! What happens when an episode ends is named by [`AutoResetMode`], with Gymnasium 1.x's
//! meanings. Env `i`'s `e`-th episode (counting from 0) is seeded with
//! [`episode_seed`]`(base_seed, i, e)`, so a batch is a pure function of its base seed and its
//! actions, whatever the thread count.
//!
//! ```
//! use env_api::{AutoResetMode, BatchOut, Env, Observe, Step, VecEnv};
//!
//! /// Counts steps; ends every third step.
//! #[derive(Clone)]
//! struct Count(u64, u64);
//! impl Env for Count {
//!     type Action = u8;
//!     fn reset(&mut self, seed: u64) { *self = Count(seed % 10, 0); }
//!     fn step(&mut self, a: u8) -> Step {
//!         self.1 += 1;
//!         Step { reward: a as f64, terminated: self.1 == 3, truncated: false }
//!     }
//! }
//! impl Observe for Count {
//!     type Obs = u64;
//!     fn observe(&self, out: &mut u64) { *out = self.0 * 100 + self.1; }
//! }
//!
//! let mut batch = VecEnv::new(vec![Count(0, 0); 4], 7, AutoResetMode::NextStep);
//! let (mut obs, mut rew) = (vec![0u64; 4], vec![0.0; 4]);
//! let (mut term, mut trunc) = (vec![false; 4], vec![false; 4]);
//! batch.observe_all(&mut obs).unwrap();
//! for _ in 0..3 {
//!     let out = BatchOut { obs: &mut obs, rewards: &mut rew, terminated: &mut term, truncated: &mut trunc };
//!     batch.step(&[1, 1, 1, 1], out).unwrap();
//! }
//! assert!(term.iter().all(|&t| t));
//! ```

use crate::{AutoResetMode, Env, Observe, Step, derive_seed};
use alloc::vec::Vec;
use core::fmt;

/// The seed of env `index`'s `episode`-th episode in a batch with base seed `base`.
///
/// `derive_seed(derive_seed(base, index), episode)`: documented and stable across releases.
pub fn episode_seed(base: u64, index: u64, episode: u64) -> u64 {
    derive_seed(derive_seed(base, index), episode)
}

/// Where a batch step writes: one slot per env in each slice, all of the batch's length.
#[derive(Debug)]
pub struct BatchOut<'a, O> {
    /// Observation slots.
    pub obs: &'a mut [O],
    /// Rewards.
    pub rewards: &'a mut [f64],
    /// Terminated flags.
    pub terminated: &'a mut [bool],
    /// Truncated flags.
    pub truncated: &'a mut [bool],
}

/// A batch call was given slices whose lengths do not match the batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthMismatch {
    /// Which argument was wrong (`"actions"`, `"obs"`, `"rewards"`, ...).
    pub what: &'static str,
    /// The number of envs in the batch.
    pub expected: usize,
    /// The length given.
    pub got: usize,
}

impl fmt::Display for LengthMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "batch of {} envs given {} of length {}",
            self.expected, self.what, self.got
        )
    }
}

impl core::error::Error for LengthMismatch {}

/// One env of a batch with its bookkeeping.
#[derive(Clone, Debug)]
struct Slot<E> {
    env: E,
    /// How many episodes this env has started.
    episodes: u64,
    /// The last step ended the episode and [`AutoResetMode::NextStep`] is due.
    pending_reset: bool,
}

/// Immutable facts every slot needs while stepping.
#[derive(Clone, Copy)]
struct Ctx {
    base_seed: u64,
    mode: AutoResetMode,
    /// Episodes after the first continue each env's own random stream
    /// ([`Env::reset_unseeded`]) instead of taking a derived seed.
    streams: bool,
}

impl<E: Env> Slot<E> {
    fn start_episode(&mut self, ctx: Ctx, index: usize) {
        if ctx.streams {
            self.env.reset_unseeded();
        } else {
            let seed = episode_seed(ctx.base_seed, index as u64, self.episodes);
            self.env.reset(seed);
        }
        self.episodes += 1;
        self.pending_reset = false;
    }

    /// As [`Slot::advance`], with the step done by `act` and, in [`AutoResetMode::SameStep`],
    /// the finished episode's last observation written by `keep_final` before the reset.
    fn advance_with(
        &mut self,
        ctx: Ctx,
        index: usize,
        act: impl FnOnce(&mut E) -> Step,
        keep_final: impl FnOnce(&E),
    ) -> Step {
        if self.pending_reset {
            self.start_episode(ctx, index);
            return Step::default();
        }
        let step = act(&mut self.env);
        if step.done() {
            match ctx.mode {
                AutoResetMode::NextStep => self.pending_reset = true,
                AutoResetMode::SameStep => {
                    keep_final(&self.env);
                    self.start_episode(ctx, index);
                }
                AutoResetMode::Disabled => {}
            }
        }
        step
    }

    /// Steps (or auto-resets) this env; returns what the caller sees.
    fn advance(&mut self, ctx: Ctx, index: usize, action: E::Action) -> Step {
        if self.pending_reset {
            self.start_episode(ctx, index);
            return Step::default();
        }
        let step = self.env.step(action);
        if step.done() {
            match ctx.mode {
                AutoResetMode::NextStep => self.pending_reset = true,
                AutoResetMode::SameStep => self.start_episode(ctx, index),
                AutoResetMode::Disabled => {}
            }
        }
        step
    }
}

/// `n` environments stepped together.
#[derive(Clone, Debug)]
pub struct VecEnv<E> {
    slots: Vec<Slot<E>>,
    ctx_base_seed: u64,
    mode: AutoResetMode,
    streams: bool,
}

impl<E: Env + Observe> VecEnv<E> {
    /// Takes ownership of `envs` and starts episode 0 of each, seeded from `base_seed`.
    pub fn new(envs: Vec<E>, base_seed: u64, mode: AutoResetMode) -> Self {
        let mut batch = VecEnv {
            slots: envs
                .into_iter()
                .map(|env| Slot {
                    env,
                    episodes: 0,
                    pending_reset: false,
                })
                .collect(),
            ctx_base_seed: base_seed,
            mode,
            streams: false,
        };
        batch.reset(base_seed);
        batch
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            base_seed: self.ctx_base_seed,
            mode: self.mode,
            streams: self.streams,
        }
    }

    /// Restarts every env from episode 0 under a new base seed.
    pub fn reset(&mut self, base_seed: u64) {
        self.ctx_base_seed = base_seed;
        self.streams = false;
        let ctx = self.ctx();
        for (i, slot) in self.slots.iter_mut().enumerate() {
            slot.episodes = 0;
            slot.start_episode(ctx, i);
        }
    }

    /// Gymnasium's seeding (`SyncVectorEnv.reset(seed=...)`): env `i` starts an episode
    /// with `seeds[i]` (`None`: its unseeded reset, continuing its own stream), and from
    /// now on every automatic or [`VecEnv::reset_one`] reset is unseeded too, continuing
    /// each env's stream as a Gymnasium env's `reset()` does. [`VecEnv::reset`] goes back
    /// to derived seeds.
    pub fn reset_seeded(&mut self, seeds: &[Option<u64>]) -> Result<(), LengthMismatch> {
        check("seeds", self.len(), seeds.len())?;
        self.streams = true;
        for (slot, seed) in self.slots.iter_mut().zip(seeds) {
            match seed {
                Some(s) => slot.env.reset(*s),
                None => slot.env.reset_unseeded(),
            }
            slot.episodes += 1;
            slot.pending_reset = false;
        }
        Ok(())
    }

    /// Starts the next episode of env `index` (for [`AutoResetMode::Disabled`]).
    /// Returns `false` if there is no such env.
    pub fn reset_one(&mut self, index: usize) -> bool {
        let ctx = self.ctx();
        match self.slots.get_mut(index) {
            Some(slot) => {
                slot.start_episode(ctx, index);
                true
            }
            None => false,
        }
    }

    /// Number of envs.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True for a batch of no envs.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The auto-reset mode.
    pub fn mode(&self) -> AutoResetMode {
        self.mode
    }

    /// Env `index`, for inspection.
    pub fn env(&self, index: usize) -> Option<&E> {
        self.slots.get(index).map(|s| &s.env)
    }

    /// How many episodes env `index` has started (1 after construction).
    pub fn episodes(&self, index: usize) -> Option<u64> {
        self.slots.get(index).map(|s| s.episodes)
    }

    /// Writes every env's current observation.
    pub fn observe_all(&self, obs: &mut [E::Obs]) -> Result<(), LengthMismatch> {
        check("obs", self.len(), obs.len())?;
        for (slot, o) in self.slots.iter().zip(obs.iter_mut()) {
            slot.env.observe(o);
        }
        Ok(())
    }

    fn check_out(&self, actions: usize, out: &BatchOut<'_, E::Obs>) -> Result<(), LengthMismatch> {
        let n = self.len();
        check("actions", n, actions)?;
        check("obs", n, out.obs.len())?;
        check("rewards", n, out.rewards.len())?;
        check("terminated", n, out.terminated.len())?;
        check("truncated", n, out.truncated.len())
    }

    /// Steps every env with its action, on this thread.
    pub fn step(
        &mut self,
        actions: &[E::Action],
        out: BatchOut<'_, E::Obs>,
    ) -> Result<(), LengthMismatch>
    where
        E::Action: Copy,
    {
        self.check_out(actions.len(), &out)?;
        let ctx = self.ctx();
        step_shard(&mut self.slots, 0, ctx, actions, out);
        Ok(())
    }

    /// Mutable access to env `index` (for example to read text that needs a cache).
    pub fn env_mut(&mut self, index: usize) -> Option<&mut E> {
        self.slots.get_mut(index).map(|s| &mut s.env)
    }

    /// One step of every env, each done by `act(index, env)` (for actions that are not
    /// `E::Action`, such as text commands), each observation written by `observe` into an
    /// observation type of the caller's choice (`O` need not be `E::Obs`), with the same
    /// auto-reset and seeding as [`VecEnv::step`].
    ///
    /// `final_obs`, when given (one slot per env), receives in [`AutoResetMode::SameStep`]
    /// the last observation of each episode that ended in this call before its env was
    /// reset (Gymnasium's `final_obs`); the slots of the other envs are left as they were.
    /// In the other modes the ending step's observation is in `out.obs` already.
    pub fn step_with<O>(
        &mut self,
        act: impl FnMut(usize, &mut E) -> Step,
        observe: impl FnMut(&E, &mut O),
        out: BatchOut<'_, O>,
        final_obs: Option<&mut [O]>,
    ) -> Result<(), LengthMismatch> {
        check_with(self.len(), &out, final_obs.as_deref())?;
        let ctx = self.ctx();
        step_with_shard(&mut self.slots, 0, ctx, act, observe, out, final_obs);
        Ok(())
    }
}

#[cfg(feature = "rayon")]
impl<E> VecEnv<E>
where
    E: Env + Observe + Send,
    E::Action: Copy + Sync,
    E::Obs: Send,
{
    /// Steps every env with its action on rayon's pool, in `shards` contiguous shards
    /// (0 = one per thread of the current pool; at most one per env). Results are
    /// bit-identical to [`VecEnv::step`] whatever the shard count: each env is stepped by
    /// exactly one task, with the same seed bookkeeping.
    ///
    /// The batch is halved recursively with `rayon::join` until each piece is one shard, so
    /// `shards` tasks run, each over one contiguous run of envs and outputs. Shard edges fall
    /// on multiples of 8 envs when shards hold 64 envs or more (with 64-byte aligned output
    /// buffers, neighbouring shards then share no cache line of rewards; at multiples of 64
    /// envs, none of any output), and each shard
    /// writes rewards and flags in bursts ([`VecEnv::step`] does the same), so small shards do
    /// not bounce the cache lines they share. One shard is stepped on the calling thread
    /// without any rayon call.
    ///
    /// A call costs a few `rayon::join`s on top of the work. Call it from a thread of the
    /// pool (put `ThreadPool::install` around the whole stepping loop, not around each call):
    /// from outside, every call also hands the work to the pool and waits for it to return.
    pub fn step_par(
        &mut self,
        actions: &[E::Action],
        out: BatchOut<'_, E::Obs>,
        shards: usize,
    ) -> Result<(), LengthMismatch> {
        self.check_out(actions.len(), &out)?;
        let n = self.len();
        let shards = match shards {
            0 => rayon::current_num_threads(),
            s => s,
        };
        let ctx = self.ctx();
        par_shards(
            &mut self.slots,
            0,
            ctx,
            actions,
            out,
            shards.clamp(1, n.max(1)),
        );
        Ok(())
    }
}

/// Steps `shards` contiguous shards of `slots` (first batch index `first`) in parallel.
#[cfg(feature = "rayon")]
impl<E> VecEnv<E>
where
    E: Env + Observe + Send + Sync,
{
    /// [`VecEnv::step_with`] on `shards` threads of the current rayon pool (0: one per
    /// thread), contiguous shards; bit-identical to the serial call.
    pub fn step_with_par<O: Send>(
        &mut self,
        act: impl Fn(usize, &mut E) -> Step + Sync,
        observe: impl Fn(&E, &mut O) + Sync,
        out: BatchOut<'_, O>,
        final_obs: Option<&mut [O]>,
        shards: usize,
    ) -> Result<(), LengthMismatch> {
        use rayon::prelude::*;
        let n = self.len();
        check_with(n, &out, final_obs.as_deref())?;
        let shards = match shards {
            0 => rayon::current_num_threads(),
            s => s,
        }
        .clamp(1, n.max(1));
        let chunk = n.div_ceil(shards).max(1);
        let ctx = self.ctx();
        let mut finals: Vec<Option<&mut [O]>> = match final_obs {
            Some(f) => f.chunks_mut(chunk).map(Some).collect(),
            None => (0..n.div_ceil(chunk)).map(|_| None).collect(),
        };
        self.slots
            .par_chunks_mut(chunk)
            .zip(out.obs.par_chunks_mut(chunk))
            .zip(out.rewards.par_chunks_mut(chunk))
            .zip(out.terminated.par_chunks_mut(chunk))
            .zip(out.truncated.par_chunks_mut(chunk))
            .zip(finals.par_iter_mut())
            .enumerate()
            .for_each(
                |(c, (((((slots, obs), rewards), terminated), truncated), fin))| {
                    let out = BatchOut {
                        obs,
                        rewards,
                        terminated,
                        truncated,
                    };
                    step_with_shard(slots, c * chunk, ctx, &act, &observe, out, fin.take());
                },
            );
        Ok(())
    }
}

/// The length checks of the `step_with` calls.
fn check_with<O>(
    n: usize,
    out: &BatchOut<'_, O>,
    final_obs: Option<&[O]>,
) -> Result<(), LengthMismatch> {
    check("obs", n, out.obs.len())?;
    check("rewards", n, out.rewards.len())?;
    check("terminated", n, out.terminated.len())?;
    check("truncated", n, out.truncated.len())?;
    if let Some(f) = final_obs {
        check("final_obs", n, f.len())?;
    }
    Ok(())
}

/// `step_with` over one contiguous shard whose first env has index `first`.
fn step_with_shard<E: Env, O>(
    slots: &mut [Slot<E>],
    first: usize,
    ctx: Ctx,
    mut act: impl FnMut(usize, &mut E) -> Step,
    mut observe: impl FnMut(&E, &mut O),
    out: BatchOut<'_, O>,
    mut final_obs: Option<&mut [O]>,
) {
    for (k, slot) in slots.iter_mut().enumerate() {
        let i = first + k;
        let step = slot.advance_with(
            ctx,
            i,
            |env| act(i, env),
            |env| {
                if let Some(f) = final_obs.as_deref_mut() {
                    observe(env, &mut f[k]);
                }
            },
        );
        observe(&slot.env, &mut out.obs[k]);
        out.rewards[k] = step.reward;
        out.terminated[k] = step.terminated;
        out.truncated[k] = step.truncated;
    }
}

#[cfg(feature = "rayon")]
fn par_shards<E>(
    slots: &mut [Slot<E>],
    first: usize,
    ctx: Ctx,
    actions: &[E::Action],
    out: BatchOut<'_, E::Obs>,
    shards: usize,
) where
    E: Env + Observe + Send,
    E::Action: Copy + Sync,
    E::Obs: Send,
{
    if shards <= 1 {
        step_shard(slots, first, ctx, actions, out);
        return;
    }
    let left = shards / 2;
    let mid = shard_edge(slots.len(), left, shards);
    let (left_slots, right_slots) = slots.split_at_mut(mid);
    let (left_actions, right_actions) = actions.split_at(mid);
    let (left_out, right_out) = out.split_at(mid);
    rayon::join(
        || par_shards(left_slots, first, ctx, left_actions, left_out, left),
        || {
            par_shards(
                right_slots,
                first + mid,
                ctx,
                right_actions,
                right_out,
                shards - left,
            )
        },
    );
}

/// Where the first `left` of `shards` near-equal shards of `n` envs end: `n * left / shards`,
/// moved to the nearest multiple of 8 envs when shards hold at least 64 envs (a change of at
/// most 4 envs, under 7% of a shard).
#[cfg(feature = "rayon")]
fn shard_edge(n: usize, left: usize, shards: usize) -> usize {
    let exact = n * left / shards;
    if n / shards >= 64 {
        ((exact + 4) & !7).min(n)
    } else {
        exact
    }
}

impl<'a, O> BatchOut<'a, O> {
    /// Splits every slice at env `mid`.
    #[cfg(feature = "rayon")]
    fn split_at(self, mid: usize) -> (BatchOut<'a, O>, BatchOut<'a, O>) {
        let (obs_l, obs_r) = self.obs.split_at_mut(mid);
        let (rewards_l, rewards_r) = self.rewards.split_at_mut(mid);
        let (terminated_l, terminated_r) = self.terminated.split_at_mut(mid);
        let (truncated_l, truncated_r) = self.truncated.split_at_mut(mid);
        (
            BatchOut {
                obs: obs_l,
                rewards: rewards_l,
                terminated: terminated_l,
                truncated: truncated_l,
            },
            BatchOut {
                obs: obs_r,
                rewards: rewards_r,
                terminated: terminated_r,
                truncated: truncated_r,
            },
        )
    }
}

fn check(what: &'static str, expected: usize, got: usize) -> Result<(), LengthMismatch> {
    if expected == got {
        Ok(())
    } else {
        Err(LengthMismatch {
            what,
            expected,
            got,
        })
    }
}

/// Envs stepped between two bursts of reward and flag writes in [`step_shard`].
const BURST: usize = 32;

/// Steps a contiguous shard whose first env has batch index `first`.
///
/// Each env's observation is written right after its step (the env is in cache); rewards and
/// flags are kept for [`BURST`] envs and written together, so a cache line of flags shared
/// with a neighbouring shard changes hands a few times per call, not once per env.
fn step_shard<E: Env + Observe>(
    slots: &mut [Slot<E>],
    first: usize,
    ctx: Ctx,
    actions: &[E::Action],
    out: BatchOut<'_, E::Obs>,
) where
    E::Action: Copy,
{
    let mut steps = [Step::default(); BURST];
    let blocks = slots
        .chunks_mut(BURST)
        .zip(actions.chunks(BURST))
        .zip(out.obs.chunks_mut(BURST))
        .zip(out.rewards.chunks_mut(BURST))
        .zip(out.terminated.chunks_mut(BURST))
        .zip(out.truncated.chunks_mut(BURST));
    let mut index = first;
    for (((((slots, actions), obs), rewards), terminated), truncated) in blocks {
        for (((slot, &action), obs), step) in slots.iter_mut().zip(actions).zip(obs).zip(&mut steps)
        {
            *step = slot.advance(ctx, index, action);
            slot.env.observe(obs);
            index += 1;
        }
        for (step, ((reward, terminated), truncated)) in steps.iter().zip(
            rewards
                .iter_mut()
                .zip(terminated.iter_mut())
                .zip(truncated.iter_mut()),
        ) {
            *reward = step.reward;
            *terminated = step.terminated;
            *truncated = step.truncated;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    /// A toy env: the seed fixes an episode length; obs = (seed, steps taken).
    #[derive(Clone, Debug, Default)]
    struct Toy {
        seed: u64,
        t: u64,
        len: u64,
    }

    impl Env for Toy {
        type Action = u8;
        fn reset(&mut self, seed: u64) {
            *self = Toy {
                seed,
                t: 0,
                len: 1 + seed % 4,
            };
        }
        fn step(&mut self, a: u8) -> Step {
            self.t += 1;
            Step {
                reward: f64::from(a) + self.t as f64 / 8.0,
                terminated: self.t == self.len && a.is_multiple_of(2),
                truncated: self.t >= self.len,
            }
        }
    }

    impl Observe for Toy {
        type Obs = (u64, u64);
        fn observe(&self, out: &mut (u64, u64)) {
            *out = (self.seed, self.t);
        }
    }

    type Record = Vec<((u64, u64), u64, bool, bool)>;

    #[cfg(feature = "rayon")]
    #[test]
    fn shard_edges_are_near_equal_and_aligned_for_large_shards() {
        assert_eq!(shard_edge(64, 1, 2), 32);
        assert_eq!(shard_edge(13, 1, 2), 6);
        assert_eq!(shard_edge(256, 1, 2), 128);
        assert_eq!(shard_edge(300, 1, 2), 152);
        assert_eq!(shard_edge(300, 1, 3), 104);
        assert_eq!(shard_edge(300, 2, 3), 200);
        for (n, shards) in [(128, 2), (1000, 3), (1025, 2), (4096, 7)] {
            for left in 1..shards {
                let edge = shard_edge(n, left, shards);
                assert_eq!(edge % 8, 0, "{n} {left}/{shards}");
                assert!(edge.abs_diff(n * left / shards) <= 4);
            }
        }
    }

    /// `step_with` (serial and parallel) gives what `step` gives, and keeps final obs.
    #[test]
    fn step_with_equals_step_and_keeps_final_obs() {
        for mode in [
            AutoResetMode::NextStep,
            AutoResetMode::SameStep,
            AutoResetMode::Disabled,
        ] {
            let n = 37;
            let mut a = VecEnv::new(vec![Toy::default(); n], 5, mode);
            let mut b = a.clone();
            #[cfg(feature = "rayon")]
            let mut c = a.clone();
            let (mut oa, mut ob) = (vec![(0, 0); n], vec![(0, 0); n]);
            let mut fin = vec![(7, 7); n];
            let (mut ra, mut rb) = (vec![0.0; n], vec![0.0; n]);
            let (mut ta, mut tb) = (vec![false; n], vec![false; n]);
            let (mut ua, mut ub) = (vec![false; n], vec![false; n]);
            for t in 0..20 {
                let acts: Vec<u8> = (0..n).map(|i| ((i * 3 + t) % 4) as u8).collect();
                let before: Vec<(u64, u64)> = (0..n)
                    .map(|i| {
                        let e = b.env(i).unwrap();
                        (e.seed, e.t + 1)
                    })
                    .collect();
                a.step(
                    &acts,
                    BatchOut {
                        obs: &mut oa,
                        rewards: &mut ra,
                        terminated: &mut ta,
                        truncated: &mut ua,
                    },
                )
                .unwrap();
                fin.iter_mut().for_each(|f| *f = (7, 7));
                b.step_with(
                    |i, e| e.step(acts[i]),
                    |e, o| e.observe(o),
                    BatchOut {
                        obs: &mut ob,
                        rewards: &mut rb,
                        terminated: &mut tb,
                        truncated: &mut ub,
                    },
                    Some(&mut fin),
                )
                .unwrap();
                assert_eq!((&oa, &ra, &ta, &ua), (&ob, &rb, &tb, &ub), "{mode:?} t {t}");
                for i in 0..n {
                    let ended = tb[i] || ub[i];
                    if mode == AutoResetMode::SameStep && ended {
                        assert_eq!(fin[i], before[i], "final obs of env {i}");
                    } else {
                        assert_eq!(fin[i], (7, 7));
                    }
                }
                #[cfg(feature = "rayon")]
                {
                    let (mut oc, mut rc, mut tc, mut uc) = (
                        vec![(0, 0); n],
                        vec![0.0; n],
                        vec![false; n],
                        vec![false; n],
                    );
                    let mut fc = vec![(7, 7); n];
                    c.step_with_par(
                        |i, e| e.step(acts[i]),
                        |e, o| e.observe(o),
                        BatchOut {
                            obs: &mut oc,
                            rewards: &mut rc,
                            terminated: &mut tc,
                            truncated: &mut uc,
                        },
                        Some(&mut fc),
                        3,
                    )
                    .unwrap();
                    assert_eq!((&ob, &rb, &tb, &ub, &fin), (&oc, &rc, &tc, &uc, &fc));
                }
            }
        }
    }

    fn run(mode: AutoResetMode, n: usize, steps: usize, par: Option<usize>) -> Record {
        let mut b = VecEnv::new(vec![Toy::default(); n], 99, mode);
        let mut obs = vec![(0, 0); n];
        let mut rew = vec![0.0; n];
        let mut te = vec![false; n];
        let mut tr = vec![false; n];
        let mut rec = Vec::new();
        for t in 0..steps {
            let acts: Vec<u8> = (0..n).map(|i| ((i * 7 + t * 3) % 5) as u8).collect();
            let out = BatchOut {
                obs: &mut obs,
                rewards: &mut rew,
                terminated: &mut te,
                truncated: &mut tr,
            };
            match par {
                None => b.step(&acts, out).unwrap(),
                #[cfg(feature = "rayon")]
                Some(s) => b.step_par(&acts, out, s).unwrap(),
                #[cfg(not(feature = "rayon"))]
                Some(_) => unreachable!(),
            }
            for i in 0..n {
                rec.push((obs[i], rew[i].to_bits(), te[i], tr[i]));
            }
        }
        rec
    }

    #[test]
    fn next_step_resets_on_the_following_call() {
        let rec = run(AutoResetMode::NextStep, 3, 12, None);
        for w in rec.chunks(3).collect::<Vec<_>>().windows(2) {
            for (prev, cur) in w[0].iter().zip(w[1]) {
                if prev.2 || prev.3 {
                    // The call after a done step is a reset: t = 0, reward 0, not done.
                    assert_eq!(cur.0.1, 0);
                    assert_eq!(cur.1, 0.0f64.to_bits());
                    assert!(!cur.2 && !cur.3);
                    assert_ne!(cur.0.0, prev.0.0, "new episode, new seed");
                }
            }
        }
    }

    #[test]
    fn same_step_returns_the_new_episode_observation() {
        let rec = run(AutoResetMode::SameStep, 3, 12, None);
        for r in &rec {
            if r.2 || r.3 {
                assert_eq!(r.0.1, 0, "obs after a done step is the reset obs");
            } else {
                assert!(r.0.1 > 0);
            }
        }
    }

    #[test]
    fn disabled_keeps_stepping_the_finished_episode() {
        let rec = run(AutoResetMode::Disabled, 2, 10, None);
        let last = &rec[rec.len() - 2..];
        assert!(last.iter().all(|r| r.0.1 == 10));
    }

    #[test]
    fn seeds_are_a_function_of_base_index_and_episode() {
        let b = VecEnv::new(vec![Toy::default(); 3], 5, AutoResetMode::Disabled);
        for i in 0..3 {
            assert_eq!(b.env(i).unwrap().seed, episode_seed(5, i as u64, 0));
            assert_eq!(b.episodes(i), Some(1));
        }
    }

    #[test]
    fn length_mismatch_is_an_error_not_a_panic() {
        let mut b = VecEnv::new(vec![Toy::default(); 3], 5, AutoResetMode::NextStep);
        let mut obs = vec![(0, 0); 3];
        let (mut r, mut te, mut tr) = (vec![0.0; 3], vec![false; 3], vec![false; 2]);
        let out = BatchOut {
            obs: &mut obs,
            rewards: &mut r,
            terminated: &mut te,
            truncated: &mut tr,
        };
        let err = b.step(&[0, 0, 0], out).unwrap_err();
        assert_eq!(err.what, "truncated");
        assert!(!b.reset_one(3));
    }

    #[cfg(feature = "rayon")]
    #[test]
    fn parallel_path_is_bit_identical_to_serial() {
        for mode in [
            AutoResetMode::NextStep,
            AutoResetMode::SameStep,
            AutoResetMode::Disabled,
        ] {
            let serial = run(mode, 13, 40, None);
            for shards in [0, 1, 2, 3, 5, 13, 20] {
                assert_eq!(serial, run(mode, 13, 40, Some(shards)), "{mode:?} {shards}");
            }
            // Shards of 64 envs or more, with edges moved to multiples of 8 envs, and
            // several bursts of writes per shard.
            let serial = run(mode, 300, 12, None);
            for shards in [2, 3, 4] {
                assert_eq!(
                    serial,
                    run(mode, 300, 12, Some(shards)),
                    "{mode:?} {shards}"
                );
            }
        }
    }
}
