"""教研活动: activity records of 教研组 -> one row per activity (or per attendee, merged later).

The 教研组 comes from a 教研组 column (a form's 提交人部门), else the sheet name (one sheet per
group: “语文组”), else a title naming one (“数学组教研活动记录”); a row without one is not
imported.  A row that names only an attendee under the previous row's activity (a sign-in list
with the date and topic written once) belongs to that activity.  参加人员 may be a list in one
cell (、，, spaces); “全体”/“全组” means every member.  Which attendance the row states is kept in
``attendance``: 名单 (the attendees), 缺席 (only absentees: every other member attended), 全体,
or None (neither: counted as held, in nobody's attendance, reported).
"""

from __future__ import annotations

import re

from ..normalize import clean_text, normalize_term, parse_date, parse_month_day, squash, term_of_date
from ..tables import Block, Row
from .common import FileContext, cell, people, sorted_keys, text

_GROUP_IN_TEXT = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:教研组|学科组|组))")
#: what stands before a group's name in a title: the term, the school
_BEFORE_GROUP = re.compile(r"^.*(?:学期|学年度?|年度|中学|小学|学校|\d)")
_EVERYONE = re.compile(r"^(?:全体|全组|全员|全部)")
_NOBODY = ("无", "没有", "/", "-", "—", "无人", "0")


def group_in_text(value: object) -> str | None:
    """The 教研组 a sheet name or title names, if any.

    >>> group_in_text("语文组"), group_in_text("2024学年第一学期数学组教研活动记录"), group_in_text("教研活动")
    ('语文组', '数学组', None)
    >>> group_in_text("英语教研组活动签到表")
    '英语教研组'
    """
    found = _GROUP_IN_TEXT.search(_BEFORE_GROUP.sub("", squash(value)))
    return found[1] if found and len(found[1]) >= 2 else None


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """The activities of one table."""
    if block.header_row is None or "date" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip()) or "无表头"
        for row in block.rows:
            ctx.reject_row(block, row, "", f"不是教研活动记录（表头为：{what}，缺少日期列），未导入。")
        return []
    default_group = None
    if "group" not in block.fields:
        default_group = next((found for value in [block.sheet, *reversed(block.context), *ctx.titles, ctx.filename]
                              if (found := group_in_text(value))), None)
    records: list[dict] = []
    said: set[int] = set()  # the activities whose attendee-only rows were already reported
    for row in block.rows:
        record = _row(block, row, ctx, default_group, records[-1] if records else None, said)
        if record:
            records.append(record)
    return records


def _row(block: Block, row: Row, ctx: FileContext, default_group: str | None, previous: dict | None,
         said: set[int]) -> dict | None:
    raw_date = cell(block, row, "date")
    topic = text(block, row, "topic")
    attendees_cell = clean_text(cell(block, row, "attendees"))
    if not clean_text(raw_date) and not topic and not attendees_cell:
        return None
    if not clean_text(raw_date) and not topic and previous is not None:
        head = previous.get("head_row", previous["source_row"])
        if head not in said:
            said.add(head)
            ctx.problem(block, row.number, block.label("attendees"),
                        f"从这一行起只写了参加人员：按第 {head} 行的活动（{previous['date']}，"
                        f"{previous['topic'] or '未写主题'}）计，直到下一次写明日期或主题。", "info")
        return {**previous, **_attendance(block, row, ctx), "source_row": row.number, "head_row": head}
    term = ctx.term_for(block) or normalize_term(cell(block, row, "term"))
    day = parse_date(raw_date) or (parse_month_day(raw_date, term) if term else None)
    if day is None:
        said = f"“{clean_text(raw_date)}”无法识别" if clean_text(raw_date) else "为空"
        ctx.reject_row(block, row, block.label("date"), f"活动日期{said}，看不出属于哪个学期，未导入。")
        return None
    group = text(block, row, "group") or default_group
    if not group:
        ctx.reject_row(block, row, block.label("group") or "教研组",
                       "没有写明教研组（没有教研组列，工作表名和标题也没有写），未导入。")
        return None
    if not topic:
        ctx.problem(block, row.number, block.label("topic") or "主题", "活动主题为空：照常计入，主题显示为不明。")
    host = people(ctx, block, row, "host", "主讲/主持")
    return {"term": term_of_date(day), "date": day, "group": group, "topic": topic or None,
            "host": sorted_keys(list(host.names)) or None, **_attendance(block, row, ctx),
            "place": text(block, row, "place") or None, "school": text(block, row, "school") or None,
            "source_sheet": block.sheet, "source_row": row.number}


def _attendance(block: Block, row: Row, ctx: FileContext) -> dict:
    """参加人员, 缺席/请假 and which of them the row states."""
    attendees_cell = clean_text(cell(block, row, "attendees"))
    absent_cell = clean_text(cell(block, row, "absentees"))
    absent = [] if squash(absent_cell) in _NOBODY else list(people(ctx, block, row, "absentees", "缺席人员").names)
    if attendees_cell and _EVERYONE.match(squash(attendees_cell)):
        return {"attendees": None, "absentees": sorted_keys(absent) or None, "attendance": "全体"}
    if attendees_cell:
        names = people(ctx, block, row, "attendees", "参加人员").names
        return {"attendees": sorted_keys(list(names)) or None, "absentees": sorted_keys(absent) or None,
                "attendance": "名单"}
    if "absentees" in block.fields:
        return {"attendees": None, "absentees": sorted_keys(absent) or None, "attendance": "缺席"}
    ctx.problem(block, row.number, block.label("attendees") or "参加人员",
                "没有参加人员，也没有缺席/请假名单：活动计入开展次数，不计入任何教师的出勤。")
    return {"attendees": None, "absentees": None, "attendance": None}
