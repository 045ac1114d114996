"""The BALROG drop-in: TensorZero's episode loop and parity with recorded BALROG text."""

import numpy as np
import pytest

import gridhouse
from gridhouse import balrog
from conftest import read_jsonl, reference_file

CONFIG = {"envs": {"babyai_kwargs": {"num_dists": 0}}, "tasks": {"babyai_tasks": balrog.BABYAI_TASKS}}


class AttrDict(dict):
    """An OmegaConf-like config: attribute access."""

    __getattr__ = dict.__getitem__


def episode(task, seed, policy, config=CONFIG):
    """TensorZero's babyai.ipynb loop (cell 7), with `policy` in place of the LLM."""
    env = balrog.make_env("babyai", task, config)
    obs, info = env.reset(seed=seed)
    instructions = obs["mission"]
    prompt = env.get_instruction_prompt(instructions=instructions)
    assert instructions in prompt
    for _ in range(env.max_steps):
        action = env.check_action_validity(policy(env, obs))
        obs, reward, terminated, truncated, info = env.step(action)
        assert isinstance(obs["text"]["long_term_context"], str) and obs["text"]["short_term_context"] == ""
        if terminated or truncated:
            break
    return env.get_stats(), env.failed_candidates


def expert(env, obs):
    return env._env.expert_action()


@pytest.mark.parametrize("task", balrog.BABYAI_TASKS)
def test_tensorzero_loop_with_the_expert_succeeds(task):
    for seed in range(200, 205):
        stats, failed = episode(task, seed, expert)
        assert stats["progression"] == 1.0 and failed == []
        assert stats["mission"]


def test_loop_with_invalid_answers_records_failed_candidates():
    answers = iter(["I think I should go forward", "turn left", "TURN LEFT!"] * 100)
    stats, failed = episode("BabyAI-MixedTrainLocal-v0/goto", 3, lambda env, obs: next(answers))
    assert failed[:2] == ["I think I should go forward", "TURN LEFT!"]
    assert stats["progression"] in (0.0, 1.0)


def test_config_forms_and_determinism():
    a = balrog.make_env("babyai", "BabyAI-MixedTrainLocal-v0/open", AttrDict(envs=AttrDict(babyai_kwargs=AttrDict(num_dists=0))))
    b = balrog.make_env("babyai", "BabyAI-MixedTrainLocal-v0/open", CONFIG)
    oa, _ = a.reset(seed=7)
    ob, _ = b.reset(seed=7)
    assert oa["mission"] == ob["mission"] and oa["mission"].startswith("open")
    assert oa["text"] == ob["text"] and np.array_equal(oa["image"], ob["image"])
    assert a.max_steps == b.max_steps > 0
    assert a.get_instruction_prompt() == gridhouse.TextEnv("BabyAI-MixedTrainLocal-v0/open").reset(seed=7)[1]["instruction_prompt"]


def test_hostile_balrog_inputs():
    with pytest.raises(gridhouse.Error):
        balrog.make_env("nle", "NetHackChallenge-v0", CONFIG)
    with pytest.raises(gridhouse.Error):
        balrog.make_env("babyai", "BabyAI-GoToLocal-v0", CONFIG)
    with pytest.raises(gridhouse.Error):
        balrog.make_env("babyai", balrog.BABYAI_TASKS[0], {"envs": {"babyai_kwargs": {"num_dists": 3}}})
    env = balrog.make_env("babyai", balrog.BABYAI_TASKS[0], CONFIG)
    env.reset(seed=0)
    with pytest.raises(ValueError):  # BALROG's own error type for a non-action
        env.step("jump")
    with pytest.raises(gridhouse.NotACommandError):
        env.step("done")
    with pytest.raises(gridhouse.Error):
        env.reset(seed=-5)


def test_text_equals_recorded_balrog():
    recs = read_jsonl(reference_file("babyai/mixed_public.jsonl"))
    checked = 0
    for rec in recs:
        if rec.get("num_dists", 0) != 0:
            continue
        env = balrog.make_env("babyai", rec["env_id"], CONFIG)
        obs, _ = env.reset(seed=rec["seed"])
        assert obs["mission"] == rec["mission"]
        assert obs["text"]["long_term_context"] == rec["reset_text"], (rec["env_id"], rec["seed"])
        # obs["image"] is BALROG's POV picture (test_frames.py); the symbolic image underneath:
        assert env._env.image().reshape(-1).tolist() == rec["reset_image"]
        assert env.max_steps == rec["max_steps"]
        for step in rec["steps"]:
            if step["action"] == 6:
                break  # "done" is not one of BALROG's actions
            obs, reward, term, trunc, _ = env.step(balrog.BABYAI_ACTION_SPACE[step["action"]])
            assert obs["text"]["long_term_context"] == step["text"]
            assert (reward, term, trunc) == (step["reward"], step["terminated"], step["truncated"])
            checked += 1
    assert checked > 100
