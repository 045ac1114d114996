//! ALFWorld's six task types, sampled only where a household makes them solvable, with
//! ALFWorld's task sentences (`alfworld/gen/goal_library.py`) and `pddl_params`.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::classes::{self, is};
use super::household::{Household, Place};
use super::scenes::RoomKind;

pub use crate::goals::TaskType;

impl TaskType {
    /// Parses ALFWorld's name or the 1-based number of `AlfredTWEnv.TASK_TYPES`.
    pub fn parse_name_or_number(s: &str) -> Option<TaskType> {
        if let Ok(n) = s.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| TaskType::ALL.get(i).copied());
        }
        TaskType::from_name(s)
    }

    /// Position 0..6 in [`TaskType::ALL`].
    pub fn position(self) -> usize {
        TaskType::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    /// Room kinds where ALFRED generates this type (`constants.GOALS_VALID`).
    pub fn valid_in(self, kind: RoomKind) -> bool {
        use RoomKind::*;
        match self {
            TaskType::PickAndPlaceSimple | TaskType::PickTwoObjAndPlace => true,
            TaskType::LookAtObjInLight => matches!(kind, LivingRoom | Bedroom),
            TaskType::PickCleanThenPlace => matches!(kind, Kitchen | Bathroom),
            TaskType::PickHeatThenPlace | TaskType::PickCoolThenPlace => kind == Kitchen,
        }
    }

    /// The two sentence templates of `goal_library.gdict[type]['templates']`.
    fn sentence_templates(self) -> [&'static str; 2] {
        match self {
            TaskType::PickAndPlaceSimple => ["put a {obj} in {recep}", "put some {obj} on {recep}"],
            TaskType::LookAtObjInLight => [
                "look at {obj} under the {toggle}",
                "examine the {obj} with the {toggle}",
            ],
            TaskType::PickCleanThenPlace => [
                "put a clean {obj} in {recep}",
                "clean some {obj} and put it in {recep}",
            ],
            TaskType::PickHeatThenPlace => [
                "put a hot {obj} in {recep}",
                "heat some {obj} and put it in {recep}",
            ],
            TaskType::PickCoolThenPlace => [
                "put a cool {obj} in {recep}",
                "cool some {obj} and put it in {recep}",
            ],
            TaskType::PickTwoObjAndPlace => [
                "put two {obj} in {recep}",
                "find two {obj} and put them in {recep}",
            ],
        }
    }
}

/// A task: its type, targets (`traj_data.json` `pddl_params`) and sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Task type.
    pub task_type: TaskType,
    /// `object_target`: the object class to move (or hold).
    pub object: &'static str,
    /// `parent_target`: the receptacle class to put it in (empty for look-at-in-light).
    pub parent: &'static str,
    /// `toggle_target`: the lamp class (only look-at-in-light).
    pub toggle: &'static str,
    /// The task sentence, without "Your task is to: " and the final full stop.
    pub sentence: String,
}

impl Task {
    /// The game folder's task name, as ALFWorld's data names it:
    /// `{type}-{Object}-None-{Parent or Toggle}-{scene}`.
    pub fn folder_name(&self, scene: u32) -> String {
        let last = if self.task_type == TaskType::LookAtObjInLight {
            self.toggle
        } else {
            self.parent
        };
        format!(
            "{}-{}-None-{}-{}",
            self.task_type.name(),
            self.object,
            last,
            scene
        )
    }
}

/// One solvable (object, parent, toggle) choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Object class.
    pub object: &'static str,
    /// Receptacle class ("" for look-at-in-light).
    pub parent: &'static str,
    /// Lamp class ("" unless look-at-in-light).
    pub toggle: &'static str,
}

