//! Test helpers: a small PDDL problem reader and a walkthrough checker that applies the
//! domain's preconditions and effects for the commands a walkthrough uses.

#![allow(dead_code)]

use alfworld_core::generator::{GeneratedGame, Place, TaskType, Wording, classes};

/// A parsed problem: declared objects with their types, init facts and the goal text.
pub struct Problem {
    pub objects: Vec<(String, String)>,
    pub init: Vec<Vec<String>>,
    pub goal: String,
}

impl Problem {
    pub fn facts_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        self.init.iter().filter(move |f| f[0] == name)
    }

    pub fn declared(&self, name: &str) -> bool {
        self.objects.iter().any(|(n, _)| n == name)
    }
}

/// Reads the `(:objects …)`, `(:init …)` and `(:goal …)` sections of a problem text.
pub fn parse_problem(text: &str) -> Problem {
    let mut depth = 0i32;
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "unbalanced parentheses");
    }
    assert_eq!(depth, 0, "unbalanced parentheses");
    let objects_start = text.find("(:objects\n").expect("objects section") + 10;
    let objects_end = objects_start + text[objects_start..].find("\n)\n").expect("end of objects");
    let objects = text[objects_start..objects_end]
        .lines()
        .map(|l| {
            let (n, t) = l.split_once(" - ").expect("typed object");
            (n.to_string(), t.to_string())
        })
        .collect();
    let init_start = text.find("(:init\n").expect("init section") + 7;
    let init_end = init_start + text[init_start..].find("\n)\n").expect("end of init");
    let init = text[init_start..init_end]
        .lines()
        .map(|l| {
            let inner = l.trim().trim_start_matches('(').trim_end_matches(')');
            inner.split(' ').map(str::to_string).collect()
        })
        .collect();
    let goal = text[text.find("(:goal").expect("goal")..].to_string();
    Problem {
        objects,
        init,
        goal,
    }
}

