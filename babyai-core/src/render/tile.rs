//! One tile, drawn the way Minigrid 3.2.0's `Grid.render_tile` draws it: shapes filled on a
//! 3x supersampled canvas, the agent triangle, the highlight, then a 3x3 box filter.
//!
//! Every float step follows `spec/babyai-render.md` §4 (f64 sample points by division,
//! truncation to `u8`, the f32 triangle constants, the mean of row means).

use super::Tile;
use crate::world::{Color, Dir, DoorState, ObjKind};

/// Minigrid's fixed supersampling factor (`subdivs`).
pub(super) const SUBDIVS: usize = 3;

type Rgb = [u8; 3];

const BLACK: Rgb = [0, 0, 0];
const GRID_LINE: Rgb = [100, 100, 100];
const AGENT: Rgb = [255, 0, 0];
const LAVA: Rgb = [255, 128, 0];

/// Minigrid's `COLORS` table.
pub(super) const fn rgb(c: Color) -> Rgb {
    match c {
        Color::Red => [255, 0, 0],
        Color::Green => [0, 255, 0],
        Color::Blue => [0, 0, 255],
        Color::Purple => [112, 39, 195],
        Color::Yellow => [255, 255, 0],
        Color::Grey => [100, 100, 100],
    }
}

/// `factor * c` as numpy computes it (f64 product) and stores it into a `uint8` image
/// (truncation).
fn scaled(c: Rgb, factor: f64) -> Rgb {
    c.map(|v| (factor * f64::from(v)) as u8)
}

/// `c / 2` (numpy true division, then truncation).
fn halved(c: Rgb) -> Rgb {
    c.map(|v| (f64::from(v) / 2.0) as u8)
}

/// Minigrid's `highlight_img` on one channel value: `v + 0.3 * (255 - v)`, truncated.
#[inline]
pub(super) fn highlight(v: u8) -> u8 {
    (f64::from(v) + 0.3 * f64::from(255 - v)) as u8
}

/// The supersampled canvas of one tile, `n x n` RGB, with its sample coordinates.
#[derive(Clone)]
pub(super) struct Canvas {
    n: usize,
    px: Vec<u8>,
    /// `(i + 0.5) / n` for `i in 0..n` (one f64 division each, as Minigrid's `fill_coords`).
    coords: Vec<f64>,
}

impl Canvas {
    pub(super) fn new() -> Canvas {
        Canvas {
            n: 0,
            px: Vec::new(),
            coords: Vec::new(),
        }
    }

    /// Clears to black for tiles of `tile_size` pixels.
    fn reset(&mut self, tile_size: usize) {
        let n = tile_size * SUBDIVS;
        if self.n != n {
            self.n = n;
            self.coords.clear();
            self.coords
                .extend((0..n).map(|i| (i as f64 + 0.5) / n as f64));
        }
        self.px.clear();
        self.px.resize(n * n * 3, 0);
    }

    /// Minigrid's `fill_coords`: every sub-pixel whose sample point satisfies `inside`
    /// becomes `color`.
    fn fill(&mut self, color: Rgb, inside: impl Fn(f64, f64) -> bool) {
        let n = self.n;
        for (y, &yf) in self.coords.iter().enumerate() {
            let row = &mut self.px[y * n * 3..(y + 1) * n * 3];
            for (x, &xf) in self.coords.iter().enumerate() {
                if inside(xf, yf) {
                    row[x * 3..x * 3 + 3].copy_from_slice(&color);
                }
            }
        }
    }

