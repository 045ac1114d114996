//! Supervised fine-tuning data: episodes played by a policy, written as chat-format JSONL
//! (`{"messages": [...], "metadata": {...}}`, the shape OpenAI fine-tuning, TRL's `SFTTrainer`
//! and TensorZero read; trainers ignore `metadata`).
//!
//! * [`Prompt`]: the prompt styles. [`Prompt::Balrog`] (BabyAI) is BALROG's naive agent:
//!   its instruction prompt as the system turn, its history of `"Obesrvation:\n..."` user
//!   turns (sic, BALROG's spelling) and action turns, and the current observation as
//!   `"Current Observation:\n\n{text}\n\n{instruction}"`. [`Prompt::React`] (ALFWorld) gives
//!   the inputs of DSPy's ALFWorld tutorial agent (the task, the trajectory so far as
//!   `"> action"` lines each followed by the feedback, the admissible commands) in one user
//!   turn. [`Prompt::Plain`] works for both engines.
//! * [`prompt_messages`]: the messages of one decision, shared with [`crate::eval`] so an
//!   evaluated model sees exactly what it was trained on.
//! * [`write_demos`]: plays the episodes and streams the records to any two writers (train
//!   and dev); [`write_demos_dir`] writes `train.jsonl`, `dev.jsonl` and `manifest.json`.
//!
//! Everything is deterministic: the same [`DemoConfig`] gives byte-identical output. Memory
//! holds one episode at a time.
//!
//! ```
//! use gridhouse::demos::{DemoConfig, Format, write_demos};
//! let mut cfg = DemoConfig::new("BabyAI-MixedTrainLocal-v0/goto");
//! cfg.episodes = 3;
//! cfg.format = Format::Episode;
//! let (mut train, mut dev) = (Vec::new(), Vec::new());
//! let counts = write_demos(&cfg, &mut train, &mut dev)?;
//! assert_eq!(counts.train.episodes + counts.dev.episodes, counts.kept);
//! let first = String::from_utf8(train).unwrap();
//! assert!(first.starts_with("{\"messages\":[{\"role\":\"system\""));
//! # Ok::<(), gridhouse::Error>(())
//! ```

use crate::env::{Env, Inner};
use crate::policy::{Actor, Policy};
use crate::{Error, Wording};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// BALROG's default history length (`agent.max_text_history` in its config): the prompt
/// keeps the last `2 * 16` observation and action events.
pub const BALROG_HISTORY: usize = 16;

/// The line BALROG's naive agent appends to the last user turn.
pub const BALROG_NAIVE_INSTRUCTION: &str = "You can only output one of the above actions at a time, and always have to output an action until the episode terminates.\nAction:";

/// What one record holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One record per step: the prompt of that decision, then the action as the assistant turn.
    Turns,
    /// One multi-turn conversation per episode.
    Episode,
}

impl Format {
    /// `turns` or `episode`.
    pub fn parse(s: &str) -> Result<Format, Error> {
        match s {
            "turns" => Ok(Format::Turns),
            "episode" => Ok(Format::Episode),
            _ => Err(Error::Invalid(format!(
                "unknown format `{s}` (expected turns or episode)"
            ))),
        }
    }
}

/// A prompt style (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// BALROG's naive agent on BabyAI.
    Balrog,
    /// DSPy's ALFWorld tutorial agent's inputs (task, trajectory, possible actions).
    React,
    /// A plain template: the goal in the system turn, observations with the valid actions.
    Plain,
}

impl Prompt {
    /// `balrog`, `react` or `plain`.
    pub fn parse(s: &str) -> Result<Prompt, Error> {
        match s {
            "balrog" => Ok(Prompt::Balrog),
            "react" => Ok(Prompt::React),
            "plain" => Ok(Prompt::Plain),
            _ => Err(Error::Invalid(format!(
                "unknown prompt `{s}` (expected balrog, react or plain)"
            ))),
        }
    }

