//! The BabyAI environment: world + mission + verifier + step counter, and its step rules.

use crate::action::Action;
use crate::instr::{Instr, Status, Verifier};
use crate::view::{self, OBS_LEN, ViewError, ViewOptions};
use crate::world::{Cell, Dir, DoorState, OFF_GRID, Obj, ObjKind, World};
use env_api::Step;

mod validate;
pub use validate::InvalidState;

/// One BabyAI episode in progress: Minigrid 3.2.0's `RoomGridLevel` after `reset`.
///
/// `Clone` is a snapshot that continues identically. Build one with [`BabyEnv::new`]
/// (level generators) or [`BabyEnv::from_recorded_state`] (recorded traces).
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "validate::Saved"))]
pub struct BabyEnv {
    world: World,
    instr: Instr,
    verifier: Verifier,
    /// Exact size (the state-size budget).
    mission: Box<str>,
    step_count: u32,
    max_steps: u32,
    /// Whether the verifier's tracked positions equal what `update_objs_poss` would compute
    /// from the world now (no pickup, drop or box opening since the last refresh), so a drop
    /// may skip the refresh. Derived state: not saved, not compared.
    #[cfg_attr(feature = "serde", serde(skip))]
    poss_current: bool,
}

impl PartialEq for BabyEnv {
    fn eq(&self, other: &BabyEnv) -> bool {
        self.world == other.world
            && self.instr == other.instr
            && self.verifier == other.verifier
            && self.mission == other.mission
            && self.step_count == other.step_count
            && self.max_steps == other.max_steps
    }
}

/// Minigrid's default `max_steps` for an instruction in a layout:
/// `num_navs * room_size^2 * num_rows * num_cols`.
pub fn default_max_steps(instr: &Instr, layout: &crate::world::RoomLayout) -> u32 {
    let rs = layout.room_size as u32;
    instr.num_navs() * rs * rs * layout.num_rows as u32 * layout.num_cols as u32
}

impl BabyEnv {
    /// The env at the end of Minigrid's `reset`: `mission = instr.surface(world)`, the
    /// verifier bound to `world` now, `step_count = 0`, and `max_steps` as given (levels
    /// with a fixed limit) or [`default_max_steps`]. A `max_steps` of 0 is raised to 1.
    ///
    /// For `PutNext*Carrying` levels, build the env first, then move the object into the
    /// agent's hands through [`BabyEnv::world_mut`] (the verifier stays bound as Minigrid's).
    pub fn new(mut world: World, instr: Instr, max_steps: Option<u32>) -> BabyEnv {
        if world.grid.codes_stale() {
            world.grid.sync_codes();
        }
        let mission = instr.surface(&world).into_boxed_str();
        let verifier = Verifier::bind(&instr, &world);
        let max_steps = max_steps
            .unwrap_or_else(|| default_max_steps(&instr, &world.layout))
            .max(1);
        BabyEnv {
            world,
            instr,
            verifier,
            mission,
            step_count: 0,
            max_steps,
            poss_current: false,
        }
    }

    /// Builds an env from parts (used by state import): the mission text is kept as given
    /// and the verifier is supplied.
    pub(crate) fn from_parts(
        mut world: World,
        instr: Instr,
        verifier: Verifier,
        mission: String,
        step_count: u32,
        max_steps: u32,
    ) -> BabyEnv {
        if world.grid.codes_stale() {
            world.grid.sync_codes();
        }
        BabyEnv {
            world,
            instr,
            verifier,
            mission: mission.into_boxed_str(),
            step_count,
            max_steps: max_steps.max(1),
            poss_current: false,
        }
    }

    /// The world, consuming the env (a reset recycles the old episode's parts).
    pub(crate) fn into_world(self) -> World {
        self.world
    }

    /// The mission text.
    pub fn mission(&self) -> &str {
        &self.mission
    }

    /// The instruction.
    pub fn instr(&self) -> &Instr {
        &self.instr
    }

    /// The physical state.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Mutable physical state (level set-up after binding, tests). Changing it does not
    /// rebind the verifier.
    pub fn world_mut(&mut self) -> &mut World {
        self.poss_current = false;
        &mut self.world
    }

    /// Agent cell `(x, y)`.
    pub fn agent_pos(&self) -> (i32, i32) {
        self.world.agent_pos
    }

    /// Agent direction.
    pub fn agent_dir(&self) -> Dir {
        self.world.agent_dir
    }

    /// The carried object, if any.
    pub fn carrying(&self) -> Option<&Obj> {
        self.world.carrying.map(|id| self.world.grid.obj(id))
    }

    /// Steps taken this episode.
    pub fn step_count(&self) -> u32 {
        self.step_count
    }

    /// The step limit (truncation when `step_count >= max_steps`).
    pub fn max_steps(&self) -> u32 {
        self.max_steps
    }

    /// Minigrid's `_reward()`: `1 - 0.9 * step_count / max_steps`.
    pub fn success_reward(&self) -> f64 {
        1.0 - 0.9 * (self.step_count as f64 / self.max_steps as f64)
    }

    /// The 7x7x3 observation image in Minigrid's `[x][y][c]` layout. No allocation.
    pub fn observe(&self, out: &mut [u8; OBS_LEN]) {
        view::observe(&self.world, out);
    }

