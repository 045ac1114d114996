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

use super::codes::{self, DOOR, EMPTY, ImageError, ObjCode, UNSEEN, WALL};
use super::{AGENT_X, AGENT_Y, VIEW_LEN, VIEW_SIZE};
use crate::number::{push_uint, steps};

const CELLS: usize = VIEW_SIZE * VIEW_SIZE;

/// Appends Gridhouse's informative description of `image` to `out`: one sentence per line,
/// joined by `"\n"` with no trailing line break (see the [module docs](self) for the rules).
/// Returns the number of lines written. Nothing is allocated beyond `out`'s growth; on an
/// invalid image nothing is written.
pub fn describe_full(image: &[u8; VIEW_LEN], out: &mut String) -> Result<usize, ImageError> {
    codes::validate_image(image)?;
    let mut lines = Lines { out, n: 0 };

    // What is carried.
    let held = codes::kind_at(image, AGENT_X, AGENT_Y);
    let o = lines.start();
    o.push_str("You carry ");
    if codes::is_described(held) {
        push_object(o, codes::code_at(image, AGENT_X, AGENT_Y));
    } else {
        o.push_str("nothing");
    }
    o.push('.');

    // The cell the agent acts on.
    let o = lines.start();
    o.push_str("In front of you: ");
    match codes::kind_at(image, AGENT_X, AGENT_Y - 1) {
        UNSEEN => o.push_str("something you cannot see"),
        EMPTY => o.push_str("nothing"),
        WALL => o.push_str("a wall"),
        _ => push_object(o, codes::code_at(image, AGENT_X, AGENT_Y - 1)),
    }
    o.push('.');

    // Objects, nearest first.
    let mut objects = [(0u8, 0u8); CELLS];
    let mut count = 0;
    for x in 0..VIEW_SIZE {
        for y in 0..VIEW_SIZE {
            if (x, y) != (AGENT_X, AGENT_Y) && codes::is_described(codes::kind_at(image, x, y)) {
                objects[count] = (distance(x, y), (x * VIEW_SIZE + y) as u8);
                count += 1;
            }
        }
    }
    let objects = &mut objects[..count];
    objects.sort_unstable();
    for &(_, cell) in objects.iter() {
        let (x, y) = (usize::from(cell) / VIEW_SIZE, usize::from(cell) % VIEW_SIZE);
        let o = lines.start();
        o.push_str("You see ");
        push_object(o, codes::code_at(image, x, y));
        o.push(' ');
        push_where(o, x, y);
        o.push('.');
    }

    // Walls, as runs.
    let mut runs = [Run::default(); 2 * CELLS];
    let count = wall_runs(image, &mut runs);
    let runs = &mut runs[..count];
    runs.sort_unstable_by_key(|r| (r.near, r.x0, r.y0, r.x1, r.y1));
    for run in runs.iter() {
        let o = lines.start();
        o.push_str("You see a wall ");
        run.write(o);
        o.push('.');
    }

    // What the visibility mask hides.
    let hidden = (0..VIEW_SIZE)
        .flat_map(|x| (0..VIEW_SIZE).map(move |y| (x, y)))
        .filter(|&(x, y)| codes::kind_at(image, x, y) == UNSEEN)
        .count();
    if hidden > 0 {
        let o = lines.start();
        o.push_str("Hidden from view: ");
        push_uint(o, hidden as u64);
        o.push_str(" of the 49 cells (behind walls or closed doors).");
    }
    Ok(lines.n)
}

/// Line bookkeeping: separates lines with `"\n"` and counts them.
struct Lines<'a> {
    out: &'a mut String,
    n: usize,
}

impl Lines<'_> {
    fn start(&mut self) -> &mut String {
        if self.n > 0 {
            self.out.push('\n');
        }
        self.n += 1;
        self.out
    }
}

/// Steps from the agent to view cell `(x, y)`: sideways plus forward.
fn distance(x: usize, y: usize) -> u8 {
    (x.abs_diff(AGENT_X) + (AGENT_Y - y)) as u8
}

/// `"a red ball"`, `"an open red door"`, `"a locked blue door"`.
fn push_object(out: &mut String, object: ObjCode) {
    let first = if object.kind() == DOOR {
        object.state_name()
    } else {
        object.color_name()
    };
    out.push_str(if starts_with_vowel(first) {
        "an "
    } else {
        "a "
    });
    if object.kind() == DOOR {
        out.push_str(object.state_name());
        out.push(' ');
    }
    out.push_str(object.color_name());
    out.push(' ');
    out.push_str(object.type_name());
}

fn starts_with_vowel(word: &str) -> bool {
    matches!(
        word.as_bytes().first(),
        Some(b'a' | b'e' | b'i' | b'o' | b'u')
    )
}

/// `"2 steps left"`, `"straight ahead"`, `"1 step right"`: a column relative to the agent's.
fn push_side(out: &mut String, x: usize) {
    match x.cmp(&AGENT_X) {
        std::cmp::Ordering::Less => {
            steps(out, (AGENT_X - x) as u64);
            out.push_str(" left");
        }
        std::cmp::Ordering::Equal => out.push_str("straight ahead"),
        std::cmp::Ordering::Greater => {
            steps(out, (x - AGENT_X) as u64);
            out.push_str(" right");
        }
    }
}

/// `"level with you"` or `"3 steps forward"`: a row relative to the agent's.
fn push_ahead(out: &mut String, y: usize) {
    if y == AGENT_Y {
        out.push_str("level with you");
    } else {
        steps(out, (AGENT_Y - y) as u64);
        out.push_str(" forward");
    }
}

/// BALROG's position phrase: `"2 steps forward"`, `"1 step left"`,
/// `"1 step right and 2 steps forward"`.
fn push_where(out: &mut String, x: usize, y: usize) {
    if x != AGENT_X {
        push_side(out, x);
        if y != AGENT_Y {
            out.push_str(" and ");
        }
    }
    if x == AGENT_X || y != AGENT_Y {
        push_ahead(out, y);
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
        let near = (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| distance(x, y)))
            .min()
            .unwrap_or(u8::MAX);
        Run {
            near,
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
                push_side(out, near);
                out.push_str(" to ");
                push_side(out, far);
            } else {
                push_ahead(out, y0);
                out.push_str(", from ");
                push_side(out, x0);
                out.push_str(" to ");
                push_side(out, x1);
            }
        } else {
            // Along the view, near end first.
            push_side(out, x0);
            out.push_str(", from ");
            push_ahead(out, y1);
            out.push_str(" to ");
            push_ahead(out, y0);
        }
    }
}

/// Fills `runs` with the maximal horizontal and vertical runs of two or more wall cells, plus
/// every wall cell in no such run; returns how many were written.
fn wall_runs(image: &[u8; VIEW_LEN], runs: &mut [Run; 2 * CELLS]) -> usize {
    let wall = |x: usize, y: usize| codes::kind_at(image, x, y) == WALL;
    // Bit `x * 7 + y`: the wall cell belongs to a run of two or more.
    let mut covered = 0u64;
    let bit = |x: usize, y: usize| 1u64 << (x * VIEW_SIZE + y);
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
    for x in 0..VIEW_SIZE {
        for y in 0..VIEW_SIZE {
            if wall(x, y) && covered & bit(x, y) == 0 {
                runs[n] = Run::new(x, y, x, y);
                n += 1;
            }
        }
    }
    n
}
