"""个人任务: item lists and count tables from layouts the project has not seen, the targets, the hooks."""

from __future__ import annotations

import pytest

from dashboard import metrics, tasks
from dashboard.accounts import Scope
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset
from dashboard.store import Store
from dashboard.task_rules import TaskRulesError, load_task_rules

from .conftest import xlsx_bytes

#: born so that on 2024-09-01 张国华 is 49, 李晓雪 26, 王月 25, 陈志强 53, 刘佳 26; 赵敏 has no birth date
ROSTER = [["姓名", "教研组", "出生年月"],
          ["张国华", "语文组", "1975.03"], ["李晓雪", "语文组", "1998.05"], ["王  月", "语文组", "1999.01"],
          ["陈志强", "数学组", "1970.09"], ["刘佳", "数学组", "1997.11"], ["赵敏", "数学组", None]]
TERM = "2024-2025-1"


def _store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 't.db'}")


def _import(store: Store, data: bytes, name: str, **options):
    result = load_file(data, name, **options)
    store.import_result(result)
    return result


def _with_roster(store: Store, terms=(TERM,)) -> None:
    for term in terms:
        _import(store, xlsx_bytes(ROSTER), f"名册{term}.xlsx", kind="roster", term=term)


def _by_teacher(ds, term=TERM, rules=None):
    teachers = tasks.task_status(ds, term, rules).teachers
    return {(row.name_key, row.category): (row.count, None if row.target is None or row.target != row.target else int(row.target))
            for row in teachers.itertuples()}


# ------------------------------------------------------------------ layouts

def test_count_table_per_group_sheet_term_in_title_total_row_and_blanks(tmp_path):
    """姓名 | 读书笔记 | 教学反思 | … per 教研组 sheet; 合计 column and row; a blank cell states nothing."""
    sheet = lambda rows: [["2024学年第一学期教师个人任务完成情况统计"], ["序号", "姓 名", "读书笔记", "教学反思", "教育随笔", "博文", "合计"],
                          *rows, ["合计", None, 9, 9, 9, 9, 36]]
    data = xlsx_bytes({"语文组": sheet([[1, "张国华", 2, 4, 1, None, 7], [2, "李晓雪", 1, "5篇", 0, 15, 20]]),
                       "数学组": sheet([[1, "陈志强", 3, 4, 0, 0, 7]])})
    result = load_file(data, "个人任务统计.xlsx")
    assert result.kind == "tasks" and result.term == TERM
    got = {(r.name_key, r.category): r.count for r in result.frame.itertuples()}
    assert got[("李晓雪", "教学反思")] == 5 and got[("李晓雪", "博文")] == 15
    assert ("张国华", "博文") not in got  # blank: not stated, no record
    assert any("博文未填写" in p.message for p in result.problems)
    assert [p.row for p in result.problems if "合计写的是" in p.message] == [4]  # 李晓雪: 1 + 5 + 0 + 15 ≠ 20
    store = _store(tmp_path)
    _with_roster(store)
    store.import_result(result)
    by_category = metrics.figures(store.dataset(), TERM)["tasks"]["by_category"]
    assert by_category["读书笔记"] == {"total": 6, "met": 2, "target_teachers": 6}
    assert by_category["教学反思"] == {"total": 13, "met": 3, "target_teachers": 6}
    # 博文: 40周岁以下 3 篇/月 × 5 个月 = 15: 李晓雪 (15) met, 王月 and 刘佳 behind; 赵敏 (no birth date) no target
    assert by_category["博文"] == {"total": 15, "met": 1, "target_teachers": 3}


def test_form_export_without_a_date_column_takes_the_submission_time(tmp_path):
    """A form tool's export (序号, 提交时间, 所用时间, IP …): one item per row, type words as written."""
    data = xlsx_bytes([["序号", "提交时间", "所用时间", "来自IP", "1、您的姓名", "2、任务类型", "3、文章标题", "4、字数"],
                       [1, "2024/10/9 10:00:00", "35秒", "1.2.3.4", "王月老师", "读书心得", "读《教学勇气》", 1800],
                       [2, "2024/12/1 21:10:05", "20秒", "1.2.3.5", "王月", "教育博客", "冬日", "900字"],
                       [3, "2025/3/2 9:00:00", "20秒", "1.2.3.5", "刘佳", "周记", "三月", 700]])
    result = load_file(data, "问卷导出.xlsx", kind="tasks")
    frame = result.frame
    assert frame[["name_key", "category", "term", "words"]].values.tolist() == [
        ["王月", "读书笔记", TERM, 1800], ["王月", "博文", TERM, 900], ["刘佳", "其他", "2024-2025-2", 700]]
    assert str(frame["date"].iloc[0]) == "2024-10-09"
    assert any("提交时间" in p.message for p in result.problems)
    assert any("周记" in p.message and "其他" in p.message for p in result.problems)


