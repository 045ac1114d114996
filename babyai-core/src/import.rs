//! Building an env from a recorded Minigrid state (the reference traces' reset fields).

use crate::env::BabyEnv;
use crate::instr::{Instr, ParseError, Verifier, parse_mission};
use crate::world::{
    COLORS_BY_IDX, Cell, Color, Dir, DoorState, Grid, MAX_SIDE, Obj, ObjKind, RoomLayout, World,
};

/// One recorded box content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoxContent {
    /// The box's cell, or `None` for the carried box.
    pub pos: Option<(i32, i32)>,
    /// The contained object's encoding `[type, color, state]`.
    pub obj: [u8; 3],
}

/// A Minigrid state as the reference traces record it, in plain Rust values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedState {
    /// Grid width.
    pub width: usize,
    /// Grid height.
    pub height: usize,
    /// Cells `[type, color, state]`, row-major (`y * width + x`); empty is `[1, 0, 0]`.
    pub grid: Vec<[u8; 3]>,
    /// Box contents: the box's cell (`None` for a carried box) and the contained object.
    pub box_contents: Vec<BoxContent>,
    /// Agent cell.
    pub agent_pos: (i32, i32),
    /// Agent direction index (0..4).
    pub agent_dir: u8,
    /// Carried object, if any.
    pub carrying: Option<[u8; 3]>,
    /// Mission text (parsed into the instruction).
    pub mission: String,
    /// Step limit.
    pub max_steps: u32,
    /// Room geometry of the level (see [`crate::level_layout`]).
    pub layout: RoomLayout,
    /// The Minigrid env id, if known (may be empty). It decides the `strict` flags of the
    /// `*Debug` levels, which mission text does not show (see [`debug_level_strictness`]).
    pub env_id: String,
}

/// Sets the `strict` flags Minigrid 3.2.0's `*Debug` levels give their instructions:
/// every Open/Pickup node in `OpenDoorDebug`, `OpenDoorsOrderN2Debug`,
/// `OpenDoorsOrderN4Debug` and `PickupDistDebug`; only the first Open of
/// `OpenRedBlueDoorsDebug`. Sequence nodes are never strict there. Other ids: unchanged.
pub fn debug_level_strictness(env_id: &str, instr: Instr) -> Instr {
    fn all_actions(i: Instr) -> Instr {
        match i {
            Instr::Pickup { desc, .. } => Instr::Pickup { desc, strict: true },
            Instr::Open { desc, .. } => Instr::Open { desc, strict: true },
            Instr::And(a, b) => Instr::And(Box::new(all_actions(*a)), Box::new(all_actions(*b))),
            Instr::Before { a, b, strict } => Instr::Before {
                a: Box::new(all_actions(*a)),
                b: Box::new(all_actions(*b)),
                strict,
            },
            Instr::After { a, b, strict } => Instr::After {
                a: Box::new(all_actions(*a)),
                b: Box::new(all_actions(*b)),
                strict,
            },
            other => other,
        }
    }
    match env_id {
        "BabyAI-OpenDoorDebug-v0"
        | "BabyAI-OpenDoorsOrderN2Debug-v0"
        | "BabyAI-OpenDoorsOrderN4Debug-v0"
        | "BabyAI-PickupDistDebug-v0" => all_actions(instr),
        "BabyAI-OpenRedBlueDoorsDebug-v0" => match instr {
            Instr::Before { a, b, strict } => Instr::Before {
                a: Box::new(a.with_strict(true)),
                b,
                strict,
            },
            other => other,
        },
        _ => instr,
    }
}

/// Why a recorded state cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Width or height outside `1..=MAX_SIDE`, or a grid of the wrong length.
    BadSize(String),
    /// The room layout does not produce this grid size.
    LayoutMismatch {
        /// Grid size recorded.
        grid: (usize, usize),
        /// Grid size the layout gives.
        layout: (i32, i32),
    },
    /// A cell or object encoding that is not a world object.
    BadCell {
        /// Where (`"cell (x, y)"`, `"carrying"`, `"box contents 0"`).
        at: String,
        /// The encoding found.
        code: [u8; 3],
    },
    /// Agent position off the grid or on a cell it cannot occupy, or bad direction.
    BadAgent(String),
    /// A box content points at a cell without a box (or at no carried box).
    BadBoxContents(String),
    /// More objects than a grid can hold.
    TooManyObjects,
    /// A `max_steps` of 0.
    ZeroMaxSteps,
    /// The mission text does not parse.
    Mission(ParseError),
}

