//! Mission text exactly as Minigrid writes it (`surface` methods of `verifier.py`).

use super::{Instr, Loc, ObjDesc, PlacedObjs};
use crate::world::World;

impl Loc {
    /// The phrase appended to a description (`" in front of you"`, ...), leading space included.
    pub const fn phrase(self) -> &'static str {
        match self {
            Loc::Left => " on your left",
            Loc::Right => " on your right",
            Loc::Front => " in front of you",
            Loc::Behind => " behind you",
        }
    }
}

impl ObjDesc {
    /// Writes the description without article (`"red ball on your left"`).
    pub fn write_bare(&self, out: &mut String) {
        if let Some(c) = self.color {
            out.push_str(c.name());
            out.push(' ');
        }
        out.push_str(self.kind.map_or("object", |k| k.name()));
        if let Some(l) = self.loc {
            out.push_str(l.phrase());
        }
    }

    /// Writes Minigrid's surface: `"the "` if exactly one thing in `world` matches (see
    /// [`ObjDesc::find_matching`]; counted with [`ObjDesc::count_matching`]), else `"a "`,
    /// then the bare description.
    pub fn write_surface(&self, world: &World, out: &mut String) {
        let n = self.count_matching(world, 2);
        out.push_str(if n > 1 { "a " } else { "the " });
        self.write_bare(out);
    }
}

impl Instr {
    /// The mission text of this instruction in `world` (articles depend on the matches).
    pub fn surface(&self, world: &World) -> String {
        let mut s = String::new();
        self.write_surface(world, &mut s);
        s
    }

    /// Appends the mission text to `out`.
    pub fn write_surface(&self, world: &World, out: &mut String) {
        self.write_surface_placed(world, &PlacedObjs::new(world), out);
    }

    /// As [`Instr::write_surface`], with `placed` the [`PlacedObjs`] of `world` (taken once
    /// for all the descriptions).
    pub fn write_surface_placed(&self, world: &World, placed: &PlacedObjs, out: &mut String) {
        let article_desc = |d: &ObjDesc, out: &mut String| {
            let n = placed.count_matching(d, world, 2);
            out.push_str(if n > 1 { "a " } else { "the " });
            d.write_bare(out);
        };
        match self {
            Instr::GoTo(d) => {
                out.push_str("go to ");
                article_desc(d, out);
            }
            Instr::Pickup { desc, .. } => {
                out.push_str("pick up ");
                article_desc(desc, out);
            }
            Instr::Open { desc, .. } => {
                out.push_str("open ");
                article_desc(desc, out);
            }
            Instr::PutNext { moved, fixed, .. } => {
                out.push_str("put ");
                article_desc(moved, out);
                out.push_str(" next to ");
                article_desc(fixed, out);
            }
            Instr::And(a, b) => {
                a.write_surface_placed(world, placed, out);
                out.push_str(" and ");
                b.write_surface_placed(world, placed, out);
            }
            Instr::Before { a, b, .. } => {
                a.write_surface_placed(world, placed, out);
                out.push_str(", then ");
                b.write_surface_placed(world, placed, out);
            }
            Instr::After { a, b, .. } => {
                a.write_surface_placed(world, placed, out);
                out.push_str(" after you ");
                b.write_surface_placed(world, placed, out);
            }
        }
    }
}

impl core::fmt::Display for ObjDesc {
    /// The bare description (no article).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(c) = self.color {
            write!(f, "{c} ")?;
        }
        f.write_str(self.kind.map_or("object", |k| k.name()))?;
        if let Some(l) = self.loc {
            f.write_str(l.phrase())?;
        }
        Ok(())
    }
}
