//! The Open* families (`envs/babyai/open.py`).

use super::Mission;
use super::instrs::{Desc, GenInstr, LOC_NAMES, Loc};
use super::roomgrid::{COLOR_NAMES, ColorIdx, Gen, GenResult, Kind};

fn open_color(color: ColorIdx, strict: bool) -> GenInstr {
    GenInstr::Open(Desc::new(Some(Kind::Door), Some(color), None), strict)
}

/// `Open`: open a random door of a connected maze.
pub fn open(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    g.add_distractors(None, None, 18, false)?;
    g.check_objs_reachable()?;
    let doors = g.doors_in_slots();
    let d = g.rng.rand_elem(&doors);
    Ok(Mission::new(open_color(g.objs[d as usize].color, false)))
}

/// `OpenRedDoor`.
pub fn red_door(g: &mut Gen) -> GenResult<Mission> {
    g.add_door(0, 0, Some(0), Some(super::roomgrid::RED), Some(false));
    g.place_agent(Some(0), Some(0))?;
    Ok(Mission::new(open_color(super::roomgrid::RED, false)))
}

/// How `OpenDoor` describes its door.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectBy {
    /// Drawn per episode.
    Random,
    /// By colour.
    Color,
    /// By location.
    Loc,
}

/// `OpenDoor`: four doors of distinct colours; describe the first by colour or location.
pub fn door(g: &mut Gen, debug: bool, select_by: SelectBy) -> GenResult<Mission> {
    let colors = g.rng.rand_subset(&COLOR_NAMES, 4);
    let mut doors = Vec::with_capacity(4);
    for (i, c) in colors.iter().enumerate() {
        let (d, _) = g.add_door(1, 1, Some(i), Some(*c), Some(false));
        doors.push(d);
    }
    let by_color = match select_by {
        SelectBy::Color => true,
        SelectBy::Loc => false,
        SelectBy::Random => g.rng.rand_bool(),
    };
    let desc = if by_color {
        Desc::new(
            Some(Kind::Door),
            Some(g.objs[doors[0] as usize].color),
            None,
        )
    } else {
        let loc: Loc = g.rng.rand_elem(&LOC_NAMES);
        Desc::new(Some(Kind::Door), None, Some(loc))
    };
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(GenInstr::Open(desc, debug)))
}

/// `OpenTwoDoors` (and `OpenRedBlueDoors*`): open the left door, then the right one.
pub fn two_doors(
    g: &mut Gen,
    first: Option<ColorIdx>,
    second: Option<ColorIdx>,
    strict: bool,
) -> GenResult<Mission> {
    let colors = g.rng.rand_subset(&COLOR_NAMES, 2);
    let c1 = first.unwrap_or(colors[0]);
    let c2 = second.unwrap_or(colors[1]);
    g.add_door(1, 1, Some(2), Some(c1), Some(false));
    g.add_door(1, 1, Some(0), Some(c2), Some(false));
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(GenInstr::Before(
        Box::new(open_color(c1, strict)),
        Box::new(open_color(c2, false)),
    )))
}

/// `OpenDoorsOrder`: `num_doors` doors; open one, or two in an order.
pub fn doors_order(g: &mut Gen, num_doors: usize, debug: bool) -> GenResult<Mission> {
    let colors = g.rng.rand_subset(&COLOR_NAMES, num_doors);
    let mut doors = Vec::with_capacity(num_doors);
    for c in &colors {
        let (d, _) = g.add_door(1, 1, None, Some(*c), Some(false));
        doors.push(d);
    }
    g.place_agent(Some(1), Some(1))?;
    let pick = g.rng.rand_subset(&doors, 2);
    let c1 = g.objs[pick[0] as usize].color;
    let c2 = g.objs[pick[1] as usize].color;
    let instr = match g.rng.rand_int(0, 3) {
        0 => open_color(c1, debug),
        1 => GenInstr::Before(
            Box::new(open_color(c1, debug)),
            Box::new(open_color(c2, debug)),
        ),
        _ => GenInstr::After(
            Box::new(open_color(c1, debug)),
            Box::new(open_color(c2, debug)),
        ),
    };
    Ok(Mission::new(instr))
}