    /// The style's name.
    pub fn name(self) -> &'static str {
        match self {
            Prompt::Balrog => "balrog",
            Prompt::React => "react",
            Prompt::Plain => "plain",
        }
    }

    /// The default style of an env: `balrog` for BabyAI, `react` for ALFWorld.
    pub fn default_for(env: &Env) -> Prompt {
        match env.inner() {
            Inner::Babyai(_) => Prompt::Balrog,
            Inner::Alfworld(_) => Prompt::React,
        }
    }

    /// An error unless the style applies to `env` (`balrog` is BabyAI's, `react` ALFWorld's).
    pub fn check(self, env: &Env) -> Result<(), Error> {
        let ok = !matches!(
            (self, env.inner()),
            (Prompt::Balrog, Inner::Alfworld(_)) | (Prompt::React, Inner::Babyai(_))
        );
        if ok {
            Ok(())
        } else {
            Err(Error::Unsupported {
                id: env.id().to_string(),
                what: format!(
                    "the {} prompt (balrog is for BabyAI, react for ALFWorld, plain for both)",
                    self.name()
                ),
            })
        }
    }

    /// The default history window: BALROG's 16 for `balrog`, the whole episode otherwise.
    pub fn default_history(self) -> usize {
        match self {
            Prompt::Balrog => BALROG_HISTORY,
            Prompt::React | Prompt::Plain => usize::MAX,
        }
    }
}

/// A chat role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The system turn.
    System,
    /// A user turn (observations).
    User,
    /// An assistant turn (actions).
    Assistant,
}

impl Role {
    /// The role's name in the chat format.
    pub fn name(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// One chat message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Who speaks.
    pub role: Role,
    /// What is said.
    pub content: String,
    /// An earlier action shown as history in a `turns` record: written with `"weight": 0`
    /// (OpenAI fine-tuning's per-message weight) so only the last action is trained on.
    pub history: bool,
}

impl Message {
    fn new(role: Role, content: String) -> Message {
        Message {
            role,
            content,
            history: false,
        }
    }
}

/// What the agent saw before one decision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    /// The observation text ([`Env::text`]).
    pub text: String,
    /// The valid actions (BALROG's six for BabyAI, the admissible commands for ALFWorld);
    /// empty for the `balrog` prompt, which does not show them.
    pub actions: Vec<String>,
}

impl Observation {
    /// The observation of `env`'s current state, as `prompt` needs it.
    pub fn of(env: &mut Env, prompt: Prompt) -> Observation {
        Observation {
            text: env.text(),
            actions: if prompt == Prompt::Balrog {
                Vec::new()
            } else {
                env.admissible()
            },
        }
    }
}

/// The system turn of `prompt` for an episode whose mission is `mission`.
pub fn system_prompt(prompt: Prompt, mission: &str) -> String {
    let mut s = String::new();
    match prompt {
        Prompt::Balrog => text_render::babyai::instruction_prompt(mission, &mut s),
        Prompt::React => s.push_str(
            "You are an agent in a household text game. You are given the task, the \
             trajectory so far (each of your actions after \"> \", followed by what happened) \
             and the possible actions. Reply with exactly one of the possible actions and \
             nothing else.",
        ),
        Prompt::Plain => {
            s.push_str("You are an agent in a text game. Your goal: ");
            let goal = mission.strip_prefix("Your task is to: ").unwrap_or(mission);
            s.push_str(goal.trim_end_matches('.'));
            s.push_str(
                ".\nEach turn you see an observation and the valid actions. Reply with \
                 exactly one valid action and nothing else.",
            );
        }
    }
    s
}

fn list_actions(out: &mut String, actions: &[String], sep: &str) {
    for (i, a) in actions.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(a);
    }
}

