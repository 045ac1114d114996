//! A bound on the work of one goal evaluation, so a hostile game file cannot make every
//! step take exponential time (nested quantifiers over thousands of entities).

use super::G;
use crate::error::LoadError;
use crate::pddl::Pos;

/// Most atom tests one evaluation of a goal may need in the worst case (no pruning). Real
/// ALFWorld goals need a few thousand at most.
pub const MAX_GOAL_WORK: u64 = 1 << 22;

/// Worst-case number of atom tests of one evaluation of `g`.
fn work(g: &G) -> u64 {
    match g {
        G::Const(_) | G::Atom(..) | G::Eq(..) => 1,
        G::And(v) | G::Or(v) => v.iter().fold(0u64, |s, x| s.saturating_add(work(x))),
        G::Not(x) => work(x),
        G::Quant { cands, conj, .. } => {
            let body = conj.iter().fold(1u64, |s, x| s.saturating_add(work(x)));
            cands
                .iter()
                .fold(body, |p, c| p.saturating_mul(c.len().max(1) as u64))
        }
    }
}

/// Refuses goals whose worst-case evaluation exceeds [`MAX_GOAL_WORK`].
pub(super) fn check(root: &G) -> Result<(), LoadError> {
    let w = work(root);
    if w > MAX_GOAL_WORK {
        return Err(LoadError::invalid(
            Pos::default(),
            format!("goal too expensive to evaluate (worst case {w} tests, limit {MAX_GOAL_WORK})"),
        ));
    }
    Ok(())
}
