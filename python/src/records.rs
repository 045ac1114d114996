//! `gridhouse._native.demo_records`: the SFT demos writer (`gridhouse::demos::write_demos`)
//! over one range of seeds, split across threads, for `gridhouse.ray`'s shard workers.
//!
//! Episode `i` of a range is a pure function of its seed `seed + i` (the env is reset with it
//! and the policy is seeded with it), so cutting the range into contiguous pieces, writing
//! each on its own thread and joining the pieces in order gives exactly the bytes one
//! `write_demos` call over the whole range gives (the dev split is off: every record goes to
//! one stream).

use gridhouse::Error as GhError;
use gridhouse::demos::{DemoConfig, DemoCounts, Format, Prompt, write_demos};
use gridhouse::policy::Policy;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// Adds this file's functions to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(demo_records, m)?)
}

/// Plays one contiguous piece and returns its JSONL bytes and counts.
fn piece(cfg: &DemoConfig) -> Result<(Vec<u8>, DemoCounts), GhError> {
    let (mut out, mut dev) = (Vec::new(), Vec::new());
    let counts = write_demos(cfg, &mut out, &mut dev)?;
    debug_assert!(dev.is_empty(), "dev_fraction 0 sends nothing to dev");
    Ok((out, counts))
}

/// Splits `episodes` into at most `threads` contiguous, nearly equal pieces: `(first, len)`.
fn pieces(episodes: u64, threads: usize) -> Vec<(u64, u64)> {
    let k = (threads.max(1) as u64).min(episodes).max(1);
    let (base, extra) = (episodes / k, episodes % k);
    let mut out = Vec::with_capacity(k as usize);
    let mut first = 0;
    for j in 0..k {
        let len = base + u64::from(j < extra);
        out.push((first, len));
        first += len;
    }
    out
}

fn add(total: &mut DemoCounts, c: &DemoCounts) {
    total.played += c.played;
    total.succeeded += c.succeeded;
    total.kept += c.kept;
    total.dropped_failed += c.dropped_failed;
    total.dropped_long += c.dropped_long;
    total.expert_errors += c.expert_errors;
    total.train.records += c.train.records;
    total.train.episodes += c.train.episodes;
    total.train.steps += c.train.steps;
}

/// The demos records (chat JSONL, one `{"messages", "metadata"}` object a line) of episodes
/// `seed .. seed + episodes` of `env_id` played by `policy`, in seed order, written by
/// `threads` threads (GIL released), and the counts as a dict (`played`, `succeeded`, `kept`,
/// `dropped_failed`, `dropped_long`, `expert_errors`, `records`, `steps`). `format`: `turns`
/// or `episode`; `prompt`: `balrog`, `react`, `plain` or None (the env's default); `history`:
/// None for the prompt's default; `all_episodes`: keep failures too (the random policy always
/// keeps them). Errors are `gridhouse.Error`s, raised before anything is played when the
/// arguments are bad.
#[pyfunction]
#[pyo3(signature = (env_id, policy, seed, episodes, format, prompt=None, history=None, all_episodes=false, threads=1))]
#[allow(clippy::too_many_arguments)]
fn demo_records<'py>(
    py: Python<'py>,
    env_id: &str,
    policy: &str,
    seed: u64,
    episodes: u64,
    format: &str,
    prompt: Option<&str>,
    history: Option<usize>,
    all_episodes: bool,
    threads: usize,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyDict>)> {
    let mut cfg = DemoConfig::new(env_id);
    cfg.policy = Policy::parse(policy).map_err(crate::to_py)?;
    cfg.format = Format::parse(format).map_err(crate::to_py)?;
    cfg.prompt = prompt
        .map(Prompt::parse)
        .transpose()
        .map_err(crate::to_py)?;
    cfg.history = history;
    cfg.all_episodes = all_episodes;
    cfg.dev_fraction = 0.0;
    cfg.seed = seed;
    cfg.episodes = episodes;
    if threads == 0 || threads > 1024 {
        return Err(crate::to_py(GhError::Invalid(format!(
            "threads must be from 1 to 1024, not {threads}"
        ))));
    }
    let (bytes, total) = py
        .detach(move || -> Result<(Vec<u8>, DemoCounts), GhError> {
            if episodes == 0 {
                return Err(GhError::Invalid("episodes must be at least 1".into()));
            }
            if seed.checked_add(episodes - 1).is_none() {
                return Err(GhError::Invalid(format!(
                    "seed {seed} + {episodes} episodes overflows a 64-bit seed"
                )));
            }
            let parts = pieces(episodes, threads);
            let results: Vec<Result<(Vec<u8>, DemoCounts), GhError>> = if parts.len() == 1 {
                vec![piece(&cfg)]
            } else {
                std::thread::scope(|s| {
                    let handles: Vec<_> = parts
                        .iter()
                        .map(|&(first, len)| {
                            let mut c = cfg.clone();
                            c.seed = seed + first;
                            c.episodes = len;
                            s.spawn(move || piece(&c))
                        })
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| {
                            h.join().unwrap_or_else(|_| {
                                Err(GhError::Invalid("a demos thread panicked".into()))
                            })
                        })
                        .collect()
                })
            };
            let mut bytes = Vec::new();
            let mut total = DemoCounts::default();
            for r in results {
                let (b, c) = r?;
                bytes.extend_from_slice(&b);
                add(&mut total, &c);
            }
            Ok((bytes, total))
        })
        .map_err(crate::to_py)?;
    let counts = PyDict::new(py);
    counts.set_item("played", total.played)?;
    counts.set_item("succeeded", total.succeeded)?;
    counts.set_item("kept", total.kept)?;
    counts.set_item("dropped_failed", total.dropped_failed)?;
    counts.set_item("dropped_long", total.dropped_long)?;
    counts.set_item("expert_errors", total.expert_errors)?;
    counts.set_item("records", total.train.records)?;
    counts.set_item("steps", total.train.steps)?;
    Ok((PyBytes::new(py, &bytes), counts))
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn pieces_cover_the_range_in_order() {
        for episodes in 1..40u64 {
            for threads in 1..9usize {
                let p = pieces(episodes, threads);
                assert!(p.len() <= threads);
                assert!(p.iter().all(|&(_, len)| len > 0));
                let mut next = 0;
                for &(first, len) in &p {
                    assert_eq!(first, next);
                    next += len;
                }
                assert_eq!(next, episodes);
            }
        }
    }
}
