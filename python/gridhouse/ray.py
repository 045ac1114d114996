"""Demos collection on a Ray cluster: ``collect`` plays an episode range on Ray actors and
returns a ``ray.data.Dataset`` of chat records (the SFT demos formats, ``docs/SFT.md``).

Ray is optional (``pip install "gridhouse[ray]"``); importing this module needs it.

* Episode ``i`` (``0 <= i < episodes``) is played from seed ``seed + i`` (ALFWorld: game
  ``(seed + i) mod`` the task set's size), exactly as ``gridhouse demos`` plays it. The range
  is cut into shards of consecutive seeds; each actor holds the Rust demos writer and plays
  its shards on ``envs_per_worker`` threads.
* A shard's records are a pure function of its seeds, so the dataset is the same whatever
  ``num_workers``, ``envs_per_worker`` or ``shard_episodes``: the records of episode 0, then
  episode 1, ... (the order of ``records``, the in-process reference).
* Fault tolerance is Ray's: actors restart (``max_restarts``) on a live node and re-run the
  shard they were playing (``max_task_retries``); a shard whose actor is gone for good is
  replayed by another actor. No episode is lost, none duplicated.

Each row: ``messages`` (list of ``{role, content, weight}``; ``weight`` is 0 for an earlier
action shown as history in a ``turns`` record, as in the demos file, and null where the demos
file has no weight), ``metadata`` (``env_id``, ``seed``,
``game_index``, ``step``, ``policy``, ``success``, ``wording``: the demos record's) and
``episode`` (the episode's index in the range). ``ds.write_json(dir)`` writes lines that
trainers read as the demos files; ``ds.write_parquet(dir)`` writes Parquet.
"""

from __future__ import annotations

import io
import json
import math

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pajson
import ray
import ray.data

from . import _native

#: The Arrow schema of ``collect``'s rows.
SCHEMA = pa.schema(
    [
        (
            "messages",
            pa.list_(pa.struct([("role", pa.string()), ("content", pa.string()), ("weight", pa.int64())])),
        ),
        (
            "metadata",
            pa.struct(
                [
                    ("env_id", pa.string()),
                    ("seed", pa.uint64()),
                    ("game_index", pa.int64()),
                    ("step", pa.int64()),
                    ("policy", pa.string()),
                    ("success", pa.bool_()),
                    ("wording", pa.string()),
                ]
            ),
        ),
        ("episode", pa.int64()),
    ]
)

_FORMATS = ("turns", "episode")


def _demo_args(env_id, policy, format, prompt, history, successes_only):
    if format not in _FORMATS:
        raise _native.InvalidError(f"format is \"turns\" or \"episode\", not {format!r}")
    if history is not None and (isinstance(history, bool) or not isinstance(history, int) or history < 1):
        raise _native.InvalidError(f"history must be an int >= 1 or None, not {history!r}")
    return {
        "env_id": env_id,
        "policy": policy,
        "format": format,
        "prompt": prompt,
        "history": history,
        "all_episodes": not successes_only,
    }


def _count(what, value, low=1):
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise _native.InvalidError(f"{what} must be an int >= {low}, not {value!r}")
    return value


def _play(args, base_seed, first, n, threads):
    """Records of episodes ``first .. first + n`` of the range as dicts, and the counts."""
    data, counts = _native.demo_records(
        seed=base_seed + first, episodes=n, threads=threads, **args
    )
    rows = []
    for line in data.splitlines():
        rec = json.loads(line)
        for m in rec["messages"]:
            m.setdefault("weight", None)
        rec["episode"] = rec["metadata"]["seed"] - base_seed
        rows.append(rec)
    return rows, counts


def records(env_id, *, policy="expert", episodes, seed=0, threads=1, format="turns", prompt=None, history=None, successes_only=True):
    """The rows ``collect`` returns, computed in this process without Ray (a list of dicts in
    episode order): the single-process reference."""
    args = _demo_args(env_id, policy, format, prompt, history, successes_only)
    _count("episodes", episodes)
    _count("threads", threads)
    return _play(args, seed, 0, episodes, threads)[0]


def _table(rows):
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def _arrow(data, base_seed):
    """The JSONL bytes of ``demo_records`` as a table of ``SCHEMA``, parsed by Arrow's JSON
    reader (the same rows ``_play`` builds with ``json``, without a Python object per
    field)."""
    if not data:
        return SCHEMA.empty_table()
    opts = pajson.ParseOptions(
        explicit_schema=pa.schema([SCHEMA.field("messages"), SCHEMA.field("metadata")]),
        unexpected_field_behavior="error",
    )
    # One thread: each actor owns its CPUs; a block holds whole lines (records of long
    # ALFWorld episodes reach tens of kB).
    read = pajson.ReadOptions(use_threads=False, block_size=max(1 << 20, min(len(data), 1 << 26)))
    t = pajson.read_json(io.BytesIO(data), read_options=read, parse_options=opts)
    seeds = pc.struct_field(t.column("metadata"), "seed")
    episode = pc.subtract(pc.cast(seeds, pa.int64()), pa.scalar(base_seed, pa.int64()))
    return t.append_column(SCHEMA.field("episode"), episode).cast(SCHEMA)


@ray.remote
class ShardWorker:
    """One Ray actor: the Rust demos writer over shards of the range, on ``threads``
    threads."""

    def __init__(self, args, base_seed, threads):
        self.args = args
        self.base_seed = base_seed
        self.threads = threads

    def play(self, first, n):
        """Shard ``first .. first + n``: ``(Arrow table, counts)``."""
        data, counts = _native.demo_records(
            seed=self.base_seed + first, episodes=n, threads=self.threads, **self.args
        )
        counts["node"] = ray.get_runtime_context().get_node_id()
        return _arrow(data, self.base_seed), counts

    def node_id(self):
        """The id of the Ray node this actor runs on."""
        return ray.get_runtime_context().get_node_id()

    def max_rss_bytes(self):
        """This worker process's peak resident memory."""
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@ray.remote(num_cpus=0, max_retries=0)
def _num_rows(table):
    return table.num_rows


