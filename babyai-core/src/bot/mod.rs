//! An expert bot for every BabyAI level: a subgoal planner in the spirit of Minigrid's
//! `BabyAIBot` (subgoals go next to, open, close, pick up, drop, explore; breadth-first
//! search over the cells the agent has seen, with the reference's tie-breaking), usable at
//! any point of an episode.
//!
//! Like the reference, the bot reads the true state (grid, pose, carried object and the
//! objects the mission's descriptions matched at the start) but only plans through cells the
//! agent has seen, and only counts an object as found once its cell has been seen.
//!
//! Where the reference fails, this bot does better:
//! * every decision is bounded (the reference can loop forever inside one decision); a bot
//!   that cannot make progress gives up ([`Bot::gave_up`]) and answers `done`;
//! * when it must open a locked door to explore, it prefers a door whose key it holds or has
//!   seen, so "fetch the key behind the door" cycles do not occur (`UnlockToUnlock`);
//! * a key that lies in a box is fetched by opening that box (`KeyInBox`);
//! * an object to move that is already in the agent's hands is not searched for
//!   (`PutNext*Carrying`); a pick-up with full hands first puts the load down;
//! * drop cells are re-chosen when the planned one is taken;
//! * in strict (`*Debug`) missions, where picking up a non-target fails, an empty box in the
//!   way is opened (it vanishes) instead of carried away (`PickupDistDebug`).
//!
//! ```
//! use babyai_core::bot::Bot;
//! use babyai_core::instr::{Instr, ObjDesc};
//! use babyai_core::world::{Color, Dir, Grid, Obj, ObjKind, RoomLayout, World};
//! use babyai_core::BabyEnv;
//!
//! let mut grid = Grid::new(6, 6);
//! grid.wall_rect(0, 0, 6, 6);
//! grid.put_obj(4, 4, Obj::new(ObjKind::Ball, Color::Red));
//! let world = World::new(grid, RoomLayout::new(6, 1, 1), (1, 1), Dir::Right);
//! let instr = Instr::go_to(ObjDesc::new(Some(ObjKind::Ball), Some(Color::Red)));
//! let mut env = BabyEnv::new(world, instr, None);
//! let mut bot = Bot::new(&env);
//! let mut steps = 0;
//! loop {
//!     let step = env.step(bot.act(&env));
//!     steps += 1;
//!     if step.terminated || step.truncated {
//!         assert!(step.reward > 0.0);
//!         break;
//!     }
//! }
//! assert!(steps <= 8);
//! ```

mod choose;
mod plan;
mod search;

use crate::action::Action;
use crate::env::BabyEnv;
use crate::instr::{Instr, ObjDesc, Target};
use crate::view::OBS_LEN;
use crate::world::{Cell, Color, Dir, DoorState, ObjId, ObjKind, World};
use search::Search;

/// Most subgoal steps one decision may take before the bot gives up.
const MAX_PLAN_STEPS: usize = 256;
/// Deepest subgoal stack the bot accepts before it gives up.
const MAX_STACK: usize = 96;

/// Why a subgoal goes next to something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    None,
    Open,
    PutNext,
    Explore,
}

/// Why a door is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenReason {
    None,
    /// Drop the key after unlocking.
    Unlock,
    /// Keep the key after unlocking.
    KeepKey,
}

/// What a "go next to" subgoal aims at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Datum {
    /// The nearest seen object matched by mission description `i`.
    Desc(u8),
    /// The nearest seen key of a colour lying on the grid.
    Key(Color),
    /// One object, wherever it is now.
    Obj(ObjId),
    /// A cell.
    Pos(i32, i32),
}

/// One entry of the plan stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subgoal {
    Close,
    Open(OpenReason),
    OpenBox,
    Drop,
    Pickup,
    GoNextTo(Datum, Reason),
    Explore,
}

impl Subgoal {
    fn exploratory(self) -> bool {
        matches!(
            self,
            Subgoal::Explore | Subgoal::GoNextTo(_, Reason::Explore)
        )
    }
}

/// A mission description with the objects it matched when the bot was made.
#[derive(Clone, Debug)]
struct Tracked {
    set: Vec<Target>,
}

/// What the bot saw at its last decision, to tell what the agent did since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Snapshot {
    step_count: u32,
    pos: (i32, i32),
    dir: Dir,
    carrying: Option<ObjId>,
    front: (i32, i32),
    front_cell: Cell,
    front_door: Option<DoorState>,
    suggested: Action,
    /// Whether the suggestion changes the state when taken.
    effective: bool,
}

