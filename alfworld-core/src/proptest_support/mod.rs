//! Property-testing ALFWorld rules (feature `proptest`): strategies over games and command
//! walks, the engine's invariants as functions returning a typed [`Violation`], an
//! independent goal check ([`goal_holds`], written from ALFWorld's goal library, not from
//! the game's compiled goal) and replayable counterexample traces ([`trace_line`]).
//!
//! The project's own state-machine tests (`tests/prop_state_machine.rs`) and
//! `gridhouse check` run exactly [`check_walk`].
//!
//! Property-test your own rule ("`inventory` never changes the state"):
//!
//! ```
//! use alfworld_core::proptest_support::{self as pt, Rule, Violation};
//! use alfworld_core::{Command, GameEnv, Wording};
//! use proptest::prelude::*;
//!
//! fn inventory_is_read_only(g: &pt::CheckedGame, walk: &[pt::CmdMove]) -> Result<(), Violation> {
//!     let mut env = GameEnv::new(g.game.clone(), Wording::V042);
//!     env.reset();
//!     for (i, m) in walk.iter().enumerate() {
//!         pt::play(&mut env, m);
//!         let before = env.state().clone();
//!         let _ = env.step(Command::Inventory);
//!         if env.state() != &before {
//!             return Err(Violation::new(Rule::Custom("inventory changed"), "", i, "inventory"));
//!         }
//!     }
//!     Ok(())
//! }
//!
//! proptest!(ProptestConfig::with_cases(8), |(g in pt::tiny_games(), walk in pt::walk(1..30))| {
//!     inventory_is_read_only(&g, &walk).map_err(|v| TestCaseError::fail(v.to_string()))?;
//! });
//! ```

use crate::catalog::Props;
use crate::game::TrajData;
use crate::generator::TaskSet;
use crate::{Command, Game, GameEnv, LoadOptions, ObjState, State, TaskType, Wording};
/// The proptest crate these strategies are built with (for users without their own
/// dependency on it: `use alfworld_core::proptest_support::proptest::prelude::*`).
pub use proptest;
use proptest::prelude::*;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// Which rule a [`Violation`] broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// An object is in no place or in more than one kind of place (held, in receptacles,
    /// inside a receptacle object), or in more receptacles than it started in.
    ObjectPlacement,
    /// An admissible command changed nothing and answered "Nothing happens.".
    AdmissibleDidNothing,
    /// An inadmissible command answered something other than "Nothing happens.".
    InadmissibleAnswered,
    /// An inadmissible command changed the state.
    InadmissibleChangedState,
    /// `won` differs from the independent evaluation of the task.
    WonDiffersFromGoal,
    /// A user-defined rule.
    Custom(&'static str),
}

impl Rule {
    /// A short kebab-case name (used in trace lines).
    pub fn name(self) -> &'static str {
        match self {
            Rule::ObjectPlacement => "object-placement",
            Rule::AdmissibleDidNothing => "admissible-did-nothing",
            Rule::InadmissibleAnswered => "inadmissible-answered",
            Rule::InadmissibleChangedState => "inadmissible-changed-state",
            Rule::WonDiffersFromGoal => "won-differs-from-goal",
            Rule::Custom(s) => s,
        }
    }
}

/// A broken rule: which rule, a short state description, the index of the command in the
/// walk and the command's text (a violation right after the reset has index 0 and an empty
/// command).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// What went wrong, with the relevant state.
    pub state: String,
    /// Index of the offending command in the walk.
    pub step: usize,
    /// The offending command (its text, or its structure when it names no entity).
    pub command: String,
}

impl Violation {
    /// A violation of `rule` by command `command` at walk index `step`.
    pub fn new(
        rule: Rule,
        state: impl Into<String>,
        step: usize,
        command: impl Into<String>,
    ) -> Violation {
        Violation {
            rule,
            state: state.into(),
            step,
            command: command.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at command {} ({:?}): {}",
            self.rule.name(),
            self.step,
            self.command,
            self.state
        )
    }
}

impl std::error::Error for Violation {}

