"""培训学时: files a school might send, read into trainings, and the figures of the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics, training
from dashboard.accounts import Scope
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset
from dashboard.store import Store

from .conftest import csv_bytes, xlsx_bytes

ROSTER = [["2024-2025学年第一学期教师名册"],
          ["姓名", "教研组", "职务", "职称", "出生年月", "参加工作时间"],
          ["张三", "语文组", "教师", "一级教师", "1990.01", "2012.08"],
          ["李四", "语文组", "", "二级教师", "1998.05", "2022.08"],
          ["王五", "数学组", "教研组长", "高级教师", "1975.03", "1996.08"],
          ["赵六", "数学组", "", "", "", ""]]


def _store(tmp_path, *files, url=None) -> Store:
    store = Store(url or f"sqlite:///{tmp_path / 'training.db'}")
    for name, data in (("名册.xlsx", xlsx_bytes(ROSTER)), *files):
        store.import_result(load_file(data, name))
    return store


def _problems(result, words):
    return [p for p in result.problems if words in p.message]


# ------------------------------------------------------------------ layouts

def test_title_rows_credits_and_a_span_of_dates(tmp_path):
    """A 继续教育 register: two title rows, 学分 instead of 学时, 起止日期 as one text."""
    data = xlsx_bytes([["明远中学教师继续教育登记表"], ["（2024学年第一学期）"],
                       ["序号", "姓名", "培训项目", "项目级别", "培训形式", "起止日期", "学分"],
                       [1, "张三", "浙江省高中语文骨干教师培训", "省级", "集中面授", "2024.10.8-2024.10.12", 3],
                       [2, "王五", "区教研员专题讲座", "区县级", "线上", "2024.11.20", 0.5]])
    result = load_file(data, "继续教育.xlsx")
    assert result.kind == "training"
    rows = result.frame.set_index("name_key")
    assert rows.at["张三", "start_date"] == dt.date(2024, 10, 8) and rows.at["张三", "end_date"] == dt.date(2024, 10, 12)
    assert rows.at["张三", "credits"] == 3 and rows.at["王五", "type"] == "网络" and rows.at["张三", "type"] == "集中"
    ds = _store(tmp_path, ("继续教育.xlsx", data)).dataset()
    found = metrics.figures(ds, "2024-2025-1")["training"]
    assert found["hours_term"] == 35  # (3 + 0.5) 学分 × 10
    assert found["by_level"]["省级"] == 30 and found["by_level"]["区县级"] == 5


def test_several_names_in_one_cell_and_a_total_row_in_a_csv(tmp_path):
    """One row naming three teachers gives each the training; the 合计 row is skipped, and said."""
    data = csv_bytes([["姓名", "培训名称", "级别", "学时", "日期"],
                      ["张三、李四 王五", "市新课程标准解读", "市级", "12", "2024-10-19"],
                      ["赵六", "校本研修：作业设计", "校级", "6学时", "2024/12/3"],
                      ["合计", "", "", "42", ""]])
    result = load_file(data, "2024学年第一学期培训学时.csv")
    assert sorted(result.frame["name_key"]) == ["张三", "李四", "王五", "赵六"]
    assert _problems(result, "每人各记一条") and _problems(result, "合计")
    found = metrics.figures(_store(tmp_path, ("t.csv", data)).dataset(), "2024-2025-1")["training"]
    assert found["hours_term"] == 42 and found["hours_per_teacher"] == 10.5


def test_a_form_tool_export_names_the_teacher_by_its_submitter(tmp_path):
    """A questionnaire export: no 姓名 column, 提交人 is the teacher; 提交时间/IP are not data."""
    data = xlsx_bytes([["序号", "提交答卷时间", "所用时间", "来自IP", "提交人", "培训项目名称", "培训级别", "培训类型",
                        "培训开始日期", "培训结束日期", "获得学时"],
                       [1, "2025/1/5 10:00:00", "65秒", "10.0.0.8", "李四", "国家智慧教育平台寒假研修", "国家级", "网络",
                        "2025-01-02", "2025-02-10", 30]])
    result = load_file(data, "培训登记(问卷导出).xlsx")
    assert result.kind == "training"
    row = result.frame.iloc[0]
    assert row["name_key"] == "李四" and row["hours"] == 30 and row["term"] == "2024-2025-2"


def test_one_sheet_per_group_with_start_and_end_columns(tmp_path):
    data = xlsx_bytes({"语文组": [["姓名", "培训项目", "级别", "开始时间", "结束时间", "学时"],
                                 ["张三", "市名师工作室研修", "市级", "2024.9.20", "2024.9.21", 16]],
                       "数学组": [["姓名", "培训项目", "级别", "开始时间", "结束时间", "学时"],
                                 ["赵六", "市名师工作室研修", "市级", "2024.9.20", "2024.9.21", 16]]})
    result = load_file(data, "培训.xlsx")
    assert set(result.frame["source_sheet"]) == {"语文组", "数学组"} and len(result.frame) == 2


def test_a_missing_hours_is_reported_where_it_is_and_never_counted_as_zero(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "级别", "日期", "学时"],
                       ["张三", "校本研修", "校级", "2024.10.8", ""],
                       ["李四", "校本研修", "校级", "2024.10.8", "待定"]])
    result = load_file(data, "2024学年第一学期培训.xlsx")
    missing = [p for p in result.problems if "学时记为不明" in p.message]
    assert [(p.sheet, p.row, p.column) for p in missing] == [("Sheet1", 2, "学时"), ("Sheet1", 3, "学时")]
    assert "“待定”不是数字" in missing[1].message
    view = training.training_view(_store(tmp_path, ("t.xlsx", data)).dataset(), "2024-2025-1")
    assert len(view.unknown_hours) == 2
    assert list(training.record_table(view.records)["学时"]) == ["不明", "不明"]
    assert training.participants(view) == 2  # they trained; their hours are unknown


def test_a_row_without_date_takes_the_files_term_and_says_so():
    data = xlsx_bytes([["2024-2025学年第二学期培训统计"], ["姓名", "培训项目", "学时"], ["张三", "暑期全员培训", 24]])
    result = load_file(data, "培训.xlsx")
    assert result.frame.iloc[0]["term"] == "2024-2025-2"
    assert _problems(result, "没有培训日期：按本文件的学期")
    with_no_term = xlsx_bytes([["姓名", "培训项目", "学时"], ["张三", "暑期全员培训", 24]])
    result = load_file(with_no_term, "培训.xlsx")
    assert result.frame.empty is True or len(result.frame) == 0
    assert [p.severity for p in _problems(result, "无法确定属于哪个学期")] == ["error"]


# -------------------------------------------------------------------- rules

def test_credits_become_hours_by_the_rules_factor(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "日期", "学分"], ["张三", "省级网络研修", "2024.10.8", 2]])
    ds = _store(tmp_path, ("培训.xlsx", data)).dataset()
    assert training.figures_hook(ds, "2024-2025-1")["training"]["hours_term"] == 20  # default 1 学分 = 10 学时
    rules = tmp_path / "rules.toml"
    rules.write_text('credit_hours = 12\n[[target]]\nlabel = "全体"\nhours = 72\n', encoding="utf-8")
    view = training.training_view(ds, "2024-2025-1", rules=training.load_rules(rules))
    assert training.training_figures(view)["training"]["hours_term"] == 24
    assert list(view.records["hours_from"]) == ["学分折算"]


def test_a_training_spanning_two_terms_belongs_to_the_term_of_its_end_date(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "起止日期", "学时"],
                       ["张三", "寒假研修", "2025.1.20-2025.2.15", 40],
                       ["张三", "秋季研修", "2024.9.20-2024.9.22", 24]])
    ds = _store(tmp_path, ("培训.xlsx", data)).dataset()
    first = metrics.figures(ds, "2024-2025-1")["training"]
    second = metrics.figures(ds, "2024-2025-2")["training"]
    assert (first["hours_term"], first["hours_year"]) == (24, 24)
    assert (second["hours_term"], second["hours_year"]) == (40, 64)  # the 学年 to date: both terms
    next_year = metrics.figures(ds, "2025-2026-1")["training"]
    assert next_year["hours_year"] == 0  # a new 学年 starts from nothing


def test_ninety_hour_participants_need_one_training_of_ninety_hours(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "日期", "学时"],
                       ["张三", "浙江省教师90学时集中培训", "2024.11.8", 90],
                       ["李四", "研修一", "2024.10.8", 30], ["李四", "研修二", "2024.10.9", 30],
                       ["李四", "研修三", "2024.10.10", 30],
                       ["王五", "上学年的90学时培训", "2024.6.8", 90]])
    found = metrics.figures(_store(tmp_path, ("培训.xlsx", data)).dataset(), "2024-2025-1")["training"]
    assert found["ninety_hour_teachers"] == 1  # 李四's 90 hours are three trainings; 王五's was last 学年
    assert found["hours_term"] == 180


def test_targets_are_the_first_matching_rule_by_title_age_and_seniority(tmp_path):
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("""
[[target]]
label = "新教师"
seniority_below = 3
hours = 120
[[target]]
label = "高级教师"
titles = ["高级教师"]
hours = 48
[[target]]
label = "50周岁以上"
age_from = 50
hours = 24
[[target]]
label = "全体"
hours = 72
""", encoding="utf-8")
    rules = training.load_rules(rules_file)
    view = training.training_view(_store(tmp_path).dataset(), "2024-2025-1", rules=rules)
    targets = dict(zip(view.teachers["name_key"], view.teachers["target"]))
    assert targets == {"张三": 72, "李四": 120, "王五": 48, "赵六": 72}  # 赵六: no dates, no title → the last rule
    found = training.training_figures(view)["training"]
    assert [row["name"] for row in found["behind"]] == ["李四", "张三", "赵六", "王五"]  # most owed first


def test_a_broken_rules_file_gives_a_chinese_error(tmp_path):
    broken = tmp_path / "rules.toml"
    broken.write_text("[[target]\nlabel = 1", encoding="utf-8")
    with pytest.raises(training.RulesError, match="格式有误"):
        training.load_rules(broken)
    broken.write_text('[[target]]\nlabel = "35周岁以下"\nage_below = 35\nhours = 72\n', encoding="utf-8")
    with pytest.raises(training.RulesError, match="最后一条"):
        training.load_rules(broken)
    broken.write_text('[[target]]\nlabel = "全体"\n', encoding="utf-8")
    with pytest.raises(training.RulesError, match="hours"):
        training.load_rules(broken)


# -------------------------------------------------------------- the figures

def test_figures_per_group_and_the_behind_list(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "级别", "日期", "学时"],
                       ["张三", "省培", "省级", "2024.10.8", 80], ["王五", "市培", "市级", "2024.10.8", 72],
                       ["钱七", "市培", "市级", "2024.10.8", 72]])
    ds = _store(tmp_path, ("培训.xlsx", data)).dataset()
    whole = metrics.figures(ds, "2024-2025-1")["training"]
    assert whole["hours_term"] == 152  # 钱七 is on no roster: not counted
    assert (whole["target_met"], whole["target_teachers"]) == (2, 4)
    assert whole["behind"] == [{"name": "李四", "group": "语文组", "hours": 0, "target": 72},
                               {"name": "赵六", "group": "数学组", "hours": 0, "target": 72}]
    chinese = metrics.figures(ds, "2024-2025-1", "语文组")["training"]
    assert (chinese["hours_term"], chinese["target_teachers"], chinese["hours_per_teacher"]) == (80, 2, 40.0)
    assert [row["name"] for row in chinese["behind"]] == ["李四"]
    view = training.training_view(ds, "2024-2025-1")
    assert list(view.unmatched["name_key"]) == ["钱七"]


def test_figures_are_all_zero_without_trainings(tmp_path):
    found = metrics.figures(_store(tmp_path).dataset(), "2024-2025-1")["training"]
    assert found["hours_term"] == 0 and found["ninety_hour_teachers"] == 0 and found["target_met"] == 0
    assert set(found["by_level"].values()) == {0} and len(found["behind"]) == 4


def test_hooks_give_cards_a_report_paragraph_a_profile_and_reminders(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "级别", "日期", "学时"],
                       ["张三", "浙江省90学时培训", "省级", "2024.10.8", 90], ["李四", "校本研修", "校级", "2024.10.9", 10]])
    ds = _store(tmp_path, ("培训.xlsx", data)).dataset()
    found = metrics.figures(ds, "2024-2025-1")
    cards = {card.label: card.value for card in training.overview_hook(found)}
    assert cards == {"人均培训学时": "25", "学年培训达标": "1/4", "90学时培训": "1人"}
    section, = training.report_hook(ds, "2024-2025-1", None, found, None)
    assert section.text.startswith("本学期参加培训2人，人均25学时；1人参加90学时培训，占25%。")
    assert list(section.table["教研组"]) == ["数学组", "语文组"]
    profile, = training.profile_hook(ds, "张三")
    assert profile.text == "共1项培训，累计90学时。" and list(profile.table["培训项目"]) == ["浙江省90学时培训"]
    reminder = training.reminder_hook(ds, "2024-2025-1", "语文组", dt.date(2024, 12, 1))
    assert reminder.to_dict("records") == [{"姓名": "李四", "事项": "培训学时（本学年）", "要求": "72学时",
                                            "已完成": "10学时", "还差": "62学时"}]


def test_a_group_leader_sees_only_members_trainings(tmp_path):
    data = xlsx_bytes([["姓名", "培训项目", "日期", "学时"],
                       ["张三", "省培", "2024.10.8", 30], ["王五", "市培", "2024.10.8", 20]])
    ds = _store(tmp_path, ("培训.xlsx", data)).dataset()
    mine = scope_dataset(ds, Scope(group="语文组"))
    assert list(mine.training["name_key"]) == ["张三"]
    assert metrics.figures(mine, "2024-2025-1", "语文组")["training"]["hours_term"] == 30


def test_trainings_round_trip_through_the_store(store):
    data = xlsx_bytes([["姓名", "培训项目", "起止日期", "学分"], ["张三", "网络研修", "2024.12.28-1.3", 1.5]])
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    store.import_result(load_file(data, "培训.xlsx"))
    ds = store.dataset()
    row = ds.training.iloc[0]
    assert row["end_date"] == dt.date(2025, 1, 3) and row["credits"] == 1.5 and row["term"] == "2024-2025-1"
    assert metrics.figures(ds, "2024-2025-1")["training"]["hours_term"] == 15


# -------------------------------------------------------------------- pages

import io  # noqa: E402
import json  # noqa: E402

from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.accounts import User  # noqa: E402
from dashboard.cli import demo_files, import_files  # noqa: E402
from dashboard.navigation import pages_for  # noqa: E402

from .conftest import DEMO, ROOT  # noqa: E402

APP = str(ROOT / "app.py")
LATEST = "2024-2025-2"
GOLDEN = json.loads((DEMO / "expected_figures.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('training_pages') / 'demo.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    return url, store.dataset().roster


def _page(url, monkeypatch, user, direct=False) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = AppTest.from_file(str(ROOT / "pages" / "training.py") if direct else APP, default_timeout=120)
    at.session_state["user"] = user
    at.run()
    if not direct:
        at.switch_page("pages/training.py").run()
    for key in ("training_records_open", "training_unknown_open", "training_other_open"):
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _names_shown(at: AppTest) -> set[str]:
    return {str(value) for frame in at.dataframe for column in ("姓名",) if column in frame.value
            for value in frame.value[column]}


def test_the_page_shows_an_administrator_the_schools_figures(demo, monkeypatch):
    url, roster = demo
    at = _page(url, monkeypatch, User("管理员", "管理员"))
    want = GOLDEN[LATEST]["all"]["training"]
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["本学期学时"] == training.fmt(want["hours_term"])
    assert shown["人均学时"] == training.fmt(want["hours_per_teacher"])
    assert shown["学年达标"] == f"{want['target_met']}/{want['target_teachers']}"
    assert shown["90学时培训"].startswith(f"{want['ninety_hour_teachers']}人")
    teachers = next(frame.value for frame in at.dataframe if "学年目标" in frame.value)
    assert len(teachers) == want["target_teachers"]
    assert int((teachers["是否达标"] == "未达标").sum()) == len(want["behind"])


def test_a_group_leader_sees_only_the_groups_teachers_and_records(demo, monkeypatch):
    url, roster = demo
    at = _page(url, monkeypatch, User("数学组长", "教研组长", group="数学组"))
    ours = set(roster.loc[roster["group"] == "数学组", "name_key"])
    shown = _names_shown(at)
    assert shown and shown <= ours
    want = GOLDEN[LATEST]["数学组"]["training"]
    assert {m.label: m.value for m in at.metric}["学年达标"] == f"{want['target_met']}/{want['target_teachers']}"
    others = set(roster["name_key"]) - ours
    everything = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert [name for name in others if name in everything] == []


def test_a_teacher_opening_the_page_sees_only_their_own_row(demo, monkeypatch):
    url, roster = demo
    me = roster.loc[roster["term"] == "2024-2025-1", "name_key"].iloc[0]
    user = User("教师", "教师", teacher_key=me)
    assert "培训学时" not in [entry.title for entry in pages_for(user)]  # not in a teacher's menu; opened by its link
    at = _page(url, monkeypatch, user, direct=True)
    assert _names_shown(at) == {me}


def test_both_declarations_name_hooks_and_pages_that_exist():
    from dashboard.kinds import KINDS, hook

    for key in ("training", "activities"):
        kind = KINDS[key]
        for name in ("figures_hook", "overview_hook", "report_hook", "profile_hook", "reminder_hook"):
            assert callable(hook(kind, name)), (key, name)
        assert all((ROOT / "pages" / page[0]).exists() for page in kind.pages)


def test_a_broken_rules_file_shows_a_chinese_error_on_the_page(demo, monkeypatch, tmp_path):
    broken = tmp_path / "training_rules.toml"
    broken.write_text("credit_hours = [", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_TRAINING_RULES", str(broken))
    monkeypatch.setenv("DASHBOARD_DB", demo[0])
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["user"] = User("管理员", "管理员")
    at.run()
    at.switch_page("pages/training.py").run()
    assert not at.exception
    assert [e.value for e in at.error if "培训学时规则文件" in e.value and "格式有误" in e.value]


# ------------------------------------------------------------- who held it

def _held_by_layouts():
    """The same three trainings, each naming only who held it (the level comes from that), three ways."""
    trainings = [("张三", "新课标解读专题培训", "区教师发展中心", "2024-10-08", 12),
                 ("李四", "骨干教师研修", "市教育局", "2024-11-12", 24),
                 ("王五", "口语提升", "学校", "2024-12-03", 6)]
    titled = [["明远中学教师继续教育学时登记表（2024-2025学年第一学期）"],
              ["序号", "姓名", "身份证号", "培训项目", "开始时间", "结束时间", "学时", "主办单位"]]
    titled += [[n, who, "33060219900101001X", what, day, day, hours, by]
               for n, (who, what, by, day, hours) in enumerate(trainings, start=1)]
    plain = [["组织单位", "培训名称", "教师姓名", "培训日期", "学时数"]]
    plain += [[by, what, who, day, hours] for who, what, by, day, hours in trainings]
    form = [["提交时间", "填写人", "1.培训项目", "2.举办单位", "3.培训日期", "4.学时"]]
    form += [["2024-12-20 10:00", who, what, by, day, hours] for who, what, by, day, hours in trainings]
    return [("登记表.xlsx", xlsx_bytes(titled)), ("培训.csv", csv_bytes(plain)), ("问卷导出.xlsx", xlsx_bytes(form))]


@pytest.mark.parametrize("name,data", _held_by_layouts(), ids=["主办单位", "组织单位 csv", "举办单位 form"])
def test_the_level_comes_from_who_held_the_training(name, data):
    result = load_file(data, name, kind="training")
    assert result.kind == "training", [p.message for p in result.problems]
    assert list(result.frame["level"]) == ["区县级", "市级", "校级"]
    assert not _problems(result, "级别不明")
