//! Recorded Minigrid episodes (the reference traces) and their from-state replay.
//!
//! An [`Episode`] holds plain values; [`replay_from_state`] imports its recorded state,
//! checks the reset observation, then applies each recorded action and compares image,
//! direction, agent position, reward (within 1e-9), terminated and truncated.
//! With the `json` feature, [`parse_episode`] reads one line of a trace file.

use crate::import::{ImportError, RecordedState};
use crate::view::OBS_LEN;
use crate::{Action, BabyEnv};

/// One recorded step: the action and what Minigrid returned.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedStep {
    /// Action index as recorded (validated at replay).
    pub action: u8,
    /// Observation image after the step.
    pub image: [u8; OBS_LEN],
    /// Agent direction after the step.
    pub direction: u8,
    /// Agent position after the step, when recorded.
    pub agent_pos: Option<(i32, i32)>,
    /// Reward.
    pub reward: f64,
    /// Terminated flag.
    pub terminated: bool,
    /// Truncated flag.
    pub truncated: bool,
    /// BALROG's text of the observation after the step, when recorded (compared with
    /// `text_render::babyai::balrog_text` of the replayed image).
    pub text: Option<String>,
}

/// One recorded episode.
#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    /// Minigrid env id (`"BabyAI-GoToLocal-v0"`).
    pub env_id: String,
    /// Reset seed.
    pub seed: u64,
    /// The reset state.
    pub state: RecordedState,
    /// The reset observation image, `None` when it is stale (`obs_stale`): not comparable.
    pub reset_image: Option<[u8; OBS_LEN]>,
    /// The reset direction.
    pub reset_direction: u8,
    /// BALROG's text of the reset observation, `None` when not recorded or stale.
    pub reset_text: Option<String>,
    /// Seed-mode checks (reset files): how many rejected samples Minigrid's reset needed, and
    /// for `PutNext*Carrying` (a stale reset observation) the stale reset text and the true
    /// image and text of the state after the reset. `None` when not recorded.
    pub seed_checks: SeedChecks,
    /// The recorded steps.
    pub steps: Vec<RecordedStep>,
}

/// What a reset file records beyond the state, for replays from the seed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedChecks {
    /// `RejectSampling` retries of the reset.
    pub rejections: Option<u32>,
    /// BALROG's text of the stale reset observation (`PutNext*Carrying`).
    pub stale_reset_text: Option<String>,
    /// The true observation after the reset (`PutNext*Carrying`).
    pub true_image: Option<[u8; OBS_LEN]>,
    /// BALROG's text of the true observation after the reset (`PutNext*Carrying`).
    pub true_text: Option<String>,
}

/// Where and how a replay disagreed with the recording.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplayError {
    /// The state could not be imported.
    Import(ImportError),
    /// A recorded action is not 0..=6.
    BadAction {
        /// Step index (0-based).
        step: usize,
        /// The recorded value.
        action: u8,
    },
    /// A value differs. `step` is `None` for the reset observation.
    Mismatch {
        /// Step index (0-based), `None` at reset.
        step: Option<usize>,
        /// Which value (`"image"`, `"reward"`, ...).
        what: &'static str,
        /// The recorded value, printed.
        expected: String,
        /// The replayed value, printed.
        got: String,
    },
}

impl core::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ReplayError::Import(e) => write!(f, "import failed: {e}"),
            ReplayError::BadAction { step, action } => {
                write!(f, "step {step}: invalid action {action}")
            }
            ReplayError::Mismatch {
                step,
                what,
                expected,
                got,
            } => {
                match step {
                    Some(s) => write!(f, "step {s}")?,
                    None => write!(f, "reset")?,
                }
                write!(f, ": {what} expected {expected}, got {got}")
            }
        }
    }
}

impl std::error::Error for ReplayError {}