def test_sheet_per_category_without_category_column_and_two_names_in_a_cell():
    """One sheet per category (no 类别 column); a 微课 made by two teachers names both in one cell."""
    data = xlsx_bytes({"读书笔记": [["2025春教师个人任务登记"], ["序号", "姓名", "日期", "题目"], [1, "李晓雪", "2025.3.12", "读书一"],
                                ["合计：1篇", None, None, None]],
                       "微课": [["序号", "姓名", "日期", "题目"], [1, "刘佳、赵敏", "2025-04-01", "函数图像"]]})
    frame = load_file(data, "个人任务登记.xlsx").frame
    assert frame[["name_key", "category", "term"]].values.tolist() == [
        ["李晓雪", "读书笔记", "2024-2025-2"], ["刘佳", "微课", "2024-2025-2"], ["赵敏", "微课", "2024-2025-2"]]


def test_one_sheet_per_month_adds_up_to_the_term(tmp_path):
    months = {f"{m}月": [["2024学年第二学期个人任务月报"], ["教研组", "教师姓名", "读书心得", "博客"], ["数学组", "刘佳", 1, 3]]
              for m in (3, 4, 5)}
    store = _store(tmp_path)
    _with_roster(store, ("2024-2025-2",))
    _import(store, xlsx_bytes(months), "月报.xlsx")
    got = _by_teacher(store.dataset(), "2024-2025-2")
    assert got[("刘佳", "读书笔记")] == (3, 2) and got[("刘佳", "博文")] == (9, 15)


def test_no_term_anywhere_is_reported_not_guessed():
    result = load_file(xlsx_bytes([["姓名", "读书笔记", "教学反思"], ["刘佳", 1, 2]]), "任务统计.xlsx", kind="tasks")
    assert result.rows == 0 and "学期" in result.errors[0].message


# -------------------------------------------------------------------- rules

RULES = """
[months]
first = 4
second = 6

[[rule]]
label = "40周岁以下"
category = "博文"
age_below = 40
count = 3
per = "月"

[[rule]]
label = "其他教师"
category = "博文"
count = 1
per = "月"

[[rule]]
label = "全体"
category = "读书笔记"
count = 2
"""


def test_monthly_target_is_per_month_times_the_months_of_the_term(tmp_path, monkeypatch):
    path = tmp_path / "task_rules.toml"
    path.write_text(RULES, encoding="utf-8")
    rules = load_task_rules(path)
    store = _store(tmp_path)
    _with_roster(store, (TERM, "2024-2025-2"))
    ds = store.dataset()
    first, second = _by_teacher(ds, TERM, rules), _by_teacher(ds, "2024-2025-2", rules)
    assert first[("李晓雪", "博文")] == (0, 12) and second[("李晓雪", "博文")] == (0, 18)  # 3 × 4, 3 × 6
    assert first[("张国华", "博文")] == (0, 4)  # 49: the first rule does not match, the second does
    assert first[("赵敏", "博文")] == (0, 4)  # no birth date: not under 40, matched by the rule without conditions
    assert ("张国华", "教学反思") not in first  # no rule for it: no target
    monkeypatch.setenv("DASHBOARD_TASK_RULES", str(path))
    assert metrics.figures(ds, TERM)["tasks"]["by_category"]["博文"]["target_teachers"] == 6


@pytest.mark.parametrize("text,said", [
    ("[[rule]]\ncategory = \"博文\"\ncount = ", "格式有误"),
    ("[[rule]]\ncategory = \"日记\"\ncount = 1", "category"),
    ("[[rule]]\ncategory = \"博文\"\ncount = 1\nper = \"周\"", "per"),
    ("[[rule]]\ncategory = \"博文\"\ncount = -2", "count"),
    ("[[rule]]\ncategory = \"博文\"", "缺少 count"),
])
def test_a_broken_rule_file_gives_a_chinese_error(tmp_path, text, said):
    path = tmp_path / "task_rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaskRulesError) as raised:
        load_task_rules(path)
    assert said in str(raised.value)


def test_items_win_over_a_count_table_of_the_same_teacher_and_category(tmp_path):
    store = _store(tmp_path)
    _with_roster(store)
    _import(store, xlsx_bytes([["2024学年第一学期个人任务统计"], ["姓名", "读书笔记", "教学反思"], ["刘佳", 5, 4]]), "统计.xlsx")
    _import(store, xlsx_bytes([["姓名", "类别", "日期", "题目"], ["刘佳", "读书笔记", "2024-10-01", "一"],
                               ["刘佳", "读书笔记", "2024-11-01", "二"]]), "读书笔记登记.xlsx")
    got = _by_teacher(store.dataset())
    assert got[("刘佳", "读书笔记")] == (2, 2) and got[("刘佳", "教学反思")] == (4, 4)


