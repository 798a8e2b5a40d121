"""A new user's first run: the install step of the test command, the README as copied, ProperDocs."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cuaderno.cli import main
from tests.sites import ROOT, mkdocs_log

SYSTEM_DEPS = ROOT / "scripts" / "system-deps.sh"


def _stub(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)


def _bare_path(tmp_path: Path, *, user: bool, python_has_venv: bool = True) -> tuple[dict[str, str], Path]:
    """A PATH with no chromium and no npm: only the tools the script needs, and a recording `apt-get`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    for tool in ("env", "bash", "sh"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    _stub(bin_dir, "apt-get", f'echo "apt-get $*" >> "{calls}"')
    _stub(bin_dir, "python3", f'exec "{sys.executable}" "$@"' if python_has_venv else "exit 1")
    if user:
        _stub(bin_dir, "id", 'if [ "$1" = -u ]; then echo 1000; else echo user; fi')
        _stub(bin_dir, "sudo", f'echo "sudo $1" >> "{calls}"; exec "$@"')
    else:
        _stub(bin_dir, "id", 'if [ "$1" = -u ]; then echo 0; else echo root; fi')
    environment = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return environment, calls


@pytest.mark.parametrize("user", [False, True], ids=["root", "user-with-sudo"])
def test_the_install_step_asks_apt_for_chromium_and_npm(tmp_path: Path, user: bool) -> None:
    environment, calls = _bare_path(tmp_path, user=user)
    done = subprocess.run(
        [shutil.which("bash") or "bash", str(SYSTEM_DEPS)], env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    recorded = calls.read_text(encoding="utf-8").splitlines()
    apt = [line for line in recorded if line.startswith("apt-get")]
    assert apt == ["apt-get update -qq", "apt-get install -y -qq chromium fonts-dejavu-core npm"]
    assert ("sudo apt-get" in recorded and "sudo env" in recorded) is user
    assert "command not found" not in done.stderr


def test_the_install_step_brings_python_venv_when_it_is_missing(tmp_path: Path) -> None:
    environment, calls = _bare_path(tmp_path, user=False, python_has_venv=False)
    done = subprocess.run(["bash", str(SYSTEM_DEPS)], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "python3-venv" in calls.read_text(encoding="utf-8").splitlines()[-1]


def test_the_install_step_asks_for_nothing_when_everything_is_there(tmp_path: Path) -> None:
    environment, calls = _bare_path(tmp_path, user=True)
    for tool in ("chromium", "npm"):
        _stub(Path(environment["PATH"]), tool, "exit 0")
    done = subprocess.run(["bash", str(SYSTEM_DEPS)], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not calls.exists()


def test_the_test_command_installs_through_the_install_step_and_lints_its_scripts() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "bash scripts/system-deps.sh" in script
    assert re.search(r"shellcheck\" scripts/\*\.sh \.ci/run", script)
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_test_command_checks_the_browser_modules_with_tools_npm_ci_installs() -> None:
    """tsc, ESLint and node --test run after `npm ci` put them in node_modules, and before pytest: nothing global."""
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    steps = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    install = next(i for i, step in enumerate(steps) if step.startswith("npm ci "))
    check = steps.index("npm run --silent check")
    pytest_run = next(i for i, step in enumerate(steps) if "-m pytest" in step)
    assert install < check < pytest_run
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    scripts = package["scripts"]
    assert [part.strip() for part in scripts["check"].split("&&")] == [
        "npm run --silent typecheck",
        "npm run --silent lint",
        "npm run --silent test",
    ]
    assert scripts["typecheck"].startswith("tsc -p tsconfig.json")
    assert scripts["lint"].startswith("eslint plugins/cuaderno/assets tests/js")
    assert scripts["test"] == "node --test tests/js/*.test.js"
    assert {"typescript", "eslint", "@eslint/js", "globals"} <= set(package["devDependencies"])
    assert not any("npx" in command for command in scripts.values())  # npx would fetch a missing tool
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert set(package["devDependencies"]) <= set(lock["packages"][""]["devDependencies"])


def _node_tool(name: str) -> Path:
    tool = ROOT / "node_modules" / ".bin" / name
    if not tool.exists():
        pytest.skip(f"{name} is installed by `npm ci` (the test command runs it first)")
    return tool


def test_every_browser_module_and_js_test_is_type_checked_and_linted() -> None:
    """The checks cover assets/*.js by glob: a module added there is checked without touching a config."""
    modules = sorted(str(path) for path in (ROOT / "plugins" / "cuaderno" / "assets").glob("*.js"))
    tests = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.js"))
    assert modules and tests
    listed = set()
    for project in ("tsconfig.json", "tests/js/tsconfig.json"):
        done = subprocess.run(
            [str(_node_tool("tsc")), "-p", project, "--listFilesOnly"], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        listed |= {str(Path(line)) for line in done.stdout.splitlines()}
    assert set(modules + tests) <= listed
    linted = subprocess.run(
        [str(_node_tool("eslint")), "--format", "json", "plugins/cuaderno/assets", "tests/js"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert set(modules + tests) <= {result["filePath"] for result in json.loads(linted.stdout)}, linted.stderr


def _readme_block(language: str, after: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(after)
    found = re.search(rf"```{language}\n(.*?)```", readme[start:], re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_plugin_snippet_builds_as_written(tmp_path: Path) -> None:
    """The `mkdocs.yml` of "your own MkDocs project", copied into a project with a docs/ folder and nothing else."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\nNotes. [[{ s3 }]]\n", encoding="utf-8")
    (project / "docs" / "vpc.txt").write_text("# VPC [[{ aws.vpc ]]\n  subnet   <·· one AZ\n[[}]]\n", encoding="utf-8")
    (project / "docs" / "vpc.es.txt").write_text("# VPC [[{ aws.vpc ]]\n  subred   <·· una AZ\n[[}]]\n", "utf-8")
    snippet = _readme_block("yaml", "To use the plugin in your own MkDocs project")
    yaml.safe_load(snippet)  # it is YAML as written
    (project / "mkdocs.yml").write_text(snippet, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "vpc" / "index.html").is_file()
    assert (tmp_path / "site" / "es" / "tags" / "aws.vpc" / "index.html").is_file()


def test_the_readme_benchmark_commands_name_the_interpreter_with_cuaderno() -> None:
    commands = [line for line in _readme_block("bash", "## Benchmark").splitlines() if line.strip()]
    assert commands and all(".venv/bin/python -m benchmarks " in line for line in commands)
    assert any(".venv/bin/python -m benchmarks run" in line for line in commands)


DIAGNOSTIC_FORMAT = "FILE:LINE[:COLUMN]: SEVERITY: MESSAGE [CODE]"


def test_readme_guide_and_check_describe_the_diagnostic_format_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for described in ("README.md", "docs/guide/running.md"):
        assert DIAGNOSTIC_FORMAT in (ROOT / described).read_text(encoding="utf-8"), described
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert DIAGNOSTIC_FORMAT in " ".join(capsys.readouterr().out.split())
    (tmp_path / "a.txt").write_text("text\n[[}]]\n", encoding="utf-8")
    main(["check", str(tmp_path)])
    line = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(r".+\.txt:\d+(:\d+)?: (error|warning|notice): .+ \[[\w-]+\]", line)


def test_properdocs_builds_the_bundled_site(tmp_path: Path) -> None:
    """ProperDocs 1.6.7, the maintained drop-in fork of MkDocs 1.6, runs the plugin unchanged."""
    properdocs = Path(sys.executable).parent / "properdocs"
    assert properdocs.exists(), "properdocs is part of the test extras (pyproject.toml)"
    site = tmp_path / "site"
    done = subprocess.run(
        [str(properdocs), "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "cuaderno:" in done.stderr  # the plugin ran and logged its summary
    assert (site / "aws" / "networking" / "vpc" / "index.html").is_file()
    assert (site / "es" / "tags" / "aws.s3" / "index.html").is_file()
    assert (site / "kb.json").is_file()


def _cuaderno_overrides(notes: Path, **options: object) -> dict[str, object]:
    from cuaderno.cli import site_config

    plugins = site_config(notes, ROOT / "tags")["plugins"]
    for plugin in plugins:
        if "cuaderno" in plugin:
            plugin["cuaderno"].update(options)
    return {"plugins": plugins}


def test_a_typo_in_formats_is_a_configuration_error_naming_the_option(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    from tests.sites import build_site

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("- item\n", encoding="utf-8")
    with mkdocs_log(logging.INFO) as said, pytest.raises(Abort, match="configuration error"):
        build_site(notes, tmp_path / "site", overrides=_cuaderno_overrides(notes, formats={"*.txt": "outlin"}))
    assert any("option 'formats'" in line and "'outlin'" in line for line in said), said


def test_each_interface_summary_counts_the_warnings(tmp_path: Path) -> None:
    """The Spanish build repeats no warning, yet its summary counts the ones the first pass found: "1 aviso"."""
    from tests.sites import build_site

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("# A [[{ x ]]\ntext\n[[}]]\n[[}]]\n", encoding="utf-8")
    with mkdocs_log(logging.INFO) as said:
        build_site(notes, tmp_path / "site", strict=False)
    assert any(line.startswith("cuaderno: 1 note, ") and ", 1 warning in " in line for line in said), said
    assert any(line.startswith("cuaderno: 1 nota, ") and ", 1 aviso en " in line for line in said), said
