//! `gridhouse`: the command line of the Gridhouse simulators.

mod alfworld;
mod envs;
mod play;
mod registry;
mod replay;
mod rollout;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
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
  printf 'turn left\ngo forward\n' | gridhouse play --env BabyAI-GoToLocal-v0 --seed 1
                                      play with BALROG's text observations and actions
  gridhouse rollout --env alfworld/valid_unseen --policy searcher --episodes 134 --seed 0
                                      the searcher expert on ALFWorld's unseen split (50 steps)
  gridhouse rollout --games json_2.1.1/train --policy expert --episodes 100
                                      the oracle expert on real ALFWorld game folders
  gridhouse play --env alfworld/train --index 7
                                      type ALFWorld commands (`admissible` lists them)
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
    /// List every env id Gridhouse knows, one per line, with a one-line description.
    List(ListArgs),
    /// Replay recorded episodes and compare every observation, reward and flag.
    #[command(subcommand)]
    Replay(ReplayCommand),
    /// Run episodes of a BabyAI level (bot or random) or an ALFWorld task set (expert,
    /// searcher or random) and report success rate and episode lengths.
    Rollout(rollout::RolloutArgs),
    /// Play a BabyAI level with BALROG's text observations and actions, or an ALFWorld game
    /// by typing its commands (one per line; works with input piped on stdin).
    Play(play::PlayArgs),
    /// Write a generated game as a game folder of the original engine.
    #[command(subcommand)]
    Export(ExportCommand),
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
    Alfworld(replay::alfworld::Args),
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
struct ListArgs {
    /// Only list the envs of one engine.
    #[arg(long, value_enum)]
    engine: Option<registry::Engine>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::List(args) => cmd_list(&args),
        Command::Replay(ReplayCommand::Babyai(args)) => cmd_replay_babyai(&args),
        Command::Replay(ReplayCommand::Alfworld(args)) => replay::alfworld::run(&args),
        Command::Rollout(args) => rollout::cmd(&args),
        Command::Play(args) => play::cmd(&args),
        Command::Export(ExportCommand::Alfworld(args)) => alfworld::cmd_export(&args),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("gridhouse: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn cmd_list(args: &ListArgs) -> Result<ExitCode, String> {
    let entries: Vec<registry::Entry> = registry::entries()
        .into_iter()
        .filter(|e| args.engine.is_none_or(|want| e.engine == want))
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
        replay::babyai::replay_text(&text)
    } else {
        replay::babyai::replay_text_from_seed(&text)
    };
    print!("{}", report.text);
    Ok(if report.failed == 0 && report.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