/// A game with the task from its `traj_data.json` (for [`goal_holds`]) and, for generated
/// games, its `SET/INDEX` name (for [`trace_line`]).
#[derive(Clone, Debug)]
pub struct CheckedGame {
    /// The game.
    pub game: Arc<Game>,
    /// Its task, when known.
    pub traj: Option<TrajData>,
    /// `SET/INDEX` of a generated task-set game.
    pub name: Option<String>,
}

impl CheckedGame {
    /// Loads a game file's JSON with its `traj_data.json` text.
    pub fn load(game_json: &str, traj_json: Option<&str>) -> Result<CheckedGame, String> {
        let game =
            Game::load(game_json, traj_json, LoadOptions::default()).map_err(|e| e.to_string())?;
        let traj = match traj_json {
            Some(t) => Some(TrajData::parse(t).map_err(|e| e.to_string())?),
            None => None,
        };
        Ok(CheckedGame {
            game: Arc::new(game),
            traj,
            name: None,
        })
    }

    /// Game `i` of the task set `env_id` (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]`), exported
    /// in `wording` and loaded back through the game-file loader (as `gridhouse replay
    /// alfworld` loads generated games).
    pub fn task_set_game(env_id: &str, i: usize, wording: Wording) -> Result<CheckedGame, String> {
        let set = TaskSet::from_env_id(env_id).map_err(|e| e.to_string())?;
        task_set_game_of(&set, i, wording)
    }
}

fn task_set_game_of(set: &TaskSet, i: usize, wording: Wording) -> Result<CheckedGame, String> {
    use crate::generator::export;
    let g = set
        .game(i)
        .ok_or_else(|| format!("the task set has {} games, no game {i}", set.len()))?;
    let json = export::tw_pddl_json(&g, wording).to_string();
    let traj = export::traj_data_json(&g).to_string();
    let mut c = CheckedGame::load(&json, Some(&traj))?;
    c.name = g.split.map(|(s, k)| format!("{s}/{k}"));
    Ok(c)
}

// ---------------------------------------------------------------------------------------
// Strategies.

/// Any of the generated task-set env ids ([`crate::ENV_IDS`]).
pub fn env_id() -> impl Strategy<Value = &'static str> {
    prop::sample::select(crate::ENV_IDS)
}

/// Games of the task set `env_id`, by index, in `wording`. Panics if `env_id` names no
/// task set (a test setup error).
pub fn task_set_games(env_id: &str, wording: Wording) -> impl Strategy<Value = CheckedGame> {
    let set = TaskSet::from_env_id(env_id).expect("a task-set env id");
    let n = set.len().max(1);
    (0..n).prop_map(move |i| task_set_game_of(&set, i, wording).expect("a generated game"))
}

/// The tiny hand-written game of [`crate::testing`] (with each of its goals).
pub fn tiny_games() -> impl Strategy<Value = CheckedGame> {
    Just(()).prop_map(|_| {
        let game = Game::from_tw_pddl(&crate::testing::tiny_game_json()).expect("tiny game");
        CheckedGame {
            game: Arc::new(game),
            traj: None,
            name: None,
        }
    })
}

/// Either wording.
pub fn wording() -> impl Strategy<Value = Wording> {
    prop_oneof![Just(Wording::V042), Just(Wording::V03)]
}

/// An arbitrary structured command; indices may run past the game's entities.
pub fn command(kind: u8, a: u16, b: u16) -> Command {
    match kind % 15 {
        0 => Command::Look,
        1 => Command::Inventory,
        2 => Command::Help,
        3 => Command::GoTo(a),
        4 => Command::Open(a),
        5 => Command::Close(a),
        6 => Command::Take(a, b),
        7 => Command::Put(a, b),
        8 => Command::Heat(a, b),
        9 => Command::Cool(a, b),
        10 => Command::Clean(a, b),
        11 => Command::Slice(a, b),
        12 => Command::Use(a),
        13 => Command::ExamineReceptacle(a),
        _ => Command::ExamineObject(a),
    }
}

/// One command of a walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CmdMove {
    /// Admissible command number `i` (modulo the list's length).
    Admissible(u16),
    /// A structured command of kind `k` with arguments picked from `a`, `b`: mostly in
    /// range, sometimes just past the end, rarely anything ([`resolve`]).
    Garbage(u8, u16, u16),
    /// A text command (mostly not a command at all).
    Text(String),
}

