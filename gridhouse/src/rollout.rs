//! `gridhouse rollout`: run episodes of a BabyAI level or an ALFWorld task set with a policy
//! and report statistics.

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
    /// The expert bot (`babyai_core::bot::Bot`); for ALFWorld the same as `expert`.
    Bot,
    /// ALFWorld's oracle expert (plays shortest plans); for BabyAI the same as `bot`.
    Expert,
    /// ALFWorld's searcher expert (uses only what it has observed).
    Searcher,
}

impl Policy {
    fn name(self) -> &'static str {
        match self {
            Policy::Random => "random",
            Policy::Bot => "bot",
            Policy::Expert => "expert",
            Policy::Searcher => "searcher",
        }
    }
}

/// Arguments of `gridhouse rollout`.
#[derive(clap::Args, Debug)]
pub struct RolloutArgs {
    /// Env id: a BabyAI level (see `gridhouse list`), a BALROG task
    /// (BabyAI-MixedTrainLocal-v0/goto, /pickup, /open, /putnext, /pick_up_seq_go_to), or
    /// `all` for every one of them, one line each; or an ALFWorld task set
    /// (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]`, SET train, valid_seen, valid_unseen) or
    /// `alfworld-dir:PATH` (a folder of ALFWorld game folders).
    #[arg(long, default_value = "")]
    pub env: String,
    /// ALFWorld: play the game folders (containing `game.tw-pddl`) under this directory.
    #[arg(long)]
    pub games: Option<std::path::PathBuf>,
    /// ALFWorld: steps per episode (ALFWorld's evaluation budget is 50).
    #[arg(long, default_value_t = crate::alfworld::DEFAULT_MAX_STEPS)]
    pub max_steps: u32,
    /// ALFWorld: wording of generated games, 0.4.2 or 0.3.
    #[arg(long, default_value = "0.4.2")]
    pub dialect: String,
    /// Who acts.
    #[arg(long, value_enum, default_value = "bot")]
    pub policy: Policy,
    /// Number of episodes; episode i is reset with seed S + i (ALFWorld: plays game S + i of
    /// the set, wrapping around).
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
    if policy == Policy::Searcher {
        return Err("the searcher policy is for ALFWorld; BabyAI has random and bot".to_string());
    }
    let mut env = AnyEnv::make(env_id)?;
    let mut lengths = Vec::with_capacity(episodes as usize);
    let (mut wins, mut total_return, mut steps) = (0u64, 0.0f64, 0u64);
    for i in 0..episodes {
        let s = seed.wrapping_add(i);
        env.reset(s);
        let mut bot = matches!(policy, Policy::Bot | Policy::Expert).then(|| Bot::new(env.env()));
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
    if args.games.is_some() || args.env.starts_with("alfworld") {
        return cmd_alfworld(args);
    }
    if args.env.is_empty() {
        return Err("--env is required (or --games DIR for ALFWorld game folders)".to_string());
    }
    let start = Instant::now();
    let summary = run(
        &args.env,
        args.policy,
        args.episodes,
        args.seed,
        progress_bar(args),
    )?;
    print_summary(args, &args.env, &summary, start);
    Ok(std::process::ExitCode::SUCCESS)
}

/// A progress bar on stderr when it is a terminal and the run is long.
fn progress_bar(args: &RolloutArgs) -> impl FnMut(u64) + '_ {
    let show = std::io::stderr().is_terminal() && args.episodes >= 50;
    move |done| {
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
    }
}

/// Prints a summary as text or JSON.
fn print_summary(args: &RolloutArgs, env: &str, summary: &Summary, start: Instant) {
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let steps_per_sec = summary.steps as f64 / secs;
    let episodes_per_sec = summary.episodes as f64 / secs;
    if args.json {
        let policy = args.policy.name();
        let v = serde_json::json!({
            "env": env,
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
            env,
            args.policy.name(),
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
}

/// Aggregates episode results into a summary (success = won, return 1 when won).
fn summarise(results: &[(bool, u32)]) -> Summary {
    let mut lengths: Vec<u64> = results.iter().map(|r| u64::from(r.1)).collect();
    let wins = results.iter().filter(|r| r.0).count() as f64;
    let steps: u64 = lengths.iter().sum();
    lengths.sort_unstable();
    let n = lengths.len();
    let median = match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => lengths[n / 2] as f64,
        _ => (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0,
    };
    let per = |x: f64| if n == 0 { f64::NAN } else { x / n as f64 };
    Summary {
        episodes: n as u64,
        success_rate: per(wins),
        mean_return: per(wins),
        mean_length: per(steps as f64),
        median_length: median,
        steps,
    }
}

/// ALFWorld rollouts: episode k plays game S + k of the set (wrapping around).
fn cmd_alfworld(args: &RolloutArgs) -> Result<std::process::ExitCode, String> {
    use crate::alfworld::{AlfPolicy, Games, episode, parse_wording};
    let games = match &args.games {
        Some(dir) => Games::from_dir(dir)?,
        None => Games::from_env_id(&args.env)?,
    };
    let label = match &args.games {
        Some(dir) => format!("alfworld-dir:{}", dir.display()),
        None => args.env.clone(),
    };
    let wording = parse_wording(&args.dialect)?;
    let policy = match args.policy {
        Policy::Random => AlfPolicy::Random,
        Policy::Bot | Policy::Expert => AlfPolicy::Expert,
        Policy::Searcher => AlfPolicy::Searcher,
    };
    let start = Instant::now();
    let mut bar = progress_bar(args);
    let mut results = Vec::with_capacity(args.episodes as usize);
    for k in 0..args.episodes {
        let index = args.seed.wrapping_add(k) % games.len() as u64;
        let game = games.game(index as usize, wording)?;
        results.push(episode(
            game,
            policy,
            args.seed.wrapping_add(k),
            args.max_steps,
        )?);
        bar(k + 1);
    }
    print_summary(args, &label, &summarise(&results), start);
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
