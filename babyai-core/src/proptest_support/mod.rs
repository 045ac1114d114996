//! Property-testing BabyAI rules (feature `proptest`): strategies, the engine's invariants as
//! functions returning a typed [`Violation`], a plain [`mod@reference`] model to diff against,
//! and replayable counterexample traces ([`trace_line`]).
//!
//! The project's own state-machine tests (`tests/prop_state_machine.rs`) and
//! `gridhouse check` run exactly [`check_episode`]. A user's wrapper, level variant or
//! reward shaping plugs in through [`Stepper`]; a custom rule is a closure over the world
//! before and after each step.
//!
//! Property-test your own rule in a few lines ("the agent never turns into a wall"):
//!
//! ```
//! use babyai_core::proptest_support::{self as pt, Rule, Violation};
//! use babyai_core::{Action, make};
//! use proptest::prelude::*;
//!
//! /// Turning never moves the agent.
//! fn turning_stays_put(id: &str, seed: u64, actions: &[Action]) -> Result<(), Violation> {
//!     let mut level = make(id).unwrap();
//!     level.reset(seed);
//!     for (i, &a) in actions.iter().enumerate() {
//!         let before = level.env().agent_pos();
//!         let step = level.step(a);
//!         if matches!(a, Action::Left | Action::Right) && level.env().agent_pos() != before {
//!             return Err(Violation::new(Rule::Custom("turning moved"), pt::describe(level.env()), i));
//!         }
//!         if step.terminated || step.truncated {
//!             break;
//!         }
//!     }
//!     Ok(())
//! }
//!
//! proptest!(ProptestConfig::with_cases(16), |(id in pt::level_id(), seed in pt::seed(), acts in pt::actions(1..40))| {
//!     turning_stays_put(id, seed, &acts).map_err(|v| TestCaseError::fail(v.to_string()))?;
//! });
//! ```

/// The proptest crate these strategies are built with (for users without their own
/// dependency on it: `use babyai_core::proptest_support::proptest::prelude::*`).
pub use proptest;
pub mod reference;

use crate::bot::Bot;
use crate::instr::{Instr, Loc, ObjDesc};
use crate::world::{Cell, DoorState, ObjId, ObjKind, World};
use crate::{ACTIONS, Action, BabyEnv, LEVEL_IDS, LevelEnv, Step};
use proptest::prelude::*;
use reference::RefWorld;
use std::fmt;
use std::ops::Range;

/// Which rule a [`Violation`] broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The agent stands in a wall, a closed or locked door, or on another object.
    AgentOnBlockedCell,
    /// An object is in two places at once.
    ObjectDuplicated,
    /// Objects appeared or vanished (other than a toggled box turning into its contents).
    ObjectsNotConserved,
    /// A door changed state without being toggled from the front.
    DoorChangedWithoutToggle,
    /// A locked door opened without a same-colour key in hand, or did not end up open.
    LockedDoorWithoutKey,
    /// The engine's success verdict differs from the independent mission checker.
    VerdictDiffers,
    /// A positive reward on a step that did not terminate, or not Minigrid's
    /// `1 - 0.9 * step_count / max_steps`.
    RewardWrong,
    /// The world after a step differs from the plain reference model's step.
    ReferenceStepDiffers,
    /// The 7x7 observation differs from the plain reference view.
    ReferenceViewDiffers,
    /// A user-defined rule.
    Custom(&'static str),
}

impl Rule {
    /// A short kebab-case name (used in trace lines).
    pub fn name(self) -> &'static str {
        match self {
            Rule::AgentOnBlockedCell => "agent-on-blocked-cell",
            Rule::ObjectDuplicated => "object-duplicated",
            Rule::ObjectsNotConserved => "objects-not-conserved",
            Rule::DoorChangedWithoutToggle => "door-changed-without-toggle",
            Rule::LockedDoorWithoutKey => "locked-door-without-key",
            Rule::VerdictDiffers => "verdict-differs",
            Rule::RewardWrong => "reward-wrong",
            Rule::ReferenceStepDiffers => "reference-step-differs",
            Rule::ReferenceViewDiffers => "reference-view-differs",
            Rule::Custom(s) => s,
        }
    }
}

