"""培训学时: training lists -> one row per teacher and training.

Each named teacher gets a row (a 姓名 cell naming several teachers gives one row each); a form
export without a 姓名 column names the teacher by its 提交人.  学时 and 学分 are kept as written
(学分 become 学时 when figures are computed); a row stating neither is kept with its 学时 unknown
and reported, never read as 0.  The dates are a 日期/起止日期 cell (``2024.10.8-2024.10.12``) or
开始/结束 columns; the training belongs to the term of its end date, else to the term the file
states (reported), else it is not imported.  The level comes from a 级别 column, else the project's
name (“浙江省…培训” → 省级), else who held it (a 主办单位/组织单位/举办单位 column: 市教育局 → 市级),
else a heading; otherwise 级别不明 (reported).
"""

from __future__ import annotations

import datetime as dt
import re

from ..normalize import clean_text, normalize_level, normalize_term, parse_date, squash, states_one_level, term_of_date
from ..tables import Block, Row
from .common import FileContext, cell, issuer, issuer_column, level_unknown, people, text

_FULL_DATE = re.compile(r"(\d{4})\s*[.\-/年．]\s*(\d{1,2})\s*[.\-/月．]\s*(\d{1,2})\s*日?")
_SPAN_END = re.compile(r"^[-~～—–至到]+(?:(\d{1,2})[.\-/月．])?(\d{1,2})日?$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_span(value: object) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a date or 起止日期 cell; one date is both.

    >>> date_span("2024.10.8-2024.10.12")
    (datetime.date(2024, 10, 8), datetime.date(2024, 10, 12))
    >>> date_span("2024.12.28-1.3"), date_span("2024年10月8日至12日")
    ((datetime.date(2024, 12, 28), datetime.date(2025, 1, 3)), (datetime.date(2024, 10, 8), datetime.date(2024, 10, 12)))
    >>> date_span("2024-10-08 ~ 2024-10-12"), date_span(dt.datetime(2025, 3, 1, 9, 0))
    ((datetime.date(2024, 10, 8), datetime.date(2024, 10, 12)), (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1)))
    >>> date_span("2025.3"), date_span(""), date_span("待定")
    ((datetime.date(2025, 3, 1), datetime.date(2025, 3, 1)), (None, None), (None, None))
    """
    if not isinstance(value, str):
        day = parse_date(value)
        return day, day
    found = list(_FULL_DATE.finditer(squash(value)))
    if not found:
        day = parse_date(value)
        return day, day
    text_value = squash(value)
    first = found[0]
    start = _day(int(first[1]), int(first[2]), int(first[3]))
    if start is None:
        return None, None
    if len(found) >= 2:
        last = found[-1]
        return start, _day(int(last[1]), int(last[2]), int(last[3])) or start
    rest = _SPAN_END.match(text_value[first.end():])
    if not rest:
        return start, start
    month = int(rest[1]) if rest[1] else start.month
    end = _day(start.year + (month < start.month), month, int(rest[2]))
    return start, end or start


def number(value: object) -> float | None:
    """A 学时/学分 value: a number, or the number in a text ("24学时", "1.5 分"); None when none.

    >>> number(24), number("24学时"), number(" 1.5 "), number(""), number("无")
    (24.0, 24.0, 1.5, None, None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value else None
    found = _NUMBER.search(squash(value))
    return float(found[0]) if found else None


_TYPES = (("网络", ("网络", "线上", "在线", "远程", "网上", "云端")), ("集中", ("集中", "面授", "线下", "脱产")),
          ("校本", ("校本",)))


def training_type(value: object) -> str | None:
    """集中/网络/校本 from a 类型 cell; another text is kept as written; None when blank.

    >>> training_type("线上"), training_type("集中面授"), training_type("校本研修"), training_type("混合式"), training_type("")
    ('网络', '集中', '校本', '混合式', None)
    """
    written = clean_text(value)
    if not written:
        return None
    for canonical, words in _TYPES:
        if any(word in written for word in words):
            return canonical
    return written


def _context_level(block: Block, ctx: FileContext) -> str | None:
    for value in [*reversed(block.context), block.sheet, *ctx.titles]:
        if len(squash(value)) <= 40 and states_one_level(value) and (found := normalize_level(value)):
            return found
    return None


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """The trainings of one table: a row per teacher named."""
    if block.header_row is None or "project" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip()) or "无表头"
        for row in block.rows:
            ctx.reject_row(block, row, "", f"不是培训记录（表头为：{what}，缺少培训项目列），未导入。")
        return []
    name_field = "name" if "name" in block.fields else "submitter"
    if name_field not in block.fields:
        for row in block.rows:
            ctx.reject_row(block, row, "", "没有姓名列（也没有表单的提交人列），看不出是谁参加的培训，未导入。")
        return []
    default_level = _context_level(block, ctx)
    issuer_at = issuer_column(block)
    records: list[dict] = []
    for row in block.rows:
        records.extend(_row(block, row, ctx, name_field, default_level, issuer_at))
    return records


