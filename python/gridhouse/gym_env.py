"""The single Gymnasium env: Minigrid 3.2.0's BabyAI levels and BALROG's tasks, by id."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from . import _native

#: BALROG's task prefix; its ids carry a ``/<kind>`` suffix Gymnasium ids cannot hold.
MIXED = "BabyAI-MixedTrainLocal-v0/"

_EXAMPLE_MISSIONS = (
    "go to the red ball",
    "pick up the blue key",
    "open the door",
    "put the green box next to the grey ball",
)


class MissionSpace(spaces.Space):
    """The space of mission strings, as Minigrid's ``BabyAIMissionSpace``: every ``str`` is in
    it (Gymnasium's ``Text`` space would refuse the spaces and commas of a mission)."""

    def __init__(self, seed=None):
        super().__init__(None, str, seed)

    def sample(self, mask=None, probability=None):
        """A mission-like string."""
        return _EXAMPLE_MISSIONS[int(self.np_random.integers(len(_EXAMPLE_MISSIONS)))]

    def contains(self, x) -> bool:
        """Whether ``x`` is a string."""
        return isinstance(x, str)

    @property
    def is_np_flattenable(self):
        """Missions are not flattenable."""
        return False

    def __repr__(self) -> str:
        return "MissionSpace()"

    def __eq__(self, other) -> bool:
        return isinstance(other, MissionSpace)


def observation_space() -> spaces.Dict:
    """Minigrid's observation space."""
    return spaces.Dict(
        {
            "image": spaces.Box(0, 255, (7, 7, 3), np.uint8),
            "direction": spaces.Discrete(4),
            "mission": MissionSpace(),
        }
    )


def babyai_ids():
    """The 101 BabyAI ids of the front door: Minigrid's 96 levels, then BALROG's 5 tasks."""
    return [i for i, e in _native.list_ids() if e == "babyai"]


def gym_id(env_id: str) -> str:
    """The Gymnasium id of a Gridhouse BabyAI id: ``gridhouse/<id>``, except BALROG's
    ``BabyAI-MixedTrainLocal-v0/<kind>`` (Gymnasium ids allow one ``/``), which becomes
    ``gridhouse/BabyAI-MixedTrainLocal-<kind>-v0``."""
    if env_id.startswith(MIXED):
        return f"gridhouse/BabyAI-MixedTrainLocal-{env_id[len(MIXED):]}-v0"
    return f"gridhouse/{env_id}"


def native_id(env_id: str) -> str:
    """The Gridhouse id of an id given with or without ``gridhouse/`` (either spelling of
    BALROG's tasks)."""
    if env_id.startswith("gridhouse/"):
        env_id = env_id[len("gridhouse/"):]
    prefix = "BabyAI-MixedTrainLocal-"
    if env_id.startswith(prefix) and env_id.endswith("-v0") and env_id != "BabyAI-MixedTrainLocal-v0":
        return MIXED + env_id[len(prefix):-3]
    return env_id


def check_seed(seed):
    """``gridhouse.InvalidError`` unless ``seed`` is None or an int in 0..2**64-1."""
    if seed is None:
        return
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) < 2**64:
        raise _native.InvalidError(f"seed must be None or an int from 0 to 2**64-1, not {seed!r}")


