//! An HTML report of episodes (a demos file, evaluation results, or rollout lines with
//! actions): one self-contained page that opens offline, with a summary table and, per
//! episode, the mission and every step (action, reward, text and, for BabyAI, the frame).
//!
//! Episodes are replayed in Gridhouse from what each record names, so the page shows what
//! the actions did:
//! * the env id: `metadata.env_id`, `env_id` or `env`; the seed: `metadata.seed` or `seed`;
//!   an ALFWorld game: `metadata.game_index` or `game_index` (else the seed picks it);
//! * the actions: `actions` (a list of strings), or the assistant turns of `messages` (chat
//!   records: one record per episode, or one per step, whose consecutive records of the
//!   same env, seed and game form an episode).

use crate::Error;
use crate::frames::encode_png;
use crate::{FrameOptions, Renderer};
use base64::Engine as _;
use serde_json::Value;
use std::fmt::Write as _;

/// At most this many episodes are drawn (the rest are counted in the summary only).
pub const MAX_EPISODES_SHOWN: usize = 200;
/// At most this many steps of an episode are drawn.
pub const MAX_STEPS_SHOWN: usize = 400;
/// Input records longer than this are refused.
const MAX_LINE: usize = 16 << 20;

/// One episode as the report shows it.
#[derive(Clone, Debug, PartialEq)]
struct Episode {
    env_id: String,
    seed: u64,
    game_index: Option<usize>,
    actions: Vec<String>,
    recorded_success: Option<bool>,
}

/// An episode's env id, seed and game index.
type EpisodeKey = (String, u64, Option<usize>);

/// What a report covered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportSummary {
    /// Episodes read.
    pub episodes: usize,
    /// Episodes won in the replay.
    pub successes: usize,
    /// Episodes drawn step by step.
    pub shown: usize,
    /// Frames embedded.
    pub frames: usize,
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get("metadata")
        .and_then(|m| m.get(key))
        .or_else(|| v.get(key))
}

/// Reads the episodes of a records file (see the module docs).
fn parse(text: &str) -> Result<Vec<Episode>, Error> {
    let mut episodes: Vec<Episode> = Vec::new();
    let mut last_turn_key: Option<(EpisodeKey, u64)> = None;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_LINE {
            return Err(Error::Invalid(format!("line {lineno}: longer than 16 MiB")));
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::Invalid(format!("line {lineno}: not JSON: {e}")))?;
        if v.get("summary").and_then(Value::as_bool) == Some(true) {
            continue; // a rollout/eval summary line
        }
        let env_id = ["env_id", "env"]
            .iter()
            .find_map(|k| get(&v, k).and_then(Value::as_str))
            .ok_or_else(|| Error::Invalid(format!("line {lineno}: no env_id")))?
            .to_string();
        let seed = get(&v, "seed")
            .and_then(Value::as_u64)
            .ok_or_else(|| Error::Invalid(format!("line {lineno}: no seed")))?;
        let game_index = get(&v, "game_index")
            .and_then(Value::as_u64)
            .map(|g| g as usize);
        let recorded_success = get(&v, "success").and_then(Value::as_bool);
        let step = get(&v, "step").and_then(Value::as_u64);
        if let Some(a) = v.get("actions").and_then(Value::as_array) {
            let actions = a
                .iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    Error::Invalid(format!("line {lineno}: \"actions\" holds a non-string"))
                })?;
            last_turn_key = None;
            episodes.push(Episode {
                env_id,
                seed,
                game_index,
                actions,
                recorded_success,
            });
            continue;
        }
        let m = v.get("messages").and_then(Value::as_array).ok_or_else(|| {
            Error::Invalid(format!(
                "line {lineno}: no \"actions\" list and no \"messages\""
            ))
        })?;
        let assistant: Vec<String> = m
            .iter()
            .filter(|t| t.get("role").and_then(Value::as_str) == Some("assistant"))
            .filter_map(|t| t.get("content").and_then(Value::as_str).map(str::to_string))
            .collect();
        // A `turns` record: step 0 starts an episode, step k + 1 continues the episode whose
        // last record (same env, seed, game) was step k; its action is the last assistant
        // turn (earlier ones are history). Anything else is one whole episode.
        let key = (env_id.clone(), seed, game_index);
        let continues = step.is_some_and(|k| {
            k > 0
                && last_turn_key
                    .as_ref()
                    .is_some_and(|(lk, ls)| *lk == key && *ls + 1 == k)
        });
        if continues && let Some(ep) = episodes.last_mut() {
            ep.actions.extend(assistant.last().cloned());
            ep.recorded_success = recorded_success.or(ep.recorded_success);
            last_turn_key = Some((key, step.unwrap_or(0)));
            continue;
        }
        let actions = if step == Some(0) {
            last_turn_key = Some((key, 0));
            assistant.last().cloned().into_iter().collect()
        } else {
            last_turn_key = None;
            assistant
        };
        episodes.push(Episode {
            env_id,
            seed,
            game_index,
            actions,
            recorded_success,
        });
    }
    if episodes.is_empty() {
        return Err(Error::Invalid(
            "the records file has no episodes".to_string(),
        ));
    }
    Ok(episodes)
}

fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// A step as drawn: action, reward, text, frame (a PNG data URI).
struct Shown {
    action: String,
    reward: f64,
    text: String,
    frame: Option<String>,
}

/// Writes the HTML report of the records in `text` into `out`.
pub fn write_report(text: &str, title: &str, out: &mut String) -> Result<ReportSummary, Error> {
    let episodes = parse(text)?;
    let mut summary = ReportSummary {
        episodes: episodes.len(),
        ..ReportSummary::default()
    };
    let mut renderer = Renderer::new();
    let mut rgb = Vec::new();
    let options = FrameOptions::full(12, true);
    let mut body = String::new();
    // Per env: (episodes, successes, steps).
    let mut per_env: std::collections::BTreeMap<String, (usize, usize, usize)> =
        std::collections::BTreeMap::new();
    for (n, ep) in episodes.iter().enumerate() {
        let mut env = crate::make(&ep.env_id)?;
        match (ep.game_index, env.alfworld().is_some()) {
            (Some(g), true) => env.reset_to(g)?,
            _ => env.reset(ep.seed)?,
        }
        let show = n < MAX_EPISODES_SHOWN;
        let mut frame_of = |env: &crate::Env| -> Result<Option<String>, Error> {
            let Some(b) = env.babyai() else {
                return Ok(None);
            };
            let (w, h) = b.render(&mut renderer, options, &mut rgb)?;
            let png = encode_png(&rgb, w, h).map_err(|e| Error::Invalid(e.to_string()))?;
            Ok(Some(format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(png)
            )))
        };
        let mission = env.mission().to_string();
        let mut shown = vec![Shown {
            action: "(reset)".to_string(),
            reward: 0.0,
            text: env.text(),
            frame: if show { frame_of(&env)? } else { None },
        }];
        let mut length = 0;
        for action in &ep.actions {
            let (step, _) = env.step_lenient(action);
            length += 1;
            if show && shown.len() <= MAX_STEPS_SHOWN {
                shown.push(Shown {
                    action: action.clone(),
                    reward: step.reward,
                    text: env.text(),
                    frame: frame_of(&env)?,
                });
            }
            if step.done() {
                break;
            }
        }
        let won = env.won();
        summary.successes += usize::from(won);
        let e = per_env.entry(ep.env_id.clone()).or_default();
        e.0 += 1;
        e.1 += usize::from(won);
        e.2 += length;
        if !show {
            continue;
        }
        summary.shown += 1;
        let mark = if won { "won" } else { "lost" };
        let _ = write!(body, "<details class=\"episode {mark}\"><summary>");
        let _ = write!(
            body,
            "<span class=\"mark\">{}</span> ",
            if won { "&#10004;" } else { "&#10008;" }
        );
        esc(&ep.env_id, &mut body);
        let _ = write!(body, " &middot; seed {}", ep.seed);
        if let Some(g) = env.game_index() {
            let _ = write!(body, " &middot; game {g}");
        }
        let _ = write!(body, " &middot; {length} steps &middot; {mark}");
        if let Some(r) = ep.recorded_success
            && r != won
        {
            let _ = write!(
                body,
                " <b>(recorded {})</b>",
                if r { "won" } else { "lost" }
            );
        }
        body.push_str("</summary><p class=\"mission\">Mission: ");
        esc(&mission, &mut body);
        body.push_str("</p><table class=\"steps\"><tr><th>step</th><th>action</th><th>reward</th><th>observation</th><th>frame</th></tr>");
        for (k, s) in shown.iter().enumerate() {
            let _ = write!(body, "<tr><td>{k}</td><td>");
            esc(&s.action, &mut body);
            let _ = write!(body, "</td><td>{:.3}</td><td><pre>", s.reward);
            esc(&s.text, &mut body);
            body.push_str("</pre></td><td>");
            if let Some(f) = &s.frame {
                summary.frames += 1;
                let _ = write!(body, "<img class=\"frame\" alt=\"frame {k}\" src=\"{f}\">");
            }
            body.push_str("</td></tr>");
        }
        body.push_str("</table></details>\n");
    }
    out.clear();
    out.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    esc(title, out);
    out.push_str("</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><h1>");
    esc(title, out);
    let _ = write!(
        out,
        "</h1><p id=\"totals\">{} episodes, {} won ({:.1}%)</p>",
        summary.episodes,
        summary.successes,
        100.0 * summary.successes as f64 / summary.episodes as f64
    );
    out.push_str("<table class=\"summary\"><tr><th>env</th><th>episodes</th><th>success</th><th>mean length</th></tr>");
    for (env, (n, w, steps)) in &per_env {
        out.push_str("<tr><td>");
        esc(env, out);
        let _ = write!(
            out,
            "</td><td>{n}</td><td>{:.1}%</td><td>{:.1}</td></tr>",
            100.0 * *w as f64 / *n as f64,
            *steps as f64 / *n as f64
        );
    }
    out.push_str("</table>");
    if summary.shown < summary.episodes {
        let _ = write!(
            out,
            "<p>The first {} episodes are shown step by step.</p>",
            summary.shown
        );
    }
    out.push_str(&body);
    let _ = write!(
        out,
        "<div id=\"check\" data-episodes=\"{}\"></div><script>{SCRIPT}</script></body></html>",
        summary.shown
    );
    out.push('\n');
    Ok(summary)
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;max-width:70em}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}\
pre{margin:0;white-space:pre-wrap;max-width:40em}details{margin:.4em 0}\
.won .mark{color:#080}.lost .mark{color:#b00}img.frame{image-rendering:pixelated}";

/// Counts the episodes and the frames that decoded, for readers and for the browser test.
const SCRIPT: &str = "window.addEventListener('load',function(){var c=document.getElementById('check');\
var eps=document.querySelectorAll('details.episode').length;\
var imgs=Array.prototype.slice.call(document.querySelectorAll('img.frame'));\
var ok=imgs.filter(function(i){return i.complete&&i.naturalWidth>0;}).length;\
c.setAttribute('data-counted-episodes',eps);c.setAttribute('data-frames',imgs.length);\
c.setAttribute('data-frames-ok',ok);c.textContent=eps+' episodes, '+ok+' of '+imgs.length+' frames shown';\
var d=document.querySelector('details.episode');if(d){d.open=true;}});";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_records_group_into_episodes_and_episode_records_stand_alone() {
        let turn = |seed: u64, step: u64, history: &[&str], action: &str| {
            let mut messages = vec![serde_json::json!({"role": "system", "content": "s"})];
            for h in history {
                messages.push(serde_json::json!({"role": "assistant", "content": h, "weight": 0}));
            }
            messages.push(serde_json::json!({"role": "user", "content": "obs"}));
            messages.push(serde_json::json!({"role": "assistant", "content": action}));
            serde_json::json!({"messages": messages, "metadata": {"env_id": "BabyAI-GoToLocal-v0", "seed": seed, "step": step}})
                .to_string()
        };
        let whole = serde_json::json!({"messages": [
            {"role": "user", "content": "o"}, {"role": "assistant", "content": "turn left"},
            {"role": "user", "content": "o"}, {"role": "assistant", "content": "done"}],
            "metadata": {"env_id": "BabyAI-GoToLocal-v0", "seed": 9, "step": 2}})
        .to_string();
        let text = [
            turn(1, 0, &[], "turn left"),
            turn(1, 1, &["turn left"], "go forward"),
            turn(1, 2, &["turn left", "go forward"], "toggle"),
            turn(1, 0, &[], "turn right"),
            whole,
            r#"{"env": "alfworld/valid_seen", "seed": 4, "actions": ["look"], "summary": false}"#
                .to_string(),
            r#"{"summary": true, "episodes": 4}"#.to_string(),
        ]
        .join("\n");
        let eps = parse(&text).unwrap();
        let actions: Vec<Vec<&str>> = eps
            .iter()
            .map(|e| e.actions.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            actions,
            [
                vec!["turn left", "go forward", "toggle"],
                vec!["turn right"],
                vec!["turn left", "done"],
                vec!["look"],
            ]
        );
        let mut html = String::new();
        let s = write_report(&text, "t", &mut html).unwrap();
        assert_eq!(s.episodes, 4);
        assert!(html.contains("<details class=\"episode"));
        assert!(parse("").is_err());
        assert!(parse("{\"seed\": 1, \"actions\": []}").is_err());
        assert!(parse("not json").is_err());
    }
}
