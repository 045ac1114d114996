//! The environment: a game, its wording, and one episode's state.

use crate::commands::{self, Command};
use crate::game::Game;
use crate::goals::{self, Val};
use crate::rules;
use crate::state::State;
use std::sync::Arc;
use text_render::alfworld::{self as words, Wording};

mod restore;
pub use restore::StateMismatch;

/// The result of one step. `done` is ALFWorld's `done = won` (or the step limit, when set).
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepOut<'a> {
    /// The feedback text, word for word as ALFWorld prints it.
    pub feedback: &'a str,
    /// The goal holds in the state after this step.
    pub won: bool,
    /// `won`, or the step limit was reached.
    pub done: bool,
    /// The step limit was reached (`done` may then be true without `won`).
    pub truncated: bool,
}

/// One ALFWorld episode over a shared, immutable [`Game`].
///
/// ```
/// # fn main() -> Result<(), alfworld_core::LoadError> {
/// # let json = alfworld_core::testing::tiny_game_json();
/// use alfworld_core::{Wording, GameEnv, Game};
/// let game = Game::from_tw_pddl(&json)?;
/// let mut env = GameEnv::new(game, Wording::V042);
/// assert!(env.reset().starts_with("-= Welcome to TextWorld, ALFRED! =-"));
/// let out = env.step_text("go to countertop 1");
/// assert_eq!(
///     out.feedback,
///     "You arrive at countertop 1. On the countertop 1, you see a apple 1, and a desklamp 1."
/// );
/// let out = env.step_text("take apple 1 from countertop 1");
/// assert!(!out.won);
/// let _ = env.step_text("go to fridge 1");
/// let _ = env.step_text("open fridge 1");
/// let out = env.step_text("move apple 1 to fridge 1");
/// assert!(out.won && out.done);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct GameEnv {
    game: Arc<Game>,
    dialect: Wording,
    state: State,
    lenient: bool,
    max_steps: Option<u32>,
    steps: u32,
    won: bool,
    feedback: String,
    scratch: String,
    admissible: Vec<Command>,
    admissible_fresh: bool,
    /// Rendered admissible commands: `texts[..n_texts]` are current, the rest are spare
    /// buffers kept for reuse.
    texts: Vec<String>,
    n_texts: usize,
    /// `texts[..n_texts]` render the current `admissible`.
    texts_fresh: bool,
    /// The current admissible commands' texts, one after another, with their spans in
    /// `admissible` order (and sort keys while sorting).
    sort_buf: String,
    sort_items: Vec<SortItem>,
    bind: Vec<Val>,
}

impl GameEnv {
    /// An environment for `game` in `dialect` (use [`Game::wording`] for the game's own).
    /// Call [`GameEnv::reset`] before stepping.
    pub fn new(game: impl Into<Arc<Game>>, dialect: Wording) -> GameEnv {
        let game = game.into();
        let state = game.init.clone();
        let slots = game.goal.slots();
        GameEnv {
            game,
            dialect,
            state,
            lenient: false,
            max_steps: None,
            steps: 0,
            won: false,
            feedback: String::with_capacity(512),
            scratch: String::with_capacity(64),
            admissible: Vec::with_capacity(64),
            admissible_fresh: false,
            texts: Vec::new(),
            n_texts: 0,
            texts_fresh: false,
            sort_buf: String::with_capacity(2048),
            sort_items: Vec::with_capacity(64),
            bind: vec![Val::default(); slots],
        }
    }

    /// Truncates episodes after `limit` steps (ALFWorld's evaluations use 50); `None` (the
    /// default) never truncates, like `PddlEnv`.
    pub fn set_step_limit(&mut self, limit: Option<u32>) {
        self.max_steps = limit;
    }

    /// Lenient parsing: case and runs of spaces are ignored (off by default; ALFWorld matches
    /// exactly).
    pub fn set_lenient(&mut self, lenient: bool) {
        self.lenient = lenient;
    }

    /// The game.
    pub fn game(&self) -> &Game {
        &self.game
    }

    /// The wording in use.
    pub fn wording(&self) -> Wording {
        self.dialect
    }

    /// The current state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether the goal holds now.
    pub fn won(&self) -> bool {
        self.won
    }

    /// Steps taken since the last reset.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// The last feedback (the intro after a reset).
    pub fn feedback(&self) -> &str {
        &self.feedback
    }

    /// Starts the episode again from the game's initial state; returns the intro text.
    pub fn reset(&mut self) -> &str {
        self.state.clone_from(&self.game.init);
        self.steps = 0;
        self.admissible_fresh = false;
        self.won = goals::evaluate(&self.game, &self.state, &mut self.bind);
        self.feedback.clear();
        self.feedback.push_str(words::INTRO_HEADER);
        rules::describe_look(&self.game, &self.state, true, &mut self.feedback);
        words::intro_tail(&mut self.feedback, &self.game.task_line);
        &self.feedback
    }

    /// Parses `text` into a command of this game (exact match after trimming, or lenient when
    /// enabled); does not check that it is admissible.
    pub fn parse(&mut self, text: &str) -> Option<Command> {
        if self.lenient {
            commands::normalise_into(text, &mut self.scratch);
            commands::parse(&self.game, self.dialect, &self.scratch)
        } else {
            commands::parse(&self.game, self.dialect, text)
        }
    }

    /// Whether `cmd` is admissible now.
    pub fn is_admissible(&self, cmd: Command) -> bool {
        rules::applicable(&self.game, &self.state, cmd)
    }

