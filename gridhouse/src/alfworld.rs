//! ALFWorld envs through the front door: a task set (generated, a folder of real ALFWorld
//! game folders, or one game file) played one game per episode, the game picked by the seed.
//!
//! Game choice, a stable rule: `reset(seed)` plays game `seed % len` of the set (so seeds
//! `s, s+1, …` walk the set in order, and the same seed always gives the same game and, since
//! an ALFWorld game has no randomness of its own, the same episode); `reset_unseeded()` plays
//! the next game in order, as ALFWorld's own env iterates its game list; `reset_to(index)`
//! plays game `index` (DSPy's `init(idx)`).

use crate::Error;
use alfworld_core::expert::{Oracle, Searcher};
use alfworld_core::generator::{TaskSet, Wording};
use alfworld_core::taskset_dir::{DirTaskSet, load_game_file};
use alfworld_core::{Command, Game};
use env_api::Step;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// ALFWorld's evaluation budget (steps per episode), the default step limit.
pub const DEFAULT_MAX_STEPS: u32 = 50;

/// Where the games of an ALFWorld env come from.
#[derive(Debug)]
pub enum Games {
    /// A generated task set (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]`).
    Set(TaskSet),
    /// Real ALFWorld game folders under a directory (`alfworld-dir:PATH`).
    Dir(DirTaskSet),
    /// One game file (`game.tw-pddl`).
    File(PathBuf),
}

impl Games {
    /// The games an env id names: `alfworld/...` or `alfworld-dir:PATH`.
    pub fn from_env_id(id: &str) -> Result<Games, Error> {
        if let Some(path) = id.strip_prefix("alfworld-dir:") {
            return Games::from_dir(Path::new(path));
        }
        let set = TaskSet::from_env_id(id).map_err(|_| Error::UnknownId {
            id: id.to_string(),
            suggestions: crate::registry::suggest(id),
        })?;
        if set.is_empty() {
            return Err(Error::Load(format!("the task set {id} has no games")));
        }
        Ok(Games::Set(set))
    }

    /// Every game folder under `dir`.
    pub fn from_dir(dir: &Path) -> Result<Games, Error> {
        DirTaskSet::open(dir, None)
            .map(Games::Dir)
            .map_err(|e| Error::Load(e.to_string()))
    }

    /// Number of games.
    pub fn len(&self) -> usize {
        match self {
            Games::Set(s) => s.len(),
            Games::Dir(d) => d.len(),
            Games::File(_) => 1,
        }
    }

    /// Whether there are no games.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Game `i` (`i < len`), generated games in `wording`. A game that does not load is an
    /// error naming its file (or its index in the generated set).
    pub fn game(&self, i: usize, wording: Wording) -> Result<Game, Error> {
        match self {
            Games::Set(s) => {
                let g = s.game(i).ok_or(Error::NoSuchGame {
                    id: "task set".to_string(),
                    index: i,
                    len: s.len(),
                })?;
                Game::from_generated(&g, wording)
                    .map_err(|e| Error::Load(format!("generated game {i}: {e}")))
            }
            Games::Dir(d) => d.game(i).map_err(|e| Error::Load(e.to_string())),
            Games::File(p) => load_game_file(p).map_err(|e| Error::Load(e.to_string())),
        }
    }

    /// The file game `i` is read from (`None` for generated games).
    pub fn path(&self, i: usize) -> Option<&Path> {
        match self {
            Games::Set(_) => None,
            Games::Dir(d) => d.paths().get(i).map(PathBuf::as_path),
            Games::File(p) => Some(p),
        }
    }
}

/// A wording by name: `0.4.2` (also `0.4`, `v042`) or `0.3` (also `v03`).
pub fn parse_wording(s: &str) -> Result<Wording, Error> {
    match s {
        "0.4.2" | "0.4" | "v042" => Ok(Wording::V042),
        "0.3" | "0.3.5" | "v03" => Ok(Wording::V03),
        _ => Err(Error::Invalid(format!(
            "unknown wording `{s}` (expected 0.4.2 or 0.3)"
        ))),
    }
}

