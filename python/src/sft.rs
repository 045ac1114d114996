//! SFT data and evaluation from Python (`gridhouse.demos`, `gridhouse.evaluate`): thin calls
//! of `gridhouse::demos` and `gridhouse::eval`, the GIL released while Rust plays built-in
//! policies or waits on an endpoint. A Python callable policy is played here with the same
//! prompts and answer parsing as `gridhouse::eval::play_llm_episode`.

use crate::{invalid, to_py};
use gridhouse::demos::{
    DemoConfig, DemoCounts, FileCounts, Format, Message, Prompt, write_demos, write_demos_dir,
};
use gridhouse::eval::{
    Agent, ChatEpisode, Completion, Endpoint, EpisodeOutcome, EvalConfig, play_chat_episode,
    read_results, run_eval, summarize,
};
use gridhouse::policy::Policy;
use gridhouse::{Env, Error as GhError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The `DemoConfig` of `gridhouse.demos`' arguments.
#[allow(clippy::too_many_arguments)]
fn demo_config(
    env_id: &str,
    policy: &str,
    episodes: u64,
    seed: u64,
    format: &str,
    prompt: Option<&str>,
    history: Option<usize>,
    all_episodes: bool,
    max_length: Option<u32>,
    dev_fraction: f64,
) -> PyResult<DemoConfig> {
    let mut cfg = DemoConfig::new(env_id);
    cfg.policy = Policy::parse(policy).map_err(to_py)?;
    cfg.episodes = episodes;
    cfg.seed = seed;
    cfg.format = Format::parse(format).map_err(to_py)?;
    cfg.prompt = prompt.map(Prompt::parse).transpose().map_err(to_py)?;
    cfg.history = history;
    cfg.all_episodes = all_episodes;
    cfg.max_length = max_length;
    if !dev_fraction.is_finite() {
        return Err(invalid(format!(
            "dev_fraction {dev_fraction} is not in [0, 1]"
        )));
    }
    cfg.dev_fraction = dev_fraction;
    Ok(cfg)
}

fn file_counts<'py>(py: Python<'py>, c: &FileCounts) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", c.records)?;
    d.set_item("episodes", c.episodes)?;
    d.set_item("steps", c.steps)?;
    Ok(d)
}

fn counts_dict<'py>(py: Python<'py>, c: &DemoCounts) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("played", c.played)?;
    d.set_item("succeeded", c.succeeded)?;
    d.set_item("kept", c.kept)?;
    d.set_item("dropped_failed", c.dropped_failed)?;
    d.set_item("dropped_long", c.dropped_long)?;
    d.set_item("expert_errors", c.expert_errors)?;
    d.set_item("train", file_counts(py, &c.train)?)?;
    d.set_item("dev", file_counts(py, &c.dev)?)?;
    Ok(d)
}

/// `gridhouse demos` into folder `out` (`train.jsonl`, `dev.jsonl`, `manifest.json` with
/// `command` recorded): the counts. With `out` None, the records in memory: `(counts,
/// train_bytes, dev_bytes)` (JSON lines). The GIL is released while the episodes play.
#[pyfunction]
#[pyo3(signature = (env_id, policy, episodes, seed, format, prompt, history, all_episodes, max_length, dev_fraction, out, command))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn demos<'py>(
    py: Python<'py>,
    env_id: &str,
    policy: &str,
    episodes: u64,
    seed: u64,
    format: &str,
    prompt: Option<&str>,
    history: Option<usize>,
    all_episodes: bool,
    max_length: Option<u32>,
    dev_fraction: f64,
    out: Option<PathBuf>,
    command: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let cfg = demo_config(
        env_id,
        policy,
        episodes,
        seed,
        format,
        prompt,
        history,
        all_episodes,
        max_length,
        dev_fraction,
    )?;
    match out {
        Some(dir) => {
            let c = py
                .detach(|| write_demos_dir(&cfg, &dir, command))
                .map_err(to_py)?;
            Ok(counts_dict(py, &c)?.into_any())
        }
        None => {
            let (mut train, mut dev) = (Vec::new(), Vec::new());
            let c = py
                .detach(|| write_demos(&cfg, &mut train, &mut dev))
                .map_err(to_py)?;
            let t = (
                counts_dict(py, &c)?,
                PyBytes::new(py, &train),
                PyBytes::new(py, &dev),
            );
            Ok(t.into_pyobject(py)?.into_any())
        }
    }
}

fn seconds(what: &str, s: f64) -> PyResult<Duration> {
    if s.is_finite() && (0.0..=86_400.0).contains(&s) {
        Ok(Duration::from_secs_f64(s))
    } else {
        Err(invalid(format!(
            "{what} {s} is not a duration of 0 to 86400 s"
        )))
    }
}

