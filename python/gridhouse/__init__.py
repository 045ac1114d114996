"""Gridhouse: fast, deterministic BabyAI and ALFWorld simulators for Python.

* ``import gridhouse`` registers ``gridhouse/<id>`` with Gymnasium for Minigrid's 96 BabyAI
  levels and BALROG's 5 tasks (``gridhouse/BabyAI-MixedTrainLocal-<kind>-v0``, see
  ``gym_id``), so ``gymnasium.make("gridhouse/BabyAI-GoToLocal-v0")`` is Minigrid's env.
* ``gridhouse.make_vec(id, num_envs, autoreset_mode=..., num_threads=...)``: a
  ``gymnasium.vector.VectorEnv`` stepped in Rust, observations written in place.
* ``gridhouse.TextEnv`` / ``gridhouse.TextVecEnv``: text envs for LLM agents (both engines).
* ``gridhouse.demos`` / ``gridhouse.evaluate``: SFT records and evaluations (the CLI's
  ``demos`` and ``eval``), policies built in, behind an endpoint, or a Python callable.
* ``gridhouse.balrog.make_env`` and ``gridhouse.dspy.AlfWorld``: drop-ins for BALROG's BabyAI
  env and DSPy's AlfWorld dataset.

Every error is a ``gridhouse.Error`` (subclasses: ``UnknownIdError``, ``NotACommandError``,
``UnsupportedError``, ``NoSuchGameError``, ``LoadError``, ``ExpertError``, ``InvalidError``).
"""

from ._native import (
    Error,
    ExpertError,
    InvalidError,
    LoadError,
    NoSuchGameError,
    NotACommandError,
    UnknownIdError,
    UnsupportedError,
)
from ._native import list_ids as _list_ids
from .gym_env import GridhouseEnv, MissionSpace, babyai_ids, gym_id, register_envs
from .sft import demos, evaluate
from .text import TextEnv, TextVecEnv
from .vector import GridhouseVectorEnv, make_vec

__version__ = "0.1.0"


def list_ids(engine=None):
    """Every env id Gridhouse knows by name (``engine``: ``"babyai"`` or ``"alfworld"``)."""
    return [i for i, e in _list_ids() if engine is None or e == engine]


register_envs()

__all__ = [
    "Error",
    "ExpertError",
    "GridhouseEnv",
    "GridhouseVectorEnv",
    "InvalidError",
    "LoadError",
    "MissionSpace",
    "NoSuchGameError",
    "NotACommandError",
    "TextEnv",
    "TextVecEnv",
    "UnknownIdError",
    "UnsupportedError",
    "babyai_ids",
    "demos",
    "evaluate",
    "gym_id",
    "list_ids",
    "make_vec",
    "register_envs",
]
