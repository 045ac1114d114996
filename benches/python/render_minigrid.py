"""Frames per second of Minigrid 3.2.0's renderer, to set beside the criterion bench
`babyai_render` (benches/benches/babyai_render.rs).

States: BabyAI-BossLevel-v0 at seeds 0..31, each after 5 random turn/forward actions.
Timed: `env.render()` (render_mode "rgb_array": full grid, 32 px tiles, view highlighted)
and `env.unwrapped.get_frame(tile_size=16, agent_pov=True)` (BALROG's image), with
Minigrid's tile cache warmed by one untimed pass. Reports the median of REPEATS passes.

Usage: python render_minigrid.py [REPEATS]   (pip install minigrid==3.2.0)
"""

import contextlib
import io
import statistics
import sys
import time

import gymnasium as gym
import minigrid  # noqa: F401  (registers the BabyAI ids)
import numpy as np

STATES = 32
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def envs():
    rng = np.random.default_rng(0)
    out = []
    with contextlib.redirect_stdout(io.StringIO()):  # "Sampling rejected: ..."
        for seed in range(STATES):
            env = gym.make("BabyAI-BossLevel-v0", render_mode="rgb_array")
            env.reset(seed=seed)
            for a in rng.integers(0, 3, size=5):
                env.step(int(a))
            out.append(env)
    return out


def frames_per_second(envs, draw):
    for e in envs:  # warm the tile cache
        draw(e)
    rates = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for e in envs:
            draw(e)
        rates.append(len(envs) / (time.perf_counter() - t0))
    return statistics.median(rates)


def main():
    es = envs()
    full = frames_per_second(es, lambda e: e.render())
    pov = frames_per_second(es, lambda e: e.unwrapped.get_frame(tile_size=16, agent_pov=True))
    print(f"minigrid {minigrid.__version__} numpy {np.__version__}")
    print(f"bosslevel_full_32: {full:.1f} frames/s ({1e6 / full:.0f} us/frame)")
    print(f"bosslevel_pov_16: {pov:.1f} frames/s ({1e6 / pov:.0f} us/frame)")


if __name__ == "__main__":
    main()