/// Garbage text commands: near misses of real commands and arbitrary text.
pub fn garbage_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "go to",
                "take",
                "open fridge",
                "go to nowhere 1",
                "put apple 1 in/on",
                "look ",
                " inventory",
                "LOOK",
                "examine",
                "use",
                "heat",
                "",
            ][..]
        )
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

/// Walks: 70% admissible commands, the rest structured garbage and text garbage.
pub fn walk(len: Range<usize>) -> impl Strategy<Value = Vec<CmdMove>> {
    prop::collection::vec(
        prop_oneof![
            7 => any::<u16>().prop_map(CmdMove::Admissible),
            2 => (any::<u8>(), any::<u16>(), any::<u16>()).prop_map(|(k, a, b)| CmdMove::Garbage(k, a, b)),
            1 => garbage_text().prop_map(CmdMove::Text),
        ],
        len,
    )
}

/// The structured command a move plays in `env`'s current state (`None` for text).
pub fn resolve(env: &mut GameEnv, m: &CmdMove) -> Option<Command> {
    let (n_obj, n_rec) = (
        env.game().objects().len() as u16,
        env.game().receptacles().len() as u16,
    );
    match *m {
        CmdMove::Admissible(i) => {
            let adm = env.admissible();
            adm.get(i as usize % adm.len().max(1)).copied()
        }
        CmdMove::Garbage(k, a, b) => {
            let pick = |x: u16, n: u16| match x % 8 {
                0 => x,
                1 => n + x % 3,
                _ => x % n.max(1),
            };
            let (a, b) = match command(k, 0, 0) {
                Command::Take(..)
                | Command::Put(..)
                | Command::Heat(..)
                | Command::Cool(..)
                | Command::Clean(..) => (pick(a, n_obj), pick(b, n_rec)),
                Command::Slice(..) | Command::Use(_) | Command::ExamineObject(_) => {
                    (pick(a, n_obj), pick(b, n_obj))
                }
                _ => (pick(a, n_rec), 0),
            };
            Some(command(k, a, b))
        }
        CmdMove::Text(_) => None,
    }
}

/// The text a structured command is written as in a trace: its rendering when admissible,
/// else its structure (`Take(3, 99)`), which no wording parses, so a replay answers
/// "Nothing happens." as the structured command must.
pub fn command_text(env: &mut GameEnv, cmd: Command) -> String {
    if env.admissible().contains(&cmd) {
        let mut s = String::new();
        env.render_command(cmd, &mut s);
        s
    } else {
        format!("{cmd:?}")
    }
}

/// Plays one move; returns the command's text (as [`command_text`]).
pub fn play(env: &mut GameEnv, m: &CmdMove) -> String {
    match (resolve(env, m), m) {
        (Some(c), _) => {
            let t = command_text(env, c);
            let _ = env.step(c);
            t
        }
        (None, CmdMove::Text(t)) => {
            let _ = env.step_text(t);
            t.clone()
        }
        (None, _) => {
            let _ = env.step_text("");
            String::new()
        }
    }
}

// ---------------------------------------------------------------------------------------
// Invariants.