fn sorted_classes(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Every solvable choice of targets for `task_type` in `h`, in a fixed order. Empty when the
/// type is not valid in the room kind or nothing fits.
///
/// A choice is kept only when: the object class has enough instances the agent can take (two
/// for pick-two), the goal receptacle class is in the room, may contain the object class and
/// is allowed for the type (see `excluded_parents`), the needed appliance is there (sink
/// basin, microwave, fridge, a lamp in a receptacle), the object has the affordance
/// (cleanable, heatable, coolable) and, as ALFRED's `get_filter_crit` asks, no instance of it
/// is already in that appliance, and for the placing types no instance already lies in a
/// receptacle of the goal class (the game never starts won).
pub fn candidates(h: &Household, task_type: TaskType) -> Vec<Candidate> {
    let mut out = Vec::new();
    if !task_type.valid_in(h.kind) {
        return out;
    }
    let objects = sorted_classes(
        h.objects
            .iter()
            .filter(|o| o.pickupable() && matches!(o.place, Place::In(_)))
            .map(|o| o.class)
            .collect(),
    );
    let parents = sorted_classes(h.receptacles.iter().map(|r| r.class).collect());
    if task_type == TaskType::LookAtObjInLight {
        let lamps = sorted_classes(
            h.objects
                .iter()
                .filter(|o| is(classes::TOGGLEABLE, o.class) && matches!(o.place, Place::In(_)))
                .map(|o| o.class)
                .collect(),
        );
        for &toggle in &lamps {
            for &object in &objects {
                out.push(Candidate {
                    object,
                    parent: "",
                    toggle,
                });
            }
        }
        return out;
    }
    let (need, appliance) = match task_type {
        TaskType::PickCleanThenPlace => (classes::CLEANABLE, "SinkBasin"),
        TaskType::PickHeatThenPlace => (classes::HEATABLE, "Microwave"),
        TaskType::PickCoolThenPlace => (classes::COOLABLE, "Fridge"),
        _ => (&[][..], ""),
    };
    let excluded_parents = excluded_parents(task_type);
    if !appliance.is_empty() && !h.has_receptacle(appliance) {
        return out;
    }
    let parent_sets: Vec<u128> = parents.iter().map(|p| classes::contain_set(p)).collect();
    let min_count = if task_type == TaskType::PickTwoObjAndPlace {
        2
    } else {
        1
    };
    for &object in &objects {
        if !need.is_empty() && !is(need, object) {
            continue;
        }
        if h.reachable(object).count() < min_count {
            continue;
        }
        // ALFRED's `get_filter_crit`: no instance of the class already in the appliance.
        if !appliance.is_empty() && class_in(h, object, appliance) {
            continue;
        }
        let bit = classes::otype_bit(object);
        for (&parent, set) in parents.iter().zip(&parent_sets) {
            if excluded_parents.contains(&parent) || set & bit == 0 {
                continue;
            }
            let placing_only = matches!(
                task_type,
                TaskType::PickAndPlaceSimple | TaskType::PickTwoObjAndPlace
            );
            if placing_only
                && h.objects.iter().any(|o| {
                    o.class == object
                        && matches!(o.place, Place::In(r) if h.receptacles[r].class == parent)
                })
            {
                continue;
            }
            out.push(Candidate {
                object,
                parent,
                toggle: "",
            });
        }
    }
    out
}

/// Goal receptacle classes a task type never uses: ALFRED's `generate_trajectories.py`
/// drops the toaster from its receptacle candidates and rules out the appliance of a
/// clean / heat / cool task and, for pick-two, coffee machines and towel and paper holders;
/// heat and cool tasks never put into a sink basin in the real data either.
fn excluded_parents(task_type: TaskType) -> &'static [&'static str] {
    match task_type {
        TaskType::PickCleanThenPlace => &["SinkBasin", "Toaster"],
        TaskType::PickHeatThenPlace => &["Microwave", "SinkBasin", "Toaster"],
        TaskType::PickCoolThenPlace => &["Fridge", "SinkBasin", "Toaster"],
        TaskType::PickTwoObjAndPlace => &[
            "CoffeeMachine",
            "HandTowelHolder",
            "ToiletPaperHanger",
            "Toaster",
        ],
        _ => &["Toaster"],
    }
}

/// Whether an instance of `object` lies in a receptacle of class `recep`, directly or inside
/// a movable receptacle there (THOR lists both as parent receptacles).
fn class_in(h: &Household, object: &str, recep: &str) -> bool {
    let in_recep = |place: Place| matches!(place, Place::In(r) if h.receptacles[r].class == recep);
    h.objects.iter().any(|o| {
        o.class == object
            && match o.place {
                Place::In(_) => in_recep(o.place),
                Place::InObject(c) => in_recep(h.objects[c].place),
                Place::Loose => false,
            }
    })
}

/// Samples a solvable task of `task_type` for `h`, or `None` if there is none.
pub fn sample_task(h: &Household, task_type: TaskType, rng: &mut ChaCha8Rng) -> Option<Task> {
    let c = candidates(h, task_type);
    if c.is_empty() {
        return None;
    }
    let pick = c[rng.random_range(0..c.len())];
    let template = task_type.sentence_templates()[rng.random_range(0..2usize)];
    Some(Task {
        task_type,
        object: pick.object,
        parent: pick.parent,
        toggle: pick.toggle,
        sentence: sentence(template, pick),
    })
}

fn sentence(template: &str, c: Candidate) -> String {
    template
        .replace("{obj}", &c.object.to_ascii_lowercase())
        .replace("{recep}", &c.parent.to_ascii_lowercase())
        .replace("{toggle}", &c.toggle.to_ascii_lowercase())
}
