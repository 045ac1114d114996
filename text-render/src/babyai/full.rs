//! Gridhouse's own, more informative description of a BabyAI view, for users who are not bound
//! to BALROG compatibility.
//!
//! Differences from BALROG's text ([`super::balrog_text`]):
//!
//! * **Articles**: "an open red door", not "a open red door".
//! * **Every visible wall** is described, not only the first wall on three rays: walls are
//!   summarised as straight runs ("a wall 4 steps forward, from 3 steps left to 3 steps right",
//!   "a wall 2 steps left, from level with you to 5 steps forward"); a wall cell in no run of two
//!   or more is given on its own, with BALROG's position phrase. Walls are no longer hidden by an
//!   object standing in front of them.
//! * **The carried object** is always stated: "You carry a red key." or "You carry nothing.".
//! * **The cell in front** (the one `pick up`, `drop` and `toggle` act on) gets its own line:
//!   "In front of you: a closed red door.", "In front of you: a wall.", "In front of you: nothing.".
//! * **Order**: objects nearest first (by steps left/right plus steps forward), ties left to
//!   right, instead of column by column; wall runs likewise by their nearest cell.
//! * **What is hidden**: "Hidden from view: N of the 49 cells (behind walls or closed doors)."
//!   when the visibility mask hides cells. Nothing is ever "behind" the agent in the view (it
//!   covers only the half plane ahead), so no "behind" position occurs.
//! * Every sentence ends with a full stop, one per line.
//!
//! ```
//! use text_render::babyai::{describe_full, VIEW_LEN};
//!
//! // A fully visible, empty view (every cell `[1, 0, 0]`)...
//! let mut image = [0u8; VIEW_LEN];
//! image.iter_mut().step_by(3).for_each(|t| *t = 1);
//! // ...with an open red door one step left and three steps forward.
//! let door = (2 * 7 + 3) * 3;
//! image[door..door + 3].copy_from_slice(&[4, 0, 0]);
//! let mut out = String::new();
//! describe_full(&image, &mut out).unwrap();
//! assert_eq!(
//!     out,
//!     "You carry nothing.\nIn front of you: nothing.\nYou see an open red door 1 step left and 3 steps forward."
//! );
//! ```

use super::codes::{EMPTY, ImageError, UNSEEN, WALL};
use super::phrases::{self, AHEAD, DOORS_AN, SIDE};
use super::scan::{AGENT, Scan, bit, cells};
use super::{AGENT_X, AGENT_Y, VIEW_LEN, VIEW_SIZE};
use crate::number::push_uint;

const CELLS: usize = VIEW_SIZE * VIEW_SIZE;

/// The longest line but the hidden-cell count: `"You see "`, the longest object phrase
/// (`"an open purple door"`, 20 bytes with `"a locked ..."`), its position and `"."`.
const MAX_LINE: usize = 8 + 20 + 34 + 1;

/// Appends Gridhouse's informative description of `image` to `out`: one sentence per line,
/// joined by `"\n"` with no trailing line break (see the [module docs](self) for the rules).
/// Returns the number of lines written. Nothing is allocated beyond `out`'s growth; on an
/// invalid image nothing is written.
pub fn describe_full(image: &[u8; VIEW_LEN], out: &mut String) -> Result<usize, ImageError> {
    let scan = Scan::new(image)?;
    let objects = scan.described & !AGENT;
    let mut runs = [Run::default(); 2 * CELLS];
    let count = wall_runs(scan.walls, &mut runs);
    let runs = &mut runs[..count];
    out.reserve((3 + objects.count_ones() as usize + runs.len()) * (MAX_LINE + 1) + 64);

    // What is carried.
    out.push_str("You carry ");
    if scan.described & AGENT != 0 {
        out.push_str(phrases::object(
            image,
            AGENT_X * VIEW_SIZE + AGENT_Y,
            DOORS_AN,
        ));
    } else {
        out.push_str("nothing");
    }
    out.push('.');

    // The cell the agent acts on.
    out.push_str("\nIn front of you: ");
    let front = AGENT_X * VIEW_SIZE + AGENT_Y - 1;
    out.push_str(match image[front * 3] {
        UNSEEN => "something you cannot see",
        EMPTY => "nothing",
        WALL => "a wall",
        _ => phrases::object(image, front, DOORS_AN),
    });
    out.push('.');
    let mut lines = 2;

    // Objects, nearest first, ties in cell order (left to right, then far to near).
    for ring in NEAR_FIRST {
        for cell in cells(objects & ring) {
            out.push_str("\nYou see ");
            out.push_str(phrases::object(image, cell, DOORS_AN));
            out.push_str(phrases::WHERE[cell]);
            out.push('.');
        }
    }
    lines += objects.count_ones() as usize;

    // Walls, as runs.
    runs.sort_unstable_by_key(|r| (r.near, r.x0, r.y0, r.x1, r.y1));
    for run in runs.iter() {
        out.push_str("\nYou see a wall ");
        run.write(out);
        out.push('.');
    }
    lines += runs.len();

    // What the visibility mask hides.
    let hidden = scan.unseen().count_ones();
    if hidden > 0 {
        out.push_str("\nHidden from view: ");
        push_uint(out, u64::from(hidden));
        out.push_str(" of the 49 cells (behind walls or closed doors).");
        lines += 1;
    }
    Ok(lines)
}

