//! Evaluation: a policy on a fixed, seeded list of episodes, one JSON line per episode, and a
//! summary (success rate with its 95% Wilson interval, mean return, mean length, tokens).
//!
//! * Episode `i` of a run is reset with seed `seed + i` (ALFWorld: game `(seed + i) mod` the
//!   number of games), so the list is fixed by the env id, the seed and the count.
//! * Agents: a built-in [`Policy`], or any OpenAI-compatible chat-completions endpoint
//!   ([`Endpoint`]) prompted exactly as [`crate::demos`] writes its records. BabyAI answers
//!   are parsed as BALROG parses them (anything that is no action becomes BALROG's default
//!   `"go forward"`, counted as invalid); ALFWorld answers are matched against the
//!   admissible commands (exact, then ignoring case and spacing; other text is sent as
//!   typed, which ALFWorld answers with "Nothing happens.", and counted as invalid).
//! * Resumable: [`run_eval`] reads the results file first, skips the episodes it already
//!   holds and appends the others, so an interrupted run continues where it stopped. Episodes
//!   whose endpoint calls failed after the retries are not written (a re-run retries them).
//! * `concurrency` episodes are in flight at once, each on its own thread.

use crate::Error;
use crate::demos::{Message, Observation, Prompt, prompt_messages, system_prompt};
use crate::env::{Env, Inner};
use crate::policy::{Policy, play_episode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// An OpenAI-compatible chat-completions endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The server: `http://host:port`, `.../v1` or the full `.../v1/chat/completions`.
    pub url: String,
    /// The `model` field of each request.
    pub model: String,
    /// Sent as `Authorization: Bearer KEY` when set.
    pub api_key: Option<String>,
    /// Limit of one request (connect, send, wait, read).
    pub timeout: Duration,
    /// Further attempts after a failed request (timeouts, transport errors, 429 and 5xx).
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one (at most 30 s).
    pub backoff: Duration,
    /// The `temperature` field, when set.
    pub temperature: Option<f64>,
    /// The `max_tokens` field, when set.
    pub max_tokens: Option<u32>,
}

impl Endpoint {
    /// `model` at `url` with a 60 s timeout, 3 retries and a 1 s first backoff.
    pub fn new(url: &str, model: &str) -> Endpoint {
        Endpoint {
            url: url.to_string(),
            model: model.to_string(),
            api_key: None,
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(1),
            temperature: None,
            max_tokens: None,
        }
    }

    /// The chat-completions URL.
    pub fn completions_url(&self) -> String {
        let base = self.url.trim_end_matches('/');
        if base.ends_with("/chat/completions") {
            base.to_string()
        } else if base.ends_with("/v1") {
            format!("{base}/chat/completions")
        } else {
            format!("{base}/v1/chat/completions")
        }
    }
}

/// Who plays.
#[derive(Clone, Debug, PartialEq)]
pub enum Agent {
    /// A built-in policy.
    Builtin(Policy),
    /// A model behind a chat-completions endpoint.
    Llm(Endpoint),
}

impl Agent {
    /// The agent's name in the results (`expert`, `llm:MODEL`).
    pub fn name(&self) -> String {
        match self {
            Agent::Builtin(p) => p.name().to_string(),
            Agent::Llm(e) => format!("llm:{}", e.model),
        }
    }
}

/// An evaluation run.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalConfig {
    /// Env id.
    pub env_id: String,
    /// Episodes in the list.
    pub episodes: u64,
    /// Seed of episode 0.
    pub seed: u64,
    /// Who plays.
    pub agent: Agent,
    /// Prompt style for LLM agents; `None`: the env's default ([`Prompt::default_for`]).
    pub prompt: Option<Prompt>,
    /// History window; `None`: the style's default.
    pub history: Option<usize>,
    /// Episodes in flight at once (threads), at least 1.
    pub concurrency: usize,
}

impl EvalConfig {
    /// `agent` on 100 episodes of `env_id` from seed 0, one at a time.
    pub fn new(env_id: &str, agent: Agent) -> EvalConfig {
        EvalConfig {
            env_id: env_id.to_string(),
            episodes: 100,
            seed: 0,
            agent,
            prompt: None,
            history: None,
            concurrency: 1,
        }
    }
}

