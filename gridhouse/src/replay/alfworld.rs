//! Replays of ALFWorld traces (`gridhouse replay alfworld FILE.jsonl --games DIR`): plays
//! every episode of an ALFWorld trace file and compares the intro, then after each action the feedback, the admissible
//! commands (whole list, in order), `won` and `done`.

use alfworld_core::{Game, GameEnv, LoadOptions};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to replay an ALFWorld trace file.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The folder the episodes' `gamefile` paths are resolved under (leading path components
    /// that do not exist under it are dropped, so the reference `games/` folder works).
    /// Episodes with no `gamefile` but a `game` of the form `SET/INDEX` (and optionally
    /// `wording`: `v042` or `v03`) are traces of exported generated games: the game is
    /// generated again, exported and loaded back, with no folder needed.
    pub games: Option<PathBuf>,
    /// Print every episode's result, not only failures.
    pub verbose: bool,
}

/// Resolves `gamefile` under `dir`, dropping leading components until the file exists.
fn resolve(dir: &Path, gamefile: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = gamefile.split('/').filter(|p| !p.is_empty()).collect();
    (0..parts.len()).find_map(|skip| {
        let p = parts[skip..]
            .iter()
            .fold(dir.to_path_buf(), |acc, x| acc.join(x));
        p.is_file().then_some(p)
    })
}

fn load(path: &Path) -> Result<Game, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let traj_path = path.with_file_name("traj_data.json");
    let traj = std::fs::read_to_string(&traj_path).ok();
    Game::load(&json, traj.as_deref(), LoadOptions::default())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// A generated task-set game named `SET/INDEX`, exported in `wording` (`v042` or `v03`) and
/// loaded back through the game-file loader, as ALFWorld's engine loaded it.
fn load_generated(name: &str, wording: &str) -> Result<Game, String> {
    use alfworld_core::generator::{Split, Wording, export};
    let (set, index) = name
        .split_once('/')
        .ok_or_else(|| format!("game {name:?} is not SET/INDEX"))?;
    let split = Split::parse(set).ok_or_else(|| format!("unknown task set {set:?}"))?;
    let index: u32 = index
        .parse()
        .map_err(|_| format!("bad game index {index:?}"))?;
    let game = split
        .game(index)
        .ok_or_else(|| format!("{set} has no game {index}"))?;
    let wording = match wording {
        "v03" | "0.3" => Wording::V03,
        "v042" | "0.4.2" => Wording::V042,
        other => return Err(format!("unknown wording {other:?}")),
    };
    let json = export::tw_pddl_json(&game, wording).to_string();
    let traj = export::traj_data_json(&game).to_string();
    Game::load(&json, Some(&traj), LoadOptions::default()).map_err(|e| format!("{name}: {e}"))
}

fn short(s: &str) -> String {
    format!("{s:?}")
}

/// Compares one recorded step (`what` names it) with what the engine produced.
fn check(
    what: &str,
    rec: &Value,
    env: &mut GameEnv,
    got: (&str, bool, bool),
) -> Result<(), String> {
    let (fb, won, done) = got;
    let want_obs = rec
        .get("obs")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what}: field \"obs\" is missing or not a string"))?;
    if fb != want_obs {
        return Err(format!(
            "{what}: feedback differs\n    expected {}\n    got      {}",
            short(want_obs),
            short(fb)
        ));
    }
    let w = rec
        .get("won")
        .and_then(Value::as_bool)
        .ok_or_else(|| format!("{what}: field \"won\" is missing or not a boolean"))?;
    if w != won {
        return Err(format!("{what}: won expected {w}, got {won}"));
    }
    match rec.get("done") {
        None => {}
        Some(Value::Bool(d)) if *d == done => {}
        Some(Value::Bool(d)) => return Err(format!("{what}: done expected {d}, got {done}")),
        Some(_) => return Err(format!("{what}: field \"done\" is not a boolean")),
    }
    let adm = rec
        .get("admissible_commands")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{what}: field \"admissible_commands\" is missing or not a list"))?;
    if adm.iter().any(|c| !c.is_string()) {
        return Err(format!(
            "{what}: field \"admissible_commands\" holds something that is not a string"
        ));
    }
    {
        let texts = env.admissible_texts();
        let want: Vec<&str> = adm.iter().filter_map(Value::as_str).collect();
        if want.len() != adm.len() || texts.iter().map(String::as_str).ne(want.iter().copied()) {
            let mut msg = format!("{what}: admissible commands differ");
            let missing: Vec<&&str> = want
                .iter()
                .filter(|w| !texts.iter().any(|t| t == **w))
                .collect();
            let extra: Vec<&String> = texts
                .iter()
                .filter(|t| !want.contains(&t.as_str()))
                .collect();
            let _ = write!(msg, "\n    missing {missing:?}\n    extra   {extra:?}");
            if missing.is_empty() && extra.is_empty() {
                let _ = write!(
                    msg,
                    "\n    expected order {want:?}\n    got            {texts:?}"
                );
            }
            return Err(msg);
        }
    }
    Ok(())
}

