//! BALROG's BabyAI-Text description of a view, word for word.
//!
//! The rules are those of `MiniGridEnv.gen_graph` (language "english") in the Minigrid fork
//! BALROG installs, and of BALROG's `BabyAITextCleanLangWrapper.get_prompt`:
//!
//! 1. `You carry a {color} {type}` if the agent's cell `(3, 6)` holds an object.
//! 2. Walls only on three rays from the agent: forward (column 3), left and right (row 6). Each
//!    ray skips unseen and empty cells and stops at the first other cell; only if that cell is a
//!    wall is `You see a wall {k} step[s] forward|left|right` written. An object or a door in
//!    between hides the wall; walls off the rays are never described.
//! 3. Every other cell that is not unseen, empty or wall, column by column left to right, each
//!    column far to near: `You see a {color} {type} {where}`, doors as
//!    `You see a {open|closed|locked} {color} door {where}` (always "a", so "a open red door").
//!    `{where}` is `{dy} forward`, `{dx} left|right`, or `{dx} left|right and {dy} forward`, each
//!    distance as `1 step` / `N steps`.
//!
//! BALROG's prompt text drops every `"You see "` and joins the lines with `"\n"`.

use super::codes::{self, ImageError, ObjCode, WALL};
use super::phrases;
use super::scan::{AGENT, Scan, bit, cells};
use super::{AGENT_X, AGENT_Y, VIEW_LEN, VIEW_SIZE};
use crate::number::push_uint;

/// A direction along which BALROG looks for a wall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ray {
    /// Up the agent's column.
    Forward,
    /// Along the agent's row, to the left.
    Left,
    /// Along the agent's row, to the right.
    Right,
}

impl Ray {
    /// The word BALROG writes for the ray.
    pub fn word(self) -> &'static str {
        match self {
            Ray::Forward => "forward",
            Ray::Left => "left",
            Ray::Right => "right",
        }
    }

    /// The view cell `k` steps along the ray, if inside the view.
    fn cell(self, k: usize) -> Option<(usize, usize)> {
        match self {
            Ray::Forward => AGENT_Y.checked_sub(k).map(|y| (AGENT_X, y)),
            Ray::Left => AGENT_X.checked_sub(k).map(|x| (x, AGENT_Y)),
            Ray::Right => Some((AGENT_X + k, AGENT_Y)).filter(|&(x, _)| x < VIEW_SIZE),
        }
    }
}

/// One line of BALROG's description, as structured data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sentence {
    /// `You carry a {color} {type}`.
    Carry(ObjCode),
    /// `You see a wall {distance} step[s] {ray}`.
    Wall {
        /// Cells from the agent to the wall (at least 1).
        distance: u8,
        /// The ray the wall was found on.
        ray: Ray,
    },
    /// `You see a {object} {where}`.
    Object {
        /// The object's codes.
        object: ObjCode,
        /// Columns right of the agent (negative: left).
        dx: i8,
        /// Rows ahead of the agent (0 = the agent's row).
        forward: u8,
    },
}

impl Sentence {
    /// Appends the sentence to `out` as BALROG's fork writes it (`"You see ..."`, or
    /// `"You carry ..."`), without a line break.
    pub fn write_description(&self, out: &mut String) {
        if !matches!(self, Sentence::Carry(_)) {
            out.push_str("You see ");
        }
        self.write_prompt(out);
    }

    /// Appends the sentence to `out` as BALROG's prompt shows it (the description with
    /// `"You see "` removed), without a line break.
    pub fn write_prompt(&self, out: &mut String) {
        match *self {
            Sentence::Carry(object) => {
                out.push_str("You carry a ");
                out.push_str(object.color_name());
                out.push(' ');
                out.push_str(object.type_name());
            }
            Sentence::Wall { distance, ray } => {
                out.push_str("a wall ");
                balrog_steps(out, distance);
                out.push(' ');
                out.push_str(ray.word());
            }
            Sentence::Object {
                object,
                dx,
                forward,
            } => {
                out.push_str("a ");
                if object.is_door() {
                    out.push_str(object.state_name());
                    out.push(' ');
                }
                out.push_str(object.color_name());
                out.push(' ');
                out.push_str(object.type_name());
                out.push(' ');
                if dx != 0 {
                    balrog_steps(out, dx.unsigned_abs());
                    out.push_str(if dx > 0 { " right" } else { " left" });
                    if forward > 0 {
                        out.push_str(" and ");
                    }
                }
                if dx == 0 || forward > 0 {
                    balrog_steps(out, forward);
                    out.push_str(" forward");
                }
            }
        }
    }
}

/// BALROG's distance phrase: `"{n} step"`, plural iff `n > 1`.
fn balrog_steps(out: &mut String, n: u8) {
    push_uint(out, u64::from(n));
    out.push_str(if n > 1 { " steps" } else { " step" });
}

/// The lines of BALROG's description of a view, in BALROG's order. Made by [`sentences`].
#[derive(Clone, Debug)]
pub struct Sentences<'a> {
    image: &'a [u8; VIEW_LEN],
    /// 0: carry; 1..=3: the forward, left and right rays; 4: object cells from `cell` on.
    phase: u8,
    /// Next cell index `x * 7 + y` to scan in phase 4.
    cell: u8,
}

/// The sentences of BALROG's description of `image`, after checking every code it will read.
pub fn sentences(image: &[u8; VIEW_LEN]) -> Result<Sentences<'_>, ImageError> {
    codes::validate_image(image)?;
    Ok(Sentences {
        image,
        phase: 0,
        cell: 0,
    })
}

