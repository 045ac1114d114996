//! `gridhouse demos`: SFT data (chat JSONL) from episodes of a built-in policy.

use gridhouse::demos::{DemoConfig, Format, Prompt, write_demos_dir};
use gridhouse::policy::Policy;
use std::process::ExitCode;

/// Arguments of `gridhouse demos`.
#[derive(clap::Args, Debug)]
pub struct DemosArgs {
    /// Env id (any of `gridhouse list`, or `alfworld-dir:PATH`).
    #[arg(long, value_name = "ID")]
    pub env: String,
    /// Who acts: expert (BabyAI's bot, ALFWorld's oracle), random, or searcher (ALFWorld).
    #[arg(long, default_value = "expert")]
    pub policy: String,
    /// Episodes to play; episode i is reset with seed S + i (ALFWorld: game (S + i) mod the
    /// number of games).
    #[arg(long, default_value_t = 100)]
    pub episodes: u64,
    /// First seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// `turns`: one record per step; `episode`: one conversation per episode.
    #[arg(long, default_value = "turns")]
    pub format: String,
    /// Prompt style: balrog (BabyAI, the default there), react (ALFWorld, the default
    /// there) or plain (both).
    #[arg(long)]
    pub prompt: Option<String>,
    /// History window in steps (default: 16 for balrog, the whole episode otherwise).
    #[arg(long)]
    pub history: Option<usize>,
    /// Keep failed episodes too (default: successes only for the experts).
    #[arg(long)]
    pub all_episodes: bool,
    /// Drop episodes longer than L steps.
    #[arg(long, value_name = "L")]
    pub max_length: Option<u32>,
    /// Share of seeds (ALFWorld: games) written to dev.jsonl.
    #[arg(long, default_value_t = 0.1)]
    pub dev_fraction: f64,
    /// Output folder: train.jsonl, dev.jsonl, manifest.json.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

/// Runs `gridhouse demos`.
pub fn cmd(args: &DemosArgs) -> Result<ExitCode, String> {
    let mut cfg = DemoConfig::new(&args.env);
    cfg.policy = Policy::parse(&args.policy)?;
    cfg.episodes = args.episodes;
    cfg.seed = args.seed;
    cfg.format = Format::parse(&args.format)?;
    cfg.prompt = args.prompt.as_deref().map(Prompt::parse).transpose()?;
    cfg.history = args.history;
    cfg.all_episodes = args.all_episodes;
    cfg.max_length = args.max_length;
    cfg.dev_fraction = args.dev_fraction;
    let command: Vec<String> = std::iter::once("gridhouse".to_string())
        .chain(std::env::args().skip(1))
        .collect();
    let c = write_demos_dir(&cfg, &args.out, &command.join(" "))?;
    eprintln!(
        "played {} episodes ({} won); wrote {} ({} train records, {} dev records); dropped {} \
         failed, {} too long, {} expert errors",
        c.played,
        c.succeeded,
        c.kept,
        c.train.records,
        c.dev.records,
        c.dropped_failed,
        c.dropped_long,
        c.expert_errors
    );
    Ok(ExitCode::SUCCESS)
}
