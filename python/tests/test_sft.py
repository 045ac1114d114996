"""``gridhouse.demos`` and ``gridhouse.evaluate``: the CLI's files byte for byte, callable and
endpoint policies, resuming."""

import hashlib
import http.server
import json
import math
import os
import subprocess
import threading

import pytest

import gridhouse
from conftest import ROOT

FIXTURES = ROOT / "python" / "tests" / "fixtures" / "demos"
GOTO = "BabyAI-MixedTrainLocal-v0/goto"


def cli_manifests():
    return sorted(FIXTURES.glob("*.json"))


def kwargs_of(manifest):
    return dict(
        policy=manifest["policy"],
        episodes=manifest["episodes"],
        seed=manifest["seed"],
        format=manifest["format"],
        prompt=manifest["prompt"],
        history=manifest["history"],
        successes_only=manifest["successes_only"],
        max_length=manifest["max_length"],
        dev_fraction=manifest["dev_fraction"],
    )


def test_there_are_cli_manifests():
    manifests = [json.loads(p.read_text()) for p in cli_manifests()]
    assert len(manifests) == 6
    # Between them: both engines, both formats, all three policies, dev records, drops.
    assert {m["format"] for m in manifests} == {"turns", "episode"}
    assert {m["policy"] for m in manifests} == {"expert", "random", "searcher"}
    assert any(m["files"]["dev.jsonl"]["records"] > 0 for m in manifests)
    assert any(m["dropped_long"] > 0 for m in manifests)


@pytest.mark.parametrize("path", cli_manifests(), ids=lambda p: p.stem)
def test_demos_files_equal_the_clis(path, tmp_path):
    """The committed manifests were written by `gridhouse demos` (its command is in each);
    Python's files must have the same sizes and SHA-256, and its manifest the same settings
    and counts."""
    cli = json.loads(path.read_text())
    counts = gridhouse.demos(cli["env_id"], out=tmp_path, **kwargs_of(cli))
    mine = json.loads((tmp_path / "manifest.json").read_text())
    assert mine["command"].startswith("gridhouse.demos(") and cli["command"].startswith("gridhouse demos ")
    for key in cli:
        if key != "command":
            assert mine[key] == cli[key], key
    for split in ("train", "dev"):
        data = (tmp_path / f"{split}.jsonl").read_bytes()
        want = cli["files"][f"{split}.jsonl"]
        assert len(data) == want["bytes"]
        assert hashlib.sha256(data).hexdigest() == want["sha256"]
        assert counts[split]["records"] == want["records"] == data.count(b"\n")
    # In memory: the same records as dicts.
    mem = gridhouse.demos(cli["env_id"], **kwargs_of(cli))
    for split in ("train", "dev"):
        lines = (tmp_path / f"{split}.jsonl").read_text().splitlines()
        assert mem[split] == [json.loads(l) for l in lines]
    assert mem["counts"] == counts


def cli_binary():
    exe = os.environ.get("GRIDHOUSE_CLI") or str(ROOT / "target" / "release" / "gridhouse")
    return exe if os.path.exists(exe) else None


def test_demos_equal_a_live_cli_run(tmp_path):
    exe = cli_binary()
    if exe is None:
        # The committed manifests above always run; this one needs a built CLI.
        pytest.skip("skipped: no gridhouse CLI (set GRIDHOUSE_CLI or cargo build --release -p gridhouse)")
    args = ["demos", "--env", "alfworld/train", "--episodes", "3", "--seed", "5", "--format", "episode",
            "--prompt", "plain", "--dev-fraction", "0.4", "--out", str(tmp_path / "cli")]
    subprocess.run([exe, *args], check=True, capture_output=True)
    gridhouse.demos("alfworld/train", episodes=3, seed=5, format="episode", prompt="plain",
                    dev_fraction=0.4, out=tmp_path / "py")
    for f in ("train.jsonl", "dev.jsonl"):
        assert (tmp_path / "py" / f).read_bytes() == (tmp_path / "cli" / f).read_bytes()


