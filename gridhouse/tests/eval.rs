//! `gridhouse eval` against real HTTP servers on 127.0.0.1 (started here with `tiny_http`)
//! that speak the chat-completions protocol and answer from the prompt they receive.

mod common;

use gridhouse::demos::{Prompt, system_prompt};
use gridhouse::eval::{EpisodeOutcome, wilson95};
use gridhouse::{Policy, make};
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Rebuilds the episode from the prompt and answers the expert's action.
    Expert,
    /// The expert's action, shouted and prefixed (`> GO TO ...`): admissible matching.
    ExpertLoud,
    /// Always `turn left`.
    Left,
    /// Text that is no action.
    Garbage,
    /// Request 1 waits past the client's timeout, request 2 is a 500, then `turn left`.
    SlowThen500,
    /// Always 503.
    Down,
}

struct Server {
    url: String,
    requests: Arc<AtomicU64>,
    auth: Arc<Mutex<Vec<String>>>,
    server: Arc<tiny_http::Server>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// A chat-completions server for `env_id`, whose episodes are reset with seeds in `seeds`.
fn serve(mode: Mode, env_id: &str, seeds: std::ops::Range<u64>) -> Server {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
    let port = server.server_addr().to_ip().unwrap().port();
    let requests = Arc::new(AtomicU64::new(0));
    let auth = Arc::new(Mutex::new(Vec::new()));
    let (s, r, a, id) = (
        server.clone(),
        requests.clone(),
        auth.clone(),
        env_id.to_string(),
    );
    std::thread::spawn(move || {
        for mut req in s.incoming_requests() {
            let n = r.fetch_add(1, Ordering::SeqCst) + 1;
            let (id, seeds, a) = (id.clone(), seeds.clone(), a.clone());
            std::thread::spawn(move || {
                let mut body = String::new();
                req.as_reader().read_to_string(&mut body).unwrap();
                if let Some(h) = req
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("Authorization"))
                {
                    a.lock().unwrap().push(h.value.to_string());
                }
                let respond = |status: u16, text: String| {
                    let header =
                        tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap();
                    let _ = req.respond(
                        tiny_http::Response::from_string(text)
                            .with_status_code(status)
                            .with_header(header),
                    );
                };
                assert!(
                    req_path_ok(&body),
                    "the request is a chat-completions body: {body}"
                );
                let answer = match mode {
                    Mode::Down => return respond(503, "{}".to_string()),
                    Mode::SlowThen500 if n == 1 => {
                        std::thread::sleep(Duration::from_millis(2500));
                        "turn left".to_string()
                    }
                    Mode::SlowThen500 if n == 2 => return respond(500, "oops".to_string()),
                    Mode::SlowThen500 | Mode::Left => "turn left".to_string(),
                    Mode::Garbage => "I would rather dance".to_string(),
                    Mode::Expert => expert_answer(&id, seeds, &body),
                    Mode::ExpertLoud => {
                        format!("> {}", expert_answer(&id, seeds, &body).to_uppercase())
                    }
                };
                let v: Value = serde_json::from_str(&body).unwrap();
                let prompt_tokens = v["messages"].as_array().unwrap().len();
                respond(
                    200,
                    serde_json::json!({
                        "id": "x", "object": "chat.completion", "model": v["model"],
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": answer}}],
                        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 1,
                                  "total_tokens": prompt_tokens + 1},
                    })
                    .to_string(),
                );
            });
        }
    });
    Server {
        url: format!("http://127.0.0.1:{port}"),
        requests,
        auth,
        server,
    }
}

fn req_path_ok(body: &str) -> bool {
    let v: Value = serde_json::from_str(body).unwrap();
    v["model"] == "test-model" && v["messages"][0]["role"] == "system"
}

