"""A drop-in for DSPy's ``dspy.datasets.alfworld.AlfWorld``: in-process, no worker processes,
no data download. Games come from a Gridhouse ALFWorld task set (default ``alfworld/train``);
``init(idx)`` plays game ``idx % num_games`` of it (Gridhouse's sorted order, not ALFWorld's
filesystem walk order).
"""

from __future__ import annotations

import queue
import random
import threading
from contextlib import contextmanager

from . import _native

try:  # DSPy's own Example when DSPy is installed
    from dspy import Example  # type: ignore
except Exception:  # pragma: no cover - depends on the environment

    class Example:
        """A stand-in for ``dspy.Example`` (fields as attributes and items)."""

        def __init__(self, **fields):
            self._store = dict(fields)
            self._input_keys = None

        def with_inputs(self, *keys):
            """A copy with ``keys`` marked as inputs."""
            ex = Example(**self._store)
            ex._input_keys = set(keys)
            return ex

        def inputs(self):
            """The input fields."""
            return Example(**{k: v for k, v in self._store.items() if k in (self._input_keys or ())})

        def __getattr__(self, key):
            store = self.__dict__.get("_store", {})
            if key in store:
                return store[key]
            raise AttributeError(key)

        def __getitem__(self, key):
            return self._store[key]

        def keys(self):
            """Field names."""
            return self._store.keys()

        def toDict(self):
            """The fields as a dict."""
            return dict(self._store)

        def __repr__(self):
            return f"Example({self._store})"


class Session:
    """One env of the pool: ``init(idx)`` and ``step(action)`` with TextWorld's batch-of-one
    shapes."""

    def __init__(self, env_id: str, wording: str, max_steps: int):
        self._env = _native.Env(env_id)
        self._env.set_wording(wording)
        self._env.set_max_steps(max_steps)
        self._done = False

    def _info(self):
        env = self._env
        try:
            plan = [env.expert_action()]
        except _native.Error:
            plan = []
        path = env.game_path() or f"{env.id}#{env.game_index()}"
        return {
            "won": [env.won()],
            "admissible_commands": [env.admissible()],
            "extra.gamefile": [path],
            "extra.expert_plan": [plan],
        }

    def init(self, idx):
        """Plays game ``idx`` (mod the set size): ``(task, info)``."""
        if isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
            raise _native.InvalidError(f"idx must be an int >= 0, not {idx!r}")
        self._env.reset_to(idx % self._env.num_games())
        self._done = False
        return self._env.text(), self._info()

    def step(self, action):
        """One command: ``((obs,), (score,), (done,), info)``; a finished game keeps
        returning its last state, as ALFWorld's env does."""
        if not isinstance(action, str):
            raise _native.InvalidError(f"an action is a str, not {type(action).__name__}")
        if not self._done:
            _, terminated, truncated = self._env.step_text(action)
            self._done = terminated or truncated or self._env.won()
        won = self._env.won()
        return (self._env.text(),), (1 if won else 0,), (self._done,), self._info()


class EnvPool:
    """``size`` sessions shared by threads: ``with pool.session() as env:`` takes a free one
    (blocking) and gives it back."""

    def __init__(self, size: int = 20, env_id: str = "alfworld/train", wording: str = "0.4.2", max_steps: int = 50):
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 1024:
            raise _native.InvalidError(f"max_threads must be an int from 1 to 1024, not {size!r}")
        self._free = queue.LifoQueue()
        self._closed = threading.Event()
        self.size = size
        for _ in range(size):
            self._free.put(Session(env_id, wording, max_steps))

    @contextmanager
    def session(self):
        """A free session for the ``with`` block."""
        if self._closed.is_set():
            raise _native.InvalidError("the pool is closed")
        env = self._free.get()
        try:
            yield env
        finally:
            self._free.put(env)

    def close_all(self):
        """Closes the pool (sessions are plain objects: nothing else to stop)."""
        self._closed.set()


class AlfWorld:
    """DSPy's ``AlfWorld(max_threads=20)``: ``trainset`` (3000) and ``devset`` (500) of
    ``Example(idx=i).with_inputs("idx")`` shuffled as DSPy shuffles them, and ``POOL``.
    ``wording``: "0.4.2" (ALFWorld 0.4.2's ``move``) or "0.3" (0.3.5's ``put``, DSPy's pin)."""

    def __init__(self, max_threads: int = 20, *, env_id: str = "alfworld/train", wording: str = "0.4.2", max_steps: int = 50):
        self.POOL = EnvPool(size=max_threads, env_id=env_id, wording=wording, max_steps=max_steps)
        dataset = [Example(idx=idx).with_inputs("idx") for idx in range(3500)]
        random.Random(0).shuffle(dataset)
        self.trainset, self.devset = dataset[:3000], dataset[-500:]
        assert len(self.trainset) + len(self.devset) <= len(dataset)

    def __del__(self):
        pool = getattr(self, "POOL", None)
        if pool is not None:
            pool.close_all()