/// A broken rule: which rule, a short description of the state after the step, and the
/// index of the action (step) that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The state (agent pose, carried object, step count) and what went wrong.
    pub state: String,
    /// Index of the offending action in the episode's action list.
    pub step: usize,
}

impl Violation {
    /// A violation of `rule` at action index `step`.
    pub fn new(rule: Rule, state: impl Into<String>, step: usize) -> Violation {
        Violation {
            rule,
            state: state.into(),
            step,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at action {}: {}",
            self.rule.name(),
            self.step,
            self.state
        )
    }
}

impl std::error::Error for Violation {}

/// A short description of an env's state: agent pose, carried object, step count.
pub fn describe(env: &BabyEnv) -> String {
    let w = env.world();
    format!(
        "agent at {:?} facing {:?} on {:?}, carrying {:?}, step {}",
        w.agent_pos,
        w.agent_dir,
        w.grid.encode_cell(w.agent_pos.0, w.agent_pos.1),
        w.carrying.map(|c| w.grid.obj(c).encode()),
        env.step_count()
    )
}

/// Anything that steps a [`BabyEnv`]: the levels, BALROG's tasks, a bare env, or a user's
/// wrapper (which is what the invariants then test).
pub trait Stepper {
    /// The env's current state.
    fn env(&self) -> &BabyEnv;
    /// Applies one action.
    fn step(&mut self, action: Action) -> Step;
    /// Whether the env's reset observation is stale (Minigrid's `PutNext*Carrying` levels
    /// bind the mission before lifting the carried object), which the mission checker skips.
    fn reset_obs_stale(&self) -> bool {
        false
    }
}

impl Stepper for BabyEnv {
    fn env(&self) -> &BabyEnv {
        self
    }
    fn step(&mut self, action: Action) -> Step {
        BabyEnv::step(self, action)
    }
}

impl Stepper for LevelEnv {
    fn env(&self) -> &BabyEnv {
        LevelEnv::env(self)
    }
    fn step(&mut self, action: Action) -> Step {
        LevelEnv::step(self, action)
    }
    fn reset_obs_stale(&self) -> bool {
        LevelEnv::reset_obs_stale(self)
    }
}

impl Stepper for crate::balrog::MixedTrainLocal {
    fn env(&self) -> &BabyEnv {
        crate::balrog::MixedTrainLocal::env(self)
    }
    fn step(&mut self, action: Action) -> Step {
        crate::balrog::MixedTrainLocal::step(self, action)
    }
}

// ---------------------------------------------------------------------------------------
// Strategies.

/// Any of the 96 registered Minigrid level ids.
pub fn level_id() -> impl Strategy<Value = &'static str> {
    prop::sample::select(LEVEL_IDS)
}

/// Any of BALROG's `BabyAI-MixedTrainLocal-v0/<kind>` task ids.
pub fn balrog_id() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&crate::balrog::BALROG_TASKS[..])
}

/// Seeds `0..100_000` (Minigrid's seed space is larger; small seeds shrink well).
pub fn seed() -> impl Strategy<Value = u64> {
    0u64..100_000
}

/// One of Minigrid's 7 actions.
pub fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(&ACTIONS[..])
}

/// A sequence of actions, its length in `len`.
pub fn actions(len: Range<usize>) -> impl Strategy<Value = Vec<Action>> {
    prop::collection::vec(action(), len)
}

/// A BALROG text action: mostly one of the six names, sometimes arbitrary text (which
/// BALROG answers with its default action).
pub fn balrog_text_action() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&text_render::babyai::BalrogAction::ALL[..])
            .prop_map(|a| a.name().to_string()),
        1 => any::<String>(),
    ]
}

/// A sequence of BALROG text actions.
pub fn balrog_text_actions(len: Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(balrog_text_action(), len)
}

