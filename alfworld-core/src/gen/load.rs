//! Generated games straight into the engine: the problem the exporter would write is built
//! directly as the loader's read form (ids mangled and lowercased as the reader would see them,
//! objects and facts in the exported order), so no PDDL text is written or lexed; only the
//! small goal is read from its text. The domain is the embedded one of the wording (ALFWorld
//! 0.4.2's or 0.3.5's, parsed once per thread). `tests/generated_direct.rs` checks the result against export-then-load.

use super::classes::{self, is};
use super::export;
use super::household::{Household, Place};
use super::scenes::Pose;
use super::tasks::Task;
use super::{GeneratedGame, Wording};
use crate::error::LoadError;
use crate::game::{Game, TrajData, parse_domain_cached};
use crate::pddl::Pos;
use crate::pddl::flat::{FactRef, Flat, ProblemRef};
use crate::pddl::parser::Formula;

impl Game {
    /// The engine's game for a generated game in `wording`: the same [`Game`] as loading its
    /// exported `game.tw-pddl` with its `traj_data.json` (tested), without going through text.
    pub fn from_generated(game: &GeneratedGame, wording: Wording) -> Result<Game, LoadError> {
        let domain = parse_domain_cached(export::domain(wording))?;
        let dialect = wording;
        let task = &game.task;
        let traj = TrajData {
            task_type: Some(task.task_type),
            object_target: task.object.to_string(),
            parent_target: task.parent.to_string(),
            toggle_target: task.toggle.to_string(),
        };
        let task_line = format!("Your task is to: {}.", task.sentence);
        let ids = Ids::of(&game.household);
        let goal = goal_formula(task)?;
        let problem = ids.problem(&game.household, goal);
        Game::build_problem(&problem, Some(&domain), task_line, Some(traj), dialect)
    }
}

/// The goal formula of a task, read from the goal text the exporter writes.
fn goal_formula(task: &Task) -> Result<Formula, LoadError> {
    let mut text = String::with_capacity(1024);
    text.push_str("(define (problem goal) (:domain alfred) (:init)");
    text.push_str(&export::mangle_text(&export::goal(task)));
    let flat = Flat::parse(&text).map_err(LoadError::Problem)?;
    let p = ProblemRef::read(&flat).map_err(LoadError::Problem)?;
    Ok(p.goal)
}

/// Appends `raw` as the reader sees it in an exported problem: mangled by
/// `fix_pddl_str_chars`, then lowercased.
fn push_id(text: &mut String, raw: &str) {
    for ch in raw.chars() {
        match ch {
            '-' => text.push_str("_minus_"),
            '|' => text.push_str("_bar_"),
            '+' => text.push_str("_plus_"),
            '.' => text.push_str("_dot_"),
            ',' => text.push_str("_comma_"),
            c if c.is_ascii() => text.push(c.to_ascii_lowercase()),
            c => text.extend(c.to_lowercase()),
        }
    }
}

/// Appends [`Pose::loc_name`] (`loc|X|Z|ROT/90|HORIZON`) without formatting machinery.
fn push_loc_name(out: &mut String, p: &Pose) {
    out.push_str("loc");
    for v in [
        i32::from(p.x),
        i32::from(p.z),
        i32::from(p.rot / 90),
        i32::from(p.horizon),
    ] {
        out.push('|');
        if v < 0 {
            out.push('-');
        }
        let mut buf = [0u8; 10];
        let mut i = buf.len();
        let mut n = v.unsigned_abs();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &b in &buf[i..] {
            out.push(char::from(b));
        }
    }
}

/// The ids of every otype and rtype (`appletype`, …), the same for every household.
struct TypeIds {
    text: String,
    otypes: Vec<Span>,
    rtypes: Vec<Span>,
}

/// The type ids, built once.
fn type_ids() -> &'static TypeIds {
    static IDS: std::sync::OnceLock<TypeIds> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let mut text = String::new();
        let mut span = |class: &str| -> Span {
            let start = text.len() as u32;
            push_id(&mut text, class);
            push_id(&mut text, "Type");
            (start, text.len() as u32)
        };
        let otypes = classes::OTYPES.iter().map(|c| span(c)).collect();
        let rtypes = classes::RTYPES.iter().map(|c| span(c)).collect();
        TypeIds {
            text,
            otypes,
            rtypes,
        }
    })
}

/// A byte range of [`Ids::text`].
type Span = (u32, u32);

