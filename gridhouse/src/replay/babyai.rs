//! Replay of BabyAI trace files (JSON lines) from their recorded states or from their
//! `env_id` and seed.

use babyai_core::levels::compare::replay_from_seed;
use babyai_core::trace::{Episode, parse_episode, replay_from_state};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Per-level tally.
#[derive(Default)]
struct LevelTally {
    passed: usize,
    failed: usize,
    /// First mismatch of each failed episode: `(seed, line, message)`.
    failures: Vec<(u64, usize, String)>,
}

/// The outcome of replaying one file.
pub struct Report {
    /// Episodes that replayed identically.
    pub passed: usize,
    /// Episodes that did not (malformed lines included).
    pub failed: usize,
    /// The printable summary, ending with `N passed, M failed`.
    pub text: String,
}

/// Replays every line of `text` (a trace file) from its recorded state.
pub fn replay_text(text: &str) -> Report {
    replay_lines(text, |ep, _| {
        replay_from_state(ep).map_err(|e| e.to_string())
    })
}

/// Replays every line of `text` from its `env_id` and seed: the generated reset state and
/// reset observation must equal the recorded ones (first difference reported: which cell,
/// which field), then the recorded steps are replayed. Lines without `steps` (reset-state
/// files) check only the reset.
pub fn replay_text_from_seed(text: &str) -> Report {
    replay_lines(text, |ep, line| {
        if ep
            .env_id
            .starts_with(babyai_core::balrog::MIXED_TRAIN_LOCAL)
        {
            return babyai_core::balrog::replay_from_seed(ep);
        }
        let image = recorded_reset_image(line)?;
        replay_from_seed(ep, image.as_ref()).map_err(|e| e.to_string())
    })
}

/// The recorded `reset_image` of a line as Minigrid returned it (stale for
/// `PutNext*Carrying`, which the episode parser leaves out), if present.
fn recorded_reset_image(line: &str) -> Result<Option<[u8; 147]>, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let Some(a) = v.get("reset_image").and_then(|a| a.as_array()) else {
        return Ok(None);
    };
    let bytes: Vec<u8> = a
        .iter()
        .map(|x| x.as_u64().filter(|&n| n < 256).map(|n| n as u8))
        .collect::<Option<_>>()
        .ok_or("reset_image: expected integers 0..=255")?;
    let img: [u8; 147] = bytes
        .try_into()
        .map_err(|_| "reset_image: expected 147 values".to_string())?;
    Ok(Some(img))
}

/// Parses each line and runs `check` on it, tallying per level.
fn replay_lines(text: &str, check: impl Fn(&Episode, &str) -> Result<usize, String>) -> Report {
    let mut levels: BTreeMap<String, LevelTally> = BTreeMap::new();
    let mut malformed: Vec<(usize, String)> = Vec::new();
    let mut steps = 0usize;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let ep = match parse_episode(line) {
            Ok(ep) => ep,
            Err(e) => {
                malformed.push((line_no, e.to_string()));
                continue;
            }
        };
        let tally = levels.entry(ep.env_id.clone()).or_default();
        match check(&ep, line) {
            Ok(n) => {
                tally.passed += 1;
                steps += n;
            }
            Err(e) => {
                tally.failed += 1;
                tally.failures.push((ep.seed, line_no, e));
            }
        }
    }
    let mut out = String::new();
    let width = levels.keys().map(|k| k.len()).max().unwrap_or(0);
    for (id, t) in &levels {
        let _ = writeln!(
            out,
            "{id:width$}  {:>3} episodes  {:>3} passed  {:>3} failed",
            t.passed + t.failed,
            t.passed,
            t.failed
        );
        for (seed, line, msg) in &t.failures {
            let _ = writeln!(out, "    seed {seed} (line {line}): {msg}");
        }
    }
    for (line, msg) in &malformed {
        let _ = writeln!(out, "line {line}: malformed episode: {msg}");
    }
    let passed: usize = levels.values().map(|t| t.passed).sum();
    let failed: usize = levels.values().map(|t| t.failed).sum::<usize>() + malformed.len();
    let _ = writeln!(
        out,
        "{} levels, {steps} steps replayed in passing episodes",
        levels.len()
    );
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    Report {
        passed,
        failed,
        text: out,
    }
}
