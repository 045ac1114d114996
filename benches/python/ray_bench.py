"""Throughput of gridhouse.ray.collect on a local Ray cluster (loopback only).

Usage: python benches/python/ray_bench.py [--env ID] [--episodes N] [--format turns|episode]
                                          [--nodes 2] [--cpus-per-node 1]

Prints, for the in-process reference (``gridhouse.ray.records``, one thread) and for 1 and 2
workers: wall seconds, episodes/s and rows/s (collect plus ``count()`` of the dataset); the
peak RSS of one worker process after a shard; Arrow and JSONL bytes per row.
Not a test: numbers depend on the machine and its load.
"""

import argparse
import json
import os
import time

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # keep addresses on loopback
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import ray  # noqa: E402
from ray.cluster_utils import Cluster  # noqa: E402

from gridhouse import ray as ghray  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env", default="BabyAI-GoToLocal-v0")
    p.add_argument("--policy", default="expert")
    p.add_argument("--episodes", type=int, default=2000)
    p.add_argument("--format", default="turns")
    p.add_argument("--nodes", type=int, default=2)
    p.add_argument("--cpus-per-node", type=int, default=1)
    a = p.parse_args()
    kw = {"policy": a.policy, "episodes": a.episodes, "format": a.format}

    t = time.perf_counter()
    ref = ghray.records(a.env, **kw)
    dt = time.perf_counter() - t
    rows = len(ref)
    print(f"{a.env} {a.policy} {a.format}: {a.episodes} episodes, {rows} rows")
    print(f"in-process (1 thread, no Ray): {dt:.2f} s, {a.episodes / dt:.0f} episodes/s, {rows / dt:.0f} rows/s")
    jsonl = sum(len(json.dumps(r, separators=(",", ":"))) + 1 for r in ref)
    arrow = ghray._table(ref).nbytes
    print(f"bytes per row: Arrow {arrow / rows:.0f}, JSONL {jsonl / rows:.0f}")

    c = Cluster(initialize_head=False)
    node = {"num_cpus": a.cpus_per_node, "object_store_memory": 200 * 2**20}
    c.add_node(**node, include_dashboard=False)
    for _ in range(a.nodes - 1):
        c.add_node(**node)
    ray.init(address=c.address, log_to_driver=False)
    c.wait_for_nodes()
    try:
        w = ghray.ShardWorker.remote(ghray._demo_args(a.env, a.policy, a.format, None, None, True), 0, 1)
        ray.get(w.play.remote(0, min(a.episodes, 500)))
        rss = ray.get(w.max_rss_bytes.remote())
        ray.kill(w)
        print(f"worker peak RSS after a {min(a.episodes, 500)}-episode shard: {rss / 2**20:.0f} MiB")
        for workers in (1, 2):
            t = time.perf_counter()
            ds = ghray.collect(a.env, num_workers=workers, envs_per_worker=1, num_cpus_per_worker=1, **kw)
            n = ds.count()
            dt = time.perf_counter() - t
            assert n == rows, (n, rows)
            print(f"{workers} worker(s): {dt:.2f} s, {a.episodes / dt:.0f} episodes/s, {rows / dt:.0f} rows/s")
    finally:
        ray.shutdown()
        c.shutdown()


if __name__ == "__main__":
    main()
