#!/usr/bin/env bash
# Install what the tests need (Debian's Chromium and npm, Mermaid, cuaderno with its test extras in .venv)
# and run every check: ruff, mypy, and the whole pytest suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="chromium fonts-dejavu-core"
command -v npm >/dev/null 2>&1 || MISSING="$MISSING npm"
if [ -n "$MISSING" ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >/dev/null
fi
# Mermaid, the one third-party browser script the site serves (package.json; never committed).
npm ci --no-audit --no-fund --loglevel=error

PY=${PYTHON:-python3}
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  PY=.venv/bin/python
fi
"$PY" -m pip install -q --disable-pip-version-check -e '.[test]'

export NO_MKDOCS_2_WARNING=1
"$PY" -m ruff check plugins tests benchmarks
"$PY" -m mypy
"$PY" -m pytest "$@"
