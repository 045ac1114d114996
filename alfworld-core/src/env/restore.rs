//! Resuming an episode from a saved [`State`].

use super::GameEnv;
use crate::goals;
use crate::state::State;
use core::fmt;

/// A state that does not belong to the env's game (tables of the wrong size, or an index
/// out of range), refused by [`GameEnv::restore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateMismatch;

impl fmt::Display for StateMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("saved ALFWorld state does not fit this game")
    }
}

impl std::error::Error for StateMismatch {}

impl GameEnv {
    /// Continues the episode from `state` (a clone, or a deserialised save of a state of
    /// this game): `won` is re-evaluated and the admissible list recomputed on demand; the
    /// step counter and the last feedback are kept. A state whose shape does not fit the
    /// game is refused and the env left unchanged.
    pub fn restore(&mut self, state: &State) -> Result<(), StateMismatch> {
        if !state.fits(&self.game) {
            return Err(StateMismatch);
        }
        self.state.clone_from(state);
        self.admissible_fresh = false;
        self.won = goals::evaluate(&self.game, &self.state, &mut self.bind);
        Ok(())
    }
}
