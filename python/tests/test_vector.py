"""The vector env against Gymnasium's SyncVectorEnv over the single env, in every mode."""

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode

import gridhouse

GID = "gridhouse/BabyAI-GoToRedBallNoDists-v0"
N = 6


MODES = {"next_step": AutoresetMode.NEXT_STEP, "same_step": AutoresetMode.SAME_STEP, "disabled": AutoresetMode.DISABLED}


def pair(mode, threads=None, gid=GID):
    ours = gridhouse.make_vec(gid, N, autoreset_mode=mode, num_threads=threads)
    sync = gym.make_vec(gid, N, vectorization_mode="sync", vector_kwargs={"autoreset_mode": MODES[mode]})
    return ours, sync


def assert_obs_equal(a, b):
    assert np.array_equal(a["image"], b["image"])
    assert np.array_equal(a["direction"], b["direction"])
    assert tuple(a["mission"]) == tuple(b["mission"])


def assert_infos_equal(a, b):
    assert set(a) == set(b)
    if "final_obs" in a:
        assert np.array_equal(a["_final_obs"], b["_final_obs"])
        assert np.array_equal(a["_final_info"], b["_final_info"])
        assert a["final_info"] == b["final_info"] == {}
        for x, y in zip(a["final_obs"], b["final_obs"]):
            assert (x is None) == (y is None)
            if x is not None:
                assert np.array_equal(x["image"], y["image"])
                assert x["direction"] == y["direction"] and x["mission"] == y["mission"]


@pytest.mark.parametrize("mode", ["next_step", "same_step"])
@pytest.mark.parametrize("threads", [1, 2])
def test_same_trajectories_as_sync_vector_env(mode, threads):
    ours, sync = pair(mode, threads)
    assert ours.metadata["autoreset_mode"] == MODES[mode]
    assert ours.observation_space["image"].shape == (N, 7, 7, 3)
    assert_obs_equal(ours.reset(seed=11)[0], sync.reset(seed=11)[0])
    rng = np.random.default_rng(0)
    ended = 0
    for t in range(400):
        actions = rng.integers(0, 7, N)
        if t % 3 == 0:  # the bot's action for env 0 now and then, so some episodes succeed
            actions[0] = 2
        a = ours.step(actions)
        b = sync.step(actions)
        assert_obs_equal(a[0], b[0])
        for x, y in zip(a[1:4], b[1:4]):
            assert np.array_equal(x, y), t
        assert_infos_equal(a[4], b[4])
        ended += int(np.sum(a[2] | a[3]))
        if t == 200:  # an unseeded reset of every env mid-way continues each stream
            assert_obs_equal(ours.reset()[0], sync.reset()[0])
    assert ended > 5


def test_disabled_mode_and_reset_mask():
    ours, sync = pair("disabled")
    assert_obs_equal(ours.reset(seed=[3, None, 5, 6, None, 8])[0], sync.reset(seed=[3, None, 5, 6, None, 8])[0])
    rng = np.random.default_rng(1)
    resets = 0
    for t in range(300):
        actions = rng.integers(0, 7, N)
        a = ours.step(actions)
        b = sync.step(actions)
        assert_obs_equal(a[0], b[0])
        assert np.array_equal(a[1], b[1]) and np.array_equal(a[2], b[2]) and np.array_equal(a[3], b[3])
        done = a[2] | a[3]
        if done.any():
            with pytest.raises(gridhouse.Error, match="disabled"):
                ours.step(actions)  # an ended env may not be stepped
            seeds = [100 + t] * N
            assert_obs_equal(
                ours.reset(seed=seeds, options={"reset_mask": done})[0],
                sync.reset(seed=seeds, options={"reset_mask": done.copy()})[0],
            )
            resets += 1
    assert resets > 3


def test_observation_arrays_are_reused_in_place():
    env = gridhouse.make_vec("BabyAI-GoToLocal-v0", 4, num_threads=1)
    obs, _ = env.reset(seed=0)
    image, direction = obs["image"], obs["direction"]
    obs2, rewards, *_ = env.step(np.full(4, 2))
    assert obs2["image"] is image and obs2["direction"] is direction
    obs3, rewards3, *_ = env.step(np.zeros(4, np.int64))
    assert obs3["image"] is image and rewards3 is not rewards


def test_same_step_final_obs_is_the_last_obs_of_the_episode():
    env = gridhouse.make_vec("BabyAI-GoToRedBallNoDists-v0", 2, autoreset_mode="same_step")
    single = gym.make("gridhouse/BabyAI-GoToRedBallNoDists-v0")
    env.reset(seed=[4, 5])
    single.reset(seed=4)
    for _ in range(200):
        obs, r, term, trunc, info = env.step([0, 0])
        s_obs, *_ = single.step(0)
        if trunc[0]:
            assert np.array_equal(info["final_obs"][0]["image"], s_obs["image"])
            assert info["_final_obs"][0] and obs["mission"][0] == single.reset()[0]["mission"]
            return
    raise AssertionError("no truncation in 200 steps")


def test_hostile_vector_inputs():
    env = gridhouse.make_vec("BabyAI-GoToLocal-v0", 3)
    env.reset(seed=0)
    for bad in ([0, 1], [0, 1, 7], [-1, 0, 0], np.array([0.5, 0, 0]), [[0, 1, 2]]):
        with pytest.raises(gridhouse.Error):
            env.step(bad)
    for kw in ({"seed": -1}, {"seed": [1, 2]}, {"seed": 2**64}, {"seed": "x"},
               {"options": {"reset_mask": np.zeros(3, bool)}}, {"options": {"reset_mask": [True] * 3}}):
        with pytest.raises(gridhouse.Error):
            env.reset(**kw)
    for args in (("BabyAI-Nope-v0", 2), ("BabyAI-GoToLocal-v0", 0), ("BabyAI-GoToLocal-v0", -3),
                 ("alfworld/train", 2)):
        with pytest.raises(gridhouse.Error):
            gridhouse.make_vec(*args)
    with pytest.raises(gridhouse.Error):
        gridhouse.make_vec("BabyAI-GoToLocal-v0", 2, autoreset_mode="sometimes")
    with pytest.raises(gridhouse.Error):
        gridhouse.make_vec("BabyAI-GoToLocal-v0", 2, num_threads=0)
    obs, *_ = env.step([0, 1, 2])  # still usable after the refusals
    assert obs["image"].shape == (3, 7, 7, 3)
