//! Comparing a generated level with a recorded Minigrid reset (the reference files), and
//! replaying a recorded episode from its `env_id` and seed.

use super::env::LevelEnv;
use super::registry::find;
use crate::import::RecordedState;
use crate::trace::{Episode, ReplayError, replay_steps};
use crate::view::OBS_LEN;

/// The first difference between a generated reset and a recorded one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResetDiff {
    /// A grid cell's `[type, color, state]` differs.
    Cell {
        /// Cell x.
        x: i32,
        /// Cell y.
        y: i32,
        /// Which of type/color/state differs first.
        field: &'static str,
        /// Recorded encoding.
        expected: [u8; 3],
        /// Generated encoding.
        got: [u8; 3],
    },
    /// A reset observation cell differs (view coordinates, agent at (3, 6)).
    Image {
        /// View x.
        vx: usize,
        /// View y.
        vy: usize,
        /// Recorded encoding.
        expected: [u8; 3],
        /// Generated encoding.
        got: [u8; 3],
    },
    /// Another field differs (`"width"`, `"agent_pos"`, `"mission"`, ...).
    Field {
        /// The field's name in the recording.
        field: &'static str,
        /// Recorded value, printed.
        expected: String,
        /// Generated value, printed.
        got: String,
    },
}

impl core::fmt::Display for ResetDiff {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ResetDiff::Cell {
                x,
                y,
                field,
                expected,
                got,
            } => write!(
                f,
                "grid cell ({x}, {y}) {field}: expected {expected:?}, got {got:?}"
            ),
            ResetDiff::Image {
                vx,
                vy,
                expected,
                got,
            } => write!(
                f,
                "reset image at view ({vx}, {vy}): expected {expected:?}, got {got:?}"
            ),
            ResetDiff::Field {
                field,
                expected,
                got,
            } => write!(f, "{field}: expected {expected}, got {got}"),
        }
    }
}

fn field<T: core::fmt::Debug + PartialEq>(name: &'static str, e: T, g: T) -> Result<(), ResetDiff> {
    if e == g {
        Ok(())
    } else {
        Err(ResetDiff::Field {
            field: name,
            expected: format!("{e:?}"),
            got: format!("{g:?}"),
        })
    }
}

/// Compares the reset state of `level` with `rec` (grid cell by cell, agent pose, carried
/// object, box contents, mission, `max_steps`) and, when given, the reset observation
/// image (Minigrid's, stale for `PutNext*Carrying`). Returns the first difference.
pub fn compare_reset(
    level: &LevelEnv,
    rec: &RecordedState,
    reset_image: Option<&[u8; OBS_LEN]>,
) -> Result<(), ResetDiff> {
    let env = level.env();
    let w = env.world();
    let grid = &w.grid;
    field("width", rec.width as i32, grid.width())?;
    field("height", rec.height as i32, grid.height())?;
    for y in 0..grid.height() {
        for x in 0..grid.width() {
            let expected = rec.grid[(y * grid.width() + x) as usize];
            let got = grid.encode_cell(x, y);
            if let Some(k) = (0..3).find(|&k| expected[k] != got[k]) {
                return Err(ResetDiff::Cell {
                    x,
                    y,
                    field: ["type", "color", "state"][k],
                    expected,
                    got,
                });
            }
        }
    }
    field("agent_pos", rec.agent_pos, w.agent_pos)?;
    field("agent_dir", rec.agent_dir, w.agent_dir as u8)?;
    field("carrying", rec.carrying, env.carrying().map(|o| o.encode()))?;
    let boxes = level_box_contents(level);
    field("box_contents", &rec.box_contents, &boxes)?;
    field("mission", rec.mission.as_str(), env.mission())?;
    field("max_steps", rec.max_steps, env.max_steps())?;
    if let Some(expected) = reset_image {
        let mut got = [0u8; OBS_LEN];
        level.reset_image(&mut got);
        if let Some(k) =
            (0..OBS_LEN / 3).find(|&k| expected[k * 3..k * 3 + 3] != got[k * 3..k * 3 + 3])
        {
            let cell = |img: &[u8; OBS_LEN]| [img[k * 3], img[k * 3 + 1], img[k * 3 + 2]];
            return Err(ResetDiff::Image {
                vx: k / 7,
                vy: k % 7,
                expected: cell(expected),
                got: cell(&got),
            });
        }
    }
    Ok(())
}