/// One move of a test episode: the expert bot's next action or a given action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// The bot's move (so episodes also reach success).
    Bot,
    /// This action.
    Act(Action),
}

/// Moves, three bot moves to one random action on average.
pub fn moves(len: Range<usize>) -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec(
        prop_oneof![3 => Just(Move::Bot), 1 => action().prop_map(Move::Act)],
        len,
    )
}

/// A level mid-episode, reached by random play from a seed.
#[derive(Clone, Debug)]
pub struct MidEpisode {
    /// The level id.
    pub id: &'static str,
    /// The reset seed.
    pub seed: u64,
    /// The actions played (stops early when the episode ends).
    pub actions: Vec<Action>,
    /// The level after them.
    pub level: LevelEnv,
}

/// Levels mid-episode: a random level, seed and up to `max_actions` random actions.
pub fn mid_episode(max_actions: usize) -> impl Strategy<Value = MidEpisode> {
    (level_id(), seed(), actions(0..max_actions + 1)).prop_map(|(id, seed, acts)| {
        let mut level = crate::make(id).expect("registered id");
        level.reset(seed);
        let mut actions = Vec::new();
        for a in acts {
            actions.push(a);
            let s = level.step(a);
            if s.terminated || s.truncated {
                break;
            }
        }
        MidEpisode {
            id,
            seed,
            actions,
            level,
        }
    })
}

// ---------------------------------------------------------------------------------------
// Invariants.

/// Object ids present in the world (on the grid or carried), sorted.
pub fn present_objects(w: &World) -> Vec<ObjId> {
    let mut v = Vec::new();
    for x in 0..w.grid.width() {
        for y in 0..w.grid.height() {
            if let Cell::Obj(id) = w.grid.get(x, y) {
                v.push(id);
            }
        }
    }
    v.extend(w.carrying);
    v.sort();
    v
}

/// Every door on the grid with its position and state.
pub fn doors(w: &World) -> Vec<(ObjId, (i32, i32), DoorState)> {
    let mut v = Vec::new();
    for x in 0..w.grid.width() {
        for y in 0..w.grid.height() {
            if let Cell::Obj(id) = w.grid.get(x, y)
                && w.grid.obj(id).kind == ObjKind::Door
            {
                v.push((id, (x, y), w.grid.obj(id).door));
            }
        }
    }
    v
}

fn position(w: &World, id: ObjId) -> Option<(i32, i32)> {
    for x in 0..w.grid.width() {
        for y in 0..w.grid.height() {
            if w.grid.get(x, y) == Cell::Obj(id) {
                return Some((x, y));
            }
        }
    }
    None
}

/// Rule [`Rule::AgentOnBlockedCell`]: the agent stands on an empty cell or an overlappable
/// object (an open door).
pub fn check_agent_cell(env: &BabyEnv, step: usize) -> Result<(), Violation> {
    let w = env.world();
    let (x, y) = w.agent_pos;
    let ok = match w.grid.get(x, y) {
        Cell::Empty => true,
        Cell::Wall => false,
        Cell::Obj(id) => w.grid.obj(id).can_overlap(),
    };
    if ok {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::AgentOnBlockedCell,
            describe(env),
            step,
        ))
    }
}

/// Rules [`Rule::ObjectDuplicated`] and [`Rule::ObjectsNotConserved`]: no object in two
/// places, none appearing or lost, except that a toggled box is replaced by its contents.
pub fn check_conservation(
    before: &World,
    action: Action,
    after: &BabyEnv,
    step: usize,
) -> Result<(), Violation> {
    let w = after.world();
    let now = present_objects(w);
    if now.windows(2).any(|p| p[0] == p[1]) {
        return Err(Violation::new(
            Rule::ObjectDuplicated,
            describe(after),
            step,
        ));
    }
    let mut expected = present_objects(before);
    let front = before.front_pos();
    if action == Action::Toggle
        && let Cell::Obj(id) = before.grid.get(front.0, front.1)
        && before.grid.obj(id).kind == ObjKind::Box
    {
        expected.retain(|&i| i != id);
        expected.extend(before.grid.obj(id).contains);
        expected.sort();
    }
    if now != expected {
        return Err(Violation::new(
            Rule::ObjectsNotConserved,
            format!(
                "{}; objects {now:?}, expected {expected:?}",
                describe(after)
            ),
            step,
        ));
    }
    Ok(())
}

