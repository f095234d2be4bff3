"""The contract's rules, checked on a small school built from real workbooks."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics
from dashboard.loaders import load_file

from .conftest import xlsx_bytes

ROSTER_2023 = [["XX中学2023学年第一学期教师名册"],
               ["姓名", "教研组", "职务", "出生年月"],
               ["赵校长", "语文组", "校长", "1970.01"],
               ["钱组长", "语文组", "教研组长", "1992.01"],
               ["孙班主", "语文组", "班主任", "1980.01"],
               ["李备课", "数学组", "备课组长", "1980.01"],
               ["周青年", "数学组", "", "1989.09.02"],   # 34 on 2024-09-01, 35 on 2025-02-01
               ["吴无龄", "数学组", "", ""],
               ["王莉（大）", "英语组", "", "1975.03"],
               ["王莉（小）", "英语组", "", "1976.03"]]
ROSTER_2024 = [["XX中学2024学年第一学期教师名册"], *ROSTER_2023[1:4], *ROSTER_2023[5:]]  # 孙班主 left


def _import(store, rows, name, **options):
    result = load_file(xlsx_bytes(rows), name, **options)
    return store.import_result(result)


@pytest.fixture
def school(store):
    _import(store, ROSTER_2023, "名册2023.xlsx")
    _import(store, ROSTER_2024, "名册2024.xlsx")
    log = [["日期", "听课人", "授课教师", "班级", "节次", "节数"],
           ["2024.09.10", "周青年", "甲", "1班", "1", 1],
           ["2024.09.10", "周青年", "甲", "1班", "1", 1],      # same lesson twice in one file
           ["2024.09.11", "周青年", "甲", "1班", "2", 2],
           ["2024.09.12", "钱组长", "甲", "2班", "3", ""],
           ["2024.09.12", "外校客人", "甲", "2班", "3", 1],   # not in roster
           ["2024.09.13", "王莉", "甲", "3班", "1", 1],       # fits 王莉(大) and 王莉(小)
           ["2024.09.14", "王莉(大)", "甲", "3班", "2", 1],
           ["2025.03.01", "周青年", "乙", "1班", "1", 1]]
    _import(store, log, "听课记录.xlsx")
    _import(store, [log[0], log[3]], "听课记录-补交.xlsx")  # the 2024.09.11 lesson again, in another file
    summary = [["2024-2025学年第一学期听课统计"], ["姓名", "听课节数"],
               ["周青年", 9], ["李备课", 12], ["吴无龄", 4], ["合计", 25]]
    _import(store, summary, "听课统计.xlsx")
    papers = [["作者", "论文题目", "获奖级别", "获奖时间"],
              ["周青年、李备课", "论文一", "省一等奖", "2024.10"],
              ["钱组长", "论文二", "市级二等奖   区一等奖", "2024.11"],
              ["外校作者", "论文三", "市一等奖", "2024.11"],
              ["赵校长", "论文四", "发表", "2025.03"]]
    _import(store, papers, "论文.xlsx")
    projects = [["课题名称", "负责人", "级别", "状态", "立项时间", "计划结题时间", "结题时间"],
                ["课题一", "赵校长", "省级", "在研", "2023.03", "2025.06", ""],
                ["课题二", "钱组长", "市级", "已结题", "2022.09", "2024.06", "2024.12.20"],
                ["课题三", "李备课", "区级", "在研", "2024.10", "2024.12", ""],
                ["课题四", "周青年", "校级", "终止", "2024.03", "2024.06", ""],
                ["课题五", "外校人", "市级", "在研", "2024.03", "", ""],
                ["课题六", "吴无龄", "校级", "结题", "2021.03", "2022.06", "2023.01.10"]]
    _import(store, projects, "课题.xlsx")
    return store


def test_roster_for_a_term_is_the_latest_not_after_it(school):
    ds = school.dataset()
    assert "孙班主" not in set(metrics.roster_for(ds, "2024-2025-1")["name_key"])
    assert "孙班主" in set(metrics.roster_for(ds, "2023-2024-2")["name_key"])
    assert "孙班主" in set(metrics.roster_for(ds, "2022-2023-1")["name_key"])  # before any roster: the earliest


def test_quota_rules_first_match_exact_roles_and_age(school):
    roster = metrics.roster_for(school.dataset(), "2024-2025-1").set_index("name_key")
    assert roster.loc["赵校长", "quota"] == 20
    assert roster.loc["钱组长", "quota"] == 15  # 教研组长 before age < 35
    assert roster.loc["李备课", "quota"] == 10  # 备课组长 is not 教研组长
    assert roster.loc["周青年", ["age", "quota"]].tolist() == [34, 20]
    assert roster.loc["吴无龄", "quota"] == 10  # no birth date: no age-based rule
    spring = metrics.roster_for(school.dataset(), "2024-2025-2").set_index("name_key")
    assert spring.loc["周青年", ["age", "quota"]].tolist() == [35, 10]


def test_observation_counts_dedupe_log_wins_unmatched_not_counted(school):
    result = metrics.observation_counts(school.dataset(), "2024-2025-1")
    counts = result.teachers.set_index("name_key")["count"]
    assert counts["周青年"] == 3  # 1 (twice, counted once) + 2; log wins over the summary's 9
    assert counts["钱组长"] == 1  # blank 节数 = 1, and the copy in the second file counted once
    assert counts["李备课"] == 12 and counts["吴无龄"] == 4  # summary where there is no log
    assert counts["王莉(大)"] == 1 and counts["王莉(小)"] == 0  # bare 王莉 is ambiguous
    assert len(result.duplicates) == 2
    assert sorted(result.unmatched["observer_key"]) == ["外校客人", "王莉"]
    assert set(result.unmatched["reason"]) == {"不在本学期适用的名册中", "名册中有多位同名教师，无法确定是谁"}
    assert result.differences.set_index("name_key").loc["周青年", ["log_count", "summary_count"]].tolist() == [3, 9]


def test_figures_observations_and_behind_order(school):
    figures = metrics.figures(school.dataset(), "2024-2025-1")
    obs = figures["observations"]
    assert figures["teachers"] == obs["quota_teachers"] == 7
    assert obs["total"] == 3 + 1 + 12 + 4 + 1 == sum(obs["by_group"].values())
    assert obs["by_group"] == {"数学组": 19, "英语组": 1, "语文组": 1}
    assert obs["quota_met"] == 1  # 李备课 12 ≥ 10
    assert [(b["name"], b["quota"] - b["count"]) for b in obs["behind"]] == [
        ("赵校长", 20), ("周青年", 17), ("钱组长", 14), ("王莉(小)", 10), ("王莉(大)", 9), ("吴无龄", 6)]


def test_alias_maps_an_unmatched_name_to_a_teacher(school):
    school.set_alias("外校客人", "孙班主")  # not in the 2024 roster: still unmatched
    school.set_alias("王莉", "王莉(小)")
    counts = metrics.observation_counts(school.dataset(), "2024-2025-1").teachers.set_index("name_key")["count"]
    assert counts["王莉(小)"] == 1


def test_papers_count_records_once_and_credit_every_group(school):
    ds = school.dataset()
    figures = metrics.figures(ds, "2024-2025-1")
    assert figures["papers"]["total"] == 3  # 论文一 + 论文二 ×2 awards; 外校 not counted
    assert figures["papers"]["by_level"] == {"国家级": 0, "省级": 1, "市级": 1, "区县级": 1, "校级": 0}
    assert figures["papers"]["by_grade"]["一等奖"] == 2 and figures["papers"]["by_grade"]["二等奖"] == 1
    assert metrics.figures(ds, "2024-2025-1", "数学组")["papers"]["total"] == 1
    assert metrics.figures(ds, "2024-2025-1", "语文组")["papers"]["total"] == 2
    other = metrics.paper_records(ds, "2024-2025-1", metrics.roster_for(ds, "2024-2025-1")).other_school
    assert list(other["authors"]) == ["外校作者"]
    assert metrics.figures(ds, "2024-2025-2")["papers"]["by_grade"]["发表"] == 1


def test_project_flags(school):
    ds = school.dataset()
    projects = metrics.figures(ds, "2024-2025-1")["projects"]
    # in progress: 课题一, 课题二 (concluded within the term), 课题三; not 终止, not 外校, not concluded before
    assert projects == {"in_progress": 3, "new": 1, "concluded": 1, "overdue": 1,
                        "by_level": {"国家级": 0, "省级": 1, "市级": 1, "区县级": 1, "校级": 0}}
    assert metrics.figures(ds, "2024-2025-1", "数学组")["projects"]["in_progress"] == 1


def test_project_lists_merge_by_title_and_leader(school):
    later = [["课题名称", "负责人", "状态", "结题时间"], ["课题一", "赵校长", "已结题", "2025.05.10"]]
    _import(school, later, "课题结题.xlsx", term="2024-2025-2")
    projects = metrics.figures(school.dataset(), "2024-2025-2")["projects"]
    assert projects["concluded"] == 1 and projects["by_level"]["省级"] == 1


def test_empty_store_gives_zero_figures(store):
    figures = metrics.figures(store.dataset(), "2024-2025-1")
    assert figures["teachers"] == 0 and figures["papers"]["total"] == 0 and figures["projects"]["in_progress"] == 0
    assert dt.date  # keep import used


def test_alias_to_a_teacher_not_in_this_terms_roster_says_so(school):
    school.set_alias("外校客人", "孙班主")  # 孙班主 left before 2024-2025-1
    unmatched = metrics.observation_counts(school.dataset(), "2024-2025-1").unmatched.set_index("observer_key")
    assert unmatched.loc["外校客人", "reason"] == "已对应到一位教师，但他不在本学期适用的名册中"


def test_other_schools_projects_are_reported_only_in_terms_they_touch(school):
    ds = school.dataset()
    for term, expected in (("2024-2025-1", ["课题五"]), ("2021-2022-1", [])):
        roster = metrics.roster_for(ds, term)
        assert list(metrics.project_status(ds, term, roster)[1]["title"]) == expected