/// The expert bot. Make one per episode with [`Bot::new`], then call [`Bot::act`] before
/// every step; it replans from the current state each time, so the agent may take other
/// actions in between (the bot notices and corrects, as Minigrid's bot does), also several
/// steps between two calls. After a reset of the same env it starts over.
#[derive(Clone, Debug)]
pub struct Bot {
    instr: Instr,
    descs: Vec<Tracked>,
    stack: Vec<Subgoal>,
    seen: Vec<bool>,
    pos_of: Vec<(i32, i32)>,
    /// Scratch: the candidates of one nearest-match choice, in Minigrid's scan order.
    candidates: Vec<((i32, i32), Target)>,
    search: Search,
    last: Option<Snapshot>,
    gave_up: bool,
    step_count: u32,
    /// The mission is strict (a `*Debug` level): picking up a non-target fails it.
    strict: bool,
    image: [u8; OBS_LEN],
}

impl Bot {
    /// A bot for `env`'s mission, taking the objects the mission's descriptions match now
    /// (as Minigrid binds them at reset: call this right after the reset for exact
    /// behaviour) and nothing seen yet.
    pub fn new(env: &BabyEnv) -> Bot {
        let world = env.world();
        let mut bot = Bot {
            instr: env.instr().clone(),
            descs: Vec::new(),
            stack: Vec::new(),
            seen: vec![false; (world.grid.width() * world.grid.height()) as usize],
            pos_of: Vec::new(),
            candidates: Vec::new(),
            search: Search::default(),
            last: None,
            gave_up: false,
            step_count: 0,
            strict: is_strict(env.instr()),
            image: [0; OBS_LEN],
        };
        let instr = bot.instr.clone();
        bot.process(&instr, world);
        bot
    }

    /// Whether the bot found no way to go on (an unsolvable instance, or a state it cannot
    /// plan from); it then answers [`Action::Done`].
    pub fn gave_up(&self) -> bool {
        self.gave_up
    }

    fn track(&mut self, desc: &ObjDesc, world: &World) -> u8 {
        let mut set = desc.find_matching(world).set;
        if let Some(id) = world.carrying {
            let o = world.grid.obj(id);
            if desc.loc.is_none()
                && desc.kind.is_none_or(|k| k == o.kind)
                && desc.color.is_none_or(|c| c == o.color)
            {
                set.push(Target::Obj(id));
            }
        }
        self.descs.push(Tracked { set });
        (self.descs.len() - 1) as u8
    }

    /// Whether the carried object is one that description `i` matched.
    fn holds_match(&self, i: u8, world: &World) -> bool {
        world
            .carrying
            .is_some_and(|c| self.descs[i as usize].set.contains(&Target::Obj(c)))
    }

