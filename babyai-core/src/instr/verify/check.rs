//! Structural consistency of a verifier read from an untrusted save file.

#[cfg(feature = "serde")]
use super::{Bound, Entry};
use super::{Node, Verifier};

impl Verifier {
    /// Whether every object the verifier tracks is one of `num_objs` table entries.
    pub(crate) fn refers_within(&self, num_objs: usize) -> bool {
        let pre_ok = |pre: &Option<crate::world::ObjId>| pre.is_none_or(|id| id.index() < num_objs);
        self.entries
            .iter()
            .all(|e| e.who >= super::WALL || (e.who as usize) < num_objs)
            && self.nodes.iter().all(|n| match n {
                Node::Pickup { pre, .. } | Node::PutNext { pre, .. } => pre_ok(pre),
                _ => true,
            })
    }
}

/// A verifier as saved, before its node and match indices are checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
pub(super) struct Raw {
    nodes: Vec<Node>,
    entries: Vec<Entry>,
}

/// A saved verifier whose node links or match ranges point outside its lists.
#[cfg(feature = "serde")]
#[derive(Debug)]
pub(super) struct Malformed;

#[cfg(feature = "serde")]
impl core::fmt::Display for Malformed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("malformed verifier: a node link or match range is out of range")
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Raw> for Verifier {
    type Error = Malformed;

    fn try_from(raw: Raw) -> Result<Verifier, Malformed> {
        let v = Verifier {
            nodes: raw.nodes.into_boxed_slice(),
            entries: raw.entries.into_boxed_slice(),
        };
        if v.well_formed() {
            Ok(v)
        } else {
            Err(Malformed)
        }
    }
}

#[cfg(feature = "serde")]
impl Verifier {
    /// A root exists, every child comes after its parent (so verifying terminates) and is
    /// in the list, and every match range lies within the match list.
    fn well_formed(&self) -> bool {
        let n = self.nodes.len();
        let bound_ok = |b: &Bound| b.range().end <= self.entries.len();
        let child_ok = |i: usize, c: u16| (c as usize) > i && (c as usize) < n;
        n > 0
            && self.nodes.iter().enumerate().all(|(i, node)| match node {
                Node::GoTo(b) | Node::Pickup { b, .. } | Node::Open { b, .. } => bound_ok(b),
                Node::PutNext { moved, fixed, .. } => bound_ok(moved) && bound_ok(fixed),
                Node::And { a, b, .. } | Node::Before { a, b, .. } | Node::After { a, b, .. } => {
                    child_ok(i, *a) && child_ok(i, *b)
                }
            })
    }
}