/// One episode's result: one JSON line of the results file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpisodeOutcome {
    /// Position in the episode list.
    pub episode: u64,
    /// The env id.
    pub env_id: String,
    /// The reset seed (`seed + episode`).
    pub seed: u64,
    /// ALFWorld: the game's index in its set.
    pub game_index: Option<usize>,
    /// [`Agent::name`].
    pub agent: String,
    /// The mission was accomplished.
    pub success: bool,
    /// Sum of rewards.
    #[serde(rename = "return")]
    pub episode_return: f64,
    /// Steps taken.
    pub length: u32,
    /// Answers that were no valid action (replaced by the default action or sent as typed).
    pub invalid_actions: u32,
    /// Prompt tokens, from the API's `usage`.
    pub prompt_tokens: u64,
    /// Completion tokens, from the API's `usage`.
    pub completion_tokens: u64,
}

/// What a run (with the results already in the file) came to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Episodes in the list.
    pub episodes: u64,
    /// Episodes with a result.
    pub completed: u64,
    /// Results already in the file before this run.
    pub resumed: u64,
    /// Episodes that failed in this run (endpoint errors after retries): not recorded.
    pub failed: u64,
    /// Won episodes.
    pub successes: u64,
    /// `successes / completed`.
    pub success_rate: f64,
    /// Lower end of the 95% Wilson score interval.
    pub ci95_low: f64,
    /// Upper end of the 95% Wilson score interval.
    pub ci95_high: f64,
    /// Mean episode return.
    pub mean_return: f64,
    /// Mean episode length.
    pub mean_length: f64,
    /// Invalid answers over all episodes.
    pub invalid_actions: u64,
    /// Prompt tokens over all episodes.
    pub prompt_tokens: u64,
    /// Completion tokens over all episodes.
    pub completion_tokens: u64,
    /// The first failure's message, if any.
    pub first_error: Option<String>,
}

/// The 95% Wilson score interval of `successes` out of `n` (`(0, 1)` for `n = 0`).
pub fn wilson95(successes: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n = n as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((center - half).max(0.0), (center + half).min(1.0))
}

/// The summary of `outcomes`.
pub fn summarize(episodes: u64, outcomes: &[EpisodeOutcome]) -> Summary {
    let n = outcomes.len() as u64;
    let successes = outcomes.iter().filter(|o| o.success).count() as u64;
    let (lo, hi) = wilson95(successes, n);
    let per = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    Summary {
        episodes,
        completed: n,
        successes,
        success_rate: per(successes as f64),
        ci95_low: lo,
        ci95_high: hi,
        mean_return: per(outcomes.iter().map(|o| o.episode_return).sum()),
        mean_length: per(outcomes.iter().map(|o| f64::from(o.length)).sum()),
        invalid_actions: outcomes.iter().map(|o| u64::from(o.invalid_actions)).sum(),
        prompt_tokens: outcomes.iter().map(|o| o.prompt_tokens).sum(),
        completion_tokens: outcomes.iter().map(|o| o.completion_tokens).sum(),
        ..Summary::default()
    }
}

/// One chat completion: the text and the `usage` tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// `choices[0].message.content` (empty when null).
    pub content: String,
    /// `usage.prompt_tokens` (0 when absent).
    pub prompt_tokens: u64,
    /// `usage.completion_tokens` (0 when absent).
    pub completion_tokens: u64,
}

/// A blocking chat-completions client with timeouts and retries.
pub struct Client {
    endpoint: Endpoint,
    url: String,
    agent: ureq::Agent,
}

