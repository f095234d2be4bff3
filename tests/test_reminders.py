"""教研组长 reminder list: matches the 听课达标 data, today is a parameter, text and .xlsx."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dashboard import metrics
from dashboard.cli import demo_files, import_files
from dashboard.reminders import build_reminder, reminder_for, reminder_xlsx, weeks_left
from dashboard.store import Store

TERM = "2024-2025-2"
TODAY = dt.date(2025, 5, 12)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    assert import_files(Store(url), demo_files(), out=io.StringIO()) == 0
    return Store(url).dataset()


def test_every_group_lists_exactly_its_behind_teachers(demo):
    teachers = metrics.observation_counts(demo, TERM).teachers
    behind = metrics.figures(demo, TERM)["observations"]["behind"]
    groups = list(dict.fromkeys(teachers["group"]))
    assert len(groups) == 7
    for group in groups:
        reminder = build_reminder(teachers, TERM, group, TODAY)
        expected = metrics.behind_list(teachers[teachers["group"] == group])
        assert reminder.rows["姓名"].tolist() == expected["name_key"].tolist()
        assert reminder.rows["已听节数"].tolist() == expected["count"].tolist()
        assert reminder.rows["任务节数"].tolist() == expected["quota"].tolist()
        assert reminder.rows["还差节数"].tolist() == (expected["quota"] - expected["count"]).tolist()
        assert reminder.rows["姓名"].tolist() == [b["name"] for b in behind if b["group"] == group]
        for row in reminder.rows.itertuples(index=False):
            assert f"{row[0]}：已听{row[1]}节，任务{row[2]}节，还差{row[3]}节" in reminder.text


def test_text_ready_for_a_group_chat(demo):
    reminder = reminder_for(demo, TERM, "英语组", TODAY)
    lines = reminder.text.splitlines()
    assert lines[0] == "【英语组听课提醒】"
    assert lines[1] == ("截至2025年5月12日，本学期（2024-2025学年第二学期）距结束（2025年8月31日）还有16周，"
                        f"以下{len(reminder.rows)}位老师的听课节数尚未达到任务要求：")
    assert lines[2] == "1. 钱瑶：已听0节，任务20节，还差20节（每周至少听2节）；"  # on leave, no records at all
    closing = next(number for number, line in enumerate(lines) if line.startswith("请以上老师合理安排时间"))
    # the 听课 part ends with its closing line; what the other kinds' rules ask follows as its own part
    assert lines[closing + 1:closing + 3] == ["", "【英语组其他待完成事项】"] or closing == len(lines) - 1
    assert reminder.weeks_left == 16 and reminder.days_left == 112


def test_today_is_a_parameter(demo):
    teachers = metrics.observation_counts(demo, TERM).teachers
    later = build_reminder(teachers, TERM, "英语组", dt.date(2025, 8, 25))
    assert later.weeks_left == 1 and "还有1周" in later.text and "每周至少听20节" in later.text
    over = build_reminder(teachers, TERM, "英语组", dt.date(2025, 9, 1))
    assert over.weeks_left == 0 and "已结束" in over.text and "每周" not in over.text
    assert over.rows["姓名"].tolist() == later.rows["姓名"].tolist()
    assert weeks_left(TERM, dt.date(2025, 1, 1)) == (212, 31)  # before the term: the whole term is left


def test_nobody_behind(demo):
    teachers = metrics.observation_counts(demo, TERM).teachers
    everyone_met = teachers.assign(met=True)
    reminder = build_reminder(everyone_met, TERM, "数学组", TODAY)
    assert reminder.rows.empty and "都已达到任务要求" in reminder.text


def test_xlsx_states_the_filters_and_lists_the_rows(demo):
    reminder = reminder_for(demo, TERM, "数学组", TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(reminder_xlsx(reminder))).worksheets[0]
    assert sheet.title == "数学组听课提醒"
    assert [sheet.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "学期：2024-2025学年第二学期", "教研组：数学组", "统计日期：2025年5月12日"]
    header = [cell.value for cell in sheet[7]]
    assert header == list(reminder.rows.columns)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=8, max_row=7 + len(reminder.rows))]
    assert rows == reminder.rows.values.tolist()


def test_the_other_kinds_rows_are_text_one_type_per_column(demo):
    """What members owe of the declared kinds mixes numbers and words (要求 “1节”): each column is text, so the
    page's table converts without Streamlit's automatic fixes and the .xlsx writes what the text says."""
    import pyarrow as pa

    groups = list(dict.fromkeys(metrics.observation_counts(demo, TERM).teachers["group"]))
    found = [reminder_for(demo, TERM, group, TODAY).others for group in groups]
    others = [frame for frame in found if not frame.empty]
    assert others, "the demo school owes something of another kind in some group"
    for frame in others:
        pa.Table.from_pandas(frame)  # raised ArrowTypeError on a column of ints and words
        assert all(isinstance(value, str) for column in frame.columns[2:] for value in frame[column]), frame
