//! The egocentric partial view (Minigrid's `gen_obs_grid` + `encode`).
//!
//! The view is a `V x V` square with the agent at `(V/2, V-1)` looking "up" (-y). View cell
//! `(vx, vy)` shows world cell `agent + (vx - V/2) * right + (V-1 - vy) * forward`, which is
//! what Minigrid's slice-then-rotate produces. Off-grid cells are grey walls. The output
//! layout is Minigrid's `[x][y][c]`: byte `(vx * V + vy) * 3 + c`.

#[cfg(target_arch = "x86_64")]
use crate::world::codes::{COLOR_BY_NIBBLE, STATE_BY_SLOT, TYPE_BY_SLOT};
use crate::world::codes::{DECODE, PAD, UNSEEN, WALL_CODE};
use crate::world::{Cell, Color, Dir, ObjKind, World};

/// The code tables as the shuffle decode (crate `view-simd`) takes them.
#[cfg(target_arch = "x86_64")]
static SHUFFLE_TABLES: view_simd::Tables = view_simd::Tables {
    types: TYPE_BY_SLOT,
    colors: COLOR_BY_NIBBLE,
    states: STATE_BY_SLOT,
};

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

/// Minigrid's `process_vis` on a `v x v` view, one `u32` per view row `j` (bit `i` = view
/// column `i`): `transparent[j]` tells which cells let sight through; returns the visible
/// cells in the same form (`mask` must be zero on entry).
///
/// Minigrid scans each row left to right, then right to left, from the agent's row upwards;
/// a lit transparent cell lights its neighbour in the scan direction and the two cells
/// above. Within a row that closure lights every maximal run of transparent cells holding
/// an incoming lit cell (the *hit runs*), plus the cell on either side of each, and the
/// row above receives exactly that set: the hit runs and their left and right neighbours.
/// The hit runs are the carry fill upwards from their lowest seed (one addition) joined
/// with an occluded fill downwards from their highest (a Kogge-Stone fill in `log2(v)`
/// rounds), both from the seeds at once, so a row costs a short dependency chain.
#[inline]
fn process_vis(v: usize, transparent: &[u32], mask: &mut [u32]) {
    let full: u32 = if v >= 32 { u32::MAX } else { (1u32 << v) - 1 };
    let mut incoming = 1u32 << (v / 2);
    for j in (0..v).rev() {
        let t = transparent[j] & full;
        let lit = mask[j] | incoming;
        let seeds = lit & t;
        // `t + seeds` cannot overflow 32 bits for rows of at most 31 columns.
        let up = (t.wrapping_add(seeds) ^ t | seeds) & t;
        let mut down = seeds;
        let mut through = t;
        let mut shift = 1;
        while shift < v {
            down |= through & (down >> shift);
            through &= through >> shift;
            shift <<= 1;
        }
        let hit = up | down;
        incoming = hit | ((hit << 1) & full) | (hit >> 1);
        mask[j] = lit | incoming;
    }
}

/// [`process_vis`] for the 7x7 view, one table load per row: `transparent` and the result
/// hold view row `j` in byte `j` (bit `i` = view column `i`; bit 7 of each byte is
/// ignored).
#[inline(always)]
fn process_vis7(transparent: u64) -> u64 {
    let mut incoming = 1u32 << (VIEW / 2);
    let mut mask = 0u64;
    for j in (0..VIEW).rev() {
        let t = (transparent >> (8 * j)) as u32 & 0x7F;
        let next = NEXT_LIT[(t << 7 | incoming) as usize] as u32;
        mask |= ((incoming | next) as u64) << (8 * j);
        incoming = next;
    }
    mask
}

