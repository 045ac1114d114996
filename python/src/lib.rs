//! `gridhouse._native`: the Python module over Gridhouse's front door (the `gridhouse` crate).
//!
//! Three classes, kept thin; the Gymnasium, text, BALROG and DSPy layers are Python code in
//! the `gridhouse` package:
//! * [`PyEnv`] (`Env`): one env of any id (`gridhouse::make`), typed or text steps, a fresh
//!   NumPy image per call (Gymnasium's `check_env` forbids reusing observation memory).
//! * [`PyBabyaiVec`] (`BabyaiVec`): many BabyAI envs with Gymnasium's per-env seeding and
//!   auto-reset modes, stepped with the GIL released, writing into caller-owned NumPy arrays.
//! * [`PyTextBatch`] (`TextBatch`): `gridhouse::Batch` stepped by text commands.
//!
//! Every Rust error becomes an exception of the `gridhouse.Error` hierarchy carrying the
//! Rust message; arguments are checked before any env is touched.

use gridhouse::babyai_core::Action;
use gridhouse::{AutoResetMode, BabyaiEnv, Batch, Env, Error as GhError};
use numpy::ndarray::{ArrayView1, ArrayViewMut1};
use numpy::{
    PyArray1, PyArray3, PyArrayMethods, PyReadonlyArray1, PyReadwriteArray1, PyReadwriteArray4,
    PyUntypedArrayMethods,
};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;

mod frames;
mod records;
mod sft;

/// A list of `n` seeds (None: unseeded) as Rust values.
fn seed_list(seeds: &Bound<'_, PyList>, n: usize) -> PyResult<Vec<Option<u64>>> {
    if seeds.len() != n {
        return Err(invalid(format!("{n} envs given {} seeds", seeds.len())));
    }
    seeds
        .iter()
        .map(|s| {
            if s.is_none() {
                Ok(None)
            } else {
                to_u64("seed", &s).map(Some)
            }
        })
        .collect()
}

/// Bytes of one BabyAI image (7 x 7 x 3).
const OBS_LEN: usize = 147;

/// The image Minigrid's `reset` returns (for `PutNext*Carrying` the stale one drawn before the
/// object went into the agent's hands); call right after a reset.
fn observe_reset(env: &BabyaiEnv, out: &mut [u8; OBS_LEN]) {
    match env.level() {
        Some(level) => level.reset_image(out),
        None => env.observe(out),
    }
}

create_exception!(
    _native,
    Error,
    PyException,
    "Any Gridhouse error; the message is the Rust error's."
);
create_exception!(_native, UnknownIdError, Error, "No env has this id.");
create_exception!(
    _native,
    NotACommandError,
    Error,
    "Text that is not a command of this env."
);
create_exception!(
    _native,
    UnsupportedError,
    Error,
    "The call does not apply to this env."
);
create_exception!(
    _native,
    NoSuchGameError,
    Error,
    "A game index outside the task set."
);
create_exception!(_native, LoadError, Error, "A game could not be loaded.");
create_exception!(_native, ExpertError, Error, "The expert cannot act here.");
create_exception!(
    _native,
    InvalidError,
    Error,
    "A bad argument (a value, a size, a length, a mode)."
);

/// The Python exception of a front-door error.
fn to_py(e: GhError) -> PyErr {
    let msg = e.to_string();
    match e {
        GhError::UnknownId { .. } => UnknownIdError::new_err(msg),
        GhError::NotACommand { .. } => NotACommandError::new_err(msg),
        GhError::Unsupported { .. } => UnsupportedError::new_err(msg),
        GhError::NoSuchGame { .. } => NoSuchGameError::new_err(msg),
        GhError::Load(_) => LoadError::new_err(msg),
        GhError::Expert(_) => ExpertError::new_err(msg),
        _ => InvalidError::new_err(msg),
    }
}

fn invalid(msg: String) -> PyErr {
    InvalidError::new_err(msg)
}

