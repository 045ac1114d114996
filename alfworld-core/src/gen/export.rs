//! Export of a generated game as an ALFWorld game folder: `game.tw-pddl` (JSON with
//! `pddl_domain`, `grammar`, `pddl_problem`, `solvable`, `walkthrough`) and `traj_data.json`
//! (`task_type`, `pddl_params`, `scene`), in the conventions of ALFWorld's data: ids mangled by
//! `fix_pddl_str_chars`, `loc_bar_X_bar_Z_bar_ROT_bar_HORIZON` locations, ALFWorld 0.4.2's domain
//! and grammar (or the 0.3 wording) with the task sentence in place of the grammar's goal, and
//! the goals of `alfworld/gen/goal_library.py`.

use std::fmt;
use std::io;
use std::path::Path;

use serde_json::json;

use super::classes::{self, is};
use super::household::{Household, Place};
use super::names::mangle;
use super::tasks::{Task, TaskType};
use super::{GeneratedGame, Wording};

/// ALFWorld 0.4.2's PDDL domain (`alfworld/data/alfred.pddl`), as embedded in its game files.
pub const DOMAIN: &str = include_str!("../../data/alfred.pddl");
/// ALFWorld 0.3.5's domain: the same without the `help` action (added in 0.4.0).
pub const DOMAIN_V03: &str = include_str!("../../data/alfred_v03.pddl");
/// ALFWorld 0.4.2's grammar with `{TASK}` where the task sentence goes.
const GRAMMAR_V042: &str = include_str!("../../data/grammar_v042.twl2");
/// ALFWorld 0.3.5's grammar: the 0.3 wording (`put {o} in/on {r}`, `You arrive at
/// {lend.name}.`) and no `help` action.
const GRAMMAR_V03: &str = include_str!("../../data/grammar_v03.twl2");

// Goals of goal_library.py as ALFWorld's files show them, `#` standing for the type dash.
const GOAL_PICK_AND_PLACE_SIMPLE: &str = "\n        (:goal\n            (and\n                (exists (?r # receptacle)\n                    (exists (?o # object)\n                        (and\n                            (inReceptacle ?o ?r)\n                            (objectType ?o {obj}Type)\n                            (receptacleType ?r {recep}Type)\n                        )\n                    )\n                )\n            )\n        )\n    )\n    ";
const GOAL_LOOK_AT_OBJ_IN_LIGHT: &str = "\n        (:goal\n             (and\n                 (exists (?ot # object\n                          ?r # receptacle\n                          ?a # agent\n                          ?l # location)\n                     (and\n                         (objectType ?ot {toggle}Type)\n                         (toggleable ?ot)\n                         (isToggled ?ot)\n                         (receptacleAtLocation ?r ?l)\n                         (atLocation ?a ?l)\n                         (inReceptacle ?ot ?r)\n                     )\n                 )\n                 (exists (?o # object\n                          ?a # agent)\n                     (and\n                         (objectType ?o {obj}Type)\n                         (holds ?a ?o)\n                     )\n                 )\n             )\n        )\n    )\n    ";
const GOAL_PICK_CLEAN_THEN_PLACE_IN_RECEP: &str = "\n        (:goal\n            (and\n                (exists (?r # receptacle)\n                    (exists (?o # object)\n                        (and\n                            (cleanable ?o)\n                            (objectType ?o {obj}Type)\n                            (receptacleType ?r {recep}Type)\n                            (isClean ?o)\n                            (inReceptacle ?o ?r)\n                        )\n                    )\n                )\n            )\n        )\n    )\n    ";
const GOAL_PICK_HEAT_THEN_PLACE_IN_RECEP: &str = "\n        (:goal\n            (and\n                (exists (?r # receptacle)\n                    (exists (?o # object)\n                        (and\n                            (heatable ?o)\n                            (objectType ?o {obj}Type)\n                            (receptacleType ?r {recep}Type)\n                            (isHot ?o)\n                            (inReceptacle ?o ?r)\n                        )\n                    )\n                )\n            )\n        )\n    )\n    ";
const GOAL_PICK_COOL_THEN_PLACE_IN_RECEP: &str = "\n        (:goal\n            (and\n                (exists (?r # receptacle)\n                    (exists (?o # object)\n                        (and\n                            (coolable ?o)\n                            (objectType ?o {obj}Type)\n                            (receptacleType ?r {recep}Type)\n                            (isCool ?o)\n                            (inReceptacle ?o ?r)\n                        )\n                    )\n                )\n            )\n        )\n    )\n    ";
const GOAL_PICK_TWO_OBJ_AND_PLACE: &str = "\n                (:goal\n                    (and\n                        (exists (?r # receptacle)\n                            (exists (?o1 # object)\n                                (and\n                                    (objectType ?o1 {obj}Type)\n                                    (receptacleType ?r {recep}Type)\n                                    (inReceptacle ?o1 ?r)\n                                    (exists (?o2 # object)\n                                        (and\n                                            (not (= ?o1 ?o2))\n                                            (objectType ?o2 {obj}Type)\n                                            (receptacleType ?r {recep}Type)\n                                            (inReceptacle ?o2 ?r)\n                                        )\n                                    )\n                                )\n                            )\n                        )\n                    )\n                )\n            )\n            ";

