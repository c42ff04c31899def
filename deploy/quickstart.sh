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
# The demo council's safeguarding inbox, escalation ladder and out-of-hours service (fictional).
export LEARNING_SAFEGUARDING_EMAIL="${LEARNING_SAFEGUARDING_EMAIL:-safeguarding@tamarside.example}"
export LEARNING_SAFEGUARDING_ESCALATION_EMAIL="${LEARNING_SAFEGUARDING_ESCALATION_EMAIL:-duty-manager@tamarside.example,head-of-service@tamarside.example}"
export LEARNING_SAFEGUARDING_OUT_OF_HOURS_EMAIL="${LEARNING_SAFEGUARDING_OUT_OF_HOURS_EMAIL:-emergency-duty-team@tamarside.example}"
# The demo council's data protection officer, named in the feedback pages' privacy notices.
export LEARNING_PRIVACY_CONTACT="${LEARNING_PRIVACY_CONTACT:-dataprotection@tamarside.example}"

.venv/bin/learning migrate
.venv/bin/learning demo

echo "Open http://127.0.0.1:8000/ in your browser (demo council, fictional data). Ctrl+C stops it."
exec .venv/bin/learning serve --host 127.0.0.1 --port 8000
