//! Minigrid's `RoomGridLevel.validate_instrs` over the engine's instruction AST.

use super::roomgrid::{Gen, GenResult, Retry};
use crate::instr::{Instr, ObjDesc, Target};
use crate::world::ObjKind;

/// `validate_instrs(instr)`: a PutNext must not match one object on both sides nor start
/// with a moved object next to a fixed position; with `unblocking`, no action may describe a
/// key of a locked door's colour. Failures are `RejectSampling`.
pub fn validate(g: &Gen, instr: &Instr, unblocking: bool) -> GenResult<()> {
    // The locked doors' colours as a bit set (bit `color as u8`).
    let locked = if unblocking {
        g.locked_door_colors_iter()
            .fold(0u8, |m, c| m | (1 << (c as u8)))
    } else {
        0
    };
    validate_rec(g, instr, unblocking, locked)
}

fn validate_rec(g: &Gen, instr: &Instr, unblocking: bool, locked: u8) -> GenResult<()> {
    match instr {
        Instr::And(a, b) | Instr::Before { a, b, .. } | Instr::After { a, b, .. } => {
            validate_rec(g, a, unblocking, locked)?;
            validate_rec(g, b, unblocking, locked)
        }
        Instr::PutNext { moved, fixed, .. } => {
            let mv = moved.find_matching(&g.world);
            let fx = fixed.find_matching(&g.world);
            if mv.set.iter().any(|t| fx.set.contains(t)) {
                return Err(Retry::Reject);
            }
            for t in &mv.set {
                let pa = match *t {
                    Target::Obj(o) => {
                        let p = g.obj(o).cur_pos;
                        (i32::from(p.0), i32::from(p.1))
                    }
                    Target::Wall(x, y) => (i32::from(x), i32::from(y)),
                };
                if fx
                    .poss
                    .iter()
                    .any(|pb| (pa.0 - pb.0).abs() + (pa.1 - pb.1).abs() == 1)
                {
                    return Err(Retry::Reject);
                }
            }
            check_keys(unblocking, locked, &[moved, fixed])
        }
        Instr::GoTo(d) | Instr::Pickup { desc: d, .. } | Instr::Open { desc: d, .. } => {
            check_keys(unblocking, locked, &[d])
        }
    }
}

/// The unblocking rule for one action's descriptors.
fn check_keys(unblocking: bool, locked: u8, descs: &[&ObjDesc]) -> GenResult<()> {
    if unblocking
        && descs.iter().any(|d| {
            d.kind == Some(ObjKind::Key) && d.color.is_some_and(|c| locked & (1 << (c as u8)) != 0)
        })
    {
        return Err(Retry::Reject);
    }
    Ok(())
}
