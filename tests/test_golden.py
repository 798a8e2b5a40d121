"""Golden files: one YAML per case holds the note, the expected Markdown page and the expected diagnostics.

Refresh the expectations after an intended change with `pytest tests/test_golden.py --update-golden`
and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cuaderno.kb import build_kb
from cuaderno.pipeline import read_note
from cuaderno.render.notes import render_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import Taxonomy

GOLDEN = Path(__file__).parent / "golden"


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    note = read_note(case["input"].encode("utf-8"), case["path"], Settings())
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    return {
        "format": note.format.value,
        "title": note.title,
        "blocks": [
            f"{b.kind} {b.start}-{b.end} depth={b.depth} tags={','.join(b.tags)} anchor={b.anchor}" for b in note.blocks
        ],
        "output": render_note(note, kb, "en"),
        "diagnostics": [str(d) for d in note.diagnostics],
    }


@pytest.mark.parametrize("case_file", sorted(GOLDEN.glob("*.yml")), ids=lambda p: p.stem)
def test_golden(case_file: Path, request: pytest.FixtureRequest) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    actual = run_case(case)
    if request.config.getoption("--update-golden"):
        case.update(actual)
        for key in ("input", "output"):
            case[key] = _Literal(case[key])
        case_file.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        return
    expected = {key: case.get(key) for key in actual}
    assert actual == expected
