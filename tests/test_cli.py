"""python -m dashboard import|figures|history|undo as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.contract import GRADES, LEVELS

from .conftest import ROOT, xlsx_bytes

ROSTER = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组", "职务", "出生年月"],
          ["甲", "语文组", "教研组长", "1990.01"], ["乙", "数学组", "", "1995.01"]]
LOG = [["日期", "听课人", "授课教师", "班级"], ["2024.10.01", "甲", "乙", "1班"], ["2024.10.02", "乙", "甲", "2班"]]


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(capsys, *args):
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out + out.err


def test_import_then_figures(capsys, db, write):
    status, out = run(capsys, "import", str(write("名册.xlsx", xlsx_bytes(ROSTER))), str(write("听课.xlsx", xlsx_bytes(LOG))), "--db", db)
    assert status == 0 and "批次 1" in out and "批次 2" in out
    status, out = run(capsys, "figures", "--term", "2024-2025学年第一学期", "--db", db)
    figures = json.loads(out)
    assert status == 0 and figures["term"] == "2024-2025-1"
    assert figures["teachers"] == 2 and figures["observations"]["total"] == 2
    assert figures["observations"]["behind"][0] == {"name": "乙", "group": "数学组", "count": 1, "quota": 20}
    assert list(figures["papers"]["by_level"]) == list(LEVELS) and list(figures["papers"]["by_grade"]) == list(GRADES)
    assert list(figures["projects"]["by_level"]) == list(LEVELS)
    status, out = run(capsys, "figures", "--term", "2024-2025-1", "--group", "语文组", "--db", db)
    assert json.loads(out)["observations"]["by_group"] == {"语文组": 1}


def test_same_bytes_again_says_so_and_changes_nothing(capsys, db, write):
    path = str(write("名册.xlsx", xlsx_bytes(ROSTER)))
    run(capsys, "import", path, "--db", db)
    status, out = run(capsys, "import", path, "--db", db)
    assert status == 0 and "此文件已导入（批次 1）" in out
    status, out = run(capsys, "history", "--db", db)
    assert len(out.strip().splitlines()) == 1


def test_rejected_file_exit_1_others_still_import(capsys, db, write):
    good = str(write("名册.xlsx", xlsx_bytes(ROSTER)))
    bad = str(write("坏文件.xlsx", b"this is not a workbook"))
    status, out = run(capsys, "import", bad, good, "--db", db)
    assert status == 1 and "坏文件.xlsx" in out and "✓" in out
    status, out = run(capsys, "history", "--db", db)
    assert "名册.xlsx" in out and "坏文件" not in out


def test_undo_and_history(capsys, db, write):
    run(capsys, "import", str(write("名册.xlsx", xlsx_bytes(ROSTER))), str(write("听课.xlsx", xlsx_bytes(LOG))), "--db", db)
    status, out = run(capsys, "undo", "2", "--db", db)
    assert status == 0 and "已撤销批次 2" in out
    _, out = run(capsys, "figures", "--term", "2024-2025-1", "--db", db)
    assert json.loads(out)["observations"]["total"] == 0
    status, out = run(capsys, "undo", "2", "--db", db)
    assert status == 1 and "没有批次 2" in out


def test_usage_errors_exit_2(capsys, db):
    with pytest.raises(SystemExit) as caught:
        main(["figures", "--term", "明年", "--db", db])
    assert caught.value.code == 2 and "无法识别的学期" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["import", "--db", db])
    assert caught.value.code == 2


def test_module_runs_as_a_program(tmp_path, write):
    path = write("名册.xlsx", xlsx_bytes(ROSTER))
    env_db = f"sqlite:///{tmp_path / 'env.db'}"
    done = subprocess.run([sys.executable, "-m", "dashboard", "import", str(path)], cwd=ROOT, capture_output=True,
                          text=True, env={"DASHBOARD_DB": env_db, "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.db").exists()  # DASHBOARD_DB chose the store


def test_a_file_with_no_importable_row_is_refused_not_stored(capsys, db, write):
    schedule = [["课程名称", "姓名", "上课班级", "节次"], ["英语", "甲", "三（6）", "第五节"]]  # a schedule, not a log
    status, out = run(capsys, "import", str(write("听课安排.xlsx", xlsx_bytes(schedule))), "--kind", "observations",
                      "--db", db)
    assert status == 1 and "没有一行可以导入，未保存" in out and "第2行" in out
    _, out = run(capsys, "history", "--db", db)
    assert "听课安排" not in out
