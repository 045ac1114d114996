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
    /// passes; call this on save files from untrusted sources before stepping them.
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