    /// Plays a text command: `Nothing happens.` (and no change) unless it is admissible.
    pub fn step_text(&mut self, text: &str) -> StepOut<'_> {
        let cmd = self.parse(text);
        self.step_inner(cmd)
    }

    /// Plays a structured command: `Nothing happens.` (and no change) unless it is admissible.
    pub fn step(&mut self, cmd: Command) -> StepOut<'_> {
        self.step_inner(Some(cmd))
    }

    fn step_inner(&mut self, cmd: Option<Command>) -> StepOut<'_> {
        self.steps = self.steps.saturating_add(1);
        self.feedback.clear();
        match cmd.filter(|&c| rules::applicable(&self.game, &self.state, c)) {
            Some(c) => {
                rules::apply(
                    &self.game,
                    self.dialect,
                    &mut self.state,
                    c,
                    &mut self.feedback,
                );
                if c.changes_state() {
                    self.admissible_fresh = false;
                    self.won = goals::evaluate(&self.game, &self.state, &mut self.bind);
                }
            }
            None => self.feedback.push_str(words::NOTHING_HAPPENS),
        }
        let truncated = self.max_steps.is_some_and(|m| self.steps >= m);
        StepOut {
            feedback: &self.feedback,
            won: self.won,
            done: self.won || truncated,
            truncated,
        }
    }

    /// The admissible commands in ALFWorld's order (byte-sorted texts, no repeats).
    pub fn admissible(&mut self) -> &[Command] {
        if !self.admissible_fresh {
            self.admissible.clear();
            rules::candidates(&self.game, &self.state, &mut self.admissible);
            self.sort_admissible();
            self.admissible_fresh = true;
            self.texts_fresh = false;
        }
        &self.admissible
    }

    /// Sorts `admissible` as ALFWorld lists them (`sorted(set(texts))`, byte order) and drops
    /// same-text repeats: each text is rendered once into `sort_buf`, and compared by a key of
    /// its first 16 bytes, then by its bytes when the keys tie.
    fn sort_admissible(&mut self) {
        self.sort_buf.clear();
        self.sort_items.clear();
        for &cmd in &self.admissible {
            let start = self.sort_buf.len();
            cmd.render(&self.game, self.dialect, &mut self.sort_buf);
            let text = &self.sort_buf.as_bytes()[start..];
            let mut k = [0u8; 16];
            let n = text.len().min(16);
            k[..n].copy_from_slice(&text[..n]);
            self.sort_items.push(SortItem {
                key: u128::from_be_bytes(k),
                start: start as u32,
                end: self.sort_buf.len() as u32,
                cmd,
            });
        }
        let buf = self.sort_buf.as_bytes();
        let text = |it: &SortItem| &buf[it.start as usize..it.end as usize];
        self.sort_items
            .sort_unstable_by(|a, b| a.key.cmp(&b.key).then_with(|| text(a).cmp(text(b))));
        self.sort_items
            .dedup_by(|a, b| a.key == b.key && text(a) == text(b));
        self.admissible.clear();
        self.admissible
            .extend(self.sort_items.iter().map(|it| it.cmd));
    }

    /// Appends `cmd`'s text in this env's wording.
    pub fn render_command(&self, cmd: Command, out: &mut String) {
        cmd.render(&self.game, self.dialect, out);
    }

    /// The admissible commands as text, in ALFWorld's order (rendered into buffers the env
    /// keeps, so repeated calls do not allocate; rendered again only after the state changed).
    pub fn admissible_texts(&mut self) -> &[String] {
        self.admissible();
        if self.texts_fresh {
            return &self.texts[..self.n_texts];
        }
        self.texts_fresh = true;
        let n = self.admissible.len();
        while self.texts.len() < n {
            self.texts.push(String::new());
        }
        for (it, s) in self.sort_items.iter().zip(&mut self.texts) {
            s.clear();
            s.push_str(&self.sort_buf[it.start as usize..it.end as usize]);
        }
        self.n_texts = n;
        &self.texts[..self.n_texts]
    }
}

impl GameEnv {
    /// Bytes this env owns on the heap (its state, text buffers and command lists; the shared
    /// [`Game`] is not counted). With `size_of::<GameEnv>()` this is the env's whole footprint.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.state.heap_bytes()
            + self.feedback.capacity()
            + self.scratch.capacity()
            + self.admissible.capacity() * size_of::<Command>()
            + self.texts.capacity() * size_of::<String>()
            + self.texts.iter().map(String::capacity).sum::<usize>()
            + self.bind.capacity() * size_of::<Val>()
            + self.sort_buf.capacity()
            + self.sort_items.capacity() * size_of::<SortItem>()
    }
}

/// One admissible command while sorting: a key (its text's first 16 bytes, big-endian, zero
/// padded: a smaller key is a smaller text) and its text's span in the env's buffer.
#[derive(Clone, Copy, Debug)]
struct SortItem {
    key: u128,
    start: u32,
    end: u32,
    cmd: Command,
}

/// The shared Gym-like interface: `reset` ignores the seed (a game file is one fixed episode),
/// `step` rewards 1 when won (ALFWorld's score), `terminated = won`, `truncated` by the step
/// limit.
impl env_api::Env for GameEnv {
    type Action = Command;

    fn reset(&mut self, _seed: u64) {
        GameEnv::reset(self);
    }

    fn step(&mut self, action: Command) -> env_api::Step {
        let out = GameEnv::step(self, action);
        env_api::Step {
            reward: if out.won { 1.0 } else { 0.0 },
            terminated: out.won,
            truncated: out.truncated,
        }
    }
}
