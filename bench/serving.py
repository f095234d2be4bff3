"""A Streamlit server for a benchmark or a browser test: ``streamlit run`` on a free local port, ready when
its health check answers, always stopped at the end (the benchmarks and ``tests/conftest.py`` share it)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nothing listens on, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until a Streamlit server answers its health check (raises when it exits or never does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit 已退出（返回码 {server.returncode}）")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit 没有在 {seconds:.0f} 秒内启动")


@contextmanager
def served(script: Path, env: dict[str, str], log_path: Path, seconds: float = 60, inherit: bool = True):
    """``streamlit run script`` on 127.0.0.1 until the block ends; yields its base URL.  ``env`` is added to
    this process's environment (``inherit=False``: it is the whole environment); the output goes to ``log_path``.
    The dashboard's ``app.py`` is started as ``scripts/run.sh`` starts it (:mod:`dashboard.serve`)."""
    port = free_port()
    start = ["-m", "dashboard.serve"] if Path(script).resolve() == ROOT / "app.py" else ["-m", "streamlit", "run", str(script)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, *start, "--server.headless", "true", "--server.port",
             str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, **env} if inherit else env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process, seconds)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
