//! `gridhouse rollout`: episodes of any env id with a built-in policy, and their statistics.

use gridhouse::alfworld::{Games, parse_wording};
use gridhouse::policy::{EpisodeResult, Policy, play_episode};
use gridhouse::{AlfworldEnv, Env};
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Instant;

/// The most episodes one rollout runs (results are streamed, but the median needs them).
pub const MAX_EPISODES: u64 = 100_000_000;

/// Which policy acts.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyArg {
    /// BabyAI: uniform over Minigrid's 7 actions, from numpy's `Generator(PCG64(seed))`
    /// stream of the episode's seed. ALFWorld: uniform over the admissible commands.
    Random,
    /// The expert bot (BabyAI); for ALFWorld the same as `expert`.
    Bot,
    /// ALFWorld's oracle expert (plays shortest plans); for BabyAI the same as `bot`.
    Expert,
    /// ALFWorld's searcher expert (uses only what it has observed).
    Searcher,
}

impl PolicyArg {
    fn policy(self) -> Policy {
        match self {
            PolicyArg::Random => Policy::Random,
            PolicyArg::Bot | PolicyArg::Expert => Policy::Expert,
            PolicyArg::Searcher => Policy::Searcher,
        }
    }

    fn name(self) -> &'static str {
        match self {
            PolicyArg::Random => "random",
            PolicyArg::Bot => "bot",
            PolicyArg::Expert => "expert",
            PolicyArg::Searcher => "searcher",
        }
    }
}

/// Arguments of `gridhouse rollout`.
#[derive(clap::Args, Debug)]
pub struct RolloutArgs {
    /// Env id (any of `gridhouse list`): a BabyAI level, a BALROG task
    /// (BabyAI-MixedTrainLocal-v0/goto, /pickup, /open, /putnext, /pick_up_seq_go_to), or
    /// `all` for every BabyAI id, one line each; or an ALFWorld task set
    /// (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]`) or `alfworld-dir:PATH`. Required unless
    /// --games is given.
    #[arg(long, value_name = "ID")]
    pub env: Option<String>,
    /// ALFWorld: play the game folders (containing `game.tw-pddl`) under this directory.
    #[arg(long)]
    pub games: Option<std::path::PathBuf>,
    /// ALFWorld: steps per episode (ALFWorld's evaluation budget is 50). BabyAI levels keep
    /// Minigrid's own `max_steps`, so the option is refused for them.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_steps: Option<u32>,
    /// ALFWorld: wording of generated games, 0.4.2 or 0.3.
    #[arg(long, default_value = "0.4.2")]
    pub dialect: String,
    /// Who acts.
    #[arg(long, value_enum, default_value = "bot")]
    pub policy: PolicyArg,
    /// Number of episodes (1 to 100,000,000); episode i is reset with seed S + i (ALFWorld:
    /// plays game (S + i) mod the number of games).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=MAX_EPISODES))]
    pub episodes: u64,
    /// First seed (0 to 2^64 - 1; the last episode's seed must fit too).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// One JSON line per episode (env, seed, game index, length, return, success), then a
    /// JSON summary line.
    #[arg(long)]
    pub json: bool,
    /// Stop at the first game that fails to load or that the expert cannot solve (default:
    /// report it by path, skip it and count it in the summary).
    #[arg(long)]
    pub strict: bool,
}

/// What a rollout measured.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Episodes played.
    pub episodes: u64,
    /// Episodes skipped because their game failed to load.
    pub skipped: u64,
    /// Share of played episodes that were won.
    pub success_rate: f64,
    /// Mean episode return.
    pub mean_return: f64,
    /// Mean episode length.
    pub mean_length: f64,
    /// Median episode length.
    pub median_length: f64,
    /// Total steps.
    pub steps: u64,
}

fn summarise(results: &[EpisodeResult], skipped: u64) -> Summary {
    let mut lengths: Vec<u64> = results.iter().map(|r| u64::from(r.length)).collect();
    let wins = results.iter().filter(|r| r.success).count() as f64;
    let total_return: f64 = results.iter().map(|r| r.episode_return).sum();
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
        skipped,
        success_rate: per(wins),
        mean_return: per(total_return),
        mean_length: per(steps as f64),
        median_length: median,
        steps,
    }
}

