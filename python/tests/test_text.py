"""TextEnv and TextVecEnv over both engines."""

import numpy as np
import pytest

import gridhouse


def test_babyai_text_env_info_and_invalid_command():
    env = gridhouse.TextEnv("BabyAI-GoToLocal-v0")
    text, info = env.reset(seed=3)
    assert text and info["mission"].startswith("go to")
    assert info["admissible_commands"] == ["turn left", "turn right", "go forward", "pick up", "drop", "toggle"]
    assert info["instruction_prompt"].startswith("You are an agent playing a simple navigation game.")
    assert "Your goal is to " + info["mission"] in info["instruction_prompt"]
    assert info["won"] is False and info["expert_action"] in info["admissible_commands"] + ["done"]
    text2, reward, term, trunc, info2 = env.step("fly to the moon")
    assert info2["valid_action"] is False and env.failed_commands == ["fly to the moon"]
    assert info2["step_count"] == 1 and reward == 0.0
    # the default action is "go forward": the same as stepping it on a twin env
    twin = gridhouse.TextEnv("BabyAI-GoToLocal-v0")
    twin.reset(seed=3)
    assert twin.step("go forward")[0] == text2


def test_babyai_text_env_expert_wins():
    env = gridhouse.TextEnv("BabyAI-MixedTrainLocal-v0/putnext")
    for seed in range(5):
        _, info = env.reset(seed=seed)
        for _ in range(env.max_steps):
            _, reward, term, trunc, info = env.step(info["expert_action"])
            if term or trunc:
                break
        assert term and info["won"] and reward > 0


def test_alfworld_text_env_nothing_happens_and_expert():
    env = gridhouse.TextEnv("alfworld/valid_seen")
    text, info = env.reset(index=1)
    assert "Your task is to:" in text and info["game_index"] == 1
    assert "instruction_prompt" not in info
    text, reward, term, trunc, info = env.step("dance wildly")
    assert text == "Nothing happens." and info["valid_action"] is True and not term
    _, info = env.reset(seed=env.num_games + 2)  # the seed picks game seed % num_games
    assert info["game_index"] == 2
    for _ in range(50):
        text, reward, term, trunc, info = env.step(info["expert_action"])
        if term or trunc:
            break
    assert info["won"] and term


def test_alfworld_wording_and_max_steps():
    old = gridhouse.TextEnv("alfworld/train/pick_and_place_simple", wording="0.3", max_steps=3)
    new = gridhouse.TextEnv("alfworld/train/pick_and_place_simple", wording="0.4.2")
    plans = []
    for env in (old, new):
        _, info = env.reset(index=0)
        plan = []
        for _ in range(40):
            plan.append(info["expert_action"])
            _, _, term, trunc, info = env.step(info["expert_action"])
            if term or trunc:
                break
        plans.append(plan)
    assert len(plans[0]) == 3  # truncated by max_steps=3
    assert any(c.startswith("move ") for c in plans[1])
    old.reset(index=0)
    assert old.max_steps == 3 and new.max_steps == 50


def test_text_vec_env_matches_single_envs():
    vec = gridhouse.TextVecEnv("BabyAI-GoToLocal-v0", 3, seed=5)
    singles = [gridhouse.TextEnv("BabyAI-GoToLocal-v0", expert=False) for _ in range(3)]
    texts, infos = vec.reset(seed=5)
    for i, s in enumerate(singles):
        t, info = s.reset(seed=5 + i)
        assert texts[i] == t and infos[i]["mission"] == info["mission"]
    cmds = ["go forward", "turn left", "bogus"]
    texts, rewards, term, trunc, infos = vec.step(cmds)
    for i, s in enumerate(singles):
        assert texts[i] == s.step(cmds[i])[0]
    assert [i["valid_action"] for i in infos] == [True, True, False]
    assert rewards.dtype == np.float64 and term.dtype == np.bool_


def test_text_vec_env_alfworld():
    vec = gridhouse.TextVecEnv("alfworld/valid_unseen", 2, num_threads=2)
    texts, infos = vec.reset(seed=0)
    assert all("Your task is to:" in t for t in texts)
    texts, *_ = vec.step(["look", "xyzzy"])
    assert texts[1] == "Nothing happens."


def test_text_hostile_inputs():
    env = gridhouse.TextEnv("BabyAI-GoToLocal-v0")
    for bad in (None, 3, b"go forward"):
        with pytest.raises(gridhouse.Error):
            env.step(bad)
    for kw in ({"seed": -1}, {"seed": 2**64}, {"seed": 1.5}, {"index": 0}, {"seed": 1, "index": 1}):
        with pytest.raises(gridhouse.Error):
            env.reset(**kw)
    env.step("\x00" * 10000 + "é")  # any text is an answer, never a crash
    alf = gridhouse.TextEnv("alfworld/valid_seen")
    with pytest.raises(gridhouse.NoSuchGameError):
        alf.reset(index=10**9)
    with pytest.raises(gridhouse.Error):
        alf.reset(index=-1)
    with pytest.raises(gridhouse.Error):
        gridhouse.TextEnv("alfworld/train", wording="0.9")
    with pytest.raises(gridhouse.UnknownIdError, match="did you mean"):
        gridhouse.TextEnv("BabyAI-GoToLocal-v1")
    with pytest.raises(gridhouse.Error):
        gridhouse.TextEnv("alfworld-dir:/nonexistent/dir")
    with pytest.raises(gridhouse.Error):
        gridhouse.TextVecEnv("BabyAI-GoToLocal-v0", 0)
    vec = gridhouse.TextVecEnv("BabyAI-GoToLocal-v0", 2)
    for bad in (["go forward"], "go forward", ["go forward", 3]):
        with pytest.raises(gridhouse.Error):
            vec.step(bad)
    assert env.step("go forward")[4]["valid_action"]