impl Sentences<'_> {
    fn ray(&self, ray: Ray) -> Option<Sentence> {
        let mut k = 1;
        while let Some((x, y)) = ray.cell(k) {
            let kind = codes::kind_at(self.image, x, y);
            if kind > codes::EMPTY {
                return (kind == WALL).then_some(Sentence::Wall {
                    distance: k as u8,
                    ray,
                });
            }
            k += 1;
        }
        None
    }
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        loop {
            match self.phase {
                0 => {
                    self.phase = 1;
                    let kind = codes::kind_at(self.image, AGENT_X, AGENT_Y);
                    if codes::is_described(kind) {
                        return Some(Sentence::Carry(codes::code_at(
                            self.image, AGENT_X, AGENT_Y,
                        )));
                    }
                }
                1..=3 => {
                    let ray = [Ray::Forward, Ray::Left, Ray::Right][usize::from(self.phase - 1)];
                    self.phase += 1;
                    if let Some(s) = self.ray(ray) {
                        return Some(s);
                    }
                }
                _ => {
                    while usize::from(self.cell) < VIEW_SIZE * VIEW_SIZE {
                        let (x, y) = (
                            usize::from(self.cell) / VIEW_SIZE,
                            usize::from(self.cell) % VIEW_SIZE,
                        );
                        self.cell += 1;
                        if (x, y) == (AGENT_X, AGENT_Y)
                            || !codes::is_described(codes::kind_at(self.image, x, y))
                        {
                            continue;
                        }
                        return Some(Sentence::Object {
                            object: codes::code_at(self.image, x, y),
                            dx: x as i8 - AGENT_X as i8,
                            forward: (AGENT_Y - y) as u8,
                        });
                    }
                    return None;
                }
            }
        }
    }
}

/// Appends BALROG's prompt text for `image` to `out`: the observation BALROG gives the LLM
/// (`obs["text"]["long_term_context"]`; the `text`/`reset_text` fields of the reference
/// traces). Lines are joined by `"\n"`, with no trailing line break; a view with nothing to
/// describe adds nothing. Returns the number of lines written.
///
/// The same text as joining the [`sentences`] written by [`Sentence::write_prompt`], made in one
/// pass over the view from precomputed phrases. Nothing is allocated beyond
/// `out`'s growth, reserved once. On an invalid image nothing is written.
pub fn balrog_text(image: &[u8; VIEW_LEN], out: &mut String) -> Result<usize, ImageError> {
    Ok(write::<false>(Scan::new(image)?, image, out))
}

/// Appends the `info["descriptions"]` of BALROG's Minigrid fork for `image` to `out`, one
/// sentence per line (`"You see a wall 2 steps left"`, `"You carry a red key"`), joined by
/// `"\n"` with no trailing line break. Splitting the result on `'\n'` gives the fork's list.
/// Returns the number of lines written; on an invalid image nothing is written.
pub fn balrog_descriptions(image: &[u8; VIEW_LEN], out: &mut String) -> Result<usize, ImageError> {
    Ok(write::<true>(Scan::new(image)?, image, out))
}

/// The cells of the forward ray (column 3, rows 0 to 5) as a mask.
const FORWARD_RAY: u64 = (bit(AGENT_X, AGENT_Y) - 1) & !(bit(AGENT_X, 0) - 1);

/// The cells of the left and right rays, nearest first.
const SIDE_RAYS: [[u64; 3]; 2] = [
    [bit(2, AGENT_Y), bit(1, AGENT_Y), bit(0, AGENT_Y)],
    [bit(4, AGENT_Y), bit(5, AGENT_Y), bit(6, AGENT_Y)],
];

/// The wall that ends a ray whose cells, nearest first, are `ray`: the first cell that is
/// neither unseen nor empty, if it is a wall.
fn ray_wall(scan: &Scan, ray: &[u64]) -> Option<usize> {
    let blocking = scan.walls | scan.described;
    let first = ray.iter().find(|&&cell| blocking & cell != 0)?;
    (scan.walls & first != 0).then(|| first.trailing_zeros() as usize)
}

/// Appends BALROG's description of a scanned view (with `"You see "` when `SEE`); returns
/// the number of lines.
fn write<const SEE: bool>(scan: Scan, image: &[u8; VIEW_LEN], out: &mut String) -> usize {
    let blocking = scan.walls | scan.described;
    // The forward ray's nearest blocking cell is its highest bit.
    let forward = blocking & FORWARD_RAY;
    let forward = (forward != 0)
        .then(|| 63 - forward.leading_zeros() as usize)
        .filter(|&i| scan.walls & (1 << i) != 0);
    let walls = [
        forward,
        ray_wall(&scan, &SIDE_RAYS[0]),
        ray_wall(&scan, &SIDE_RAYS[1]),
    ];
    let objects = scan.described & !AGENT;
    let lines = usize::from(scan.described & AGENT != 0)
        + walls.iter().flatten().count()
        + objects.count_ones() as usize;
    out.reserve(lines * (phrases::MAX_LINE + 1));
    let mut n = 0;
    if scan.described & AGENT != 0 {
        // The carried object is always the first line.
        let i = (AGENT_X * VIEW_SIZE + AGENT_Y) * 3;
        out.push_str("You carry ");
        out.push_str(phrases::OBJECTS[usize::from(image[i])][usize::from(image[i + 1])]);
        n = 1;
    }
    let mut line = |out: &mut String| {
        if n > 0 {
            out.push('\n');
        }
        n += 1;
        if SEE {
            out.push_str("You see ");
        }
    };
    for cell in walls.into_iter().flatten() {
        line(out);
        out.push_str("a wall");
        out.push_str(phrases::WHERE[cell]);
    }
    for cell in cells(objects) {
        line(out);
        out.push_str(phrases::object(image, cell, phrases::DOORS));
        out.push_str(phrases::WHERE[cell]);
    }
    n
}
