#!/usr/bin/env bash
# Sets up everything regiokaart needs on a fresh machine: a virtual environment with the package.
# Usage: bash scripts/setup.sh [--test]   (--test also installs test tools and Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# A line before every step says what is being done: the first set-up takes minutes and must not
# look like a hang (tests/test_setup_script.py).
step() { printf '==> %s\n' "$*"; }
# pip's own lines (Collecting, Downloading, Installing…, a line per package, unbuffered so each
# shows when it happens) are the progress of the long steps. The lines for packages that are
# already there or not for this Python are left out, so a set-up with nothing to do stays short.
# grep's "no line" is no failure; pip's failure is (pipefail).
pip_install() {
  PYTHONUNBUFFERED=1 .venv/bin/python -m pip install --disable-pip-version-check "$@" \
    | { grep --line-buffered -v -e '^Requirement already satisfied' -e '^Ignoring .*: markers' \
        || [ $? -eq 1 ]; }
}
if [ ! -x .venv/bin/python ]; then
  step "Virtuele Python-omgeving maken in .venv"
  "$PYTHON" -m venv .venv
fi
if [ "${1:-}" = "--test" ]; then lock=requirements-test.lock; else lock=requirements.lock; fi
# Exactly the versions in the lock file, each download checked against its hash, so two installs
# a month apart are the same (the lock files and how to refresh them: scripts/lock.sh). Then the
# project itself, without fetching anything more: its build backend is in the lock too.
step "Python-pakketten installeren uit $lock (de eerste keer enkele minuten; wat er al is, wordt overgeslagen)"
pip_install --require-hashes -r "$lock"
step "regiokaart zelf installeren"
pip_install --quiet --no-deps --no-build-isolation -e .
if [ "${1:-}" = "--test" ]; then
  # npm tools pinned in package-lock.json: axe-core (accessibility engine injected into pages by the
  # browser tests), ESLint and html-validate (tests/test_html_valid.py). npm writes
  # node_modules/.package-lock.json on every install, so a lock file or package.json newer than it
  # means node_modules no longer matches: install again (~3 s).
  installed=node_modules/.package-lock.json
  if [ package-lock.json -nt "$installed" ] || [ package.json -nt "$installed" ] \
    || [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -e node_modules/.bin/eslint ] \
    || [ ! -e node_modules/.bin/html-validate ]; then
    step "Testhulpmiddelen installeren met npm (axe-core, ESLint, html-validate)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # Debian's packages for the tests: Chromium for the browser tests; LibreOffice Calc (without
  # its desktop parts) and its Python bridge for the spreadsheet round trips (tests/libreoffice).
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v soffice >/dev/null || missing="$missing libreoffice-calc-nogui"
  /usr/bin/python3 -c "import uno" 2>/dev/null || missing="$missing python3-uno"
  if [ -n "$missing" ]; then
    step "Installeren via apt:$missing (voor de browser- en spreadsheettests; dit duurt even)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086  # one word per package
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing \
      >/dev/null
  fi
fi