    /// The observation with other view options (size, `see_through_walls`).
    pub fn observe_with(&self, opts: ViewOptions, out: &mut [u8]) -> Result<(), ViewError> {
        view::observe_with(&self.world, opts, out)
    }

    /// One step: `MiniGridEnv.step` followed by `RoomGridLevel.step`'s drop refresh and
    /// verification. Stepping after the end of an episode continues the dynamics.
    pub fn step(&mut self, action: Action) -> Step {
        self.step_count = self.step_count.saturating_add(1);
        let mut reward = 0.0;
        let mut terminated = false;
        let w = &mut self.world;
        if w.grid.codes_stale() {
            // An object changed through `world_mut().grid.obj_mut` since the last step.
            w.grid.sync_codes();
        }
        let (fx, fy) = w.front_pos();
        let fwd = w.grid.get(fx, fy);
        match action {
            Action::Left => w.agent_dir = w.agent_dir.left(),
            Action::Right => w.agent_dir = w.agent_dir.right(),
            // Off-grid cells read as walls, so a passable cell is on the grid.
            Action::Forward => match fwd {
                Cell::Empty => w.agent_pos = (fx, fy),
                Cell::Wall => {}
                Cell::Obj(id) => {
                    let o = w.grid.obj(id);
                    if o.can_overlap() {
                        w.agent_pos = (fx, fy);
                    }
                    match o.kind {
                        ObjKind::Goal => {
                            terminated = true;
                            reward = 1.0 - 0.9 * (self.step_count as f64 / self.max_steps as f64);
                        }
                        ObjKind::Lava => terminated = true,
                        _ => {}
                    }
                }
            },
            Action::Pickup => {
                if let Cell::Obj(id) = fwd
                    && w.carrying.is_none()
                    && w.grid.obj(id).kind.can_pickup()
                {
                    w.carrying = Some(id);
                    w.grid.obj_mut_keep_codes(id).cur_pos = OFF_GRID;
                    w.grid.set(fx, fy, Cell::Empty);
                    self.poss_current = false;
                }
            }
            Action::Drop => {
                if let (Cell::Empty, Some(id)) = (fwd, w.carrying) {
                    w.grid.set(fx, fy, Cell::Obj(id));
                    w.grid.obj_mut_keep_codes(id).cur_pos = (fx as i8, fy as i8);
                    w.carrying = None;
                    self.poss_current = false;
                }
            }
            Action::Toggle => {
                if let Cell::Obj(id) = fwd {
                    let o = *w.grid.obj(id);
                    match o.kind {
                        ObjKind::Door => {
                            let next = match o.door {
                                DoorState::Locked => {
                                    let key_ok = w.carrying.is_some_and(|c| {
                                        let k = w.grid.obj(c);
                                        k.kind == ObjKind::Key && k.color == o.color
                                    });
                                    key_ok.then_some(DoorState::Open)
                                }
                                DoorState::Open => Some(DoorState::Closed),
                                DoorState::Closed => Some(DoorState::Open),
                            };
                            if let Some(state) = next {
                                w.grid.obj_mut_keep_codes(id).door = state;
                                // Every cell holding the door (Minigrid's grid may hold
                                // one object in two cells).
                                w.grid.refresh_obj(id);
                            }
                        }
                        ObjKind::Box => {
                            let next = o.contains.map_or(Cell::Empty, Cell::Obj);
                            w.grid.set(fx, fy, next);
                            self.poss_current = false;
                        }
                        _ => {}
                    }
                }
            }
            Action::Done => {}
        }
        let truncated = self.step_count >= self.max_steps;
        // Minigrid refreshes after every drop; the refresh is a function of the grid, the
        // objects' `cur_pos` and the carried object, so it is skipped when none of them
        // changed since the last one.
        if action == Action::Drop && !self.poss_current {
            self.verifier.update_objs_poss(&self.world);
            self.poss_current = true;
        }
        match self.verifier.verify(action, &self.world) {
            Status::Success => {
                terminated = true;
                reward = self.success_reward();
            }
            Status::Failure => {
                terminated = true;
                reward = 0.0;
            }
            Status::Continue => {}
        }
        Step {
            reward,
            terminated,
            truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ACTIONS, LEVEL_IDS, make};

    /// Skipping the drop refresh when nothing moved changes nothing: an env that refreshes
    /// after every drop (its flag is cleared by `world_mut` before each step) stays equal,
    /// verifier included, and returns the same steps.
    #[test]
    fn skipped_drop_refreshes_change_nothing() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for id in LEVEL_IDS {
            let mut level = make(id).unwrap();
            for seed in 0..2 {
                level.reset(seed);
                let mut fast = level.env().clone();
                let mut every = fast.clone();
                for _ in 0..300 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Mostly pickups and drops, so the tracked positions move.
                    let a = ACTIONS[[0, 1, 2, 3, 3, 4, 4, 5][(x % 8) as usize]];
                    let _ = every.world_mut();
                    assert_eq!(fast.step(a), every.step(a), "{id} seed {seed}");
                    assert_eq!(fast, every, "{id} seed {seed}");
                }
            }
        }
    }
}
