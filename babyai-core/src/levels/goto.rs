//! The GoTo* families (`envs/babyai/goto.py`).

use super::Mission;
use super::roomgrid::{Gen, GenResult, Retry};
use crate::instr::{Instr, ObjDesc};
use crate::world::{COLOR_NAMES, Color, ObjId, ObjKind};

/// `ObjDesc(obj.type, obj.color)` of object `o`.
pub(super) fn desc_of(g: &Gen, o: ObjId) -> ObjDesc {
    let ob = g.obj(o);
    ObjDesc::new(Some(ob.kind), Some(ob.color))
}

/// `GoToRedBall` (and, with `grey`, `GoToRedBallGrey`: distractors recoloured grey).
pub fn red_ball(g: &mut Gen, num_dists: usize, grey: bool) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    let o = g.add_object(0, 0, Some(ObjKind::Ball), Some(Color::Red))?;
    let dists = g.add_distractors(None, None, num_dists, false)?;
    if grey {
        for d in dists {
            g.grid_mut().obj_mut(d).color = Color::Grey;
        }
    }
    g.check_objs_reachable()?;
    Ok(Mission::new(Instr::go_to(desc_of(g, o))))
}

/// `GoToObj`: one distractor, go to it.
pub fn obj(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    let objs = g.add_distractors(None, None, 1, true)?;
    Ok(Mission::new(Instr::go_to(desc_of(g, objs[0]))))
}

/// `GoToLocal`: distractors in one room, go to a random one.
pub fn local(g: &mut Gen, num_dists: usize) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    let objs = g.add_distractors(None, None, num_dists, false)?;
    g.check_objs_reachable()?;
    let o = g.rng.rand_elem(&objs);
    Ok(Mission::new(Instr::go_to(desc_of(g, o))))
}

/// `GoTo` (maze of rooms; optionally all doors open).
pub fn maze(g: &mut Gen, num_dists: usize, doors_open: bool) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    let objs = g.add_distractors(None, None, num_dists, false)?;
    g.check_objs_reachable()?;
    let o = g.rng.rand_elem(&objs);
    let instr = Instr::go_to(desc_of(g, o));
    if doors_open {
        g.open_all_doors();
    }
    Ok(Mission::new(instr))
}

/// Adds a locked door to a random room and its key (shared by `GoToImpUnlock` and
/// `Unlock`). Returns the locked room and the door.
pub(super) fn locked_room_with_key(g: &mut Gen) -> GenResult<((usize, usize), ObjId)> {
    let id = g.rng.rand_int(0, g.num_cols);
    let jd = g.rng.rand_int(0, g.num_rows);
    let (door, _) = g.add_door(id, jd, None, None, Some(true));
    let color = g.obj(door).color;
    // Minigrid rejects the locked room with `ik is id and jk is jd`: numpy integers are
    // fresh objects, so `is` is always false and the first draw is always kept (the key
    // may land in the locked room).
    let ik = g.rng.rand_int(0, g.num_cols);
    let jk = g.rng.rand_int(0, g.num_rows);
    g.add_object(ik, jk, Some(ObjKind::Key), Some(color))?;
    Ok(((id, jd), door))
}

/// Places the agent in a random room other than `locked`.
pub(super) fn place_agent_outside(g: &mut Gen, locked: (usize, usize)) -> GenResult<()> {
    loop {
        g.place_agent(None, None)?;
        if g.agent_room() != locked {
            return Ok(());
        }
    }
}

/// `GoToImpUnlock`: the target is in a locked room.
pub fn imp_unlock(g: &mut Gen) -> GenResult<Mission> {
    let ((id, jd), _) = locked_room_with_key(g)?;
    g.connect_all(&COLOR_NAMES)?;
    // `if i is not id or j is not jd` compares a Python int with a numpy integer by
    // identity: always true, so every room (the locked one too) gets distractors.
    for i in 0..g.num_cols {
        for j in 0..g.num_rows {
            g.add_distractors(Some(i), Some(j), 2, false)?;
        }
    }
    place_agent_outside(g, (id, jd))?;
    g.check_objs_reachable()?;
    let objs = g.add_distractors(Some(id), Some(jd), 1, false)?;
    Ok(Mission::new(Instr::go_to(desc_of(g, objs[0]))))
}

/// `GoToRedBlueBall`: exactly one red or blue ball.
pub fn red_blue_ball(g: &mut Gen, num_dists: usize) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    let dists = g.add_distractors(None, None, num_dists, false)?;
    for d in dists {
        let o = g.obj(d);
        if o.kind == ObjKind::Ball && (o.color == Color::Blue || o.color == Color::Red) {
            return Err(Retry::Reject);
        }
    }
    let color = g.rng.rand_elem(&[Color::Red, Color::Blue]);
    let o = g.add_object(0, 0, Some(ObjKind::Ball), Some(color))?;
    g.check_objs_reachable()?;
    Ok(Mission::new(Instr::go_to(desc_of(g, o))))
}

/// `GoToDoor`: four doors around the middle room.
pub fn door(g: &mut Gen) -> GenResult<Mission> {
    let mut doors = Vec::with_capacity(4);
    for _ in 0..4 {
        let (d, _) = g.add_door(1, 1, None, None, None);
        doors.push(d);
    }
    g.place_agent(Some(1), Some(1))?;
    let d = g.rng.rand_elem(&doors);
    Ok(Mission::new(Instr::go_to(desc_of(g, d))))
}

/// `GoToObjDoor`: objects and four doors in the middle room.
pub fn obj_door(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(Some(1), Some(1))?;
    let mut objs = g.add_distractors(Some(1), Some(1), 8, false)?;
    for _ in 0..4 {
        let (d, _) = g.add_door(1, 1, None, None, None);
        objs.push(d);
    }
    g.check_objs_reachable()?;
    let o = g.rng.rand_elem(&objs);
    Ok(Mission::new(Instr::go_to(desc_of(g, o))))
}
