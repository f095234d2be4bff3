#!/usr/bin/env bash
# Set up and start the dashboard.
#   bash scripts/run.sh          demo mode: the bundled demo school (data/demo.db), demo accounts allowed
#   bash scripts/run.sh school   the school's own store (data/dashboard.db, or DASHBOARD_DB), real accounts only
set -euo pipefail
cd "$(dirname "$0")/.."
mode=demo
if [ "${1:-}" = "school" ]; then mode=school; shift; fi  # any other arguments go to streamlit
bash scripts/setup_venv.sh requirements.txt
if [ "$mode" = "demo" ]; then
  export DASHBOARD_DB="${DASHBOARD_DB:-sqlite:///data/demo.db}"
  export DASHBOARD_DEMO=1
  if [ "$DASHBOARD_DB" = "sqlite:///data/demo.db" ] && [ ! -f data/demo.db ]; then
    .venv/bin/python -m dashboard demo
  fi
  echo "演示模式：账号 admin / 校长 / 语文组长 / 数学组长，密码都是 demo"
else
  export DASHBOARD_DB="${DASHBOARD_DB:-sqlite:///data/dashboard.db}"
  unset DASHBOARD_DEMO
fi
exec .venv/bin/streamlit run app.py "$@"
