"""Shared fixtures: paths, the user's corpus, building sites."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "plugins"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the expected files of golden tests")


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return CORPUS


# Corpus 002 links to screenshots that are not part of the corpus: MkDocs' own check says so at info level.
CORPUS_OVERRIDES = {"validation": {"links": {"not_found": "info"}}}
# The one real problem of the corpus: corpus 001 links to `@[#guard_duty]`, an anchor no note has.
CORPUS_WARNING = (
    "001_034e6a082461fa66.txt:1852: no anchor #[guard_duty] in any note for @[#guard_duty] [unknown-anchor]"
)


def expect_corpus_warning(warnings: list[str]) -> None:
    """A corpus build warns once, about the unknown anchor, naming file:line (and builds everything)."""
    assert len(warnings) == 1 and warnings[0].endswith(CORPUS_WARNING), warnings


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (docs/ + tags/), built once with --strict."""
    from tests.sites import build_site

    site = tmp_path_factory.mktemp("docs") / "site"
    assert build_site(ROOT / "docs", site, tags_dir=ROOT / "tags") == []
    return site


@pytest.fixture(scope="session")
def corpus_site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's five notes alone, built once with --strict and the bundled taxonomy."""
    from tests.sites import build_site

    site = tmp_path_factory.mktemp("corpus") / "site"
    expect_corpus_warning(build_site(corpus, site, strict=False, overrides=CORPUS_OVERRIDES))
    return site


@pytest.fixture(scope="session")
def combined_site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`docs/` with the user's corpus in `corpus/`: the site the issues' checks are run on."""
    import shutil

    from tests.sites import build_site

    base = tmp_path_factory.mktemp("combined")
    notes = base / "notes"
    shutil.copytree(ROOT / "docs", notes)
    shutil.copytree(corpus, notes / "corpus", ignore=shutil.ignore_patterns("README*"))
    site = base / "site"
    expect_corpus_warning(build_site(notes, site, strict=False, tags_dir=ROOT / "tags", overrides=CORPUS_OVERRIDES))
    return site


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The notes parsed from now on (their paths, in order), as the site session reads them."""
    import cuaderno.site_session

    seen: list[str] = []
    real = cuaderno.site_session.read_note

    def counting(data: bytes, path: str, settings: object) -> object:
        seen.append(path)
        return real(data, path, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(cuaderno.site_session, "read_note", counting)
    return seen
