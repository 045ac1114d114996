"""Gymnasium: registration, spaces, check_env over every id, parity with recorded Minigrid."""

import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import gridhouse
from conftest import ROOT, read_jsonl, reference_file

GYM_IDS = [gridhouse.gym_id(i) for i in gridhouse.babyai_ids()]


def test_registers_every_babyai_id():
    assert len(GYM_IDS) == 101
    registered = {i for i in gym.registry if i.startswith("gridhouse/")}
    assert set(GYM_IDS) == registered
    assert "gridhouse/BabyAI-GoToLocal-v0" in registered
    assert "gridhouse/BabyAI-MixedTrainLocal-pick_up_seq_go_to-v0" in registered
    assert gym.spec("gridhouse/BabyAI-BossLevel-v0").max_episode_steps is None


@pytest.mark.parametrize("gid", GYM_IDS)
def test_check_env_every_id(gid):
    env = gym.make(gid, render_mode="ansi")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    assert [str(w.message) for w in caught] == []
    env.close()


def test_spaces_and_obs_types():
    env = gym.make("gridhouse/BabyAI-GoToLocal-v0")
    space = env.observation_space
    assert space["image"] == gym.spaces.Box(0, 255, (7, 7, 3), np.uint8)
    assert space["direction"] == gym.spaces.Discrete(4)
    assert env.action_space == gym.spaces.Discrete(7)
    obs, info = env.reset(seed=1)
    assert info == {}
    assert obs["image"].dtype == np.uint8 and obs["image"].shape == (7, 7, 3)
    assert isinstance(obs["direction"], int)
    assert space["mission"].contains(obs["mission"]) and " " in obs["mission"]
    obs2, *_ = env.step(0)
    assert not np.shares_memory(obs["image"], obs2["image"])


def _assert_reset_equal(env, rec):
    obs, _ = env.reset(seed=rec["seed"])
    assert obs["mission"] == rec["mission"], rec["env_id"]
    assert obs["image"].reshape(-1).tolist() == rec["reset_image"], (rec["env_id"], rec["seed"])
    assert obs["direction"] == rec["reset_direction"]
    assert env.unwrapped.max_steps == rec["max_steps"]


def test_resets_equal_recorded_minigrid_sample():
    recs = read_jsonl(ROOT / "babyai-core" / "tests" / "fixtures" / "resets_sample.jsonl")
    assert len(recs) >= 96
    envs = {}
    for rec in recs:
        env = envs.setdefault(rec["env_id"], gym.make(gridhouse.gym_id(rec["env_id"])))
        _assert_reset_equal(env, rec)


def test_resets_equal_recorded_minigrid_public():
    recs = read_jsonl(reference_file("babyai/resets_public.jsonl"))
    assert len(recs) == 1920
    envs = {}
    for rec in recs:
        env = envs.setdefault(rec["env_id"], gym.make(gridhouse.gym_id(rec["env_id"])))
        _assert_reset_equal(env, rec)


def test_unseeded_resets_continue_the_stream_as_minigrid():
    recs = read_jsonl(ROOT / "gridhouse" / "tests" / "fixtures" / "unseeded_resets.jsonl")
    assert recs
    for rec in recs:
        env = gym.make(gridhouse.gym_id(rec["env_id"]))
        for k, want in enumerate(rec["resets"]):
            obs, _ = env.reset(seed=rec["seed"]) if k == 0 else env.reset()
            u = env.unwrapped
            assert obs["mission"] == want["mission"], (rec["env_id"], rec["seed"], k)
            assert obs["direction"] == want["agent_dir"]
            full = u.full_grid()
            assert full.shape == (want["width"], want["height"], 3)
            assert full.tobytes().hex() == want["full"], (rec["env_id"], rec["seed"], k)


def test_episode_rewards_and_truncation_as_minigrid():
    env = gym.make("gridhouse/BabyAI-GoToRedBallGrey-v0")
    env.reset(seed=4)
    u = env.unwrapped
    steps, done = 0, False
    while not done:
        obs, reward, term, trunc, _ = env.step(u.expert_action())
        steps += 1
        done = term or trunc
    assert term and not trunc
    assert reward == pytest.approx(1 - 0.9 * steps / u.max_steps)
    env.reset(seed=4)
    for t in range(u.max_steps):
        obs, reward, term, trunc, _ = env.step(0)  # turning forever
    assert trunc and not term and reward == 0.0 and u.step_count == u.max_steps


def test_render_ansi_and_mixed_ids():
    env = gym.make("gridhouse/BabyAI-MixedTrainLocal-open-v0", render_mode="ansi")
    obs, _ = env.reset(seed=0)
    text = env.render()
    assert text.startswith("Mission: " + obs["mission"]) and obs["mission"].startswith("open")
    with pytest.raises(gridhouse.InvalidError), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Gymnasium's own "not in render_modes" warning
        gym.make("gridhouse/BabyAI-GoToLocal-v0", render_mode="bogus")


def test_gym_make_vec_uses_the_rust_vector_env():
    env = gym.make_vec("gridhouse/BabyAI-GoToLocal-v0", num_envs=3)
    assert isinstance(env, gridhouse.GridhouseVectorEnv) and env.num_envs == 3
    sync = gym.make_vec("gridhouse/BabyAI-GoToLocal-v0", num_envs=3, vectorization_mode="sync")
    a, _ = env.reset(seed=9)
    b, _ = sync.reset(seed=9)
    assert np.array_equal(a["image"], b["image"]) and a["mission"] == b["mission"]
