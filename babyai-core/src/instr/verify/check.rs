//! Structural consistency of a verifier read from an untrusted save file.

use super::{Bound, Node, Target, Verifier};

impl Verifier {
    /// Whether every object the verifier tracks is one of `num_objs` table entries.
    pub(crate) fn refers_within(&self, num_objs: usize) -> bool {
        node_ok(&self.root, num_objs)
    }
}

fn bound_ok(b: &Bound, n: usize) -> bool {
    b.m.set.iter().all(|t| match t {
        Target::Obj(id) => id.index() < n,
        Target::Wall(..) => true,
    })
}

fn node_ok(node: &Node, n: usize) -> bool {
    let pre_ok = |pre: &Option<crate::world::ObjId>| pre.is_none_or(|id| id.index() < n);
    match node {
        Node::GoTo(b) | Node::Open { b, .. } => bound_ok(b, n),
        Node::Pickup { b, pre, .. } => bound_ok(b, n) && pre_ok(pre),
        Node::PutNext {
            moved, fixed, pre, ..
        } => bound_ok(moved, n) && bound_ok(fixed, n) && pre_ok(pre),
        Node::And { a, b, .. } | Node::Before { a, b, .. } | Node::After { a, b, .. } => {
            node_ok(a, n) && node_ok(b, n)
        }
    }
}
