//! A plain reference model of Minigrid's world rules and egocentric view, for differential
//! testing: cells are Minigrid's `[type, colour, state]` codes in a `Vec`, every rule is
//! written out cell by cell from Minigrid 3.2.0's `MiniGridEnv.step`, `Door.toggle`,
//! `Box.toggle`, `gen_obs_grid` and `Grid.process_vis`. It is slow and shares no code with
//! the engine's fast path ([`crate::BabyEnv::step`], [`crate::view::observe`]), which is
//! why the invariant suite diffs the two after every step
//! ([`super::check_reference_step`]).
//!
//! ```
//! use babyai_core::proptest_support::reference::RefWorld;
//! use babyai_core::{Action, make};
//! let mut level = make("BabyAI-GoToRedBallGrey-v0").unwrap();
//! level.reset(1);
//! let mut model = RefWorld::from_world(level.env().world());
//! for a in [Action::Left, Action::Forward, Action::Pickup, Action::Toggle] {
//!     level.step(a);
//!     model.step(a);
//!     assert_eq!(model, RefWorld::from_world(level.env().world()));
//!     let mut fast = [0u8; 147];
//!     level.env().observe(&mut fast);
//!     assert_eq!(model.observe(), fast);
//! }
//! ```

use crate::Action;
use crate::world::{Cell, World};
use std::collections::BTreeMap;

/// Minigrid's `OBJECT_TO_IDX` codes used here.
const EMPTY: u8 = 1;
const WALL: u8 = 2;
const DOOR: u8 = 4;
const KEY: u8 = 5;
const BALL: u8 = 6;
const BOX: u8 = 7;
/// Minigrid's `STATE_TO_IDX`.
const OPEN: u8 = 0;
const LOCKED: u8 = 2;

/// The world as Minigrid's encoding sees it: every cell's code, the agent's pose, the
/// carried object and every box's contents (by the box's position, or carried).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefWorld {
    /// Grid width.
    pub width: i32,
    /// Grid height.
    pub height: i32,
    /// Row-major cell codes, `cells[y * width + x]`, `[1, 0, 0]` for an empty cell.
    pub cells: Vec<[u8; 3]>,
    /// The agent's position.
    pub agent_pos: (i32, i32),
    /// The agent's direction, 0 = right (+x), 1 = down, 2 = left, 3 = up.
    pub agent_dir: u8,
    /// The carried object's code.
    pub carrying: Option<[u8; 3]>,
    /// The carried box's contents (when the carried object is a box holding something).
    pub carrying_contents: Option<[u8; 3]>,
    /// Contents of the boxes on the grid, by position.
    pub box_contents: BTreeMap<(i32, i32), [u8; 3]>,
}

impl RefWorld {
    /// The model of an engine world.
    pub fn from_world(w: &World) -> RefWorld {
        let g = &w.grid;
        let (width, height) = (g.width(), g.height());
        let mut cells = Vec::with_capacity((width * height) as usize);
        let mut box_contents = BTreeMap::new();
        for y in 0..height {
            for x in 0..width {
                cells.push(g.encode_cell(x, y));
                if let Cell::Obj(id) = g.get(x, y)
                    && let Some(c) = g.obj(id).contains
                {
                    box_contents.insert((x, y), g.obj(c).encode());
                }
            }
        }
        RefWorld {
            width,
            height,
            cells,
            agent_pos: w.agent_pos,
            agent_dir: w.agent_dir as u8,
            carrying: w.carrying.map(|c| g.obj(c).encode()),
            carrying_contents: w
                .carrying
                .and_then(|c| g.obj(c).contains)
                .map(|c| g.obj(c).encode()),
            box_contents,
        }
    }

    /// The code at `(x, y)`; outside the grid a grey wall, as Minigrid's slicing pads.
    pub fn get(&self, x: i32, y: i32) -> [u8; 3] {
        if x < 0 || y < 0 || x >= self.width || y >= self.height {
            [WALL, 5, 0]
        } else {
            self.cells[(y * self.width + x) as usize]
        }
    }

    fn set(&mut self, (x, y): (i32, i32), code: [u8; 3]) {
        self.cells[(y * self.width + x) as usize] = code;
    }

