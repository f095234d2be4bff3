"""听课: a per-lesson log or a per-teacher summary -> canonical rows.

Log rows have shape ``log`` (one observed lesson, ``lessons`` 节数, blank
meaning 1); summary rows have shape ``summary`` (``lessons`` is the
teacher's term total).  De-duplication and log-vs-summary precedence are
the metrics' job, so that they hold across files.
"""

from __future__ import annotations

import re

from ..normalize import (clean_text, name_key, normalize_class, normalize_period, normalize_term, parse_date,
                         parse_month_day, split_names, squash, term_of_date)
from ..tables import Block, Row
from .common import FileContext, cell, text

_NUMBER = re.compile(r"^\d+(\.0+)?$")


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """Rows of one table: a log if it has 听课人, a summary if 姓名 + 节数."""
    if "observer" in block.fields:
        return [record for row in block.rows for record in _log_row(block, row, ctx)]
    if "name" in block.fields and "lessons" in block.fields:
        return [record for row in block.rows if (record := _summary_row(block, row, ctx))]
    what = "、".join(label for label in block.labels if label.strip()) or "无表头"
    for row in block.rows:
        ctx.reject_row(block, row, "", f"不是听课记录（表头为：{what}；缺少“听课人”列或“姓名+听课节数”列），未导入。")
    return []


def _lessons(block: Block, row: Row, ctx: FileContext, blank: int | None) -> int | None:
    raw = cell(block, row, "lessons")
    if raw in ("", None) or not squash(raw):
        return blank
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer() and raw >= 0:
        return int(raw)
    value = squash(raw).removesuffix("节").removesuffix("次")
    if _NUMBER.match(value):
        return int(float(value))
    ctx.reject_row(block, row, block.label("lessons"), f"节数“{clean_text(raw)}”不是整数，未导入。")
    return None


def _log_row(block: Block, row: Row, ctx: FileContext) -> list[dict]:
    observers = split_names(cell(block, row, "observer"))
    if not observers:
        ctx.reject_row(block, row, block.label("observer"), "听课人为空，未导入。")
        return []
    raw_date = cell(block, row, "date")
    day = parse_date(raw_date)
    row_term = normalize_term(cell(block, row, "term")) if "term" in block.fields else None
    if day is None and (row_term or ctx.file_term):
        day = parse_month_day(raw_date, row_term or ctx.file_term)  # "10月12日" in a file that states its term
    if day is not None:
        term = term_of_date(day)
        if row_term and row_term != term:
            ctx.problem(block, row.number, block.label("term"), f"学期“{clean_text(cell(block, row, 'term'))}”与日期 {day} 所在学期不一致，按日期计入 {term}。")
    elif clean_text(raw_date):
        ctx.reject_row(block, row, block.label("date"), f"日期“{clean_text(raw_date)}”无法识别，未导入。")
        return []
    else:
        term = row_term or ctx.file_term
        if term is None:
            ctx.reject_row(block, row, block.label("date") or "日期", "没有日期，也无法确定学期，未导入。")
            return []
        ctx.problem(block, row.number, block.label("date") or "日期", f"没有日期，按学期 {term} 计入。")
    lessons = _lessons(block, row, ctx, blank=1)
    if lessons is None:
        return []
    base = {
        "shape": "log",
        "term": term,
        "date": day,
        "teacher": name_key(cell(block, row, "teacher")) or None,
        "subject": text(block, row, "subject") or None,
        "class_name": normalize_class(cell(block, row, "class_name")),
        "period": normalize_period(cell(block, row, "period")),
        "lessons": lessons,
        "group": text(block, row, "group") or None,
        "school": text(block, row, "school") or None,
        "source_sheet": block.sheet,
        "source_row": row.number,
    }
    raw_observer = clean_text(cell(block, row, "observer"))
    return [{**base, "observer": raw_observer, "observer_key": key} for key in observers]


def _summary_row(block: Block, row: Row, ctx: FileContext) -> dict | None:
    key = name_key(cell(block, row, "name"))
    if not key:
        ctx.reject_row(block, row, block.label("name"), "姓名为空，未导入。")
        return None
    if not squash(cell(block, row, "lessons")):
        ctx.reject_row(block, row, block.label("lessons"), "听课节数为空，未导入。")
        return None
    lessons = _lessons(block, row, ctx, blank=None)
    if lessons is None:
        return None
    term = (normalize_term(cell(block, row, "term")) if "term" in block.fields else None) or ctx.file_term
    if term is None:
        ctx.reject_row(block, row, block.label("term") or "学期", "无法确定学期（表中、标题里都没有写明学期），未导入。导入时请指定学期。")
        return None
    return {
        "shape": "summary",
        "term": term,
        "date": None,
        "observer": clean_text(cell(block, row, "name")),
        "observer_key": key,
        "teacher": None,
        "subject": None,
        "class_name": None,
        "period": None,
        "lessons": lessons,
        "group": text(block, row, "group") or None,
        "school": text(block, row, "school") or None,
        "source_sheet": block.sheet,
        "source_row": row.number,
    }