/// Plays one episode; `Err` holds a description of the first mismatch.
fn replay_episode(game: &Arc<Game>, ep: &Value) -> Result<usize, String> {
    let steps = ep
        .get("steps")
        .and_then(Value::as_array)
        .ok_or("episode has no \"steps\" list")?;
    let first = steps.first().ok_or("episode has an empty \"steps\" list")?;
    let mut env = GameEnv::new(Arc::clone(game), game.wording());
    let intro = env.reset().to_string();
    let won = env.won();
    // The recorders' episode-level `won`: the goal held after some step (a probe may play
    // on after winning and undo it).
    let mut ever_won = won;
    check("reset", first, &mut env, (&intro, won, false))?;
    for (i, s) in steps.iter().enumerate().skip(1) {
        let action = s
            .get("action")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("step {i}: no \"action\""))?;
        let out = env.step_text(action);
        let (fb, won, done) = (out.feedback.to_string(), out.won, out.done);
        ever_won |= won;
        check(
            &format!("step {i} ({action:?})"),
            s,
            &mut env,
            (&fb, won, done),
        )?;
    }
    if let Some(w) = ep.get("won") {
        let w = w
            .as_bool()
            .ok_or("episode field \"won\" is not a boolean")?;
        if w != ever_won {
            return Err(format!(
                "episode: recorded won {w}, but the replay's goal {} held",
                if ever_won { "once" } else { "never" }
            ));
        }
    }
    if let Some(n) = ep.get("n_steps") {
        let n = n
            .as_u64()
            .ok_or("episode field \"n_steps\" is not a whole number")?;
        if n != (steps.len() - 1) as u64 {
            return Err(format!(
                "episode: \"n_steps\" is {n} but the episode has {} steps",
                steps.len() - 1
            ));
        }
    }
    Ok(steps.len() - 1)
}

/// Per game file: episodes passed and failed, and the first failure.
#[derive(Default)]
struct GameSummary {
    passed: usize,
    failed: usize,
    first_failure: Option<String>,
}

/// Replays every episode of the trace file `text`, writing a report to `out`: a line per
/// game file (PASS/FAIL with counts and the first mismatch), then `N passed, M failed`.
/// Returns `(passed, failed)`. An empty file is an error.
pub fn replay_text(
    text: &str,
    args: &Options,
    out: &mut dyn std::io::Write,
) -> Result<(usize, usize), String> {
    if text.trim().is_empty() {
        return Err("the trace file has no episodes".to_string());
    }
    if let Some(dir) = args.games.as_ref().filter(|d| !d.is_dir()) {
        return Err(format!("--games {}: not a directory", dir.display()));
    }
    if args.games.is_none() && text.contains("\"gamefile\"") {
        return Err(
            "the trace file names game files (\"gamefile\"): pass --games DIR, the folder they \
             are found under"
                .to_string(),
        );
    }
    let mut cache: BTreeMap<String, Result<Arc<Game>, String>> = BTreeMap::new();
    let mut summary: BTreeMap<String, GameSummary> = BTreeMap::new();
    let (mut passed, mut failed) = (0usize, 0usize);
    for (lineno, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let lineno = lineno + 1;
        let result = (|| -> Result<(String, usize), (String, String)> {
            let ep: Value = serde_json::from_str(line).map_err(|e| {
                (
                    "(malformed line)".to_string(),
                    format!("line {lineno}: not valid JSON: {e}"),
                )
            })?;
            let policy = ep.get("policy").and_then(Value::as_str).unwrap_or("?");
            let label = format!("line {lineno} [{policy}]");
            let (key, source) = match (
                ep.get("gamefile").and_then(Value::as_str),
                ep.get("game").and_then(Value::as_str),
            ) {
                (Some(gamefile), _) => (gamefile.to_string(), None),
                (None, Some(name)) => {
                    let wording = ep.get("wording").and_then(Value::as_str).unwrap_or("v042");
                    (
                        format!("generated {name} ({wording})"),
                        Some((name, wording)),
                    )
                }
                (None, None) => {
                    return Err((
                        "(no gamefile)".to_string(),
                        format!("line {lineno}: no \"gamefile\" (nor a generated \"game\")"),
                    ));
                }
            };
            let game = cache.entry(key.clone()).or_insert_with(|| match source {
                Some((name, wording)) => load_generated(name, wording).map(Arc::new),
                None => {
                    let dir = args.games.as_ref().ok_or_else(|| {
                        "episodes with a \"gamefile\" need --games DIR".to_string()
                    })?;
                    let path = resolve(dir, &key)
                        .ok_or_else(|| format!("game file not found under {}", dir.display()))?;
                    load(&path).map(Arc::new)
                }
            });
            let game = match game {
                Ok(g) => Arc::clone(g),
                Err(e) => return Err((key, format!("{label}: {e}"))),
            };
            match replay_episode(&game, &ep) {
                Ok(n) => Ok((key, n)),
                Err(e) => Err((key, format!("{label}: {e}"))),
            }
        })();
        match result {
            Ok((key, n)) => {
                passed += 1;
                summary.entry(key.clone()).or_default().passed += 1;
                if args.verbose {
                    let _ = writeln!(out, "ok   line {lineno} {key}: {n} steps");
                }
            }
            Err((key, msg)) => {
                failed += 1;
                let g = summary.entry(key).or_default();
                g.failed += 1;
                g.first_failure.get_or_insert(msg);
            }
        }
    }
    for (key, g) in &summary {
        let status = if g.failed == 0 { "PASS" } else { "FAIL" };
        let _ = writeln!(
            out,
            "{status} {key}: {} of {} episodes passed",
            g.passed,
            g.passed + g.failed
        );
        if let Some(f) = &g.first_failure {
            let _ = writeln!(out, "  first mismatch: {f}");
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    Ok((passed, failed))
}
