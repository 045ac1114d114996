"""The gridhouse.Error hierarchy and hostile inputs through the Gymnasium env."""

import gymnasium as gym
import numpy as np
import pytest

import gridhouse


def test_hierarchy():
    for name in ("UnknownIdError", "NotACommandError", "UnsupportedError", "NoSuchGameError",
                 "LoadError", "ExpertError", "InvalidError"):
        cls = getattr(gridhouse, name)
        assert issubclass(cls, gridhouse.Error) and issubclass(gridhouse.Error, Exception)


def test_rust_message_crosses():
    with pytest.raises(gridhouse.UnknownIdError) as e:
        gridhouse.GridhouseEnv("BabyAI-GoToLocal-v1")
    assert 'unknown env id "BabyAI-GoToLocal-v1"; did you mean' in str(e.value)
    with pytest.raises(gridhouse.UnsupportedError):
        gridhouse.GridhouseEnv("alfworld/train")


def test_hostile_gym_inputs():
    env = gym.make("gridhouse/BabyAI-GoToLocal-v0").unwrapped
    env.reset(seed=0)
    for bad in (7, -1, 2**70, "forward", None, 2.5, [1]):
        with pytest.raises(gridhouse.Error):
            env.step(bad)
    for seed in (-1, 2**64, "7", 1.5, True):
        with pytest.raises(gridhouse.Error):
            env.reset(seed=seed)
    obs, r, term, trunc, _ = env.step(np.int64(2))  # numpy ints are actions
    assert obs["image"].shape == (7, 7, 3)
    obs, *_ = env.step(6)
    assert env.step_count == 2


def test_many_seeds_and_long_episodes_never_crash():
    env = gridhouse.GridhouseEnv("BabyAI-BossLevel-v0")
    rng = np.random.default_rng(5)
    for seed in [0, 1, 2**32, 2**63, 2**64 - 1]:
        env.reset(seed=seed)
        for a in rng.integers(0, 7, 300):
            _, _, term, trunc, _ = env.step(int(a))
            if term or trunc:
                env.reset()
