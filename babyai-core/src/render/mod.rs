//! Pictures of a BabyAI world, pixel for pixel as Minigrid 3.2.0 draws them.
//!
//! * The full grid ([`FrameOptions::full`]): Minigrid's `render()` with
//!   `render_mode="rgb_array"` is `FrameOptions::default()` (tile size [`TILE_PIXELS`],
//!   the agent's field of view highlighted); `get_frame(highlight, tile_size, False)` is
//!   `FrameOptions::full(tile_size, highlight)`. The carried object is not drawn.
//! * The agent's point of view ([`FrameOptions::pov`]): `get_frame(agent_pov=True)`, the
//!   7x7 view turned so the agent looks up, visible cells highlighted, the carried object
//!   under the agent (BALROG's image observation, tile size 16).
//!
//! Frames are RGB, 3 bytes a pixel, row-major from the top-left pixel (numpy's
//! `(height, width, 3)` uint8 array), written into a buffer the caller owns. A
//! [`Renderer`] keeps a cache of drawn tiles like Minigrid's (keyed by what a tile shows
//! and its size), so once every tile a frame needs has been drawn, rendering is copying
//! rows and allocates nothing ([`Renderer::warm`] draws them all up front).
//!
//! The drawing follows `spec/babyai-render.md` step for step, float rounding included;
//! every frame recorded from Minigrid in the shared reference data is reproduced byte for
//! byte (`tests/render_frames.rs`).
//!
//! ```
//! use babyai_core::render::{FrameOptions, Renderer};
//!
//! let mut env = babyai_core::make("BabyAI-GoToLocal-v0").unwrap();
//! env.reset(1);
//! let mut renderer = Renderer::new();
//! let mut frame = Vec::new();
//! let (w, h) = renderer
//!     .render(env.env().world(), FrameOptions::default(), &mut frame)
//!     .unwrap();
//! assert_eq!((w, h), (256, 256)); // 8x8 cells of 32 px
//! assert_eq!(frame.len(), 256 * 256 * 3);
//! let (w, h) = renderer
//!     .render(env.env().world(), FrameOptions::pov(16), &mut frame)
//!     .unwrap();
//! assert_eq!((w, h), (112, 112)); // 7x7 cells of 16 px
//! ```

mod tile;

use crate::view::{OBS_LEN, VIEW, observe};
use crate::world::{Color, Dir, DoorState, MAX_SIDE, ObjKind, World};
use tile::Canvas;

/// Minigrid's `TILE_PIXELS`: the tile size of `render()`.
pub const TILE_PIXELS: u32 = 32;

/// Largest tile size accepted (a tile's 3x supersampled canvas is `(3 * 256)^2 * 3` bytes).
pub const MAX_TILE_SIZE: u32 = 256;

/// Largest frame accepted, in bytes (`width * height * 3`): 128 MiB, which holds
/// BabyAI's largest grid (22x22) at [`MAX_TILE_SIZE`].
pub const MAX_FRAME_BYTES: u64 = 1 << 27;

/// How many tile sizes a [`Renderer`] keeps cached at once; using one more drops the
/// cache of the size used least recently.
pub const MAX_CACHED_SIZES: usize = 4;

/// What to draw: Minigrid's `get_frame(highlight, tile_size, agent_pov)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FrameOptions {
    /// Pixels per cell side (1..=[`MAX_TILE_SIZE`]).
    pub tile_size: u32,
    /// Full view: highlight the cells the agent sees. Ignored by the agent's view, which
    /// always highlights (as in Minigrid).
    pub highlight: bool,
    /// The agent's 7x7 point of view instead of the full grid.
    pub agent_pov: bool,
}

impl Default for FrameOptions {
    /// Minigrid's `render()`: tile size 32, highlight on, full grid.
    fn default() -> Self {
        FrameOptions::full(TILE_PIXELS, true)
    }
}

impl FrameOptions {
    /// The full grid at `tile_size`, with or without the agent's view highlighted.
    pub const fn full(tile_size: u32, highlight: bool) -> FrameOptions {
        FrameOptions {
            tile_size,
            highlight,
            agent_pov: false,
        }
    }

    /// The agent's point of view at `tile_size` (BALROG uses 16).
    pub const fn pov(tile_size: u32) -> FrameOptions {
        FrameOptions {
            tile_size,
            highlight: true,
            agent_pov: true,
        }
    }
}

