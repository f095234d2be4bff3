"""教研活动: activity records a school might send, and held/planned and attendance by the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import activities, metrics
from dashboard.accounts import Scope
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset
from dashboard.store import Store

from .conftest import csv_bytes, xlsx_bytes

ROSTER = [["2024-2025学年第一学期教师名册"], ["姓名", "教研组"],
          ["张三", "语文组"], ["李四", "语文组"], ["孙八", "语文组"], ["周九", "语文组"], ["吴十", "语文组"],
          ["王五", "数学组"], ["赵六", "数学组"]]
CHINESE = {"张三", "李四", "孙八", "周九", "吴十"}


def _store(tmp_path, *files, url=None) -> Store:
    store = Store(url or f"sqlite:///{tmp_path / 'activities.db'}")
    for name, data in (("名册.xlsx", xlsx_bytes(ROSTER)), *files):
        store.import_result(load_file(data, name))
    return store


# ------------------------------------------------------------------ layouts

def test_one_sheet_per_group_with_the_list_in_one_cell(tmp_path):
    """Sheets named after the groups, no 教研组 column; 参加人员 separated by 、，, and spaces."""
    data = xlsx_bytes({
        "语文组": [["语文组2024学年第一学期教研活动记录"], ["日期", "活动主题", "主讲人", "参加人员"],
                  ["2024.9.10", "新学期教学计划研讨", "张三", "张三、李四，孙八 周九"],
                  ["2024.9.24", "作文讲评课观摩", "李四", "张三,李四、孙八、周九、吴十"]],
        "数学组": [["日期", "活动主题", "主讲人", "参加人员"], ["2024.9.12", "集体备课", "王五", "王五、赵六"]]})
    result = load_file(data, "教研活动.xlsx")
    assert result.kind == "activities"
    assert list(result.frame["group"]) == ["语文组", "语文组", "数学组"]
    assert result.frame.iloc[0]["attendees"] == "张三、李四、孙八、周九"
    view = activities.activity_view(_store(tmp_path, ("a.xlsx", data)).dataset(), "2024-2025-1")
    rates = dict(zip(view.members["name_key"], view.members["attended"]))
    assert rates == {"张三": 2, "李四": 2, "孙八": 2, "周九": 2, "吴十": 1, "王五": 1, "赵六": 1}
    assert dict(zip(view.members["name_key"], view.members["hosted"]))["李四"] == 1


def test_a_sign_in_list_of_one_row_per_attendee_is_one_activity(tmp_path):
    """The date, group and topic written once (or repeated), one attendee per row: one activity."""
    data = xlsx_bytes([["教研组活动签到表"], ["日期", "教研组", "主题", "主持人", "签到教师"],
                       ["2024-10-15", "语文教研组", "古诗词单元整体教学", "张三", "张三"],
                       [None, None, None, None, "李四"],
                       [None, None, None, None, "孙八"],
                       ["2024-10-15", "语文教研组", "古诗词单元整体教学", "张三", "周九"]])
    result = load_file(data, "签到.xlsx")
    assert len(result.frame) == 4 and all(result.frame["date"] == dt.date(2024, 10, 15))
    assert [p.row for p in result.problems if "只写了参加人员" in p.message] == [4]  # said once per activity
    found = metrics.figures(_store(tmp_path, ("签到.xlsx", data)).dataset(), "2024-2025-1")["activities"]
    assert found["by_group"]["语文组"]["held"] == 1
    assert found["low_attendance"] == [{"name": "吴十", "group": "语文组", "attended": 0, "held": 1}]


def test_a_form_tool_export_with_the_department_as_group(tmp_path):
    data = xlsx_bytes([["序号", "提交时间", "所用时间", "提交人", "提交人部门", "活动日期", "活动主题", "主讲/主持",
                        "参加人员", "缺席/请假"],
                       [1, "2024-11-05 16:20:11", "3分10秒", "王五", "数学组", "2024-11-05", "函数单元作业设计", "王五",
                        "王五 赵六", "无"]])
    result = load_file(data, "教研活动登记（问卷导出）.xlsx")
    assert result.kind == "activities"
    row = result.frame.iloc[0]
    assert (row["group"], row["host"], row["attendees"], row["absentees"]) == ("数学组", "王五", "王五、赵六", None)


def test_only_absentees_listed_and_a_total_row_in_a_csv(tmp_path):
    """A file listing only 缺席/请假: every other member attended; the 合计 row is skipped."""
    data = csv_bytes([["日期", "教研组", "内容", "中心发言人", "请假人员"],
                      ["2024/9/10", "语文", "开学研讨", "张三", ""],
                      ["2024/9/24", "语文", "课例研讨", "孙八", "吴十、周九"],
                      ["2024/10/8", "语文", "命题研究", "孙八", "吴十"],
                      ["合计", "3次", "", "", ""]])
    result = load_file(data, "2024学年第一学期语文组教研活动.csv")
    assert len(result.frame) == 3 and any("合计" in p.message for p in result.problems)
    view = activities.activity_view(_store(tmp_path, ("a.csv", data)).dataset(), "2024-2025-1")
    attended = dict(zip(view.members["name_key"], view.members["attended"]))
    assert attended["张三"] == 3 and attended["周九"] == 2 and attended["吴十"] == 1
    assert dict(zip(view.members["name_key"], view.members["hosted"]))["孙八"] == 2


def test_an_activity_without_attendance_counts_as_held_and_is_reported(tmp_path):
    data = xlsx_bytes([["日期", "教研组", "主题"], ["2024.9.10", "语文组", "开学研讨"], ["2024.9.11", "", "听课"]])
    result = load_file(data, "教研活动.xlsx")
    said = [p for p in result.problems if "不计入任何教师的出勤" in p.message]
    assert [(p.row, p.column) for p in said] == [(2, "参加人员")]
    assert [(p.row, p.severity) for p in result.problems if "没有写明教研组" in p.message] == [(3, "error")]
    found = metrics.figures(_store(tmp_path, ("a.xlsx", data)).dataset(), "2024-2025-1")["activities"]
    assert found["by_group"]["语文组"]["held"] == 1 and found["low_attendance"] == []


# -------------------------------------------------------------------- rules

def test_planned_activities_are_the_terms_weeks_over_two_by_default(tmp_path):
    ds = _store(tmp_path).dataset()
    found = metrics.figures(ds, "2024-2025-1")["activities"]
    assert found["by_group"] == {"数学组": {"held": 0, "planned": 10}, "语文组": {"held": 0, "planned": 10}}
    assert (found["held"], found["planned"]) == (0, 20)
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("""term_weeks = 20
[weeks]
"2024-2025-1" = 19
[[plan]]
label = "语文组每周一次"
groups = ["语文"]
every_weeks = 1
[[plan]]
label = "其他组每学期6次"
times = 6
""", encoding="utf-8")
    view = activities.activity_view(ds, "2024-2025-1", rules=activities.load_rules(rules_file))
    assert dict(zip(view.by_group["group"], view.by_group["planned"])) == {"数学组": 6, "语文组": 19}


def test_attendance_with_a_list_in_one_cell_and_the_low_attendance_threshold(tmp_path):
    rows = [["日期", "教研组", "主题", "主讲", "参加人员"]]
    for day in range(1, 6):  # 5 activities; 吴十 attends 3 (60 %), 周九 4 (80 %: not low)
        names = ["张三", "李四", "孙八"] + (["周九"] if day != 5 else []) + (["吴十"] if day <= 3 else [])
        rows.append([f"2024.10.{day}", "语文组", f"研讨{day}", "张三", "、".join(names)])
    ds = _store(tmp_path, ("a.xlsx", xlsx_bytes(rows))).dataset()
    found = metrics.figures(ds, "2024-2025-1")["activities"]
    assert found["low_attendance"] == [{"name": "吴十", "group": "语文组", "attended": 3, "held": 5}]
    assert found["by_group"]["数学组"] == {"held": 0, "planned": 10}
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text('low_attendance = 0.9\n[[plan]]\nlabel = "每两周"\nevery_weeks = 2\n', encoding="utf-8")
    view = activities.activity_view(ds, "2024-2025-1", rules=activities.load_rules(rules_file))
    low = activities.activity_figures(view)["activities"]["low_attendance"]
    assert [(row["name"], row["attended"]) for row in low] == [("吴十", 3), ("周九", 4)]  # most missed first


def test_a_broken_rules_file_gives_a_chinese_error(tmp_path):
    broken = tmp_path / "rules.toml"
    broken.write_text("term_weeks = ", encoding="utf-8")
    with pytest.raises(activities.RulesError, match="格式有误"):
        activities.load_rules(broken)
    broken.write_text('[[plan]]\nlabel = "语文"\ngroups = ["语文组"]\n', encoding="utf-8")
    with pytest.raises(activities.RulesError, match="最后一条"):
        activities.load_rules(broken)
    broken.write_text('low_attendance = 80\n[[plan]]\nlabel = "每两周"\n', encoding="utf-8")
    with pytest.raises(activities.RulesError, match="0 到 1"):
        activities.load_rules(broken)


# ------------------------------------------------------------ hooks, scope

def _two_groups(tmp_path):
    data = xlsx_bytes([["日期", "教研组", "主题", "主讲", "参加人员"],
                       ["2024.9.10", "语文组", "开学研讨", "张三", "张三、李四、孙八、周九"],
                       ["2024.9.24", "语文教研组", "作文讲评", "李四", "张三、李四、孙八、周九、吴十、王五"],
                       ["2024.9.12", "数学组", "集体备课", "王五", "王五、赵六"],
                       ["2024.9.13", "物理组", "实验教学", "钱七", "钱七"]])
    return _store(tmp_path, ("教研活动.xlsx", data)).dataset()


def test_hooks_give_cards_a_report_paragraph_a_profile_and_reminders(tmp_path):
    ds = _two_groups(tmp_path)
    found = metrics.figures(ds, "2024-2025-1")
    assert found["activities"]["held"] == 3  # 物理组 is no roster group: shown apart, counted nowhere
    assert len(activities.activity_view(ds, "2024-2025-1").unmatched) == 1
    cards = {card.label: card.value for card in activities.overview_hook(found)}
    assert cards == {"教研活动": "3/20", "教研出勤偏低": "1人"}
    section, = activities.report_hook(ds, "2024-2025-1", None, found, None)
    assert section.text.startswith("各教研组共开展教研活动3次（计划20次），数学组、语文组未达到计划次数")
    assert list(section.table["已开展"]) == [1, 2]
    profile, = activities.profile_hook(ds, "李四")
    assert profile.text == "共参加本组教研活动2次，主讲或主持1次。"
    reminder = activities.reminder_hook(ds, "2024-2025-1", "语文组", dt.date(2024, 10, 1))
    assert reminder.to_dict("records") == [{"姓名": "吴十", "事项": "教研活动出勤", "要求": "出勤率≥80%（2/2次）",
                                            "已完成": "1次", "还差": "缺1次"}]


def test_a_group_leader_sees_their_groups_activities_however_spelled(tmp_path):
    ds = _two_groups(tmp_path)
    mine = scope_dataset(ds, Scope(group="语文组"))
    assert list(mine.activities["group"]) == ["语文组", "语文教研组"]
    names = {name for cell in mine.activities["attendees"] for name in cell.split("、")}
    assert names == CHINESE | {"其他教师"}  # 王五 of 数学组 attended one: not named to the 语文组 leader
    found = metrics.figures(mine, "2024-2025-1", "语文组")["activities"]
    assert found["by_group"] == {"语文组": {"held": 2, "planned": 10}}
    teacher = scope_dataset(ds, Scope(teacher="王五"))
    assert list(teacher.activities["topic"]) == ["集体备课"]  # 王五's group's (数学组), not the 语文组 one he joined
    assert set(teacher.activities["attendees"].iloc[0].split("、")) == {"王五", "其他教师"}


def test_a_teacher_sees_their_attendance_where_only_absentees_are_listed(tmp_path):
    data = xlsx_bytes([["日期", "教研组", "主题", "缺席/请假"],
                       ["2024.9.10", "语文组", "开学研讨", "无"], ["2024.9.24", "语文组", "课例研讨", "吴十"],
                       ["2024.9.12", "数学组", "集体备课", ""]])
    ds = _store(tmp_path, ("a.xlsx", data)).dataset()
    mine = scope_dataset(ds, Scope(teacher="吴十"))
    assert list(mine.activities["topic"]) == ["开学研讨", "课例研讨"]
    view = activities.activity_view(mine, "2024-2025-1")
    row = view.members.set_index("name_key").loc["吴十"]
    assert (row["attended"], row["counted"]) == (1, 2)


def test_activities_round_trip_through_the_store(store):
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    data = xlsx_bytes([["日期", "教研组", "主题", "主讲", "参加人员"], ["10月15日", "语文组", "读书分享", "孙八", "全体组员"]])
    store.import_result(load_file(data, "2024学年第一学期教研活动.xlsx"))
    ds = store.dataset()
    row = ds.activities.iloc[0]
    assert row["date"] == dt.date(2024, 10, 15) and row["attendance"] == "全体"
    view = activities.activity_view(ds, "2024-2025-1")
    assert set(view.members.loc[view.members["attended"] == 1, "name_key"]) == CHINESE


# -------------------------------------------------------------------- pages

import io  # noqa: E402
import json  # noqa: E402

from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.accounts import User  # noqa: E402
from dashboard.cli import demo_files, import_files  # noqa: E402

from .conftest import DEMO, ROOT  # noqa: E402

APP = str(ROOT / "app.py")
LATEST = "2024-2025-2"
GOLDEN = json.loads((DEMO / "expected_figures.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('activity_pages') / 'demo.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    return url, store.dataset().roster


def _page(url, monkeypatch, user, term=None) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["user"] = user
    at.run()
    at.switch_page("pages/activities.py").run()
    if term:
        next(box for box in at.selectbox if box.label == "学期").set_value(term).run()
    for key in ("activities_records_open", "activities_other_open"):
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_shows_an_administrator_held_planned_and_low_attendance(demo, monkeypatch):
    url, _ = demo
    at = _page(url, monkeypatch, User("管理员", "管理员"))
    want = GOLDEN[LATEST]["all"]["activities"]
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["已开展"] == f"{want['held']}次" and shown["计划"] == f"{want['planned']}次"
    assert shown["出勤率低于80%"] == f"{len(want['low_attendance'])}人"
    groups = next(frame.value for frame in at.dataframe if "完成率" in frame.value)
    assert dict(zip(groups["教研组"], groups["已开展"])) == {g: v["held"] for g, v in want["by_group"].items()}


def test_a_group_leader_sees_only_their_groups_activities(demo, monkeypatch):
    url, roster = demo
    term = "2024-2025-1"  # the sign-in list: group written 语文组 or 语文教研组, and a 行政组 meeting
    at = _page(url, monkeypatch, User("语文组长", "教研组长", group="语文组"), term)
    ours = set(roster.loc[(roster["group"] == "语文组") & (roster["term"] == term), "name_key"])
    others = set(roster["name_key"]) - ours
    everything = "\n".join(frame.value.to_string() for frame in at.dataframe)
    assert [name for name in others if name in everything] == []
    records = next(frame.value for frame in at.dataframe if "出勤依据" in frame.value)
    assert set(records["教研组"]) == {"语文组"} and len(records) == GOLDEN[term]["语文组"]["activities"]["held"]
    members = next(frame.value for frame in at.dataframe if "出勤率" in frame.value and "姓名" in frame.value)
    assert set(members["姓名"]) == ours


def _topic_layouts():
    """Three activity records whose topic column is spelled 研讨课题 / 活动课题 / 研讨专题."""
    activities_ = [("2024.9.10", "新学期教学计划研讨", "张三"), ("2024.9.24", "作文讲评课观摩", "李四"),
                   ("2024.10.8", "大单元教学设计", "孙八")]
    weekly = [["语文教研组2024学年第一学期教研活动记录"],
              ["周次", "活动时间", "活动形式", "研讨课题", "中心发言人", "应到人数", "实到人数", "缺席人员及原因"]]
    weekly += [[f"第{n}周", day, "集体备课", topic, host, 5, 5, "无"] for n, (day, topic, host) in enumerate(activities_, 2)]
    plain = [["教研组", "日期", "活动课题", "主讲"]] + [["语文组", day, topic, host] for day, topic, host in activities_]
    form = [["提交人", "提交人部门", "提交时间", "1.活动日期", "2.研讨专题", "3.参加人员"]]
    form += [[host, "语文组", "2024-12-20", day, topic, "全组教师"] for day, topic, host in activities_]
    return [("语文组活动.xlsx", xlsx_bytes({"语文组": weekly})), ("活动.csv", csv_bytes(plain)),
            ("活动问卷.xlsx", xlsx_bytes(form))]


@pytest.mark.parametrize("name,data", _topic_layouts(), ids=["研讨课题", "活动课题 csv", "研讨专题 form"])
def test_the_topic_column_spelled_as_a_subject_of_study(name, data):
    result = load_file(data, name, kind="activities")
    assert result.kind == "activities", [p.message for p in result.problems]
    assert list(result.frame["topic"]) == ["新学期教学计划研讨", "作文讲评课观摩", "大单元教学设计"]
    assert list(result.frame["group"]) == ["语文组"] * 3
    assert not [p for p in result.problems if "主题为空" in p.message]
