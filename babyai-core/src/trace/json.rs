//! Reading one JSONL trace line into an [`Episode`] (format: `spec/babyai.md` §8).
//! Unknown fields are ignored.

use super::{Episode, RecordedStep};
use crate::import::{BoxContent, RecordedState};
use crate::level_layout;
use crate::view::OBS_LEN;
use crate::world::MAX_SIDE;
use serde_json::Value;

/// Why a trace line cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceError {
    /// Not JSON (with serde_json's line and column inside the line).
    Json {
        /// Line within the text (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// A field is missing or has the wrong shape.
    Field {
        /// Path of the field (`"steps[3].image"`).
        path: String,
        /// What was expected.
        expected: &'static str,
    },
    /// The env id has no known room layout.
    UnknownLevel(String),
    /// The declared grid size is outside `1..=MAX_SIDE` per side; refused before any grid
    /// memory is reserved.
    BadSize {
        /// Declared width.
        width: u64,
        /// Declared height.
        height: u64,
    },
}

impl core::fmt::Display for TraceError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            TraceError::Json {
                line,
                column,
                message,
            } => write!(f, "invalid JSON at {line}:{column}: {message}"),
            TraceError::Field { path, expected } => {
                write!(f, "field {path}: expected {expected}")
            }
            TraceError::UnknownLevel(id) => write!(f, "unknown BabyAI level id {id:?}"),
            TraceError::BadSize { width, height } => write!(
                f,
                "grid size {width}x{height} is outside the supported 1..={MAX_SIDE} per side"
            ),
        }
    }
}

impl std::error::Error for TraceError {}

fn field<'a>(v: &'a Value, key: &str, path: &str) -> Result<&'a Value, TraceError> {
    v.get(key).ok_or_else(|| TraceError::Field {
        path: join(path, key),
        expected: "a value (missing)",
    })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn bad(path: String, expected: &'static str) -> TraceError {
    TraceError::Field { path, expected }
}

fn as_u64(v: &Value, path: &str) -> Result<u64, TraceError> {
    v.as_u64()
        .ok_or_else(|| bad(path.to_string(), "a non-negative integer"))
}

fn as_small(v: &Value, path: &str, max: u64) -> Result<u64, TraceError> {
    let n = as_u64(v, path)?;
    if n > max {
        return Err(bad(path.to_string(), "a smaller integer"));
    }
    Ok(n)
}

fn as_u8(v: &Value, path: &str) -> Result<u8, TraceError> {
    Ok(as_small(v, path, 255)? as u8)
}

fn as_array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, TraceError> {
    v.as_array()
        .ok_or_else(|| bad(path.to_string(), "an array"))
}

fn as_bool(v: &Value, path: &str) -> Result<bool, TraceError> {
    v.as_bool()
        .ok_or_else(|| bad(path.to_string(), "a boolean"))
}

fn as_code(v: &Value, path: &str) -> Result<[u8; 3], TraceError> {
    let a = as_array(v, path)?;
    if a.len() != 3 {
        return Err(bad(path.to_string(), "[type, color, state]"));
    }
    Ok([
        as_u8(&a[0], path)?,
        as_u8(&a[1], path)?,
        as_u8(&a[2], path)?,
    ])
}

fn as_pos(v: &Value, path: &str) -> Result<(i32, i32), TraceError> {
    let a = as_array(v, path)?;
    if a.len() != 2 {
        return Err(bad(path.to_string(), "[x, y]"));
    }
    Ok((
        as_small(&a[0], path, 1 << 20)? as i32,
        as_small(&a[1], path, 1 << 20)? as i32,
    ))
}

fn as_image(v: &Value, path: &str) -> Result<[u8; OBS_LEN], TraceError> {
    let a = as_array(v, path)?;
    if a.len() != OBS_LEN {
        return Err(bad(path.to_string(), "147 integers"));
    }
    let mut img = [0u8; OBS_LEN];
    for (k, x) in a.iter().enumerate() {
        img[k] = as_u8(x, path)?;
    }
    Ok(img)
}