/// Rules [`Rule::DoorChangedWithoutToggle`] and [`Rule::LockedDoorWithoutKey`]: a door
/// changes only when toggled from the front, and a locked door only opens, and only for a
/// same-colour key in hand.
pub fn check_doors(
    before: &World,
    action: Action,
    after: &BabyEnv,
    step: usize,
) -> Result<(), Violation> {
    let w = after.world();
    let front = before.front_pos();
    for (id, pos, s0) in doors(before) {
        let s1 = w.grid.obj(id).door;
        if s1 == s0 {
            continue;
        }
        if !(action == Action::Toggle && pos == front) {
            return Err(Violation::new(
                Rule::DoorChangedWithoutToggle,
                format!("{}; door at {pos:?} {s0:?} -> {s1:?}", describe(after)),
                step,
            ));
        }
        if s0 == DoorState::Locked {
            let key = before.carrying.map(|c| *before.grid.obj(c));
            let ok = key.is_some_and(|k| k.kind == ObjKind::Key && k.color == w.grid.obj(id).color);
            if !ok || s1 != DoorState::Open {
                return Err(Violation::new(
                    Rule::LockedDoorWithoutKey,
                    format!(
                        "{}; door at {pos:?} -> {s1:?}, key {key:?}",
                        describe(after)
                    ),
                    step,
                ));
            }
        }
    }
    Ok(())
}

/// Rule [`Rule::RewardWrong`]: only success pays, and it pays Minigrid's
/// `1 - 0.9 * step_count / max_steps`.
pub fn check_reward(env: &BabyEnv, s: &Step, step: usize) -> Result<(), Violation> {
    if s.reward > 0.0 {
        let want = 1.0 - 0.9 * (f64::from(env.step_count()) / f64::from(env.max_steps()));
        if !s.terminated || s.reward != want {
            return Err(Violation::new(
                Rule::RewardWrong,
                format!(
                    "{}; reward {} (want {want}), terminated {}",
                    describe(env),
                    s.reward,
                    s.terminated
                ),
                step,
            ));
        }
    }
    Ok(())
}

/// Rules [`Rule::ReferenceStepDiffers`] and [`Rule::ReferenceViewDiffers`]: the world after
/// the step equals the [`mod@reference`] model's step from the world before, and the 7x7 view
/// equals the reference view.
pub fn check_reference_step(
    before: &World,
    action: Action,
    after: &BabyEnv,
    step: usize,
) -> Result<(), Violation> {
    let mut model = RefWorld::from_world(before);
    model.step(action);
    let got = RefWorld::from_world(after.world());
    if got != model {
        let what = if got.agent_pos != model.agent_pos || got.agent_dir != model.agent_dir {
            format!(
                "agent {:?}/{} vs reference {:?}/{}",
                got.agent_pos, got.agent_dir, model.agent_pos, model.agent_dir
            )
        } else if got.carrying != model.carrying {
            format!(
                "carrying {:?} vs reference {:?}",
                got.carrying, model.carrying
            )
        } else {
            match got.cells.iter().zip(&model.cells).position(|(a, b)| a != b) {
                Some(k) => format!(
                    "cell ({}, {}) {:?} vs reference {:?}",
                    k as i32 % got.width,
                    k as i32 / got.width,
                    got.cells[k],
                    model.cells[k]
                ),
                None => "box contents differ".to_string(),
            }
        };
        return Err(Violation::new(
            Rule::ReferenceStepDiffers,
            format!("{}; {what}", describe(after)),
            step,
        ));
    }
    let mut fast = [0u8; 147];
    after.observe(&mut fast);
    if fast != got.observe() {
        return Err(Violation::new(
            Rule::ReferenceViewDiffers,
            describe(after),
            step,
        ));
    }
    Ok(())
}