impl Client {
    /// A client of `endpoint`.
    pub fn new(endpoint: &Endpoint) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(endpoint.timeout))
            .http_status_as_error(false)
            .build();
        Client {
            url: endpoint.completions_url(),
            endpoint: endpoint.clone(),
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// The request body for `messages`.
    pub fn body(&self, messages: &[Message]) -> String {
        let msgs: Vec<serde_json::Value> = messages
            .iter()
            .map(|m| serde_json::json!({"role": m.role.name(), "content": m.content}))
            .collect();
        let mut body = serde_json::json!({"model": self.endpoint.model, "messages": msgs});
        if let Some(t) = self.endpoint.temperature {
            body["temperature"] = serde_json::json!(t);
        }
        if let Some(m) = self.endpoint.max_tokens {
            body["max_tokens"] = serde_json::json!(m);
        }
        body.to_string()
    }

    /// Sends `messages`, retrying timeouts, transport errors, 429 and 5xx with exponential
    /// backoff; other statuses and malformed answers fail at once.
    pub fn complete(&self, messages: &[Message]) -> Result<Completion, Error> {
        let body = self.body(messages);
        let mut wait = self.endpoint.backoff;
        let mut attempt = 0;
        loop {
            match self.once(&body) {
                Ok(c) => return Ok(c),
                Err((retryable, msg)) => {
                    if !retryable || attempt >= self.endpoint.retries {
                        return Err(Error::Invalid(format!(
                            "{}: {msg} (after {} attempts)",
                            self.url,
                            attempt + 1
                        )));
                    }
                }
            }
            attempt += 1;
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_secs(30));
        }
    }

    fn once(&self, body: &str) -> Result<Completion, (bool, String)> {
        let mut req = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/json");
        if let Some(key) = &self.endpoint.api_key {
            req = req.header("Authorization", format!("Bearer {key}"));
        }
        let mut resp = req.send(body).map_err(|e| (true, e.to_string()))?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| (true, e.to_string()))?;
        if status == 429 || status >= 500 {
            return Err((true, format!("HTTP {status}")));
        }
        if status != 200 {
            return Err((false, format!("HTTP {status}: {}", truncate(&text, 200))));
        }
        parse_completion(&text).map_err(|e| (false, e))
    }
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Parses a chat-completions response body.
pub fn parse_completion(text: &str) -> Result<Completion, String> {
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("the answer is not JSON ({e}): {}", truncate(text, 200)))?;
    let choice = v
        .get("choices")
        .and_then(|c| c.get(0))
        .ok_or_else(|| format!("the answer has no choices: {}", truncate(text, 200)))?;
    let content = choice
        .get("message")
        .and_then(|m| m.get("content"))
        .and_then(|c| c.as_str())
        .unwrap_or("")
        .to_string();
    let usage = |k: &str| {
        v.get("usage")
            .and_then(|u| u.get(k))
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    };
    Ok(Completion {
        content,
        prompt_tokens: usage("prompt_tokens"),
        completion_tokens: usage("completion_tokens"),
    })
}

/// The command an answer stands for in ALFWorld: the admissible command it names (exactly,
/// or ignoring case and runs of spaces), else `None`. The first non-empty line is used, with
/// a leading `>` or `Action:` removed.
pub fn match_admissible<'a>(answer: &str, admissible: &'a [String]) -> Option<&'a str> {
    let cleaned = clean_answer(answer);
    if let Some(a) = admissible.iter().find(|a| a.as_str() == cleaned) {
        return Some(a);
    }
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let want = norm(cleaned);
    admissible
        .iter()
        .find(|a| norm(a) == want)
        .map(String::as_str)
}

/// The answer's first non-empty line, trimmed, without a leading `>` or `Action:`.
pub fn clean_answer(answer: &str) -> &str {
    let line = answer
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.strip_prefix('>').unwrap_or(line).trim_start();
    match line.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("action:") => line[7..].trim(),
        _ => line,
    }
}

/// Plays episode `episode` of `cfg` with the LLM behind `client`.
pub fn play_llm_episode(
    env: &mut Env,
    cfg: &EvalConfig,
    client: &Client,
    episode: u64,
) -> Result<EpisodeOutcome, Error> {
    let seed = cfg.seed + episode;
    let prompt = cfg.prompt.unwrap_or_else(|| Prompt::default_for(env));
    let history = cfg.history.unwrap_or(prompt.default_history());
    let agent = cfg.agent.name();
    let chat = ChatEpisode {
        env_id: &cfg.env_id,
        agent: &agent,
        prompt,
        history,
        seed,
        episode,
    };
    play_chat_episode(env, &chat, &mut |m: &[Message]| client.complete(m))
}

/// Which episode a chat agent plays, and how it is prompted.
#[derive(Clone, Copy, Debug)]
pub struct ChatEpisode<'a> {
    /// The env id (recorded in the outcome).
    pub env_id: &'a str,
    /// The agent's name (recorded in the outcome).
    pub agent: &'a str,
    /// The prompt style (the demos' prompts).
    pub prompt: Prompt,
    /// The history window.
    pub history: usize,
    /// The reset seed.
    pub seed: u64,
    /// The episode's index in the evaluation.
    pub episode: u64,
}

