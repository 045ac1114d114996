"""Play exported Gridhouse games with ALFWorld 0.4.2's own engine and record traces.

Needs `pip install alfworld==0.4.2`. Game folders come from
`cargo run -p alfworld-core --example gen_dump -- SET FIRST COUNT OUTDIR [v03]`.
Stack as in ALFWorld's scripts: PddlEnv -> AlfredDemangler(shuffle=False) -> AlfredInfos.

For each game: the file's walkthrough, then one random episode (admissible commands, 5% of the
time an inadmissible one). One JSON line per episode: game ("SET/INDEX"), wording, policy,
seed, task, n_steps, won, steps (reset first: action null, obs, admissible_commands, won).

Usage: python record_gen_traces.py OUT.jsonl GAME_DIR [GAME_DIR...]
"""
import glob
import json
import os
import random
import sys

import textworld
from textworld.envs import PddlEnv
from alfworld.agents.environment.alfred_tw_env import AlfredDemangler, AlfredInfos


def make_env():
    infos = textworld.EnvInfos(won=True, admissible_commands=True, extras=["gamefile"])
    return AlfredInfos(AlfredDemangler(PddlEnv(infos), shuffle=False))


def rec(action, state):
    return {"action": action, "obs": state["feedback"],
            "admissible_commands": list(state["admissible_commands"]), "won": bool(state["won"])}


def episode(env, gamefile, commands=None, seed=0, max_steps=12):
    rng = random.Random(seed)
    env.load(gamefile)
    state = env.reset()
    steps = [rec(None, state)]
    for t in range(len(commands) if commands is not None else max_steps):
        if commands is not None:
            cmd = commands[t]
        elif rng.random() < 0.05:
            cmd = rng.choice(["jump", "take apple 1 from fridge 9", "go to moon 1", "open countertop 1"])
        else:
            cmd = rng.choice(state["admissible_commands"])
        state, _score, done = env.step(cmd)
        steps.append(rec(cmd, state))
        if done or state["won"]:
            break
    return steps


def main():
    out_path, dirs = sys.argv[1], sys.argv[2:]
    env = make_env()
    with open(out_path, "w") as out:
        for d in dirs:
            for gf in sorted(glob.glob(os.path.join(d, "**", "game.tw-pddl"), recursive=True)):
                data = json.load(open(gf))
                traj = json.load(open(os.path.join(os.path.dirname(gf), "traj_data.json")))
                _, _, split, index = traj["task_id"].split("_", 3)
                if split == "valid":  # valid_seen / valid_unseen
                    more, index = index.split("_", 1)
                    split = "valid_" + more
                wording = "v03" if "put {o} in/on {r}" in data["grammar"] else "v042"
                for policy, cmds, seed in [("walkthrough", data["walkthrough"], 0), ("random", None, 0)]:
                    steps = episode(env, gf, cmds, seed)
                    won = any(s["won"] for s in steps)
                    task = steps[0]["obs"].split("Your task is to: ")[-1]
                    out.write(json.dumps({"game": "%s/%d" % (split, int(index)), "wording": wording,
                                          "policy": policy, "seed": seed, "task": task,
                                          "n_steps": len(steps) - 1, "won": won, "steps": steps}) + "\n")
                    print("%s/%s %s %s steps=%d won=%s" % (split, index, wording, policy, len(steps) - 1, won),
                          flush=True)


if __name__ == "__main__":
    main()