def shards(episodes, shard_episodes):
    """The shards of a range: ``[(first, n)]`` of ``shard_episodes`` consecutive episodes."""
    return [(f, min(shard_episodes, episodes - f)) for f in range(0, episodes, shard_episodes)]


def collect(
    env_id,
    *,
    policy="expert",
    episodes,
    seed=0,
    num_workers=2,
    envs_per_worker=2,
    format="turns",
    prompt=None,
    history=None,
    successes_only=True,
    shard_episodes=None,
    num_cpus_per_worker=1,
    max_restarts=4,
    max_task_retries=4,
    on_shard_done=None,
    return_counts=False,
):
    """Plays episodes ``seed .. seed + episodes`` of ``env_id`` with ``policy`` (``expert``,
    ``random``, ``searcher``) on ``num_workers`` Ray actors of ``envs_per_worker`` threads
    each, and returns a ``ray.data.Dataset`` of the demos records, sorted by episode.

    ``format``: ``turns`` (a row per step) or ``episode`` (a row per episode); ``prompt``,
    ``history``: as ``gridhouse demos`` (None: the env's defaults); ``successes_only``: drop
    failed episodes (the random policy keeps every episode, as ``gridhouse demos`` does).
    ``shard_episodes``: episodes per shard (default: about four shards per worker, at most
    1000 episodes each); the result does not depend on it. ``num_cpus_per_worker``: the CPUs
    each actor reserves. ``on_shard_done(done, total)`` is called on the driver after each
    shard. ``return_counts=True`` returns ``(dataset, counts)`` with the summed counts
    (``played``, ``succeeded``, ``kept``, ``records``, ...), ``shards``, ``worker_nodes``
    (the Ray node id each actor started on) and ``shard_nodes`` (where each shard's result
    was made).

    Connects to Ray with ``ray.init()`` when it is not initialised yet. Bad arguments raise
    ``gridhouse.Error`` before any actor starts (one episode is played here to check them).
    """
    args = _demo_args(env_id, policy, format, prompt, history, successes_only)
    _count("episodes", episodes)
    _count("num_workers", num_workers)
    _count("envs_per_worker", envs_per_worker)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed or seed + episodes - 1 >= 2**64:
        raise _native.InvalidError(f"seed must be an int >= 0 with seed + episodes < 2**64, not {seed!r}")
    if shard_episodes is None:
        shard_episodes = min(1000, max(1, math.ceil(episodes / (4 * num_workers))))
    _count("shard_episodes", shard_episodes)
    # Checks env id, policy, prompt and their combination here, where the error is readable.
    _native.demo_records(seed=seed, episodes=1, threads=1, **args)

    if not ray.is_initialized():
        ray.init()
    workers = [
        ShardWorker.options(
            num_cpus=num_cpus_per_worker,
            max_restarts=max_restarts,
            max_task_retries=max_task_retries,
            scheduling_strategy="SPREAD",
        ).remote(args, seed, envs_per_worker)
        for _ in range(num_workers)
    ]
    try:
        # Where the actors started (reported in the counts as ``worker_nodes``).
        worker_nodes = ray.get([w.node_id.remote() for w in workers])
        plan = shards(episodes, shard_episodes)
        tables = [None] * len(plan)
        shard_nodes = [None] * len(plan)
        pending = {}  # counts ref -> (shard index, worker index)

        def submit(k, w):
            table_ref, counts_ref = workers[w].play.options(num_returns=2).remote(*plan[k])
            tables[k] = table_ref
            pending[counts_ref] = (k, w)

        for k in range(len(plan)):
            submit(k, k % num_workers)
        total = {}
        done = 0
        dead = set()
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            ref = ready[0]
            k, w = pending.pop(ref)
            try:
                counts = ray.get(ref)
            except (ray.exceptions.RayActorError, ray.exceptions.ObjectLostError):
                # Ray's own restarts and retries are spent: replay the shard on a live actor.
                dead.add(w)
                live = [i for i in range(num_workers) if i not in dead]
                if not live:
                    raise
                submit(k, live[k % len(live)])
                continue
            shard_nodes[k] = counts.pop("node")
            for key, v in counts.items():
                total[key] = total.get(key, 0) + v
            done += 1
            if on_shard_done is not None:
                on_shard_done(done, len(plan))
        # A shard finished on a node that died later lost its table: touch every table where
        # it lives (Ray reconstructs a lost one on a restarted actor) and replay any that
        # cannot be reconstructed, while the actors are still alive.
        for _ in range(max_task_retries + 1):
            lost = []
            checks = [_num_rows.remote(t) for t in tables]
            for k, c in enumerate(checks):
                try:
                    ray.get(c)
                except (ray.exceptions.RayActorError, ray.exceptions.ObjectLostError, ray.exceptions.RayTaskError):
                    lost.append(k)
            if not lost:
                break
            pending.clear()
            live = [i for i in range(num_workers) if i not in dead] or [0]
            for k in lost:
                submit(k, live[k % len(live)])
            ray.get(list(pending))
        else:
            raise _native.Error("shards were lost faster than they could be replayed")
    finally:
        for w in workers:
            ray.kill(w, no_restart=True)
    # After the actors are gone: Ray Data's own tasks need the CPUs they held.
    dataset = ray.data.from_arrow_refs(tables)
    total["shards"] = len(plan)
    total["worker_nodes"] = worker_nodes
    total["shard_nodes"] = shard_nodes
    return (dataset, total) if return_counts else dataset
