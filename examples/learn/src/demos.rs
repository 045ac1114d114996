//! Expert demonstrations: the bot plays training seeds and every step it takes is recorded
//! with the observation it was taken from.

use babyai_core::bot::Bot;

use crate::LearnError;
use crate::task::{Env, ObsKind, Task, succeeded};

/// First seed of the training demonstrations; they use consecutive seeds from here.
pub const TRAIN_SEED_BASE: u64 = 0;
/// First seed of the held-out evaluation episodes: far above every training seed, so the two
/// sets are disjoint (training would need 10^12 demonstrations to reach it).
pub const HELD_OUT_SEED_BASE: u64 = 1_000_000_000_000;

/// One recorded step: what the agent saw and what the bot did.
#[derive(Clone, Debug)]
pub struct DemoStep {
    /// The 7x7x3 observation.
    pub image: [u8; 147],
    /// BALROG's text of the observation (empty for image tasks).
    pub text: String,
    /// The bot's action (`Action as u8`).
    pub action: u8,
}

/// One successful bot episode.
#[derive(Clone, Debug)]
pub struct Demo {
    /// The seed the episode was generated from.
    pub seed: u64,
    /// The mission text.
    pub mission: String,
    /// The steps, in order.
    pub steps: Vec<DemoStep>,
}

/// Demonstrations of one task plus what it took to make them.
#[derive(Clone, Debug)]
pub struct DemoSet {
    /// Successful episodes, in seed order.
    pub demos: Vec<Demo>,
    /// Seeds tried (the bot's failures are skipped).
    pub seeds_tried: u64,
}

impl DemoSet {
    /// Steps in the first `n` demonstrations.
    pub fn steps(&self, n: usize) -> usize {
        self.demos[..n].iter().map(|d| d.steps.len()).sum()
    }
}

/// Lets the bot play seeds `TRAIN_SEED_BASE..` of `task` until `n` episodes succeeded.
/// Episodes the bot fails (gives up or runs out of steps) are left out, as BabyAI's demo
/// scripts do. Fails when the bot fails on more than half of the seeds.
pub fn generate(task: &Task, n: usize) -> Result<DemoSet, LearnError> {
    let mut env = Env::open(&task.id)?;
    let mut demos = Vec::with_capacity(n);
    let mut seed = TRAIN_SEED_BASE;
    while demos.len() < n {
        if seed - TRAIN_SEED_BASE > 2 * n as u64 + 10 {
            return Err(LearnError::NoDemos(format!(
                "the bot solved only {} of {} seeds of {}",
                demos.len(),
                seed - TRAIN_SEED_BASE,
                task.id
            )));
        }
        env.reset(seed);
        let mut bot = Bot::new(env.env());
        let mission = env.env().mission().to_string();
        let mut steps = Vec::new();
        loop {
            let mut image = [0u8; 147];
            env.env().observe(&mut image);
            let mut text = String::new();
            if task.obs == ObsKind::Text {
                env.env().balrog_text(&mut text);
            }
            let action = bot.act(env.env());
            steps.push(DemoStep {
                image,
                text,
                action: action as u8,
            });
            let step = env.step(action);
            if step.terminated || step.truncated {
                if succeeded(&step) {
                    demos.push(Demo {
                        seed,
                        mission,
                        steps,
                    });
                }
                break;
            }
        }
        seed += 1;
    }
    Ok(DemoSet {
        demos,
        seeds_tried: seed - TRAIN_SEED_BASE,
    })
}
