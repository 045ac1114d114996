"""The vector env: many BabyAI envs stepped in Rust, observations written in place."""

from __future__ import annotations

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space
from gymnasium import spaces

from . import _native
from .gym_env import native_id, observation_space

_MODES = {
    AutoresetMode.NEXT_STEP: "next_step",
    AutoresetMode.SAME_STEP: "same_step",
    AutoresetMode.DISABLED: "disabled",
}


def _mode(mode) -> AutoresetMode:
    if isinstance(mode, AutoresetMode):
        return mode
    for m, name in _MODES.items():
        if mode in (name, m.value):
            return m
    raise _native.InvalidError(
        f'autoreset_mode is "next_step", "same_step" or "disabled", not {mode!r}'
    )


class GridhouseVectorEnv(VectorEnv):
    """``num_envs`` BabyAI envs of one id with the trajectories of Gymnasium's
    ``SyncVectorEnv`` over ``GridhouseEnv`` (so over Minigrid) in every auto-reset mode:
    ``reset(seed=s)`` seeds env ``i`` with ``s + i`` (a list gives one seed, or None, per env),
    ``reset()`` and auto-resets continue each env's own stream.

    Memory: ``obs["image"]`` (num_envs, 7, 7, 3) uint8 and ``obs["direction"]`` (num_envs,)
    int64 are the SAME arrays at every call, overwritten in place by Rust (no copy per step);
    copy them to keep them. ``obs["mission"]`` is a new tuple of str, rewards, terminations and
    truncations are new arrays each call, and same-step ``infos["final_obs"]`` holds copies.
    Stepping releases the GIL and runs on ``num_threads`` threads (None: one per core)."""

    def __init__(
        self,
        env_id: str,
        num_envs: int,
        *,
        autoreset_mode="next_step",
        num_threads: int | None = None,
        render_mode: str | None = None,
    ):
        mode = _mode(autoreset_mode)
        if not isinstance(num_envs, (int, np.integer)) or isinstance(num_envs, bool) or num_envs < 1:
            raise _native.InvalidError(f"num_envs must be an int >= 1, not {num_envs!r}")
        if num_threads is not None and (
            not isinstance(num_threads, (int, np.integer)) or num_threads < 1
        ):
            raise _native.InvalidError(f"num_threads must be None or an int >= 1, not {num_threads!r}")
        if render_mode not in (None, "ansi"):
            raise _native.InvalidError(f"render_mode is None or 'ansi', not {render_mode!r}")
        self._vec = _native.BabyaiVec(native_id(env_id), int(num_envs), _MODES[mode], int(num_threads or 0))
        n = int(num_envs)
        self.env_id = native_id(env_id)
        self.num_envs = n
        self.render_mode = render_mode
        self.autoreset_mode = mode
        self.metadata = {"autoreset_mode": mode, "render_modes": ["ansi"], "render_fps": 10}
        self.single_observation_space = observation_space()
        self.single_action_space = spaces.Discrete(7)
        self.observation_space = batch_space(self.single_observation_space, n)
        self.action_space = batch_space(self.single_action_space, n)
        self._image = np.zeros((n, 7, 7, 3), np.uint8)
        self._direction = np.zeros(n, np.int64)
        self._rewards = np.zeros(n, np.float64)
        self._term = np.zeros(n, np.bool_)
        self._trunc = np.zeros(n, np.bool_)
        self._fresh = np.zeros(n, np.bool_)
        self._final_image = np.zeros((n, 7, 7, 3), np.uint8) if mode == AutoresetMode.SAME_STEP else None
        self._final_direction = np.zeros(n, np.int64) if mode == AutoresetMode.SAME_STEP else None
        self._missions = self._vec.missions()

    @property
    def num_threads(self) -> int:
        """Threads stepping the envs."""
        return self._vec.threads

    def _obs(self):
        return {"direction": self._direction, "image": self._image, "mission": tuple(self._missions)}

    def reset(self, *, seed=None, options=None):
        """Resets every env (or those of ``options["reset_mask"]``) as ``SyncVectorEnv``."""
        n = self.num_envs
        if seed is None:
            seeds = [None] * n
        elif isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            seeds = [int(seed) + i for i in range(n)]
        elif isinstance(seed, (list, tuple)):
            seeds = list(seed)
            if len(seeds) != n:
                raise _native.InvalidError(f"{n} envs given {len(seeds)} seeds")
        else:
            raise _native.InvalidError(f"seed must be None, an int or a list of {n}, not {seed!r}")
        if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
            super().reset(seed=int(seed))
        mask = np.ones(n, np.bool_)
        if options is not None and "reset_mask" in options:
            m = options["reset_mask"]
            if not isinstance(m, np.ndarray) or m.dtype != np.bool_ or m.shape != (n,):
                raise _native.InvalidError(f"options['reset_mask'] must be a bool ndarray of shape ({n},)")
            if not m.any():
                raise _native.InvalidError("options['reset_mask'] must have at least one True value")
            mask = m
        self._vec.reset(seeds, mask, self._image, self._direction)
        for i in np.flatnonzero(mask):
            self._missions[i] = self._vec.mission(int(i))
        return self._obs(), {}

    def step(self, actions):
        """One step of every env (actions: ints 0..6, shape (num_envs,))."""
        a = np.asarray(actions)
        if a.dtype != np.int64:
            if a.dtype.kind not in "iub":
                raise _native.InvalidError(f"actions must be integers, not {a.dtype}")
            a = a.astype(np.int64)
        if a.shape != (self.num_envs,):
            raise _native.InvalidError(f"actions must have shape ({self.num_envs},), not {a.shape}")
        same = self.autoreset_mode == AutoresetMode.SAME_STEP
        self._vec.step(
            a, self._image, self._direction, self._rewards, self._term, self._trunc, self._fresh,
            self._final_image, self._final_direction,
        )
        infos = {}
        fresh = np.flatnonzero(self._fresh)
        if same:
            for i in fresh:
                final = {
                    "image": self._final_image[i].copy(),
                    "direction": int(self._final_direction[i]),
                    "mission": self._missions[i],
                }
                infos = self._add_info(infos, {"final_obs": final, "final_info": {}}, int(i))
        for i in fresh:
            self._missions[i] = self._vec.mission(int(i))
        return self._obs(), self._rewards.copy(), self._term.copy(), self._trunc.copy(), infos

    def render(self):
        """``"ansi"``: each env's mission and BALROG text."""
        if self.render_mode != "ansi":
            return None
        return tuple(
            f"Mission: {self._missions[i]}\n{self._vec.text(i)}" for i in range(self.num_envs)
        )

    def close_extras(self, **kwargs):
        """Drops the envs."""
        self._vec = None


def make_vec(env_id: str, num_envs: int = 1, *, autoreset_mode="next_step", num_threads=None, render_mode=None, **kwargs):
    """A ``GridhouseVectorEnv`` of ``num_envs`` envs of ``env_id`` (with or without the
    ``gridhouse/`` prefix)."""
    kwargs.pop("max_episode_steps", None)
    if kwargs:
        raise _native.InvalidError(f"unknown options {sorted(kwargs)}")
    return GridhouseVectorEnv(
        env_id, num_envs, autoreset_mode=autoreset_mode, num_threads=num_threads, render_mode=render_mode
    )
