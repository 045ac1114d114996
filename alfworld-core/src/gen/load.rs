//! Generated games straight into the engine: the exported problem text is read by the same
//! loader as a game file, but the JSON wrapper, the grammar text and the walkthrough are never
//! built, and the domain is ALFWorld 0.4.2's embedded one (parsed once per thread).

use super::export::{self, DOMAIN};
use super::{GeneratedGame, Wording};
use crate::error::LoadError;
use crate::game::{Game, TrajData, parse_domain_cached};
use text_render::alfworld::Dialect;

impl Game {
    /// The engine's game for a generated game in `wording`: the same [`Game`] as loading its
    /// exported `game.tw-pddl` with its `traj_data.json` (tested), without the text round trip
    /// through JSON.
    pub fn from_generated(game: &GeneratedGame, wording: Wording) -> Result<Game, LoadError> {
        let problem = export::problem_text(&game.household, &game.task, &game.name());
        let domain = parse_domain_cached(DOMAIN)?;
        let dialect = match wording {
            Wording::V042 => Dialect::V042,
            Wording::V03 => Dialect::V03,
        };
        let task = &game.task;
        let traj = TrajData {
            task_type: Some(task.task_type),
            object_target: task.object.to_string(),
            parent_target: task.parent.to_string(),
            toggle_target: task.toggle.to_string(),
        };
        let task_line = format!("Your task is to: {}.", task.sentence);
        Game::build(&problem, Some(&domain), task_line, Some(traj), dialect)
    }
}
