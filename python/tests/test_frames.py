"""Frames from Python: ``render_mode="rgb_array"``, ``get_frame`` and BALROG's ``obs["image"]``
equal Minigrid 3.2.0's recorded frames (the committed fixtures of
``babyai-core/tests/fixtures/frames``, provenance in its README)."""

import hashlib
import json
import struct
import zlib

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import gridhouse
from gridhouse import balrog
from conftest import ROOT, read_jsonl, reference_file

FRAMES = ROOT / "babyai-core" / "tests" / "fixtures" / "frames"


def read_png(path):
    """An 8-bit RGB, non-interlaced PNG as a (height, width, 3) uint8 array (zlib + the five
    PNG row filters; no imaging library)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, color, _, _, interlace = header
    assert (depth, color, interlace) == (8, 2, 0), f"{path}: not 8-bit RGB non-interlaced"
    raw = zlib.decompress(idat)
    stride, bpp = width * 3, 3
    out = np.zeros((height, stride), np.uint8)
    prev = np.zeros(stride, np.int32)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 255
        elif f in (1, 3, 4):
            cur = line.copy()
            for x in range(stride):
                a = cur[x - bpp] if x >= bpp else 0
                b = prev[x]
                if f == 1:
                    pred = a
                elif f == 3:
                    pred = (a + b) >> 1
                else:
                    c = prev[x - bpp] if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (cur[x] + pred) & 255
        else:
            raise AssertionError(f"{path}: bad filter {f}")
        out[y] = cur
        prev = cur
    return out.reshape(height, width, 3)


def fixtures():
    with open(FRAMES / "index.jsonl") as f:
        return [json.loads(line) for line in f if line.strip()]


def replay(rec, render_mode=None):
    env = gym.make(gridhouse.gym_id(rec["env_id"]), render_mode=render_mode)
    env.reset(seed=rec["seed"])
    for a in rec["actions"]:
        env.step(a)
    return env


def test_there_are_fixtures_of_all_three_variants():
    recs = fixtures()
    assert len(recs) == 12
    assert {r["variant"] for r in recs} == {"a", "b", "c"}


@pytest.mark.parametrize("rec", fixtures(), ids=lambda r: r["file"])
def test_frames_equal_minigrid(rec):
    expected = read_png(FRAMES / rec["file"])
    assert expected.shape == (rec["height"], rec["width"], 3)
    env = replay(rec, render_mode="rgb_array")
    frame = env.unwrapped.get_frame(
        highlight=rec["highlight"], tile_size=rec["tile_size"], agent_pov=rec["agent_pov"]
    )
    assert frame.dtype == np.uint8 and frame.shape == expected.shape
    assert np.array_equal(frame, expected), f"{rec['file']}: {np.sum(frame != expected)} bytes differ"
    if rec["variant"] == "a":  # env.render() in rgb_array mode: tile 32, highlighted
        assert np.array_equal(env.render(), expected)
    if rec["variant"] == "c":
        assert np.array_equal(env.unwrapped.get_pov_render(tile_size=16), expected)


def test_render_returns_fresh_arrays_and_the_default_frame():
    env = gym.make("gridhouse/BabyAI-GoToLocal-v0", render_mode="rgb_array")
    env.reset(seed=3)
    a, b = env.render(), env.render()
    assert a.shape == (8 * 32, 8 * 32, 3) and a is not b and np.array_equal(a, b)
    a[:] = 0
    assert env.render().any()
    assert np.array_equal(env.render(), env.unwrapped.get_frame())
    assert env.unwrapped.get_frame(agent_pov=True).shape == (7 * 32, 7 * 32, 3)
    assert env.unwrapped.get_frame(tile_size=5).shape == (40, 40, 3)
    assert not np.array_equal(env.unwrapped.get_frame(highlight=False), env.render())


def test_check_env_with_rgb_array():
    env = gym.make("gridhouse/BabyAI-PutNextLocal-v0", render_mode="rgb_array")
    check_env(env.unwrapped)


@pytest.mark.parametrize("bad", [0, -1, 257, 2**70, 3.5, "16", None, True])
def test_bad_tile_sizes_raise(bad):
    env = gridhouse.GridhouseEnv("BabyAI-GoToLocal-v0", render_mode="rgb_array")
    env.reset(seed=0)
    with pytest.raises(gridhouse.InvalidError):
        env.get_frame(tile_size=bad)
    with pytest.raises(gridhouse.InvalidError):
        gridhouse.GridhouseEnv("BabyAI-GoToLocal-v0", render_mode="human")


def test_native_renderer_rejects_alfworld_and_bad_sizes():
    r = gridhouse._native.Renderer()
    env = gridhouse._native.Env("BabyAI-GoToLocal-v0")
    with pytest.raises(gridhouse.InvalidError):
        r.frame(env, 0)
    with pytest.raises(OverflowError):
        r.frame(env, -3)
    alf = gridhouse._native.Env("alfworld/train")
    with pytest.raises(gridhouse.UnsupportedError):
        r.frame(alf, 16)


@pytest.mark.parametrize("task", balrog.BABYAI_TASKS)
def test_balrog_image_is_the_pov_at_tile_16(task):
    env = balrog.make_env("babyai", task, {"envs": {"babyai_kwargs": {"num_dists": 0}}})
    gym_env = gridhouse.GridhouseEnv(task)
    obs, _ = env.reset(seed=11)
    gym_env.reset(seed=11)
    for step in range(4):
        image = obs["image"]
        try:
            from PIL import Image
        except ImportError:
            assert isinstance(image, np.ndarray)
        else:
            assert isinstance(image, Image.Image) and image.mode == "RGB"
        assert image.size == (112, 112) if not isinstance(image, np.ndarray) else image.shape == (112, 112, 3)
        assert np.array_equal(np.asarray(image), gym_env.get_pov_render(tile_size=16))
        action = gym_env.expert_action()
        obs, *_ = env.step(balrog.BABYAI_ACTION_SPACE[action])
        gym_env.step(action)


def test_every_recorded_minigrid_frame():
    """All of ../shared/reference/babyai/frames (1052 frames recorded from Minigrid 3.2.0):
    the SHA-256 of each Python frame's pixels equals the recorded one."""
    recs = read_jsonl(reference_file("babyai/frames/index.jsonl"))
    assert len(recs) >= 1000

    bad = []
    for rec in recs:
        env = gridhouse.GridhouseEnv(rec["env_id"], render_mode="rgb_array")
        env.reset(seed=rec["seed"])
        for a in rec["actions"]:
            env.step(a)
        if rec["variant"] == "a":
            frame = env.render()
        else:
            frame = env.get_frame(highlight=rec["highlight"], tile_size=rec["tile_size"], agent_pov=rec["agent_pov"])
        if frame.shape != (rec["height"], rec["width"], 3) or hashlib.sha256(frame.tobytes()).hexdigest() != rec["sha256"]:
            bad.append(rec["file"])
    assert bad == [], f"{len(bad)} of {len(recs)} frames differ: {bad[:5]}"