/// Box contents of the level's current world, in the reference's order.
fn level_box_contents(level: &LevelEnv) -> Vec<crate::BoxContent> {
    let w = level.env().world();
    let grid = &w.grid;
    let mut out = Vec::new();
    for y in 0..grid.height() {
        for x in 0..grid.width() {
            if let Some(c) = grid.obj_at(x, y).and_then(|o| grid.obj(o).contains) {
                out.push(crate::BoxContent {
                    pos: Some((x, y)),
                    obj: grid.obj(c).encode(),
                });
            }
        }
    }
    if let Some(c) = w.carrying.and_then(|o| grid.obj(o).contains) {
        out.push(crate::BoxContent {
            pos: None,
            obj: grid.obj(c).encode(),
        });
    }
    out
}

/// Why a from-seed replay failed.
#[derive(Clone, Debug, PartialEq)]
pub enum SeedReplayError {
    /// The episode's `env_id` is not a registered level.
    UnknownLevel(String),
    /// The generated reset differs from the recorded one.
    Reset(ResetDiff),
    /// A step differs (as in the from-state replay).
    Step(ReplayError),
}

impl core::fmt::Display for SeedReplayError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SeedReplayError::UnknownLevel(id) => write!(f, "unknown BabyAI level {id:?}"),
            SeedReplayError::Reset(d) => write!(f, "reset: {d}"),
            SeedReplayError::Step(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SeedReplayError {}

/// Replays `ep` from its `env_id` and seed: generates the level, requires its reset state
/// and reset observation (`reset_image`: Minigrid's, stale for `PutNext*Carrying`) to equal
/// the recorded ones, then applies the recorded actions and compares every step.
/// `Ok(steps)` when everything matches.
pub fn replay_from_seed(
    ep: &Episode,
    reset_image: Option<&[u8; OBS_LEN]>,
) -> Result<usize, SeedReplayError> {
    let spec = find(&ep.env_id).ok_or_else(|| SeedReplayError::UnknownLevel(ep.env_id.clone()))?;
    let mut level = LevelEnv::new(spec, ep.seed);
    compare_reset(&level, &ep.state, reset_image).map_err(SeedReplayError::Reset)?;
    field(
        "reset_direction",
        ep.reset_direction,
        level.env().agent_dir() as u8,
    )
    .map_err(SeedReplayError::Reset)?;
    check_seed_extras(&level, ep).map_err(SeedReplayError::Reset)?;
    replay_steps(level.env_mut(), &ep.steps).map_err(SeedReplayError::Step)?;
    Ok(ep.steps.len())
}

/// The reset file's extra records: rejections, BALROG's reset text (of the stale image for
/// `PutNext*Carrying`), and the true image and text after a `PutNext*Carrying` reset.
fn check_seed_extras(level: &LevelEnv, ep: &Episode) -> Result<(), ResetDiff> {
    let checks = &ep.seed_checks;
    if let Some(r) = checks.rejections {
        field("rejections", r, level.rejections())?;
    }
    let text_of = |img: &[u8; OBS_LEN]| {
        let mut t = String::new();
        // Images drawn by the engine hold only codes Minigrid defines.
        let _ = text_render::babyai::balrog_text(img, &mut t);
        t
    };
    let mut reset_img = [0u8; OBS_LEN];
    level.reset_image(&mut reset_img);
    if let Some(want) = ep.reset_text.as_ref().or(checks.stale_reset_text.as_ref()) {
        field("reset_text", want.as_str(), text_of(&reset_img).as_str())?;
    }
    let mut now = [0u8; OBS_LEN];
    level.env().observe(&mut now);
    if let Some(want) = &checks.true_image
        && let Some(k) = (0..OBS_LEN / 3).find(|&k| want[k * 3..k * 3 + 3] != now[k * 3..k * 3 + 3])
    {
        return Err(ResetDiff::Field {
            field: "true_image",
            expected: format!("{:?} at view cell {k}", &want[k * 3..k * 3 + 3]),
            got: format!("{:?}", &now[k * 3..k * 3 + 3]),
        });
    }
    if let Some(want) = &checks.true_text {
        let mut got = String::new();
        level.env().balrog_text(&mut got);
        field("true_text", want.as_str(), got.as_str())?;
    }
    Ok(())
}
