"""公开课: lists read in layouts not seen before, lessons counted once across lists and logs, the
45-year rule, who was never observed, and the page for 校长 and 教研组长."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import metrics
from dashboard import open_lessons as ol
from dashboard.accounts import Scope
from dashboard.kinds import KINDS, hook
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, sign_in, xlsx_bytes

TERM = "2024-2025-1"
#: the term starts 2024-09-01: 郑青 turns 45 on that day (no quota), 王月 is 44 (quota 1)
ROSTER = [["姓名", "教研组", "出生年月", "职务"],
          ["王月", "语文组", "1980-09-02", ""],
          ["郑青", "语文组", "1979-09-01", ""],
          ["李强", "数学组", "1990-03-01", ""],
          ["赵六", "数学组", "1985-05-01", "教研组长"],
          ["孙丽", "语文组", "1995-01-01", ""],
          ["钱多", "数学组", "", ""]]
LOG = [["日期", "听课人", "授课教师", "班级", "节次", "课型"],
       ["2024-10-08", "郑青", "王月", "高一(3)班", "第3节", "示范课"],   # also in the list: one lesson
       ["2024-10-08", "孙丽", "王 月", "高一（3）班", "3", "示范课"],    # the same lesson, another observer
       ["2024-10-09", "王月", "李强", "高一(2)班", "第2节", "常态课"],   # observed, not an open lesson
       ["2024-10-10", "王月", "小赵", "高二(1)班", "第1节", ""],         # 小赵 = 赵六 by a correction
       ["2024-10-11", "李强", "郑青", "高二(2)班", "第4节", "研究课"]]  # open, only in the log
LIST = [["明远中学2024学年第一学期公开课安排"],
        ["执教", "课题", "日期", "班级", "级别"],
        ["王月", "背影", "2024年10月8日", "高一(3)班", "校级"],            # no 节次: the logged lesson
        ["孙丽", "春", "2024-11-05", "高一(1)班", "区级"],
        ["外校甲", "观摩", "2024-11-06", "高一(1)班", "区级"],
        ["合计", "3节"]]


def load(store: Store, rows, name: str, term: str | None = TERM, kind: str | None = None, **options):
    data = csv_bytes(rows) if name.endswith(".csv") else xlsx_bytes(rows)
    result = load_file(data, name, kind=kind, term=term, **options)
    store.import_result(result)
    return result


@pytest.fixture
def school(store):
    load(store, ROSTER, "教师名册.xlsx", kind="roster")
    load(store, LOG, "听课记录.xlsx", kind="observations")
    load(store, LIST, "公开课安排.xlsx", term=None)
    store.set_alias("小赵", "赵六")
    return store


def test_a_lesson_in_a_list_and_in_the_log_counts_once(school):
    ds = school.dataset()
    lessons = ol.distinct_lessons(ds, TERM)
    counted = lessons[lessons["teacher_key"].notna()]
    assert sorted(zip(counted["teacher_key"], counted["date"].astype(str))) == [
        ("孙丽", "2024-11-05"), ("王月", "2024-10-08"), ("郑青", "2024-10-11")]
    wang = counted[counted["teacher_key"] == "王月"].iloc[0]
    assert (wang["lesson_type"], wang["level"], wang["observers"], wang["period"]) == ("示范课", "校级", 2, "3")
    assert list(lessons.loc[lessons["teacher_key"].isna(), "teacher"]) == ["外校甲"]  # listed, never counted
    figures = metrics.figures(ds, TERM)
    assert figures["open_lessons"]["total"] == 3
    assert figures["open_lessons"]["by_type"] == {"公开课": 1, "示范课": 1, "研究课": 1, "汇报课": 0, "观摩课": 0,
                                                  "一人一课": 0, "其他": 0}
    assert figures["open_lessons"]["by_level"] == {"国家级": 0, "省级": 0, "市级": 0, "区县级": 1, "校级": 1}


def test_the_45_year_rule_and_who_is_behind(school):
    figures = metrics.figures(school.dataset(), TERM)["open_lessons"]
    # 王月 44, 李强 34, 赵六 39, 孙丽 29 have a quota; 郑青 is 45 on the first day, 钱多's age is unknown
    assert figures["quota_teachers"] == 4
    assert figures["quota_met"] == 2  # 王月, 孙丽
    assert figures["behind"] == [{"name": "李强", "group": "数学组", "count": 0, "quota": 1},
                                 {"name": "赵六", "group": "数学组", "count": 0, "quota": 1}]
    by_group = metrics.figures(school.dataset(), TERM, "语文组")["open_lessons"]
    assert (by_group["total"], by_group["quota_teachers"], by_group["behind"]) == (3, 2, [])


def test_never_observed_counts_an_alias_as_observed(school):
    ds = school.dataset()
    observed = metrics.figures(ds, TERM)["observed"]
    assert observed == {"teachers_observed": 4, "never_observed": ["孙丽", "钱多"]}
    teachers = ol.teacher_table(ds, TERM).set_index("name_key")
    assert (teachers.loc["王月", "observed_lessons"], teachers.loc["王月", "observers"]) == (1, 2)
    assert teachers.loc["赵六", "observed_lessons"] == 1  # written 小赵 in the log
    assert metrics.figures(ds, TERM, "数学组")["observed"] == {"teachers_observed": 2, "never_observed": ["钱多"]}


def test_a_leader_sees_only_the_rows_of_their_group(school):
    chinese = scope_dataset(school.dataset(), Scope(group="语文组"))
    assert sorted(chinese.open_lessons["teacher_key"]) == ["孙丽", "王月"]  # not 外校甲, not another group's
    ds = scope_dataset(school.dataset(), Scope(group="数学组"))
    assert ds.open_lessons.empty
    mine = ol.reminder_hook(ds, TERM, "数学组")
    assert list(mine["姓名"]) == ["李强", "赵六"] and set(mine["事项"]) == {"公开课"}
    assert list(mine["还差"]) == [1, 1]


def test_the_quota_rules_file_is_read_again_after_an_edit_and_a_broken_one_says_why(tmp_path, monkeypatch):
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nlabel = "45周岁以下"\nage_below = 45\nquota = 1\n[[rule]]\nlabel = "其他"\nquota = 0\n',
                    encoding="utf-8")
    assert ol.load_rules(path)[0].quota == 1
    path.write_text('[[rule]]\nlabel = "全体"\nquota = 2\n', encoding="utf-8")
    assert [rule.quota for rule in ol.load_rules(path)] == [2]
    path.write_text('[[rule]]\nlabel = "全体"\nquota = "两节"\n', encoding="utf-8")
    with pytest.raises(ol.RulesError, match="quota（节数）应为不小于 0 的整数"):
        ol.load_rules(path)
    path.write_text('[[rule]\nlabel = 1', encoding="utf-8")
    with pytest.raises(ol.RulesError, match="格式有误"):
        ol.load_rules(path)


# ------------------------------------------------------------------ layouts not seen before

def test_a_form_export_names_the_teacher_in_your_name():
    rows = [["提交时间", "您的姓名", "开课日期", "课型", "班级"],
            ["2024/10/9 10:00:00", "王 月", "2024/10/8", "示范课", "高一（3）班"],
            ["2024/10/10 11:00:00", "李强", "2024-10-10", "一人一课", "高二(1)班"],
            ["2024/10/11 09:00:00", "郑青", "2024-10-11", "常态课", "高二(1)班"]]
    result = load_file(csv_bytes(rows), "开课登记（表单导出）.csv")
    assert result.kind == "open_lessons" and result.term == TERM
    assert list(result.frame["teacher_key"]) == ["王月", "李强"]
    assert list(result.frame["lesson_type"]) == ["示范课", "一人一课"]
    assert list(result.frame["class_name"]) == ["高一(3)班", "高二(1)班"]
    assert any("常态课" in p.message and p.row == 4 for p in result.problems)
    assert sum("级别不明" in p.message for p in result.problems) == 2  # no level stated: reported, not defaulted


def test_one_sheet_per_group_with_a_title_row_and_two_teachers_in_a_cell():
    book = {"语文组": [["2024学年第一学期研究课安排"], ["授课教师", "日期", "课题", "班级", "节次"],
                      ["王月", "2024.10.12", "背影", "高一(3)班", "第3节"]],
            "数学组": [["2024学年第一学期研究课安排"], ["授课教师", "日期", "课题", "班级", "节次"],
                      ["李强、赵六", "2024.11.2", "函数（同课异构）", "高一(2)班", "2"]]}
    result = load_file(xlsx_bytes(book), "安排.xlsx")
    frame = result.frame
    assert result.kind == "open_lessons"
    assert list(frame["teacher_key"]) == ["王月", "李强", "赵六"]
    assert list(frame["group"]) == ["语文组", "数学组", "数学组"]
    assert set(frame["lesson_type"]) == {"研究课"}  # from the title
    assert list(frame["period"]) == ["3", "2", "2"]


def test_a_list_with_zhijiao_level_and_a_total_row():
    rows = [["2024学年区级示范课名单"], ["序号", "执教", "课题", "级别", "日期"],
            [1, "王月", "背影", "", "2024-12-01"], [2, "李强", "函数", "市级", "2024-12-02"], ["合计", "2节"]]
    result = load_file(xlsx_bytes(rows), "名单.xlsx")
    assert result.kind == "open_lessons"
    assert list(result.frame["level"]) == ["区县级", "市级"]  # the title's level where the cell is blank
    assert list(result.frame["lesson_type"]) == ["示范课", "示范课"]
    assert any(p.severity == "skipped" and "合计" in p.message for p in result.problems)


def test_a_list_with_no_date_and_no_term_is_refused_row_by_row():
    rows = [["授课教师", "课题", "课型"], ["王月", "背影", "公开课"]]
    result = load_file(xlsx_bytes(rows), "公开课.xlsx")
    assert result.rows == 0 and "没有一行可以导入" in result.nothing_to_store()
    assert [(p.row, p.severity) for p in result.problems if "无法确定学期" in p.message] == [(2, "error")]


def test_the_hooks_are_declared_and_give_cards_sections_and_profile(school):
    kind = KINDS["open_lessons"]
    ds = school.dataset()
    figures = metrics.figures(ds, TERM)
    cards = hook(kind, "overview_hook")(figures)
    assert [card.value for card in cards] == ["3", "50%", "2 人"]
    sections = hook(kind, "report_hook")(ds, TERM, None, figures, None)
    assert sections[0].text.startswith("本学期共开设公开课 3 节，其中公开课 1 节、示范课 1 节、研究课 1 节")
    assert list(sections[0].table["教研组"]) == ["数学组", "语文组"]
    assert list(sections[0].table["公开课节数"]) == [0, 3]
    profile = hook(kind, "profile_hook")(ds, "王月")
    assert profile[0].table.to_dict("records") == [{"学期": TERM, "公开课节数": 1, "被听课节数": 1, "听课人数": 2}]
    assert list(profile[1].table["课型"]) == ["示范课"]


# ------------------------------------------------------------------ the page

def _app(monkeypatch, url: str, role: str, **fields) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), role, **fields)
    at.run(timeout=60)
    at.switch_page("pages/open_lessons.py")
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    return " ".join(str(element.value) for kind in ("markdown", "caption", "info", "success", "warning")
                    for element in at.get(kind))


@pytest.fixture
def school_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'ol.db'}"
    store = Store(url)
    load(store, ROSTER, "教师名册.xlsx", kind="roster")
    load(store, LOG, "听课记录.xlsx", kind="observations")
    load(store, LIST, "公开课安排.xlsx", term=None)
    store.engine.dispose()
    return url


def test_the_page_for_the_principal(monkeypatch, school_url):
    at = _app(monkeypatch, school_url, "校长")
    metrics_shown = {m.label: m.value for m in at.metric}
    assert metrics_shown["公开课节数"] == "3"
    assert metrics_shown["从未被听课"] == "3 人"  # 孙丽, 钱多, and 赵六 (no correction in this store)
    text = _texts(at)
    assert "钱多" in text and "外校甲" not in text


def test_the_page_opens_on_the_teachers_and_draws_each_other_tab_once_opened(monkeypatch, school_url):
    """One table first (who still owes a lesson); the 教研组 chart and table, and the 课型 chart, run only
    in their own tab; with one teacher chosen there is no 教研组 tab."""
    def excel_buttons():
        return [button.key for button in at.get("download_button") if button.key.endswith("_xlsx")]

    def charts():
        return [chart.proto.id.rsplit("-", 1)[-1] for chart in at.get("plotly_chart")]

    at = _app(monkeypatch, school_url, "校长")
    assert excel_buttons() == ["open_teachers_xlsx"] and charts() == [] and len(at.dataframe) == 1
    assert {"王月", "李强"} <= set(at.dataframe[0].value.iloc[:, 0])
    at.session_state["open_lessons_tab"] = "各教研组公开课"
    at.run(timeout=60)
    assert excel_buttons() == ["open_groups_xlsx"] and charts() == ["open_groups_chart"]
    assert at.dataframe[0].value.set_index("教研组")["公开课节数"].to_dict() == {"数学组": 0, "语文组": 3}
    at.session_state["open_lessons_tab"] = "课型"
    at.run(timeout=60)
    assert charts() == ["open_types_chart"] and not at.dataframe
    at.selectbox(key="flt_teacher").select("李强").run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert [tab.label for tab in at.tabs] == ["教师公开课进度", "课型"]


def test_the_page_and_the_observations_page_for_a_group_leader(monkeypatch, school_url):
    at = _app(monkeypatch, school_url, "教研组长", group="数学组")
    text = _texts(at)
    assert "钱多" in text and "孙丽" not in text and "王月" not in text
    tables = " ".join(frame.value.to_csv() for frame in at.dataframe)
    assert "王月" not in tables and "孙丽" not in tables and "李强" in tables
    at.switch_page("pages/observations.py")
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    never = [element.value for element in at.markdown if "从未被听课" in str(element.value)]
    assert never and "钱多" in never[0] and "赵六" in never[0] and "孙丽" not in never[0]



def test_a_broken_rule_file_is_a_chinese_message_on_the_page_and_an_edit_shows_at_the_next_run(
        monkeypatch, school_url, tmp_path):
    rules = tmp_path / "open_lesson_rules.toml"
    rules.write_text('[[rule]]\nlabel = "全体"\nquota = -1\n', encoding="utf-8")
    monkeypatch.setenv(ol.RULES_ENV, str(rules))
    at = _app(monkeypatch, school_url, "校长")
    errors = [error.value for error in at.error]
    assert len(errors) == 1 and errors[0].startswith(f"公开课要求文件 {rules.name} 第 1 条规则的 quota（节数）应为不小于 0 的整数。")
    rules.write_text('[[rule]]\nlabel = "全体"\nquota = 2\n', encoding="utf-8")
    at.run(timeout=60)
    assert not at.error
    assert {m.label: m.value for m in at.metric}["尚未完成的教师"] == "6"  # everyone owes 2; 王月 gave 1


def test_a_double_lesson_counts_its_periods_as_times_observed(store):
    load(store, ROSTER, "教师名册.xlsx", kind="roster")
    load(store, [["日期", "听课人", "授课教师", "班级", "节次", "节数"],
                 ["2024-10-08", "郑青", "王月", "高一(3)班", "第3节", 2],
                 ["2024-10-08", "孙丽", "王月", "高一(3)班", "第3节", 2]], "听课.xlsx", kind="observations")
    teachers = ol.teacher_table(store.dataset(), TERM).set_index("name_key")
    assert (teachers.loc["王月", "observed_lessons"], teachers.loc["王月", "observers"]) == (2, 2)


def _organised_by_layouts():
    """Three open lessons naming only who organised them (the level comes from that), three ways."""
    lessons = [("王月", "2024-10-08", "高一(3)班", "示范课", "区教研室"), ("李强", "2024-11-05", "高二(1)班", "公开课", "市教育局"),
               ("孙丽", "2024-12-10", "高一(2)班", "研究课", "学校教科室")]
    titled = [["2024学年第一学期公开课一览"], ["执教者", "上课日期", "班级", "课型", "组织单位"]]
    titled += [list(lesson) for lesson in lessons]
    plain = [["序号", "主办单位", "授课教师", "日期", "授课班级", "类型"]]
    plain += [[n, by, who, day, klass, kind] for n, (who, day, klass, kind, by) in enumerate(lessons, start=1)]
    form = [["提交时间", "填写人", "1.授课日期", "2.授课班级", "3.课型", "4.举办单位"]]
    form += [["2024-12-20 10:00", who, day, klass, kind, by] for who, day, klass, kind, by in lessons]
    return [("公开课.xlsx", xlsx_bytes(titled)), ("公开课.csv", csv_bytes(plain)), ("公开课问卷.xlsx", xlsx_bytes(form))]


@pytest.mark.parametrize("name,data", _organised_by_layouts(), ids=["组织单位", "主办单位 csv", "举办单位 form"])
def test_the_level_comes_from_who_organised_the_lesson(name, data):
    result = load_file(data, name, kind="open_lessons")
    assert result.kind == "open_lessons", [p.message for p in result.problems]
    assert list(result.frame["level"]) == ["区县级", "市级", "校级"]
    assert not [p for p in result.problems if "级别不明" in p.message]