/// Plays one episode with any chat agent: resets `env` with `chat.seed`, then asks
/// `complete(messages)` (the demos' prompts) for each action and parses the answer as an
/// LLM's: BALROG's parsing for BabyAI (invalid text takes BALROG's default action and is
/// counted), the admissible command it matches for ALFWorld. The HTTP endpoint and the Python
/// package's callables both play through this.
pub fn play_chat_episode(
    env: &mut Env,
    chat: &ChatEpisode<'_>,
    complete: &mut dyn FnMut(&[Message]) -> Result<Completion, Error>,
) -> Result<EpisodeOutcome, Error> {
    let (prompt, history, seed, episode) = (chat.prompt, chat.history, chat.seed, chat.episode);
    env.reset(seed)?;
    let system = system_prompt(prompt, env.mission());
    let mut out = EpisodeOutcome {
        episode,
        env_id: chat.env_id.to_string(),
        seed,
        game_index: env.game_index(),
        agent: chat.agent.to_string(),
        success: env.won(),
        episode_return: 0.0,
        length: 0,
        invalid_actions: 0,
        prompt_tokens: 0,
        completion_tokens: 0,
    };
    let (mut obs, mut actions, mut messages) = (Vec::new(), Vec::<String>::new(), Vec::new());
    if env.won() {
        return Ok(out);
    }
    loop {
        let mut o = Observation::of(env, prompt);
        let admissible = if o.actions.is_empty() {
            env.admissible()
        } else {
            o.actions.clone()
        };
        if prompt == Prompt::Balrog {
            o.actions.clear();
        }
        obs.push(o);
        prompt_messages(prompt, &system, &obs, &actions, history, &mut messages);
        let c = complete(&messages)?;
        out.prompt_tokens += c.prompt_tokens;
        out.completion_tokens += c.completion_tokens;
        let (step, taken) = match env.inner() {
            Inner::Babyai(_) => {
                let answer = clean_answer(&c.content).to_string();
                let (step, valid) = env.step_lenient(&answer);
                out.invalid_actions += u32::from(!valid);
                let name = match text_render::babyai::BalrogAction::parse(&answer) {
                    Ok(a) => a.name(),
                    Err(_) => text_render::babyai::BalrogAction::BALROG_DEFAULT.name(),
                };
                (step, name.to_string())
            }
            Inner::Alfworld(_) => {
                let command = match match_admissible(&c.content, &admissible) {
                    Some(a) => a.to_string(),
                    None => {
                        out.invalid_actions += 1;
                        clean_answer(&c.content).to_string()
                    }
                };
                (env.step_text(&command)?, command)
            }
        };
        actions.push(taken);
        out.episode_return += step.reward;
        out.length += 1;
        if step.done() {
            break;
        }
    }
    out.success = env.won();
    Ok(out)
}

fn builtin_episode(
    env: &mut Env,
    cfg: &EvalConfig,
    policy: Policy,
    episode: u64,
) -> Result<EpisodeOutcome, Error> {
    let r = play_episode(env, policy, cfg.seed + episode)?;
    Ok(EpisodeOutcome {
        episode,
        env_id: cfg.env_id.clone(),
        seed: r.seed,
        game_index: r.game_index,
        agent: cfg.agent.name(),
        success: r.success,
        episode_return: r.episode_return,
        length: r.length,
        invalid_actions: 0,
        prompt_tokens: 0,
        completion_tokens: 0,
    })
}

