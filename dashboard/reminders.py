"""教研组长's 听课 reminder: who in the group is still behind, the 节 owed and the weeks left.

:func:`build_reminder` is pure (``today`` is a parameter): it takes the
per-teacher counts of :func:`dashboard.metrics.observation_counts` and keeps
:func:`dashboard.metrics.behind_list` of the group, in that order.  The text
is ready to paste into a group chat; :func:`reminder_xlsx` is the same list
as a workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from . import metrics
from .contract import term_label
from .normalize import term_bounds
from .report_text import ReportTable
from .report_xlsx import tables_xlsx
from .dataset import Dataset
from .declared import REMINDER_COLUMNS, reminder_rows
from .labels import REMINDER_BEHIND_COLUMNS as COLUMNS  # noqa: F401 - the labels live in one module



@dataclass
class Reminder:
    """The reminder for one 教研组 on one day."""

    term: str
    group: str
    today: dt.date
    term_end: dt.date
    days_left: int
    weeks_left: int
    rows: pd.DataFrame  # COLUMNS, most owed first
    text: str
    #: what members still owe of the declared kinds (公开课 …): ``declared.REMINDER_COLUMNS``
    others: pd.DataFrame = dataclasses.field(default_factory=lambda: pd.DataFrame(columns=REMINDER_COLUMNS))

    @property
    def filters(self) -> list[tuple[str, str]]:
        return [("学期", term_label(self.term)), ("教研组", self.group), ("统计日期", _day(self.today))]


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def weeks_left(term: str, today: dt.date) -> tuple[int, int]:
    """Days left in the term counting ``today`` (from its first day, before it starts),
    and the weeks they make (a started week counts); (0, 0) once it is over.

    >>> weeks_left("2024-2025-2", dt.date(2025, 8, 18)), weeks_left("2024-2025-2", dt.date(2025, 8, 17))
    ((14, 2), (15, 3))
    >>> weeks_left("2024-2025-2", dt.date(2025, 8, 31)), weeks_left("2024-2025-2", dt.date(2025, 9, 1))
    ((1, 1), (0, 0))
    >>> weeks_left("2024-2025-1", dt.date(2024, 6, 1))
    (153, 22)
    """
    start, end = term_bounds(term)
    days = max((end - max(today, start)).days + 1, 0)
    return days, math.ceil(days / 7)


def build_reminder(teachers: pd.DataFrame, term: str, group: str, today: dt.date) -> Reminder:
    """The reminder for ``group`` from per-teacher counts (``observation_counts(...).teachers``)."""
    behind = metrics.behind_list(teachers[teachers["group"] == group])
    days, weeks = weeks_left(term, today)
    owed = (behind["quota"] - behind["count"]).astype(int).tolist()
    per_week = [math.ceil(gap / weeks) if weeks else None for gap in owed]
    rows = pd.DataFrame(dict(zip(COLUMNS, (behind["name_key"].tolist(), behind["count"].astype(int).tolist(),
                                           behind["quota"].astype(int).tolist(), owed, per_week))), columns=COLUMNS)
    end = term_bounds(term)[1]
    return Reminder(term, group, today, end, days, weeks, rows, _text(group, term, today, end, weeks, rows))


def _text(group: str, term: str, today: dt.date, end: dt.date, weeks: int, rows: pd.DataFrame) -> str:
    head = f"【{group}听课提醒】"
    when = f"截至{_day(today)}"
    if rows.empty:
        return f"{head}\n{when}，本组老师本学期（{term_label(term)}）的听课节数都已达到任务要求，谢谢大家！"
    if weeks:
        lead = (f"{when}，本学期（{term_label(term)}）距结束（{_day(end)}）还有{weeks}周，"
                f"以下{len(rows)}位老师的听课节数尚未达到任务要求：")
    else:
        lead = f"{when}，本学期（{term_label(term)}）已结束，以下{len(rows)}位老师的听课节数未达到任务要求："
    lines = [head, lead]
    for number, row in enumerate(rows.itertuples(index=False), start=1):
        line = f"{number}. {row[0]}：已听{row[1]}节，任务{row[2]}节，还差{row[3]}节"
        if weeks:
            line += f"（每周至少听{row[4]}节）"
        lines.append(line + "；" if number < len(rows) else line + "。")
    lines.append("请以上老师合理安排时间，及时听课并做好登记。谢谢！" if weeks else "请以上老师及时补登听课记录。谢谢！")
    return "\n".join(lines)


def reminder_for(ds: Dataset, term: str, group: str, today: dt.date) -> Reminder:
    """:func:`build_reminder` on the dataset's counts for ``term``, with what the group's members
    still owe of every declared kind (their reminder hooks) beside the 听课 rows."""
    reminder = build_reminder(metrics.observation_counts(ds, term).teachers, term, group, today)
    return with_others(reminder, reminder_rows(ds, term, group, today))


def with_others(reminder: Reminder, others: pd.DataFrame) -> Reminder:
    """``reminder`` with the declared kinds' rows (``REMINDER_COLUMNS``) added to its table and text."""
    if others.empty:
        return reminder
    lines = [f"【{reminder.group}其他待完成事项】"]
    for number, row in enumerate(others.itertuples(index=False), start=1):
        name, item, wanted, done, owed = (_cell(value) for value in row)
        line = f"{number}. {name}：{item}，要求{wanted}，已完成{done}，还差{owed}"
        lines.append(line + ("；" if number < len(others) else "。"))
    # 要求/已完成/还差 hold numbers of some kinds and words of others ("1节", 未注明): text, one type per column,
    # so the table converts for display and export as it is
    shown = others.reset_index(drop=True)
    shown = shown.assign(**{column: shown[column].map(_cell) for column in shown.columns[2:]})
    return dataclasses.replace(reminder, others=shown, text=reminder.text + "\n\n" + "\n".join(lines))


def _cell(value) -> str:
    """A reminder cell as text (a value the hook does not state: 未注明).

    >>> _cell(2), _cell(None), _cell("1节")
    ('2', '未注明', '1节')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "未注明"
    return str(value)


def reminder_xlsx(reminder: Reminder) -> bytes:
    """The reminder list as .xlsx, filters stated on top."""
    table = ReportTable(f"{reminder.group}听课提醒", reminder.rows,
                        f"距学期结束（{_day(reminder.term_end)}）还有{reminder.weeks_left}周。")
    tables = [table]
    if not reminder.others.empty:
        tables.append(ReportTable(f"{reminder.group}其他待完成事项", reminder.others))
    return tables_xlsx(tables, reminder.filters, f"{term_label(reminder.term)}")
