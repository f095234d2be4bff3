"""师徒结对: pairs read from layouts the project has not seen, the rules of the figures, the hooks, the scope."""

from __future__ import annotations

import pytest

from dashboard import mentoring, metrics
from dashboard.accounts import Scope
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset
from dashboard.store import Store

from .conftest import xlsx_bytes

ROSTER = [["姓名", "教研组", "出生年月"],
          ["张国华", "语文组", "1975.03"], ["李晓雪", "语文组", "1998.05"], ["王  月", "语文组", "1999.01"],
          ["陈志强", "数学组", "1970.09"], ["刘佳", "数学组", "1997.11"], ["赵敏", "数学组", "1996.02"]]


def _store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'm.db'}")


def _import(store: Store, data: bytes, name: str, **options):
    result = load_file(data, name, **options)
    store.import_result(result)
    return result


def _school(store: Store, log_rows=(), terms=("2024-2025-1",)):
    """A roster for each term, and a 听课 log (日期, 听课人, 授课教师, 节数)."""
    for term in terms:
        _import(store, xlsx_bytes(ROSTER), f"名册{term}.xlsx", kind="roster", term=term)
    if log_rows:
        _import(store, xlsx_bytes([["日期", "听课人", "授课教师", "节数"], *log_rows]), "听课记录.xlsx")


# ------------------------------------------------------------------ layouts

def test_sheet_per_group_title_year_several_mentees_and_total_row(tmp_path):
    """One sheet per 教研组, the 学年 only in the title, two 徒弟 in one cell, a 合计 row."""
    data = xlsx_bytes({"语文组": [["明远中学2024学年“青蓝工程”师徒结对名单"], ["序号", "师  傅", "徒  弟", "结对内容"],
                                [1, "张国华", "李晓雪、王  月", "课堂教学"], ["合计：2对", None, None, None]],
                       "数学组": [["明远中学2024学年“青蓝工程”师徒结对名单"], ["序号", "师  傅", "徒  弟", "结对内容"],
                                [1, "陈志强老师", "刘佳", "作业设计"], ["合计：1对", None, None, None]]})
    result = load_file(data, "青蓝工程.xlsx")
    assert result.kind == "mentoring"
    assert sorted(zip(result.frame["mentor_key"], result.frame["mentee_key"])) == [
        ("张国华", "李晓雪"), ("张国华", "王月"), ("陈志强", "刘佳")]
    assert set(result.frame["start_term"]) == {"2024-2025-1"} and set(result.frame["end_term"]) == {"2024-2025-2"}
    assert any("2 位徒弟" in p.message for p in result.problems)
    assert any("合计" in p.message and p.severity == "skipped" for p in result.problems)


def test_pair_in_one_cell_with_term_span(tmp_path):
    """“师傅：… 徒弟：…” in one cell; 起止学期 as two terms; 结对时间 as months."""
    data = xlsx_bytes([["序号", "结对教师", "起止学期"],
                       [1, "师傅：张国华  徒弟：李晓雪", "2024-2025-1至2024-2025-2"],
                       [2, "师傅:陈志强，徒弟:刘佳、赵敏", "2025.2-2025.7"]])
    frame = load_file(data, "结对.xlsx").frame
    got = sorted(zip(frame["mentor_key"], frame["mentee_key"], frame["start_term"], frame["end_term"]))
    assert got == [("张国华", "李晓雪", "2024-2025-1", "2024-2025-2"),
                   ("陈志强", "刘佳", "2024-2025-2", "2024-2025-2"), ("陈志强", "赵敏", "2024-2025-2", "2024-2025-2")]


def test_form_export_with_metadata_columns(tmp_path):
    """A form tool's export: 提交时间, 所用时间, IP … ignored; 指导教师 / 被指导教师 / 结对学年."""
    data = xlsx_bytes([["序号", "提交答卷时间", "所用时间", "来自IP", "1、指导教师", "2、被指导教师", "3、结对学年", "4、帮扶内容"],
                       [1, "2024/9/10 10:00:00", "35秒", "1.2.3.4", "张国华", "王月", "2024-2025", "班级管理"],
                       [2, "2024/9/11 11:00:00", "20秒", "1.2.3.5", "陈志强", "", "2024-2025", ""]])
    result = load_file(data, "问卷导出.xlsx", kind="mentoring")
    assert list(zip(result.frame["mentor_key"], result.frame["mentee_key"])) == [("张国华", "王月")]
    assert result.frame["content"].tolist() == ["班级管理"]
    rejected = [p for p in result.errors if p.row == 3]
    assert rejected and "徒弟为空" in rejected[0].message


def test_row_without_any_period_is_reported_not_guessed():
    data = xlsx_bytes([["师傅", "徒弟"], ["张国华", "李晓雪"]])
    result = load_file(data, "结对名单.xlsx", kind="mentoring")
    assert result.rows == 0
    assert "学年" in result.errors[0].message


