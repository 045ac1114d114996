//! `ActionObjDoor` (`envs/babyai/other.py`): go to, pick up or open an object or door.

use super::Mission;
use super::goto::desc_of;
use super::roomgrid::{Gen, GenResult};
use crate::instr::Instr;
use crate::world::ObjKind;

/// `ActionObjDoor.gen_mission`.
pub fn action_obj_door(g: &mut Gen) -> GenResult<Mission> {
    let mut objs = g.add_distractors(Some(1), Some(1), 5, true)?;
    for _ in 0..4 {
        let (d, _) = g.add_door(1, 1, None, None, Some(false));
        objs.push(d);
    }
    g.place_agent(Some(1), Some(1))?;
    let o = g.rng.rand_elem(&objs);
    let desc = desc_of(g, o);
    let is_door = g.obj(o).kind == ObjKind::Door;
    let instr = match (is_door, g.rng.rand_bool()) {
        (_, true) => Instr::go_to(desc),
        (true, false) => Instr::open(desc),
        (false, false) => Instr::pickup(desc),
    };
    Ok(Mission::new(instr))
}