/// The messages of decision `t = actions.len()`: `obs` holds the observations `0..=t`,
/// `actions` the actions taken `0..t`. `history` is the window (see
/// [`Prompt::default_history`]); the system turn comes first, the last message is the user
/// turn the model answers.
pub fn prompt_messages(
    prompt: Prompt,
    system: &str,
    obs: &[Observation],
    actions: &[String],
    history: usize,
    out: &mut Vec<Message>,
) {
    out.clear();
    let t = actions.len();
    debug_assert_eq!(obs.len(), t + 1);
    out.push(Message::new(Role::System, system.to_string()));
    match prompt {
        Prompt::Balrog => {
            // BALROG keeps the last 2 * history events (observations and actions alternate,
            // the current observation last), so the window may open with an action.
            let events = (2 * t + 1).min(history.saturating_mul(2));
            let first = 2 * t + 1 - events;
            for e in first..=2 * t {
                let i = e / 2;
                if e % 2 == 1 {
                    out.push(Message {
                        role: Role::Assistant,
                        content: actions[i].clone(),
                        history: true,
                    });
                } else if i < t {
                    out.push(Message::new(
                        Role::User,
                        format!("Obesrvation:\n{}", obs[i].text),
                    ));
                } else {
                    out.push(Message::new(
                        Role::User,
                        format!(
                            "Current Observation:\n\n{}\n\n{BALROG_NAIVE_INSTRUCTION}",
                            obs[i].text
                        ),
                    ));
                }
            }
        }
        Prompt::Plain => {
            let first = t.saturating_sub(history);
            for i in first..t {
                out.push(Message::new(
                    Role::User,
                    format!("Observation:\n{}", obs[i].text),
                ));
                out.push(Message {
                    role: Role::Assistant,
                    content: actions[i].clone(),
                    history: true,
                });
            }
            out.push(Message::new(Role::User, plain_current(&obs[t])));
        }
        Prompt::React => {
            let mut s = String::from("Task:\n");
            s.push_str(&obs[0].text);
            s.push_str("\n\nTrajectory:\n");
            let first = t.saturating_sub(history);
            for i in first..t {
                s.push_str("> ");
                s.push_str(&actions[i]);
                s.push('\n');
                s.push_str(&obs[i + 1].text);
                s.push('\n');
            }
            s.push_str("\nPossible actions:\n");
            list_actions(&mut s, &obs[t].actions, "\n");
            out.push(Message::new(Role::User, s));
        }
    }
}

fn plain_current(o: &Observation) -> String {
    let mut s = format!("Observation:\n{}\n\nValid actions: ", o.text);
    list_actions(&mut s, &o.actions, ", ");
    s
}

/// One whole episode as a conversation: `obs[i]` was seen before `actions[i]`. `balrog` and
/// `plain` give BALROG's (or the plain) prompt of the last decision with an unbounded
/// window, then the last action; `react` gives the task and possible actions as the first
/// user turn and each feedback with the possible actions as the next ones.
pub fn episode_messages(
    prompt: Prompt,
    system: &str,
    obs: &[Observation],
    actions: &[String],
    out: &mut Vec<Message>,
) {
    out.clear();
    let n = actions.len();
    if n == 0 {
        return;
    }
    match prompt {
        Prompt::Balrog | Prompt::Plain => {
            prompt_messages(
                prompt,
                system,
                &obs[..n],
                &actions[..n - 1],
                usize::MAX,
                out,
            );
        }
        Prompt::React => {
            out.push(Message::new(Role::System, system.to_string()));
            for i in 0..n - 1 {
                out.push(Message::new(Role::User, react_turn(&obs[i], i == 0)));
                out.push(Message::new(Role::Assistant, actions[i].clone()));
            }
            out.push(Message::new(Role::User, react_turn(&obs[n - 1], n == 1)));
        }
    }
    for m in out.iter_mut() {
        m.history = false;
    }
    out.push(Message::new(Role::Assistant, actions[n - 1].clone()));
}

fn react_turn(o: &Observation, first: bool) -> String {
    let mut s = String::from(if first { "Task:\n" } else { "Observation:\n" });
    s.push_str(&o.text);
    s.push_str("\n\nPossible actions:\n");
    list_actions(&mut s, &o.actions, "\n");
    s
}

/// Appends `messages` as a JSON array to `out`.
pub fn write_messages_json(messages: &[Message], out: &mut Vec<u8>) {
    out.push(b'[');
    for (i, m) in messages.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"role\":\"");
        out.extend_from_slice(m.role.name().as_bytes());
        out.extend_from_slice(b"\",\"content\":");
        json_str(&m.content, out);
        if m.history && m.role == Role::Assistant {
            out.extend_from_slice(b",\"weight\":0");
        }
        out.push(b'}');
    }
    out.push(b']');
}

