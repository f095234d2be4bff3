"""scripts/realdata_accounting.py: per file and sheet of both real folders, imported + reported = the
README's data rows; and the check fails when they differ."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import REALDATA, REALDATA2, ROOT, xlsx_bytes


def _script():
    spec = importlib.util.spec_from_file_location("realdata_accounting", ROOT / "scripts" / "realdata_accounting.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (REALDATA.is_dir() and REALDATA2.is_dir()),
                    reason="../shared/realdata 或 ../shared/realdata2 不在本机（只在项目旁有 shared/ 时才能清点真实表格）")
def test_every_sheet_of_both_real_folders_is_accounted_for(capsys):
    script = _script()
    assert script.main([str(REALDATA), str(REALDATA2)]) == 0
    shown = capsys.readouterr().out
    listed = {**script.readme_counts(REALDATA), **script.readme_counts(REALDATA2)}
    assert len(listed) == 28
    for name in listed:
        assert f"| {name} |" in shown
    lines = script.accounting([REALDATA, REALDATA2])
    assert all(line.imported + line.reported == line.expected for line in lines)
    by_sheet = {(line.file.split("_")[1], line.sheet): line for line in lines}
    assert by_sheet[("631", "第一批学科教改项目")].expected == 5  # a per-sheet count of the README
    assert (by_sheet[("691", "Sheet1")].imported, by_sheet[("691", "Sheet1")].reported) == (112, 29)


def test_a_sheet_whose_rows_do_not_add_up_fails(tmp_path, capsys):
    rows = [["论文题目", "作者", "获奖等级", "获奖时间"], ["论文甲", "杨宁", "市级一等奖", "2024.10"],
            ["论文乙", "汪欣刚", "区级二等奖", "2024.11"]]
    (tmp_path / "papers_1_论文.xlsx").write_bytes(xlsx_bytes({"获奖": rows, "说明": [["本表由教科室整理"]]}))
    readme = ("| File | Kind | Sheets | Data rows |\n|---|---|---|---|\n"
              "| papers_1_论文.xlsx | papers | 获奖; 说明 | {0}; 0 (total {0}) |\n")
    script = _script()
    (tmp_path / "README.md").write_text(readme.format(2), encoding="utf-8")
    assert script.main([str(tmp_path)]) == 0
    (tmp_path / "README.md").write_text(readme.format(3), encoding="utf-8")
    assert script.main([str(tmp_path)]) == 1
    shown = capsys.readouterr().out
    assert "| papers_1_论文.xlsx | 获奖 | papers | 3 | 2 | 0 | 否 |" in shown
    assert "1 行不相等" in shown