/// The PDDL domain the game files of `wording` embed.
pub fn domain(wording: Wording) -> &'static str {
    match wording {
        Wording::V042 => DOMAIN,
        Wording::V03 => DOMAIN_V03,
    }
}

/// The grammar of `wording` with the task sentence substituted, as ALFWorld's
/// `add_task_to_grammar` does.
pub fn grammar(wording: Wording, sentence: &str) -> String {
    let g = match wording {
        Wording::V042 => GRAMMAR_V042,
        Wording::V03 => GRAMMAR_V03,
    };
    g.replacen("{TASK}", sentence, 1)
}

/// The PDDL goal of a task (unmangled, `#` as the type dash).
pub(super) fn goal(task: &Task) -> String {
    let template = match task.task_type {
        TaskType::PickAndPlaceSimple => GOAL_PICK_AND_PLACE_SIMPLE,
        TaskType::LookAtObjInLight => GOAL_LOOK_AT_OBJ_IN_LIGHT,
        TaskType::PickCleanThenPlace => GOAL_PICK_CLEAN_THEN_PLACE_IN_RECEP,
        TaskType::PickHeatThenPlace => GOAL_PICK_HEAT_THEN_PLACE_IN_RECEP,
        TaskType::PickCoolThenPlace => GOAL_PICK_COOL_THEN_PLACE_IN_RECEP,
        TaskType::PickTwoObjAndPlace => GOAL_PICK_TWO_OBJ_AND_PLACE,
    };
    template
        .replace("{obj}", task.object)
        .replace("{recep}", task.parent)
        .replace("{toggle}", task.toggle)
}

/// Mangles a whole problem text as ALFWorld's scripts do: `fix_pddl_str_chars` with `#` turned
/// into the PDDL type dash afterwards.
pub(super) fn mangle_text(text: &str) -> String {
    mangle(text).replace('#', "-")
}