    /// `DIR_TO_VEC[agent_dir]`.
    fn dir_vec(&self) -> (i32, i32) {
        [(1, 0), (0, 1), (-1, 0), (0, -1)][usize::from(self.agent_dir & 3)]
    }

    /// The cell in front of the agent.
    pub fn front(&self) -> (i32, i32) {
        let (dx, dy) = self.dir_vec();
        (self.agent_pos.0 + dx, self.agent_pos.1 + dy)
    }

    /// Minigrid's `step` on the world (the mission, reward and step count are not modelled).
    pub fn step(&mut self, action: Action) {
        let fwd = self.front();
        let cell = self.get(fwd.0, fwd.1);
        let empty = cell[0] == EMPTY;
        match action {
            Action::Left => self.agent_dir = (self.agent_dir + 3) % 4,
            Action::Right => self.agent_dir = (self.agent_dir + 1) % 4,
            Action::Forward => {
                // `fwd_cell is None or fwd_cell.can_overlap()`: only open doors overlap.
                if empty || (cell[0] == DOOR && cell[2] == OPEN) {
                    self.agent_pos = fwd;
                }
            }
            Action::Pickup => {
                if matches!(cell[0], KEY | BALL | BOX) && self.carrying.is_none() {
                    self.carrying = Some(cell);
                    self.carrying_contents = self.box_contents.remove(&fwd);
                    self.set(fwd, [EMPTY, 0, 0]);
                }
            }
            Action::Drop => {
                if empty && let Some(c) = self.carrying.take() {
                    self.set(fwd, c);
                    if let Some(inner) = self.carrying_contents.take() {
                        self.box_contents.insert(fwd, inner);
                    }
                }
            }
            Action::Toggle => match cell[0] {
                DOOR if cell[2] == LOCKED => {
                    // Only a same-colour key in hand unlocks (and opens); else nothing.
                    let key = self
                        .carrying
                        .is_some_and(|k| k[0] == KEY && k[1] == cell[1]);
                    let next = if key { OPEN } else { LOCKED };
                    self.set(fwd, [DOOR, cell[1], next]);
                }
                DOOR => self.set(fwd, [DOOR, cell[1], if cell[2] == OPEN { 1 } else { 0 }]),
                BOX => {
                    let inner = self.box_contents.remove(&fwd).unwrap_or([EMPTY, 0, 0]);
                    self.set(fwd, inner);
                }
                _ => {}
            },
            Action::Done => {}
        }
    }

    /// Minigrid's 7x7 `gen_obs` image (`[x][y][channel]`, unseen cells all zero).
    pub fn observe(&self) -> [u8; 147] {
        const V: i32 = 7;
        let (fx, fy) = self.dir_vec();
        let (rx, ry) = (-fy, fx);
        let mut view = [[[0u8; 3]; 7]; 7];
        for vx in 0..V {
            for vy in 0..V {
                let (side, ahead) = (vx - V / 2, V - 1 - vy);
                let x = self.agent_pos.0 + side * rx + ahead * fx;
                let y = self.agent_pos.1 + side * ry + ahead * fy;
                view[vx as usize][vy as usize] = self.get(x, y);
            }
        }
        view[3][6] = self.carrying.unwrap_or([EMPTY, 0, 0]);
        let see_behind = |c: [u8; 3]| !(c[0] == WALL || (c[0] == DOOR && c[2] != OPEN));
        let mut mask = [[false; 7]; 7];
        mask[3][6] = true;
        for j in (0..7).rev() {
            for i in 0..6 {
                if !mask[i][j] || !see_behind(view[i][j]) {
                    continue;
                }
                mask[i + 1][j] = true;
                if j > 0 {
                    mask[i + 1][j - 1] = true;
                    mask[i][j - 1] = true;
                }
            }
            for i in (1..7).rev() {
                if !mask[i][j] || !see_behind(view[i][j]) {
                    continue;
                }
                mask[i - 1][j] = true;
                if j > 0 {
                    mask[i - 1][j - 1] = true;
                    mask[i][j - 1] = true;
                }
            }
        }
        let mut out = [0u8; 147];
        for i in 0..7 {
            for j in 0..7 {
                if mask[i][j] {
                    out[(i * 7 + j) * 3..][..3].copy_from_slice(&view[i][j]);
                }
            }
        }
        out
    }
}
