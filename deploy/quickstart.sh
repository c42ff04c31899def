#!/usr/bin/env bash
# Sets up, loads the demo council and starts the app on http://127.0.0.1:8000/
#
#   bash deploy/quickstart.sh
#
# Uses SQLite at var/learning.db unless LEARNING_DATABASE_URL says otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash deploy/setup.sh

mkdir -p var
export LEARNING_DEMO=true
export LEARNING_DATABASE_URL="${LEARNING_DATABASE_URL:-sqlite:///var/learning.db}"

.venv/bin/learning migrate
.venv/bin/learning demo

echo "Open http://127.0.0.1:8000/ in your browser (demo council, fictional data). Ctrl+C stops it."
exec .venv/bin/learning serve --host 127.0.0.1 --port 8000
