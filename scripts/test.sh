#!/usr/bin/env bash
# Install what the tests need (Debian's Chromium, npm and venv, Mermaid, cuaderno with its test extras in .venv)
# and run every check: ruff, mypy, the browser modules' checks (npm run check: tsc, ESLint, node --test),
# and the whole pytest suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
# package.json: the third-party scripts the site serves (Mermaid, DOMPurify; never committed) and the
# dev tools that check cuaderno's own modules (TypeScript, ESLint), all local to node_modules.
npm ci --no-audit --no-fund --loglevel=error

PY=${PYTHON:-python3}
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  PY=.venv/bin/python
fi
BIN=$("$PY" -c 'import os, sys; print(os.path.join(sys.prefix, "bin"))')
"$PY" -m pip install -q --disable-pip-version-check -e '.[test]'

export NO_MKDOCS_2_WARNING=1
"$PY" -m ruff check plugins tests benchmarks
"$BIN/shellcheck" scripts/*.sh .ci/run
"$PY" -m mypy
npm run --silent check
"$PY" -m pytest "$@"