/// Parses one trace line (a JSON object) into an [`Episode`]; the room layout comes from
/// the env id ([`level_layout`]).
pub fn parse_episode(line: &str) -> Result<Episode, TraceError> {
    let v: Value = serde_json::from_str(line).map_err(|e| TraceError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if !v.is_object() {
        return Err(bad("(line)".to_string(), "a JSON object"));
    }
    let env_id = field(&v, "env_id", "")?
        .as_str()
        .ok_or_else(|| bad("env_id".into(), "a string"))?
        .to_string();
    let layout = level_layout(&env_id).ok_or_else(|| TraceError::UnknownLevel(env_id.clone()))?;
    let seed = as_u64(field(&v, "seed", "")?, "seed")?;
    let width = as_u64(field(&v, "width", "")?, "width")?;
    let height = as_u64(field(&v, "height", "")?, "height")?;
    // Validate before reserving: a declared 65536x65536 grid would reserve 12 GiB.
    let side_ok = |n: u64| (1..=MAX_SIDE as u64).contains(&n);
    if !side_ok(width) || !side_ok(height) {
        return Err(TraceError::BadSize { width, height });
    }
    let (width, height) = (width as usize, height as usize);
    let rows = as_array(field(&v, "grid", "")?, "grid")?;
    let mut grid = Vec::with_capacity(width * height);
    for (y, row) in rows.iter().enumerate() {
        let p = format!("grid[{y}]");
        for (x, c) in as_array(row, &p)?.iter().enumerate() {
            grid.push(as_code(c, &format!("grid[{y}][{x}]"))?);
        }
        if as_array(row, &p)?.len() != width {
            return Err(bad(p, "a row of `width` cells"));
        }
    }
    if rows.len() != height {
        return Err(bad("grid".into(), "`height` rows"));
    }
    let agent_pos = as_pos(field(&v, "agent_pos", "")?, "agent_pos")?;
    let agent_dir = as_small(field(&v, "agent_dir", "")?, "agent_dir", 3)? as u8;
    let carrying = match field(&v, "carrying", "")? {
        Value::Null => None,
        c => Some(as_code(c, "carrying")?),
    };
    let mut box_contents = Vec::new();
    if let Some(bc) = v.get("box_contents") {
        for (k, e) in as_array(bc, "box_contents")?.iter().enumerate() {
            let p = format!("box_contents[{k}]");
            let pos = match field(e, "pos", &p)? {
                Value::Null => None,
                q => Some(as_pos(q, &join(&p, "pos"))?),
            };
            let obj = as_code(field(e, "obj", &p)?, &join(&p, "obj"))?;
            box_contents.push(BoxContent { pos, obj });
        }
    }
    let mission = field(&v, "mission", "")?
        .as_str()
        .ok_or_else(|| bad("mission".into(), "a string"))?
        .to_string();
    let max_steps = as_small(field(&v, "max_steps", "")?, "max_steps", u32::MAX as u64)? as u32;
    let stale = match v.get("obs_stale") {
        Some(s) => as_bool(s, "obs_stale")?,
        None => false,
    };
    let reset_image = if stale {
        None
    } else {
        Some(as_image(field(&v, "reset_image", "")?, "reset_image")?)
    };
    let reset_direction = as_small(field(&v, "reset_direction", "")?, "reset_direction", 3)? as u8;
    let mut steps = Vec::new();
    // Reset-state files have no `steps`: such a line is an episode of zero steps.
    let recorded_steps = match v.get("steps") {
        Some(s) => as_array(s, "steps")?.as_slice(),
        None => &[],
    };
    for (i, s) in recorded_steps.iter().enumerate() {
        let p = format!("steps[{i}]");
        let f = |k: &str| field(s, k, &p);
        let reward = f("reward")?
            .as_f64()
            .ok_or_else(|| bad(join(&p, "reward"), "a number"))?;
        let agent_pos = match s.get("agent_pos") {
            Some(q) => Some(as_pos(q, &join(&p, "agent_pos"))?),
            None => None,
        };
        steps.push(RecordedStep {
            action: as_u8(f("action")?, &join(&p, "action"))?,
            image: as_image(f("image")?, &join(&p, "image"))?,
            direction: as_small(f("direction")?, &join(&p, "direction"), 3)? as u8,
            agent_pos,
            reward,
            terminated: as_bool(f("terminated")?, &join(&p, "terminated"))?,
            truncated: as_bool(f("truncated")?, &join(&p, "truncated"))?,
            text: opt_text(s, "text", &p)?,
        });
    }
    Ok(Episode {
        env_id: env_id.clone(),
        seed,
        state: RecordedState {
            width,
            height,
            grid,
            box_contents,
            agent_pos,
            agent_dir,
            carrying,
            mission,
            max_steps,
            layout,
            env_id,
        },
        reset_text: if stale {
            None
        } else {
            opt_text(&v, "reset_text", "")?
        },
        reset_image,
        reset_direction,
        seed_checks: super::SeedChecks {
            rejections: match v.get("rejections") {
                None | Some(Value::Null) => None,
                Some(r) => Some(as_small(r, "rejections", u32::MAX as u64)? as u32),
            },
            stale_reset_text: if stale {
                opt_text(&v, "reset_text", "")?
            } else {
                None
            },
            true_image: match v.get("true_image") {
                None | Some(Value::Null) => None,
                Some(t) => Some(as_image(t, "true_image")?),
            },
            true_text: opt_text(&v, "true_text", "")?,
        },
        steps,
    })
}

/// An optional string field (BALROG's text): `None` when absent or null.
fn opt_text(v: &Value, key: &str, parent: &str) -> Result<Option<String>, TraceError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(t) => t
            .as_str()
            .map(|t| Some(t.to_string()))
            .ok_or_else(|| bad(join(parent, key), "a string")),
    }
}
