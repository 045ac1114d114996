//! `gridhouse`: the command line of the Gridhouse simulators, a shell over the `gridhouse`
//! library (every subcommand calls the library's public API).
#![forbid(unsafe_code)]

mod cli;

use cli::{alfworld, bench, demos, eval, play, render, report, rollout, showcase};

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  gridhouse showcase                  both engines with their experts and a random policy:
                                      success rates and throughput (under a minute)
  gridhouse list                      every env id with a one-line description
  gridhouse list --engine babyai      only the BabyAI levels
  gridhouse replay babyai traces.jsonl --from-state
                                      replay recorded episodes from their recorded states
  gridhouse replay babyai resets_public.jsonl
                                      generate each level from its id and seed, compare the
                                      reset (and replay the steps, if any)
  gridhouse replay alfworld traces.jsonl --games reference/alfworld
                                      re-play ALFWorld traces, compare every step
  gridhouse rollout --env BabyAI-BossLevel-v0 --policy bot --episodes 100 --seed 0
                                      the expert bot's success rate and episode lengths
  printf 'turn left\\ngo forward\\n' | gridhouse play --env BabyAI-GoToLocal-v0 --seed 1
                                      play with BALROG's text observations and actions
  gridhouse render --env BabyAI-BossLevel-v0 --seed 3 --policy bot --out boss.gif
                                      the bot's episode as an animated GIF (Minigrid's frames)
  gridhouse check --env BabyAI-GoToLocal-v0 --cases 256
                                      property-test the rules; violations as replayable traces
  gridhouse bench                     random-policy throughput of a representative set
  gridhouse bench --env BabyAI-BossLevel-v0 --threads 2 --seconds 3 --json
  gridhouse rollout --env alfworld/valid_unseen --policy searcher --episodes 134 --seed 0
                                      the searcher expert on ALFWorld's unseen split (50 steps)
  gridhouse rollout --games json_2.1.1/train --policy expert --episodes 100
                                      the oracle expert on real ALFWorld game folders
  gridhouse play --env alfworld/train --index 7
                                      type ALFWorld commands (`admissible` lists them)
  gridhouse demos --env BabyAI-MixedTrainLocal-v0/goto --episodes 1000 --out sft
                                      expert demonstrations as chat JSONL for fine-tuning
  gridhouse eval --env BabyAI-MixedTrainLocal-v0/goto --episodes 100 \\
      --endpoint http://127.0.0.1:8000 --model NAME --out results.jsonl
                                      success rate of an LLM behind a chat-completions API
  gridhouse export alfworld --set train --index 7 --out game7 --dialect 0.3
                                      write game.tw-pddl and traj_data.json
";

/// Fast, deterministic BabyAI and ALFWorld simulators for language-grounded agents.
#[derive(Parser, Debug)]
#[command(name = "gridhouse", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The main job in one command: both engines played by their experts and a random
    /// policy, success rates and throughput, then a batch of 1024 envs (under a minute).
    Showcase(showcase::ShowcaseArgs),
    /// List every env id Gridhouse knows, one per line, with a one-line description.
    List(ListArgs),
    /// Replay recorded episodes and compare every observation, reward and flag.
    #[command(subcommand)]
    Replay(ReplayCommand),
    /// Run episodes of a BabyAI level (bot or random) or an ALFWorld task set (expert,
    /// searcher or random) and report success rate and episode lengths.
    Rollout(rollout::RolloutArgs),
    /// Property-test the environment rules: the invariant suite over random seeds and
    /// actions; each violation is shrunk and printed as a replayable trace line (exit 1).
    #[cfg(feature = "proptest")]
    Check(cli::check::CheckArgs),
    /// Play a BabyAI level with BALROG's text observations and actions, or an ALFWorld game
    /// by typing its commands (one per line; works with input piped on stdin). Exit code 0
    /// when the episode was won, 1 when it was lost or the input ended, 2 on an error.
    Play(play::PlayArgs),
    /// A Minigrid-identical picture of a BabyAI episode: the frame after some actions (PNG)
    /// or the whole episode (animated GIF).
    Render(render::RenderArgs),
    /// An HTML report (one self-contained page) of a demos, evaluation or rollout file:
    /// summary table and every episode's steps, with frames for BabyAI.
    Report(report::ReportArgs),
    /// Random-policy rollouts with auto-reset: steps/s, resets/s and episodes/s per env id.
    Bench(BenchArgs),
    /// Write a generated game as a game folder of the original engine.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Write SFT data (chat JSONL: train.jsonl, dev.jsonl, manifest.json) from episodes of
    /// a built-in policy.
    Demos(demos::DemosArgs),
    /// Evaluate a built-in policy or an OpenAI-compatible chat endpoint on a fixed, seeded
    /// list of episodes (per-episode JSONL, resumable).
    Eval(eval::EvalArgs),
}

#[derive(Subcommand, Debug)]
enum ExportCommand {
    /// A generated ALFWorld game as `game.tw-pddl` + `traj_data.json`.
    Alfworld(alfworld::ExportArgs),
}

#[derive(Subcommand, Debug)]
enum ReplayCommand {
    /// Minigrid BabyAI traces or reset states (JSON lines recorded from Minigrid 3.2.0).
    Babyai(BabyaiReplayArgs),
    /// ALFWorld traces (JSON lines recorded from ALFWorld 0.4.2).
    Alfworld(AlfworldReplayArgs),
}