/// An OpenAI-compatible endpoint with the CLI's options.
#[allow(clippy::too_many_arguments)]
fn endpoint(
    url: &str,
    model: &str,
    api_key: Option<String>,
    timeout: f64,
    retries: u32,
    backoff: f64,
    temperature: Option<f64>,
    max_tokens: Option<u32>,
) -> PyResult<Endpoint> {
    let mut e = Endpoint::new(url, model);
    e.timeout = seconds("timeout", timeout)?;
    if e.timeout.is_zero() {
        return Err(invalid("timeout must be above 0".into()));
    }
    e.backoff = seconds("backoff", backoff)?;
    e.retries = retries;
    e.api_key = api_key;
    e.temperature = temperature;
    e.max_tokens = max_tokens;
    Ok(e)
}

/// The summary and the per-episode results as JSON text (parsed by the Python layer).
type EvalJson = (String, String);

fn outcomes_json(cfg: &EvalConfig, path: &Path) -> PyResult<String> {
    let done = read_results(cfg, path).map_err(to_py)?;
    let list: Vec<&EpisodeOutcome> = done.values().filter(|o| o.episode < cfg.episodes).collect();
    serde_json::to_string(&list).map_err(|e| invalid(e.to_string()))
}

/// `gridhouse eval` of a built-in policy (`policy` set) or an endpoint (`url` and `model`
/// set) into the results file `path` (resumed if it holds results of the same run). The GIL
/// is released for the whole run. Returns `(summary_json, episodes_json)`.
#[pyfunction]
#[pyo3(signature = (env_id, episodes, seed, policy, url, model, api_key, timeout, retries, backoff, temperature, max_tokens, prompt, history, concurrency, path))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn eval_native(
    py: Python<'_>,
    env_id: &str,
    episodes: u64,
    seed: u64,
    policy: Option<&str>,
    url: Option<&str>,
    model: Option<&str>,
    api_key: Option<String>,
    timeout: f64,
    retries: u32,
    backoff: f64,
    temperature: Option<f64>,
    max_tokens: Option<u32>,
    prompt: Option<&str>,
    history: Option<usize>,
    concurrency: usize,
    path: PathBuf,
) -> PyResult<EvalJson> {
    let agent = match (policy, url, model) {
        (Some(p), None, _) => Agent::Builtin(Policy::parse(p).map_err(to_py)?),
        (None, Some(u), Some(m)) => Agent::Llm(endpoint(
            u,
            m,
            api_key,
            timeout,
            retries,
            backoff,
            temperature,
            max_tokens,
        )?),
        _ => {
            return Err(invalid(
                "give a built-in policy name, or an endpoint URL with a model".into(),
            ));
        }
    };
    let mut cfg = EvalConfig::new(env_id, agent);
    cfg.episodes = episodes;
    cfg.seed = seed;
    cfg.concurrency = concurrency;
    cfg.prompt = prompt.map(Prompt::parse).transpose().map_err(to_py)?;
    cfg.history = history;
    let summary = py
        .detach(|| run_eval(&cfg, &path, &mut |_, _| {}))
        .map_err(to_py)?;
    let s = serde_json::to_string(&summary).map_err(|e| invalid(e.to_string()))?;
    Ok((s, outcomes_json(&cfg, &path)?))
}

fn messages_list<'py>(py: Python<'py>, messages: &[Message]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for m in messages {
        let d = PyDict::new(py);
        d.set_item("role", m.role.name())?;
        d.set_item("content", &m.content)?;
        list.append(d)?;
    }
    Ok(list)
}