/// Every per-step invariant: agent cell, conservation, doors, reward, reference step and
/// view. `before` is the world before `action`; `after` the env after it.
pub fn check_step(
    before: &World,
    action: Action,
    s: &Step,
    after: &BabyEnv,
    step: usize,
) -> Result<(), Violation> {
    check_agent_cell(after, step)?;
    check_conservation(before, action, after, step)?;
    check_doors(before, action, after, step)?;
    check_reward(after, s, step)?;
    check_reference_step(before, action, after, step)
}

// ---------------------------------------------------------------------------------------
// The independent mission checker.

/// `ObjDesc.find_matching_objs(use_location=True)` at reset, written from Minigrid's
/// `verifier.py`: typed descriptions only.
fn matching(w: &World, d: &ObjDesc) -> Vec<ObjId> {
    let Some(kind) = d.kind else {
        return Vec::new();
    };
    let room = w.layout.room_from_pos(w.agent_pos.0, w.agent_pos.1);
    let (d1x, d1y) = w.agent_dir.vec();
    let (d2x, d2y) = (-d1y, d1x);
    let mut out = Vec::new();
    for x in 0..w.grid.width() {
        for y in 0..w.grid.height() {
            let Cell::Obj(id) = w.grid.get(x, y) else {
                continue;
            };
            let o = w.grid.obj(id);
            if o.kind != kind || d.color.is_some_and(|c| c != o.color) {
                continue;
            }
            if let Some(loc) = d.loc {
                // Rooms include their walls, so doors on the agent's room's walls count.
                if !w.layout.pos_inside(room, x, y) {
                    continue;
                }
                let (vx, vy) = (x - w.agent_pos.0, y - w.agent_pos.1);
                let (f, s) = (vx * d1x + vy * d1y, vx * d2x + vy * d2y);
                let keep = match loc {
                    Loc::Left => s < 0,
                    Loc::Right => s > 0,
                    Loc::Front => f > 0,
                    Loc::Behind => f < 0,
                };
                if !keep {
                    continue;
                }
            }
            out.push(id);
        }
    }
    out
}

/// A tracked description: object identities fixed at reset, positions refreshed on drop.
#[derive(Clone, Debug)]
struct Tracked {
    set: Vec<ObjId>,
    poss: Vec<(i32, i32)>,
}

impl Tracked {
    fn new(w: &World, d: &ObjDesc) -> Tracked {
        let set = matching(w, d);
        let poss = set.iter().filter_map(|&id| position(w, id)).collect();
        Tracked { set, poss }
    }

    fn refresh(&mut self, w: &World) {
        self.poss = self.set.iter().filter_map(|&id| position(w, id)).collect();
    }
}

#[derive(Clone, Debug)]
enum CheckKind {
    GoTo(Tracked),
    Pickup(Tracked, Option<ObjId>),
    Open(Tracked),
    PutNext(Tracked, Tracked, Option<ObjId>),
}

/// An independent re-check of single-instruction missions (GoTo, non-strict Pickup, Open,
/// PutNext with typed descriptions), written from Minigrid's `verifier.py` rules and reading
/// only the world; rule [`Rule::VerdictDiffers`] compares it with the engine's reward.
#[derive(Clone, Debug)]
pub struct MissionChecker(CheckKind);