#[derive(clap::Args, Debug)]
struct BenchArgs {
    /// An env id to measure (repeatable). Default: a representative set of levels.
    #[arg(long = "env", value_name = "ID")]
    envs: Vec<String>,
    /// Seconds of each timed loop (the step loop, then the reset loop), per env id.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
    /// Worker threads (1 to 256); the batch is split into one shard per thread.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: u16,
    /// Envs stepped together in the batch (1 to 65536).
    #[arg(long, default_value_t = bench::DEFAULT_BATCH, value_parser = clap::value_parser!(u32).range(1..=65536))]
    batch: u32,
    /// One JSON object per line instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args, Debug)]
struct BabyaiReplayArgs {
    /// A trace file: one JSON episode per line.
    file: std::path::PathBuf,
    /// Start each episode from its recorded state (grid, agent, mission) instead of
    /// generating the level from its `env_id` and seed.
    #[arg(long)]
    from_state: bool,
}

#[derive(clap::Args, Debug)]
struct AlfworldReplayArgs {
    /// The trace file (JSON lines, one episode per line).
    file: std::path::PathBuf,
    /// The folder the episodes' `gamefile` paths are resolved under (leading path components
    /// that do not exist under it are dropped, so the reference `games/` folder works).
    /// Episodes with no `gamefile` but a `game` of the form `SET/INDEX` (and optionally
    /// `wording`: `v042` or `v03`) are traces of exported generated games: the game is
    /// generated again, exported and loaded back, with no folder needed.
    #[arg(long)]
    games: Option<std::path::PathBuf>,
    /// Print every episode's result, not only failures.
    #[arg(long)]
    verbose: bool,
}

/// The engines, as `--engine` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum EngineArg {
    /// Minigrid's BabyAI levels and BALROG's tasks.
    Babyai,
    /// ALFWorld household tasks.
    Alfworld,
}

#[derive(clap::Args, Debug)]
struct ListArgs {
    /// Only list the envs of one engine.
    #[arg(long, value_enum)]
    engine: Option<EngineArg>,
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Showcase(args) => showcase::cmd(&args),
        Command::List(args) => cmd_list(&args),
        Command::Replay(ReplayCommand::Babyai(args)) => cmd_replay_babyai(&args),
        Command::Replay(ReplayCommand::Alfworld(args)) => cmd_replay_alfworld(&args),
        Command::Rollout(args) => rollout::cmd(&args),
        #[cfg(feature = "proptest")]
        Command::Check(args) => cli::check::cmd(&args),
        Command::Play(args) => play::cmd(&args),
        Command::Render(args) => render::cmd(&args),
        Command::Report(args) => report::cmd(&args),
        Command::Bench(args) => cmd_bench(&args),
        Command::Export(ExportCommand::Alfworld(args)) => alfworld::cmd_export(&args),
        Command::Demos(args) => demos::cmd(&args),
        Command::Eval(args) => eval::cmd(&args),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("gridhouse: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Output piped into a reader that stops early (`gridhouse list | head`) ends the program
/// quietly with success, as ripgrep does, instead of `println!`'s panic on a broken pipe.
fn quiet_on_closed_stdout() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}

fn cmd_list(args: &ListArgs) -> Result<ExitCode, String> {
    let want = args.engine.map(|e| match e {
        EngineArg::Babyai => gridhouse::Engine::Babyai,
        EngineArg::Alfworld => gridhouse::Engine::Alfworld,
    });
    let entries: Vec<gridhouse::EnvInfo> = gridhouse::list()
        .into_iter()
        .filter(|e| want.is_none_or(|w| e.engine == w))
        .collect();
    if entries.is_empty() {
        println!("no envs registered yet: the engines in this build expose no env ids");
        return Ok(ExitCode::SUCCESS);
    }
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in &entries {
        println!("{:width$}  {}", e.id, e.description);
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_replay_babyai(args: &BabyaiReplayArgs) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let report = if args.from_state {
        gridhouse::replay::babyai::replay_text(&text)
    } else {
        gridhouse::replay::babyai::replay_text_from_seed(&text)
    };
    print!("{}", report.text);
    Ok(if report.failed == 0 && report.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn cmd_replay_alfworld(args: &AlfworldReplayArgs) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let opts = gridhouse::replay::alfworld::Options {
        games: args.games.clone(),
        verbose: args.verbose,
    };
    let stdout = std::io::stdout();
    let (passed, failed) =
        gridhouse::replay::alfworld::replay_text(&text, &opts, &mut stdout.lock())?;
    Ok(if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn cmd_bench(args: &BenchArgs) -> Result<ExitCode, String> {
    if !(args.seconds.is_finite() && (0.0..=86_400.0).contains(&args.seconds)) {
        return Err(format!(
            "--seconds {} is not a duration of 0 to 86400 s",
            args.seconds
        ));
    }
    let ids: Vec<String> = if args.envs.is_empty() {
        bench::DEFAULT_ENVS.iter().map(|s| s.to_string()).collect()
    } else {
        args.envs.clone()
    };
    // Resolve every id first, so a typo fails before any time is spent.
    let targets = ids
        .iter()
        .map(|id| bench::Target::resolve(id))
        .collect::<Result<Vec<_>, _>>()?;
    let cfg = bench::Config {
        seconds: args.seconds,
        threads: args.threads as usize,
        batch: args.batch as usize,
    };
    let width = ids.iter().map(|s| s.len()).max().unwrap_or(0).max(3);
    if !args.json {
        println!("{}", bench::table_header(width));
    }
    for (id, target) in ids.iter().zip(targets) {
        for m in target.measure(id, cfg)? {
            if args.json {
                println!("{}", m.to_json());
            } else {
                println!("{}", bench::table_row(&m, width));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