/// Plays `episodes` episodes of `env` from seeds `seed..`, calling `each` after every one.
/// Games that fail to load are skipped (counted) unless `strict`.
pub fn run(
    env: &mut Env,
    policy: Policy,
    episodes: u64,
    seed: u64,
    strict: bool,
    mut each: impl FnMut(u64, Result<&EpisodeResult, &gridhouse::Error>),
) -> Result<Summary, String> {
    let mut results = Vec::with_capacity(episodes.min(1 << 20) as usize);
    let mut skipped = 0;
    for i in 0..episodes {
        match play_episode(env, policy, seed + i) {
            Ok(r) => {
                each(i + 1, Ok(&r));
                results.push(r);
            }
            Err(e @ (gridhouse::Error::Load(_) | gridhouse::Error::Expert(_))) if !strict => {
                each(i + 1, Err(&e));
                skipped += 1;
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(summarise(&results, skipped))
}

/// `gridhouse rollout`.
pub fn cmd(args: &RolloutArgs) -> Result<std::process::ExitCode, String> {
    if args.seed.checked_add(args.episodes - 1).is_none() {
        return Err(format!(
            "--seed {} with --episodes {}: the last seed would pass 2^64 - 1 (seeds do not wrap)",
            args.seed, args.episodes
        ));
    }
    let policy = args.policy.policy();
    if args.env.as_deref() == Some("all") {
        return cmd_all(args, policy);
    }
    let mut env = match (&args.games, &args.env) {
        (Some(dir), _) => {
            let games = Games::from_dir(dir)?;
            let id = format!("alfworld-dir:{}", dir.display());
            Env::from(AlfworldEnv::with_games(
                &id,
                Arc::new(games),
                gridhouse::Wording::V042,
            )?)
        }
        (None, Some(id)) => gridhouse::make(id)?,
        (None, None) => {
            return Err("--env ID is required (or --games DIR for ALFWorld game folders)".into());
        }
    };
    match env.alfworld_mut() {
        Some(a) => {
            a.set_wording(parse_wording(&args.dialect)?);
            a.set_max_steps(Some(
                args.max_steps
                    .unwrap_or(gridhouse::alfworld::DEFAULT_MAX_STEPS),
            ));
        }
        None => {
            if args.max_steps.is_some() {
                return Err(
                    "--max-steps applies to ALFWorld; BabyAI levels keep Minigrid's own max_steps"
                        .into(),
                );
            }
            if args.dialect != "0.4.2" {
                return Err("--dialect applies to ALFWorld only".into());
            }
        }
    }
    let label = env.id().to_string();
    let start = Instant::now();
    let mut bar = Progress::new(args.episodes);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let summary = run(
        &mut env,
        policy,
        args.episodes,
        args.seed,
        args.strict,
        |done, r| {
            match r {
                Ok(r) if args.json => {
                    let _ = writeln!(out, "{}", episode_json(r));
                }
                Err(e) => eprintln!("\rgridhouse: skipped a game: {e}"),
                Ok(_) => {}
            }
            bar.tick(done);
        },
    )?;
    drop(out);
    print_summary(args, &label, &summary, start);
    Ok(std::process::ExitCode::SUCCESS)
}

/// One episode as a JSON line.
fn episode_json(r: &EpisodeResult) -> serde_json::Value {
    serde_json::json!({
        "env": r.env_id,
        "seed": r.seed,
        "game_index": r.game_index,
        "length": r.length,
        "return": r.episode_return,
        "success": r.success,
    })
}

/// A progress bar on stderr when it is a terminal and the run is long.
pub struct Progress {
    total: u64,
    show: bool,
}

impl Progress {
    /// A bar for `total` items (hidden unless stderr is a terminal and `total >= 50`).
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            show: std::io::stderr().is_terminal() && total >= 50,
        }
    }

    /// Erases the bar (before printing a line of results).
    pub fn clear(&mut self) {
        if self.show {
            let _ = write!(std::io::stderr(), "\r{:60}\r", "");
        }
    }

    /// `done` items are finished.
    pub fn tick(&mut self, done: u64) {
        if self.show && (done.is_multiple_of((self.total / 50).max(1)) || done == self.total) {
            let filled = (done * 40 / self.total) as usize;
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r[{}{}] {done}/{}",
                "#".repeat(filled),
                " ".repeat(40 - filled),
                self.total
            );
            if done == self.total {
                let _ = write!(err, "\r{:60}\r", "");
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
        let v = serde_json::json!({
            "summary": true,
            "env": env,
            "policy": args.policy.name(),
            "seed": args.seed,
            "episodes": summary.episodes,
            "skipped": summary.skipped,
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
            "{} with the {} policy, seeds {}..={}",
            env,
            args.policy.name(),
            args.seed,
            args.seed + (args.episodes - 1)
        );
        println!("episodes       {}", summary.episodes);
        if summary.skipped > 0 {
            println!(
                "skipped        {} (games that failed to load)",
                summary.skipped
            );
        }
        println!("success rate   {:.3}", summary.success_rate);
        println!("mean return    {:.4}", summary.mean_return);
        println!("mean length    {:.2}", summary.mean_length);
        println!("median length  {}", summary.median_length);
        println!("episodes/s     {episodes_per_sec:.1}");
        println!("steps/s        {steps_per_sec:.0}");
    }
}

/// `--env all`: every BabyAI level and BALROG task, one line (or one JSON object) each.
fn cmd_all(args: &RolloutArgs, policy: Policy) -> Result<std::process::ExitCode, String> {
    let ids = babyai_core::LEVEL_IDS
        .iter()
        .chain(babyai_core::balrog::BALROG_TASKS.iter());
    for id in ids {
        let start = Instant::now();
        let mut env = gridhouse::make(id)?;
        let s = run(&mut env, policy, args.episodes, args.seed, true, |_, _| {})?;
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
