"""A drop-in for BALROG's BabyAI-Text env (``balrog.environments.make_env("babyai", ...)``).

The env of ``make_env("babyai", "BabyAI-MixedTrainLocal-v0/goto", config)`` behaves as
BALROG's ``EnvWrapper(BabyAITextCleanLangWrapper(...))``: ``obs["text"]["long_term_context"]``
(BALROG's description lines), ``obs["text"]["short_term_context"]`` (""), ``obs["mission"]``,
``max_steps``, ``check_action_validity``, ``get_instruction_prompt(instructions=None)``,
``get_stats()``, ``failed_candidates``. Differences: the task kind is fixed by the task name and
every layout comes from the seed (BALROG's is unseeded); ``info`` is ``{}``.
``obs["image"]`` is BALROG's: the agent's point of view drawn at tile size 16
(``get_pov_render(tile_size=16)``, 112x112), as a ``PIL.Image.Image`` in mode ``RGB`` like
BALROG's ``Image.fromarray(...).convert("RGB")``; without Pillow installed, the same pixels as
a (112, 112, 3) uint8 array.
"""

from __future__ import annotations

from . import _native

try:  # BALROG hands out PIL images; Pillow is optional here.
    from PIL import Image as _PILImage
except ImportError:  # pragma: no cover - depends on the environment
    _PILImage = None

#: BALROG's tile size of the agent's view in ``obs["image"]``.
POV_TILE_SIZE = 16


def pov_image(native_env, renderer):
    """BALROG's ``obs["image"]``: the agent's view at tile size 16, a PIL RGB image (a uint8
    array without Pillow)."""
    frame = renderer.frame(native_env, POV_TILE_SIZE, True, True)
    if _PILImage is None:
        return frame
    return _PILImage.fromarray(frame).convert("RGB")

#: BALROG's six language actions (Minigrid's actions 0-5).
BABYAI_ACTION_SPACE = ["turn left", "turn right", "go forward", "pick up", "drop", "toggle"]

#: The five tasks of BALROG's config (and TensorZero's example).
BABYAI_TASKS = [
    "BabyAI-MixedTrainLocal-v0/goto",
    "BabyAI-MixedTrainLocal-v0/pickup",
    "BabyAI-MixedTrainLocal-v0/open",
    "BabyAI-MixedTrainLocal-v0/putnext",
    "BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to",
]


class ActionError(_native.NotACommandError, ValueError):
    """``step`` given text outside ``language_action_space`` (BALROG raises ValueError)."""


def _get(obj, key, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    try:
        return getattr(obj, key)
    except (AttributeError, KeyError):
        try:
            return obj[key]
        except Exception:
            return default


def babyai_kwargs(config) -> dict:
    """``config.envs.babyai_kwargs`` of a dict or OmegaConf-like config (``{}`` if absent)."""
    kw = _get(_get(config, "envs"), "babyai_kwargs")
    if kw is None:
        return {}
    if hasattr(kw, "items"):
        return {str(k): v for k, v in kw.items()}
    raise _native.InvalidError(f"config.envs.babyai_kwargs must be a mapping, not {type(kw).__name__}")


class BabyAIEnv:
    """BALROG's BabyAI env (``EnvWrapper`` over ``BabyAITextCleanLangWrapper``)."""

    language_action_space = BABYAI_ACTION_SPACE
    default_action = "go forward"

    def __init__(self, env_name: str, task: str, render_mode=None, **kwargs):
        unknown = {k: v for k, v in kwargs.items() if not (k == "num_dists" and v == 0)}
        if unknown:
            raise _native.UnsupportedError(
                f"babyai_kwargs {unknown}: Gridhouse's BALROG tasks are BALROG's configuration "
                "(num_dists 0)"
            )
        self.env_name = env_name
        self.task_name = task
        self.render_mode = render_mode
        self.failed_candidates = []
        self.progression = 0.0
        self._env = _native.Env(task)
        self._renderer = _native.Renderer()
        self._mission = self._env.mission()

    @property
    def max_steps(self) -> int:
        """The episode's step limit (Minigrid's, recomputed at each reset)."""
        return self._env.max_steps()

    @property
    def actions(self):
        """BALROG's action names."""
        return list(self.language_action_space)

    def _obs(self):
        return {
            "image": pov_image(self._env, self._renderer),
            "direction": int(self._env.direction()),
            "mission": self._env.mission(),
            "text": {"long_term_context": self._env.text(), "short_term_context": ""},
        }

    def reset(self, seed=None, **kwargs):
        """A new episode (the layout of ``seed``; None continues the stream)."""
        self._env.reset(seed)
        self._mission = self._env.mission()
        self.progression = 0.0
        return self._obs(), {}

    def step(self, action: str):
        """One step by one of BALROG's six action names."""
        if action not in self.language_action_space:
            raise ActionError(f"{action!r} is not in language_action_space {self.language_action_space}")
        reward, terminated, truncated = self._env.step(self.language_action_space.index(action))
        if reward > 0:
            self.progression = 1.0
        return self._obs(), float(reward), bool(terminated), bool(truncated), {}

    def check_action_validity(self, candidate_action):
        """The candidate if it is an action, else BALROG's default action (recorded)."""
        if candidate_action in self.language_action_space:
            return candidate_action
        self.failed_candidates.append(candidate_action)
        return self.default_action

    def get_text_action(self, action) -> str:
        """The name of a Minigrid action."""
        return self.language_action_space[getattr(action, "value", action)]

    def get_instruction_prompt(self, instructions=None) -> str:
        """BALROG's BabyAI instruction prompt for ``instructions`` (the mission)."""
        return self._env.instruction_prompt(instructions if instructions is not None else self._env.mission())

    def get_stats(self) -> dict:
        """``{"mission", "progression"}`` (progression 1.0 once the mission is done)."""
        return {"mission": self._mission, "progression": self.progression}

    def render(self):
        """The mission and the text."""
        return f"Mission: {self._env.mission()}\n{self._env.text()}"

    def close(self):
        """Nothing to release."""


def make_env(env_name, task, config=None, render_mode=None):
    """BALROG's ``make_env`` for ``env_name == "babyai"`` and its five tasks."""
    if env_name != "babyai":
        raise _native.UnsupportedError(f"{env_name}: Gridhouse's BALROG drop-in runs env_name='babyai'")
    if not isinstance(task, str) or task not in BABYAI_TASKS:
        raise _native.UnknownIdError(f"unknown BALROG BabyAI task {task!r}; the tasks are {BABYAI_TASKS}")
    return BabyAIEnv(env_name, task, render_mode=render_mode, **babyai_kwargs(config))