    fn rect(&mut self, x0: f64, x1: f64, y0: f64, y1: f64, color: Rgb) {
        self.fill(color, |x, y| x >= x0 && x <= x1 && y >= y0 && y <= y1);
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64, color: Rgb) {
        self.fill(color, |x, y| {
            (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r
        });
    }

    /// Minigrid's `point_in_line` (lava): f32 endpoints and direction, f64 distances.
    fn segment(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, r: f64, color: Rgb) {
        let p0 = (x0 as f32, y0 as f32);
        let p1 = (x1 as f32, y1 as f32);
        let d = (p1.0 - p0.0, p1.1 - p0.1);
        let len = (d.0 * d.0 + d.1 * d.1).sqrt();
        let u = (f64::from(d.0 / len), f64::from(d.1 / len));
        let (p0, len) = ((f64::from(p0.0), f64::from(p0.1)), f64::from(len));
        let (xmin, xmax) = (x0.min(x1) - r, x0.max(x1) + r);
        let (ymin, ymax) = (y0.min(y1) - r, y0.max(y1) + r);
        self.fill(color, |x, y| {
            if x < xmin || x > xmax || y < ymin || y > ymax {
                return false;
            }
            let a = ((x - p0.0) * u.0 + (y - p0.1) * u.1).clamp(0.0, len);
            let (qx, qy) = (x - (p0.0 + a * u.0), y - (p0.1 + a * u.1));
            (qx * qx + qy * qy).sqrt() <= r
        });
    }

    /// The agent triangle pointing in `dir` (Minigrid's `point_in_triangle` wrapped in
    /// `rotate_fn`).
    fn agent(&mut self, dir: Dir) {
        // A, B, C = (0.12, 0.19), (0.87, 0.50), (0.12, 0.81), stored as f32.
        let a = (0.12f32, 0.19f32);
        let b = (0.87f32, 0.50f32);
        let c = (0.12f32, 0.81f32);
        let e0 = (c.0 - a.0, c.1 - a.1);
        let e1 = (b.0 - a.0, b.1 - a.1);
        let d00 = e0.0 * e0.0 + e0.1 * e0.1;
        let d01 = e0.0 * e1.0 + e0.1 * e1.1;
        let d11 = e1.0 * e1.0 + e1.1 * e1.1;
        let inv = f64::from(1.0 / (d00 * d11 - d01 * d01));
        let (d00, d01, d11) = (f64::from(d00), f64::from(d01), f64::from(d11));
        let (e0, e1) = (
            (f64::from(e0.0), f64::from(e0.1)),
            (f64::from(e1.0), f64::from(e1.1)),
        );
        let a = (f64::from(a.0), f64::from(a.1));
        // cos(-theta), sin(-theta) for theta = (pi / 2) * dir, as libm returns them.
        let (cs, sn) = match dir {
            Dir::Right => (1.0, -0.0),
            Dir::Down => (6.123233995736766e-17, -1.0),
            Dir::Left => (-1.0, -1.2246467991473532e-16),
            Dir::Up => (-1.8369701987210297e-16, 1.0),
        };
        self.fill(AGENT, |x, y| {
            let (dx, dy) = (x - 0.5, y - 0.5);
            let xr = (0.5 + dx * cs) - dy * sn;
            let yr = (0.5 + dy * cs) + dx * sn;
            let p = (xr - a.0, yr - a.1);
            let d02 = e0.0 * p.0 + e0.1 * p.1;
            let d12 = e1.0 * p.0 + e1.1 * p.1;
            let u = (d11 * d02 - d01 * d12) * inv;
            let v = (d00 * d12 - d01 * d02) * inv;
            u >= 0.0 && v >= 0.0 && u + v < 1.0
        });
    }

    /// Draws `tile` and box-filters it into `out` (`tile_size * tile_size * 3` bytes).
    pub(super) fn draw(&mut self, tile: Tile, tile_size: usize, out: &mut [u8]) {
        self.reset(tile_size);
        self.rect(0.0, 0.031, 0.0, 1.0, GRID_LINE);
        self.rect(0.0, 1.0, 0.0, 0.031, GRID_LINE);
        if let Some((kind, color, door)) = tile.obj {
            self.object(kind, rgb(color), door);
        }
        if let Some(dir) = tile.agent {
            self.agent(dir);
        }
        if tile.highlight {
            for v in &mut self.px {
                *v = highlight(*v);
            }
        }
        self.downsample(tile_size, out);
    }

    fn object(&mut self, kind: ObjKind, c: Rgb, door: DoorState) {
        match kind {
            ObjKind::Wall | ObjKind::Goal => self.rect(0.0, 1.0, 0.0, 1.0, c),
            ObjKind::Floor => self.rect(0.031, 1.0, 0.031, 1.0, halved(c)),
            ObjKind::Lava => {
                self.rect(0.0, 1.0, 0.0, 1.0, LAVA);
                for i in 0..3 {
                    let lo = 0.3 + 0.2 * f64::from(i);
                    let hi = 0.4 + 0.2 * f64::from(i);
                    self.segment(0.1, lo, 0.3, hi, 0.03, BLACK);
                    self.segment(0.3, hi, 0.5, lo, 0.03, BLACK);
                    self.segment(0.5, lo, 0.7, hi, 0.03, BLACK);
                    self.segment(0.7, hi, 0.9, lo, 0.03, BLACK);
                }
            }
            ObjKind::Ball => self.circle(0.5, 0.5, 0.31, c),
            ObjKind::Key => {
                self.rect(0.50, 0.63, 0.31, 0.88, c);
                self.rect(0.38, 0.50, 0.59, 0.66, c);
                self.rect(0.38, 0.50, 0.81, 0.88, c);
                self.circle(0.56, 0.28, 0.190, c);
                self.circle(0.56, 0.28, 0.064, BLACK);
            }
            ObjKind::Box => {
                self.rect(0.12, 0.88, 0.12, 0.88, c);
                self.rect(0.18, 0.82, 0.18, 0.82, BLACK);
                self.rect(0.16, 0.84, 0.47, 0.53, c);
            }
            ObjKind::Door => match door {
                DoorState::Open => {
                    self.rect(0.88, 1.00, 0.00, 1.00, c);
                    self.rect(0.92, 0.96, 0.04, 0.96, BLACK);
                }
                DoorState::Locked => {
                    self.rect(0.0, 1.0, 0.0, 1.0, c);
                    self.rect(0.06, 0.94, 0.06, 0.94, scaled(c, 0.45));
                    self.rect(0.52, 0.75, 0.50, 0.56, c);
                }
                DoorState::Closed => {
                    self.rect(0.0, 1.0, 0.0, 1.0, c);
                    self.rect(0.04, 0.96, 0.04, 0.96, BLACK);
                    self.rect(0.08, 0.92, 0.08, 0.92, c);
                    self.rect(0.12, 0.88, 0.12, 0.88, BLACK);
                    self.circle(0.75, 0.50, 0.08, c);
                }
            },
        }
    }

    /// Minigrid's `downsample`: per sub-row the f64 mean of three sub-pixels, then the f64
    /// mean of the three row means, truncated.
    fn downsample(&self, tile_size: usize, out: &mut [u8]) {
        let n = self.n;
        for py in 0..tile_size {
            for px in 0..tile_size {
                for k in 0..3 {
                    let row_mean = |r: usize| {
                        let row = &self.px[(py * SUBDIVS + r) * n * 3..];
                        let at = |i: usize| u32::from(row[(px * SUBDIVS + i) * 3 + k]);
                        f64::from(at(0) + at(1) + at(2)) / 3.0
                    };
                    let m = ((row_mean(0) + row_mean(1)) + row_mean(2)) / 3.0;
                    out[(py * tile_size + px) * 3 + k] = m as u8;
                }
            }
        }
    }
}