class GridhouseEnv(gym.Env):
    """A BabyAI env as Minigrid 3.2.0 defines it: Dict observations (``image`` (7,7,3) uint8,
    ``direction``, ``mission``), ``Discrete(7)`` actions, reward ``1 - 0.9 * steps/max_steps``
    on success, truncation at ``max_steps``. ``reset(seed=s)`` is Minigrid's episode of ``s``;
    ``reset()`` continues the stream (a new env continues seed 0's stream; Gridhouse reads no
    OS entropy). Every call returns fresh arrays."""

    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 10}

    def __init__(self, env_id: str = "BabyAI-GoToLocal-v0", render_mode: str | None = None):
        if render_mode not in (None, "ansi", "rgb_array"):
            raise _native.InvalidError(
                f"render_mode is None, 'ansi' or 'rgb_array', not {render_mode!r}"
            )
        self._env = _native.Env(native_id(env_id))
        self._renderer = _native.Renderer()
        if self._env.engine != "babyai":
            raise _native.UnsupportedError(
                f"{env_id}: Gymnasium envs are BabyAI ids (use gridhouse.TextEnv for ALFWorld)"
            )
        self.env_id = self._env.id
        self.render_mode = render_mode
        self.action_space = spaces.Discrete(7)
        self.observation_space = observation_space()

    def _obs(self, reset=False):
        return {
            "image": self._env.reset_image() if reset else self._env.image(),
            "direction": int(self._env.direction()),
            "mission": self._env.mission(),
        }

    def reset(self, *, seed=None, options=None):
        """Minigrid's reset: the episode of ``seed``, or the stream's next one."""
        check_seed(seed)
        super().reset(seed=seed)
        self._env.reset(seed)
        return self._obs(reset=True), {}

    def step(self, action):
        """One step with a Minigrid action (0 left ... 6 done)."""
        reward, terminated, truncated = self._env.step(action)
        return self._obs(), float(reward), bool(terminated), bool(truncated), {}

    def render(self):
        """``"rgb_array"``: Minigrid's ``render()`` frame, (height, width, 3) uint8 (tile size
        32, the agent's view highlighted). ``"ansi"``: the mission and BALROG's text."""
        if self.render_mode == "rgb_array":
            return self.get_frame()
        if self.render_mode == "ansi":
            return f"Mission: {self._env.mission()}\n{self._env.text()}"
        return None

    def get_frame(self, highlight: bool = True, tile_size: int = 32, agent_pov: bool = False):
        """Minigrid's ``get_frame``: the full grid (the agent's view highlighted unless
        ``highlight=False``) or, with ``agent_pov=True``, the agent's 7x7 view, as a new
        (height, width, 3) uint8 array, byte for byte Minigrid 3.2.0's pixels."""
        _check_frame_args(highlight, tile_size, agent_pov)
        return self._renderer.frame(self._env, int(tile_size), bool(highlight), bool(agent_pov))

    def get_full_render(self, highlight: bool = True, tile_size: int = 32):
        """Minigrid's ``get_full_render``: the full grid."""
        return self.get_frame(highlight=highlight, tile_size=tile_size)

    def get_pov_render(self, tile_size: int = 32):
        """Minigrid's ``get_pov_render``: the agent's view (BALROG draws it at tile size 16)."""
        return self.get_frame(tile_size=tile_size, agent_pov=True)

    # Minigrid-style attributes people read through ``env.unwrapped``.
    @property
    def mission(self) -> str:
        """The mission."""
        return self._env.mission()

    @property
    def max_steps(self) -> int:
        """The episode's step limit (recomputed at each reset, as Minigrid does)."""
        return self._env.max_steps()

    @property
    def step_count(self) -> int:
        """Steps taken in this episode."""
        return self._env.step_count()

    @property
    def agent_dir(self) -> int:
        """The agent's direction."""
        return int(self._env.direction())

    def expert_action(self) -> int:
        """The BabyAI bot's next action (Minigrid's ``BabyAIBot``)."""
        return int(self._env.expert_action_index())

    def text(self) -> str:
        """BALROG's text of the current view."""
        return self._env.text()

    def full_grid(self):
        """Minigrid's ``FullyObsWrapper`` image, (width, height, 3) uint8."""
        return self._env.full_grid()


def _check_frame_args(highlight, tile_size, agent_pov):
    """``gridhouse.InvalidError`` for arguments Minigrid's ``get_frame`` would not take."""
    if isinstance(tile_size, bool) or not isinstance(tile_size, (int, np.integer)) or not 1 <= int(tile_size) <= 256:
        raise _native.InvalidError(f"tile_size must be an int from 1 to 256, not {tile_size!r}")
    for name, v in (("highlight", highlight), ("agent_pov", agent_pov)):
        if not isinstance(v, (bool, np.bool_, int, np.integer)):
            raise _native.InvalidError(f"{name} must be a bool, not {v!r}")


def _make_vec_entry(num_envs=1, env_id="BabyAI-GoToLocal-v0", **kwargs):
    from .vector import make_vec

    return make_vec(env_id, num_envs, **kwargs)


def register_envs():
    """Registers ``gridhouse/<id>`` for every BabyAI id (called by ``import gridhouse``)."""
    for env_id in babyai_ids():
        gid = gym_id(env_id)
        if gid in gym.registry:
            continue
        gym.register(
            id=gid,
            entry_point="gridhouse.gym_env:GridhouseEnv",
            vector_entry_point="gridhouse.gym_env:_make_vec_entry",
            kwargs={"env_id": env_id},
        )