/// A non-negative integer argument (seeds, indices), as `gridhouse.InvalidError` otherwise.
fn to_u64(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    obj.extract::<u64>().map_err(|_| {
        let shown = obj
            .repr()
            .map_or_else(|_| "?".to_string(), |r| r.to_string());
        invalid(format!(
            "{what} must be an int from 0 to 2**64-1, not {shown}"
        ))
    })
}

/// A Minigrid action (an int 0..=6).
fn to_action(obj: &Bound<'_, PyAny>) -> PyResult<Action> {
    let bad = || {
        let shown = obj
            .repr()
            .map_or_else(|_| "?".to_string(), |r| r.to_string());
        invalid(format!(
            "a BabyAI action is an int from 0 to 6 (left, right, forward, pickup, drop, toggle, done), not {shown}"
        ))
    };
    let v = obj.extract::<i64>().map_err(|_| bad())?;
    u8::try_from(v)
        .ok()
        .and_then(|v| Action::try_from(v).ok())
        .ok_or_else(bad)
}

fn parse_mode(mode: &str) -> PyResult<AutoResetMode> {
    match mode {
        "next_step" | "NextStep" => Ok(AutoResetMode::NextStep),
        "same_step" | "SameStep" => Ok(AutoResetMode::SameStep),
        "disabled" | "Disabled" => Ok(AutoResetMode::Disabled),
        _ => Err(invalid(format!(
            "autoreset_mode is \"next_step\", \"same_step\" or \"disabled\", not {mode:?}"
        ))),
    }
}

/// One env of any id (`gridhouse.make`'s native object).
#[pyclass(module = "gridhouse._native", name = "Env")]
struct PyEnv {
    env: Env,
}

impl PyEnv {
    fn babyai(&self) -> PyResult<&BabyaiEnv> {
        self.env.babyai().ok_or_else(|| self.not_babyai())
    }

    fn not_babyai(&self) -> PyErr {
        UnsupportedError::new_err(format!(
            "{}: images, directions and typed actions exist only for BabyAI envs",
            self.env.id()
        ))
    }

    fn alfworld_mut(&mut self) -> PyResult<&mut gridhouse::AlfworldEnv> {
        let id = self.env.id().to_string();
        self.env.alfworld_mut().ok_or_else(|| {
            UnsupportedError::new_err(format!("{id}: this option exists only for ALFWorld envs"))
        })
    }
}

#[pymethods]
impl PyEnv {
    /// The env of `id` (any id of `gridhouse.list_ids()`, `alfworld-dir:PATH`, ...).
    #[new]
    fn new(py: Python<'_>, id: &str) -> PyResult<Self> {
        let id = id.to_string();
        let env = py.detach(move || gridhouse::make(&id)).map_err(to_py)?;
        Ok(PyEnv { env })
    }

    /// The id the env was made from.
    #[getter]
    fn id(&self) -> String {
        self.env.id().to_string()
    }

