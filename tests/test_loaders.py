"""The same tables written several messy ways read to the same canonical rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.loaders import load_file

from .conftest import csv_bytes, xls_bytes, xlsx_bytes

# ------------------------------------------------------------------ 听课 log

LOG = [
    ["日期", "听课人", "授课教师", "学科", "班级", "节次", "节数"],
    [dt.date(2024, 10, 12), "王月", "李华", "语文", "高一(3)班", "第3节", 1],
    [dt.date(2024, 11, 5), "张伟", "李华", "语文", "高一(3)班", "第1节", 2],
    [dt.date(2025, 3, 1), "王月", "陈静", "数学", "高二(1)班", "第2节", None],
]
EXPECTED_LOG = pd.DataFrame({
    "term": ["2024-2025-1", "2024-2025-1", "2024-2025-2"],
    "date": [dt.date(2024, 10, 12), dt.date(2024, 11, 5), dt.date(2025, 3, 1)],
    "observer_key": ["王月", "张伟", "王月"],
    "teacher": ["李华", "李华", "陈静"],
    "class_name": ["高一(3)班", "高一(3)班", "高二(1)班"],
    "lessons": [1, 2, 1],
})


def _as_text_dates(rows, style):
    out = [rows[0]]
    for row in rows[1:]:
        day = row[0]
        text = {"dot": f"{day.year}.{day.month}.{day.day}", "cn": f"{day.year}年{day.month}月{day.day}日",
                "slash": f"{day.year}/{day.month:02d}/{day.day:02d}"}[style]
        out.append([text, *row[1:]])
    return out


def _log_variants():
    header = LOG[0]
    body = LOG[1:]
    spaced = ["日  期", "听 课 人", "执教教师", "学 科", "班\n级", "节次", "听课\n节数"]
    synonyms = ["听课日期", "听课教师", "上课老师", "科目", "上课班级", "节次", "节数"]
    title = [["XX中学2024学年听课记录"], ["填表说明：每听一节课填一行"], []]
    with_total = [*LOG, ["合计", "", "", "", "", "", 4], ["备注：节数空白按1节计"]]
    padded = [header] + [[row[0], " ".join(row[1]), row[2] + "老师", *row[3:]] for row in body]
    two_row_header = [["听课信息", "听课信息", "授课信息", "授课信息", "授课信息", "节次", "节数"], header, *body]
    by_group = {"语文组": [header, body[0], body[1]], "数学组": [header, body[2]]}
    return {
        "plain": ("log.xlsx", xlsx_bytes(LOG)),
        "title rows, blank row, note row": ("log.xlsx", xlsx_bytes([*title, *LOG])),
        "spaced headers and line breaks": ("log.xlsx", xlsx_bytes([spaced, *body])),
        "header synonyms": ("log.xlsx", xlsx_bytes([synonyms, *body])),
        "合计 and 备注 rows": ("log.xlsx", xlsx_bytes(with_total)),
        "padded names and 老师 suffix": ("log.xlsx", xlsx_bytes(padded)),
        "two-row merged header": ("log.xlsx", xlsx_bytes(two_row_header, {"Sheet1": ["A1:B1", "C1:E1"]})),
        "one sheet per 教研组": ("log.xlsx", xlsx_bytes(by_group)),
        "dates as 2024.10.12 text": ("log.xlsx", xlsx_bytes(_as_text_dates(LOG, "dot"))),
        "dates as 2024年10月12日 text": ("log.xlsx", xlsx_bytes(_as_text_dates(LOG, "cn"))),
        "legacy .xls": ("log.xls", xls_bytes(LOG)),
        "CSV UTF-8": ("log.csv", csv_bytes(_as_text_dates(LOG, "slash"), "utf-8")),
        "CSV UTF-8 with BOM": ("log.csv", csv_bytes(_as_text_dates(LOG, "slash"), "utf-8-sig")),
        "CSV GBK": ("log.csv", csv_bytes(_as_text_dates(LOG, "cn"), "gbk")),
    }


@pytest.mark.parametrize("variant", list(_log_variants()))
def test_observation_log_written_many_ways(variant):
    filename, data = _log_variants()[variant]
    result = load_file(data, filename)
    assert result.kind == "observations"
    assert not result.errors, [str(p) for p in result.errors]
    got = result.frame[list(EXPECTED_LOG.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, EXPECTED_LOG, check_dtype=False)


# -------------------------------------------------------------------- roster

def _roster_variants():
    plain = [["姓名", "教研组", "职务", "出生年月", "参加工作时间", "职称"],
             ["王莉（大）", "语文组", "教研组长", "1988.05", "2010年8月", "一级教师"],
             ["王莉（小）", "数学组", "", "1995年3月", "", "二级教师"],
             ["张  伟", "数学组", "班主任", dt.date(1980, 1, 15), "2002.08", "中学高级"]]
    return {
        "term in title": ([["XX中学2024学年第一学期教师名册"], [], *plain], None),
        "term column": ([[*plain[0], "学期"], *[[*row, "2024~2025学年第一学期"] for row in plain[1:]]], None),
        "term option": (plain, "2024-2025-1"),
        "birth dates as 198805 text": ([plain[0], [*plain[1][:3], "198805", *plain[1][4:]], *plain[2:]], "2024-2025-1"),
    }


@pytest.mark.parametrize("variant", list(_roster_variants()))
def test_roster_written_many_ways(variant):
    rows, term = _roster_variants()[variant]
    result = load_file(xlsx_bytes(rows), "教师名册.xlsx", term=term)
    frame = result.frame.set_index("name_key")
    assert result.kind == "roster" and set(frame["term"]) == {"2024-2025-1"}
    assert list(frame.index) == ["王莉(大)", "王莉(小)", "张伟"]
    assert frame.loc["王莉(大)", "birth_date"] == dt.date(1988, 5, 1)
    assert frame.loc["王莉(小)", "birth_date"] == dt.date(1995, 3, 1)
    assert frame.loc["张伟", "birth_date"] == dt.date(1980, 1, 15)
    assert frame.loc["张伟", "role"] == "班主任" and frame.loc["王莉(大)", "role"] == "教研组长"


# -------------------------------------------------------------------- papers

def test_paper_levels_and_grades_by_meaning():
    rows = [["作者", "论文题目", "获奖级别", "获奖时间"],
            ["甲", "论文一", "省一等奖", "2024.10"], ["乙", "论文二", "省级一等", "2024.10"],
            ["丙", "论文三", "一等奖（省级）", "2024.10"], ["丁", "论文四", "市属级三等奖", "2024.10"],
            ["戊", "论文五", "区二", "2024.10"], ["己", "论文六", "县级二等奖", "2024.10"],
            ["庚", "论文七", "国家级二等奖", "2024.10"], ["辛", "论文八", "校级优秀奖", "2024.10"]]
    frame = load_file(xlsx_bytes(rows), "论文.xlsx").frame
    assert list(zip(frame.level, frame.grade)) == [
        ("省级", "一等奖"), ("省级", "一等奖"), ("省级", "一等奖"), ("市级", "三等奖"),
        ("区县级", "二等奖"), ("区县级", "二等奖"), ("国家级", "二等奖"), ("校级", "优秀奖")]
    assert set(frame.term) == {"2024-2025-1"}


def test_paper_level_only_in_title_and_bare_grades():
    rows = [["2024年区论文评比获奖名单"], ["序号", "作者", "单位", "论文题目", "奖次"],
            [1, "甲", "本校", "论文一", "一"], [2, "乙、丙", "本校", "论文二", "三"]]
    frame = load_file(xlsx_bytes(rows), "获奖.xlsx", term="2024-2025-1").frame
    assert list(zip(frame.level, frame.grade)) == [("区县级", "一等奖"), ("区县级", "三等奖")]
    assert list(frame.authors) == ["甲", "乙、丙"]


def test_paper_term_column_beats_date_beats_file_term():
    rows = [["作者", "论文题目", "等级", "获奖时间", "学期"],
            ["甲", "一", "市一等奖", "2024.10.1", "2025春"],
            ["乙", "二", "市一等奖", "2024.10.1", ""],
            ["丙", "三", "市一等奖", "", ""]]
    frame = load_file(xlsx_bytes(rows), "论文.xlsx", term="2023-2024-2").frame
    assert list(frame.term) == ["2024-2025-2", "2024-2025-1", "2023-2024-2"]


# ------------------------------------------------------------------- projects

def test_project_stages_and_dates():
    rows = [["课题名称", "主持人", "课题组成员", "级别", "状态", "立项时间", "计划结题时间", "结题时间"],
            ["课题一", "甲", "乙、丙", "省级规划课题", "在研", "2023年3月", "2025.6", ""],
            ["课题二", "乙", "", "市级", "已结题", "2022.9.1", "2024.6", "2024.12.20"],
            ["课题三", "丙", "", "区级", "中期检查通过", "2024-03-01", "", ""],
            ["课题四", "丁", "", "校级", "拟立项", "", "", ""]]
    frame = load_file(xlsx_bytes(rows), "课题.xlsx").frame
    assert list(frame.stage) == ["立项", "结题", "中期", "申报"]
    assert list(frame.level) == ["省级", "市级", "区县级", "校级"]
    assert frame.approved_date[0] == dt.date(2023, 3, 1) and frame.concluded_date[1] == dt.date(2024, 12, 20)
    assert frame.members[0] == "乙、丙" and frame.approved_date[3] is None


def test_paper_level_and_grade_in_separate_columns():
    rows = [["序号", "教师姓名", "论文标题", "级别", "获奖等第"], [1, "甲", "论文一", "市级", "一等奖"],
            [2, "乙", "论文二", "区级", "三等奖"], [3, "丙", "论文三", "省一等奖", ""]]
    frame = load_file(xlsx_bytes(rows), "论文.xlsx", term="2024-2025-1").frame
    assert list(zip(frame.authors, frame.level, frame.grade)) == [
        ("甲", "市级", "一等奖"), ("乙", "区县级", "三等奖"), ("丙", "省级", "一等奖")]


def test_log_dates_without_year_take_the_year_from_the_term():
    rows = [["2024学年第一学期语文组听课记录"], ["序号", "日期", "听课教师", "执教者", "班级"],
            [1, "10月12日", "甲", "乙", "1班"], [2, "1.8", "甲", "乙", "2班"], [3, "3月1日", "甲", "乙", "3班"]]
    result = load_file(xlsx_bytes(rows), "听课.xlsx")
    assert list(result.frame.date) == [dt.date(2024, 10, 12), dt.date(2025, 1, 8)]
    assert [p.row for p in result.errors] == [5]  # 3月1日 is not in the first term: reported, not guessed


def test_summary_with_monthly_columns_and_a_total_column():
    rows = [["2024学年第一学期教师听课统计表"], ["姓名", "教研组", "9月", "10月", "11月", "12月", "1月", "合计"],
            ["甲", "语文组", 2, 3, 4, 3, 1, 13], ["乙", "数学组", 1, 1, 1, 1, 0, 4], ["合计", "", 3, 4, 5, 4, 1, 17]]
    result = load_file(xlsx_bytes(rows), "听课统计.xlsx")
    assert list(zip(result.frame.observer_key, result.frame.lessons)) == [("甲", 13), ("乙", 4)]
    assert set(result.frame["shape"]) == {"summary"} and set(result.frame.term) == {"2024-2025-1"}


def test_the_one_column_check_stops_at_the_first_row_of_two_cells():
    """A table is not cleaned cell by cell to learn it is no list of sentences (a 200 000-row log was,
    8 million cells): rows after the first row of two cells are never read."""
    from types import SimpleNamespace

    from dashboard.loaders.common import single_texts

    class Unread:
        def __str__(self):
            raise AssertionError("a cell after the first row of two cells was read")

    table = SimpleNamespace(rows=[["标题"], ["姓名", "学科"], [Unread(), Unread()]])
    prose = SimpleNamespace(rows=[["一、通知"], [None, "  各位老师："], [""]])
    assert single_texts([table, prose]) == [[], ["一、通知", "各位老师："]]
