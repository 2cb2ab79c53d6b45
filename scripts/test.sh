#!/usr/bin/env bash
# One command: set up (test tools, Debian Chromium) and run every test, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check generator tests bench
.venv/bin/ruff format --check generator tests bench
.venv/bin/mypy
.venv/bin/regiokaart check
npm run --silent lint:js
npm run --silent test:js
.venv/bin/python -m pytest "$@"