/// Finds the episode the prompt is about (the seed whose mission and actions so far give
/// the prompt's current observation) and returns the expert's next action there.
fn expert_answer(id: &str, seeds: std::ops::Range<u64>, body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    let msgs = v["messages"].as_array().unwrap();
    let system = msgs[0]["content"].as_str().unwrap();
    let last = msgs.last().unwrap()["content"].as_str().unwrap();
    let mut env = make(id).unwrap();
    for seed in seeds {
        env.reset(seed).unwrap();
        let alf = env.alfworld().is_some();
        let style = if alf { Prompt::React } else { Prompt::Balrog };
        if system_prompt(style, env.mission()) != system {
            continue;
        }
        let actions: Vec<String> = if alf {
            if !last.starts_with(&format!("Task:\n{}\n\nTrajectory:\n", env.text())) {
                continue;
            }
            last.lines()
                .filter_map(|l| l.strip_prefix("> "))
                .map(str::to_string)
                .collect()
        } else {
            msgs.iter()
                .filter(|m| m["role"] == "assistant")
                .map(|m| m["content"].as_str().unwrap().to_string())
                .collect()
        };
        // BabyAI views repeat across seeds: every observation of the history must match.
        let seen: Vec<&str> = msgs
            .iter()
            .filter(|m| m["role"] == "user")
            .map(|m| m["content"].as_str().unwrap())
            .collect();
        let mut matches = true;
        for (t, a) in actions.iter().enumerate() {
            if !alf && seen[t] != format!("Obesrvation:\n{}", env.text()) {
                matches = false;
            }
            if !alf {
                // Minigrid's bot keeps memory between steps: let it see every state.
                let _ = env.expert_action().unwrap();
            }
            let _ = env.step_text(a).unwrap();
        }
        let now = env.text();
        matches &= if alf {
            actions.is_empty() || last.contains(&format!("\n{now}\n\nPossible actions:"))
        } else {
            last.starts_with(&format!("Current Observation:\n\n{now}\n\n"))
        };
        if matches {
            return env.expert_action().unwrap();
        }
    }
    panic!("no episode matches the prompt: {last}");
}

