"""gridhouse.verl_agent: verl-agent's ALFWorld env package contract (../shared/spec/llm-rl.md §1)."""

import random

import numpy as np
import pytest

import gridhouse
from gridhouse.verl_agent import alfworld_projection, build_alfworld_envs


def game_of(info):
    # generated games: "<set>/<index>/game.tw-pddl"
    return int(info["extra.gamefile"].split("/")[-2])


def expected_games(seed, num_games, passes):
    rng = np.random.RandomState(seed)
    order = list(range(num_games))
    out = []
    for _ in range(passes):
        rng.shuffle(order)
        out += order
    return out


def test_game_order_groups_and_resets():
    envs = build_alfworld_envs("no-such-config.yaml", 5, env_num=3, group_n=2, resources_per_worker={"num_cpus": 0.1})
    assert envs.num_envs == 6
    n = gridhouse._native.Env("alfworld/train").num_games()
    seen = []
    for k in range(3):
        obs, image, infos = envs.reset()
        assert image is None and len(obs) == 6 and len(infos) == 6
        games = [game_of(i) for i in infos]
        seen.append(games)
        for g in range(3):  # a group shares its game and its start text
            assert games[2 * g] == games[2 * g + 1]
            assert obs[2 * g] == obs[2 * g + 1]
            assert obs[2 * g].startswith("-= Welcome to TextWorld, ALFRED! =-")
            assert "Your task is to: " in obs[2 * g]
    for i in range(6):
        want = expected_games(5 + i // 2, n, 1)[:3]
        assert [seen[k][i] for k in range(3)] == want
    assert seen[0][0] != seen[0][2] or seen[0][2] != seen[0][4]
    envs.close()


def test_reshuffle_after_a_pass():
    envs = build_alfworld_envs(None, 0, 1, 1, None, is_train=True, env_kwargs={"env_id": "alfworld/valid_seen/look_at_obj_in_light"})
    n = gridhouse._native.Env("alfworld/valid_seen/look_at_obj_in_light").num_games()
    got = [game_of(envs.reset()[2][0]) for _ in range(2 * n + 1)]
    assert got == expected_games(0, n, 3)[: 2 * n + 1]


def test_step_shapes_rewards_and_done():
    envs = build_alfworld_envs(None, 0, env_num=2, group_n=2, resources_per_worker={"num_cpus": 0.1})
    obs, _, infos = envs.reset()
    assert set(infos[0]) >= {"won", "admissible_commands", "extra.gamefile", "observation_text"}
    assert infos[0]["observation_text"] == obs[0] and infos[0]["won"] is False
    assert envs.get_admissible_commands == [i["admissible_commands"] for i in infos]
    assert all(isinstance(c, list) and "look" in c for c in envs.get_admissible_commands)
    # env 0 and 1: the expert (wins); env 2 and 3: nonsense and a valid no-op (never win)
    steps = 0
    while True:
        plan = envs.expert_actions()
        obs, image, rewards, dones, infos = envs.step([plan[0], plan[1], "fly to the moon!!", "look"])
        steps += 1
        assert image is None and len(rewards) == len(dones) == len(infos) == 4
        assert rewards == [10.0 * float(i["won"]) for i in infos]
        assert [o == i["observation_text"] for o, i in zip(obs, infos)] == [True] * 4
        if steps == 1:
            assert obs[2] == "Nothing happens."
        if dones[2] and dones[3]:
            break
    assert steps == 50  # done at the 50-step limit
    assert rewards[:2] == [10.0, 10.0] and dones[:2] == [True, True]
    assert rewards[2:] == [0.0, 0.0]
    # finished envs keep their last state and reward when stepped again
    again = envs.step(["look"] * 4)
    assert again[2] == rewards and again[3] == [True] * 4 and again[0] == obs
    with pytest.raises(gridhouse.InvalidError):
        envs.step(["look"] * 3)
    with pytest.raises(gridhouse.InvalidError):
        envs.step([1, 2, 3, 4])
    envs.close()
    with pytest.raises(gridhouse.InvalidError):
        envs.reset()


def test_eval_sets_and_config_max_steps(tmp_path):
    cfg = tmp_path / "config_tw.yaml"
    cfg.write_text("dagger:\n  training:\n    max_nb_steps_per_episode: 7\n")
    seen = build_alfworld_envs(str(cfg), 1000, 2, 1, None, is_train=False, env_kwargs={"eval_dataset": "eval_in_distribution"})
    info = seen.reset()[2][0]
    assert info["extra.gamefile"].startswith("alfworld/valid_seen/")
    unseen = build_alfworld_envs(str(cfg), 1000, 2, 1, None, is_train=False)
    assert unseen.reset()[2][0]["extra.gamefile"].startswith("alfworld/valid_unseen/")
    try:
        import yaml  # noqa: F401
    except ImportError:
        return
    for _ in range(7):
        _, _, _, dones, _ = seen.step(["look", "look"])
    assert dones == [True, True]
    with pytest.raises(gridhouse.InvalidError):
        build_alfworld_envs(None, 0, 1, 1, None, is_train=False, env_kwargs={"eval_dataset": "nope"})
    with pytest.raises(gridhouse.InvalidError):
        build_alfworld_envs(None, 0, 0, 1, None)


def test_projection():
    acts, valids = alfworld_projection(
        [
            "<think>go</think><action> Go To Desk 1 </action>",
            "<action>open drawer 1</action>",
            "no tags at all, just a long rambling answer here",
            "<think>想</think><action>look</action>",
            "<THINK>x</THINK><ACTION>Look</ACTION>",
        ],
        [[]] * 5,
    )
    assert acts == ["go to desk 1", "open drawer 1", "l at all, just a long rambling answer here"[-30:], "look", "look"]
    assert valids == [1, 0, 0, 0, 0]
    assert len(acts[2]) == 30


def test_grpo_style_loop():
    """A GRPO-style batch: 2 groups of 4 envs; half of each group follows the expert, half
    acts at random; returns are normalised within each group."""
    env_num, group_n = 2, 4
    envs = build_alfworld_envs(None, 3, env_num, group_n, {"num_cpus": 0.1, "num_gpus": 0})
    obs, _, infos = envs.reset()
    rng = random.Random(0)
    returns = [0.0] * envs.num_envs
    done = [False] * envs.num_envs
    while not all(done):
        plan = envs.expert_actions()
        texts = []
        for i, cmds in enumerate(envs.get_admissible_commands):
            cmd = plan[i] if i % group_n < group_n // 2 else rng.choice(cmds)
            texts.append(f"<think>step</think><action>{cmd}</action>")
        actions, valids = alfworld_projection(texts, envs.get_admissible_commands)
        assert valids == [1] * envs.num_envs
        obs, _, rewards, dones, infos = envs.step(actions)
        for i in range(envs.num_envs):
            if not done[i]:
                returns[i] += rewards[i]
            done[i] = dones[i]
    r = np.array(returns).reshape(env_num, group_n)
    adv = (r - r.mean(axis=1, keepdims=True)) / (r.std(axis=1, keepdims=True) + 1e-6)
    assert (r[:, : group_n // 2] == 10.0).all()  # the expert wins (reward 10 on its last step)
    assert adv.shape == (env_num, group_n)
    assert np.allclose(adv.mean(axis=1), 0.0, atol=1e-6)
    envs.close()
