//! The Open* families (`envs/babyai/open.py`).

use super::Mission;
use super::goto::desc_of;
use super::roomgrid::{Gen, GenResult};
use crate::instr::{Instr, LOC_NAMES, ObjDesc};
use crate::world::{COLOR_NAMES, Color, ObjKind};

fn open_color(color: Color, strict: bool) -> Instr {
    Instr::open(ObjDesc::new(Some(ObjKind::Door), Some(color))).with_strict(strict)
}

/// `Open`: open a random door of a connected maze.
pub fn open(g: &mut Gen) -> GenResult<Mission> {
    g.place_agent(None, None)?;
    g.connect_all(&COLOR_NAMES)?;
    g.add_distractors(None, None, 18, false)?;
    g.check_objs_reachable()?;
    let doors = g.doors_in_slots();
    let d = g.rng.rand_elem(&doors);
    Ok(Mission::new(Instr::open(desc_of(g, d))))
}

/// `OpenRedDoor`.
pub fn red_door(g: &mut Gen) -> GenResult<Mission> {
    g.add_door(0, 0, Some(0), Some(Color::Red), Some(false));
    g.place_agent(Some(0), Some(0))?;
    Ok(Mission::new(open_color(Color::Red, false)))
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
        ObjDesc::new(Some(ObjKind::Door), Some(g.obj(doors[0]).color))
    } else {
        let loc = g.rng.rand_elem(&LOC_NAMES);
        ObjDesc::new(Some(ObjKind::Door), None).with_loc(Some(loc))
    };
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(Instr::open(desc).with_strict(debug)))
}

/// `OpenTwoDoors` (and `OpenRedBlueDoors*`): open the left door, then the right one.
pub fn two_doors(
    g: &mut Gen,
    first: Option<Color>,
    second: Option<Color>,
    strict: bool,
) -> GenResult<Mission> {
    let colors = g.rng.rand_subset(&COLOR_NAMES, 2);
    let c1 = first.unwrap_or(colors[0]);
    let c2 = second.unwrap_or(colors[1]);
    g.add_door(1, 1, Some(2), Some(c1), Some(false));
    g.add_door(1, 1, Some(0), Some(c2), Some(false));
    g.place_agent(Some(1), Some(1))?;
    Ok(Mission::new(Instr::before(
        open_color(c1, strict),
        open_color(c2, false),
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
    let c1 = g.obj(pick[0]).color;
    let c2 = g.obj(pick[1]).color;
    let instr = match g.rng.rand_int(0, 3) {
        0 => open_color(c1, debug),
        1 => Instr::before(open_color(c1, debug), open_color(c2, debug)),
        _ => Instr::after(open_color(c1, debug), open_color(c2, debug)),
    };
    Ok(Mission::new(instr))
}