fn tmp(name: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("gridhouse-eval-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&p);
    p
}

fn results(path: &std::path::Path) -> Vec<EpisodeOutcome> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn eval(args: &[&str]) -> (bool, Value, String) {
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    let (ok, out, err) = common::gridhouse(&all);
    let summary = out
        .lines()
        .last()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    (ok, summary, err)
}

#[test]
fn an_llm_playing_the_expert_wins_every_babyai_episode_with_balrogs_prompts() {
    let id = "BabyAI-MixedTrainLocal-v0/pickup";
    let server = serve(Mode::Expert, id, 10..16);
    let out = tmp("expert-babyai");
    let (ok, s, err) = eval(&[
        "--env",
        id,
        "--episodes",
        "6",
        "--seed",
        "10",
        "--endpoint",
        &server.url,
        "--model",
        "test-model",
        "--concurrency",
        "3",
        "--history",
        "1000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert_eq!(s["completed"], 6);
    assert_eq!(
        s["success_rate"],
        1.0,
        "{:?}",
        std::fs::read_to_string(&out)
    );
    assert_eq!(s["invalid_actions"], 0);
    let r = results(&out);
    assert_eq!(r.len(), 6);
    let mut env = make(id).unwrap();
    let mut steps = 0;
    for o in &r {
        // The same episodes as the built-in bot, step for step.
        let bot = gridhouse::play_episode(&mut env, Policy::Expert, o.seed).unwrap();
        assert_eq!((o.length, o.success), (bot.length, bot.success), "{o:?}");
        assert_eq!(o.seed, 10 + o.episode);
        assert_eq!(o.completion_tokens, u64::from(o.length));
        assert!(o.prompt_tokens >= 2 * u64::from(o.length));
        steps += u64::from(o.length);
    }
    assert_eq!(s["completion_tokens"], steps);
    assert_eq!(server.requests.load(Ordering::SeqCst), steps);
    let mut eps: Vec<u64> = r.iter().map(|o| o.episode).collect();
    eps.sort();
    assert_eq!(eps, [0, 1, 2, 3, 4, 5]);
    let _ = std::fs::remove_file(out);
}

#[test]
fn alfworld_answers_are_matched_to_the_admissible_commands() {
    let id = "alfworld/valid_seen";
    let server = serve(Mode::ExpertLoud, id, 0..3);
    let out = tmp("expert-alfworld");
    // The API key variable is set for the child process only.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gridhouse"));
    cmd.args([
        "eval",
        "--env",
        id,
        "--episodes",
        "3",
        "--endpoint",
        &server.url,
        "--model",
        "test-model",
        "--api-key-env",
        "GRIDHOUSE_TEST_KEY",
        "--out",
        out.to_str().unwrap(),
    ])
    .env("GRIDHOUSE_TEST_KEY", "sekrit");
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["success_rate"], 1.0);
    assert_eq!(s["invalid_actions"], 0);
    let r = results(&out);
    assert_eq!(r.len(), 3);
    assert!(r.iter().all(|o| o.game_index.is_some() && o.success));
    let auth = server.auth.lock().unwrap();
    assert!(!auth.is_empty() && auth.iter().all(|h| h == "Bearer sekrit"));
    let _ = std::fs::remove_file(out);
}

#[test]
fn invalid_answers_take_balrogs_default_action_and_are_counted() {
    let id = "BabyAI-GoToLocal-v0";
    let server = serve(Mode::Garbage, id, 0..2);
    let out = tmp("garbage");
    let (ok, s, err) = eval(&[
        "--env",
        id,
        "--episodes",
        "2",
        "--endpoint",
        &server.url,
        "--model",
        "test-model",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let r = results(&out);
    // Every answer was invalid, so every step was BALROG's default "go forward".
    let mut env = make(id).unwrap();
    for o in &r {
        assert_eq!(o.invalid_actions, o.length);
        env.reset(o.seed).unwrap();
        let mut length = 0;
        loop {
            length += 1;
            if env.step_text("go forward").unwrap().done() {
                break;
            }
        }
        assert_eq!(o.length, length);
        assert_eq!(o.success, env.won());
    }
    assert_eq!(
        s["invalid_actions"].as_u64().unwrap(),
        r.iter().map(|o| u64::from(o.length)).sum::<u64>()
    );
    let _ = std::fs::remove_file(out);
}

#[test]
fn timeouts_and_server_errors_are_retried_with_backoff() {
    let id = "BabyAI-GoToLocal-v0";
    let server = serve(Mode::SlowThen500, id, 0..1);
    let out = tmp("retry");
    let (ok, s, err) = eval(&[
        "--env",
        id,
        "--episodes",
        "1",
        "--endpoint",
        &server.url,
        "--model",
        "test-model",
        "--timeout-secs",
        "0.5",
        "--retries",
        "2",
        "--backoff-secs",
        "0.05",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert_eq!(s["completed"], 1);
    let r = results(&out);
    // One timed-out request and one 500 were retried: two requests more than steps.
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        u64::from(r[0].length) + 2
    );
    let _ = std::fs::remove_file(out);
}

#[test]
fn failed_episodes_are_not_recorded_and_a_rerun_resumes_without_duplicates() {
    let id = "BabyAI-MixedTrainLocal-v0/goto";
    let out = tmp("resume");
    let o = out.to_str().unwrap();
    let down = serve(Mode::Down, id, 0..8);
    let (ok, s, err) = eval(&[
        "--env",
        id,
        "--episodes",
        "4",
        "--endpoint",
        &down.url,
        "--model",
        "test-model",
        "--retries",
        "1",
        "--backoff-secs",
        "0.01",
        "--out",
        o,
    ]);
    assert!(!ok);
    assert!(err.contains("run the same command again"), "{err}");
    assert_eq!(s["failed"], 4);
    assert_eq!(s["completed"], 0);
    assert!(results(&out).is_empty());
    assert_eq!(
        down.requests.load(Ordering::SeqCst),
        8,
        "1 try + 1 retry per episode"
    );

    let up = serve(Mode::Left, id, 0..8);
    let args = |n: &'static str| {
        vec![
            "--env",
            id,
            "--episodes",
            n,
            "--endpoint",
            &up.url,
            "--model",
            "test-model",
            "--concurrency",
            "2",
            "--out",
            o,
        ]
    };
    let (ok, s, err) = eval(&args("4"));
    assert!(ok, "{err}");
    assert_eq!(
        (s["completed"].as_u64(), s["resumed"].as_u64()),
        (Some(4), Some(0))
    );
    let first = up.requests.load(Ordering::SeqCst);
    // An interrupted write leaves a partial line: it is dropped, then the list grows to 8.
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
        f.write_all(b"{\"episode\":5,\"env_id\":").unwrap();
    }
    let (ok, s, err) = eval(&args("8"));
    assert!(ok, "{err}");
    assert_eq!(
        (s["completed"].as_u64(), s["resumed"].as_u64()),
        (Some(8), Some(4))
    );
    let r = results(&out);
    let mut eps: Vec<u64> = r.iter().map(|o| o.episode).collect();
    eps.sort();
    assert_eq!(eps, (0..8).collect::<Vec<_>>());
    let played_second: u64 = r
        .iter()
        .filter(|o| o.episode >= 4)
        .map(|o| u64::from(o.length))
        .sum();
    assert_eq!(up.requests.load(Ordering::SeqCst) - first, played_second);
    // Nothing left to do: a third run plays nothing and reports the same summary.
    let before = up.requests.load(Ordering::SeqCst);
    let (ok, s2, _) = eval(&args("8"));
    assert!(ok);
    assert_eq!(up.requests.load(Ordering::SeqCst), before);
    assert_eq!(s2["success_rate"], s["success_rate"]);
    // Another run's file is refused.
    let (ok, _, err) = eval(&[
        "--env",
        id,
        "--episodes",
        "8",
        "--seed",
        "1",
        "--endpoint",
        &up.url,
        "--model",
        "test-model",
        "--out",
        o,
    ]);
    assert!(!ok && err.contains("another run"), "{err}");
    let _ = std::fs::remove_file(out);
}

#[test]
fn builtin_policies_and_the_wilson_interval() {
    let out = tmp("builtin");
    let (ok, s, err) = eval(&[
        "--env",
        "alfworld/valid_unseen",
        "--episodes",
        "5",
        "--policy",
        "searcher",
        "--concurrency",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let mut env = make("alfworld/valid_unseen").unwrap();
    let mut wins = 0;
    for o in results(&out) {
        let r = gridhouse::play_episode(&mut env, Policy::Searcher, o.seed).unwrap();
        assert_eq!(
            (o.length, o.success, o.game_index),
            (r.length, r.success, r.game_index)
        );
        wins += u64::from(o.success);
    }
    let (lo, hi) = wilson95(wins, 5);
    assert_eq!(s["ci95_low"].as_f64().unwrap(), lo);
    assert_eq!(s["ci95_high"].as_f64().unwrap(), hi);
    // Known values: 0 of 10 -> [0, 0.2775], 10 of 10 -> [0.7225, 1], 5 of 10 ->
    // [0.2366, 0.7634].
    let close = |a: f64, b: f64| (a - b).abs() < 5e-5;
    let (lo, hi) = wilson95(0, 10);
    assert!(close(lo, 0.0) && close(hi, 0.2775), "{lo} {hi}");
    let (lo, hi) = wilson95(10, 10);
    assert!(close(lo, 0.7225) && close(hi, 1.0), "{lo} {hi}");
    let (lo, hi) = wilson95(5, 10);
    assert!(close(lo, 0.2366) && close(hi, 0.7634), "{lo} {hi}");
    let _ = std::fs::remove_file(out);
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let out = tmp("bad");
    let o = out.to_str().unwrap();
    let id = "BabyAI-GoToLocal-v0";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--env", id, "--out", o], "--policy NAME"),
        (
            vec!["--env", id, "--policy", "genius", "--out", o],
            "unknown policy",
        ),
        (
            vec!["--env", id, "--policy", "searcher", "--out", o],
            "searcher",
        ),
        (
            vec!["--env", "nope", "--policy", "expert", "--out", o],
            "unknown env id",
        ),
        (
            vec![
                "--env",
                id,
                "--policy",
                "expert",
                "--episodes",
                "0",
                "--out",
                o,
            ],
            "at least 1",
        ),
        (
            vec![
                "--env",
                id,
                "--policy",
                "expert",
                "--concurrency",
                "0",
                "--out",
                o,
            ],
            "concurrency",
        ),
        (
            vec![
                "--env",
                id,
                "--endpoint",
                "ftp://x",
                "--model",
                "m",
                "--out",
                o,
            ],
            "http://",
        ),
        (
            vec![
                "--env",
                id,
                "--endpoint",
                "http://127.0.0.1:9",
                "--model",
                "m",
                "--api-key-env",
                "GRIDHOUSE_SURELY_UNSET_VAR",
                "--out",
                o,
            ],
            "not set",
        ),
        (
            vec![
                "--env",
                id,
                "--endpoint",
                "http://127.0.0.1:9",
                "--model",
                "m",
                "--timeout-secs=-1",
                "--out",
                o,
            ],
            "timeout-secs",
        ),
        (
            vec![
                "--env",
                id,
                "--endpoint",
                "http://127.0.0.1:9",
                "--model",
                "m",
                "--prompt",
                "react",
                "--out",
                o,
            ],
            "react prompt",
        ),
    ];
    for (args, want) in cases {
        let mut all = vec!["eval"];
        all.extend_from_slice(&args);
        let r = common::run_raw(&all, b"");
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // --endpoint needs --model (clap's own error).
    let r = common::run_raw(
        &["eval", "--env", id, "--endpoint", "http://x", "--out", o],
        b"",
    );
    assert_eq!(r.status.code(), Some(2));
    // Nothing listens on the discard port: the episode fails, is counted, not recorded.
    let (ok, s, _) = eval(&[
        "--env",
        id,
        "--episodes",
        "1",
        "--endpoint",
        "http://127.0.0.1:9",
        "--model",
        "m",
        "--retries",
        "0",
        "--timeout-secs",
        "2",
        "--out",
        o,
    ]);
    assert!(!ok);
    assert_eq!(s["failed"], 1);
    assert!(results(&out).is_empty());
    let _ = std::fs::remove_file(out);
}