/// `NEXT_LIT[t << 7 | lit]`: for a 7-cell view row with transparent cells `t` and the lit
/// cells `lit` it receives from the row below, the cells it passes to the row above (one
/// row of [`process_vis`]: the transparent runs holding a lit cell, and their neighbours).
/// The row's own visible cells are `lit | NEXT_LIT[..]`. 16 KiB.
static NEXT_LIT: [u8; 1 << 14] = {
    let mut table = [0u8; 1 << 14];
    let full = 0x7Fu32;
    let mut k = 0;
    while k < 1 << 14 {
        let t = (k >> 7) as u32;
        let seeds = k as u32 & t;
        let up = (t.wrapping_add(seeds) ^ t | seeds) & t;
        let mut down = seeds;
        let mut through = t;
        let mut shift = 1;
        while shift < VIEW {
            down |= through & (down >> shift);
            through &= through >> shift;
            shift <<= 1;
        }
        let hit = up | down;
        table[k] = (hit | ((hit << 1) & full) | (hit >> 1)) as u8;
        k += 1;
    }
    table
};

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

/// Whether an encoded cell lets sight through (`see_behind`): not a wall, not a closed or
/// locked door.
#[inline]
fn enc_transparent(e: [u8; 3]) -> bool {
    !(e[0] == 2 || (e[0] == 4 && e[2] != 0))
}

/// Packed encoding of a raw cell: bytes `(type, color, state)` in bits 0..24, and bit 24 set
/// when the cell lets sight through.
const TRANSPARENT: u32 = 1 << 24;

#[inline]
fn pack(e: [u8; 3]) -> u32 {
    let see = if enc_transparent(e) { TRANSPARENT } else { 0 };
    e[0] as u32 | (e[1] as u32) << 8 | (e[2] as u32) << 16 | see
}

/// Minigrid's 7x7 BabyAI observation image of `world` into `out` (no allocation).
///
/// Reads the grid's padded code plane: each of the view's seven lines is one 8-byte load
/// of cell codes (a row off the grid is a constant word of walls), the transparency rows
/// come straight from the codes' opaque bits, visibility is one table load per view row,
/// unseen cells become the code that decodes to `(0, 0, 0)`, and the codes are decoded
/// with byte shuffles on x86_64 CPUs with SSSE3 or AVX2 (detected at run time), else one
/// table load and one 4-byte store per cell.
pub fn observe(world: &World, out: &mut [u8; OBS_LEN]) {
    observe_plane::<true>(world, out);
}

/// [`observe`], decoding with byte shuffles when `SHUFFLE` and the CPU has them (the scalar
/// table decode otherwise, the reference the shuffles are tested against).
#[inline(always)]
fn observe_plane<const SHUFFLE: bool>(world: &World, out: &mut [u8; OBS_LEN]) {
    let grid = &world.grid;
    let (ax, ay) = world.agent_pos;
    if grid.codes_stale() || !grid.in_bounds(ax, ay) {
        observe_decoded(world, out);
        return;
    }
    let codes = grid.codes();
    let stride = grid.stride();
    let h = grid.height() as u32;
    // `lines[l]` byte `i`: for right/left the view column vx = l (byte = vy); for up/down
    // the view row vy = l (byte = vx).
    let (mut lines, across) = match world.agent_dir {
        Dir::Right => (
            load_lines::<false, true>(codes, stride, h, ay - 3, ax - 1),
            false,
        ),
        Dir::Left => (
            load_lines::<true, false>(codes, stride, h, ay - 3, ax - 6),
            false,
        ),
        Dir::Up => (
            load_lines::<false, false>(codes, stride, h, ay - 6, ax - 3),
            true,
        ),
        Dir::Down => (load_lines::<true, true>(codes, stride, h, ay, ax - 4), true),
    };
    #[cfg(target_arch = "x86_64")]
    if SHUFFLE && let Some(simd) = view_simd::Decoder::detect() {
        match simd {
            view_simd::Decoder::Avx2(avx2) => {
                avx2.observe_lines(&SHUFFLE_TABLES, &lines, across, process_vis7, out);
            }
            view_simd::Decoder::Ssse3(ssse3) => {
                mask_lines(&mut lines, across);
                ssse3.write_cells(&SHUFFLE_TABLES, &lines, across, out);
            }
        }
    } else {
        mask_lines(&mut lines, across);
        write_cells_any(&lines, across, out);
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        mask_lines(&mut lines, across);
        write_cells_any(&lines, across, out);
    }
    let agent = match world.carrying {
        Some(id) => grid.obj(id).encode(),
        None => [1, 0, 0],
    };
    let k = (3 * VIEW + 6) * 3;
    out[k..k + 3].copy_from_slice(&agent);
}