/// Steps from the agent to view cell `(x, y)`: sideways plus forward.
const fn distance(x: usize, y: usize) -> usize {
    x.abs_diff(AGENT_X) + (AGENT_Y - y)
}

/// The cells at each distance from the agent (0 to 9 steps), as masks.
const NEAR_FIRST: [u64; 10] = {
    let mut rings = [0u64; 10];
    let mut cell = 0;
    while cell < CELLS {
        let (x, y) = (cell / VIEW_SIZE, cell % VIEW_SIZE);
        rings[distance(x, y)] |= bit(x, y);
        cell += 1;
    }
    rings
};

/// BALROG's position phrase: `"2 steps forward"`, `"1 step left"`,
/// `"1 step right and 2 steps forward"`; `"level with you"` for the agent's own cell.
fn push_where(out: &mut String, x: usize, y: usize) {
    match phrases::WHERE[x * VIEW_SIZE + y].strip_prefix(' ') {
        Some(place) => out.push_str(place),
        None => out.push_str(AHEAD[y]),
    }
}
/// A straight run of wall cells from `(x0, y0)` to `(x1, y1)` (a single cell when equal).
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    near: u8,
    x0: u8,
    y0: u8,
    x1: u8,
    y1: u8,
}

impl Run {
    fn new(x0: usize, y0: usize, x1: usize, y1: usize) -> Run {
        // The nearest cell: the column closest to the agent's, the row nearest the agent.
        let near = distance(AGENT_X.clamp(x0, x1), y1);
        Run {
            near: near as u8,
            x0: x0 as u8,
            y0: y0 as u8,
            x1: x1 as u8,
            y1: y1 as u8,
        }
    }

    /// Appends the run's position, after `"a wall "`.
    fn write(&self, out: &mut String) {
        let (x0, y0, x1, y1) = (
            usize::from(self.x0),
            usize::from(self.y0),
            usize::from(self.x1),
            usize::from(self.y1),
        );
        if (x0, y0) == (x1, y1) {
            push_where(out, x0, y0);
        } else if y0 == y1 {
            // Across the view. On the agent's own row the run lies on one side: near end first.
            if y0 == AGENT_Y {
                out.push_str("level with you, from ");
                let (near, far) = if x0 > AGENT_X { (x0, x1) } else { (x1, x0) };
                out.push_str(SIDE[near]);
                out.push_str(" to ");
                out.push_str(SIDE[far]);
            } else {
                out.push_str(AHEAD[y0]);
                out.push_str(", from ");
                out.push_str(SIDE[x0]);
                out.push_str(" to ");
                out.push_str(SIDE[x1]);
            }
        } else {
            // Along the view, near end first.
            out.push_str(SIDE[x0]);
            out.push_str(", from ");
            out.push_str(AHEAD[y1]);
            out.push_str(" to ");
            out.push_str(AHEAD[y0]);
        }
    }
}

/// Fills `runs` with the maximal horizontal and vertical runs of two or more cells of the
/// `walls` mask, plus every wall cell in no such run; returns how many were written.
fn wall_runs(walls: u64, runs: &mut [Run; 2 * CELLS]) -> usize {
    let wall = |x: usize, y: usize| walls & bit(x, y) != 0;
    // The wall cells that belong to a run of two or more.
    let mut covered = 0u64;
    let mut n = 0;
    for y in 0..VIEW_SIZE {
        let mut x = 0;
        while x < VIEW_SIZE {
            let start = x;
            while x < VIEW_SIZE && wall(x, y) {
                x += 1;
            }
            if x - start >= 2 {
                runs[n] = Run::new(start, y, x - 1, y);
                n += 1;
                (start..x).for_each(|cx| covered |= bit(cx, y));
            }
            x += 1;
        }
    }
    for x in 0..VIEW_SIZE {
        let mut y = 0;
        while y < VIEW_SIZE {
            let start = y;
            while y < VIEW_SIZE && wall(x, y) {
                y += 1;
            }
            if y - start >= 2 {
                runs[n] = Run::new(x, start, x, y - 1);
                n += 1;
                (start..y).for_each(|cy| covered |= bit(x, cy));
            }
            y += 1;
        }
    }
    for cell in cells(walls & !covered) {
        runs[n] = Run::new(
            cell / VIEW_SIZE,
            cell % VIEW_SIZE,
            cell / VIEW_SIZE,
            cell % VIEW_SIZE,
        );
        n += 1;
    }
    n
}
