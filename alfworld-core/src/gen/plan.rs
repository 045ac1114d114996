//! The walkthrough of a generated game: a command list that reaches the goal, built from the
//! same choices that made the task solvable (the `walkthrough` field of `game.tw-pddl`).

use super::Wording;
use super::household::{Household, Place};
use super::names::Names;
use super::scenes::Pose;
use super::tasks::{Task, TaskType};

/// Builds the walkthrough commands, or `None` if the task does not fit the household (a task
/// sampled by [`super::tasks::sample_task`] always fits).
pub fn walkthrough(
    h: &Household,
    task: &Task,
    names: &Names,
    wording: Wording,
) -> Option<Vec<String>> {
    let mut p = Planner {
        h,
        names,
        at: h.start,
        opened: h.receptacles.iter().map(|r| r.opened).collect(),
        cmds: Vec::new(),
    };
    let mut instances = h.reachable(task.object);
    let first = instances.next()?;
    match task.task_type {
        TaskType::LookAtObjInLight => {
            let lamp = h
                .objects
                .iter()
                .position(|o| o.class == task.toggle && matches!(o.place, Place::In(_)))?;
            let Place::In(lamp_host) = h.objects[lamp].place else {
                return None;
            };
            p.take(first);
            p.go(lamp_host);
            p.cmds.push(format!("use {}", names.objects[lamp]));
        }
        TaskType::PickTwoObjAndPlace => {
            let second = instances.next()?;
            let target = h.receptacles_of(task.parent).next()?;
            p.take(first);
            p.put(first, target, wording);
            p.take(second);
            p.put(second, target, wording);
        }
        t => {
            let target = h.receptacles_of(task.parent).next()?;
            p.take(first);
            let (appliance, verb) = match t {
                TaskType::PickCleanThenPlace => ("SinkBasin", "clean"),
                TaskType::PickHeatThenPlace => ("Microwave", "heat"),
                TaskType::PickCoolThenPlace => ("Fridge", "cool"),
                _ => ("", ""),
            };
            if !appliance.is_empty() {
                let a = h.receptacles_of(appliance).next()?;
                p.go(a);
                p.cmds.push(format!(
                    "{verb} {} with {}",
                    names.objects[first], names.receptacles[a]
                ));
            }
            p.put(first, target, wording);
        }
    }
    Some(p.cmds)
}

struct Planner<'a> {
    h: &'a Household,
    names: &'a Names,
    at: Pose,
    opened: Vec<bool>,
    cmds: Vec<String>,
}

impl Planner<'_> {
    fn go(&mut self, r: usize) {
        let pose = self.h.receptacles[r].pose;
        if pose != self.at {
            self.cmds
                .push(format!("go to {}", self.names.receptacles[r]));
            self.at = pose;
        }
    }

    fn open(&mut self, r: usize) {
        if self.h.receptacles[r].openable && !self.opened[r] {
            self.cmds
                .push(format!("open {}", self.names.receptacles[r]));
            self.opened[r] = true;
        }
    }

    fn take(&mut self, o: usize) {
        let Place::In(r) = self.h.objects[o].place else {
            return;
        };
        self.go(r);
        self.open(r);
        self.cmds.push(format!(
            "take {} from {}",
            self.names.objects[o], self.names.receptacles[r]
        ));
    }

    fn put(&mut self, o: usize, r: usize, wording: Wording) {
        self.go(r);
        self.open(r);
        let (obj, rec) = (&self.names.objects[o], &self.names.receptacles[r]);
        self.cmds.push(match wording {
            Wording::V042 => format!("move {obj} to {rec}"),
            Wording::V03 => format!("put {obj} in/on {rec}"),
        });
    }
}