/// Every PDDL id of a household's problem, in one buffer.
struct Ids {
    text: String,
    otypes: Vec<Span>,
    rtypes: Vec<Span>,
    objects: Vec<Span>,
    receptacles: Vec<Span>,
    /// Locations in the exported order (sorted by unmangled name).
    locs: Vec<Span>,
    /// The location index of each receptacle, each object and the start.
    rec_loc: Vec<u32>,
    obj_loc: Vec<u32>,
    start_loc: u32,
    /// Object and receptacle indices in exported order (sorted by THOR id).
    obj_order: Vec<usize>,
    rec_order: Vec<usize>,
}

impl Ids {
    fn of(h: &Household) -> Ids {
        let types = type_ids();
        let mut text = String::with_capacity(8192);
        text.push_str(&types.text);
        let span = |text: &mut String, parts: &[&str]| -> Span {
            let start = text.len() as u32;
            for p in parts {
                push_id(text, p);
            }
            (start, text.len() as u32)
        };
        let otypes = types.otypes.clone();
        let rtypes = types.rtypes.clone();
        let objects = h
            .objects
            .iter()
            .map(|o| span(&mut text, &[&o.id]))
            .collect();
        let receptacles = h
            .receptacles
            .iter()
            .map(|r| span(&mut text, &[&r.id]))
            .collect();
        // Locations: every pose's name, sorted and deduplicated as the exporter does.
        let poses: Vec<Pose> = h
            .receptacles
            .iter()
            .map(|r| r.pose)
            .chain(h.objects.iter().map(|o| o.pose))
            .chain(std::iter::once(h.start))
            .collect();
        // Their unmangled names (`Pose::loc_name`) in one buffer, to sort by.
        let mut raw = String::with_capacity(poses.len() * 24);
        let names: Vec<Span> = poses
            .iter()
            .map(|p| {
                let start = raw.len() as u32;
                push_loc_name(&mut raw, p);
                (start, raw.len() as u32)
            })
            .collect();
        let name = |i: usize| &raw[names[i].0 as usize..names[i].1 as usize];
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| name(a).cmp(name(b)));
        let mut loc_of = vec![0u32; names.len()];
        let mut locs: Vec<Span> = Vec::new();
        let mut last: Option<&str> = None;
        for &i in &order {
            if last != Some(name(i)) {
                locs.push(span(&mut text, &[name(i)]));
                last = Some(name(i));
            }
            loc_of[i] = locs.len() as u32 - 1;
        }
        let n_r = h.receptacles.len();
        let n_o = h.objects.len();
        let mut obj_order: Vec<usize> = (0..n_o).collect();
        obj_order.sort_by(|&a, &b| h.objects[a].id.cmp(&h.objects[b].id));
        let mut rec_order: Vec<usize> = (0..n_r).collect();
        rec_order.sort_by(|&a, &b| h.receptacles[a].id.cmp(&h.receptacles[b].id));
        Ids {
            text,
            otypes,
            rtypes,
            objects,
            receptacles,
            locs,
            rec_loc: loc_of[..n_r].to_vec(),
            obj_loc: loc_of[n_r..n_r + n_o].to_vec(),
            start_loc: loc_of[n_r + n_o],
            obj_order,
            rec_order,
        }
    }

    fn get(&self, s: Span) -> &str {
        &self.text[s.0 as usize..s.1 as usize]
    }

    fn otype(&self, class: &str) -> &str {
        classes::OTYPES
            .binary_search(&class)
            .map_or("", |i| self.get(self.otypes[i]))
    }

    fn rtype(&self, class: &str) -> &str {
        classes::RTYPES
            .binary_search(&class)
            .map_or("", |i| self.get(self.rtypes[i]))
    }

    /// The problem as [`ProblemRef::read`] would read the exported text: objects and facts in
    /// the exporter's order (see [`export::problem_text`]).
    fn problem<'a>(&'a self, h: &Household, goal: Formula) -> ProblemRef<'a> {
        let at = Pos::default();
        let mut objects: Vec<(&'a str, &'a str, Pos)> = Vec::with_capacity(
            1 + self.otypes.len() + self.rtypes.len() + self.objects.len() * 2 + self.locs.len(),
        );
        objects.push(("agent1", "agent", at));
        objects.extend(self.otypes.iter().map(|&s| (self.get(s), "otype", at)));
        objects.extend(self.rtypes.iter().map(|&s| (self.get(s), "rtype", at)));
        objects.extend(
            self.obj_order
                .iter()
                .map(|&i| (self.get(self.objects[i]), "object", at)),
        );
        objects.extend(
            self.rec_order
                .iter()
                .map(|&i| (self.get(self.receptacles[i]), "receptacle", at)),
        );
        objects.extend(self.locs.iter().map(|&s| (self.get(s), "location", at)));

        let mut facts = Facts {
            init: Vec::with_capacity(1024),
            args: Vec::with_capacity(2048),
        };
        let obj = |i: usize| self.get(self.objects[i]);
        let rec = |i: usize| self.get(self.receptacles[i]);
        for &i in &self.rec_order {
            facts.push(
                "receptacletype",
                &[rec(i), self.rtype(h.receptacles[i].class)],
            );
        }
        for &i in &self.obj_order {
            facts.push("objecttype", &[obj(i), self.otype(h.objects[i].class)]);
        }
        let mut present: Vec<&str> = h.objects.iter().map(|o| o.class).collect();
        present.sort_unstable();
        present.dedup();
        let mut rclasses: Vec<&str> = h.receptacles.iter().map(|r| r.class).collect();
        rclasses.sort_unstable();
        rclasses.dedup();
        let present_bits: Vec<u128> = present.iter().map(|oc| classes::otype_bit(oc)).collect();
        for rc in rclasses {
            let set = classes::contain_set(rc);
            for (&oc, bit) in present.iter().zip(&present_bits) {
                if set & bit != 0 {
                    facts.push("cancontain", &[self.rtype(rc), self.otype(oc)]);
                }
            }
        }
        for &i in &self.obj_order {
            if h.objects[i].pickupable() {
                facts.push("pickupable", &[obj(i)]);
            }
        }
        for &i in &self.obj_order {
            if is(classes::MOVABLE_RECEPTACLES, h.objects[i].class) {
                facts.push("isreceptacleobject", &[obj(i)]);
            }
        }
        for &i in &self.rec_order {
            if h.receptacles[i].openable {
                facts.push("openable", &[rec(i)]);
            }
        }
        for &i in &self.rec_order {
            if h.receptacles[i].opened {
                facts.push("opened", &[rec(i)]);
            }
        }
        let loc = |l: u32| self.get(self.locs[l as usize]);
        facts.push("atlocation", &["agent1", loc(self.start_loc)]);
        for (list, pred) in [
            (classes::CLEANABLE, "cleanable"),
            (classes::HEATABLE, "heatable"),
            (classes::COOLABLE, "coolable"),
            (classes::TOGGLEABLE, "toggleable"),
            (classes::SLICEABLE, "sliceable"),
        ] {
            for &i in &self.obj_order {
                if is(list, h.objects[i].class) {
                    facts.push(pred, &[obj(i)]);
                }
            }
        }
        for &i in &self.obj_order {
            if let Place::In(r) = h.objects[i].place {
                facts.push("inreceptacle", &[obj(i), rec(r)]);
            }
        }
        for &i in &self.obj_order {
            if let Place::InObject(c) = h.objects[i].place {
                facts.push("inreceptacleobject", &[obj(i), obj(c)]);
            }
        }
        for &i in &self.rec_order {
            facts.push("receptacleatlocation", &[rec(i), loc(self.rec_loc[i])]);
        }
        for &i in &self.obj_order {
            facts.push("objectatlocation", &[obj(i), loc(self.obj_loc[i])]);
        }
        ProblemRef {
            name: "",
            domain: "alfred",
            objects,
            init: facts.init,
            args: facts.args,
            goal,
        }
    }
}

/// Initial facts being collected.
struct Facts<'a> {
    init: Vec<FactRef<'a>>,
    args: Vec<&'a str>,
}

impl<'a> Facts<'a> {
    fn push(&mut self, pred: &'a str, args: &[&'a str]) {
        let from = self.args.len() as u32;
        self.args.extend_from_slice(args);
        self.init.push(FactRef {
            pred,
            args: (from, self.args.len() as u32),
            pos: Pos::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loc_names_match_pose_loc_name() {
        for x in [-120i16, -9, -1, 0, 1, 7, 10, 99, 1000] {
            for rot in [-90i16, 0, 45, 90, 180, 270, 359] {
                let p = Pose {
                    x,
                    z: -x / 3,
                    rot,
                    horizon: if x < 0 { -30 } else { 60 },
                };
                let mut s = String::new();
                push_loc_name(&mut s, &p);
                assert_eq!(s, p.loc_name());
            }
        }
    }
}
