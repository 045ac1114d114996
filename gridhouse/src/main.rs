//! `gridhouse`: the command line of the Gridhouse simulators.

mod registry;
mod replay;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  gridhouse list                      every env id with a one-line description
  gridhouse list --engine babyai      only the BabyAI levels
  gridhouse replay alfworld traces.jsonl --games reference/alfworld/games
                                      re-play ALFWorld traces, compare every step
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
    /// Re-play recorded reference traces and compare every step.
    #[command(subcommand)]
    Replay(ReplayCommand),
}

#[derive(Subcommand, Debug)]
enum ReplayCommand {
    /// ALFWorld traces (JSON lines recorded from ALFWorld 0.4.2).
    Alfworld(replay::alfworld::Args),
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
        Command::Replay(ReplayCommand::Alfworld(args)) => replay::alfworld::run(&args),
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