impl core::fmt::Display for ImportError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ImportError::BadSize(m) => write!(f, "bad grid size: {m}"),
            ImportError::LayoutMismatch { grid, layout } => write!(
                f,
                "room layout gives a {}x{} grid but the state is {}x{}",
                layout.0, layout.1, grid.0, grid.1
            ),
            ImportError::BadCell { at, code } => {
                write!(f, "{at}: {code:?} is not a world object encoding")
            }
            ImportError::BadAgent(m) => write!(f, "bad agent: {m}"),
            ImportError::BadBoxContents(m) => write!(f, "bad box contents: {m}"),
            ImportError::TooManyObjects => write!(f, "too many objects for one grid"),
            ImportError::ZeroMaxSteps => write!(f, "max_steps must be at least 1"),
            ImportError::Mission(e) => write!(f, "mission: {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Decodes a non-empty, non-wall object encoding.
fn decode_obj(code: [u8; 3], at: impl Fn() -> String) -> Result<Obj, ImportError> {
    let bad = || ImportError::BadCell { at: at(), code };
    let kind = ObjKind::from_idx(code[0]).ok_or_else(bad)?;
    let color: Color = *COLORS_BY_IDX.get(code[1] as usize).ok_or_else(bad)?;
    let door = if kind == ObjKind::Door {
        DoorState::from_idx(code[2]).ok_or_else(bad)?
    } else if code[2] == 0 {
        DoorState::Open
    } else {
        return Err(bad());
    };
    Ok(Obj {
        door,
        ..Obj::new(kind, color)
    })
}

impl BabyEnv {
    /// Builds the env a recorded state describes, binding the parsed mission to it as
    /// Minigrid does at reset. The carried object (only `PutNext*Carrying` levels start
    /// with one) counts as a match of the descriptions it fits, since Minigrid bound the
    /// mission while it was still on the grid. The mission text is kept verbatim.
    pub fn from_recorded_state(s: &RecordedState) -> Result<BabyEnv, ImportError> {
        if s.width == 0 || s.height == 0 || s.width > MAX_SIDE || s.height > MAX_SIDE {
            return Err(ImportError::BadSize(format!("{}x{}", s.width, s.height)));
        }
        if s.grid.len() != s.width * s.height {
            return Err(ImportError::BadSize(format!(
                "{} cells for a {}x{} grid",
                s.grid.len(),
                s.width,
                s.height
            )));
        }
        let lw = (s.layout.width(), s.layout.height());
        if lw != (s.width as i32, s.height as i32) {
            return Err(ImportError::LayoutMismatch {
                grid: (s.width, s.height),
                layout: lw,
            });
        }
        if s.max_steps == 0 {
            return Err(ImportError::ZeroMaxSteps);
        }
        let mut grid = Grid::new(s.width, s.height);
        for y in 0..s.height {
            for x in 0..s.width {
                let code = s.grid[y * s.width + x];
                let (xi, yi) = (x as i32, y as i32);
                match code {
                    [1, 0, 0] => {}
                    [2, 5, 0] => grid.set(xi, yi, Cell::Wall),
                    _ => {
                        let o = decode_obj(code, || format!("cell ({x}, {y})"))?;
                        let id = grid.try_add_obj(o).ok_or(ImportError::TooManyObjects)?;
                        grid.set(xi, yi, Cell::Obj(id));
                        grid.obj_mut(id).cur_pos = (xi as i8, yi as i8);
                    }
                }
            }
        }
        let carrying = match s.carrying {
            None => None,
            Some(code) => {
                let o = decode_obj(code, || "carrying".to_string())?;
                if !o.kind.can_pickup() {
                    return Err(ImportError::BadCell {
                        at: "carrying (not a carriable kind)".to_string(),
                        code,
                    });
                }
                Some(grid.try_add_obj(o).ok_or(ImportError::TooManyObjects)?)
            }
        };
        for (k, bc) in s.box_contents.iter().enumerate() {
            let (pos, code) = (&bc.pos, bc.obj);
            let inner = decode_obj(code, || format!("box contents {k}"))?;
            let holder = match pos {
                Some((x, y)) => grid.obj_at(*x, *y),
                None => carrying,
            };
            let holder = holder
                .filter(|&h| grid.obj(h).kind == ObjKind::Box && grid.obj(h).contains.is_none())
                .ok_or_else(|| {
                    ImportError::BadBoxContents(format!("entry {k}: no empty box at {pos:?}"))
                })?;
            let id = grid.try_add_obj(inner).ok_or(ImportError::TooManyObjects)?;
            grid.obj_mut(holder).contains = Some(id);
        }
        let (ax, ay) = s.agent_pos;
        if !grid.in_bounds(ax, ay) {
            return Err(ImportError::BadAgent(format!(
                "position ({ax}, {ay}) is off the grid"
            )));
        }
        let standable = match grid.get(ax, ay) {
            Cell::Empty => true,
            Cell::Wall => false,
            Cell::Obj(id) => grid.obj(id).can_overlap(),
        };
        if !standable {
            return Err(ImportError::BadAgent(format!(
                "position ({ax}, {ay}) is not a cell the agent can stand on"
            )));
        }
        if s.agent_dir > 3 {
            return Err(ImportError::BadAgent(format!(
                "direction {} (expected 0..=3)",
                s.agent_dir
            )));
        }
        let mut world = World::new(grid, s.layout, (ax, ay), Dir::from_idx(s.agent_dir));
        world.carrying = carrying;
        let instr = parse_mission(&s.mission).map_err(ImportError::Mission)?;
        let instr = debug_level_strictness(&s.env_id, instr);
        let verifier = Verifier::bind_with_carried(&instr, &world);
        Ok(BabyEnv::from_parts(
            world,
            instr,
            verifier,
            s.mission.clone(),
            0,
            s.max_steps,
        ))
    }
}
