"""A drop-in for verl-agent's ALFWorld env package (``agent_system.environments.env_package.
alfworld``): ``build_alfworld_envs`` and ``alfworld_projection`` with its call shapes, over
Gridhouse's in-process ALFWorld instead of TextWorld and one Ray actor per env.

* ``build_alfworld_envs(alf_config_path, seed, env_num, group_n, resources_per_worker,
  is_train=True, env_kwargs={})`` returns ``AlfworldEnvs`` over ``env_num * group_n`` envs.
  Env ``i`` walks the games in TextWorld's order for seed ``seed + i // group_n``: the task
  set shuffled by ``numpy.random.RandomState(seed + i // group_n)``, reshuffled by the same
  generator after each pass; each ``reset()`` moves to the next game. So a group of
  ``group_n`` envs shares its game and start text at every reset. The list shuffled is
  Gridhouse's game order (ALFWorld's is its file-system walk), so the games drawn for a seed
  differ from ALFWorld's; the order rule is the same.
* Task set: ``alfworld/train`` when ``is_train``, else ``alfworld/valid_seen`` for
  ``env_kwargs["eval_dataset"] == "eval_in_distribution"`` and ``alfworld/valid_unseen`` for
  ``"eval_out_of_distribution"`` (the default). Gridhouse extras in ``env_kwargs``:
  ``env_id`` (any ALFWorld id, e.g. ``alfworld-dir:PATH``), ``max_steps`` (default: the
  config's ``dagger.training.max_nb_steps_per_episode`` when the file can be read, else 50),
  ``wording``.
* Every env runs in this process (verl-agent's ``{"num_cpus": 0.1, "num_gpus": 0}`` is
  accepted and ignored: no actor per env). Only ``resources_per_worker={"ray_nodes": K,
  "num_cpus": C}`` asks for Ray: the groups are split over ``K`` actors of ``C`` CPUs spread
  over the nodes (``RayAlfworldEnvs``), with the same results. ``alf_config_path`` may be
  None or a file that does not exist.
"""

from __future__ import annotations

import re

import numpy as np

from . import _native

