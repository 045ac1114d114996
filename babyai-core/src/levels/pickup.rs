//! The Pickup* families (`envs/babyai/pickup.py`), `OneRoomS*`, `FindObjS*` and
//! `KeyCorridor*` (`envs/babyai/other.py`).

use super::Mission;
use super::goto::desc_of;
use super::roomgrid::{Gen, GenResult, Retry};
use crate::instr::{Instr, ObjDesc};
use crate::world::{COLOR_NAMES, ObjId, ObjKind};

fn pickup_kind(g: &Gen, o: ObjId) -> Instr {
    Instr::pickup(ObjDesc::new(Some(g.obj(o).kind), None))
}

/// `Pickup`: pick up a random object of a connected maze.
pub fn pickup(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    let objs = g.add_distractors(None, None, 18, false)?;
    g.check_objs_reachable()?;
    let o = g.rng.rand_elem(&objs);
    Ok(Mission::new(Instr::pickup(desc_of(g, o))))
}

/// `UnblockPickup`: like `Pickup` but some object must be blocked.
pub fn unblock(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    let objs = g.add_distractors(None, None, 20, false)?;
    if g.objs_reachable() {
        return Err(Retry::Reject);
    }
    let o = g.rng.rand_elem(&objs);
    Ok(Mission::new(Instr::pickup(desc_of(g, o))))
}

/// `PickupDist`: describe a random object by type, colour or both.
pub fn dist(g: &mut Gen, debug: bool) -> GenResult<Mission> {
    let objs = g.add_distractors(None, None, 5, true)?;
    g.place_agent(Some(0), Some(0))?;
    let pick = g.rng.rand_elem(&objs);
    let o = *g.obj(pick);
    let (mut kind, mut color) = (Some(o.kind), Some(o.color));
    match g.rng.rand_int(0, 3) {
        0 => color = None,
        1 => kind = None,
        _ => {}
    }
    Ok(Mission::new(
        Instr::pickup(ObjDesc::new(kind, color)).with_strict(debug),
    ))
}

/// `PickupAbove`: the object is in the room above the agent's.
pub fn above(g: &mut Gen) -> GenResult<Mission> {
    let o = g.add_object(1, 0, None, None)?;
    g.add_door(1, 1, Some(3), None, Some(false));
    g.place_agent(Some(1), Some(1))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(Instr::pickup(desc_of(g, o))))
}

/// `OneRoomS*`: a ball in one room.
pub fn one_room(g: &mut Gen) -> GenResult<Mission> {
    let o = g.add_object(0, 0, Some(ObjKind::Ball), None)?;
    g.place_agent(None, None)?;
    Ok(Mission::new(pickup_kind(g, o)))
}

/// `FindObjS*`: an object in a random room, the agent in the middle.
pub fn find_obj(g: &mut Gen) -> GenResult<Mission> {
    // Minigrid draws `i` over rows and `j` over columns (harmless on its square grids).
    let i = g.rng.rand_int(0, g.num_rows);
    let j = g.rng.rand_int(0, g.num_cols);
    let o = g.add_object(i, j, None, None)?;
    g.place_agent(Some(1), Some(1))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(pickup_kind(g, o)))
}

/// `KeyCorridor`: a locked room at the right end of a corridor, the key in a left room.
pub fn key_corridor(g: &mut Gen, obj: ObjKind) -> GenResult<Mission> {
    for j in 1..g.num_rows {
        g.remove_wall(1, j, 3);
    }
    let room_idx = g.rng.rand_int(0, g.num_rows);
    let (door, _) = g.add_door(2, room_idx, Some(2), None, Some(true));
    let o = g.add_object(2, room_idx, Some(obj), None)?;
    let kj = g.rng.rand_int(0, g.num_rows);
    let color = g.obj(door).color;
    g.add_object(0, kj, Some(ObjKind::Key), Some(color))?;
    g.place_agent(Some(1), Some(g.num_rows / 2))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(pickup_kind(g, o)))
}
