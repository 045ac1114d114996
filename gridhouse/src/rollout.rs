//! `gridhouse rollout`: run episodes of a BabyAI level with a policy and report statistics.

use crate::envs::AnyEnv;
use babyai_core::bot::Bot;
use babyai_core::rng::Pcg64;
use babyai_core::{ACTIONS, Action};
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Which policy acts.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Uniform over Minigrid's 7 actions, from numpy's `Generator(PCG64(seed))` stream of the
    /// episode's seed (`integers(0, 7)` per step).
    Random,
    /// The expert bot (`babyai_core::bot::Bot`).
    Bot,
}

/// Arguments of `gridhouse rollout`.
#[derive(clap::Args, Debug)]
pub struct RolloutArgs {
    /// Env id: a BabyAI level (see `gridhouse list`), a BALROG task
    /// (BabyAI-MixedTrainLocal-v0/goto, /pickup, /open, /putnext, /pick_up_seq_go_to), or
    /// `all` for every one of them, one line each.
    #[arg(long)]
    pub env: String,
    /// Who acts.
    #[arg(long, value_enum, default_value = "bot")]
    pub policy: Policy,
    /// Number of episodes; episode i is reset with seed S + i.
    #[arg(long, default_value_t = 100)]
    pub episodes: u64,
    /// First seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What a rollout measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Episodes run.
    pub episodes: u64,
    /// Share of episodes that ended with a positive reward.
    pub success_rate: f64,
    /// Mean episode return.
    pub mean_return: f64,
    /// Mean episode length (steps, all episodes).
    pub mean_length: f64,
    /// Median episode length (all episodes; mean of the middle two for an even count).
    pub median_length: f64,
    /// Total steps.
    pub steps: u64,
}

/// Runs `episodes` episodes of `env` from seeds `seed..seed + episodes` until each
/// terminates or truncates. `progress` is called after each episode with the count done.
pub fn run(
    env_id: &str,
    policy: Policy,
    episodes: u64,
    seed: u64,
    mut progress: impl FnMut(u64),
) -> Result<Summary, String> {
    let mut env = AnyEnv::make(env_id)?;
    let mut lengths = Vec::with_capacity(episodes as usize);
    let (mut wins, mut total_return, mut steps) = (0u64, 0.0f64, 0u64);
    for i in 0..episodes {
        let s = seed.wrapping_add(i);
        env.reset(s);
        let mut bot = (policy == Policy::Bot).then(|| Bot::new(env.env()));
        let mut rng = Pcg64::from_seed(s);
        let mut ret = 0.0;
        let mut len = 0u64;
        loop {
            let action = match bot.as_mut() {
                Some(bot) => bot.act(env.env()),
                None => ACTIONS[rng.integers(0, ACTIONS.len() as i64) as usize],
            };
            let step = env.step(action);
            ret += step.reward;
            len += 1;
            if step.terminated || step.truncated {
                wins += u64::from(step.reward > 0.0);
                break;
            }
            debug_assert!(action != Action::Done || bot.is_some());
        }
        total_return += ret;
        steps += len;
        lengths.push(len);
        progress(i + 1);
    }
    lengths.sort_unstable();
    let n = lengths.len();
    let median = match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => lengths[n / 2] as f64,
        _ => (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0,
    };
    let per = |x: f64| if n == 0 { f64::NAN } else { x / n as f64 };
    Ok(Summary {
        episodes,
        success_rate: per(wins as f64),
        mean_return: per(total_return),
        mean_length: per(steps as f64),
        median_length: median,
        steps,
    })
}

/// `gridhouse rollout`: prints the summary (text or JSON), with a progress bar on stderr
/// when it is a terminal and the run is long.
pub fn cmd(args: &RolloutArgs) -> Result<std::process::ExitCode, String> {
    if args.episodes == 0 {
        return Err("--episodes must be at least 1".to_string());
    }
    if args.env == "all" {
        return cmd_all(args);
    }
    let show = std::io::stderr().is_terminal() && args.episodes >= 50;
    let start = Instant::now();
    let summary = run(&args.env, args.policy, args.episodes, args.seed, |done| {
        if show && (done % (args.episodes / 50).max(1) == 0 || done == args.episodes) {
            let filled = (done * 40 / args.episodes) as usize;
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r[{}{}] {done}/{}",
                "#".repeat(filled),
                " ".repeat(40 - filled),
                args.episodes
            );
            if done == args.episodes {
                let _ = writeln!(err);
            }
        }
    })?;
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let steps_per_sec = summary.steps as f64 / secs;
    let episodes_per_sec = summary.episodes as f64 / secs;
    if args.json {
        let policy = match args.policy {
            Policy::Random => "random",
            Policy::Bot => "bot",
        };
        let v = serde_json::json!({
            "env": args.env,
            "policy": policy,
            "seed": args.seed,
            "episodes": summary.episodes,
            "success_rate": summary.success_rate,
            "mean_return": summary.mean_return,
            "mean_length": summary.mean_length,
            "median_length": summary.median_length,
            "steps": summary.steps,
            "episodes_per_sec": episodes_per_sec,
            "steps_per_sec": steps_per_sec,
        });
        println!("{v}");
    } else {
        println!(
            "{} with the {} policy, seeds {}..{}",
            args.env,
            match args.policy {
                Policy::Random => "random",
                Policy::Bot => "bot",
            },
            args.seed,
            args.seed.saturating_add(args.episodes - 1)
        );
        println!("episodes       {}", summary.episodes);
        println!("success rate   {:.3}", summary.success_rate);
        println!("mean return    {:.4}", summary.mean_return);
        println!("mean length    {:.2}", summary.mean_length);
        println!("median length  {}", summary.median_length);
        println!("episodes/s     {episodes_per_sec:.1}");
        println!("steps/s        {steps_per_sec:.0}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// `--env all`: every BabyAI level and BALROG task, one line (or one JSON object) each.
fn cmd_all(args: &RolloutArgs) -> Result<std::process::ExitCode, String> {
    let ids = babyai_core::LEVEL_IDS
        .iter()
        .chain(babyai_core::balrog::BALROG_TASKS.iter());
    for id in ids {
        let start = Instant::now();
        let s = run(id, args.policy, args.episodes, args.seed, |_| {})?;
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        if args.json {
            let v = serde_json::json!({
                "env": id,
                "episodes": s.episodes,
                "success_rate": s.success_rate,
                "mean_return": s.mean_return,
                "mean_length": s.mean_length,
                "median_length": s.median_length,
                "steps_per_sec": s.steps as f64 / secs,
            });
            println!("{v}");
        } else {
            println!(
                "{id:45} success {:.3}  mean length {:7.2}  median {:6.1}  episodes/s {:9.1}",
                s.success_rate,
                s.mean_length,
                s.median_length,
                s.episodes as f64 / secs
            );
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