fn json_str(s: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(out, s).expect("writing JSON to a Vec cannot fail");
}

/// The name of an ALFWorld wording as `--dialect` takes it.
pub fn wording_name(w: Wording) -> &'static str {
    match w {
        Wording::V042 => "0.4.2",
        Wording::V03 => "0.3",
    }
}

/// Which episodes to play and how to write them.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoConfig {
    /// Env id (any id of [`crate::list`], or `alfworld-dir:PATH`).
    pub env_id: String,
    /// Who acts.
    pub policy: Policy,
    /// Episodes to play: episode `i` is reset with seed `seed + i` (ALFWorld: game
    /// `(seed + i) mod` the number of games).
    pub episodes: u64,
    /// First seed.
    pub seed: u64,
    /// One record per step or per episode.
    pub format: Format,
    /// Prompt style; `None`: [`Prompt::default_for`] the env.
    pub prompt: Option<Prompt>,
    /// History window in steps; `None`: [`Prompt::default_history`].
    pub history: Option<usize>,
    /// Keep failed episodes too (the default keeps only successes for the experts and every
    /// episode for the random policy).
    pub all_episodes: bool,
    /// Drop episodes longer than this many steps.
    pub max_length: Option<u32>,
    /// Share of seeds (ALFWorld: of games) that go to the dev file, in `[0, 1]`.
    pub dev_fraction: f64,
}

impl DemoConfig {
    /// The defaults for `env_id`: the expert, 100 episodes from seed 0, `turns`, the env's
    /// default prompt, successes only, 10% dev.
    pub fn new(env_id: &str) -> DemoConfig {
        DemoConfig {
            env_id: env_id.to_string(),
            policy: Policy::Expert,
            episodes: 100,
            seed: 0,
            format: Format::Turns,
            prompt: None,
            history: None,
            all_episodes: false,
            max_length: None,
            dev_fraction: 0.1,
        }
    }

    fn validate(&self) -> Result<(), Error> {
        if !(0.0..=1.0).contains(&self.dev_fraction) {
            return Err(Error::Invalid(format!(
                "dev fraction {} is not in [0, 1]",
                self.dev_fraction
            )));
        }
        if self.episodes == 0 {
            return Err(Error::Invalid("episodes must be at least 1".to_string()));
        }
        if self.seed.checked_add(self.episodes - 1).is_none() {
            return Err(Error::Invalid(format!(
                "seed {} + {} episodes overflows a 64-bit seed",
                self.seed, self.episodes
            )));
        }
        if self.history == Some(0) {
            return Err(Error::Invalid("history must be at least 1".to_string()));
        }
        if self.max_length == Some(0) {
            return Err(Error::Invalid("max length must be at least 1".to_string()));
        }
        Ok(())
    }
}

/// Records and episodes written to one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// JSON lines.
    pub records: u64,
    /// Episodes they came from.
    pub episodes: u64,
    /// Steps (assistant actions trained on).
    pub steps: u64,
}

/// What [`write_demos`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoCounts {
    /// Episodes played.
    pub played: u64,
    /// Episodes won.
    pub succeeded: u64,
    /// Episodes written.
    pub kept: u64,
    /// Episodes dropped because they failed (successes-only mode).
    pub dropped_failed: u64,
    /// Episodes dropped for being longer than the maximum length.
    pub dropped_long: u64,
    /// Episodes dropped because the expert could not act (counted, not fatal).
    pub expert_errors: u64,
    /// The train file.
    pub train: FileCounts,
    /// The dev file.
    pub dev: FileCounts,
}

