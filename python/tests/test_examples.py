"""The examples of docs/PYTHON.md run as written."""

import re

import pytest

from conftest import ROOT

DOC = ROOT / "docs" / "PYTHON.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)


def test_doc_has_the_seven_examples():
    assert len(BLOCKS) == 7
    assert all(len(b.strip().splitlines()) <= 16 for b in BLOCKS)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_example_runs(index, capsys):
    exec(compile(BLOCKS[index], f"docs/PYTHON.md example {index}", "exec"), {})
    assert capsys.readouterr().out
