//! Replay of BabyAI trace files (JSON lines) from their recorded states.

use babyai_core::trace::{parse_episode, replay_from_state};
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
        match replay_from_state(&ep) {
            Ok(n) => {
                tally.passed += 1;
                steps += n;
            }
            Err(e) => {
                tally.failed += 1;
                tally.failures.push((ep.seed, line_no, e.to_string()));
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