def test_demos_records_shape_and_defaults():
    r = gridhouse.demos(GOTO, episodes=2, seed=4)
    assert r["dev"] == [] and r["counts"]["played"] == 2 and r["counts"]["dev"]["records"] == 0
    rec = r["train"][0]
    assert [m["role"] for m in rec["messages"]][:2] == ["system", "user"]
    assert rec["messages"][-1]["role"] == "assistant"
    assert rec["metadata"]["env_id"] == GOTO and rec["metadata"]["seed"] == 4
    assert rec["metadata"]["policy"] == "expert" and rec["metadata"]["success"] is True


@pytest.mark.parametrize(
    "kw",
    [
        dict(episodes=0),
        dict(episodes=-1),
        dict(episodes=2.5),
        dict(episodes=1, seed=-3),
        dict(episodes=1, seed=2**64),
        dict(episodes=1, policy="genius"),
        dict(episodes=1, format="scroll"),
        dict(episodes=1, prompt="react"),
        dict(episodes=1, history=0),
        dict(episodes=1, max_length=0),
        dict(episodes=1, dev_fraction=1.5),
        dict(episodes=1, dev_fraction=float("nan")),
        dict(episodes=1, policy="searcher"),
        dict(episodes=2, seed=2**64 - 1),
    ],
)
def test_demos_bad_arguments_raise(kw):
    with pytest.raises(gridhouse.Error):
        gridhouse.demos(GOTO, **kw)


def test_demos_unknown_id():
    with pytest.raises(gridhouse.UnknownIdError):
        gridhouse.demos("BabyAI-Nope-v0", episodes=1)


def wilson(k, n):
    z = 1.959963984540054
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def test_evaluate_builtin_expert_and_random():
    r = gridhouse.evaluate(GOTO, "expert", episodes=6, seed=10)
    s = r["summary"]
    assert s["episodes"] == s["completed"] == s["successes"] == 6 and s["success_rate"] == 1.0
    assert (s["ci95_low"], s["ci95_high"]) == pytest.approx(wilson(6, 6))
    assert [e["seed"] for e in r["episodes"]] == list(range(10, 16))
    assert s["mean_length"] == pytest.approx(sum(e["length"] for e in r["episodes"]) / 6)
    assert s["mean_return"] == pytest.approx(sum(e["return"] for e in r["episodes"]) / 6)
    rnd = gridhouse.evaluate("BabyAI-GoToLocal-v0", "random", episodes=20)
    k = rnd["summary"]["successes"]
    assert k < 20 and (rnd["summary"]["ci95_low"], rnd["summary"]["ci95_high"]) == pytest.approx(wilson(k, 20))


def test_evaluate_resumes_from_out(tmp_path):
    out = tmp_path / "results.jsonl"
    first = gridhouse.evaluate(GOTO, "expert", episodes=3, out=out)
    assert first["summary"]["resumed"] == 0 and len(out.read_text().splitlines()) == 3
    second = gridhouse.evaluate(GOTO, "expert", episodes=5, out=out)
    assert second["summary"]["resumed"] == 3 and second["summary"]["completed"] == 5
    assert len(out.read_text().splitlines()) == 5
    assert second["episodes"][:3] == first["episodes"]
    with pytest.raises(gridhouse.InvalidError):  # another run's file
        gridhouse.evaluate(GOTO, "random", episodes=5, out=out)


class ShadowExpert:
    """A callable policy that answers with the expert's action, read from a TextEnv it steps
    alongside (episode i of the run is seed `seed + i`, played in order)."""

    def __init__(self, env_id, seed):
        self.env = gridhouse.TextEnv(env_id)
        self.seed = seed
        self.info = None
        self.calls = []
        self.__name__ = "shadow"

    def __call__(self, messages):
        self.calls.append(messages)
        if self.info is None:
            _, self.info = self.env.reset(seed=self.seed)
            self.seed += 1
        assert messages[0]["role"] == "system" and messages[-1]["role"] == "user"
        action = self.info["expert_action"]
        _, _, term, trunc, self.info = self.env.step(action)
        if term or trunc:
            self.info = None
        return action


