#!/usr/bin/env bash
# Set up and start the dashboard; on first run the demo school is loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_venv.sh requirements.txt
if [ -z "${DASHBOARD_DB:-}" ] && [ ! -f data/dashboard.db ]; then
  .venv/bin/python -m dashboard demo
fi
exec .venv/bin/streamlit run app.py "$@"
