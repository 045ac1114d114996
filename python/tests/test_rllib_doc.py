"""The env creator of docs/RLLIB.md works as RLlib's env runner uses it (without Ray: RLlib
itself is not installed in CI)."""

import re

import gymnasium as gym
import numpy as np

import gridhouse
from conftest import ROOT

DOC = (ROOT / "docs" / "RLLIB.md").read_text()


def creator():
    (block,) = re.findall(r"```python\n(.*?)```", DOC, re.S)
    head = block.split("register_env(\"gridhouse-vec\"")[0]
    head = "\n".join(l for l in head.splitlines() if not l.startswith("from ray"))
    ns = {}
    exec(compile(head, "docs/RLLIB.md", "exec"), ns)
    return ns["gridhouse_vec"], ns["TENSOR_OBS"]


def test_rllib_creator_as_the_env_runner_calls_it():
    make, single = creator()
    # RLlib: gym.register(name, vector_entry_point=lambda num_envs: creator(cfg | {"num_envs": n}))
    cfg = {"env_id": "BabyAI-MixedTrainLocal-v0/goto"}
    gym.register("gridhouse-test-rllib-v0", entry_point=lambda: None,
                 vector_entry_point=lambda num_envs: make(cfg | {"num_envs": num_envs}))
    try:
        env = gym.make_vec("gridhouse-test-rllib-v0", num_envs=6,
                           vectorization_mode=gym.VectorizeMode.VECTOR_ENTRY_POINT)
    finally:
        del gym.registry["gridhouse-test-rllib-v0"]
    assert env.num_envs == 6 and env.single_observation_space == single
    assert env.metadata["autoreset_mode"] == gym.vector.AutoresetMode.NEXT_STEP
    ref = gridhouse.make_vec(cfg["env_id"], 6)
    obs, _ = env.reset(seed=3)
    want, _ = ref.reset(seed=3)
    kept = []  # RLlib keeps per-env views of every step's observations
    rng = np.random.default_rng(0)
    for _ in range(40):
        assert set(obs) == {"image", "direction"}
        assert all(single.contains({k: v[i] for k, v in obs.items()}) for i in range(6))
        assert np.array_equal(obs["image"], want["image"])
        kept.append((obs["image"][2], want["image"][2].copy()))
        a = rng.integers(0, 7, 6)
        obs, *_ = env.step(a)
        want, *_ = ref.step(a)
    assert all(np.array_equal(view, copy) for view, copy in kept)  # not overwritten