/// Every byte's lowest bit.
const LSB: u64 = 0x0101_0101_0101_0101;

/// Multiplier gathering the lowest bit of byte `i` of a word of 0/1 bytes into bit
/// `56 + i`.
const GATHER: u64 = 0x0102_0408_1020_4080;

// Setting a byte's bits all to one turns a code into the unseen code.
const _: () = assert!(UNSEEN == 0xFF);

/// Eight wall codes.
const WALLS: u64 = LSB * WALL_CODE as u64;

/// `SPREAD[m]`: byte `i` is `0xFF` when bit `i` of `m` is set.
static SPREAD: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut m = 0;
    while m < 128 {
        let mut i = 0;
        while i < 7 {
            if m >> i & 1 != 0 {
                t[m] |= 0xFF << (8 * i);
            }
            i += 1;
        }
        m += 1;
    }
    t
};

/// The eight code bytes from column `x0` (`-6 <= x0 <= width - 2`) of the seven rows from
/// `y_lo`: row `y_lo + l` in `lines[l]`, or in `lines[6 - l]` when `REV`, byte-reversed when
/// `SWAP` (walls for rows off the grid; `lines[7]` is 0). When all seven rows are on the
/// grid (the common case) the window is bounds-checked once.
#[inline(always)]
fn load_lines<const REV: bool, const SWAP: bool>(
    codes: &[u8],
    stride: usize,
    h: u32,
    y_lo: i32,
    x0: i32,
) -> [u64; 8] {
    let mut lines = [WALLS; 8];
    lines[VIEW] = 0;
    let mut put = |l: usize, b: Option<&[u8; 8]>| {
        let w = b.map_or(WALLS, |b| u64::from_le_bytes(*b));
        lines[if REV { VIEW - 1 - l } else { l }] = if SWAP { w.swap_bytes() } else { w };
    };
    if y_lo >= 0 && ((y_lo + VIEW as i32 - 1) as u32) < h {
        let start = (PAD as i32 + y_lo * stride as i32 + x0) as usize;
        if let Some(window) = codes.get(start..start + (VIEW - 1) * stride + 8) {
            for l in 0..VIEW {
                put(
                    l,
                    window.get(l * stride..).and_then(<[u8]>::first_chunk::<8>),
                );
            }
        }
    } else {
        for l in 0..VIEW {
            let y = y_lo + l as i32;
            if (y as u32) < h {
                let at = (PAD as i32 + y * stride as i32 + x0) as usize;
                put(l, codes.get(at..).and_then(<[u8]>::first_chunk::<8>));
            }
        }
    }
    lines
}

/// [`write_cells`] for either line layout (`rows`: view rows).
#[inline(always)]
fn write_cells_any(lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    if rows {
        write_cells::<true>(lines, out);
    } else {
        write_cells::<false>(lines, out);
    }
}

/// Computes the visibility of the seven `lines` (view columns, or view rows when `rows`)
/// from their codes' opaque bits and turns every unseen cell's code into [`UNSEEN`].
#[inline(always)]
fn mask_lines(lines: &mut [u64; 8], rows: bool) {
    if !rows {
        // Columns: gather the transparent bits of each column into the row words.
        let mut t = 0u64;
        for (vx, &line) in lines.iter().take(VIEW).enumerate() {
            t |= ((!line >> 7) & LSB) << vx;
        }
        let m = process_vis7(t);
        for (vx, line) in lines.iter_mut().take(VIEW).enumerate() {
            let seen = ((m >> vx) & LSB) * 0xFF;
            *line |= !seen;
        }
    } else {
        let mut t = 0u64;
        for (vy, &line) in lines.iter().take(VIEW).enumerate() {
            t |= (((!line >> 7) & LSB).wrapping_mul(GATHER) >> 56) << (8 * vy);
        }
        let m = process_vis7(t);
        for (vy, line) in lines.iter_mut().take(VIEW).enumerate() {
            *line |= !SPREAD[((m >> (8 * vy)) & 0x7F) as usize];
        }
    }
}

