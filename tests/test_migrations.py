"""A store written by the previous release upgrades in place and keeps its figures."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile

import pytest
import sqlalchemy
from sqlalchemy import inspect

from dashboard.metrics import figures
from dashboard.store import Store

from .conftest import DEMO, ROOT, fresh_database_url

#: The last commit before schema migrations existed (its store has no alembic_version).
PREVIOUS_RELEASE = "b82bed71c7bd64a9ee239bbafe8e5d9f7e8379a3"
EXPECTED = json.loads((DEMO / "expected_figures.json").read_text(encoding="utf-8"))


def columns_of(store: Store, table: str) -> set[str]:
    return {column["name"] for column in inspect(store.engine).get_columns(table)}


def _previous_release(tmp_path):
    done = subprocess.run(["git", "archive", PREVIOUS_RELEASE, "dashboard", "data/quota_rules.toml", "data/demo"],
                          cwd=ROOT, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"git history without {PREVIOUS_RELEASE[:8]} (shallow clone?): {done.stderr.decode()[:200]}")
    folder = tmp_path / "previous"
    tarfile.open(fileobj=io.BytesIO(done.stdout)).extractall(folder, filter="data")
    return folder


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_previous_store_upgrades_and_keeps_figures(tmp_path, backend):
    url = fresh_database_url(backend, tmp_path)
    previous = _previous_release(tmp_path)
    subprocess.run([sys.executable, "-m", "dashboard", "demo", "--db", url], cwd=previous, check=True,
                   capture_output=True, timeout=300)
    old = sqlalchemy.create_engine(url)
    with old.begin() as conn:  # a name correction saved by the previous release
        conn.exec_driver_sql("INSERT INTO aliases (alias_key, teacher_key) VALUES ('外校来宾', NULL)")
    old.dispose()
    store = Store(url)  # upgrades
    columns = {column["name"] for column in inspect(store.engine).get_columns("observations")}
    assert "school" in columns and "users" in inspect(store.engine).get_table_names()
    assert len(store.history()) == 16
    ds = store.dataset()
    assert set(ds.papers["category"]) == {"论文"}  # revision 0008: every row stored before it was a 论文
    for term, by_group in EXPECTED.items():
        got = figures(ds, term)
        # the previous release's demo had no 公开课 list, no 课型 column, no 师徒结对 or 个人任务 files:
        # none of those, and every figure of the kinds it had the same
        assert got["open_lessons"]["total"] == 0 and got["open_lessons"]["quota_teachers"] == \
            by_group["all"]["open_lessons"]["quota_teachers"]
        assert got["mentoring"]["pairs"] == 0
        assert sum(category["total"] for category in got["tasks"]["by_category"].values()) == 0
        assert got["training"]["hours_term"] == 0 and got["activities"]["held"] == 0
        kept = ("term", "teachers", "observations", "papers", "projects", "observed")
        assert {key: got[key] for key in kept} == {key: by_group["all"][key] for key in kept}
        # no award list of another category either: its awards are its 论文
        papers = got["awards"]["by_category"]["论文"]
        assert {k: papers[k] for k in ("total", "by_level", "by_grade")} == got["papers"]
        assert got["awards"]["total"] == got["papers"]["total"]
    assert "lesson_type" in columns_of(store, "observations") and "open_lessons" in inspect(store.engine).get_table_names()
    assert ds.aliases == {"外校来宾": None} and list(store.alias_list()["alias_key"]) == ["外校来宾"]
    Store(url)  # opening again is a no-op