/// Why a frame was not drawn. Checked before anything is allocated or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// The tile size is 0 or above [`MAX_TILE_SIZE`].
    BadTileSize(u32),
    /// The frame would be larger than [`MAX_FRAME_BYTES`].
    FrameTooLarge {
        /// Frame width in pixels.
        width: u64,
        /// Frame height in pixels.
        height: u64,
    },
    /// The output slice is not `width * height * 3` bytes long.
    BadBuffer {
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
}

impl core::fmt::Display for RenderError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RenderError::BadTileSize(t) => {
                write!(f, "tile size {t} is not in 1..={MAX_TILE_SIZE}")
            }
            RenderError::FrameTooLarge { width, height } => write!(
                f,
                "a {width}x{height} frame is larger than {MAX_FRAME_BYTES} bytes"
            ),
            RenderError::BadBuffer { expected, got } => {
                write!(f, "frame buffer has {got} bytes, expected {expected}")
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// What one tile shows: the five inputs of Minigrid's `render_tile` besides the size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Tile {
    /// The object: kind, colour and door state (the state counts only for doors), or
    /// `None` for an empty cell.
    pub obj: Option<(ObjKind, Color, DoorState)>,
    /// The agent's direction if the agent is drawn in this cell.
    pub agent: Option<Dir>,
    /// Whether the tile is highlighted (seen by the agent).
    pub highlight: bool,
}

impl Tile {
    /// The tile of an object's 3-byte encoding `(type, colour, state)` as the grid and
    /// the observation give it; `None` for unseen (type 0) or an invalid encoding. Empty
    /// (type 1) is an object-less tile.
    pub fn from_encoding(enc: [u8; 3]) -> Option<Tile> {
        let obj = match enc[0] {
            1 => None,
            t => {
                let kind = ObjKind::from_idx(t)?;
                let color = Color::from_idx(enc[1])?;
                let state = if kind == ObjKind::Door {
                    DoorState::from_idx(enc[2])?
                } else {
                    DoorState::Open
                };
                Some((kind, color, state))
            }
        };
        Some(Tile {
            obj,
            agent: None,
            highlight: false,
        })
    }

    /// The cache slot of this tile (`0..SLOTS`); door state folded away for non-doors.
    fn slot(self) -> usize {
        let obj = match self.obj {
            None => 0,
            Some((kind, color, state)) => {
                let s = if kind == ObjKind::Door {
                    state as usize
                } else {
                    0
                };
                1 + ((kind as usize - 2) * 6 + color as usize) * 3 + s
            }
        };
        let agent = self.agent.map_or(0, |d| d as usize + 1);
        (obj * 5 + agent) * 2 + usize::from(self.highlight)
    }
}

/// Distinct tiles: (empty + 8 kinds x 6 colours x 3 states) x (no agent + 4 directions)
/// x highlight.
const OBJ_SLOTS: usize = 1 + 8 * 6 * 3;
const SLOTS: usize = OBJ_SLOTS * 5 * 2;
const NO_TILE: u32 = u32::MAX;

/// Draws one tile (`tile_size * tile_size * 3` bytes, RGB rows) into `out`, exactly as
/// Minigrid's `Grid.render_tile`. Allocates its scratch canvas; a [`Renderer`] reuses one.
pub fn draw_tile(tile: Tile, tile_size: u32, out: &mut [u8]) -> Result<(), RenderError> {
    check_tile_size(tile_size)?;
    let ts = tile_size as usize;
    if out.len() != ts * ts * 3 {
        return Err(RenderError::BadBuffer {
            expected: ts * ts * 3,
            got: out.len(),
        });
    }
    Canvas::new().draw(tile, ts, out);
    Ok(())
}

fn check_tile_size(tile_size: u32) -> Result<(), RenderError> {
    if tile_size == 0 || tile_size > MAX_TILE_SIZE {
        return Err(RenderError::BadTileSize(tile_size));
    }
    Ok(())
}