/// An ALFWorld env: its games, the game of the current episode and that episode.
///
/// ```
/// let mut env = gridhouse::AlfworldEnv::make("alfworld/valid_seen").unwrap();
/// env.reset(3).unwrap();
/// assert_eq!(env.game_index(), 3);
/// assert!(env.text().contains("Your task is to:"));
/// let command = env.expert_command().unwrap();
/// let step = env.step_text(&command);
/// assert!(!step.truncated);
/// ```
#[derive(Clone, Debug)]
pub struct AlfworldEnv {
    id: Arc<str>,
    games: Arc<Games>,
    wording: Wording,
    max_steps: Option<u32>,
    index: usize,
    /// The wording the current game was built in.
    built_wording: Wording,
    env: alfworld_core::GameEnv,
    oracle: Option<Box<Oracle>>,
    /// The error of the last failed reset, for callers that cannot return one (a batch).
    error: Option<Error>,
}

impl AlfworldEnv {
    /// The env of an id (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]` or `alfworld-dir:PATH`),
    /// playing game 0, generated games in ALFWorld 0.4.2's wording, 50 steps per episode.
    pub fn make(id: &str) -> Result<AlfworldEnv, Error> {
        let games = Games::from_env_id(id)?;
        AlfworldEnv::with_games(id, Arc::new(games), Wording::V042)
    }