# -------------------------------------------------------------------- rules

def test_pair_listed_for_a_school_year_applies_to_both_terms(tmp_path):
    store = _store(tmp_path)
    _school(store, terms=("2024-2025-1", "2024-2025-2", "2025-2026-1"))
    _import(store, xlsx_bytes([["学年", "师傅", "徒弟"], ["2024学年", "张国华", "李晓雪"]]), "师徒结对.xlsx")
    ds = store.dataset()
    assert [metrics.figures(ds, term)["mentoring"]["pairs"] for term in ("2024-2025-1", "2024-2025-2", "2025-2026-1")] \
        == [1, 1, 0]


def test_flagged_pairs_count_observations_both_ways(store):
    """Flagged = either observation count in T is zero; counts are Σ 节数 of T's log rows (blank = 1)."""
    _school(store, log_rows=[["2024-10-08", "李晓雪", "张国华", 2], ["2024-10-09", "李晓雪", "张国华", None],
                             ["2024-11-02", "张国华", "李晓雪", 1],
                             ["2024-10-10", "王月", "张国华", 1],
                             ["2025-03-10", "刘佳", "陈志强", 1]])
    _import(store, xlsx_bytes([["师傅", "徒弟", "学年"], ["张国华", "李晓雪、王月", "2024-2025"],
                               ["陈志强", "刘佳、赵敏", "2024-2025"]]), "师徒结对名单.xlsx")
    got = metrics.figures(store.dataset(), "2024-2025-1")["mentoring"]
    assert got == {"pairs": 4, "flagged": [
        {"mentor": "陈志强", "mentee": "刘佳", "mentee_observed_mentor": 0, "mentor_observed_mentee": 0},
        {"mentor": "陈志强", "mentee": "赵敏", "mentee_observed_mentor": 0, "mentor_observed_mentee": 0},
        {"mentor": "张国华", "mentee": "王月", "mentee_observed_mentor": 1, "mentor_observed_mentee": 0}]}
    table = mentoring.pair_table(store.dataset(), "2024-2025-1")
    row = table[table["mentee"] == "李晓雪"].iloc[0]
    assert (row["mentee_observed_mentor"], row["mentor_observed_mentee"], bool(row["flagged"])) == (3, 1, False)
    assert metrics.figures(store.dataset(), "2024-2025-1", "数学组")["mentoring"]["pairs"] == 2


def test_mentees_awards_and_pairs_outside_the_roster(tmp_path):
    store = _store(tmp_path)
    _school(store)
    _import(store, xlsx_bytes([["论文题目", "作者", "获奖等级", "获奖时间"], ["作业设计初探", "刘佳", "市级一等奖", "2024-11-01"]]),
            "论文获奖.xlsx")
    _import(store, xlsx_bytes([["师傅", "徒弟", "学年"], ["陈志强", "刘佳", "2024学年"], ["外校甲", "外校乙", "2024学年"]]),
            "师徒结对.xlsx")
    ds = store.dataset()
    table = mentoring.pair_table(ds, "2024-2025-1")
    assert table[["mentor", "mentee", "mentee_awards", "mentee_open_lessons"]].values.tolist() == [["陈志强", "刘佳", 1, 0]]
    assert mentoring.unmatched_pairs(ds, "2024-2025-1")["mentee_key"].tolist() == ["外校乙"]


# -------------------------------------------------------------------- hooks

@pytest.fixture
def paired(tmp_path):
    store = _store(tmp_path)
    _school(store, log_rows=[["2024-10-08", "李晓雪", "张国华", 1]])
    _import(store, xlsx_bytes([["师傅", "徒弟", "学年"], ["张国华", "李晓雪、王月", "2024-2025"], ["陈志强", "刘佳", "2024-2025"]]),
            "师徒结对.xlsx")
    return store.dataset()


def test_hooks_report_overview_reminder(paired):
    term = "2024-2025-1"
    figures = metrics.figures(paired, term)
    cards = mentoring.overview_hook(figures)
    assert [(c.label, c.value) for c in cards] == [("师徒结对", "3 对"), ("结对未互相听课", "3 对")]
    section = mentoring.report_hook(paired, term, None, figures, None)[0]
    assert section.text == "本学期师徒结对3对，其中3对本学期未互相听课（至少一方没有听对方的课）。"
    assert len(section.table) == 3 and "徒弟听师傅课（节）" in section.table.columns
    reminder = mentoring.reminder_hook(paired, term, "语文组")
    assert reminder.values.tolist() == [["王月", "师徒结对·听师傅张国华的课", 1, 0, 1],
                                        ["张国华", "师徒结对·听徒弟王月的课", 1, 0, 1],
                                        ["张国华", "师徒结对·听徒弟李晓雪的课", 1, 0, 1]]


