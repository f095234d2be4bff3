"""A workbook of one sheet per term: every kind's rows without a date of their own take the term of
their sheet (its name, else its own title), never the first sheet's for all."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics
from dashboard.loaders import load_file

from .conftest import xlsx_bytes

ROSTER = [["姓名", "教研组"], ["杨宁", "数学组"], ["汪欣刚", "语文组"]]
PAPERS = [["论文题目", "作者", "获奖等级"], ["论文甲", "杨宁", "市级一等奖"], ["论文乙", "汪欣刚", "区级二等奖"]]
LATER = [["论文题目", "作者", "获奖等级"], ["论文丙", "杨宁", "省级三等奖"]]

#: layout -> the workbook's sheets: sheet names that state terms, Chinese seasons, or plain names with
#: each sheet's own title row stating its term
LAYOUTS = {
    "sheet names": {"2023-2024学年第一学期": PAPERS, "2023-2024学年第二学期": LATER},
    "seasons": {"2023秋": PAPERS, "2024春": LATER},
    "titles": {"Sheet1": [["2023学年第一学期论文获奖名单"], *PAPERS], "Sheet2": [["2023学年第二学期论文获奖名单"], *LATER]},
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_papers_of_each_sheet_take_its_term(layout):
    result = load_file(xlsx_bytes(LAYOUTS[layout]), "论文获奖汇总.xlsx", kind="papers")
    assert dict(zip(result.frame["title"], result.frame["term"])) == {
        "论文甲": "2023-2024-1", "论文乙": "2023-2024-1", "论文丙": "2023-2024-2"}
    assert not result.errors
    forced = load_file(xlsx_bytes(LAYOUTS[layout]), "论文获奖汇总.xlsx", kind="papers", term="2024-2025-1")
    assert set(forced.frame["term"]) == {"2024-2025-1"}  # the import option still wins


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_bare_year_takes_its_sheets_term_and_says_which_sheet(layout):
    sheets = {name: [rows[0] + ["获奖时间"], *[row + ["2023"] for row in rows[1:]]] if not rows[0][0].endswith("名单")
              else [rows[0], rows[1] + ["获奖时间"], *[row + ["2023"] for row in rows[2:]]]
              for name, rows in LAYOUTS[layout].items()}
    result = load_file(xlsx_bytes(sheets), "论文获奖汇总.xlsx", kind="papers")
    assert list(result.frame["term"]) == ["2023-2024-1", "2023-2024-1", "2023-2024-2"]
    said = [p.message for p in result.problems if "只写了年份" in p.message]
    second = list(LAYOUTS[layout])[1]
    assert said[-1] == f"时间“2023”只写了年份，看不出学期，按工作表「{second}」的学期 2023-2024-2 计入。"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_projects_without_an_approval_date_start_in_their_sheets_term(layout):
    def projects(rows):
        title = [rows[0]] if rows[0][0].endswith("名单") else []
        body = rows[len(title):]
        return [*title, ["课题名称", "负责人", "级别", "状态"],
                *[[f"{row[0]}的研究", row[1], "市级", "立项"] for row in body[1:]]]

    sheets = {name: projects(rows) for name, rows in LAYOUTS[layout].items()}
    result = load_file(xlsx_bytes(sheets), "课题汇总.xlsx", kind="projects")
    assert list(result.frame["approved_date"]) == [dt.date(2023, 9, 1), dt.date(2023, 9, 1), dt.date(2024, 2, 1)]


def test_papers_by_sheet_count_in_their_terms(store):
    for term in ("2023-2024-1", "2023-2024-2"):
        store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx", term=term))
    store.import_result(load_file(xlsx_bytes(LAYOUTS["seasons"]), "论文获奖汇总.xlsx", kind="papers"))
    ds = store.dataset()
    assert metrics.figures(ds, "2023-2024-1")["papers"]["total"] == 2
    assert metrics.figures(ds, "2023-2024-2")["papers"]["total"] == 1


def test_one_title_for_the_whole_workbook_still_serves_every_sheet():
    book = xlsx_bytes({"Sheet1": [["2023学年第一学期论文获奖名单"], *PAPERS], "Sheet2": LATER})
    result = load_file(book, "论文获奖.xlsx", kind="papers")
    assert set(result.frame["term"]) == {"2023-2024-1"}
