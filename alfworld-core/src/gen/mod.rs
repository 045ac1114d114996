//! ALFRED-style households generated with no download, ALFWorld tasks on them, export as
//! ALFWorld game folders, and task sets indexed like ALFWorld's data.
//!
//! * [`scenes`]: the embedded table of the 120 ALFRED scenes (receptacle ids and interaction
//!   poses, classes present) and ALFWorld's scene split.
//! * [`Household`]: objects placed in a scene (or in a procedurally composed room) only where
//!   ALFRED's `VAL_RECEPTACLE_OBJECTS` allows, several of a class, some inside movable
//!   receptacles, some containers open; a pure function of (scene, seed) via `ChaCha8Rng`.
//! * [`tasks`]: the six task types, sampled only where solvable, with ALFWorld's sentences.
//! * [`export`]: `game.tw-pddl` and `traj_data.json` in the reference conventions.
//! * [`TaskSet`]: `train` / `valid_seen` / `valid_unseen`, filterable by task type and room kind.
//!
//! ```
//! use alfworld_core::generator::{Split, Wording};
//! let game = Split::Train.game(0).unwrap();
//! let json = alfworld_core::generator::export::tw_pddl_json(&game, Wording::V042);
//! assert!(json["pddl_problem"].as_str().unwrap().contains("(:domain alfred)"));
//! ```
//!
//! Credits: the scene table, the class tables, the domain, grammar, goals and task sentences come
//! from ALFRED (Shridhar et al., 2020) and ALFWorld (Shridhar et al., 2021), both MIT-licensed.

pub mod classes;
pub mod export;
pub mod household;
mod load;
pub mod names;
pub mod plan;
pub mod scenes;
pub mod sets;
pub mod tasks;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use household::{Household, Object, Place, Receptacle, SceneSource};
pub use names::{Names, mangle};
pub use scenes::{Pose, RoomKind};
pub use sets::{Split, TaskSet, UnknownTaskSet};
pub use tasks::{Task, TaskType};

/// The wording of the exported grammar and walkthrough (one type for the whole workspace).
pub use text_render::alfworld::Wording;

/// A generated game: a household, a solvable task, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedGame {
    /// The split and index, when the game belongs to a task set.
    pub split: Option<(Split, u32)>,
    /// The household seed.
    pub seed: u64,
    /// The room and its objects.
    pub household: Household,
    /// The task.
    pub task: Task,
}

impl GeneratedGame {
    /// A game on ALFRED scene `scene` with a task of `task_type` (any valid type if `None`), or
    /// `None` when the scene number is unknown or the room allows no such task for this seed.
    pub fn on_scene(scene: u16, task_type: Option<TaskType>, seed: u64) -> Option<GeneratedGame> {
        let household = Household::alfred(scene, seed)?;
        Self::with_task(household, task_type, seed)
    }

    /// A game in a procedurally composed room of `kind` (see [`Household::procedural`]).
    pub fn procedural(
        kind: RoomKind,
        task_type: Option<TaskType>,
        seed: u64,
    ) -> Option<GeneratedGame> {
        Self::with_task(Household::procedural(kind, seed), task_type, seed)
    }

    fn with_task(
        household: Household,
        task_type: Option<TaskType>,
        seed: u64,
    ) -> Option<GeneratedGame> {
        let mut rng = ChaCha8Rng::seed_from_u64(household::mix(seed, 0x7a5c));
        let types: Vec<TaskType> = match task_type {
            Some(t) => vec![t],
            None => TaskType::ALL
                .into_iter()
                .filter(|t| !tasks::candidates(&household, *t).is_empty())
                .collect(),
        };
        if types.is_empty() {
            return None;
        }
        let t = types[rand::RngExt::random_range(&mut rng, 0..types.len())];
        let task = tasks::sample_task(&household, t, &mut rng)?;
        Some(GeneratedGame {
            split: None,
            seed,
            household,
            task,
        })
    }

    /// The task folder name, e.g. `pick_heat_then_place_in_recep-Potato-None-CounterTop-13`.
    pub fn name(&self) -> String {
        self.task.folder_name(self.household.source.number())
    }

    /// The trial id (`traj_data.json` `task_id` and the trial folder name).
    pub fn task_id(&self) -> String {
        match self.split {
            Some((split, index)) => format!("trial_gen_{split}_{index:05}"),
            None => format!("trial_gen_{:016x}", self.seed),
        }
    }

    /// The names ALFWorld's demangler gives the receptacles and objects.
    pub fn names(&self) -> Names {
        names::names(&self.household)
    }

    /// A command list that wins the game from its start (the file's `walkthrough`).
    pub fn walkthrough(&self, wording: Wording) -> Vec<String> {
        plan::walkthrough(&self.household, &self.task, &self.names(), wording).unwrap_or_default()
    }
}