@pytest.mark.parametrize("env_id", [GOTO, "BabyAI-MixedTrainLocal-v0/putnext", "alfworld/train"])
def test_callable_expert_wins(env_id, tmp_path):
    policy = ShadowExpert(env_id, 3)
    r = gridhouse.evaluate(env_id, policy, episodes=2, seed=3, out=tmp_path / "r.jsonl")
    s = r["summary"]
    assert s["success_rate"] == 1.0 and s["invalid_actions"] == 0, r
    assert all(e["agent"] == "python:shadow" for e in r["episodes"])
    assert len(policy.calls) == sum(e["length"] for e in r["episodes"])
    # The callable saw exactly the prompts `demos` trains on.
    demo = gridhouse.demos(env_id, episodes=2, seed=3)["train"]
    assert len(demo) == len(policy.calls)
    for rec, seen in zip(demo, policy.calls):
        prompt = [{"role": m["role"], "content": m["content"]} for m in rec["messages"][:-1]]
        assert prompt == seen


def test_callable_answers_are_parsed_as_balrog_does():
    answers = iter(["I will go forward", "Action: turn left", "> pick up", "42"] * 200)
    r = gridhouse.evaluate(GOTO, lambda m: next(answers), episodes=1, seed=0)
    e = r["episodes"][0]
    assert e["agent"] == "python:<lambda>"
    # "I will go forward" and "42" are not actions: counted, played as "go forward".
    assert e["length"] >= 4
    assert e["invalid_actions"] == sum(1 for i in range(e["length"]) if i % 4 in (0, 3))
    assert r["summary"]["invalid_actions"] == e["invalid_actions"]


def test_callable_errors():
    def boom(messages):
        raise KeyError("model down")

    with pytest.raises(KeyError):
        gridhouse.evaluate(GOTO, boom, episodes=1)
    with pytest.raises(gridhouse.InvalidError):
        gridhouse.evaluate(GOTO, lambda m: 3, episodes=1)
    with pytest.raises(gridhouse.InvalidError):
        gridhouse.evaluate(GOTO, 42, episodes=1)
    with pytest.raises(gridhouse.Error):
        gridhouse.evaluate(GOTO, lambda m: "go forward", episodes=1, prompt="react")
    with pytest.raises(gridhouse.InvalidError):
        gridhouse.evaluate(GOTO, "http://127.0.0.1:1", episodes=1)  # no model


class Handler(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible chat-completions server answering with the shadow expert."""

    policy = None
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Handler.requests.append((self.path, self.headers.get("Authorization"), body))
        answer = Handler.policy(body["messages"])
        data = json.dumps({
            "choices": [{"message": {"role": "assistant", "content": answer}}],
            "usage": {"prompt_tokens": 7, "completion_tokens": 2},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_endpoint_policy_against_a_local_server(tmp_path):
    Handler.policy = ShadowExpert(GOTO, 20)
    Handler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        r = gridhouse.evaluate(GOTO, url, model="tiny", api_key="k", episodes=2, seed=20,
                               timeout=10, retries=0, out=tmp_path / "r.jsonl")
    finally:
        server.shutdown()
        server.server_close()
    s = r["summary"]
    assert s["success_rate"] == 1.0 and s["failed"] == 0, s
    steps = sum(e["length"] for e in r["episodes"])
    assert len(Handler.requests) == steps > 0
    assert s["prompt_tokens"] == 7 * steps and s["completion_tokens"] == 2 * steps
    path, auth, body = Handler.requests[0]
    assert path == "/v1/chat/completions" and auth == "Bearer k" and body["model"] == "tiny"
    assert all(e["agent"] == "llm:tiny" for e in r["episodes"])
