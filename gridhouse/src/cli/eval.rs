//! `gridhouse eval`: a policy or an LLM endpoint on a fixed, seeded episode list.

use gridhouse::demos::Prompt;
use gridhouse::eval::{Agent, Endpoint, EvalConfig, run_eval};
use gridhouse::policy::Policy;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `gridhouse eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Env id (any of `gridhouse list`, or `alfworld-dir:PATH`).
    #[arg(long, value_name = "ID")]
    pub env: String,
    /// Episodes in the list; episode i is reset with seed S + i.
    #[arg(long, default_value_t = 100)]
    pub episodes: u64,
    /// Seed of episode 0.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// A built-in policy (random, expert, searcher); not with --endpoint.
    #[arg(long, conflicts_with = "endpoint")]
    pub policy: Option<String>,
    /// An OpenAI-compatible server (`http://host:port`, `.../v1` or the full
    /// `.../v1/chat/completions` URL).
    #[arg(long, requires = "model")]
    pub endpoint: Option<String>,
    /// The model name sent with each request.
    #[arg(long)]
    pub model: Option<String>,
    /// The environment variable holding the API key (sent as a bearer token).
    #[arg(long, value_name = "VAR")]
    pub api_key_env: Option<String>,
    /// Episodes in flight at once (1 to 1024).
    #[arg(long, default_value_t = 1)]
    pub concurrency: usize,
    /// Limit of one request, in seconds.
    #[arg(long, default_value_t = 60.0)]
    pub timeout_secs: f64,
    /// Further attempts after a failed request.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Wait before the first retry, in seconds (doubled for each further one).
    #[arg(long, default_value_t = 1.0)]
    pub backoff_secs: f64,
    /// The `temperature` sent with each request (default: the server's).
    #[arg(long)]
    pub temperature: Option<f64>,
    /// The `max_tokens` sent with each request.
    #[arg(long)]
    pub max_tokens: Option<u32>,
    /// Prompt style (as `gridhouse demos`): balrog, react or plain.
    #[arg(long)]
    pub prompt: Option<String>,
    /// History window in steps (as `gridhouse demos`).
    #[arg(long)]
    pub history: Option<usize>,
    /// The results file (JSON lines, one per episode); a re-run with the same file skips the
    /// episodes it holds.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

fn seconds(what: &str, s: f64) -> Result<Duration, String> {
    if s.is_finite() && (0.0..=86_400.0).contains(&s) {
        Ok(Duration::from_secs_f64(s))
    } else {
        Err(format!("--{what} {s} is not a duration of 0 to 86400 s"))
    }
}

/// Runs `gridhouse eval`.
pub fn cmd(args: &EvalArgs) -> Result<ExitCode, String> {
    let agent = match (&args.policy, &args.endpoint, &args.model) {
        (Some(p), None, _) => Agent::Builtin(Policy::parse(p)?),
        (None, Some(url), Some(model)) => {
            let mut e = Endpoint::new(url, model);
            e.timeout = seconds("timeout-secs", args.timeout_secs)?;
            if e.timeout.is_zero() {
                return Err("--timeout-secs must be above 0".to_string());
            }
            e.backoff = seconds("backoff-secs", args.backoff_secs)?;
            e.retries = args.retries;
            e.temperature = args.temperature;
            e.max_tokens = args.max_tokens;
            if let Some(var) = &args.api_key_env {
                e.api_key = Some(std::env::var(var).map_err(|_| {
                    format!("--api-key-env {var}: the environment variable is not set")
                })?);
            }
            Agent::Llm(e)
        }
        _ => return Err("give --policy NAME, or --endpoint URL with --model NAME".to_string()),
    };
    let mut cfg = EvalConfig::new(&args.env, agent);
    cfg.episodes = args.episodes;
    cfg.seed = args.seed;
    cfg.concurrency = args.concurrency;
    cfg.prompt = args.prompt.as_deref().map(Prompt::parse).transpose()?;
    cfg.history = args.history;
    let bar = std::io::stderr().is_terminal();
    let mut progress = |done: u64, total: u64| {
        if bar {
            let width = 30;
            let filled = (done * width / total.max(1)) as usize;
            eprint!(
                "\r[{}{}] {done}/{total}",
                "#".repeat(filled),
                "-".repeat(width as usize - filled)
            );
        }
    };
    let s = run_eval(&cfg, &args.out, &mut progress)?;
    if bar {
        eprintln!();
    }
    println!("{}", serde_json::to_string(&s).expect("serialisable"));
    if s.failed > 0 {
        eprintln!(
            "gridhouse: {} episodes failed and were not recorded (first: {}); run the same \
             command again to retry them",
            s.failed,
            s.first_error.as_deref().unwrap_or("?")
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
