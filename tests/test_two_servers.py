"""Two dashboard processes on one PostgreSQL store: an import or undo in one is seen by the other at its next look."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, fresh_database_url, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]
LOG = [["日期", "听课人", "授课教师"], ["2024.10.01", "甲", "乙"], ["2024.10.02", "乙", "甲"], ["2024.10.03", "甲", "乙"]]


@pytest.fixture
def url(tmp_path):
    return fresh_database_url("postgresql", tmp_path)


def _total(store: Store) -> int:
    return metrics.figures(store.dataset(), TERM)["observations"]["total"]


def test_two_stores_see_each_others_import_and_undo(url):
    one, two = Store(url), Store(url)
    one.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx", term=TERM))
    assert two.dataset().roster["name"].tolist() == ["甲", "乙"]
    version = two.version()
    batch = two.import_result(load_file(xlsx_bytes(LOG), "听课.xlsx", term=TERM)).batch_id
    assert one.version() > version and _total(one) == 3
    assert one.undo(batch)
    assert two.version() > version + 1 and _total(two) == 0
    replacement = load_file(xlsx_bytes(LOG[:2]), "听课.xlsx", term=TERM)
    first = one.import_result(load_file(xlsx_bytes(LOG), "听课.xlsx", term=TERM)).batch_id
    second = two.import_result(replacement, replace=first).batch_id
    assert _total(one) == 1
    one.undo(second)
    assert _total(two) == 3


_PROCESS = """
import sys
from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store
store = Store(sys.argv[1])
for line in sys.stdin:
    command, *rest = line.split()
    if command == "figures":
        print(metrics.figures(store.dataset(), "2024-2025-1")["observations"]["total"], store.version(), flush=True)
    elif command == "import":
        print(store.import_result(load_file(open(rest[0], "rb").read(), "听课.xlsx", term="2024-2025-1")).batch_id, flush=True)
    elif command == "undo":
        print(store.undo(int(rest[0])), flush=True)
"""


def test_two_processes_on_one_postgresql(url, tmp_path):
    Store(url).import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx", term=TERM))
    (tmp_path / "log.xlsx").write_bytes(xlsx_bytes(LOG))
    servers = [subprocess.Popen([sys.executable, "-c", _PROCESS, url], cwd=ROOT, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE) for _ in range(2)]

    def ask(server, line: str) -> str:
        server.stdin.write(line + "\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    try:
        first, second = servers
        assert ask(first, "figures").split()[0] == ask(second, "figures").split()[0] == "0"
        batch = ask(first, f"import {tmp_path / 'log.xlsx'}")
        assert ask(second, "figures").split()[0] == "3"
        assert ask(second, f"undo {batch}") == "True"
        assert ask(first, "figures").split()[0] == "0"
    finally:
        for server in servers:
            server.stdin.close()
            server.wait(30)