impl MissionChecker {
    /// A checker for `instr` on the reset world, or `None` for missions it does not cover.
    pub fn new(instr: &Instr, w: &World) -> Option<MissionChecker> {
        let typed = |d: &ObjDesc| d.kind.is_some();
        let k = match instr {
            Instr::GoTo(d) if typed(d) => CheckKind::GoTo(Tracked::new(w, d)),
            Instr::Pickup {
                desc,
                strict: false,
            } if typed(desc) => CheckKind::Pickup(Tracked::new(w, desc), w.carrying),
            Instr::Open {
                desc,
                strict: false,
            } if typed(desc) => CheckKind::Open(Tracked::new(w, desc)),
            Instr::PutNext {
                moved,
                fixed,
                strict: false,
            } if typed(moved) && typed(fixed) => {
                CheckKind::PutNext(Tracked::new(w, moved), Tracked::new(w, fixed), w.carrying)
            }
            _ => return None,
        };
        Some(MissionChecker(k))
    }

    /// Whether `action`, just applied, completed the instruction (`w`: world after the step).
    pub fn success(&mut self, action: Action, w: &World) -> bool {
        if action == Action::Drop {
            match &mut self.0 {
                CheckKind::GoTo(t) | CheckKind::Pickup(t, _) | CheckKind::Open(t) => t.refresh(w),
                CheckKind::PutNext(a, b, _) => {
                    a.refresh(w);
                    b.refresh(w);
                }
            }
        }
        let front = w.front_pos();
        match &mut self.0 {
            CheckKind::GoTo(t) => t.poss.contains(&front),
            CheckKind::Pickup(t, pre) => {
                let before = std::mem::replace(pre, w.carrying);
                action == Action::Pickup
                    && before != w.carrying
                    && w.carrying.is_some_and(|c| t.set.contains(&c))
            }
            CheckKind::Open(t) => {
                action == Action::Toggle
                    && matches!(w.grid.get(front.0, front.1),
                        Cell::Obj(id) if t.set.contains(&id) && w.grid.obj(id).door == DoorState::Open)
            }
            CheckKind::PutNext(moved, fixed, pre) => {
                let before = std::mem::replace(pre, w.carrying);
                let Some(b) = before else { return false };
                if action != Action::Drop || !moved.set.contains(&b) {
                    return false;
                }
                let Some((x, y)) = position(w, b) else {
                    return false;
                };
                fixed
                    .poss
                    .iter()
                    .any(|&(fx, fy)| (fx - x).abs() + (fy - y).abs() == 1)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Episodes.

/// A failed episode: the actions actually played (bot moves resolved), up to and including
/// the offending one, and the violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The actions played.
    pub actions: Vec<Action>,
    /// The broken rule.
    pub violation: Violation,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (after {} actions)",
            self.violation,
            self.actions.len()
        )
    }
}

/// Plays `moves` on `env` (already reset) and checks every invariant after every step
/// ([`check_step`], and the [`MissionChecker`] verdict against the reward and `terminated`
/// when it covers the mission). Stops when the episode ends. `Ok` holds the actions played.
pub fn check_episode<S: Stepper>(env: &mut S, moves: &[Move]) -> Result<Vec<Action>, Failure> {
    let mut bot: Option<Bot> = None;
    let mut checker = if env.reset_obs_stale() {
        None
    } else {
        MissionChecker::new(env.env().instr(), env.env().world())
    };
    let mut actions = Vec::new();
    for &m in moves {
        let e = env.env();
        let action = match m {
            Move::Act(a) => {
                bot = None;
                a
            }
            Move::Bot => bot.get_or_insert_with(|| Bot::new(e)).act(e),
        };
        let before = e.world().clone();
        let s = env.step(action);
        let index = actions.len();
        actions.push(action);
        let fail = |violation| Failure {
            actions: actions.clone(),
            violation,
        };
        let after = env.env();
        check_step(&before, action, &s, after, index).map_err(fail)?;
        if let Some(c) = checker.as_mut() {
            let ok = c.success(action, after.world());
            if ok != (s.reward > 0.0) || ok != s.terminated {
                return Err(fail(Violation::new(
                    Rule::VerdictDiffers,
                    format!(
                        "{}; checker says {ok}, reward {} terminated {}",
                        describe(after),
                        s.reward,
                        s.terminated
                    ),
                    index,
                )));
            }
        }
        if s.terminated || s.truncated {
            break;
        }
    }
    Ok(actions)
}

// ---------------------------------------------------------------------------------------
// Replayable traces.

/// A trace line (`gridhouse replay babyai FILE` replays it from its `env_id` and seed):
/// the reset state generated from `env_id` and `seed`, then each action with the
/// observation, direction, position, reward and flags the engine produced. With a
/// violation, a `"violation"` field names the rule, the action index and the state (the
/// replay ignores it). `env_id` is a Minigrid level or a BALROG task id.
pub fn trace_line(
    env_id: &str,
    seed: u64,
    actions: &[Action],
    violation: Option<&Violation>,
) -> Result<String, crate::UnknownLevel> {
    use serde_json::{Value, json};
    enum Any {
        Level(LevelEnv),
        Mixed(crate::balrog::MixedTrainLocal),
    }
    let mut env = match crate::make(env_id) {
        Ok(mut l) => {
            l.reset(seed);
            Any::Level(l)
        }
        Err(e) => match crate::balrog::MixedTrainLocal::from_id(env_id) {
            Ok(mut m) => {
                m.reset(seed);
                Any::Mixed(m)
            }
            Err(_) => return Err(e),
        },
    };
    let (mut reset_image, stale) = (
        [0u8; 147],
        match &env {
            Any::Level(l) => l.reset_obs_stale(),
            Any::Mixed(_) => false,
        },
    );
    let e: &BabyEnv = match &env {
        Any::Level(l) => {
            l.reset_image(&mut reset_image);
            l.env()
        }
        Any::Mixed(m) => {
            m.env().observe(&mut reset_image);
            m.env()
        }
    };
    let w = e.world();
    let g = &w.grid;
    let grid: Vec<Value> = (0..g.height())
        .map(|y| (0..g.width()).map(|x| json!(g.encode_cell(x, y))).collect())
        .collect();
    let mut boxes = Vec::new();
    for y in 0..g.height() {
        for x in 0..g.width() {
            if let Some(c) = g.obj_at(x, y).and_then(|o| g.obj(o).contains) {
                boxes.push(json!({"pos": [x, y], "obj": g.obj(c).encode()}));
            }
        }
    }
    if let Some(c) = w.carrying.and_then(|o| g.obj(o).contains) {
        boxes.push(json!({"pos": null, "obj": g.obj(c).encode()}));
    }
    let mut line = json!({
        "env_id": env_id,
        "seed": seed,
        "width": g.width(),
        "height": g.height(),
        "grid": grid,
        "box_contents": boxes,
        "agent_pos": [w.agent_pos.0, w.agent_pos.1],
        "agent_dir": w.agent_dir as u8,
        "carrying": w.carrying.map(|c| g.obj(c).encode()),
        "mission": e.mission(),
        "max_steps": e.max_steps(),
        "reset_direction": w.agent_dir as u8,
    });
    if stale {
        line["obs_stale"] = json!(true);
    } else {
        line["reset_image"] = json!(reset_image.to_vec());
    }
    let mut steps = Vec::new();
    for &a in actions {
        let s = match &mut env {
            Any::Level(l) => l.step(a),
            Any::Mixed(m) => m.step(a),
        };
        let e = match &env {
            Any::Level(l) => l.env(),
            Any::Mixed(m) => m.env(),
        };
        let mut image = [0u8; 147];
        e.observe(&mut image);
        steps.push(json!({
            "action": a as u8,
            "image": image.to_vec(),
            "direction": e.agent_dir() as u8,
            "agent_pos": [e.agent_pos().0, e.agent_pos().1],
            "reward": s.reward,
            "terminated": s.terminated,
            "truncated": s.truncated,
        }));
        if s.terminated || s.truncated {
            break;
        }
    }
    line["steps"] = Value::Array(steps);
    if let Some(v) = violation {
        line["violation"] = json!({"rule": v.rule.name(), "step": v.step, "state": v.state});
    }
    Ok(line.to_string())
}
