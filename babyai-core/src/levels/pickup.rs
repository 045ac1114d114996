//! The Pickup* families (`envs/babyai/pickup.py`) and `OneRoomS*`, `FindObjS*`.

use super::Mission;
use super::instrs::{Desc, GenInstr};
use super::roomgrid::{COLOR_NAMES, Gen, GenResult, Kind, Retry};

fn pickup_obj(g: &Gen, o: u8) -> GenInstr {
    let ob = g.objs[o as usize];
    GenInstr::Pickup(Desc::new(Some(ob.kind), Some(ob.color), None), false)
}

fn pickup_kind(g: &Gen, o: u8) -> GenInstr {
    GenInstr::Pickup(Desc::new(Some(g.objs[o as usize].kind), None, None), false)
}

/// `Pickup`: pick up a random object of a connected maze.
pub fn pickup(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    let objs = g.add_distractors(None, None, 18, false)?;
    g.check_objs_reachable()?;
    let o = g.rng.rand_elem(&objs);
    Ok(Mission::new(pickup_obj(g, o)))
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
    Ok(Mission::new(pickup_obj(g, o)))
}

/// `PickupDist`: describe a random object by type, colour or both.
pub fn dist(g: &mut Gen, debug: bool) -> GenResult<Mission> {
    let objs = g.add_distractors(None, None, 5, true)?;
    g.place_agent(Some(0), Some(0))?;
    let o = g.objs[g.rng.rand_elem(&objs) as usize];
    let (mut kind, mut color) = (Some(o.kind), Some(o.color));
    match g.rng.rand_int(0, 3) {
        0 => color = None,
        1 => kind = None,
        _ => {}
    }
    Ok(Mission::new(GenInstr::Pickup(
        Desc::new(kind, color, None),
        debug,
    )))
}

/// `PickupAbove`: the object is in the room above the agent's.
pub fn above(g: &mut Gen) -> GenResult<Mission> {
    let (o, _) = g.add_object(1, 0, None, None)?;
    g.add_door(1, 1, Some(3), None, Some(false));
    g.place_agent(Some(1), Some(1))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(pickup_obj(g, o)))
}

/// `OneRoomS*`: a ball in one room.
pub fn one_room(g: &mut Gen) -> GenResult<Mission> {
    let (o, _) = g.add_object(0, 0, Some(Kind::Ball), None)?;
    g.place_agent(None, None)?;
    Ok(Mission::new(pickup_kind(g, o)))
}

/// `FindObjS*`: an object in a random room, the agent in the middle.
pub fn find_obj(g: &mut Gen) -> GenResult<Mission> {
    // Minigrid draws `i` over rows and `j` over columns (harmless on its square grids).
    let i = g.rng.rand_int(0, g.num_rows);
    let j = g.rng.rand_int(0, g.num_cols);
    let (o, _) = g.add_object(i, j, None, None)?;
    g.place_agent(Some(1), Some(1))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(pickup_kind(g, o)))
}

/// `KeyCorridor`: a locked room at the right end of a corridor, the key in a left room.
pub fn key_corridor(g: &mut Gen, obj: Kind) -> GenResult<Mission> {
    for j in 1..g.num_rows {
        g.remove_wall(1, j, 3);
    }
    let room_idx = g.rng.rand_int(0, g.num_rows);
    let (door, _) = g.add_door(2, room_idx, Some(2), None, Some(true));
    let (o, _) = g.add_object(2, room_idx, Some(obj), None)?;
    let kj = g.rng.rand_int(0, g.num_rows);
    let color = g.objs[door as usize].color;
    g.add_object(0, kj, Some(Kind::Key), Some(color))?;
    g.place_agent(Some(1), Some(g.num_rows / 2))?;
    g.connect_all(&COLOR_NAMES)?;
    Ok(Mission::new(pickup_kind(g, o)))
}
