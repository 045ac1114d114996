#!/usr/bin/env python3
"""Vector env throughput: Gridhouse vs EnvPool vs Gymnasium SyncVectorEnv over Minigrid.

Random actions on BabyAI-GoToLocal-v0, observations in NumPy every step, next-step
auto-reset, medians of REPEATS timed runs (after a warm-up). Each contender is skipped with
a note if its package is missing. Also measures TextEnv.step's overhead beyond the engine.

    pip install ./python minigrid==3.2.0 envpool==1.2.5
    python benches/python/vector_bench.py [--envs 1024] [--steps 200] [--repeats 5]

Not a test: numbers depend on the machine and its load.
"""

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import time

import numpy as np

ENV_ID = "BabyAI-GoToLocal-v0"


def timed(step, actions, steps):
    t0 = time.perf_counter()
    for k in range(steps):
        step(actions[k % len(actions)])
    return time.perf_counter() - t0


def measure(name, step, n, steps, repeats, actions):
    step(actions[0])  # warm-up
    rates = [n * steps / timed(step, actions, steps) for _ in range(repeats)]
    med = statistics.median(rates)
    print(f"{name:<44} {med:>14,.0f} steps/s   (runs: {', '.join(f'{r:,.0f}' for r in rates)})")
    return med


def bench_gridhouse(n, steps, repeats, actions, threads):
    import gridhouse

    env = gridhouse.make_vec(ENV_ID, n, num_threads=threads)
    env.reset(seed=0)
    return measure(f"gridhouse.make_vec, {threads} thread(s)", env.step, n, steps, repeats, actions)


def bench_envpool(n, steps, repeats, actions, threads):
    try:
        import envpool
    except ImportError:
        print("envpool: not installed (pip install envpool==1.2.5)")
        return None
    env = envpool.make(ENV_ID, env_type="gymnasium", num_envs=n, num_threads=threads, seed=0)
    env.reset()
    return measure(f"envpool {envpool.__version__}, {threads} thread(s)", env.step, n, steps, repeats, actions)


def bench_sync(n, steps, repeats, actions):
    try:
        import gymnasium as gym
        import minigrid  # noqa: F401  (registers BabyAI-*)
    except ImportError:
        print("minigrid: not installed (pip install minigrid==3.2.0)")
        return None
    env = gym.make_vec(ENV_ID, n, vectorization_mode="sync")
    # Minigrid prints "Sampling rejected: ..." on stdout at some resets: silenced (kept in the time).
    with contextlib.redirect_stdout(io.StringIO()) as quiet:
        env.reset(seed=0)
        rate = measure(f"SyncVectorEnv over minigrid {minigrid.__version__}", env.step, n, steps, repeats, actions)
    print("\n".join(l for l in quiet.getvalue().splitlines() if not l.startswith("Sampling rejected")))
    return rate


def bench_rust(n, threads):
    """`gridhouse bench` (the Rust-only batch, same-step auto-reset), if the binary is built."""
    exe = os.environ.get("GRIDHOUSE_BIN") or shutil.which("gridhouse")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    local = os.path.join(root, "target", "release", "gridhouse")
    exe = exe or (local if os.path.exists(local) else None)
    if exe is None:
        print("Rust-only batch: no gridhouse binary (cargo build -p gridhouse --release)")
        return None
    out = subprocess.run(
        [exe, "bench", "--env", ENV_ID, "--batch", str(n), "--threads", str(threads), "--seconds", "3", "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    rate = None
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{") or line.startswith("["):
            data = json.loads(line)
            rows = data if isinstance(data, list) else [data]
            for row in rows:
                for key in ("steps_per_sec", "steps_per_s", "step_rate"):
                    if key in row:
                        rate = row[key]
    print(f"{'Rust-only Batch (gridhouse bench), ' + str(threads) + ' thread(s)':<44} {rate:>14,.0f} steps/s" if rate else out)
    return rate


def bench_text(repeats, calls=20000):
    import gridhouse
    from gridhouse import _native

    print()
    env = gridhouse.TextEnv(ENV_ID, expert=False)
    raw = _native.Env(ENV_ID)
    results = {}
    for name, fn in [
        ("native Env.step(int) (binding + engine)", lambda: raw.step(1)),
        ("native Env.step_lenient + text()", lambda: (raw.step_lenient("turn left"), raw.text())),
        ("native Env.step_full (one call)", lambda: raw.step_full("turn left")),
        ("TextEnv.step (expert=False)", lambda: env.step("turn left")),
    ]:
        env.reset(seed=0)
        raw.reset(0)
        per = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            for _ in range(calls):
                fn()
            per.append((time.perf_counter() - t0) / calls * 1e6)
        results[name] = statistics.median(per)
        print(f"{name:<44} {results[name]:>8.2f} µs/call")
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--envs", type=int, default=1024)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--sync-steps", type=int, default=20)
    p.add_argument("--repeats", type=int, default=5)
    args = p.parse_args()
    n = args.envs
    rng = np.random.default_rng(0)
    actions = [rng.integers(0, 7, n, dtype=np.int64) for _ in range(64)]
    # EnvPool's BabyAI takes int32 actions; the cast is outside the timed step.
    actions32 = [a.astype(np.int32) for a in actions]
    print(f"{ENV_ID}, {n} envs, random actions, load average {os.getloadavg()[0]:.1f}; machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    bench_gridhouse(n, args.steps, args.repeats, actions, 1)
    bench_gridhouse(n, args.steps, args.repeats, actions, 2)
    bench_envpool(n, args.steps, args.repeats, actions32, 1)
    bench_sync(n, args.sync_steps, args.repeats, actions)
    bench_rust(n, 1)
    bench_text(args.repeats)


if __name__ == "__main__":
    main()