/// The results of a callable's run already in `path` (the CLI's rules: a line cut short is
/// dropped, lines of another run are an error).
fn read_callable_results(
    path: &Path,
    env_id: &str,
    seed: u64,
    agent: &str,
) -> PyResult<BTreeMap<u64, EpisodeOutcome>> {
    let mut done = BTreeMap::new();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
        Err(e) => return Err(invalid(format!("cannot read {}: {e}", path.display()))),
    };
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if complete < bytes.len() {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.set_len(complete as u64))
            .map_err(|e| invalid(format!("cannot truncate {}: {e}", path.display())))?;
    }
    for (n, line) in bytes[..complete].lines().enumerate() {
        let line = line.map_err(|e| invalid(format!("{}: line {}: {e}", path.display(), n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let o: EpisodeOutcome = serde_json::from_str(&line).map_err(|e| {
            invalid(format!(
                "{} line {} is no episode result ({e})",
                path.display(),
                n + 1
            ))
        })?;
        if o.env_id != env_id || Some(o.seed) != seed.checked_add(o.episode) || o.agent != agent {
            return Err(invalid(format!(
                "{} holds results of another run (line {}: {} episode {} seed {} by {}; this \
                 run: {env_id} from seed {seed} by {agent}): use another out",
                path.display(),
                n + 1,
                o.env_id,
                o.episode,
                o.seed,
                o.agent
            )));
        }
        done.entry(o.episode).or_insert(o);
    }
    Ok(done)
}

/// One episode with a Python callable `(messages) -> str` as the agent, played by
/// `gridhouse::eval::play_chat_episode` (the demos' prompts, answers parsed as an LLM's).
/// An exception of the callable (or an answer that is no `str`) is raised as it is.
#[allow(clippy::too_many_arguments)]
fn play_callable_episode(
    py: Python<'_>,
    env: &mut Env,
    policy: &Bound<'_, PyAny>,
    env_id: &str,
    agent: &str,
    prompt: Prompt,
    history: usize,
    seed: u64,
    episode: u64,
) -> PyResult<EpisodeOutcome> {
    let chat = ChatEpisode {
        env_id,
        agent,
        prompt,
        history,
        seed,
        episode,
    };
    let mut raised: Option<PyErr> = None;
    let mut complete = |messages: &[Message]| -> Result<Completion, GhError> {
        let call = messages_list(py, messages).and_then(|m| policy.call1((m,)));
        let answer = call.and_then(|a| {
            a.extract::<String>().map_err(|_| {
                invalid(format!(
                    "the policy must return a str, not {}",
                    a.get_type()
                        .name()
                        .map_or_else(|_| "?".to_string(), |n| n.to_string())
                ))
            })
        });
        match answer {
            Ok(content) => Ok(Completion {
                content,
                ..Completion::default()
            }),
            Err(e) => {
                raised = Some(e);
                Err(GhError::Invalid("the Python policy raised".to_string()))
            }
        }
    };
    let result = play_chat_episode(env, &chat, &mut complete);
    match (result, raised) {
        (_, Some(e)) => Err(e),
        (r, None) => r.map_err(to_py),
    }
}

/// The evaluation of a Python callable `(messages: list[dict]) -> str` named `name`
/// (recorded as agent `python:NAME`), appending to `path` and resuming from it. An
/// exception of the callable stops the run (the finished episodes stay in the file).
#[pyfunction]
#[pyo3(signature = (env_id, episodes, seed, policy, name, prompt, history, path))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn eval_callable(
    py: Python<'_>,
    env_id: &str,
    episodes: u64,
    seed: u64,
    policy: &Bound<'_, PyAny>,
    name: &str,
    prompt: Option<&str>,
    history: Option<usize>,
    path: PathBuf,
) -> PyResult<EvalJson> {
    if episodes == 0 {
        return Err(invalid("episodes must be at least 1".into()));
    }
    if seed.checked_add(episodes - 1).is_none() {
        return Err(invalid(format!(
            "seed {seed} + {episodes} episodes overflows a 64-bit seed"
        )));
    }
    if history == Some(0) {
        return Err(invalid("history must be at least 1".into()));
    }
    if !policy.is_callable() {
        return Err(invalid(
            "policy must be a built-in name or a callable".into(),
        ));
    }
    let id = env_id.to_string();
    let mut env = py.detach(move || Env::make(&id)).map_err(to_py)?;
    let prompt = match prompt {
        Some(p) => Prompt::parse(p).map_err(to_py)?,
        None => Prompt::default_for(&env),
    };
    prompt.check(&env).map_err(to_py)?;
    let history = history.unwrap_or(prompt.default_history());
    let agent = format!("python:{name}");
    let mut done = read_callable_results(&path, env_id, seed, &agent)?;
    let resumed = done.keys().filter(|&&e| e < episodes).count() as u64;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| invalid(format!("cannot open {}: {e}", path.display())))?;
    for episode in 0..episodes {
        if done.contains_key(&episode) {
            continue;
        }
        let o = play_callable_episode(
            py,
            &mut env,
            policy,
            env_id,
            &agent,
            prompt,
            history,
            seed + episode,
            episode,
        )?;
        let mut line = serde_json::to_string(&o).map_err(|e| invalid(e.to_string()))?;
        line.push('\n');
        file.write_all(line.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| invalid(format!("cannot write {}: {e}", path.display())))?;
        done.insert(episode, o);
    }
    let outcomes: Vec<EpisodeOutcome> = done
        .into_values()
        .filter(|o| o.episode < episodes)
        .collect();
    let mut s = summarize(episodes, &outcomes);
    s.resumed = resumed;
    let summary = serde_json::to_string(&s).map_err(|e| invalid(e.to_string()))?;
    let list = serde_json::to_string(&outcomes).map_err(|e| invalid(e.to_string()))?;
    Ok((summary, list))
}

/// Adds the SFT and evaluation functions to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(demos, m)?)?;
    m.add_function(wrap_pyfunction!(eval_native, m)?)?;
    m.add_function(wrap_pyfunction!(eval_callable, m)?)?;
    Ok(())
}