/// Whether the episode with split key `key` (BabyAI: its seed; ALFWorld: its game index)
/// belongs to the dev split: a fixed hash of the key compared with `dev_fraction`, so a seed
/// or game is always on one side.
pub fn is_dev(key: u64, dev_fraction: f64) -> bool {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    ((z >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < dev_fraction
}

struct Episode {
    obs: Vec<Observation>,
    actions: Vec<String>,
    success: bool,
}

fn play(env: &mut Env, cfg: &DemoConfig, prompt: Prompt, seed: u64) -> Result<Episode, Error> {
    env.reset(seed)?;
    let mut actor = Actor::new(cfg.policy, env, seed)?;
    let mut ep = Episode {
        obs: Vec::new(),
        actions: Vec::new(),
        success: env.won(),
    };
    if env.won() {
        return Ok(ep);
    }
    loop {
        ep.obs.push(Observation::of(env, prompt));
        let choice = actor.choose(env)?;
        ep.actions.push(Actor::text_of(env, choice));
        let step = actor.apply(env, choice)?;
        if step.done() {
            break;
        }
    }
    ep.success = env.won();
    Ok(ep)
}

/// Plays the episodes of `cfg` and writes one JSON line per record to `train` or `dev`,
/// streaming (one episode in memory at a time).
pub fn write_demos<W: Write + ?Sized>(
    cfg: &DemoConfig,
    train: &mut W,
    dev: &mut W,
) -> Result<DemoCounts, Error> {
    cfg.validate()?;
    let mut env = Env::make(&cfg.env_id)?;
    let prompt = cfg.prompt.unwrap_or_else(|| Prompt::default_for(&env));
    prompt.check(&env)?;
    if cfg.policy == Policy::Searcher && env.alfworld().is_none() {
        // Reported by Actor::new too, but before any episode is played.
        Actor::new(cfg.policy, &env, cfg.seed)?;
    }
    let history = cfg.history.unwrap_or(prompt.default_history());
    let successes_only = !cfg.all_episodes && cfg.policy != Policy::Random;
    let wording = env.alfworld().map(|a| wording_name(a.wording()));
    let io = |e: std::io::Error| Error::Invalid(format!("cannot write demos: {e}"));

    let mut counts = DemoCounts::default();
    let mut messages = Vec::new();
    let mut line = Vec::with_capacity(1 << 16);
    for i in 0..cfg.episodes {
        let seed = cfg.seed + i;
        let ep = match play(&mut env, cfg, prompt, seed) {
            Ok(ep) => ep,
            Err(Error::Expert(_)) => {
                counts.played += 1;
                counts.expert_errors += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        counts.played += 1;
        counts.succeeded += u64::from(ep.success);
        if successes_only && !ep.success {
            counts.dropped_failed += 1;
            continue;
        }
        if cfg
            .max_length
            .is_some_and(|m| ep.actions.len() as u64 > u64::from(m))
        {
            counts.dropped_long += 1;
            continue;
        }
        if ep.actions.is_empty() {
            continue;
        }
        let game_index = env.game_index();
        let key = game_index.map_or(seed, |g| g as u64);
        let to_dev = is_dev(key, cfg.dev_fraction);
        let (out, fc) = if to_dev {
            (&mut *dev, &mut counts.dev)
        } else {
            (&mut *train, &mut counts.train)
        };
        counts.kept += 1;
        fc.episodes += 1;
        fc.steps += ep.actions.len() as u64;
        let system = system_prompt(prompt, env.mission());
        let meta = Meta {
            env_id: env.id(),
            seed,
            game_index,
            policy: cfg.policy.name(),
            success: ep.success,
            wording,
        };
        match cfg.format {
            Format::Turns => {
                for t in 0..ep.actions.len() {
                    prompt_messages(
                        prompt,
                        &system,
                        &ep.obs[..=t],
                        &ep.actions[..t],
                        history,
                        &mut messages,
                    );
                    messages.push(Message::new(Role::Assistant, ep.actions[t].clone()));
                    record(&messages, &meta, t, &mut line);
                    out.write_all(&line).map_err(io)?;
                    fc.records += 1;
                }
            }
            Format::Episode => {
                episode_messages(prompt, &system, &ep.obs, &ep.actions, &mut messages);
                record(&messages, &meta, ep.actions.len(), &mut line);
                out.write_all(&line).map_err(io)?;
                fc.records += 1;
            }
        }
    }
    train.flush().map_err(io)?;
    dev.flush().map_err(io)?;
    Ok(counts)
}

struct Meta<'a> {
    env_id: &'a str,
    seed: u64,
    game_index: Option<usize>,
    policy: &'a str,
    success: bool,
    wording: Option<&'a str>,
}

fn record(messages: &[Message], meta: &Meta, step: usize, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(b"{\"messages\":");
    write_messages_json(messages, out);
    out.extend_from_slice(b",\"metadata\":{\"env_id\":");
    json_str(meta.env_id, out);
    let _ = write!(out, ",\"seed\":{},\"game_index\":", meta.seed);
    match meta.game_index {
        Some(g) => {
            let _ = write!(out, "{g}");
        }
        None => out.extend_from_slice(b"null"),
    }
    let _ = write!(
        out,
        ",\"step\":{step},\"policy\":\"{}\",\"success\":{},\"wording\":",
        meta.policy, meta.success
    );
    match meta.wording {
        Some(w) => json_str(w, out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"}}\n");
}

/// A writer that counts and hashes (SHA-256) what passes through it.
pub struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> HashingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// Bytes written so far and the SHA-256 of them, in lowercase hex.
    pub fn finish(self) -> (u64, String, W) {
        let digest = self.hasher.finalize();
        let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
        (self.bytes, hex, self.inner)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Runs [`write_demos`] into `dir` (created if missing): `train.jsonl`, `dev.jsonl` and
/// `manifest.json` (the command, the settings, the counts, each file's size and SHA-256).
/// `command` is recorded as given (the CLI passes its own arguments).
pub fn write_demos_dir(cfg: &DemoConfig, dir: &Path, command: &str) -> Result<DemoCounts, Error> {
    let io = |what: &str, e: std::io::Error| Error::Invalid(format!("{what}: {e}"));
    std::fs::create_dir_all(dir).map_err(|e| io(&format!("cannot create {}", dir.display()), e))?;
    let open = |name: &str| {
        let path = dir.join(name);
        std::fs::File::create(&path)
            .map(|f| HashingWriter::new(std::io::BufWriter::with_capacity(1 << 20, f)))
            .map_err(|e| io(&format!("cannot create {}", path.display()), e))
    };
    let mut train = open("train.jsonl")?;
    let mut dev = open("dev.jsonl")?;
    let counts = write_demos(cfg, &mut train, &mut dev)?;
    let (train_bytes, train_sha, _) = train.finish();
    let (dev_bytes, dev_sha, _) = dev.finish();
    let env = Env::make(&cfg.env_id)?;
    let prompt = cfg.prompt.unwrap_or_else(|| Prompt::default_for(&env));
    let history = cfg.history.unwrap_or(prompt.default_history());
    let fc = |c: FileCounts, bytes: u64, sha: String| {
        serde_json::json!({
            "records": c.records, "episodes": c.episodes, "steps": c.steps,
            "bytes": bytes, "sha256": sha,
        })
    };
    let manifest = serde_json::json!({
        "command": command,
        "env_id": cfg.env_id,
        "policy": cfg.policy.name(),
        "episodes": cfg.episodes,
        "seed": cfg.seed,
        "format": match cfg.format { Format::Turns => "turns", Format::Episode => "episode" },
        "prompt": prompt.name(),
        "history": if history == usize::MAX { None } else { Some(history) },
        "successes_only": !cfg.all_episodes && cfg.policy != Policy::Random,
        "max_length": cfg.max_length,
        "dev_fraction": cfg.dev_fraction,
        "split_by": if env.alfworld().is_some() { "game_index" } else { "seed" },
        "played": counts.played,
        "succeeded": counts.succeeded,
        "kept": counts.kept,
        "dropped_failed": counts.dropped_failed,
        "dropped_long": counts.dropped_long,
        "expert_errors": counts.expert_errors,
        "files": {
            "train.jsonl": fc(counts.train, train_bytes, train_sha),
            "dev.jsonl": fc(counts.dev, dev_bytes, dev_sha),
        },
    });
    let mut text = serde_json::to_string_pretty(&manifest).expect("a JSON value serialises");
    text.push('\n');
    let path = dir.join("manifest.json");
    std::fs::write(&path, text).map_err(|e| io(&format!("cannot write {}", path.display()), e))?;
    Ok(counts)
}