def test_profile_names_the_mentor_and_the_mentees(paired):
    mentee = mentoring.profile_hook(paired, "李晓雪")[0]
    assert mentee.text == "师傅：张国华。"
    mentor = mentoring.profile_hook(paired, "张国华")[0]
    assert mentor.text == "徒弟：李晓雪、王月。"
    assert mentoring.profile_hook(paired, "赵敏")[0].text == "没有师徒结对记录。"


def test_group_leader_sees_only_their_groups_pairs(paired):
    scoped = scope_dataset(paired, Scope(None, "数学组", None))
    assert scoped.mentoring[["mentor_key", "mentee_key"]].values.tolist() == [["陈志强", "刘佳"]]
    assert metrics.figures(scoped, "2024-2025-1", "数学组")["mentoring"]["pairs"] == 1


# -------------------------------------------------------------------- pages

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    import io

    from dashboard.cli import demo_files, import_files

    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'demo.db'}"
    store = Store(url)
    assert import_files(store, demo_files(), out=io.StringIO()) == 0
    return url, store.dataset()


def _page(url, monkeypatch, file, user):
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    monkeypatch.setenv("DASHBOARD_DB", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["user"] = user
    at.run()
    at.switch_page(f"pages/{file}").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("file", ["mentoring.py", "tasks.py"])
def test_pages_for_a_principal_and_a_group_leader(demo, monkeypatch, file):
    """校长 sees every group's rows; a 教研组长 only their group's, in every table (and so every download)."""
    from dashboard.accounts import User

    url, ds = demo
    term = "2024-2025-2"
    roster = metrics.roster_for(ds, term)
    ours = set(roster.loc[roster["group"] == "语文组", "name_key"])
    others = set(roster["name_key"]) - ours
    at = _page(url, monkeypatch, file, User("校长", "校长"))
    tables = " ".join(frame.value.to_string() for frame in at.dataframe)
    assert any(name in tables for name in others) and any(name in tables for name in ours)
    at = _page(url, monkeypatch, file, User("语文组长", "教研组长", group="语文组"))
    next(box for box in at.selectbox if box.label == "学期").set_value(term).run()
    for key in ("mentoring_other_open", "tasks_records_open"):
        at.session_state[key] = True
    at.run()
    assert not at.exception
    tables = [frame.value for frame in at.dataframe]
    shown = " ".join(frame.to_string() for frame in tables) + " ".join(str(m.value) for m in at.markdown)
    assert [name for name in others if name in shown] == []
    assert any(name in shown for name in ours)
    if file == "mentoring.py":
        expected = metrics.figures(ds, term, "语文组")["mentoring"]
        assert next(m.value for m in at.metric if m.label == "本学期结对") == f"{expected['pairs']} 对"
    else:
        expected = metrics.figures(ds, term, "语文组")["tasks"]
        behind = next(t for t in tables if "还差" in t.columns and "适用要求" in t.columns)
        assert behind["姓名"].tolist() == [row["name"] for row in expected["behind"]]


def _start_date_layouts():
    """Pairs whose 结对时间 is the date they began, three ways: under a title naming the 学年, in a CSV
    named for the 学年, and with no 学年 anywhere (then one term only, and said)."""
    from .conftest import csv_bytes

    pairs = [("张三", "李四", "2024.9"), ("王五", "赵六", "2024年9月")]
    titled = [["明远中学“青蓝工程”师徒结对名单（2024学年）"], ["序号", "指导教师", "青年教师", "任教学科", "结对时间", "备注"]]
    titled += [[n, mentor, mentee, "语文", when, ""] for n, (mentor, mentee, when) in enumerate(pairs, start=1)]
    plain = [["师傅", "徒弟", "结对时间"]] + [list(pair) for pair in pairs]
    return [("结对名单.xlsx", xlsx_bytes(titled), ("2024-2025-1", "2024-2025-2"), "计到 2024-2025-2"),
            ("2024-2025学年师徒结对.csv", csv_bytes(plain), ("2024-2025-1", "2024-2025-2"), "计到 2024-2025-2"),
            ("师徒结对.xlsx", xlsx_bytes(plain), ("2024-2025-1", "2024-2025-1"), "只计 2024-2025-1 一个学期")]


@pytest.mark.parametrize("name,data,span,said", _start_date_layouts(), ids=["title 学年", "file 学年", "no 学年"])
def test_a_start_date_runs_to_the_end_of_the_stated_school_year(name, data, span, said):
    result = load_file(data, name, kind="mentoring")
    assert result.kind == "mentoring", [p.message for p in result.problems]
    assert list(zip(result.frame["start_term"], result.frame["end_term"])) == [span, span]
    notes = [p for p in result.problems if "结对时间" in p.message]
    assert len(notes) == 2 and all(said in p.message for p in notes), [p.message for p in result.problems]
