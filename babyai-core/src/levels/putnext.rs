//! The PutNext* families (`envs/babyai/putnext.py`) and `MoveTwoAcross*`.

use super::Mission;
use super::goto::desc_of;
use super::roomgrid::{Gen, GenResult};
use crate::instr::Instr;

/// `PutNextLocal`: two of `num_objs` unique objects in one room.
pub fn local(g: &mut Gen, num_objs: usize) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    let objs = g.add_distractors(None, None, num_objs, true)?;
    g.check_objs_reachable()?;
    let pick = g.rng.rand_subset(&objs, 2);
    Ok(Mission::new(Instr::put_next(
        desc_of(g, pick[0]),
        desc_of(g, pick[1]),
    )))
}

/// `PutNext`: objects in two rooms joined by a removed wall; move one across. With
/// `start_carrying` the moved object starts in the agent's hands.
pub fn two_rooms(g: &mut Gen, objs_per_room: usize, start_carrying: bool) -> GenResult<Mission> {
    g.place_agent(Some(0), Some(0))?;
    let l = g.add_distractors(Some(0), Some(0), objs_per_room, true)?;
    let r = g.add_distractors(Some(1), Some(0), objs_per_room, true)?;
    g.remove_wall(0, 0, 0);
    let mut a = g.rng.rand_elem(&l);
    let mut b = g.rng.rand_elem(&r);
    if g.rng.rand_bool() {
        std::mem::swap(&mut a, &mut b);
    }
    let mut m = Mission::new(Instr::put_next(desc_of(g, a), desc_of(g, b)));
    if start_carrying {
        m.carry = Some(a);
    }
    Ok(m)
}

/// `MoveTwoAcross`: two PutNext in sequence across two rooms.
pub fn move_two_across(g: &mut Gen, objs_per_room: usize) -> GenResult<Mission> {
    g.place_agent(Some(0), Some(0))?;
    let l = g.add_distractors(Some(0), Some(0), objs_per_room, true)?;
    let r = g.add_distractors(Some(1), Some(0), objs_per_room, true)?;
    g.remove_wall(0, 0, 0);
    let l = g.rng.rand_subset(&l, 2);
    let r = g.rng.rand_subset(&r, 2);
    Ok(Mission::new(Instr::before(
        Instr::put_next(desc_of(g, l[0]), desc_of(g, r[0])),
        Instr::put_next(desc_of(g, r[1]), desc_of(g, l[1])),
    )))
}