    /// `"babyai"` or `"alfworld"`.
    #[getter]
    fn engine(&self) -> &'static str {
        self.env.engine().name()
    }

    /// Starts an episode: Minigrid's `reset(seed=seed)`, or its unseeded `reset()` for None.
    #[pyo3(signature = (seed=None))]
    fn reset(&mut self, py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let seed = seed.map(|s| to_u64("seed", s)).transpose()?;
        let env = &mut self.env;
        py.detach(move || match seed {
            Some(s) => env.reset(s),
            None => env.reset_unseeded(),
        })
        .map_err(to_py)
    }

    /// Plays game `index` of an ALFWorld task set.
    fn reset_to(&mut self, py: Python<'_>, index: &Bound<'_, PyAny>) -> PyResult<()> {
        let index = to_u64("index", index)?;
        let index = usize::try_from(index).map_err(|_| invalid("index too large".into()))?;
        let env = &mut self.env;
        py.detach(move || env.reset_to(index)).map_err(to_py)
    }

    /// One typed BabyAI step (an int 0..=6): `(reward, terminated, truncated)`.
    fn step(&mut self, action: &Bound<'_, PyAny>) -> PyResult<(f64, bool, bool)> {
        let action = to_action(action)?;
        let id = self.env.id().to_string();
        let e = self.env.babyai_mut().ok_or_else(|| {
            UnsupportedError::new_err(format!(
                "{id}: typed actions exist only for BabyAI envs (use step_text)"
            ))
        })?;
        let s = e.step(action);
        Ok((s.reward, s.terminated, s.truncated))
    }

    /// One step by text, strict: text that is no BabyAI action raises `NotACommandError`.
    fn step_text(&mut self, py: Python<'_>, command: &str) -> PyResult<(f64, bool, bool)> {
        let s = if self.env.alfworld().is_some() {
            let env = &mut self.env;
            py.detach(move || env.step_text(command))
        } else {
            self.env.step_text(command)
        }
        .map_err(to_py)?;
        Ok((s.reward, s.terminated, s.truncated))
    }

    /// One step by text as LLM harnesses take it (BALROG's default action for text that is
    /// no BabyAI action): `(reward, terminated, truncated, valid)`.
    fn step_lenient(&mut self, py: Python<'_>, command: &str) -> (f64, bool, bool, bool) {
        let (s, ok) = if self.env.alfworld().is_some() {
            let env = &mut self.env;
            py.detach(move || env.step_lenient(command))
        } else {
            self.env.step_lenient(command)
        };
        (s.reward, s.terminated, s.truncated, ok)
    }

    /// `step_lenient`, then the text, `won` and the step count in the same call (the text
    /// env's hot path): `(text, reward, terminated, truncated, valid, won, step_count)`.
    #[allow(clippy::type_complexity)]
    fn step_full(
        &mut self,
        py: Python<'_>,
        command: &str,
    ) -> (String, f64, bool, bool, bool, bool, u32) {
        let (r, t, u, ok) = self.step_lenient(py, command);
        (
            self.env.text(),
            r,
            t,
            u,
            ok,
            self.env.won(),
            self.env.step_count(),
        )
    }

    /// A new (7, 7, 3) uint8 array: Minigrid's `obs["image"]`.
    fn image<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray3<u8>>> {
        let mut buf = [0u8; OBS_LEN];
        self.babyai()?.observe(&mut buf);
        PyArray1::from_slice(py, &buf).reshape([7, 7, 3])
    }

    /// A new (7, 7, 3) uint8 array: the image Minigrid's `reset` returned (differs from
    /// `image()` only for `PutNext*Carrying`, whose reset image is stale); call right after
    /// `reset`.
    fn reset_image<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray3<u8>>> {
        let mut buf = [0u8; OBS_LEN];
        observe_reset(self.babyai()?, &mut buf);
        PyArray1::from_slice(py, &buf).reshape([7, 7, 3])
    }

    /// The agent's direction (Minigrid's `obs["direction"]`).
    fn direction(&self) -> PyResult<u8> {
        Ok(self.babyai()?.direction())
    }

    /// Minigrid's fully observable encoding `(width, height, 3)`, the agent drawn in.
    fn full_grid<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray3<u8>>> {
        let mut buf = Vec::new();
        let (w, h) = self.babyai()?.full_grid(&mut buf);
        PyArray1::from_vec(py, buf).reshape([w, h, 3])
    }

    /// The observation as text (BALROG's text; ALFWorld's last feedback).
    fn text(&self) -> String {
        self.env.text()
    }

    /// The mission (BabyAI) or task sentence (ALFWorld).
    fn mission(&self) -> String {
        self.env.mission().to_string()
    }

    /// The commands that make sense now.
    fn admissible(&mut self) -> Vec<String> {
        self.env.admissible()
    }

    /// Whether the mission was accomplished.
    fn won(&self) -> bool {
        self.env.won()
    }

    /// The expert's next action as text.
    fn expert_action(&mut self, py: Python<'_>) -> PyResult<String> {
        let env = &mut self.env;
        py.detach(move || env.expert_action()).map_err(to_py)
    }

    /// The expert bot's next typed BabyAI action (0..=6).
    fn expert_action_index(&mut self) -> PyResult<u8> {
        let id = self.env.id().to_string();
        let e = self.env.babyai_mut().ok_or_else(|| {
            UnsupportedError::new_err(format!("{id}: typed actions exist only for BabyAI envs"))
        })?;
        Ok(e.expert_action() as u8)
    }

    /// Steps taken in this episode.
    fn step_count(&self) -> u32 {
        self.env.step_count()
    }

    /// The episode's step limit (None: no limit).
    fn max_steps(&self) -> Option<u32> {
        self.env.max_steps()
    }

    /// Games in an ALFWorld task set (None for BabyAI).
    fn num_games(&self) -> Option<usize> {
        self.env.num_games()
    }

    /// The current game's index (None for BabyAI).
    fn game_index(&self) -> Option<usize> {
        self.env.game_index()
    }

    /// The current game's file (None for generated games and BabyAI).
    fn game_path(&self) -> Option<String> {
        self.env
            .alfworld()
            .and_then(|a| a.game_path())
            .map(|p| p.display().to_string())
    }

    /// BALROG's BabyAI instruction prompt for `mission` (default: this env's mission).
    #[pyo3(signature = (mission=None))]
    fn instruction_prompt(&self, mission: Option<&str>) -> String {
        let mut out = String::new();
        gridhouse::text_render::babyai::instruction_prompt(
            mission.unwrap_or(self.env.mission()),
            &mut out,
        );
        out
    }

    /// ALFWorld wording of generated games: "0.4.2" (`move`) or "0.3" (`put`); applies from
    /// the next reset.
    fn set_wording(&mut self, wording: &str) -> PyResult<()> {
        let w = gridhouse::alfworld::parse_wording(wording).map_err(to_py)?;
        self.alfworld_mut()?.set_wording(w);
        Ok(())
    }

    /// ALFWorld step limit (None: no limit); applies from the next reset.
    #[pyo3(signature = (limit))]
    fn set_max_steps(&mut self, limit: Option<u32>) -> PyResult<()> {
        self.alfworld_mut()?.set_max_steps(limit);
        Ok(())
    }
}