    /// Pushes the subgoals of `instr` (later pushes run first).
    fn process(&mut self, instr: &Instr, world: &World) {
        match instr {
            Instr::GoTo(d) => {
                let i = self.track(d, world);
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Desc(i), Reason::None));
            }
            Instr::Open { desc, .. } => {
                let i = self.track(desc, world);
                self.stack.push(Subgoal::Open(OpenReason::None));
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Desc(i), Reason::Open));
            }
            Instr::Pickup { desc, .. } => {
                let i = self.track(desc, world);
                self.stack.push(Subgoal::Drop);
                // Already holding a match (a plan rebuilt mid-episode): the pick-up is done.
                if !self.holds_match(i, world) {
                    self.stack.push(Subgoal::Pickup);
                    self.stack
                        .push(Subgoal::GoNextTo(Datum::Desc(i), Reason::None));
                }
            }
            Instr::PutNext { moved, fixed, .. } => {
                let m = self.track(moved, world);
                let f = self.track(fixed, world);
                self.stack.push(Subgoal::Drop);
                self.stack
                    .push(Subgoal::GoNextTo(Datum::Desc(f), Reason::PutNext));
                if !self.holds_match(m, world) {
                    self.stack.push(Subgoal::Pickup);
                    self.stack
                        .push(Subgoal::GoNextTo(Datum::Desc(m), Reason::None));
                }
            }
            Instr::And(a, b) | Instr::Before { a, b, .. } => {
                self.process(b, world);
                self.process(a, world);
            }
            Instr::After { a, b, .. } => {
                self.process(a, world);
                self.process(b, world);
            }
        }
    }

    /// The action to take now. Replans from `env`'s current state: the seen cells are
    /// updated from the current view, and if the agent did something other than the last
    /// suggestion, the plan is corrected first. Bounded work; no allocation once the bot's
    /// buffers have grown.
    pub fn act(&mut self, env: &BabyEnv) -> Action {
        if self.gave_up {
            return Action::Done;
        }
        let world = env.world();
        let taken = match self.last {
            None => None,
            Some(s) if s.step_count == env.step_count() && self.unchanged(&s, world) => {
                return s.suggested;
            }
            Some(s) => match self.infer(&s, env) {
                // A `done` suggestion is a wait, never a subgoal's own action.
                Some(a) if a == s.suggested && a != Action::Done => None,
                Some(a) => Some(a),
                None if env.step_count() < s.step_count => {
                    // A new episode in the same env: start over.
                    *self = Bot::new(env);
                    None
                }
                None if self.suggestion_took_effect(&s, world) => None,
                None => {
                    // Several steps since the last decision, and the suggested pick-up, drop
                    // or toggle did not happen: if the subgoal on top acts on the cell that
                    // was in front then, go back to face it first.
                    let acts_in_front = matches!(
                        self.stack.last(),
                        Some(
                            Subgoal::Open(_) | Subgoal::Close | Subgoal::OpenBox | Subgoal::Pickup
                        )
                    );
                    if acts_in_front && (world.agent_pos, world.agent_dir) != (s.pos, s.dir) {
                        self.stack.push(Subgoal::GoNextTo(
                            Datum::Pos(s.front.0, s.front.1),
                            Reason::None,
                        ));
                    }
                    Some(Action::Done)
                }
            },
        };
        let action = self.replan(env, taken).unwrap_or_else(|| {
            self.gave_up = true;
            Action::Done
        });
        let front = world.front_pos();
        let front_cell = world.grid.get(front.0, front.1);
        self.last = Some(Snapshot {
            step_count: env.step_count(),
            pos: world.agent_pos,
            dir: world.agent_dir,
            carrying: world.carrying,
            front,
            front_cell,
            front_door: door_state(world, front_cell),
            suggested: action,
            effective: effective(world, action),
        });
        action
    }

    /// Whether the effect of the last suggested pick-up, drop or toggle shows in `world`.
    fn suggestion_took_effect(&self, s: &Snapshot, world: &World) -> bool {
        let cell = world.grid.get(s.front.0, s.front.1);
        match s.suggested {
            Action::Pickup | Action::Drop => world.carrying != s.carrying,
            Action::Toggle => cell != s.front_cell || door_state(world, cell) != s.front_door,
            _ => false,
        }
    }

    fn unchanged(&self, s: &Snapshot, world: &World) -> bool {
        let cell = world.grid.get(s.front.0, s.front.1);
        s.pos == world.agent_pos
            && s.dir == world.agent_dir
            && s.carrying == world.carrying
            && s.front_cell == cell
            && s.front_door == door_state(world, cell)
    }

    /// Which single action leads from the snapshot to the current state (`None` when no
    /// single action explains it).
    fn infer(&self, s: &Snapshot, env: &BabyEnv) -> Option<Action> {
        let world = env.world();
        if env.step_count() != s.step_count.wrapping_add(1) {
            return None;
        }
        let cell = world.grid.get(s.front.0, s.front.1);
        let moved = world.agent_pos != s.pos;
        let turned = world.agent_dir != s.dir;
        let held = world.carrying != s.carrying;
        let front_changed = cell != s.front_cell || door_state(world, cell) != s.front_door;
        match (moved, turned, held) {
            (true, false, false) if world.agent_pos == s.front => Some(Action::Forward),
            (false, true, false) if world.agent_dir == s.dir.left() => Some(Action::Left),
            (false, true, false) if world.agent_dir == s.dir.right() => Some(Action::Right),
            (false, false, true) if world.carrying.is_some() => Some(Action::Pickup),
            (false, false, true) => Some(Action::Drop),
            (false, false, false) if front_changed => Some(Action::Toggle),
            // Nothing changed: the suggestion, if it does nothing here; else some no-op.
            (false, false, false) if s.effective => Some(Action::Done),
            (false, false, false) => Some(s.suggested),
            _ => None,
        }
    }

    /// Minigrid's `replan`: update the seen cells, let the top subgoal react to the action
    /// taken, drop exploratory subgoals, then ask subgoals until one gives an action.
    /// `None`: give up.
    fn replan(&mut self, env: &BabyEnv, taken: Option<Action>) -> Option<Action> {
        let world = env.world();
        self.step_count = env.step_count();
        self.update_seen(env);
        self.update_positions(world);
        if let Some(&top) = self.stack.last() {
            self.after(world, top, taken)?;
        }
        while self.stack.last().is_some_and(|s| s.exploratory()) {
            self.stack.pop();
        }
        for _ in 0..MAX_PLAN_STEPS {
            let Some(&top) = self.stack.last() else {
                return Some(Action::Done);
            };
            if let Some(a) = self.before(world, top)? {
                return Some(a);
            }
            if self.stack.len() > MAX_STACK {
                return None;
            }
        }
        None
    }

    /// Marks the cells of the current view as seen (visible iff encoded type != 0).
    fn update_seen(&mut self, env: &BabyEnv) {
        env.observe(&mut self.image);
        let world = env.world();
        let (w, h) = (world.grid.width(), world.grid.height());
        let (fx, fy) = world.agent_dir.vec();
        let (rx, ry) = world.agent_dir.right_vec();
        let (ax, ay) = world.agent_pos;
        for vi in 0..7i32 {
            for vj in 0..7i32 {
                if self.image[((vi * 7 + vj) * 3) as usize] == 0 {
                    continue;
                }
                let (k, s) = (6 - vj, vi - 3);
                let (x, y) = (ax + fx * k + rx * s, ay + fy * k + ry * s);
                if x >= 0 && y >= 0 && x < w && y < h {
                    self.seen[(y * w + x) as usize] = true;
                }
            }
        }
    }

    /// Current cell of every object on the grid (`(-1, -1)` when off the grid).
    fn update_positions(&mut self, world: &World) {
        self.pos_of.clear();
        self.pos_of.resize(world.grid.num_objs(), (-1, -1));
        for y in 0..world.grid.height() {
            for x in 0..world.grid.width() {
                if let Cell::Obj(id) = world.grid.get(x, y) {
                    self.pos_of[id.index()] = (x, y);
                }
            }
        }
    }
}