/// The predicates of the init section, consecutive repeats removed.
pub fn init_predicate_order(text: &str) -> Vec<String> {
    let p = parse_problem(text);
    let mut out: Vec<String> = Vec::new();
    for f in &p.init {
        if out.last() != Some(&f[0]) {
            out.push(f[0].clone());
        }
    }
    out
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

struct State {
    at: alfworld_core::generator::Pose,
    opened: Vec<bool>,
    holding: Option<usize>,
    place: Vec<Place>,
    hot: Vec<bool>,
    cool: Vec<bool>,
    clean: Vec<bool>,
    toggled: Vec<bool>,
}

fn won(g: &GeneratedGame, s: &State) -> bool {
    let h = &g.household;
    let t = &g.task;
    let in_parent = |o: usize| match s.place[o] {
        Place::In(r) => h.receptacles[r].class == t.parent,
        _ => false,
    };
    let is_obj = |o: usize| h.objects[o].class == t.object;
    let n = h.objects.len();
    match t.task_type {
        TaskType::PickAndPlaceSimple => (0..n).any(|o| is_obj(o) && in_parent(o)),
        TaskType::PickCleanThenPlace => (0..n).any(|o| is_obj(o) && in_parent(o) && s.clean[o]),
        TaskType::PickHeatThenPlace => (0..n).any(|o| is_obj(o) && in_parent(o) && s.hot[o]),
        TaskType::PickCoolThenPlace => (0..n).any(|o| is_obj(o) && in_parent(o) && s.cool[o]),
        TaskType::PickTwoObjAndPlace => (0..h.receptacles.len()).any(|r| {
            h.receptacles[r].class == t.parent
                && (0..n)
                    .filter(|&o| is_obj(o) && s.place[o] == Place::In(r))
                    .count()
                    >= 2
        }),
        TaskType::LookAtObjInLight => {
            let lamp_here = (0..n).any(|l| {
                h.objects[l].class == t.toggle
                    && s.toggled[l]
                    && matches!(s.place[l], Place::In(r) if h.receptacles[r].pose == s.at)
            });
            lamp_here && s.holding.is_some_and(is_obj)
        }
    }
}

/// Applies the game's walkthrough under the domain's rules; panics on a precondition that
/// fails, a game won at the start, or a walkthrough that does not win.
pub fn check_walkthrough(g: &GeneratedGame, wording: Wording) {
    let h = &g.household;
    let names = g.names();
    let rec = |name: &str| {
        names
            .receptacles
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no receptacle {name}"))
    };
    let obj = |name: &str| {
        names
            .objects
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no object {name}"))
    };
    let n = h.objects.len();
    let mut s = State {
        at: h.start,
        opened: h.receptacles.iter().map(|r| r.opened).collect(),
        holding: None,
        place: h.objects.iter().map(|o| o.place).collect(),
        hot: vec![false; n],
        cool: vec![false; n],
        clean: vec![false; n],
        toggled: vec![false; n],
    };
    let ctx = format!("{} {:?}", g.name(), g.split);
    assert!(!won(g, &s), "won at start: {ctx}");
    let cmds = g.walkthrough(wording);
    assert!(!cmds.is_empty(), "{ctx}");
    let accessible = |s: &State, r: usize| !h.receptacles[r].openable || s.opened[r];
    for cmd in &cmds {
        let here = |s: &State, r: usize| h.receptacles[r].pose == s.at;
        if let Some(x) = cmd.strip_prefix("go to ") {
            let r = rec(x);
            assert!(!here(&s, r), "{ctx}: {cmd} from the same location");
            s.at = h.receptacles[r].pose;
        } else if let Some(x) = cmd.strip_prefix("open ") {
            let r = rec(x);
            assert!(
                here(&s, r) && h.receptacles[r].openable && !s.opened[r],
                "{ctx}: {cmd}"
            );
            s.opened[r] = true;
        } else if let Some(x) = cmd.strip_prefix("take ") {
            let (o, r) = x.split_once(" from ").unwrap();
            let (o, r) = (obj(o), rec(r));
            assert!(here(&s, r) && accessible(&s, r), "{ctx}: {cmd}");
            assert!(
                s.place[o] == Place::In(r) && s.holding.is_none(),
                "{ctx}: {cmd}"
            );
            assert!(h.objects[o].pickupable(), "{ctx}: {cmd}");
            s.holding = Some(o);
            s.place[o] = Place::Loose;
        } else if cmd.starts_with("move ") || cmd.starts_with("put ") {
            let (o, r) = match wording {
                Wording::V042 => cmd["move ".len()..].split_once(" to ").unwrap(),
                Wording::V03 => cmd["put ".len()..].split_once(" in/on ").unwrap(),
            };
            let (o, r) = (obj(o), rec(r));
            assert_eq!(s.holding, Some(o), "{ctx}: {cmd}");
            assert!(here(&s, r) && accessible(&s, r), "{ctx}: {cmd}");
            assert!(
                classes::can_contain(h.receptacles[r].class, h.objects[o].class),
                "{ctx}: {cmd}"
            );
            s.holding = None;
            s.place[o] = Place::In(r);
        } else if let Some(x) = cmd.strip_prefix("use ") {
            let l = obj(x);
            assert!(
                classes::is(classes::TOGGLEABLE, h.objects[l].class),
                "{ctx}: {cmd}"
            );
            assert!(
                matches!(s.place[l], Place::In(r) if here(&s, r)),
                "{ctx}: {cmd}"
            );
            s.toggled[l] = true;
        } else {
            let (verb, rest) = cmd.split_once(' ').unwrap();
            let (o, r) = rest.split_once(" with ").unwrap();
            let (o, r) = (obj(o), rec(r));
            assert_eq!(s.holding, Some(o), "{ctx}: {cmd}");
            assert!(here(&s, r), "{ctx}: {cmd}");
            let class = h.objects[o].class;
            let rclass = h.receptacles[r].class;
            match verb {
                "heat" => {
                    assert!(
                        rclass == "Microwave" && classes::is(classes::HEATABLE, class),
                        "{ctx}: {cmd}"
                    );
                    s.hot[o] = true;
                    s.cool[o] = false;
                }
                "cool" => {
                    assert!(
                        rclass == "Fridge" && classes::is(classes::COOLABLE, class),
                        "{ctx}: {cmd}"
                    );
                    s.cool[o] = true;
                    s.hot[o] = false;
                }
                "clean" => {
                    assert!(
                        rclass == "SinkBasin" && classes::is(classes::CLEANABLE, class),
                        "{ctx}: {cmd}"
                    );
                    s.clean[o] = true;
                }
                _ => panic!("{ctx}: unknown command {cmd}"),
            }
        }
    }
    assert!(won(g, &s), "walkthrough does not win: {ctx}: {cmds:?}");
}
