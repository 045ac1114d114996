"""Text envs for LLM agents, over both engines."""

from __future__ import annotations

import numpy as np

from . import _native
from .gym_env import native_id


class TextEnv:
    """One env of any Gridhouse id (BabyAI levels and BALROG tasks, ``alfworld/...`` sets,
    ``alfworld-dir:PATH``) played by text.

    ``reset(seed=None, index=None) -> (text, info)``; ``step(command) -> (text, reward,
    terminated, truncated, info)``. ``info``: ``mission``, ``admissible_commands``, ``won``,
    ``valid_action`` (False when a BabyAI command was no action and BALROG's default action
    ``"go forward"`` was taken instead; ALFWorld answers any text itself, e.g. "Nothing
    happens."), ``step_count``, ``expert_action`` (the bot's or oracle's next command; None
    when it cannot act; left out with ``expert=False``) and, for BabyAI, BALROG's
    ``instruction_prompt``. Options: ``wording`` ("0.4.2" or "0.3") and ``max_steps`` for
    ALFWorld."""

    def __init__(self, env_id: str, *, expert: bool = True, wording: str | None = None, max_steps=...):
        self._env = _native.Env(native_id(env_id))
        self.env_id = self._env.id
        self.engine = self._env.engine
        self.expert = expert
        if wording is not None:
            self._env.set_wording(wording)
        if max_steps is not ...:
            self._env.set_max_steps(max_steps)
        if wording is not None or max_steps is not ...:
            self._env.reset(0)
        self._adm = self._env.admissible() if self._env.engine == "babyai" else None
        self._mission = self._env.mission()
        self._prompt = self._env.instruction_prompt() if self._adm is not None else None
        self.failed_commands = []

    @property
    def num_games(self):
        """Games of an ALFWorld task set (None for BabyAI)."""
        return self._env.num_games()

    @property
    def max_steps(self):
        """The episode's step limit (None: no limit)."""
        return self._env.max_steps()

    def _info(self, valid, won, step_count):
        env = self._env
        info = {
            "mission": self._mission,
            "admissible_commands": list(self._adm) if self._adm is not None else env.admissible(),
            "won": won,
            "valid_action": valid,
            "step_count": step_count,
        }
        if self.expert:
            try:
                info["expert_action"] = env.expert_action()
            except _native.ExpertError:
                info["expert_action"] = None
        if self._adm is not None:
            info["instruction_prompt"] = self._prompt
        else:
            info["game_index"] = env.game_index()
        return info

    def reset(self, seed=None, index=None):
        """A new episode: of ``seed`` (BabyAI: Minigrid's; ALFWorld: game ``seed %
        num_games``), of game ``index`` (ALFWorld), or the next one (both None)."""
        if index is not None:
            if seed is not None:
                raise _native.InvalidError("give seed or index, not both")
            self._env.reset_to(index)
        else:
            self._env.reset(seed)
        self.failed_commands = []
        self._mission = self._env.mission()
        if self._adm is not None:
            self._prompt = self._env.instruction_prompt()
        return self._env.text(), self._info(True, self._env.won(), self._env.step_count())

    def step(self, command):
        """One step by text; never raises for text an agent may produce."""
        if not isinstance(command, str):
            raise _native.InvalidError(f"a command is a str, not {type(command).__name__}")
        text, reward, terminated, truncated, valid, won, steps = self._env.step_full(command)
        if not valid:
            self.failed_commands.append(command)
        return text, reward, terminated, truncated, self._info(valid, won, steps)

    def render(self):
        """The mission and the current text."""
        return f"Mission: {self._env.mission()}\n{self._env.text()}"


class TextVecEnv:
    """``n`` envs of one id stepped together by a list of commands (Rust, GIL released).
    Seeding as Gymnasium's ``SyncVectorEnv``: ``reset(seed=s)`` resets env ``i`` with
    ``s + i`` (a list: one seed or None per env; None: every env continues its own stream),
    auto-resets continue each env's stream. Auto-reset is next-step by default: after an
    episode ends, the next step of that env starts the next episode (its command ignored)."""

    def __init__(self, env_id: str, n: int, *, seed: int = 0, autoreset_mode: str = "next_step", num_threads: int = 1):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise _native.InvalidError(f"n must be an int >= 1, not {n!r}")
        if not isinstance(num_threads, (int, np.integer)) or num_threads < 0:
            raise _native.InvalidError(f"num_threads must be an int >= 0, not {num_threads!r}")
        self._batch = _native.TextBatch(native_id(env_id), int(n), 0, autoreset_mode, int(num_threads))
        self.num_envs = int(n)
        self._texts = self._batch.reset(self._seeds(seed))

    def _seeds(self, seed):
        n = self.num_envs
        if seed is None:
            return [None] * n
        if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            return [int(seed) + i for i in range(n)]
        if isinstance(seed, (list, tuple)) and len(seed) == n:
            return list(seed)
        raise _native.InvalidError(f"seed must be None, an int or a list of {n}, not {seed!r}")

    def _infos(self, valid=None):
        return [
            {"mission": self._batch.mission(i), "valid_action": True if valid is None else valid[i]}
            for i in range(self.num_envs)
        ]

    def reset(self, seed=None):
        """Resets every env (see the class docs for seeds)."""
        self._texts = self._batch.reset(self._seeds(seed))
        return list(self._texts), self._infos()

    def step(self, commands):
        """One step: ``(texts, rewards, terminated, truncated, infos)``."""
        if isinstance(commands, str) or not all(isinstance(c, str) for c in commands):
            raise _native.InvalidError("commands must be a list of str, one per env")
        texts, rewards, term, trunc, valid = self._batch.step(list(commands))
        return texts, np.asarray(rewards), np.asarray(term), np.asarray(trunc), self._infos(valid)
