"""Shared helpers: the repo root, committed fixtures and the optional reference data."""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Recorded reference data (`../shared/reference` next to the repo, or $GRIDHOUSE_REFERENCE).
REFERENCE = Path(os.environ.get("GRIDHOUSE_REFERENCE", ROOT.parent / "shared" / "reference"))


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def reference_file(rel):
    """A reference file, or a skip ("skipped: ../shared/reference not present"); with CI=true
    a missing file is a failure."""
    path = REFERENCE / rel
    if path.exists():
        return path
    msg = f"skipped: ../shared/reference not present ({path})"
    print(msg)
    if os.environ.get("CI") == "true":
        pytest.fail(msg + " and CI=true")
    pytest.skip(msg)
