"""The data-quality tables for a term, the name corrections, and the 数据质量 page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import metrics, quality
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, xlsx_bytes, sign_in

T1, T2 = "2024-2025-1", "2024-2025-2"

FILES = {
    "教师名册.xlsx": xlsx_bytes([
        ["姓名", "教研组", "出生年月", "学期"],
        ["张三", "语文组", "1990-01", T1],
        ["李四", "数学组", "", T1],
        ["王莉(大)", "语文组", "1980-02", T1],
        ["王莉(小)", "英语组", "1985-02", T1],
    ]),
    "2024学年第一学期听课记录.xlsx": xlsx_bytes([
        ["2024学年第一学期听课记录"],
        ["日期", "听课人", "授课教师", "班级", "节次"],
        ["2024-10-08", "张三", "李四", "高一(1)班", "第1节"],
        ["2024-10-08", "张三", "李四", "高一(1)班", "第1节"],
        ["2024-10-09", "李四", "张三", "高一(2)班", "第2节"],
        ["2024-10-10", "王莉", "张三", "高一(3)班", "第3节"],
        ["2024-10-11", "外人", "张三", "高一(3)班", "第4节"],
        ["十月某日", "李四", "张三", "高一(4)班", "第5节"],
        ["合计", "", "", "", ""],
    ]),
    "2024学年第一学期听课统计.xlsx": xlsx_bytes([
        ["2024学年第一学期听课统计"],
        ["姓名", "听课节数"],
        ["张三", 5],
        ["李四", 1],
    ]),
    "论文.csv": csv_bytes([
        ["论文题目", "作者", "获奖等级", "获奖时间"],
        ["一篇本校的论文题目", "张三", "市级一等奖", "2024-11-01"],
        ["一篇外校的论文题目", "外校甲", "区县级二等奖", "2024-11-02"],
    ]),
    "课题.xlsx": xlsx_bytes([
        ["课题名称", "负责人", "课题级别", "课题状态", "立项时间"],
        ["外校负责的一个课题", "外校乙", "市级", "立项", dt.date(2024, 10, 1)],
    ]),
    "2025春听课记录.xlsx": xlsx_bytes([
        ["日期", "听课人", "授课教师", "班级", "节次"],
        ["2025-03-03", "张三", "李四", "高一(1)班", "第1节"],
        ["2025-03-04", "路人", "李四", "高一(1)班", "第2节"],
    ]),
}


@pytest.fixture
def filled(tmp_path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'quality.db'}")
    for name, data in FILES.items():
        store.import_result(load_file(data, name))
    return store


def sections(store: Store, term: str, **options) -> dict[str, quality.Section]:
    found = quality.quality_sections(store.dataset(), store.problems(), store.history(), term, **options)
    return {section.key: section for section in found}


def test_every_concern_of_the_term_with_its_fix(filled):
    found = sections(filled, T1)
    assert list(found) == ["unmatched", "differences", "duplicates", "rejected", "roster_gaps"]
    for section in found.values():
        assert section.fix and section.title and section.all_clear

    unmatched = found["unmatched"].table
    assert list(unmatched.columns) == ["姓名", "出现在", "原因", "学期", "文件", "工作表", "行"]
    where = dict(zip(unmatched["姓名"], zip(unmatched["出现在"], unmatched["原因"])))
    assert where == {
        "王莉": ("听课记录（听课人）", "名册中有多位同名教师，无法确定是谁"),
        "外人": ("听课记录（听课人）", "不在本学期适用的名册中"),
        "外校甲": ("论文（作者）", "不在本学期适用的名册中"),
        "外校乙": ("课题（负责人）", "不在本学期适用的名册中"),
    }
    row = unmatched[unmatched["姓名"] == "外人"].iloc[0]
    assert (row["文件"], row["行"]) == ("2024学年第一学期听课记录.xlsx", 7)

    differences = found["differences"].table
    assert differences.to_dict("records") == [{"教师": "张三", "教研组": "语文组", "明细节数（计入）": 1, "汇总表节数": 5}]

    duplicates = found["duplicates"].table
    assert len(duplicates) == 1 and duplicates.iloc[0]["行"] == 4 and duplicates.iloc[0]["听课人"] == "张三"

    rejected = found["rejected"].table
    assert list(rejected["处理"]) == ["未导入", "已跳过"]
    assert rejected.iloc[0]["行"] == 8 and "十月某日" in rejected.iloc[0]["原因"]

    gaps = found["roster_gaps"].table
    assert list(gaps["姓名"]) == ["李四"] and gaps.iloc[0]["现按要求"].endswith("10节")


def test_tables_follow_the_term_filter(filled):
    found = sections(filled, T2)
    assert set(found["unmatched"].table["姓名"]) == {"路人", "外校乙"}
    assert found["differences"].table.empty and found["duplicates"].table.empty
    assert found["rejected"].table.empty  # the 十月某日 row belongs to the first term's file
    assert list(found["roster_gaps"].table["姓名"]) == ["李四"]  # the first term's roster still applies


def test_saved_corrections_resolve_names(filled):
    before = metrics.observation_counts(filled.dataset(), T1).teachers.set_index("name_key")["count"]
    messages = quality.save_aliases(filled, {"王莉": "王莉(大)", "外人": quality.NOT_OURS, "外校甲": None})
    assert messages == ["“王莉”已对应到名册教师“王莉(大)”，已导入和以后导入的数据都按此计入。",
                        "“外人”已标记为不是本校教师，不再计入。"]
    after = metrics.observation_counts(filled.dataset(), T1).teachers.set_index("name_key")["count"]
    assert after["王莉(大)"] == before["王莉(大)"] + 1
    assert set(sections(filled, T1)["unmatched"].table["姓名"]) == {"外校甲", "外校乙"}
    shown = sections(filled, T1, include_not_ours=True)["unmatched"].table
    assert shown.loc[shown["姓名"] == "外人", "原因"].tolist() == ["已标记为非本校教师"]
    table = quality.aliases_table(filled.alias_list())
    assert table[["姓名", "对应教师"]].values.tolist() == [["外人", "不是本校教师"], ["王莉", "王莉(大)"]]
    assert filled.delete_alias("外人") and not filled.delete_alias("外人")
    assert "外人" in set(sections(filled, T1)["unmatched"].table["姓名"])


def test_unresolved_names_over_all_terms(filled):
    names = quality.unresolved_names(filled.dataset())
    assert list(names.columns) == ["姓名", "次数", "出现在", "原因", "例如"]
    assert names.iloc[0]["姓名"] == "外校乙" and names.iloc[0]["次数"] == 2  # listed for both terms
    assert set(names["姓名"]) == {"王莉", "外人", "外校甲", "外校乙", "路人"}
    filled.set_alias("路人", None)
    assert "路人" not in set(quality.unresolved_names(filled.dataset())["姓名"])


def test_teacher_options_and_names_of_a_file_before_import(filled):
    ds = filled.dataset()
    teachers = quality.roster_teachers(ds)
    assert quality.teacher_options(teachers, "王莉")[:2] == ["王莉(大)", "王莉(小)"]
    assert quality.teacher_labels(teachers)["李四"] == "李四（数学组）"
    log = xlsx_bytes([["日期", "听课人", "授课教师"], ["2025-03-05", "张三", "李四"], ["2025-03-06", "新人", "李四"],
                      ["2025-03-07", "王莉", "李四"]])
    assert quality.file_unmatched_names(load_file(log, "听课.xlsx"), ds) == ["新人", "王莉"]
    assert quality.file_unmatched_names(load_file(FILES["教师名册.xlsx"], "名册.xlsx"), ds) == []


def test_empty_store_has_nothing_to_report(store):
    ds = store.dataset()
    found = quality.quality_sections(ds, store.problems(), store.history(), T1)
    assert all(section.table.empty for section in found)
    assert quality.unresolved_names(ds).empty


@pytest.fixture
def page(filled, monkeypatch) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", str(filled.engine.url))
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
    at.run()
    at.switch_page("pages/quality.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_quality_page_shows_each_concern_for_the_chosen_term(page):
    headers = [header.value for header in page.header]
    assert headers == ["未匹配的姓名（2）", "听课明细与汇总表不一致（0）", "重复的听课记录（只计一次）（0）",
                       "未导入或跳过的行（0）", "名册缺出生年月（1）"]  # latest term first: 2024-2025-2
    assert any(text.value.startswith("**如何处理**：") for text in page.markdown)
    term_box = next(box for box in page.selectbox if box.label == "学期")
    term_box.set_value(T1).run()
    assert not page.exception
    headers = [header.value for header in page.header]
    assert headers == ["未匹配的姓名（4）", "听课明细与汇总表不一致（1）", "重复的听课记录（只计一次）（1）",
                       "未导入或跳过的行（2）", "名册缺出生年月（1）"]


def test_quality_page_without_data_points_to_the_import_page(store, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", store.engine.url.render_as_string(hide_password=False))
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
    at.run()
    at.switch_page("pages/quality.py").run()
    assert not at.exception
    assert any("还没有任何数据" in info.value for info in at.info)
