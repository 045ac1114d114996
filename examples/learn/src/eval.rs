//! Held-out evaluation: a policy plays many seeds in lockstep, one batched forward pass per
//! time step, and the episodes that complete their mission are counted.

use babyai_core::ACTIONS;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::LearnError;
use crate::encode::Batch;
use crate::model::Policy;
use crate::stats::Success;
use crate::task::{Env, ObsKind, Task, succeeded};

/// How actions are chosen from the policy's probabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decode {
    /// The most probable action.
    Greedy,
    /// An action drawn from the probabilities (seeded).
    Sample,
}

/// Who acts in [`evaluate`].
#[derive(Debug)]
pub enum Agent<'a> {
    /// A trained policy.
    Policy(&'a Policy, Decode),
    /// Uniformly random actions over all 7.
    Random,
}

/// Plays `episodes` episodes of `task` on seeds `seed_base..seed_base + episodes` with
/// `agent`; `rng_seed` seeds the action draws of sampling and random agents.
pub fn evaluate(
    task: &Task,
    agent: &Agent<'_>,
    seed_base: u64,
    episodes: u32,
    rng_seed: u64,
) -> Result<Success, LearnError> {
    let proto = Env::open(&task.id)?;
    let mut envs: Vec<Env> = (0..episodes)
        .map(|i| {
            let mut e = proto.clone();
            e.reset(seed_base + u64::from(i));
            e
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(rng_seed);
    let mut active: Vec<usize> = (0..envs.len()).collect();
    let mut successes = 0u32;
    let mut batch = Batch::default();
    let mut image = [0u8; 147];
    let mut text = String::new();
    while !active.is_empty() {
        let actions: Vec<usize> = match agent {
            Agent::Random => active.iter().map(|_| rng.random_range(0..7)).collect(),
            Agent::Policy(policy, decode) => {
                batch.clear();
                for &i in &active {
                    let env = envs[i].env();
                    env.observe(&mut image);
                    text.clear();
                    if policy.layout.obs == ObsKind::Text {
                        env.balrog_text(&mut text);
                    }
                    batch.push(&policy.layout, &policy.vocab, env.mission(), &image, &text);
                }
                let probs = policy.probs(&batch)?;
                probs
                    .chunks_exact(7)
                    .map(|p| match decode {
                        Decode::Greedy => argmax(p),
                        Decode::Sample => draw(p, rng.random::<f32>()),
                    })
                    .collect()
            }
        };
        let mut still = Vec::with_capacity(active.len());
        for (&i, &a) in active.iter().zip(&actions) {
            let step = envs[i].step(ACTIONS[a]);
            if step.terminated || step.truncated {
                successes += u32::from(succeeded(&step));
            } else {
                still.push(i);
            }
        }
        active = still;
    }
    Ok(Success {
        successes,
        episodes,
    })
}

fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in p.iter().enumerate() {
        if x > p[best] {
            best = i;
        }
    }
    best
}

fn draw(p: &[f32], u: f32) -> usize {
    let mut acc = 0.0;
    for (i, &x) in p.iter().enumerate() {
        acc += x;
        if u < acc {
            return i;
        }
    }
    p.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argmax_and_draw_pick_expected_actions() {
        let p = [0.1, 0.2, 0.6, 0.1, 0.0, 0.0, 0.0];
        assert_eq!(argmax(&p), 2);
        assert_eq!(draw(&p, 0.05), 0);
        assert_eq!(draw(&p, 0.25), 1);
        assert_eq!(draw(&p, 0.85), 2);
        assert_eq!(draw(&p, 0.95), 3);
        // Rounding that leaves the sum below u falls back to the last action.
        assert_eq!(draw(&[0.25, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0], 0.7), 6);
    }
}