fn image_diff(expected: &[u8; OBS_LEN], got: &[u8; OBS_LEN]) -> Option<(String, String)> {
    let k = (0..OBS_LEN / 3).find(|&k| expected[k * 3..k * 3 + 3] != got[k * 3..k * 3 + 3])?;
    let (vx, vy) = (k / 7, k % 7);
    Some((
        format!("{:?} at view ({vx}, {vy})", &expected[k * 3..k * 3 + 3]),
        format!("{:?}", &got[k * 3..k * 3 + 3]),
    ))
}

fn mismatch(step: Option<usize>, what: &'static str, e: String, g: String) -> ReplayError {
    ReplayError::Mismatch {
        step,
        what,
        expected: e,
        got: g,
    }
}

/// Compares BALROG's text of `image` with the recorded `want`.
fn text_diff(step: Option<usize>, want: &str, image: &[u8; OBS_LEN]) -> Result<(), ReplayError> {
    let mut got = String::new();
    let rendered = text_render::babyai::balrog_text(image, &mut got);
    if rendered.is_err() || got != want {
        return Err(mismatch(
            step,
            "text",
            format!("{want:?}"),
            format!("{got:?}"),
        ));
    }
    Ok(())
}

/// Replays `ep` from its recorded state; `Ok(steps)` when every recorded value matches.
pub fn replay_from_state(ep: &Episode) -> Result<usize, ReplayError> {
    let mut env = BabyEnv::from_recorded_state(&ep.state).map_err(ReplayError::Import)?;
    let mut image = [0u8; OBS_LEN];
    if let Some(expected) = &ep.reset_image {
        env.observe(&mut image);
        if let Some((e, g)) = image_diff(expected, &image) {
            return Err(mismatch(None, "image", e, g));
        }
        if let Some(want) = &ep.reset_text {
            text_diff(None, want, &image)?;
        }
    }
    if env.agent_dir() as u8 != ep.reset_direction {
        return Err(mismatch(
            None,
            "direction",
            ep.reset_direction.to_string(),
            (env.agent_dir() as u8).to_string(),
        ));
    }
    replay_steps(&mut env, &ep.steps)?;
    Ok(ep.steps.len())
}

/// Applies `steps`' actions to `env` and compares image, direction, agent position,
/// reward (within 1e-9), terminated and truncated after each one.
pub fn replay_steps(env: &mut BabyEnv, steps: &[RecordedStep]) -> Result<(), ReplayError> {
    let mut image = [0u8; OBS_LEN];
    for (i, rec) in steps.iter().enumerate() {
        let action = Action::try_from(rec.action).map_err(|_| ReplayError::BadAction {
            step: i,
            action: rec.action,
        })?;
        let s = env.step(action);
        env.observe(&mut image);
        let at = Some(i);
        if let Some((e, g)) = image_diff(&rec.image, &image) {
            return Err(mismatch(at, "image", e, g));
        }
        if let Some(want) = &rec.text {
            text_diff(at, want, &image)?;
        }
        if env.agent_dir() as u8 != rec.direction {
            let g = (env.agent_dir() as u8).to_string();
            return Err(mismatch(at, "direction", rec.direction.to_string(), g));
        }
        if let Some(p) = rec.agent_pos
            && p != env.agent_pos()
        {
            let g = format!("{:?}", env.agent_pos());
            return Err(mismatch(at, "agent_pos", format!("{p:?}"), g));
        }
        if (s.reward - rec.reward).abs() > 1e-9 || s.reward.is_nan() {
            let (e, g) = (rec.reward.to_string(), s.reward.to_string());
            return Err(mismatch(at, "reward", e, g));
        }
        if s.terminated != rec.terminated {
            let (e, g) = (rec.terminated.to_string(), s.terminated.to_string());
            return Err(mismatch(at, "terminated", e, g));
        }
        if s.truncated != rec.truncated {
            let (e, g) = (rec.truncated.to_string(), s.truncated.to_string());
            return Err(mismatch(at, "truncated", e, g));
        }
    }
    Ok(())
}

#[cfg(feature = "json")]
mod json;
#[cfg(feature = "json")]
pub use json::{TraceError, parse_episode};
