"""The README's run command starts the dashboard on the demo school, in demo mode."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import psutil

from .conftest import ROOT, free_port


def test_run_script_loads_the_demo_and_serves(tmp_path):
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("app.py", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, copy / name)
    for name in ("dashboard", "pages", "scripts", ".streamlit"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "data").mkdir()
    shutil.copytree(ROOT / "data" / "demo", copy / "data" / "demo")
    shutil.copy(ROOT / "data" / "quota_rules.toml", copy / "data" / "quota_rules.toml")
    (copy / ".venv").symlink_to(ROOT / ".venv")  # set up already: the script only checks it
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DASHBOARD_DB", "DASHBOARD_DEMO")}
    process = subprocess.Popen(["bash", "scripts/run.sh", "--server.headless", "true", "--server.port", str(port),
                                "--browser.gatherUsageStats", "false"],  # the script chooses the address itself
                               cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline, healthy = time.monotonic() + 120, False
        while time.monotonic() < deadline and not healthy:
            assert process.poll() is None, process.stdout.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    healthy = response.status == 200
            except OSError:
                time.sleep(0.5)
        assert healthy
        listening = {conn.laddr.ip for conn in psutil.net_connections(kind="inet")
                     if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port}
        assert listening == {"127.0.0.1"}  # demo mode: this computer only, never the school's network
        assert (copy / "data" / "demo.db").exists()  # the demo school was loaded into its own store
        assert not (copy / "data" / "dashboard.db").exists()  # and never into the school's store
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    output = process.stdout.read().decode()
    assert "示例数据导入完成" in output and "演示模式" in output
