//! Checking an env read from an untrusted save file (serde) before stepping it.

use super::BabyEnv;
use core::fmt;

/// A deserialised [`BabyEnv`] whose parts do not fit together (stepping it could index out
/// of range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidState {
    what: &'static str,
}

impl InvalidState {
    /// Which part is inconsistent.
    pub fn what(&self) -> &'static str {
        self.what
    }
}

impl fmt::Display for InvalidState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "inconsistent BabyAI state: {}", self.what)
    }
}

impl std::error::Error for InvalidState {}

impl BabyEnv {
    /// Checks that a deserialised env is structurally sound: the grid's cells and object
    /// table agree, the agent stands on the grid, the carried object and every object the
    /// verifier tracks exist, and `max_steps` is positive. Every env this crate builds
    /// passes, and serde deserialisation runs this check (a failing save file is an error).
    pub fn validate(&self) -> Result<(), InvalidState> {
        let bad = |what| Err(InvalidState { what });
        let w = &self.world;
        if !w.grid.is_consistent() {
            return bad("grid cells and object table disagree");
        }
        let n = w.grid.num_objs();
        if !w.grid.in_bounds(w.agent_pos.0, w.agent_pos.1) {
            return bad("agent off the grid");
        }
        if w.carrying.is_some_and(|id| id.index() >= n) {
            return bad("carried object not in the object table");
        }
        if !self.verifier.refers_within(n) {
            return bad("verifier tracks an object not in the object table");
        }
        if self.max_steps == 0 {
            return bad("max_steps is 0");
        }
        Ok(())
    }
}

/// The serialised form of a [`BabyEnv`]: deserialising goes through [`BabyEnv::validate`],
/// so a save file that does not fit together is an error, never an env that panics later.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
pub(super) struct Saved {
    world: crate::world::World,
    instr: crate::instr::Instr,
    verifier: crate::instr::Verifier,
    mission: String,
    step_count: u32,
    max_steps: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<Saved> for BabyEnv {
    type Error = InvalidState;

    fn try_from(s: Saved) -> Result<BabyEnv, InvalidState> {
        let mut env = BabyEnv {
            world: s.world,
            instr: s.instr,
            verifier: s.verifier,
            mission: s.mission.into_boxed_str(),
            step_count: s.step_count,
            max_steps: s.max_steps,
            poss_current: false,
        };
        env.validate()?;
        if env.world.grid.codes_stale() {
            env.world.grid.sync_codes();
        }
        Ok(env)
    }
}