def _row(block: Block, row: Row, ctx: FileContext, name_field: str, default_level: str | None,
         issuer_at: int | None = None) -> list[dict]:
    project = text(block, row, "project")
    found = people(ctx, block, row, name_field, "参训教师")
    if not project and not found.names:
        return []  # an empty line inside the table
    if not project:
        ctx.reject_row(block, row, block.label("project"), "培训项目为空，未导入。")
        return []
    if not found.names:
        ctx.reject_row(block, row, block.label(name_field), "姓名为空，看不出是谁参加的培训，未导入。")
        return []
    hours, credits = _amount(block, row, ctx)
    start, end = _dates(block, row, ctx)
    term = term_of_date(end) if end else None
    if term is None:
        term = normalize_term(cell(block, row, "term")) or ctx.term_for(block)
        if term is None:
            ctx.reject_row(block, row, block.label("date") or block.label("end_date") or "日期",
                           "没有培训日期，标题和文件名里也没有学期，无法确定属于哪个学期，未导入。导入时请指定学期。")
            return []
        ctx.problem(block, row.number, block.label("date") or block.label("end_date") or "日期",
                    f"没有培训日期：按本文件的学期 {term} 计。", "info")
    level = normalize_level(cell(block, row, "level"))
    if level is None and states_one_level(project):
        level = normalize_level(project)
    level = level or issuer(block, row, issuer_at)[1] or default_level
    if level is None:
        level_unknown(ctx, block, row, block.label("level") or (block.labels[issuer_at] if issuer_at is not None else "级别"),
                      project)
    if len(found.names) > 1:
        ctx.problem(block, row.number, block.label(name_field),
                    f"一格写了 {len(found.names)} 位教师（{'、'.join(found.names)}）：每人各记一条培训。", "info")
    kind_of = training_type(cell(block, row, "type"))
    return [{"term": term, "name": name, "name_key": name, "project": project, "level": level, "type": kind_of,
             "hours": hours, "credits": credits, "start_date": start, "end_date": end,
             "school": text(block, row, "school") or None, "source_sheet": block.sheet, "source_row": row.number}
            for name in found.names]


def _amount(block: Block, row: Row, ctx: FileContext) -> tuple[float | None, float | None]:
    """(学时, 学分) as written; a row with neither is reported."""
    hours = number(cell(block, row, "hours"))
    credits = number(cell(block, row, "credits"))
    if hours is None and credits is None:
        column = block.label("hours") or block.label("credits") or "学时"
        written = clean_text(cell(block, row, "hours")) or clean_text(cell(block, row, "credits"))
        said = f"“{written}”不是数字" if written else "为空"
        ctx.problem(block, row.number, column, f"学时（或学分）{said}：这次培训照常导入，学时记为不明，不计入任何合计。")
    return hours, credits


def _dates(block: Block, row: Row, ctx: FileContext) -> tuple[dt.date | None, dt.date | None]:
    start, end = date_span(cell(block, row, "date"))
    if "start_date" in block.fields:
        start = parse_date(cell(block, row, "start_date")) or start
    if "end_date" in block.fields:
        end = parse_date(cell(block, row, "end_date")) or end
    if end is None and start is not None:
        end = start
    written = clean_text(cell(block, row, "date")) or clean_text(cell(block, row, "end_date"))
    if end is None and written:
        ctx.problem(block, row.number, block.label("date") or block.label("end_date"), f"培训日期“{written}”无法识别。")
    if start is not None and end is not None and end < start:
        ctx.problem(block, row.number, block.label("date") or block.label("end_date"),
                    f"结束日期 {end} 早于开始日期 {start}：按结束日期 {end} 归入学期，请核对。")
    return start, end