/// Whether any part of `instr` is strict (the `*Debug` levels).
fn is_strict(instr: &Instr) -> bool {
    match instr {
        Instr::GoTo(_) => false,
        Instr::Pickup { strict, .. }
        | Instr::Open { strict, .. }
        | Instr::PutNext { strict, .. } => *strict,
        Instr::And(a, b) => is_strict(a) || is_strict(b),
        Instr::Before { a, b, strict } | Instr::After { a, b, strict } => {
            *strict || is_strict(a) || is_strict(b)
        }
    }
}

fn door_state(world: &World, cell: Cell) -> Option<DoorState> {
    match cell {
        Cell::Obj(id) if world.grid.obj(id).kind == ObjKind::Door => Some(world.grid.obj(id).door),
        _ => None,
    }
}

/// Whether `action` changes `world` (pose, hands or the cell in front) when taken.
fn effective(world: &World, action: Action) -> bool {
    let (fx, fy) = world.front_pos();
    let front = world.grid.get(fx, fy);
    let obj = match front {
        Cell::Obj(id) => Some(world.grid.obj(id)),
        _ => None,
    };
    match action {
        Action::Left | Action::Right => true,
        Action::Forward => match front {
            Cell::Empty => world.grid.in_bounds(fx, fy),
            Cell::Wall => false,
            Cell::Obj(_) => obj.is_some_and(|o| o.can_overlap()),
        },
        Action::Pickup => world.carrying.is_none() && obj.is_some_and(|o| o.kind.can_pickup()),
        Action::Drop => world.carrying.is_some() && front == Cell::Empty,
        Action::Toggle => obj.is_some_and(|o| match o.kind {
            ObjKind::Box => true,
            ObjKind::Door => {
                o.door != DoorState::Locked
                    || world.carrying.is_some_and(|c| {
                        let k = world.grid.obj(c);
                        k.kind == ObjKind::Key && k.color == o.color
                    })
            }
            _ => false,
        }),
        Action::Done => false,
    }
}