/// One BabyAI env of a [`PyBabyaiVec`] and whether its next step is an auto-reset.
struct Slot {
    env: BabyaiEnv,
    /// Ended at the last step (Gymnasium's `_autoreset_envs`).
    ended: bool,
}

/// The output rows of a chunk of envs.
struct Rows<'a> {
    slots: &'a mut [Slot],
    actions: &'a [i64],
    obs: &'a mut [u8],
    dirs: ArrayViewMut1<'a, i64>,
    rewards: ArrayViewMut1<'a, f64>,
    term: ArrayViewMut1<'a, bool>,
    trunc: ArrayViewMut1<'a, bool>,
    fresh: ArrayViewMut1<'a, bool>,
    final_obs: Option<&'a mut [u8]>,
    final_dirs: Option<ArrayViewMut1<'a, i64>>,
}

fn run_rows(mut r: Rows<'_>, mode: AutoResetMode) {
    for (i, slot) in r.slots.iter_mut().enumerate() {
        let action = Action::try_from(r.actions[i] as u8).unwrap_or(Action::Done);
        let row = &mut r.obs[i * OBS_LEN..(i + 1) * OBS_LEN];
        let mut fresh = false;
        let step = if mode == AutoResetMode::NextStep && slot.ended {
            slot.env.reset_unseeded();
            fresh = true;
            gridhouse::Step::default()
        } else {
            let s = slot.env.step(action);
            if mode == AutoResetMode::SameStep && (s.terminated || s.truncated) {
                if let (Some(f), Some(fd)) = (r.final_obs.as_deref_mut(), r.final_dirs.as_mut()) {
                    let frow: &mut [u8; OBS_LEN] = (&mut f[i * OBS_LEN..(i + 1) * OBS_LEN])
                        .try_into()
                        .expect("row");
                    slot.env.observe(frow);
                    fd[i] = i64::from(slot.env.direction());
                }
                slot.env.reset_unseeded();
                fresh = true;
            }
            s
        };
        slot.ended = step.terminated || step.truncated;
        let row: &mut [u8; OBS_LEN] = row.try_into().expect("row");
        if fresh {
            observe_reset(&slot.env, row);
        } else {
            slot.env.observe(row);
        }
        r.dirs[i] = i64::from(slot.env.direction());
        r.rewards[i] = step.reward;
        r.term[i] = step.terminated;
        r.trunc[i] = step.truncated;
        r.fresh[i] = fresh;
    }
}

