#!/usr/bin/env bash
# Set up and start the dashboard.
#   bash scripts/run.sh          demo mode: the bundled demo school (data/demo.db), demo accounts allowed,
#                                served on this computer only (127.0.0.1)
#   bash scripts/run.sh school   the school's own store (data/dashboard.db, or DASHBOARD_DB), real accounts only;
#                                served on 127.0.0.1 for a reverse proxy with HTTPS in front
#                                (DASHBOARD_ADDRESS=0.0.0.0 serves the whole network over plain HTTP instead)
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
  echo "演示模式（只在本机 http://localhost:8501 可以打开）：账号 admin / 校长 / 语文组长 / 数学组长，密码都是 demo"
  address=127.0.0.1
else
  export DASHBOARD_DB="${DASHBOARD_DB:-sqlite:///data/dashboard.db}"
  unset DASHBOARD_DEMO
  # While the store has no account: print the one-time code for creating the first 管理员 in the browser.
  .venv/bin/python -m dashboard user setup-code
  address="${DASHBOARD_ADDRESS:-127.0.0.1}"
fi
# streamlit run app.py, with the first views computed as soon as the server is up (dashboard/serve.py)
exec .venv/bin/python -m dashboard.serve --server.address "$address" "$@"