/// Decodes the 49 masked codes into `out` in ascending cell order (each 4-byte store's
/// last byte is overwritten by the next cell). `lines` are view columns (byte = vy), or
/// view rows (byte = vx) when `ROWS`.
#[inline(always)]
fn write_cells<const ROWS: bool>(lines: &[u64; 8], out: &mut [u8; OBS_LEN]) {
    let cell = |vx: usize, vy: usize| -> u32 {
        let code = if ROWS {
            lines[vy] >> (8 * vx)
        } else {
            lines[vx] >> (8 * vy)
        };
        DECODE[(code & 0xFF) as usize]
    };
    // Written out for all 48 cells (a loop is not unrolled, and its index arithmetic
    // costs more than the cells).
    macro_rules! cells {
        ($($k:literal)*) => {$(
            let v = cell($k / VIEW, $k % VIEW);
            out[$k * 3..$k * 3 + 4].copy_from_slice(&v.to_le_bytes());
        )*};
    }
    cells!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23
        24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47);
    let v = cell(VIEW - 1, VIEW - 1).to_le_bytes();
    out[OBS_LEN - 3..].copy_from_slice(&v[..3]);
}

/// The 7x7 view decoded cell by cell from the grid's cells and object table: for a world
/// whose code plane is stale (an object changed through `Grid::obj_mut` and no env
/// step has re-derived the plane yet) or whose agent stands off the grid.
// The view indices (vx, vy) address three differently shaped arrays: plain ranges read best.
#[allow(clippy::needless_range_loop)]
fn observe_decoded(world: &World, out: &mut [u8; OBS_LEN]) {
    let grid = &world.grid;
    let table = grid.obj_table();
    let empty = pack([1, 0, 0]);
    let wall = pack([ObjKind::Wall as u8, Color::Grey as u8, 0]);
    let cells = grid.raw_cells();
    let (w, h) = (grid.width() as u32, grid.height() as u32);
    let offs = &OFFSETS[world.agent_dir as usize];
    let (ax, ay) = world.agent_pos;
    let mut enc = [0u32; VIEW * VIEW];
    let mut transparent = [0u32; VIEW];
    for vx in 0..VIEW {
        for vy in 0..VIEW {
            let k = vx * VIEW + vy;
            let (dx, dy) = offs[k];
            let x = (ax + dx as i32) as u32;
            let y = (ay + dy as i32) as u32;
            let raw = if x < w && y < h {
                cells.get((y * w + x) as usize).copied().unwrap_or(1)
            } else {
                1
            };
            let e = match raw {
                0 => empty,
                1 => wall,
                k => table.get(k as usize - 2).map_or(wall, |o| pack(o.encode())),
            };
            enc[k] = e;
            transparent[vy] |= (e >> 24) << vx;
        }
    }
    let mut mask = [0u32; VIEW];
    process_vis(VIEW, &transparent, &mut mask);
    enc[3 * VIEW + 6] = match world.carrying {
        Some(id) => pack(grid.obj(id).encode()),
        None => pack([1, 0, 0]),
    };
    // Four-byte stores into a scratch image one byte longer than the observation; each
    // cell's fourth byte is overwritten by the next cell.
    let mut image = [0u8; OBS_LEN + 1];
    for vx in 0..VIEW {
        for vy in 0..VIEW {
            let k = vx * VIEW + vy;
            let visible = (mask[vy] >> vx) & 1;
            let val = enc[k] & 0x00FF_FFFF & 0u32.wrapping_sub(visible);
            image[k * 3..k * 3 + 4].copy_from_slice(&val.to_le_bytes());
        }
    }
    out.copy_from_slice(&image[..OBS_LEN]);
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
    let mut transparent = [0u32; MAX_VIEW];
    let mut mask = [0u32; MAX_VIEW];
    for vx in 0..v {
        for vy in 0..v {
            let a = vx as i32 - half;
            let b = (v - 1 - vy) as i32;
            let c = world.grid.get(ax + a * rx + b * fx, ay + a * ry + b * fy);
            cells[vx * v + vy] = c;
            transparent[vy] |= (world.grid.see_behind(c) as u32) << vx;
        }
    }
    if opts.see_through_walls {
        mask[..v].fill(u32::MAX);
    } else {
        process_vis(v, &transparent[..v], &mut mask[..v]);
    }
    let agent_k = (v / 2) * v + v - 1;
    for k in 0..v * v {
        let visible = mask[k % v] >> (k / v) & 1 != 0;
        write_cell(world, out, k, agent_k, visible, cells[k]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::process_vis;

    /// Minigrid's `process_vis`, cell by cell, as the reference.
    fn scalar(v: usize, t: &[Vec<bool>]) -> Vec<Vec<bool>> {
        let mut m = vec![vec![false; v]; v]; // m[i][j]
        m[v / 2][v - 1] = true;
        for j in (0..v).rev() {
            for i in 0..v - 1 {
                if m[i][j] && t[i][j] {
                    m[i + 1][j] = true;
                    if j > 0 {
                        m[i + 1][j - 1] = true;
                        m[i][j - 1] = true;
                    }
                }
            }
            for i in (1..v).rev() {
                if m[i][j] && t[i][j] {
                    m[i - 1][j] = true;
                    if j > 0 {
                        m[i - 1][j - 1] = true;
                        m[i][j - 1] = true;
                    }
                }
            }
        }
        m
    }

    /// The table-driven 7x7 visibility equals `process_vis` on every row pattern.
    #[test]
    fn table_visibility_equals_the_bitwise_one() {
        let mut seed = 0x0F1E_2D3C_4B5A_6978u64;
        for round in 0..200_000u32 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Mostly transparent rows (so light travels far), and every single-row pattern.
            let mut t = (seed >> 8) | (seed >> 16) | (seed >> 24);
            if round < 128 * 7 {
                t = !0 ^ ((round as u64 % 128) << (8 * (round / 128)));
            }
            let rows: Vec<u32> = (0..7).map(|j| (t >> (8 * j)) as u32 & 0x7F).collect();
            let mut want = vec![0u32; 7];
            process_vis(7, &rows, &mut want);
            let got = super::process_vis7(t);
            for (j, &w) in want.iter().enumerate() {
                assert_eq!((got >> (8 * j)) as u32 & 0x7F, w, "t={t:#x} row {j}");
            }
        }
    }

    #[test]
    fn bitwise_visibility_equals_the_sequential_scan() {
        let mut seed = 0x1234_5678_9ABC_DEF0u64;
        for v in [3usize, 5, 7, 9, 11] {
            for _ in 0..2000 {
                let mut t = vec![vec![false; v]; v];
                let mut rows = vec![0u32; v];
                for (i, col) in t.iter_mut().enumerate() {
                    for (j, cell) in col.iter_mut().enumerate() {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        *cell = !(seed >> 33).is_multiple_of(4);
                        rows[j] |= (*cell as u32) << i;
                    }
                }
                let want = scalar(v, &t);
                let mut got = vec![0u32; v];
                process_vis(v, &rows, &mut got);
                for (i, col) in want.iter().enumerate() {
                    for (j, &w) in col.iter().enumerate() {
                        assert_eq!(got[j] >> i & 1 != 0, w, "v={v} i={i} j={j}");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod plane_tests {
    use super::{OBS_LEN, observe, observe_decoded, observe_plane};
    use crate::{ACTIONS, LEVEL_IDS, make};

    /// One door object in two cells (possible in Minigrid's grid): toggling it through one
    /// cell changes what the view shows in both.
    #[test]
    fn a_toggled_object_is_redrawn_in_every_cell_holding_it() {
        use crate::instr::{Instr, ObjDesc};
        use crate::world::{Cell, Color, Dir, DoorState, Grid, Obj, ObjKind, RoomLayout, World};
        use crate::{Action, BabyEnv};
        let mut grid = Grid::new(7, 7);
        grid.wall_rect(0, 0, 7, 7);
        let door = grid.put_obj(3, 2, Obj::door(Color::Red, DoorState::Closed));
        grid.set(4, 2, Cell::Obj(door));
        grid.put_obj(1, 1, Obj::new(ObjKind::Ball, Color::Blue));
        let world = World::new(grid, RoomLayout::new(7, 1, 1), (3, 4), Dir::Up);
        let instr = Instr::go_to(ObjDesc::new(Some(ObjKind::Ball), None));
        let mut env = BabyEnv::new(world, instr, None);
        for action in [
            Action::Forward,
            Action::Toggle,
            Action::Toggle,
            Action::Right,
        ] {
            let _ = env.step(action);
            let (mut fast, mut slow) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
            observe(env.world(), &mut fast);
            observe_decoded(env.world(), &mut slow);
            assert_eq!(fast, slow, "after {action:?}");
        }
    }

    /// The code-plane view equals the cell-by-cell one on rollouts of every level.
    #[test]
    fn code_plane_view_equals_the_decoded_view() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for id in LEVEL_IDS {
            let mut level = make(id).unwrap();
            for seed in 0..2 {
                level.reset(seed);
                for _ in 0..150 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let _ = level.step(ACTIONS[(x % 7) as usize]);
                    let world = level.env().world();
                    assert!(!world.grid.codes_stale());
                    let (mut fast, mut slow) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
                    observe(world, &mut fast);
                    observe_decoded(world, &mut slow);
                    assert_eq!(fast, slow, "{id} seed {seed}");
                    observe_plane::<false>(world, &mut slow);
                    assert_eq!(fast, slow, "{id} seed {seed} (scalar decode)");
                }
            }
        }
    }
}

#[cfg(test)]
mod shuffle_tests {
    use super::{OBS_LEN, observe_decoded, observe_plane};
    #[cfg(target_arch = "x86_64")]
    use super::{SHUFFLE_TABLES, mask_lines, process_vis7, write_cells, write_cells_any};
    #[cfg(target_arch = "x86_64")]
    use crate::world::codes::{DECODE, UNSEEN};
    use crate::world::{
        COLORS_BY_IDX, Cell, Dir, DoorState, Grid, Obj, ObjKind, RoomLayout, World,
    };
    use proptest::prelude::*;

    /// A `w x h` grid of random cells (empty, plain walls, and objects of every kind and
    /// colour, doors in every state), from the xorshift state `x`.
    fn random_grid(w: usize, h: usize, x: &mut u64) -> Grid {
        let mut next = move || {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            *x
        };
        let mut grid = Grid::new(w, h);
        for y in 0..h as i32 {
            for xx in 0..w as i32 {
                let r = next();
                let color = COLORS_BY_IDX[(r >> 8) as usize % 6];
                match r % 16 {
                    0..=5 => {}
                    6 | 7 => grid.set(xx, y, Cell::Wall),
                    8..=10 => {
                        let state = DoorState::from_idx((r >> 16) as u8 % 3).unwrap();
                        grid.put_obj(xx, y, Obj::door(color, state));
                    }
                    k => {
                        let kind = [
                            ObjKind::Wall,
                            ObjKind::Floor,
                            ObjKind::Key,
                            ObjKind::Ball,
                            ObjKind::Box,
                            ObjKind::Goal,
                            ObjKind::Lava,
                        ][(k as usize + (r >> 20) as usize) % 7];
                        grid.put_obj(xx, y, Obj::new(kind, color));
                    }
                }
            }
        }
        grid
    }

    /// Asserts that the shuffle decode, the scalar decode and the cell-by-cell view agree
    /// with the agent on every cell of `grid`, facing each way, carrying `carry` or not.
    fn check_all_poses(grid: Grid, carry: Option<Obj>) {
        let (w, h) = (grid.width(), grid.height());
        let mut world = World::new(grid, RoomLayout::new(w as u8, 1, 1), (0, 0), Dir::Up);
        if let Some(o) = carry {
            world.carrying = Some(world.grid.add_obj(o));
        }
        assert!(!world.grid.codes_stale());
        for y in 0..h {
            for x in 0..w {
                for d in 0..4 {
                    world.agent_pos = (x, y);
                    world.agent_dir = Dir::from_idx(d);
                    let mut simd = [0u8; OBS_LEN];
                    let mut scalar = [0u8; OBS_LEN];
                    let mut decoded = [0u8; OBS_LEN];
                    observe_plane::<true>(&world, &mut simd);
                    observe_plane::<false>(&world, &mut scalar);
                    observe_decoded(&world, &mut decoded);
                    assert_eq!(simd, scalar, "{w}x{h} at ({x}, {y}) dir {d}");
                    assert_eq!(simd, decoded, "{w}x{h} at ({x}, {y}) dir {d}");
                }
            }
        }
    }

    #[test]
    fn shuffle_decode_equals_scalar_on_random_worlds() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..300 {
            let w = 3 + round % 13;
            let h = 3 + (round / 13) % 11;
            let grid = random_grid(w, h, &mut x);
            let carry = match round % 4 {
                0 => None,
                1 => Some(Obj::new(ObjKind::Key, COLORS_BY_IDX[round % 6])),
                2 => Some(Obj::new(ObjKind::Box, COLORS_BY_IDX[round % 6])),
                _ => Some(Obj::new(ObjKind::Ball, COLORS_BY_IDX[round % 6])),
            };
            check_all_poses(grid, carry);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn shuffle_decode_equals_scalar(
            w in 3usize..20,
            h in 3usize..20,
            seed in 1u64..u64::MAX,
            carry in proptest::option::of((0u8..3, 0usize..6)),
        ) {
            let mut x = seed;
            let grid = random_grid(w, h, &mut x);
            let carry = carry.map(|(k, c)| {
                let kind = [ObjKind::Key, ObjKind::Ball, ObjKind::Box][k as usize];
                Obj::new(kind, COLORS_BY_IDX[c])
            });
            check_all_poses(grid, carry);
        }
    }

    /// Both shuffle decodes (SSSE3, and AVX2 when the CPU has it) with the real code tables
    /// equal the scalar table decode on random lines of codes (every code, and unseen
    /// cells), in both line layouts, masking included.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn shuffle_variants_equal_the_table_decode() {
        let Some(ssse3) = view_simd::Ssse3::detect() else {
            eprintln!("skipped: this CPU has no SSSE3");
            return;
        };
        let avx2 = view_simd::Avx2::detect();
        let codes: Vec<u8> = (0..=255u8)
            .filter(|&b| DECODE[b as usize] != 0 || b == UNSEEN)
            .collect();
        let mut x = 0x0123_4567_89AB_CDEFu64;
        for _ in 0..5000 {
            let mut lines = [0u64; 8];
            for line in lines.iter_mut().take(7) {
                for i in 0..8 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *line |= (codes[(x % codes.len() as u64) as usize] as u64) << (8 * i);
                }
            }
            for rows in [false, true] {
                let mut masked = lines;
                mask_lines(&mut masked, rows);
                let mut want = [0u8; OBS_LEN];
                write_cells_any(&masked, rows, &mut want);
                let mut got = [0u8; OBS_LEN];
                ssse3.write_cells(&SHUFFLE_TABLES, &masked, rows, &mut got);
                assert_eq!(got, want, "ssse3 rows {rows}");
                if let Some(avx2) = avx2 {
                    avx2.observe_lines(&SHUFFLE_TABLES, &lines, rows, process_vis7, &mut got);
                    assert_eq!(got, want, "avx2 observe_lines rows {rows}");
                    avx2.write_cells(&SHUFFLE_TABLES, &masked, rows, &mut got);
                    assert_eq!(got, want, "avx2 write_cells rows {rows}");
                }
            }
            let (mut want_cols, mut want_rows) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
            write_cells::<false>(&lines, &mut want_cols);
            write_cells::<true>(&lines, &mut want_rows);
            let mut got = [0u8; OBS_LEN];
            ssse3.write_cells(&SHUFFLE_TABLES, &lines, false, &mut got);
            assert_eq!(got, want_cols, "ssse3 columns");
            ssse3.write_cells(&SHUFFLE_TABLES, &lines, true, &mut got);
            assert_eq!(got, want_rows, "ssse3 rows");
        }
    }
}