/// Many BabyAI envs of one id, as Gymnasium's `SyncVectorEnv` over the single env runs them:
/// env `i` is reset with its own seed (or unseeded, continuing its stream) and auto-resets
/// are unseeded resets. Steps write into caller-owned NumPy arrays with the GIL released.
#[pyclass(module = "gridhouse._native", name = "BabyaiVec")]
struct PyBabyaiVec {
    slots: Vec<Slot>,
    mode: AutoResetMode,
    pool: Option<rayon::ThreadPool>,
    threads: usize,
}

fn check_shape(what: &str, got: &[usize], want: &[usize]) -> PyResult<()> {
    if got == want {
        Ok(())
    } else {
        Err(invalid(format!(
            "{what} must have shape {want:?}, not {got:?}"
        )))
    }
}

#[pymethods]
impl PyBabyaiVec {
    /// `n` envs of `id` (each reset with seed 0 until reset), auto-reset `mode`, stepped on
    /// `threads` threads (0: one per core).
    #[new]
    fn new(id: &str, n: usize, mode: &str, threads: usize) -> PyResult<Self> {
        let mode = parse_mode(mode)?;
        if n == 0 || n > gridhouse::MAX_BATCH {
            return Err(invalid(format!(
                "num_envs is 1 to {}, not {n}",
                gridhouse::MAX_BATCH
            )));
        }
        let env = gridhouse::make(id).map_err(to_py)?;
        let Some(env) = env.babyai().cloned() else {
            return Err(UnsupportedError::new_err(format!(
                "{id}: the vector env runs BabyAI ids (use TextVecEnv for ALFWorld)"
            )));
        };
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t.min(256),
        }
        .min(n);
        let pool = if threads > 1 {
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .map_err(|e| invalid(format!("cannot start {threads} threads: {e}")))?,
            )
        } else {
            None
        };
        let slots = (0..n)
            .map(|_| Slot {
                env: env.clone(),
                ended: false,
            })
            .collect();
        Ok(PyBabyaiVec {
            slots,
            mode,
            pool,
            threads,
        })
    }

    /// Number of envs.
    fn __len__(&self) -> usize {
        self.slots.len()
    }

    /// Threads stepping the envs.
    #[getter]
    fn threads(&self) -> usize {
        self.threads
    }

    /// Resets env `i` for every `seeds[i]` that is not False: an int is Minigrid's
    /// `reset(seed=s)`, None its unseeded reset. Writes the new images and directions.
    fn reset(
        &mut self,
        py: Python<'_>,
        seeds: &Bound<'_, PyList>,
        mask: PyReadonlyArray1<'_, bool>,
        mut obs: PyReadwriteArray4<'_, u8>,
        mut dirs: PyReadwriteArray1<'_, i64>,
    ) -> PyResult<()> {
        let n = self.slots.len();
        let seeds = seed_list(seeds, n)?;
        check_shape("reset_mask", mask.shape(), &[n])?;
        check_shape("obs", obs.shape(), &[n, 7, 7, 3])?;
        check_shape("direction", dirs.shape(), &[n])?;
        let mask: Vec<bool> = mask.as_array().iter().copied().collect();
        let obs = obs
            .as_slice_mut()
            .map_err(|_| invalid("obs must be C-contiguous".into()))?;
        let mut dirs = dirs.as_array_mut();
        let slots = &mut self.slots;
        py.detach(|| {
            for (i, slot) in slots.iter_mut().enumerate() {
                if !mask[i] {
                    continue;
                }
                match seeds[i] {
                    Some(s) => slot.env.reset(s),
                    None => slot.env.reset_unseeded(),
                }
                slot.ended = false;
                let row: &mut [u8; OBS_LEN] = (&mut obs[i * OBS_LEN..(i + 1) * OBS_LEN])
                    .try_into()
                    .expect("row");
                observe_reset(&slot.env, row);
                dirs[i] = i64::from(slot.env.direction());
            }
        });
        Ok(())
    }

    /// One step of every env. `actions` int64 (n,); writes `obs` (n,7,7,3) uint8,
    /// `dirs`/`rewards`/`term`/`trunc` (n,), `fresh[i]` (env i started a new episode in this
    /// call) and, in same-step mode, the final image and direction of each ended env.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (actions, obs, dirs, rewards, term, trunc, fresh, final_obs=None, final_dirs=None))]
    fn step(
        &mut self,
        py: Python<'_>,
        actions: PyReadonlyArray1<'_, i64>,
        mut obs: PyReadwriteArray4<'_, u8>,
        mut dirs: PyReadwriteArray1<'_, i64>,
        mut rewards: PyReadwriteArray1<'_, f64>,
        mut term: PyReadwriteArray1<'_, bool>,
        mut trunc: PyReadwriteArray1<'_, bool>,
        mut fresh: PyReadwriteArray1<'_, bool>,
        final_obs: Option<PyReadwriteArray4<'_, u8>>,
        final_dirs: Option<PyReadwriteArray1<'_, i64>>,
    ) -> PyResult<()> {
        let n = self.slots.len();
        check_shape("actions", actions.shape(), &[n])?;
        check_shape("obs", obs.shape(), &[n, 7, 7, 3])?;
        for (name, shape) in [
            ("direction", dirs.shape()),
            ("rewards", rewards.shape()),
            ("terminated", term.shape()),
            ("truncated", trunc.shape()),
            ("fresh", fresh.shape()),
        ] {
            check_shape(name, shape, &[n])?;
        }
        let actions_view: ArrayView1<'_, i64> = actions.as_array();
        let actions: Vec<i64> = actions_view.iter().copied().collect();
        if let Some((i, a)) = actions
            .iter()
            .enumerate()
            .find(|(_, a)| !(0..=6).contains(*a))
        {
            return Err(invalid(format!(
                "actions[{i}] = {a}: a BabyAI action is an int from 0 to 6"
            )));
        }
        if self.mode == AutoResetMode::Disabled
            && let Some(i) = self.slots.iter().position(|s| s.ended)
        {
            return Err(invalid(format!(
                "env {i} ended and autoreset_mode is \"disabled\": reset it with \
                 options={{\"reset_mask\": mask}} before stepping"
            )));
        }
        let mut final_obs = final_obs;
        let mut final_dirs = final_dirs;
        if let Some(f) = &final_obs {
            check_shape("final_obs", f.shape(), &[n, 7, 7, 3])?;
        }
        if let Some(f) = &final_dirs {
            check_shape("final_direction", f.shape(), &[n])?;
        }
        let obs = obs
            .as_slice_mut()
            .map_err(|_| invalid("obs must be C-contiguous".into()))?;
        let final_slice = match final_obs.as_mut() {
            Some(f) => Some(
                f.as_slice_mut()
                    .map_err(|_| invalid("final_obs must be C-contiguous".into()))?,
            ),
            None => None,
        };
        let final_dirs = final_dirs.as_mut().map(|f| f.as_array_mut());
        let rows = Rows {
            slots: &mut self.slots,
            actions: &actions,
            obs,
            dirs: dirs.as_array_mut(),
            rewards: rewards.as_array_mut(),
            term: term.as_array_mut(),
            trunc: trunc.as_array_mut(),
            fresh: fresh.as_array_mut(),
            final_obs: final_slice,
            final_dirs,
        };
        let mode = self.mode;
        match &self.pool {
            None => py.detach(|| run_rows(rows, mode)),
            Some(pool) => {
                let chunk = n.div_ceil(self.threads * 4).max(1);
                let chunks = split_rows(rows, chunk);
                py.detach(|| {
                    pool.install(|| chunks.into_par_iter().for_each(|r| run_rows(r, mode)))
                });
            }
        }
        Ok(())
    }

    /// The mission of env `i`.
    fn mission(&self, i: usize) -> PyResult<String> {
        self.slots
            .get(i)
            .map(|s| s.env.mission().to_string())
            .ok_or_else(|| invalid(format!("no env {i} in {} envs", self.slots.len())))
    }

    /// The missions of every env.
    fn missions(&self) -> Vec<String> {
        self.slots
            .iter()
            .map(|s| s.env.mission().to_string())
            .collect()
    }

    /// BALROG's text of env `i`.
    fn text(&self, i: usize) -> PyResult<String> {
        let mut out = String::new();
        self.slots
            .get(i)
            .ok_or_else(|| invalid(format!("no env {i} in {} envs", self.slots.len())))?
            .env
            .text(&mut out);
        Ok(out)
    }
}

