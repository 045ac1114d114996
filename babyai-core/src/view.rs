//! The egocentric partial view (Minigrid's `gen_obs_grid` + `encode`).
//!
//! The view is a `V x V` square with the agent at `(V/2, V-1)` looking "up" (-y). View cell
//! `(vx, vy)` shows world cell `agent + (vx - V/2) * right + (V-1 - vy) * forward`, which is
//! what Minigrid's slice-then-rotate produces. Off-grid cells are grey walls. The output
//! layout is Minigrid's `[x][y][c]`: byte `(vx * V + vy) * 3 + c`.

use crate::world::{Cell, Dir, World};

/// BabyAI's view side.
pub const VIEW: usize = 7;

/// Bytes of a 7x7x3 observation.
pub const OBS_LEN: usize = VIEW * VIEW * 3;

/// Largest supported view side for [`observe_with`].
pub const MAX_VIEW: usize = 31;

/// Options of the partial view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ViewOptions {
    /// View side (odd, 3..=[`MAX_VIEW`]); Minigrid's `agent_view_size`.
    pub size: u8,
    /// Minigrid's `see_through_walls` (BabyAI: false, visibility is propagated).
    pub see_through_walls: bool,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            size: VIEW as u8,
            see_through_walls: false,
        }
    }
}

/// An invalid view size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// The size is even, below 3 or above [`MAX_VIEW`].
    BadSize(u8),
    /// The output buffer is not `size * size * 3` bytes long.
    BadBuffer {
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
}

impl core::fmt::Display for ViewError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ViewError::BadSize(s) => write!(f, "view size {s} is not odd in 3..={MAX_VIEW}"),
            ViewError::BadBuffer { expected, got } => {
                write!(f, "observation buffer has {got} bytes, expected {expected}")
            }
        }
    }
}

impl std::error::Error for ViewError {}

/// `(dx, dy)` world offsets of the 49 view cells (index `vx * 7 + vy`), per direction.
const OFFSETS: [[(i8, i8); VIEW * VIEW]; 4] = {
    let mut t = [[(0i8, 0i8); VIEW * VIEW]; 4];
    let mut d = 0;
    while d < 4 {
        let (fx, fy) = Dir::from_idx(d as u8).vec();
        let (rx, ry) = (-fy, fx);
        let mut vx = 0;
        while vx < VIEW {
            let mut vy = 0;
            while vy < VIEW {
                let a = vx as i32 - 3;
                let b = 6 - vy as i32;
                t[d][vx * VIEW + vy] = ((a * rx + b * fx) as i8, (a * ry + b * fy) as i8);
                vy += 1;
            }
            vx += 1;
        }
        d += 1;
    }
    t
};

/// Minigrid's `process_vis` on a `v x v` mask indexed `i * v + j` (`i` = view x),
/// `transparent[i * v + j]` telling whether a cell lets sight through.
#[inline]
fn process_vis(v: usize, transparent: &[bool], mask: &mut [bool]) {
    mask[(v / 2) * v + v - 1] = true;
    for j in (0..v).rev() {
        for i in 0..v - 1 {
            if !mask[i * v + j] || !transparent[i * v + j] {
                continue;
            }
            mask[(i + 1) * v + j] = true;
            if j > 0 {
                mask[(i + 1) * v + j - 1] = true;
                mask[i * v + j - 1] = true;
            }
        }
        for i in (1..v).rev() {
            if !mask[i * v + j] || !transparent[i * v + j] {
                continue;
            }
            mask[(i - 1) * v + j] = true;
            if j > 0 {
                mask[(i - 1) * v + j - 1] = true;
                mask[i * v + j - 1] = true;
            }
        }
    }
}

/// Writes the encoded cell for view index `k` given visibility.
#[inline]
fn write_cell(world: &World, out: &mut [u8], k: usize, agent_k: usize, visible: bool, c: Cell) {
    let enc = if !visible {
        [0, 0, 0]
    } else if k == agent_k {
        match world.carrying {
            Some(id) => world.grid.obj(id).encode(),
            None => [1, 0, 0],
        }
    } else {
        world.grid.encode(c)
    };
    out[k * 3..k * 3 + 3].copy_from_slice(&enc);
}

/// Minigrid's 7x7 BabyAI observation image of `world` into `out` (no allocation).
pub fn observe(world: &World, out: &mut [u8; OBS_LEN]) {
    let offs = &OFFSETS[world.agent_dir as usize];
    let (ax, ay) = world.agent_pos;
    let mut cells = [Cell::Empty; VIEW * VIEW];
    let mut transparent = [false; VIEW * VIEW];
    for k in 0..VIEW * VIEW {
        let (dx, dy) = offs[k];
        let c = world.grid.get(ax + dx as i32, ay + dy as i32);
        cells[k] = c;
        transparent[k] = world.grid.see_behind(c);
    }
    let mut mask = [false; VIEW * VIEW];
    process_vis(VIEW, &transparent, &mut mask);
    let agent_k = 3 * VIEW + 6;
    for k in 0..VIEW * VIEW {
        write_cell(world, out, k, agent_k, mask[k], cells[k]);
    }
}

/// The partial view with other options: any odd size up to [`MAX_VIEW`], and
/// `see_through_walls`. `out` must hold `size * size * 3` bytes. No allocation.
pub fn observe_with(world: &World, opts: ViewOptions, out: &mut [u8]) -> Result<(), ViewError> {
    let v = opts.size as usize;
    if v < 3 || v.is_multiple_of(2) || v > MAX_VIEW {
        return Err(ViewError::BadSize(opts.size));
    }
    if out.len() != v * v * 3 {
        return Err(ViewError::BadBuffer {
            expected: v * v * 3,
            got: out.len(),
        });
    }
    let (fx, fy) = world.agent_dir.vec();
    let (rx, ry) = (-fy, fx);
    let (ax, ay) = world.agent_pos;
    let half = (v / 2) as i32;
    let mut cells = [Cell::Empty; MAX_VIEW * MAX_VIEW];
    let mut transparent = [false; MAX_VIEW * MAX_VIEW];
    let mut mask = [false; MAX_VIEW * MAX_VIEW];
    for vx in 0..v {
        for vy in 0..v {
            let a = vx as i32 - half;
            let b = (v - 1 - vy) as i32;
            let c = world.grid.get(ax + a * rx + b * fx, ay + a * ry + b * fy);
            cells[vx * v + vy] = c;
            transparent[vx * v + vy] = world.grid.see_behind(c);
        }
    }
    if opts.see_through_walls {
        mask[..v * v].fill(true);
    } else {
        process_vis(v, &transparent[..v * v], &mut mask[..v * v]);
    }
    let agent_k = (v / 2) * v + v - 1;
    for k in 0..v * v {
        write_cell(world, out, k, agent_k, mask[k], cells[k]);
    }
    Ok(())
}
