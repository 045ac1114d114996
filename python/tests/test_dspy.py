"""The DSPy AlfWorld drop-in: the tutorial's loop, the expert, 16 threads on one pool."""

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

import gridhouse
from gridhouse.dspy import AlfWorld

ALFWORLD = AlfWorld(max_threads=8)


def agent_forward(pool, idx, policy, max_iters=50):
    """DSPy's tutorial `Agent.forward` with `policy` in place of the LM."""
    with pool.session() as env:
        trajectory = []
        task, info = env.init(idx)
        assert isinstance(task, str) and task.startswith("-= Welcome to TextWorld, ALFRED! =-")
        reward = 0
        for _ in range(max_iters):
            action = policy(task, trajectory, info)
            obs, reward, done, info = env.step(action)
            obs, reward, done = obs[0], reward[0], done[0]
            trajectory.append(f"> {action}\n{obs}")
            if done:
                break
        assert reward == int(info["won"][0]), (reward, info["won"][0])
        return reward, trajectory


def expert(task, trajectory, info):
    return info["extra.expert_plan"][0][0]


def admissible_picker(seed):
    rng = random.Random(seed)
    return lambda task, trajectory, info: rng.choice(info["admissible_commands"][0])


def test_dataset_as_dspy_builds_it():
    assert len(ALFWORLD.trainset) == 3000 and len(ALFWORLD.devset) == 500
    idxs = [x.idx for x in ALFWORLD.trainset + ALFWORLD.devset]
    assert len(set(idxs)) == 3500
    expected = list(range(3500))
    random.Random(0).shuffle(expected)
    assert idxs == expected[:3000] + expected[-500:]
    assert ALFWORLD.devset[0].inputs().idx == ALFWORLD.devset[0].idx


def test_info_shapes():
    with ALFWORLD.POOL.session() as env:
        task, info = env.init(ALFWORLD.devset[0].idx)
        assert set(info) >= {"won", "admissible_commands", "extra.gamefile", "extra.expert_plan"}
        assert all(isinstance(v, list) and len(v) == 1 for v in info.values())
        assert isinstance(info["admissible_commands"][0], list) and info["won"][0] is False
        obs, reward, done, info = env.step("look")
        assert isinstance(obs, tuple) and len(obs) == len(reward) == len(done) == 1


def test_tutorial_loop_with_the_expert_wins():
    for ex in ALFWORLD.devset[:20]:
        reward, trajectory = agent_forward(ALFWORLD.POOL, ex.idx, expert)
        assert reward == 1 and trajectory


def test_tutorial_loop_with_admissible_commands():
    rewards = [agent_forward(ALFWORLD.POOL, ex.idx, admissible_picker(ex.idx))[0] for ex in ALFWORLD.devset[:10]]
    assert set(rewards) <= {0, 1}


def test_sixteen_threads_share_one_pool():
    examples = ALFWORLD.devset[:48]

    def run(ex):
        reward, traj = agent_forward(ALFWORLD.POOL, ex.idx, admissible_picker(ex.idx), max_iters=20)
        return reward, traj

    sequential = [run(ex) for ex in examples]
    with ThreadPoolExecutor(16) as ex:
        threaded = list(ex.map(run, examples))
    assert threaded == sequential
    assert ALFWORLD.POOL._free.qsize() == 8


def test_wording_of_dspys_pinned_alfworld():
    old = AlfWorld(max_threads=1, wording="0.3")
    with old.POOL.session() as env:
        for idx in range(40):
            task, info = env.init(idx)
            plan = []
            for _ in range(50):
                plan.append(info["extra.expert_plan"][0][0])
                _, _, done, info = env.step(plan[-1])
                if done[0]:
                    break
            if any(" in/on " in c for c in plan):
                assert not any(c.startswith("move ") for c in plan)
                return
    raise AssertionError("no put command in 40 games")


def test_hostile_dspy_inputs():
    with pytest.raises(gridhouse.Error):
        AlfWorld(max_threads=0)
    with pytest.raises(gridhouse.Error):
        AlfWorld(max_threads=1, wording="1.0")
    with ALFWORLD.POOL.session() as env:
        with pytest.raises(gridhouse.Error):
            env.init(-1)
        with pytest.raises(gridhouse.Error):
            env.init("3")
        env.init(0)
        with pytest.raises(gridhouse.Error):
            env.step(["look"])
        obs, *_ = env.step("open the pod bay doors")
        assert obs[0] == "Nothing happens."
