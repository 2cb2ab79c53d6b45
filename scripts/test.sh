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
# The other engines (regiokaart build --engine zensical, --engine properdocs): every page type
# built by each, with axe, 320 px, the CSP, nothing hidden shown, and the keyboard-only paths. The
# whole browser suite passes with REGIOKAART_ENGINE=zensical too, but would double the browser
# tests' time; this part takes about half of it. Only in a full run (no arguments), as on CI.
if [ "$#" -eq 0 ]; then
  for engine in zensical properdocs; do
    REGIOKAART_ENGINE=$engine .venv/bin/python -m pytest \
      tests/browser/test_accessibility.py tests/browser/test_narrow.py \
      tests/browser/test_csp.py tests/browser/test_hidden.py \
      tests/browser/test_search.py::test_results_page_by_keyboard_only \
      tests/browser/test_socialmap.py::test_filters_work_by_keyboard_alone \
      tests/browser/test_selfscan.py::test_whole_scan_by_keyboard_alone_without_any_request \
      tests/browser/test_selfscan.py::test_scan_states_have_no_axe_violations
  done
  # The national overview (regiokaart federate --engine) with each engine as well.
  for engine in zensical properdocs; do
    REGIOKAART_ENGINE=$engine .venv/bin/python -m pytest tests/browser/test_federation.py
  done
fi