def test_behind_sorted_by_shortfall_then_name_then_category(tmp_path):
    store = _store(tmp_path)
    _with_roster(store)
    _import(store, xlsx_bytes([["2024学年第一学期个人任务统计"], ["姓名", "读书笔记", "教学反思", "博文"],
                               ["张国华", 2, 4, 0], ["李晓雪", 0, 4, 13], ["王月", 2, 4, 15], ["陈志强", 2, 1, 0],
                               ["刘佳", 2, 4, 14], ["赵敏", 2, 4, 0]]), "统计.xlsx")
    behind = metrics.figures(store.dataset(), TERM)["tasks"]["behind"]
    assert [(b["name"], b["category"], b["target"] - b["count"]) for b in behind] == [
        ("陈志强", "教学反思", 3), ("李晓雪", "读书笔记", 2), ("李晓雪", "博文", 2), ("刘佳", "博文", 1)]
    assert metrics.figures(store.dataset(), TERM, "数学组")["tasks"]["behind"] == [b for b in behind if b["group"] == "数学组"]


# -------------------------------------------------------------------- hooks

@pytest.fixture
def handed_in(tmp_path):
    store = _store(tmp_path)
    _with_roster(store)
    _import(store, xlsx_bytes([["2024学年第一学期个人任务统计"], ["姓名", "读书笔记", "教学反思", "博文"],
                               ["张国华", 2, 4, 0], ["李晓雪", 1, 4, 15], ["王月", 2, 4, 15], ["陈志强", 2, 4, 0],
                               ["刘佳", 2, 4, 15], ["赵敏", 2, 2, 0]]), "统计.xlsx")
    return store.dataset()


def test_hooks_report_overview_reminder_profile(handed_in):
    figures = metrics.figures(handed_in, TERM)
    assert [(c.label, c.value) for c in tasks.overview_hook(figures)] == [("个人任务", "78 篇"), ("个人任务未达要求", "2 人")]
    sections = tasks.report_hook(handed_in, TERM, None, figures, None)
    assert sections[0].text == "本学期教师提交读书笔记11篇、教学反思22篇、博文45篇，2人未达要求。"
    assert sections[0].table.set_index("类别").loc["博文"].tolist() == [45, 3, 3, 0]
    assert sections[1].table[["姓名", "类别", "还差"]].values.tolist() == [["赵敏", "教学反思", 2], ["李晓雪", "读书笔记", 1]]
    assert tasks.reminder_hook(handed_in, TERM, "语文组").values.tolist() == [["李晓雪", "个人任务·读书笔记", 2, 1, 1]]
    profile = tasks.profile_hook(handed_in, "李晓雪")[0]
    assert profile.table.values.tolist() == [["2024-2025学年第一学期", 1, 4, 15]]


def test_group_leader_sees_only_their_groups_rows(handed_in):
    scoped = scope_dataset(handed_in, Scope(None, "语文组", None))
    assert set(scoped.tasks["name_key"]) == {"张国华", "李晓雪", "王月"}
    assert metrics.figures(scoped, TERM, "语文组")["tasks"] == metrics.figures(handed_in, TERM, "语文组")["tasks"]


def test_a_broken_rule_file_is_a_chinese_message_on_the_command_line(tmp_path, monkeypatch, capsys):
    from dashboard.cli import main

    store = _store(tmp_path)
    _with_roster(store)
    path = tmp_path / "task_rules.toml"
    path.write_text("[[rule]]\ncategory = \"日记\"\ncount = 1\n", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_TASK_RULES", str(path))
    assert main(["figures", "--db", f"sqlite:///{tmp_path / 't.db'}", "--term", TERM]) == 1
    said = capsys.readouterr().err
    assert "无法计算" in said and "第 1 条规则" in said and "Traceback" not in said


def test_a_broken_rule_file_is_a_chinese_message_on_the_page(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.accounts import User

    from .conftest import ROOT

    store = _store(tmp_path)
    _with_roster(store)
    _import(store, xlsx_bytes([["2024学年第一学期个人任务统计"], ["姓名", "读书笔记"], ["刘佳", 1]]), "统计.xlsx")
    path = tmp_path / "task_rules.toml"
    path.write_text("[[rule]]\ncategory = \"博文\"\ncount = \"三\"\n", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_TASK_RULES", str(path))
    monkeypatch.setenv("DASHBOARD_DB", f"sqlite:///{tmp_path / 't.db'}")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["user"] = User("教科室", "教科室")
    at.run()
    at.switch_page("pages/tasks.py").run()
    assert not at.exception
    assert any("task_rules.toml" in e.value and "count" in e.value for e in at.error), [e.value for e in at.error]