/// ALFWorld's goal library (spec §5) evaluated directly on the state for the task of
/// `traj` (not the game's compiled `:goal`).
pub fn goal_holds(game: &Game, traj: &TrajData, st: &State) -> bool {
    let otype = |name: &str| game.otype_index(&format!("{}type", name.to_lowercase()));
    let rtype = |name: &str| game.rtype_index(&format!("{}type", name.to_lowercase()));
    let objs = game.objects();
    let n_obj = objs.len() as u16;
    let n_rec = game.receptacles().len() as u16;
    let of_type = |o: u16, t: Option<u16>| t.is_some() && objs[o as usize].otype == t;
    let Some(task) = traj.task_type else {
        return false;
    };
    match task {
        TaskType::LookAtObjInLight => {
            let (lamp_t, obj_t) = (otype(&traj.toggle_target), otype(&traj.object_target));
            let here = st.agent_location();
            let lamp_here = (0..n_obj).any(|l| {
                of_type(l, lamp_t)
                    && objs[l as usize].props.contains(Props::TOGGLEABLE)
                    && st.object_state(l).contains(ObjState::TOGGLED)
                    && (0..n_rec).any(|r| {
                        st.is_in(l, r)
                            && here.is_some()
                            && game.receptacles()[r as usize].location == here
                    })
            });
            let holding = st.held().is_some_and(|o| of_type(o, obj_t));
            lamp_here && holding
        }
        TaskType::PickTwoObjAndPlace => {
            let (ot, rt) = (otype(&traj.object_target), rtype(&traj.parent_target));
            (0..n_rec).any(|r| {
                rt.is_some()
                    && game.receptacles()[r as usize].rtype == rt
                    && (0..n_obj)
                        .filter(|&o| of_type(o, ot) && st.is_in(o, r))
                        .count()
                        >= 2
            })
        }
        _ => {
            let need = match task {
                TaskType::PickCleanThenPlace => Some((Props::CLEANABLE, ObjState::CLEAN)),
                TaskType::PickHeatThenPlace => Some((Props::HEATABLE, ObjState::HOT)),
                TaskType::PickCoolThenPlace => Some((Props::COOLABLE, ObjState::COOL)),
                _ => None,
            };
            let (ot, rt) = (otype(&traj.object_target), rtype(&traj.parent_target));
            (0..n_obj).any(|o| {
                of_type(o, ot)
                    && need.is_none_or(|(p, f)| {
                        objs[o as usize].props.contains(p) && st.object_state(o).contains(f)
                    })
                    && (0..n_rec).any(|r| {
                        rt.is_some() && game.receptacles()[r as usize].rtype == rt && st.is_in(o, r)
                    })
            })
        }
    }
}

/// Per object: (held, number of receptacles it is in, inside a receptacle object).
pub fn places(game: &Game, st: &State) -> Vec<(bool, usize, bool)> {
    let n_rec = game.receptacles().len() as u16;
    (0..game.objects().len() as u16)
        .map(|o| {
            let inside = game.objects().iter().any(|p| p.contents.contains(&o));
            let recs = (0..n_rec).filter(|&r| st.is_in(o, r)).count();
            (st.held() == Some(o), recs, inside)
        })
        .collect()
}

/// Rule [`Rule::ObjectPlacement`]: every object is in exactly one kind of place (held, in
/// one or more receptacles, inside a receptacle object), never in more receptacles than at
/// the start (`start`: [`places`] after reset). ALFRED scenes put a few objects in two
/// receptacles at once, which is allowed.
pub fn check_placement(
    game: &Game,
    start: &[(bool, usize, bool)],
    st: &State,
    step: usize,
    command: &str,
) -> Result<(), Violation> {
    for (o, (&(held, recs, inside), &(_, recs0, _))) in
        places(game, st).iter().zip(start).enumerate()
    {
        let kinds = usize::from(held) + usize::from(recs > 0) + usize::from(inside);
        let ok = (kinds == 1 || (kinds == 0 && recs0 == 0)) && recs <= recs0.max(1);
        if !ok {
            return Err(Violation::new(
                Rule::ObjectPlacement,
                format!(
                    "object {o} held {held}, in {recs} receptacles (at the start {recs0}), inside {inside}"
                ),
                step,
                command,
            ));
        }
    }
    Ok(())
}

/// Rules [`Rule::AdmissibleDidNothing`], [`Rule::InadmissibleAnswered`],
/// [`Rule::InadmissibleChangedState`]: an admissible command changes the state or answers
/// something other than "Nothing happens."; an inadmissible one answers exactly that and
/// changes nothing.
pub fn check_command_effect(
    admissible: bool,
    before: &State,
    after: &State,
    feedback: &str,
    step: usize,
    command: &str,
) -> Result<(), Violation> {
    let nothing = feedback == "Nothing happens.";
    let changed = before != after;
    let rule = if admissible && nothing && !changed {
        Rule::AdmissibleDidNothing
    } else if !admissible && !nothing {
        Rule::InadmissibleAnswered
    } else if !admissible && changed {
        Rule::InadmissibleChangedState
    } else {
        return Ok(());
    };
    Err(Violation::new(
        rule,
        format!("feedback {feedback:?}"),
        step,
        command,
    ))
}