/// Splits the rows into chunks of `chunk` envs.
fn split_rows(r: Rows<'_>, chunk: usize) -> Vec<Rows<'_>> {
    let mut out = Vec::new();
    let Rows {
        mut slots,
        mut actions,
        mut obs,
        mut dirs,
        mut rewards,
        mut term,
        mut trunc,
        mut fresh,
        mut final_obs,
        mut final_dirs,
    } = r;
    while !slots.is_empty() {
        let k = chunk.min(slots.len());
        let (s0, s1) = std::mem::take(&mut slots).split_at_mut(k);
        slots = s1;
        let (a0, a1) = actions.split_at(k);
        actions = a1;
        let (o0, o1) = std::mem::take(&mut obs).split_at_mut(k * OBS_LEN);
        obs = o1;
        let (d0, d1) = dirs.split_at(numpy::ndarray::Axis(0), k);
        dirs = d1;
        let (r0, r1) = rewards.split_at(numpy::ndarray::Axis(0), k);
        rewards = r1;
        let (t0, t1) = term.split_at(numpy::ndarray::Axis(0), k);
        term = t1;
        let (u0, u1) = trunc.split_at(numpy::ndarray::Axis(0), k);
        trunc = u1;
        let (f0, f1) = fresh.split_at(numpy::ndarray::Axis(0), k);
        fresh = f1;
        let fo0 = match final_obs.take() {
            Some(f) => {
                let (x, y) = f.split_at_mut(k * OBS_LEN);
                final_obs = Some(y);
                Some(x)
            }
            None => None,
        };
        let fd0 = match final_dirs.take() {
            Some(f) => {
                let (x, y) = f.split_at(numpy::ndarray::Axis(0), k);
                final_dirs = Some(y);
                Some(x)
            }
            None => None,
        };
        out.push(Rows {
            slots: s0,
            actions: a0,
            obs: o0,
            dirs: d0,
            rewards: r0,
            term: t0,
            trunc: u0,
            fresh: f0,
            final_obs: fo0,
            final_dirs: fd0,
        });
    }
    out
}

/// One text batch step: `(texts, rewards, terminated, truncated, valid)`.
type TextStep = (Vec<String>, Vec<f64>, Vec<bool>, Vec<bool>, Vec<bool>);

/// `gridhouse::Batch` stepped by text commands (any id, both engines).
#[pyclass(module = "gridhouse._native", name = "TextBatch")]
struct PyTextBatch {
    batch: Batch,
    texts: Vec<String>,
    rewards: Vec<f64>,
    term: Vec<bool>,
    trunc: Vec<bool>,
    valid: Vec<bool>,
}

#[pymethods]
impl PyTextBatch {
    /// `n` envs of `id`, env `i`'s episodes seeded from `base_seed` as `gridhouse::Batch`
    /// does, auto-reset `mode`, `threads` threads (0: one per core).
    #[new]
    fn new(
        py: Python<'_>,
        id: &str,
        n: usize,
        base_seed: u64,
        mode: &str,
        threads: usize,
    ) -> PyResult<Self> {
        let mode = parse_mode(mode)?;
        let id = id.to_string();
        let batch = py
            .detach(move || Batch::new(&id, n, base_seed, mode, threads))
            .map_err(to_py)?;
        let mut texts = vec![String::new(); n];
        batch.observe_texts(&mut texts).map_err(to_py)?;
        Ok(PyTextBatch {
            batch,
            texts,
            rewards: vec![0.0; n],
            term: vec![false; n],
            trunc: vec![false; n],
            valid: vec![true; n],
        })
    }

    /// Number of envs.
    fn __len__(&self) -> usize {
        self.batch.len()
    }

    /// Gymnasium's seeding (`gridhouse::Batch::reset_seeded`): env `i` resets with
    /// `seeds[i]` (None: unseeded, continuing its own stream); later auto-resets are
    /// unseeded. Returns the texts.
    fn reset(&mut self, py: Python<'_>, seeds: &Bound<'_, PyList>) -> PyResult<Vec<String>> {
        let n = self.batch.len();
        let seeds = seed_list(seeds, n)?;
        let (batch, texts) = (&mut self.batch, &mut self.texts);
        py.detach(move || {
            batch.reset_seeded(&seeds)?;
            batch.observe_texts(texts)
        })
        .map_err(to_py)?;
        Ok(self.texts.clone())
    }

    /// One step by a list of commands: `(texts, rewards, terminated, truncated, valid)`.
    fn step(&mut self, py: Python<'_>, commands: Vec<String>) -> PyResult<TextStep> {
        let Self {
            batch,
            texts,
            rewards,
            term,
            trunc,
            valid,
        } = self;
        py.detach(|| {
            batch.step_text(
                &commands,
                gridhouse::batch_out(texts, rewards, term, trunc),
                None,
                valid,
            )
        })
        .map_err(to_py)?;
        Ok((
            self.texts.clone(),
            self.rewards.clone(),
            self.term.clone(),
            self.trunc.clone(),
            self.valid.clone(),
        ))
    }

    /// The mission of env `i`.
    fn mission(&self, i: usize) -> PyResult<String> {
        let n = self.batch.len();
        if let Some(e) = self.batch.babyai(i) {
            Ok(e.mission().to_string())
        } else if let Some(e) = self.batch.alfworld(i) {
            Ok(e.mission().to_string())
        } else {
            Err(invalid(format!("no env {i} in {n} envs")))
        }
    }
}

/// Every env id `gridhouse.make` knows by name, with its engine: `[(id, engine)]`.
#[pyfunction]
fn list_ids() -> Vec<(String, &'static str)> {
    gridhouse::list()
        .into_iter()
        .map(|e| (e.id, e.engine.name()))
        .collect()
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyEnv>()?;
    m.add_class::<PyBabyaiVec>()?;
    m.add_class::<PyTextBatch>()?;
    m.add_class::<frames::PyRenderer>()?;
    sft::register(m)?;
    m.add_function(wrap_pyfunction!(list_ids, m)?)?;
    records::register(m)?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("UnknownIdError", py.get_type::<UnknownIdError>())?;
    m.add("NotACommandError", py.get_type::<NotACommandError>())?;
    m.add("UnsupportedError", py.get_type::<UnsupportedError>())?;
    m.add("NoSuchGameError", py.get_type::<NoSuchGameError>())?;
    m.add("LoadError", py.get_type::<LoadError>())?;
    m.add("ExpertError", py.get_type::<ExpertError>())?;
    m.add("InvalidError", py.get_type::<InvalidError>())?;
    Ok(())
}
