"""A list of concluded 课题 (结题名单, 结题鉴定结果) that does not say when each was approved: the projects count
as concluded in the term of their 结题时间, never as 新立项 or 在研 of the term the file is for."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, sign_in, xls_bytes, xlsx_bytes

TERM = "2024-2025-2"
ROSTER = [["姓名", "教研组", "学期"], ["秦妍", "语文组", TERM], ["沈家岚", "数学组", TERM], ["段俊玲", "英语组", TERM]]
DONE = [("QJ2023-015", "初中语文大单元教学实践研究", "秦妍", "2025.06"),
        ("QJ2023-027", "初中数学作业设计研究", "沈家岚", "2025年6月"),
        ("QJ2023-031", "英语分级阅读校本化实施研究", "段俊玲", "2025-06-20")]


def _layouts():
    titled = [["2025年上半年区级教育科研课题结题鉴定结果"], ["序号", "课题编号", "课题名称", "主持人", "所在单位", "结题时间", "鉴定等级"]]
    titled += [[n, code, title, leader, "明远中学", when, "优秀"] for n, (code, title, leader, when) in enumerate(DONE, 1)]
    plain = [["课题名称", "负责人", "级别", "结项时间"]] + [[title, leader, "区级", when] for _, title, leader, when in DONE]
    sheet = [["课题编号", "课题名称", "课题负责人", "课题级别", "验收时间"]] + [[code, title, leader, "区级", when]
                                                                         for code, title, leader, when in DONE]
    return [("区级课题结题鉴定结果2025.xlsx", xlsx_bytes(titled), {}), ("结题名单.csv", csv_bytes(plain), {}),
            ("课题验收.xls", xls_bytes(sheet), {"term": TERM})]


@pytest.mark.parametrize("name,data,options", _layouts(), ids=["鉴定结果 title", "结项 csv", "验收 xls with a term"])
def test_concluded_projects_without_approval_dates_count_as_concluded_only(name, data, options, tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    result = load_file(data, name, kind="projects", **options)
    assert result.kind == "projects" and result.rows == 3, [p.message for p in result.problems]
    assert all(value is None or value != value for value in result.frame["approved_date"])  # unknown, not made up
    said = [p for p in result.problems if "立项学期不明" in p.message]
    assert len(said) == 3 and {p.row for p in said} == {row for row in result.frame["source_row"]}
    store.import_result(result)
    projects = metrics.figures(store.dataset(), TERM)["projects"]
    assert (projects["concluded"], projects["new"], projects["in_progress"]) == (3, 0, 0)

    # the pages that show projects draw them (approval unknown) for the 教科室
    import os
    os.environ["DASHBOARD_DB"] = url
    try:
        for page in ("pages/projects.py", "pages/teacher.py", "pages/report.py"):
            at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "教科室")
            at.run()
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
    finally:
        del os.environ["DASHBOARD_DB"]
