//! `ActionObjDoor` (`envs/babyai/other.py`): go to, pick up or open an object or door.

use super::Mission;
use super::instrs::{Desc, GenInstr};
use super::roomgrid::{Gen, GenResult, Kind};

/// `ActionObjDoor.gen_mission`.
pub fn action_obj_door(g: &mut Gen) -> GenResult<Mission> {
    let mut objs = g.add_distractors(Some(1), Some(1), 5, true)?;
    for _ in 0..4 {
        let (d, _) = g.add_door(1, 1, None, None, Some(false));
        objs.push(d);
    }
    g.place_agent(Some(1), Some(1))?;
    let o = g.objs[g.rng.rand_elem(&objs) as usize];
    let desc = Desc::new(Some(o.kind), Some(o.color), None);
    let first = g.rng.rand_bool();
    let instr = match (o.kind == Kind::Door, first) {
        (_, true) => GenInstr::GoTo(desc),
        (true, false) => GenInstr::Open(desc, false),
        (false, false) => GenInstr::Pickup(desc, false),
    };
    Ok(Mission::new(instr))
}
