//! Structural consistency of a state read from an untrusted save file.

use super::{NONE, Rel, State};
use crate::game::Game;

impl Rel {
    /// Whether the relation has one slot per `from` entity, relates only entities in
    /// range, and keeps its extra pairs strictly sorted.
    fn fits(&self, n_from: usize, n_to: usize) -> bool {
        let to_ok = |x: u16| x == NONE || usize::from(x) < n_to;
        self.first.len() == n_from
            && self.first.iter().all(|&x| to_ok(x))
            && self
                .extra
                .iter()
                .all(|&(o, x)| usize::from(o) < n_from && x != NONE && usize::from(x) < n_to)
            && self.extra.windows(2).all(|p| p[0] < p[1])
    }
}

impl State {
    /// Whether this state has the shape of `game`'s states (every table sized for its
    /// receptacles, objects and locations, every index in range).
    pub(crate) fn fits(&self, game: &Game) -> bool {
        let (n_rec, n_obj) = (game.receptacles.len(), game.objects.len());
        let n_loc = game.location_names.len();
        (self.agent_loc == NONE || usize::from(self.agent_loc) < n_loc)
            && (self.held == NONE || usize::from(self.held) < n_obj)
            && self.opened.len() == n_rec
            && self.obj_state.len() == n_obj
            && self.obj_in.fits(n_obj, n_rec)
            && self.obj_at.fits(n_obj, n_loc)
            && self
                .not_in
                .iter()
                .all(|&(o, r)| usize::from(o) < n_obj && usize::from(r) < n_rec)
            && self.not_in.windows(2).all(|p| p[0] < p[1])
    }
}