/// The size `(width, height)` in pixels of the frame of `world` with `opts`, after
/// checking the tile size and the [`MAX_FRAME_BYTES`] bound. Allocates nothing.
pub fn frame_size(world: &World, opts: FrameOptions) -> Result<(u32, u32), RenderError> {
    check_tile_size(opts.tile_size)?;
    let (cols, rows) = if opts.agent_pov {
        (VIEW as u64, VIEW as u64)
    } else {
        (world.grid.width() as u64, world.grid.height() as u64)
    };
    let (width, height) = (
        cols * u64::from(opts.tile_size),
        rows * u64::from(opts.tile_size),
    );
    if width * height * 3 > MAX_FRAME_BYTES {
        return Err(RenderError::FrameTooLarge { width, height });
    }
    // Both fit in u32: each is at most 64 * 256.
    Ok((width as u32, height as u32))
}

/// The drawn tiles of one tile size.
#[derive(Clone, Debug)]
struct TileCache {
    tile_size: u32,
    /// Offset of each slot's pixels in `pixels`, or [`NO_TILE`].
    offsets: Vec<u32>,
    pixels: Vec<u8>,
    /// Use stamp for dropping the least recently used size.
    used: u64,
}

/// Draws frames, keeping the tiles it has drawn (per tile size, at most
/// [`MAX_CACHED_SIZES`] sizes) for the next frames. A fresh `Renderer` allocates nothing.
#[derive(Clone, Default)]
pub struct Renderer {
    caches: Vec<TileCache>,
    canvas: Option<Canvas>,
    clock: u64,
}

impl core::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sizes: Vec<u32> = self.caches.iter().map(|c| c.tile_size).collect();
        f.debug_struct("Renderer")
            .field("cached_tile_sizes", &sizes)
            .finish_non_exhaustive()
    }
}

impl Renderer {
    /// A renderer with an empty cache.
    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// Draws every possible tile of `tile_size` (about 1,620 tiles, `1620 * 3 *
    /// tile_size^2` bytes), so that no later frame at this size allocates.
    pub fn warm(&mut self, tile_size: u32) -> Result<(), RenderError> {
        check_tile_size(tile_size)?;
        let c = self.cache_index(tile_size);
        let mut kinds: Vec<Option<(ObjKind, Color, DoorState)>> = vec![None];
        for k in 2..=9 {
            let kind = ObjKind::from_idx(k).expect("codes 2..=9 are kinds");
            for color in crate::world::COLORS_BY_IDX {
                for state in [DoorState::Open, DoorState::Closed, DoorState::Locked] {
                    kinds.push(Some((kind, color, state)));
                }
            }
        }
        for obj in kinds {
            for agent in [
                None,
                Some(Dir::Right),
                Some(Dir::Down),
                Some(Dir::Left),
                Some(Dir::Up),
            ] {
                for highlight in [false, true] {
                    self.tile_offset(
                        c,
                        Tile {
                            obj,
                            agent,
                            highlight,
                        },
                    );
                }
            }
        }
        Ok(())
    }

    /// Draws the frame of `world` into `out`, resized to `width * height * 3` bytes (no
    /// allocation when its capacity suffices); returns `(width, height)`.
    pub fn render(
        &mut self,
        world: &World,
        opts: FrameOptions,
        out: &mut Vec<u8>,
    ) -> Result<(u32, u32), RenderError> {
        let (w, h) = frame_size(world, opts)?;
        out.clear();
        out.resize(w as usize * h as usize * 3, 0);
        self.render_into(world, opts, out)
    }

    /// Draws the frame of `world` into `out`, which must be exactly `width * height * 3`
    /// bytes ([`frame_size`]); returns `(width, height)`.
    pub fn render_into(
        &mut self,
        world: &World,
        opts: FrameOptions,
        out: &mut [u8],
    ) -> Result<(u32, u32), RenderError> {
        let (w, h) = frame_size(world, opts)?;
        let expected = w as usize * h as usize * 3;
        if out.len() != expected {
            return Err(RenderError::BadBuffer {
                expected,
                got: out.len(),
            });
        }
        let c = self.cache_index(opts.tile_size);
        let mut obs = [0u8; OBS_LEN];
        observe(world, &mut obs);
        if opts.agent_pov {
            for vy in 0..VIEW {
                for vx in 0..VIEW {
                    let k = (vx * VIEW + vy) * 3;
                    let enc = [obs[k], obs[k + 1], obs[k + 2]];
                    let tile = match Tile::from_encoding(enc) {
                        Some(t) => Tile {
                            highlight: true,
                            agent: (vx == VIEW / 2 && vy == VIEW - 1).then_some(Dir::Up),
                            ..t
                        },
                        // Unseen: an empty, plain tile.
                        None => Tile::default(),
                    };
                    self.blit(c, tile, vx, vy, w as usize, out);
                }
            }
        } else {
            let marks = if opts.highlight {
                seen_cells(world, &obs)
            } else {
                [0u64; MAX_SIDE]
            };
            let grid = &world.grid;
            for y in 0..grid.height() {
                for x in 0..grid.width() {
                    let mut tile = Tile::from_encoding(grid.encode_cell(x, y)).unwrap_or_default();
                    tile.highlight = (marks[y as usize] >> x) & 1 == 1;
                    if (x, y) == world.agent_pos {
                        tile.agent = Some(world.agent_dir);
                    }
                    self.blit(c, tile, x as usize, y as usize, w as usize, out);
                }
            }
        }
        Ok((w, h))
    }