    /// The env over `games` (shared between envs), named `id`, starting at game 0 (or the
    /// first game that loads, when the first ones do not).
    pub fn with_games(id: &str, games: Arc<Games>, wording: Wording) -> Result<Self, Error> {
        if games.is_empty() {
            return Err(Error::Load(format!("{id}: no games")));
        }
        // The env starts at the first game that loads (a bad game is reported when an episode
        // asks for it, not by making the whole set unusable); all failing is an error.
        let mut first_error = None;
        let mut found = None;
        for i in 0..games.len().min(64) {
            match games.game(i, wording) {
                Ok(g) => {
                    found = Some((i, g));
                    break;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        let Some((index, game)) = found else {
            return Err(first_error.unwrap_or_else(|| Error::Load(format!("{id}: no games"))));
        };
        let dialect = game.wording();
        let mut env = alfworld_core::GameEnv::new(game, dialect);
        env.set_step_limit(Some(DEFAULT_MAX_STEPS));
        env.reset();
        Ok(AlfworldEnv {
            id: Arc::from(id),
            games,
            wording,
            max_steps: Some(DEFAULT_MAX_STEPS),
            index,
            built_wording: wording,
            env,
            oracle: None,
            error: None,
        })
    }

    /// The id this env was made from.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The games.
    pub fn games(&self) -> &Arc<Games> {
        &self.games
    }

    /// Number of games in the set.
    pub fn num_games(&self) -> usize {
        self.games.len()
    }

    /// The wording of generated games.
    pub fn wording(&self) -> Wording {
        self.wording
    }

    /// Sets the wording of generated games (0.4.2 `move`, 0.3 `put`); takes effect at the next
    /// reset. Game files keep their own wording.
    pub fn set_wording(&mut self, wording: Wording) {
        self.wording = wording;
    }

    /// Sets the step limit (`None`: never truncate); takes effect now.
    pub fn set_max_steps(&mut self, limit: Option<u32>) {
        self.max_steps = limit;
        self.env.set_step_limit(limit);
    }

    /// The step limit.
    pub fn max_steps(&self) -> Option<u32> {
        self.max_steps
    }

    /// The index of the current game in the set.
    pub fn game_index(&self) -> usize {
        self.index
    }

    /// The game file of the current game (`None` for generated games).
    pub fn game_path(&self) -> Option<&Path> {
        self.games.path(self.index)
    }

    /// Plays game `seed % num_games()` from its start.
    pub fn reset(&mut self, seed: u64) -> Result<(), Error> {
        let index = (seed % self.games.len() as u64) as usize;
        self.reset_to(index)
    }

    /// Plays the game after the current one (wrapping around).
    pub fn reset_unseeded(&mut self) -> Result<(), Error> {
        self.reset_to((self.index + 1) % self.games.len())
    }

    /// Plays game `index` of the set from its start (the built game is reused when it is
    /// the current one).
    pub fn reset_to(&mut self, index: usize) -> Result<(), Error> {
        let len = self.games.len();
        if index >= len {
            return Err(Error::NoSuchGame {
                id: self.id.to_string(),
                index,
                len,
            });
        }
        let same_game = index == self.index && self.built_wording == self.wording;
        if !same_game {
            let game = self.games.game(index, self.wording)?;
            let dialect = game.wording();
            self.env = alfworld_core::GameEnv::new(game, dialect);
            self.env.set_step_limit(self.max_steps);
            self.index = index;
            self.built_wording = self.wording;
        }
        self.env.reset();
        self.oracle = None;
        self.error = None;
        Ok(())
    }

    /// The episode in progress (game, state, typed commands).
    pub fn env(&self) -> &alfworld_core::GameEnv {
        &self.env
    }

    /// The episode in progress, mutable.
    pub fn env_mut(&mut self) -> &mut alfworld_core::GameEnv {
        &mut self.env
    }

    /// One step with a text command; any text is accepted and answered as ALFWorld answers
    /// it (`Nothing happens.` for what is no admissible command). Reward 1 on the winning
    /// step; `terminated` once won; `truncated` at the step limit.
    pub fn step_text(&mut self, command: &str) -> Step {
        let was_won = self.env.won();
        let out = self.env.step_text(command);
        step_of(was_won, out.won, out.truncated)
    }

    /// One step with a typed command.
    pub fn step(&mut self, command: Command) -> Step {
        let was_won = self.env.won();
        let out = self.env.step(command);
        step_of(was_won, out.won, out.truncated)
    }

    /// The last feedback (the intro right after a reset).
    pub fn text(&self) -> &str {
        self.env.feedback()
    }

    /// The task line (`Your task is to: put a clean mug in coffeemachine.`'s sentence).
    pub fn mission(&self) -> &str {
        self.env.game().task_line()
    }

    /// The admissible commands, in ALFWorld's order.
    pub fn admissible(&mut self) -> &[String] {
        self.env.admissible_texts()
    }

    /// Whether the goal holds.
    pub fn won(&self) -> bool {
        self.env.won()
    }

    /// `"alfworld/train game 7"`, or the game file's path.
    fn game_name(&self) -> String {
        match self.game_path() {
            Some(p) => p.display().to_string(),
            None => format!("{} game {}", self.id, self.index),
        }
    }

    /// The oracle expert's next command (shortest plan from the true state).
    pub fn expert(&mut self) -> Result<Command, Error> {
        if self.oracle.is_none() {
            let o = Oracle::new(self.env.game())
                .map_err(|e| Error::Expert(format!("{}: {e}", self.game_name())))?;
            self.oracle = Some(Box::new(o));
        }
        let oracle = self.oracle.as_mut().expect("made above");
        oracle
            .next(self.env.game(), self.env.state())
            .ok_or_else(|| {
                Error::Expert(format!(
                    "{}: the oracle has no plan from this state",
                    self.game_name()
                ))
            })
    }

    /// The oracle expert's next command as text.
    pub fn expert_command(&mut self) -> Result<String, Error> {
        let cmd = self.expert()?;
        let mut out = String::new();
        self.env.render_command(cmd, &mut out);
        Ok(out)
    }

    /// A searcher expert for the current game (plays from what it has observed only).
    pub fn searcher(&self) -> Result<Searcher, Error> {
        Searcher::new(self.env.game())
            .map_err(|e| Error::Expert(format!("{}: {e}", self.game_name())))
    }

    /// The error of the last reset made through [`env_api::Env::reset`], if it failed.
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }
}

fn step_of(was_won: bool, won: bool, truncated: bool) -> Step {
    Step {
        reward: if won && !was_won { 1.0 } else { 0.0 },
        terminated: won,
        truncated: truncated && !won,
    }
}

impl env_api::Env for AlfworldEnv {
    type Action = Command;

    /// [`AlfworldEnv::reset`]; a failure is kept for [`AlfworldEnv::take_error`].
    fn reset(&mut self, seed: u64) {
        if let Err(e) = AlfworldEnv::reset(self, seed) {
            self.error = Some(e);
        }
    }

    /// [`AlfworldEnv::reset_unseeded`] (the next game); a failure is kept likewise.
    fn reset_unseeded(&mut self) {
        if let Err(e) = AlfworldEnv::reset_unseeded(self) {
            self.error = Some(e);
        }
    }

    fn step(&mut self, action: Command) -> Step {
        AlfworldEnv::step(self, action)
    }
}

impl env_api::Observe for AlfworldEnv {
    type Obs = String;

    fn observe(&self, out: &mut String) {
        out.clear();
        out.push_str(self.text());
    }
}
