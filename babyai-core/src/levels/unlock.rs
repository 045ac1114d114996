//! The Unlock* families (`envs/babyai/unlock.py`): Unlock, UnlockLocal, KeyInBox,
//! UnlockPickup, BlockedUnlockPickup, UnlockToUnlock.

use super::Mission;
use super::goto::{desc_of, locked_room_with_key, place_agent_outside};
use super::roomgrid::{Gen, GenResult};
use crate::instr::{Instr, ObjDesc};
use crate::world::{COLOR_NAMES, Cell, Color, Obj, ObjKind};

fn open_any_door() -> Instr {
    Instr::open(ObjDesc::new(Some(ObjKind::Door), None))
}

fn pickup_kind(kind: ObjKind) -> Instr {
    Instr::pickup(ObjDesc::new(Some(kind), None))
}

/// `Unlock`: open a locked door whose key lies elsewhere.
pub fn unlock(g: &mut Gen) -> GenResult<Mission> {
    let (locked, door) = locked_room_with_key(g)?;
    let dcolor = g.obj(door).color;
    if g.rng.rand_bool() {
        let colors: Vec<Color> = COLOR_NAMES
            .iter()
            .copied()
            .filter(|&c| c != dcolor)
            .collect();
        g.connect_all(&colors)?;
    } else {
        g.connect_all(&COLOR_NAMES)?;
    }
    // Minigrid's `i is not id or j is not jd` is always true (int vs numpy integer
    // identity): every room, the locked one too, gets distractors.
    for i in 0..g.num_cols {
        for j in 0..g.num_rows {
            g.add_distractors(Some(i), Some(j), 3, false)?;
        }
    }
    place_agent_outside(g, locked)?;
    g.check_objs_reachable()?;
    Ok(Mission::new(Instr::open(desc_of(g, door))))
}

/// `UnlockLocal`: the key is in the agent's room.
pub fn local(g: &mut Gen, distractors: bool) -> GenResult<Mission> {
    let (door, _) = g.add_door(1, 1, None, None, Some(true));
    let color = g.obj(door).color;
    g.add_object(1, 1, Some(ObjKind::Key), Some(color))?;
    if distractors {
        g.add_distractors(Some(1), Some(1), 3, true)?;
    }
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(open_any_door()))
}

/// `KeyInBox`: the key is inside a box.
pub fn key_in_box(g: &mut Gen) -> GenResult<Mission> {
    let (door, _) = g.add_door(1, 1, None, None, Some(true));
    let color = g.obj(door).color;
    let key = g.grid_mut().add_obj(Obj::new(ObjKind::Key, color));
    let box_color = g.rand_color();
    let mut b = Obj::new(ObjKind::Box, box_color);
    b.contains = Some(key);
    let b = g.grid_mut().add_obj(b);
    g.place_in_room(1, 1, b)?;
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(open_any_door()))
}

/// `UnlockPickup`: a box behind a locked door.
pub fn unlock_pickup(g: &mut Gen, distractors: bool) -> GenResult<Mission> {
    let o = g.add_object(1, 0, Some(ObjKind::Box), None)?;
    let (door, _) = g.add_door(0, 0, Some(0), None, Some(true));
    let color = g.obj(door).color;
    g.add_object(0, 0, Some(ObjKind::Key), Some(color))?;
    if distractors {
        g.add_distractors(None, None, 4, true)?;
    }
    g.place_agent(Some(0), Some(0))?;
    Ok(Mission::new(Instr::pickup(desc_of(g, o))))
}

/// `BlockedUnlockPickup`: as `UnlockPickup`, with a ball blocking the door.
pub fn blocked_unlock_pickup(g: &mut Gen) -> GenResult<Mission> {
    g.add_object(1, 0, Some(ObjKind::Box), None)?;
    let (door, pos) = g.add_door(0, 0, Some(0), None, Some(true));
    let color = g.rand_color();
    // `grid.set` (not `put_obj`): Minigrid leaves this ball's `cur_pos` unset.
    let ball = g.grid_mut().add_obj(Obj::new(ObjKind::Ball, color));
    g.grid_mut().set(pos.0 - 1, pos.1, Cell::Obj(ball));
    let dcolor = g.obj(door).color;
    g.add_object(0, 0, Some(ObjKind::Key), Some(dcolor))?;
    g.place_agent(Some(0), Some(0))?;
    Ok(Mission::new(pickup_kind(ObjKind::Box)))
}

/// `UnlockToUnlock`: two locked doors, the second key behind the first door.
pub fn unlock_to_unlock(g: &mut Gen) -> GenResult<Mission> {
    let colors = g.rng.rand_subset(&COLOR_NAMES, 2);
    g.add_door(0, 0, Some(0), Some(colors[0]), Some(true));
    g.add_object(2, 0, Some(ObjKind::Key), Some(colors[0]))?;
    g.add_door(1, 0, Some(0), Some(colors[1]), Some(true));
    g.add_object(1, 0, Some(ObjKind::Key), Some(colors[1]))?;
    g.add_object(0, 0, Some(ObjKind::Ball), None)?;
    g.place_agent(Some(1), Some(0))?;
    Ok(Mission::new(pickup_kind(ObjKind::Ball)))
}
