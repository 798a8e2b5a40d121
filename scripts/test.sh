#!/usr/bin/env bash
# Install what the tests need (Debian's Chromium, cuaderno with its test extras in .venv)
# and run every check: ruff, mypy, and the whole pytest suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

PY=${PYTHON:-python3}
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  PY=.venv/bin/python
fi
"$PY" -m pip install -q --disable-pip-version-check -e '.[test]'

export NO_MKDOCS_2_WARNING=1
"$PY" -m ruff check plugins tests
"$PY" -m mypy
"$PY" -m pytest "$@"