/// Rule [`Rule::WonDiffersFromGoal`]: `won` equals [`goal_holds`].
pub fn check_won(
    g: &CheckedGame,
    won: bool,
    st: &State,
    step: usize,
    command: &str,
) -> Result<(), Violation> {
    let Some(traj) = &g.traj else {
        return Ok(());
    };
    let want = goal_holds(&g.game, traj, st);
    if won != want {
        return Err(Violation::new(
            Rule::WonDiffersFromGoal,
            format!("won {won}, the goal library says {want}"),
            step,
            command,
        ));
    }
    Ok(())
}

/// A failed walk: the command texts played up to and including the offending one, and the
/// violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The commands played, as text ([`command_text`]).
    pub commands: Vec<String>,
    /// The broken rule.
    pub violation: Violation,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (after {} commands)",
            self.violation,
            self.commands.len()
        )
    }
}

/// Resets `env` (a [`GameEnv`] over `g.game`) and plays `walk`, checking every invariant
/// after the reset and after every command. `Ok` holds the command texts played.
pub fn check_walk(
    env: &mut GameEnv,
    g: &CheckedGame,
    walk: &[CmdMove],
) -> Result<Vec<String>, Failure> {
    env.reset();
    let mut commands: Vec<String> = Vec::new();
    let fail = |commands: &Vec<String>, violation| Failure {
        commands: commands.clone(),
        violation,
    };
    let start = places(&g.game, env.state());
    check_won(g, env.won(), env.state(), 0, "").map_err(|v| fail(&commands, v))?;
    for (i, m) in walk.iter().enumerate() {
        let cmd = match m {
            CmdMove::Text(t) => env.parse(t),
            _ => resolve(env, m),
        };
        let admissible = cmd.is_some_and(|c| env.admissible().contains(&c));
        let text = match (cmd, m) {
            (_, CmdMove::Text(t)) => t.clone(),
            (Some(c), _) => command_text(env, c),
            (None, _) => String::new(),
        };
        let before = env.state().clone();
        let out = match (cmd, m) {
            (_, CmdMove::Text(t)) => env.step_text(t),
            (Some(c), _) => env.step(c),
            (None, _) => env.step_text(""),
        };
        let (feedback, won) = (out.feedback.to_string(), out.won);
        commands.push(text);
        let text = commands.last().map(String::as_str).unwrap_or("");
        let r = check_command_effect(admissible, &before, env.state(), &feedback, i, text)
            .and_then(|_| check_won(g, won, env.state(), i, text))
            .and_then(|_| check_placement(&g.game, &start, env.state(), i, text));
        r.map_err(|v| fail(&commands, v))?;
    }
    Ok(commands)
}

// ---------------------------------------------------------------------------------------
// Replayable traces.

/// A trace line that `gridhouse replay alfworld FILE` replays: the game (`"game":
/// "SET/INDEX"` for a generated game, else `"gamefile": gamefile`), the wording, then the
/// intro and each command with the feedback, `won`, `done` and admissible commands the
/// engine produced when playing the texts. With a violation, a `"violation"` field names the
/// rule, command index, command and state (the replay ignores it).
pub fn trace_line(
    g: &CheckedGame,
    gamefile: Option<&str>,
    wording: Wording,
    commands: &[String],
    violation: Option<&Violation>,
) -> String {
    use serde_json::{Value, json};
    let mut env = GameEnv::new(g.game.clone(), wording);
    let intro = env.reset().to_string();
    let adm = |env: &mut GameEnv| json!(env.admissible_texts());
    let mut steps =
        vec![json!({"obs": intro, "won": env.won(), "admissible_commands": adm(&mut env)})];
    for c in commands {
        let out = env.step_text(c);
        let (obs, won, done) = (out.feedback.to_string(), out.won, out.done);
        steps.push(json!({"action": c, "obs": obs, "won": won, "done": done, "admissible_commands": adm(&mut env)}));
    }
    let mut line = json!({
        "policy": "gridhouse-check",
        "wording": if wording == Wording::V03 { "v03" } else { "v042" },
        "steps": Value::Array(steps),
    });
    match (&g.name, gamefile) {
        (_, Some(f)) => line["gamefile"] = json!(f),
        (Some(n), None) => line["game"] = json!(n),
        (None, None) => {}
    }
    if let Some(v) = violation {
        line["violation"] =
            json!({"rule": v.rule.name(), "step": v.step, "command": v.command, "state": v.state});
    }
    line.to_string()
}
