//! Structural consistency of a grid read from an untrusted save file.

use super::{Grid, MAX_OBJS, MAX_SIDE, OBJ_BASE};

impl Grid {
    /// Whether the side lengths, the cell array and the object table agree: sides in
    /// `1..=MAX_SIDE`, one cell per position, every object cell and every box's contents
    /// naming an object of the table. Every grid this crate builds passes; a deserialised
    /// one may not.
    pub(crate) fn is_consistent(&self) -> bool {
        let (w, h) = (usize::from(self.width), usize::from(self.height));
        let n = self.objs.len();
        (1..=MAX_SIDE).contains(&w)
            && (1..=MAX_SIDE).contains(&h)
            && self.cells.len() == w * h
            && n <= MAX_OBJS
            && self
                .cells
                .iter()
                .all(|&c| c < OBJ_BASE || usize::from(c - OBJ_BASE) < n)
            && self
                .objs
                .iter()
                .all(|o| o.contains.is_none_or(|c| c.index() < n))
    }
}
