#!/usr/bin/env bash
# Set up everything the tests need, then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_deps.sh
bash scripts/setup_venv.sh requirements-dev.txt
DASHBOARD_TEST_PG_URL="$(bash scripts/start_postgres.sh | tail -n 1)"
export DASHBOARD_TEST_PG_URL
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest 没有收集到任何测试：视为失败。" >&2
  exit 1
fi
exit "$status"
