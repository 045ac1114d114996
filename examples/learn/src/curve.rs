//! The experiment: for each task, demos -> train -> held-out evaluation at several numbers
//! of demonstrations, with the time each phase took.

use std::time::{Duration, Instant};

use crate::LearnError;
use crate::demos::{self, HELD_OUT_SEED_BASE};
use crate::eval::{self, Agent, Decode};
use crate::model::{self, TrainConfig};
use crate::stats::Success;
use crate::task::Task;

/// The figure's tasks: two BabyAI levels with the image, BALROG's five with text.
pub fn figure_tasks() -> Vec<Task> {
    let mut tasks = vec![
        Task::image("BabyAI-GoToRedBallGrey-v0"),
        Task::image("BabyAI-GoToLocal-v0"),
    ];
    tasks.extend(
        babyai_core::balrog::BALROG_TASKS
            .iter()
            .map(|id| Task::text(id)),
    );
    tasks
}

/// The figure's numbers of demonstrations (three orders of magnitude).
pub const FIGURE_DEMOS: [usize; 4] = [10, 100, 1_000, 10_000];

/// Settings of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Held-out episodes per point.
    pub episodes: u32,
    /// Model and schedule.
    pub train: TrainConfig,
    /// How the policy picks actions at evaluation.
    pub decode: Decode,
}

impl Config {
    /// The figure's settings: 1,000 held-out episodes, the default model.
    pub fn figure() -> Config {
        Config {
            episodes: 1_000,
            train: TrainConfig::default(),
            decode: Decode::Sample,
        }
    }

    /// A smaller run for tests: 300 held-out episodes, fewer optimiser steps.
    pub fn quick() -> Config {
        Config {
            episodes: 300,
            train: TrainConfig {
                max_steps: 800,
                min_steps: 200,
                ..TrainConfig::default()
            },
            decode: Decode::Sample,
        }
    }
}

/// One point of a curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Demonstrations trained on.
    pub demos: usize,
    /// Bot steps in them (training samples).
    pub samples: usize,
    /// Optimiser steps.
    pub train_steps: usize,
    /// Final training cross-entropy.
    pub final_loss: f32,
    /// Held-out success.
    pub success: Success,
    /// Training time.
    pub train_time: Duration,
    /// Evaluation time.
    pub eval_time: Duration,
}

/// A task's curve.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskCurve {
    /// The task.
    pub task: Task,
    /// One point per number of demonstrations, in increasing order.
    pub points: Vec<Point>,
    /// A uniformly random policy on the same held-out seeds.
    pub random: Success,
    /// Seeds the bot played to produce the largest demo set.
    pub seeds_tried: u64,
    /// Demo generation time (the largest set; smaller sets are its prefixes).
    pub demo_time: Duration,
    /// Random-policy evaluation time.
    pub random_time: Duration,
}

/// Runs `task` at each of `demo_counts` (increasing): the bot plays the largest count once,
/// each point trains on a prefix of those demos (so a larger set contains the smaller ones)
/// and is evaluated on the same held-out seeds.
pub fn run_task(task: &Task, demo_counts: &[usize], cfg: &Config) -> Result<TaskCurve, LearnError> {
    let max = demo_counts.iter().copied().max().unwrap_or(0);
    let t = Instant::now();
    let set = demos::generate(task, max)?;
    let demo_time = t.elapsed();
    let t = Instant::now();
    let random = eval::evaluate(task, &Agent::Random, HELD_OUT_SEED_BASE, cfg.episodes, 1)?;
    let random_time = t.elapsed();
    let mut points = Vec::new();
    for &n in demo_counts {
        let t = Instant::now();
        let (policy, report) = model::train(task.obs, &set.demos[..n], &cfg.train)?;
        let train_time = t.elapsed();
        let t = Instant::now();
        let success = eval::evaluate(
            task,
            &Agent::Policy(&policy, cfg.decode),
            HELD_OUT_SEED_BASE,
            cfg.episodes,
            2,
        )?;
        points.push(Point {
            demos: n,
            samples: report.samples,
            train_steps: report.steps,
            final_loss: report.final_loss,
            success,
            train_time,
            eval_time: t.elapsed(),
        });
    }
    Ok(TaskCurve {
        task: task.clone(),
        points,
        random,
        seeds_tried: set.seeds_tried,
        demo_time,
        random_time,
    })
}

/// The curves as a Markdown table (one row per point).
pub fn markdown_table(curves: &[TaskCurve]) -> String {
    let mut s = String::from(
        "| task | obs | demos | bot steps | train steps | success | 95% Wilson | random | train s | eval s |\n\
         |---|---|---:|---:|---:|---:|---|---:|---:|---:|\n",
    );
    for c in curves {
        for p in &c.points {
            let (lo, hi) = p.success.wilson95();
            s.push_str(&format!(
                "| {} | {:?} | {} | {} | {} | {:.3} | {:.3}–{:.3} | {:.3} | {:.1} | {:.1} |\n",
                c.task.label(),
                c.task.obs,
                p.demos,
                p.samples,
                p.train_steps,
                p.success.rate(),
                lo,
                hi,
                c.random.rate(),
                p.train_time.as_secs_f64(),
                p.eval_time.as_secs_f64(),
            ));
        }
    }
    s
}