_EVAL_SETS = {
    "eval_in_distribution": "alfworld/valid_seen",
    "eval_out_of_distribution": "alfworld/valid_unseen",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def alfworld_projection(actions, action_pools=None):
    """verl-agent's projection: ``(actions, valids)``. Each text is lowercased and the
    stripped text between the first ``<action>`` and ``</action>`` is the action (valid 1);
    without both tags the action is the last 30 characters (valid 0). Valid is also 0 when
    ``<think>`` or ``</think>`` is missing or the text has CJK characters.
    ``action_pools`` is unused. The input list is not modified."""
    out, valids = [], []
    for original in actions:
        text = original.lower()
        start, end = text.find("<action>"), text.find("</action>")
        if start == -1 or end == -1:
            out.append(text[-30:])
            valids.append(0)
            continue
        out.append(text[start + len("<action>") : end].strip())
        valid = 1
        if original.find("<think>") == -1 or original.find("</think>") == -1:
            valid = 0
        if _CJK.search(original):
            valid = 0
        valids.append(valid)
    return out, valids


def _game_cycle(num_games, seed):
    """TextWorld's game order for ``seed``: shuffled by ``RandomState(seed)``, then reshuffled
    with the same generator after each pass."""
    rng = np.random.RandomState(seed)
    games = list(range(num_games))
    rng.shuffle(games)
    while True:
        yield from games
        rng.shuffle(games)


def _max_steps_from(path):
    if not path:
        return None
    try:
        import yaml  # type: ignore

        with open(path) as f:
            cfg = yaml.safe_load(f)
        return int(cfg["dagger"]["training"]["max_nb_steps_per_episode"])
    except Exception:
        return None


class AlfworldEnvs:
    """``env_num * group_n`` ALFWorld envs with verl-agent's ``AlfworldEnvs`` calls:
    ``reset() -> (obs, None, infos)``, ``step(actions) -> (obs, None, rewards, dones,
    infos)``, the ``get_admissible_commands`` property and ``close()``."""

    def __init__(self, env_id, seed, env_num, group_n, max_steps=50, wording=None):
        for what, v in (("env_num", env_num), ("group_n", group_n)):
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise _native.InvalidError(f"{what} must be an int >= 1, not {v!r}")
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise _native.InvalidError(f"seed must be an int >= 0, not {seed!r}")
        self.num_envs = env_num * group_n
        self.env_num, self.group_n = env_num, group_n
        self._envs = []
        for _ in range(self.num_envs):
            env = _native.Env(env_id)
            if env.engine != "alfworld":
                raise _native.UnsupportedError(f"{env_id}: not an ALFWorld task set")
            if wording is not None:
                env.set_wording(wording)
            env.set_max_steps(max_steps)
            self._envs.append(env)
        n = self._envs[0].num_games()
        self._orders = [_game_cycle(n, seed + i // group_n) for i in range(self.num_envs)]
        self._done = [True] * self.num_envs
        self._obs = [""] * self.num_envs
        self._closed = False

    def _info(self, i):
        env = self._envs[i]
        path = env.game_path() or f"{env.id}/{env.game_index()}/game.tw-pddl"
        return {
            "won": env.won(),
            "admissible_commands": env.admissible(),
            "extra.gamefile": path,
            "observation_text": self._obs[i],
        }

    def _check_open(self):
        if self._closed:
            raise _native.InvalidError("the envs are closed")

    def reset(self):
        """Every env starts its next game: ``(observations, None, infos)``."""
        self._check_open()
        for i, env in enumerate(self._envs):
            env.reset_to(next(self._orders[i]))
            self._obs[i] = env.text()
            self._done[i] = False
        return list(self._obs), None, [self._info(i) for i in range(self.num_envs)]

    def step(self, actions):
        """One command per env (any string): ``(observations, None, rewards, dones, infos)``;
        reward ``10 * won``; an env that is done keeps its last state."""
        self._check_open()
        if not isinstance(actions, (list, tuple)) or len(actions) != self.num_envs:
            raise _native.InvalidError(f"step takes a list of {self.num_envs} strings")
        rewards, dones = [], []
        for i, (env, action) in enumerate(zip(self._envs, actions)):
            if not isinstance(action, str):
                raise _native.InvalidError(f"an action is a str, not {type(action).__name__}")
            if not self._done[i]:
                text, _, term, trunc, _, won, _ = env.step_full(action)
                self._obs[i] = text
                self._done[i] = term or trunc or won
            rewards.append(10.0 * float(env.won()))
            dones.append(self._done[i])
        return list(self._obs), None, rewards, dones, [self._info(i) for i in range(self.num_envs)]

    @property
    def get_admissible_commands(self):
        """The admissible commands of every env (``list[list[str]]``)."""
        return self.admissible_commands()

    def admissible_commands(self):
        """``get_admissible_commands`` as a method (callable on a Ray actor)."""
        return [env.admissible() for env in self._envs]

    def expert_actions(self):
        """Gridhouse extra: the expert's next command per env (``"look"`` where it cannot
        act)."""
        out = []
        for env in self._envs:
            try:
                out.append(env.expert_action())
            except _native.Error:
                out.append("look")
        return out

    def close(self):
        """Releases the envs (in-process: nothing else to stop)."""
        self._closed = True
        self._envs = []


class RayAlfworldEnvs:
    """``AlfworldEnvs`` split by whole groups over ``nodes`` Ray actors (spread over the
    nodes), each holding its envs in-process; the same calls and results as one
    ``AlfworldEnvs`` of the same arguments."""

    def __init__(self, env_id, seed, env_num, group_n, max_steps, wording, nodes, num_cpus):
        import ray

        self._ray = ray
        if isinstance(nodes, bool) or not isinstance(nodes, int) or nodes < 1:
            raise _native.InvalidError(f"ray_nodes must be an int >= 1, not {nodes!r}")
        k = min(nodes, env_num)
        sizes = [env_num // k + (1 if j < env_num % k else 0) for j in range(k)]
        remote = ray.remote(AlfworldEnvs)
        self._actors, self._slices = [], []
        first = 0
        for size in sizes:
            self._actors.append(
                remote.options(num_cpus=num_cpus, scheduling_strategy="SPREAD").remote(
                    env_id, seed + first, size, group_n, max_steps, wording
                )
            )
            self._slices.append((first * group_n, (first + size) * group_n))
            first += size
        self.num_envs = env_num * group_n
        self.env_num, self.group_n = env_num, group_n

    def _gather(self, refs):
        return self._ray.get(refs)

    def reset(self):
        """As ``AlfworldEnvs.reset``."""
        parts = self._gather([a.reset.remote() for a in self._actors])
        return [o for p in parts for o in p[0]], None, [i for p in parts for i in p[2]]

    def step(self, actions):
        """As ``AlfworldEnvs.step``."""
        if not isinstance(actions, (list, tuple)) or len(actions) != self.num_envs:
            raise _native.InvalidError(f"step takes a list of {self.num_envs} strings")
        parts = self._gather([a.step.remote(list(actions[lo:hi])) for a, (lo, hi) in zip(self._actors, self._slices)])
        return tuple([x for p in parts for x in p[j]] if j != 1 else None for j in range(5))

    @property
    def get_admissible_commands(self):
        """As ``AlfworldEnvs.get_admissible_commands``."""
        return [c for p in self._gather([a.admissible_commands.remote() for a in self._actors]) for c in p]

    def expert_actions(self):
        """As ``AlfworldEnvs.expert_actions``."""
        return [c for p in self._gather([a.expert_actions.remote() for a in self._actors]) for c in p]

    def close(self):
        """Stops the actors."""
        for a in self._actors:
            self._ray.kill(a)
        self._actors = []


def build_alfworld_envs(alf_config_path, seed, env_num, group_n, resources_per_worker=None, is_train=True, env_kwargs={}):  # noqa: B006 - verl-agent's signature
    """verl-agent's builder: ``AlfworldEnvs`` over ``env_num * group_n`` in-process envs (see
    the module docs for the game order, the task sets and ``env_kwargs``)."""
    env_kwargs = dict(env_kwargs or {})
    if "env_id" in env_kwargs:
        env_id = env_kwargs["env_id"]
    elif is_train:
        env_id = "alfworld/train"
    else:
        key = env_kwargs.get("eval_dataset", "eval_out_of_distribution")
        if key not in _EVAL_SETS:
            raise _native.InvalidError(f"eval_dataset is one of {sorted(_EVAL_SETS)}, not {key!r}")
        env_id = _EVAL_SETS[key]
    max_steps = env_kwargs.get("max_steps") or _max_steps_from(alf_config_path) or 50
    res = dict(resources_per_worker or {})
    if res.get("ray_nodes"):
        return RayAlfworldEnvs(
            env_id, seed, env_num, group_n, max_steps, env_kwargs.get("wording"),
            res["ray_nodes"], res.get("num_cpus", 1),
        )
    return AlfworldEnvs(env_id, seed, env_num, group_n, max_steps=max_steps, wording=env_kwargs.get("wording"))