/// The results already in `path` (episode -> outcome), checked to belong to `cfg`'s run. A
/// last line cut short by an interruption is dropped from the file.
pub fn read_results(cfg: &EvalConfig, path: &Path) -> Result<BTreeMap<u64, EpisodeOutcome>, Error> {
    let mut done = BTreeMap::new();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
        Err(e) => {
            return Err(Error::Invalid(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if complete < bytes.len() {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| Error::Invalid(format!("cannot open {}: {e}", path.display())))?;
        f.set_len(complete as u64)
            .map_err(|e| Error::Invalid(format!("cannot truncate {}: {e}", path.display())))?;
    }
    for (n, line) in bytes[..complete].lines().enumerate() {
        let line =
            line.map_err(|e| Error::Invalid(format!("{}: line {}: {e}", path.display(), n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let o: EpisodeOutcome = serde_json::from_str(&line).map_err(|e| {
            Error::Invalid(format!(
                "{} line {} is no episode result ({e})",
                path.display(),
                n + 1
            ))
        })?;
        let agent = cfg.agent.name();
        if o.env_id != cfg.env_id
            || Some(o.seed) != cfg.seed.checked_add(o.episode)
            || o.agent != agent
        {
            return Err(Error::Invalid(format!(
                "{} holds results of another run (line {}: {} episode {} seed {} by {}; this run: \
                 {} from seed {} by {agent}): use another --out",
                path.display(),
                n + 1,
                o.env_id,
                o.episode,
                o.seed,
                o.agent,
                cfg.env_id,
                cfg.seed
            )));
        }
        done.entry(o.episode).or_insert(o);
    }
    Ok(done)
}

/// Runs the evaluation, appending one JSON line per newly finished episode to `path` and
/// calling `progress(finished, total)` after each. Returns the summary over every result in
/// the file that belongs to the list.
pub fn run_eval(
    cfg: &EvalConfig,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary, Error> {
    if cfg.episodes == 0 {
        return Err(Error::Invalid("episodes must be at least 1".to_string()));
    }
    if cfg.seed.checked_add(cfg.episodes - 1).is_none() {
        return Err(Error::Invalid(format!(
            "seed {} + {} episodes overflows a 64-bit seed",
            cfg.seed, cfg.episodes
        )));
    }
    if cfg.concurrency == 0 || cfg.concurrency > 1024 {
        return Err(Error::Invalid(format!(
            "concurrency {} is not in 1..=1024",
            cfg.concurrency
        )));
    }
    if cfg.history == Some(0) {
        return Err(Error::Invalid("history must be at least 1".to_string()));
    }
    // Check the id, the prompt and the policy before any work.
    let probe = Env::make(&cfg.env_id)?;
    if let Agent::Llm(e) = &cfg.agent {
        cfg.prompt
            .unwrap_or_else(|| Prompt::default_for(&probe))
            .check(&probe)?;
        if !(e.url.starts_with("http://") || e.url.starts_with("https://")) {
            return Err(Error::Invalid(format!(
                "endpoint {:?} is no http:// or https:// URL",
                e.url
            )));
        }
    }
    if let Agent::Builtin(p) = cfg.agent {
        crate::policy::Actor::new(p, &probe, cfg.seed)?;
    }
    drop(probe);

    let mut done = read_results(cfg, path)?;
    let resumed = done.keys().filter(|&&e| e < cfg.episodes).count() as u64;
    let todo: Vec<u64> = (0..cfg.episodes)
        .filter(|e| !done.contains_key(e))
        .collect();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::Invalid(format!("cannot open {}: {e}", path.display())))?;
    let next = AtomicUsize::new(0);
    let threads = cfg.concurrency.min(todo.len().max(1));
    let (tx, rx) = std::sync::mpsc::channel::<Result<EpisodeOutcome, Error>>();
    let mut failed = 0u64;
    let mut first_error = None;
    let mut write_error = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (todo, next) = (&todo, &next);
            scope.spawn(move || {
                let mut env = match Env::make(&cfg.env_id) {
                    Ok(env) => env,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                let client = match &cfg.agent {
                    Agent::Llm(e) => Some(Client::new(e)),
                    Agent::Builtin(_) => None,
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&episode) = todo.get(i) else { break };
                    let r = match (&cfg.agent, &client) {
                        (Agent::Builtin(p), _) => builtin_episode(&mut env, cfg, *p, episode),
                        (Agent::Llm(_), Some(c)) => play_llm_episode(&mut env, cfg, c, episode),
                        (Agent::Llm(_), None) => unreachable!("made above"),
                    };
                    let r = r.map_err(|e| Error::Invalid(format!("episode {episode}: {e}")));
                    if tx.send(r).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let total = cfg.episodes;
        let mut finished = resumed;
        for r in rx {
            match r {
                Ok(o) => {
                    if write_error.is_none() {
                        let mut line = serde_json::to_string(&o).expect("serialisable");
                        line.push('\n');
                        if let Err(e) = file.write_all(line.as_bytes()).and_then(|()| file.flush())
                        {
                            write_error = Some(Error::Invalid(format!(
                                "cannot write {}: {e}",
                                path.display()
                            )));
                        }
                    }
                    done.insert(o.episode, o);
                    finished += 1;
                    progress(finished, total);
                }
                Err(e) => {
                    failed += 1;
                    first_error.get_or_insert_with(|| e.to_string());
                }
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    let outcomes: Vec<EpisodeOutcome> = done
        .into_values()
        .filter(|o| o.episode < cfg.episodes)
        .collect();
    let mut s = summarize(cfg.episodes, &outcomes);
    s.resumed = resumed;
    s.failed = failed;
    s.first_error = first_error;
    Ok(s)
}
