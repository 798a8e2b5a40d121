"""Every hostile shape of the fuzz benchmark is read, rendered and exported, and its kb.json grows linearly.

Time is the fuzz benchmark's business (`python -m benchmarks fuzz`, a slope per shape); here each shape
must go through the whole core without an exception, and doubling it must not more than double kb.json
(nested blocks once repeated their inner text: 443 MB for 10,000).
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from benchmarks.fuzz import MARKDOWN_EXTENSIONS
from benchmarks.fuzz_shapes import SHAPES

from cuaderno.pipeline import load_folders
from cuaderno.render.export import kb_json
from cuaderno.render.notes import render_note
from cuaderno.settings import Settings


def core_output(folder: Path, shape: str, size: int) -> int:
    """Write the shape at `size` into `folder`, run the core on it, return kb.json's size in bytes."""
    for name, data in SHAPES[shape](size).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    loaded = load_folders([folder], Settings())
    for note in loaded.notes:
        markdown.markdown(render_note(note, loaded.kb, "en"), extensions=MARKDOWN_EXTENSIONS)
    return len(kb_json(loaded.kb).encode("utf-8"))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_hostile_shape_goes_through_and_kb_json_grows_linearly(tmp_path: Path, shape: str) -> None:
    small = core_output(tmp_path / "small", shape, 4_000)
    large = core_output(tmp_path / "large", shape, 8_000)
    assert large <= 2.2 * small + 2_000, (small, large)