/// The PDDL problem text of a household and task, line for line in the shape of ALFWorld's
/// problems (objects, then init facts grouped by predicate, then the goal).
pub fn problem_text(h: &Household, task: &Task, name: &str) -> String {
    let mut obj_order: Vec<usize> = (0..h.objects.len()).collect();
    obj_order.sort_by(|&a, &b| h.objects[a].id.cmp(&h.objects[b].id));
    let mut rec_order: Vec<usize> = (0..h.receptacles.len()).collect();
    rec_order.sort_by(|&a, &b| h.receptacles[a].id.cmp(&h.receptacles[b].id));
    let mut locs: Vec<String> = h
        .receptacles
        .iter()
        .map(|r| r.pose.loc_name())
        .chain(h.objects.iter().map(|o| o.pose.loc_name()))
        .chain(std::iter::once(h.start.loc_name()))
        .collect();
    locs.sort();
    locs.dedup();

    let mut t = String::with_capacity(32 * 1024);
    let mut line = |s: &str| {
        t.push_str(s);
        t.push('\n');
    };
    line(&format!("(define (problem plan_{name})"));
    line("(:domain alfred)");
    line("(:objects");
    line("agent1 # agent");
    for o in classes::OTYPES {
        line(&format!("{o}Type # otype"));
    }
    for r in classes::RTYPES {
        line(&format!("{r}Type # rtype"));
    }
    for &i in &obj_order {
        line(&format!("{} # object", h.objects[i].id));
    }
    for &i in &rec_order {
        line(&format!("{} # receptacle", h.receptacles[i].id));
    }
    for l in &locs {
        line(&format!("{l} # location"));
    }
    line(")");
    line("(:init");
    for &i in &rec_order {
        let r = &h.receptacles[i];
        line(&format!("(receptacleType {} {}Type)", r.id, r.class));
    }
    for &i in &obj_order {
        let o = &h.objects[i];
        line(&format!("(objectType {} {}Type)", o.id, o.class));
    }
    let mut present: Vec<&str> = h.objects.iter().map(|o| o.class).collect();
    present.sort_unstable();
    present.dedup();
    let mut rclasses: Vec<&str> = h.receptacles.iter().map(|r| r.class).collect();
    rclasses.sort_unstable();
    rclasses.dedup();
    for rc in rclasses {
        for &oc in &present {
            if classes::can_contain(rc, oc) {
                line(&format!("(canContain {rc}Type {oc}Type)"));
            }
        }
    }
    for &i in &obj_order {
        if h.objects[i].pickupable() {
            line(&format!("(pickupable {})", h.objects[i].id));
        }
    }
    for &i in &obj_order {
        if is(classes::MOVABLE_RECEPTACLES, h.objects[i].class) {
            line(&format!("(isReceptacleObject {})", h.objects[i].id));
        }
    }
    for &i in &rec_order {
        if h.receptacles[i].openable {
            line(&format!("(openable {})", h.receptacles[i].id));
        }
    }
    for &i in &rec_order {
        if h.receptacles[i].opened {
            line(&format!("(opened {})", h.receptacles[i].id));
        }
    }
    line(&format!("(atLocation agent1 {})", h.start.loc_name()));
    for (list, pred) in [
        (classes::CLEANABLE, "cleanable"),
        (classes::HEATABLE, "heatable"),
        (classes::COOLABLE, "coolable"),
        (classes::TOGGLEABLE, "toggleable"),
        (classes::SLICEABLE, "sliceable"),
    ] {
        for &i in &obj_order {
            if is(list, h.objects[i].class) {
                line(&format!("({pred} {})", h.objects[i].id));
            }
        }
    }
    for &i in &obj_order {
        if let Place::In(r) = h.objects[i].place {
            line(&format!(
                "(inReceptacle {} {})",
                h.objects[i].id, h.receptacles[r].id
            ));
        }
    }
    for &i in &obj_order {
        if let Place::InObject(c) = h.objects[i].place {
            line(&format!(
                "(inReceptacleObject {} {})",
                h.objects[i].id, h.objects[c].id
            ));
        }
    }
    for &i in &rec_order {
        let r = &h.receptacles[i];
        line(&format!(
            "(receptacleAtLocation {} {})",
            r.id,
            r.pose.loc_name()
        ));
    }
    for &i in &obj_order {
        let o = &h.objects[i];
        line(&format!(
            "(objectAtLocation {} {})",
            o.id,
            o.pose.loc_name()
        ));
    }
    t.push(')');
    t.push('\n');
    t.push_str(&goal(task));
    let mut out = String::with_capacity(t.len() * 2);
    out.push('\n');
    out.push_str(&mangle_text(&t));
    out
}

/// The `game.tw-pddl` JSON of a generated game.
pub fn tw_pddl_json(game: &GeneratedGame, wording: Wording) -> serde_json::Value {
    json!({
        "pddl_domain": domain(wording),
        "grammar": grammar(wording, &game.task.sentence),
        "pddl_problem": problem_text(&game.household, &game.task, &game.name()),
        "solvable": true,
        "walkthrough": game.walkthrough(wording),
    })
}

/// The `traj_data.json` of a generated game.
pub fn traj_data_json(game: &GeneratedGame) -> serde_json::Value {
    let task = &game.task;
    json!({
        "task_id": game.task_id(),
        "task_type": task.task_type.name(),
        "pddl_params": {
            "object_target": task.object,
            "parent_target": task.parent,
            "mrecep_target": "",
            "toggle_target": task.toggle,
            "object_sliced": false,
        },
        "scene": {
            "floor_plan": game.household.source.floor_plan(),
            "scene_num": game.household.source.number(),
            "random_seed": game.seed,
        },
        "turk_annotations": {
            "anns": [{"task_desc": format!("{}.", task.sentence), "high_descs": [], "votes": []}]
        },
    })
}

/// An error while writing a game folder.
#[derive(Debug)]
pub struct ExportError {
    path: String,
    source: io::Error,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: {}", self.path, self.source)
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Writes `game.tw-pddl` and `traj_data.json` of `game` into directory `dir` (created if
/// missing).
pub fn write_game_folder(
    game: &GeneratedGame,
    wording: Wording,
    dir: &Path,
) -> Result<(), ExportError> {
    let err = |path: &Path| {
        let path = path.display().to_string();
        move |source| ExportError { path, source }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let game_path = dir.join("game.tw-pddl");
    let text = tw_pddl_json(game, wording).to_string();
    std::fs::write(&game_path, text).map_err(err(&game_path))?;
    let traj_path = dir.join("traj_data.json");
    let traj = serde_json::to_string_pretty(&traj_data_json(game)).unwrap_or_default();
    std::fs::write(&traj_path, traj).map_err(err(&traj_path))?;
    Ok(())
}
