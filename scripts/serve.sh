#!/usr/bin/env bash
# One command: set up, check the shipped data, build and serve the portal on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/regiokaart check
exec .venv/bin/regiokaart serve "$@"
