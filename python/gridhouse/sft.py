"""SFT data and evaluation from Python: ``gridhouse.demos`` and ``gridhouse.evaluate``.

Both call the Rust library the ``gridhouse demos`` and ``gridhouse eval`` commands use, so
the files are the CLI's byte for byte. Built-in policies and endpoints run in Rust with the
GIL released; a Python callable policy sees the chat prompt of each decision exactly as
``demos`` writes it and its answer is parsed as an LLM's (BabyAI: BALROG's rules, text that
is no action becomes ``"go forward"``; ALFWorld: matched against the admissible commands).
"""

from __future__ import annotations

import json
import os
import tempfile

import numpy as np

from . import _native

_U64 = 2**64


def _int(name, v, lo=0, hi=_U64 - 1, none=False):
    if v is None and none:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= int(v) <= hi:
        raise _native.InvalidError(f"{name} must be an int from {lo} to {hi}, not {v!r}")
    return int(v)


def _str(name, v, none=False):
    if v is None and none:
        return None
    if not isinstance(v, str):
        raise _native.InvalidError(f"{name} must be a str, not {v!r}")
    return v


def _float(name, v, none=False):
    if v is None and none:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        raise _native.InvalidError(f"{name} must be a number, not {v!r}")
    return float(v)


def _records(data: bytes):
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]


def demos(
    env_id,
    *,
    policy="expert",
    episodes,
    seed=0,
    format="turns",
    prompt=None,
    history=None,
    successes_only=True,
    max_length=None,
    dev_fraction=0.0,
    out=None,
):
    """Episodes of a built-in policy as chat-format SFT records (``gridhouse demos``).

    Episode ``i`` is reset with seed ``seed + i`` (ALFWorld: game ``(seed + i) mod`` the number
    of games). ``policy``: ``"expert"`` (BabyAI's bot, ALFWorld's oracle), ``"random"`` or
    ``"searcher"`` (ALFWorld). ``format``: ``"turns"`` (one record per step) or ``"episode"``.
    ``prompt``: ``"balrog"`` (BabyAI's default), ``"react"`` (ALFWorld's default) or
    ``"plain"``. ``successes_only``: keep only won episodes (the random policy keeps all, as
    the CLI does). ``dev_fraction``: share of seeds (ALFWorld: games) for the dev split.

    With ``out`` (a folder): writes ``train.jsonl``, ``dev.jsonl`` and ``manifest.json`` as the
    CLI does and returns the counts dict. Without: returns ``{"train": [record, ...],
    "dev": [...], "counts": {...}}`` with each record a dict (``messages``, ``metadata``),
    the same records the files would hold.
    """
    env_id = _str("env_id", env_id)
    policy = _str("policy", policy)
    episodes = _int("episodes", episodes, 1)
    seed = _int("seed", seed)
    fmt = _str("format", format)
    prompt = _str("prompt", prompt, none=True)
    history = _int("history", history, 1, none=True)
    max_length = _int("max_length", max_length, 1, 2**32 - 1, none=True)
    dev_fraction = _float("dev_fraction", dev_fraction)
    if out is not None:
        out = os.fspath(out)
        command = (
            f"gridhouse.demos({env_id!r}, policy={policy!r}, episodes={episodes}, seed={seed}, "
            f"format={fmt!r}, prompt={prompt!r}, history={history!r}, "
            f"successes_only={bool(successes_only)}, max_length={max_length!r}, "
            f"dev_fraction={dev_fraction!r})"
        )
    else:
        command = ""
    r = _native.demos(
        env_id, policy, episodes, seed, fmt, prompt, history, not successes_only,
        max_length, dev_fraction, out, command,
    )
    if out is not None:
        return r
    counts, train, dev = r
    return {"train": _records(train), "dev": _records(dev), "counts": counts}


def evaluate(
    env_id,
    policy,
    *,
    episodes,
    seed=0,
    prompt=None,
    history=None,
    out=None,
    model=None,
    api_key=None,
    timeout=60.0,
    retries=3,
    backoff=1.0,
    temperature=None,
    max_tokens=None,
    concurrency=1,
    name=None,
):
    """A policy on episodes ``seed .. seed + episodes - 1`` (``gridhouse eval``).

    ``policy`` is a built-in name (``"expert"``, ``"random"``, ``"searcher"``), an
    OpenAI-compatible endpoint URL (``"http://host:port"``, ``.../v1`` or the full
    ``.../v1/chat/completions``; give ``model``, and optionally ``api_key``, ``timeout``,
    ``retries``, ``backoff`` seconds, ``temperature``, ``max_tokens``, ``concurrency``), or a
    callable ``(messages: list[dict]) -> str`` answering the chat prompt (``{"role",
    "content"}`` dicts, system turn first) with one action; it is recorded as agent
    ``python:<name>`` (default: the callable's ``__name__``). ``prompt``/``history`` as
    ``demos``.

    Returns ``{"summary": {...}, "episodes": [...]}``: the summary (``success_rate`` with the
    95% Wilson interval ``ci95_low``/``ci95_high``, ``mean_return``, ``mean_length``,
    ``invalid_actions``, tokens, ``completed``, ``resumed``, ``failed``, ``first_error``) and
    one dict per episode. With ``out`` (a file) the results are appended there as JSON lines
    and a later call with the same file skips the episodes it holds, as the CLI's
    ``--out``.
    """
    env_id = _str("env_id", env_id)
    episodes = _int("episodes", episodes, 1)
    seed = _int("seed", seed)
    prompt = _str("prompt", prompt, none=True)
    history = _int("history", history, 1, none=True)
    tmp = None
    if out is None:
        tmp = tempfile.TemporaryDirectory(prefix="gridhouse-eval-")
        path = os.path.join(tmp.name, "results.jsonl")
    else:
        path = os.fspath(out)
    try:
        if callable(policy):
            label = name if name is not None else getattr(policy, "__name__", type(policy).__name__)
            label = _str("name", label)
            summary, results = _native.eval_callable(
                env_id, episodes, seed, policy, label, prompt, history, path
            )
        elif isinstance(policy, str):
            url = policy if policy.startswith(("http://", "https://")) else None
            if url is not None and model is None:
                raise _native.InvalidError(f"an endpoint policy ({url}) needs model=")
            summary, results = _native.eval_native(
                env_id, episodes, seed,
                None if url else policy, url, _str("model", model, none=True) if url else None,
                _str("api_key", api_key, none=True),
                _float("timeout", timeout), _int("retries", retries, 0, 2**32 - 1),
                _float("backoff", backoff), _float("temperature", temperature, none=True),
                _int("max_tokens", max_tokens, 1, 2**32 - 1, none=True),
                prompt, history, _int("concurrency", concurrency, 1, 1024), path,
            )
        else:
            raise _native.InvalidError(
                f"policy must be a built-in name, an endpoint URL or a callable, not {policy!r}"
            )
    finally:
        if tmp is not None:
            tmp.cleanup()
    return {"summary": json.loads(summary), "episodes": json.loads(results)}