    /// Copies `tile` to cell `(cx, cy)` of a frame `width` pixels wide.
    #[inline]
    fn blit(&mut self, c: usize, tile: Tile, cx: usize, cy: usize, width: usize, out: &mut [u8]) {
        let off = self.tile_offset(c, tile);
        let cache = &self.caches[c];
        let ts = cache.tile_size as usize;
        let row = ts * 3;
        let src = &cache.pixels[off..off + ts * row];
        for (r, line) in src.chunks_exact(row).enumerate() {
            let dst = ((cy * ts + r) * width + cx * ts) * 3;
            out[dst..dst + row].copy_from_slice(line);
        }
    }

    /// The index of the cache for `tile_size`, made (dropping the least recently used one
    /// when [`MAX_CACHED_SIZES`] are held) if needed.
    fn cache_index(&mut self, tile_size: u32) -> usize {
        self.clock += 1;
        let i = match self.caches.iter().position(|c| c.tile_size == tile_size) {
            Some(i) => i,
            None => {
                let fresh = TileCache {
                    tile_size,
                    offsets: vec![NO_TILE; SLOTS],
                    pixels: Vec::new(),
                    used: 0,
                };
                if self.caches.len() < MAX_CACHED_SIZES {
                    self.caches.push(fresh);
                    self.caches.len() - 1
                } else {
                    let (i, _) = self
                        .caches
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, c)| c.used)
                        .expect("MAX_CACHED_SIZES > 0");
                    self.caches[i] = fresh;
                    i
                }
            }
        };
        self.caches[i].used = self.clock;
        i
    }

    /// The offset of `tile`'s pixels in cache `c`, drawing it first if needed.
    fn tile_offset(&mut self, c: usize, tile: Tile) -> usize {
        let slot = tile.slot();
        let cache = &mut self.caches[c];
        if cache.offsets[slot] != NO_TILE {
            return cache.offsets[slot] as usize;
        }
        let ts = cache.tile_size as usize;
        let off = cache.pixels.len();
        cache.pixels.resize(off + ts * ts * 3, 0);
        let canvas = self.canvas.get_or_insert_with(Canvas::new);
        canvas.draw(tile, ts, &mut cache.pixels[off..]);
        // At most SLOTS * 3 * 256^2 bytes, below u32::MAX.
        cache.offsets[slot] = off as u32;
        off
    }
}

/// Minigrid's full-view highlight mask: bit `x` of row `y` is set when the agent sees
/// world cell `(x, y)` (its own cell included), from the observation's visibility.
fn seen_cells(world: &World, obs: &[u8; OBS_LEN]) -> [u64; MAX_SIDE] {
    let mut marks = [0u64; MAX_SIDE];
    let (fx, fy) = world.agent_dir.vec();
    let (rx, ry) = (-fy, fx);
    let (ax, ay) = world.agent_pos;
    for vx in 0..VIEW {
        for vy in 0..VIEW {
            if obs[(vx * VIEW + vy) * 3] == 0 {
                continue; // unseen
            }
            let a = vx as i32 - (VIEW / 2) as i32;
            let b = (VIEW - 1 - vy) as i32;
            let (x, y) = (ax + a * rx + b * fx, ay + a * ry + b * fy);
            if world.grid.in_bounds(x, y) {
                marks[y as usize] |= 1 << x;
            }
        }
    }
    marks
}

#[cfg(test)]
mod tests;
