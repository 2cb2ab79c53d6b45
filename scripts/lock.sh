#!/usr/bin/env bash
# Writes the lock files that scripts/setup.sh installs from, pinned and hashed, from pyproject.toml:
#   requirements.lock       the portal (dependencies) and the build backend (build-system.requires)
#   requirements-test.lock  the same plus the test tools (optional-dependencies.test)
# One resolution for Python 3.11 and newer on Linux, macOS and Windows.
# A run keeps every pin it can, so after a change in pyproject.toml only what must move moves.
# To move versions on:
#   bash scripts/lock.sh --upgrade                          everything to the newest allowed
#   bash scripts/lock.sh --upgrade-package mkdocs-material  one package
# uv does the resolving; it is installed in a throwaway folder, never in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
PYTHON=${PYTHON:-python3}
tool=$(mktemp -d)
build_in=.build-system.in # in the project folder, so the lock files name it the same every run
trap 'rm -rf "$tool" "$build_in"' EXIT
"$PYTHON" -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
# The build backend is locked too: setup.sh installs the project without build isolation, so
# nothing unpinned is downloaded to build it.
"$tool/venv/bin/python" -c '
import tomllib
with open("pyproject.toml", "rb") as handle:
    print("\n".join(tomllib.load(handle)["build-system"]["requires"]))
' >"$build_in"

lock() {
  local output=$1
  shift
  "$tool/venv/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash scripts/lock.sh" --output-file "$output" \
    pyproject.toml "$build_in" "$@"
  sed "s|-r $build_in|build-system.requires (pyproject.toml)|" "$output" >"$tool/lock"
  mv "$tool/lock" "$output"
}

lock requirements-test.lock --extra test "$@"
# The portal's pins follow the test lock, so both install the same versions of what they share.
lock requirements.lock --constraint requirements-test.lock "$@"
