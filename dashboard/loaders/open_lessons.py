"""公开课: lists of open lessons (公开课安排表, 示范课名单, a form's 开课登记) -> canonical rows.

One row per lesson given.  Several teachers in one 授课教师 cell (同课异构, two teachers each giving
the lesson) are one lesson each, with the same date, class and period.  The 课型 comes from its
column, else the row's section heading, the table's heading, the sheet name, the title or the file
name ("一人一课安排表" → 一人一课), else it is 公开课 and the row is reported.  A 课型 naming an
ordinary lesson (常态课, 随堂课) is not an open lesson: the row is left out and reported; one naming
no known type is 其他 (reported).  The level comes from a 级别/范围 column (全校 → 校级), else a
heading or title naming one level ("区级公开课"), else it is 级别不明 (None, reported).  The term
comes from the date, else a 学期 column, else the import option, the title or the sheet name.  A form
export with no 授课教师 question takes its 提交人 as the teacher (reported).
"""

from __future__ import annotations

import re

from ..lesson_types import is_ordinary, lesson_type
from ..normalize import (clean_text, name_key, normalize_class, normalize_level, normalize_period, normalize_term,
                         parse_date, parse_month_day, squash, states_one_level, term_of_date)
from ..tables import Block, Row
from .common import FileContext, cell, issuer, issuer_column, level_unknown, people, text

_STATES_LEVEL = re.compile(r"(国家|省|市|区|县|校)级|全校|校内")
_WHOLE_SCHOOL = ("全校", "校内", "本校")
DEFAULT_TYPE = "公开课"
_GROUP_SHEET = re.compile(r"^[\u4e00-\u9fff]{1,8}组$")  # a sheet per 教研组 ("语文组")


def _context_texts(block: Block, ctx: FileContext) -> list[str]:
    """Texts that may state the type or level of a whole table: nearest heading first, then sheet, titles, file name."""
    return [*reversed(block.context), block.sheet, *ctx.titles, ctx.filename]


def context_type(texts: list[str]) -> str | None:
    """The open-lesson type a heading names ("2024学年示范课安排" → 示范课).

    >>> context_type(["高一年级", "2024学年示范课安排"]), context_type(["听课表"])
    ('示范课', None)
    """
    return next((found for value in texts if len(squash(value)) <= 60 and (found := lesson_type(value))), None)


def level_of(value: object) -> str | None:
    """The level of a 级别/范围 cell or heading: a level word, or 全校/校内 → 校级.

    >>> level_of("区级"), level_of("全校"), level_of("2024年市级公开课展示"), level_of("组内")
    ('区县级', '校级', '市级', None)
    >>> level_of("明远中学公开课安排") is None
    True
    """
    text = squash(value)
    if not text or not _STATES_LEVEL.search(text) or not states_one_level(text) and not any(
            word in text for word in _WHOLE_SCHOOL):
        return None
    if any(word in text for word in _WHOLE_SCHOOL):
        return "校级"
    return normalize_level(text)


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """The open lessons of one table."""
    if "teacher" not in block.fields and "submitter" in block.fields:
        block.fields["teacher"] = block.fields["submitter"]
        ctx.problem(block, block.header_row, block.label("teacher"),
                    f"表中没有“授课教师”列，按“{block.label('teacher')}”（填表的人）作为授课教师；"
                    "如不对，请在导入预览中纠正列的含义。", "info")
    if block.header_row is None or "teacher" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip()) or "无表头"
        for row in block.rows:
            ctx.reject_row(block, row, "", f"不是公开课名单（表头为：{what}；缺少“授课教师”列），未导入。")
        return []
    texts = _context_texts(block, ctx)
    default_type = context_type(texts)
    default_level = next((found for value in texts if len(squash(value)) <= 60 and (found := level_of(value))), None)
    records: list[dict] = []
    for row in block.rows:
        records.extend(_row(block, row, ctx, default_type, default_level))
    return records


def _term_and_date(block: Block, row: Row, ctx: FileContext):
    """(term, date) of a row, reporting what is unknown; (None, None) rejects the row."""
    raw = cell(block, row, "date")
    day = parse_date(raw)
    row_term = normalize_term(cell(block, row, "term")) if "term" in block.fields else None
    if day is None and clean_text(raw) and (row_term or ctx.term_for(block)):
        day = parse_month_day(raw, row_term or ctx.term_for(block))  # "10月12日" in a file that states its term
    if day is not None:
        term = term_of_date(day)
        if row_term and row_term != term:
            ctx.problem(block, row.number, block.label("term"),
                        f"学期“{text(block, row, 'term')}”与日期 {day} 所在学期不一致，按日期计入 {term}。")
        return term, day
    if clean_text(raw):
        ctx.reject_row(block, row, block.label("date"), f"日期“{clean_text(raw)}”无法识别，未导入。")
        return None, None
    term = row_term or ctx.term_for(block)
    if term is None:
        ctx.reject_row(block, row, block.label("date") or "日期", "没有日期，也无法确定学期，未导入。导入时请指定学期。")
        return None, None
    ctx.problem(block, row.number, block.label("date") or "日期",
                f"没有日期，按学期 {term} 计入；与听课记录中的同一节课无法按日期对上，可能重复计数。")
    return term, None


def _type(block: Block, row: Row, ctx: FileContext, default: str | None) -> str | None:
    """The row's 课型; None when it names an ordinary lesson (the row is left out)."""
    raw = cell(block, row, "lesson_type")
    found = lesson_type(raw)
    if found:
        return found
    said = clean_text(raw)
    if said and is_ordinary(said):
        ctx.problem(block, row.number, block.label("lesson_type"),
                    f"课型“{said}”是常态课，不是公开课，未计入公开课。", "skipped")
        return None
    if said:
        ctx.problem(block, row.number, block.label("lesson_type"), f"课型“{said}”不是已知的公开课类型，记为“其他”。", "info")
        return "其他"
    section = lesson_type(row.section) if row.section and len(squash(row.section)) <= 60 else None
    if section or default:
        return section or default
    ctx.problem(block, row.number, block.label("lesson_type") or "课型", f"没有写明课型，按“{DEFAULT_TYPE}”计。")
    return DEFAULT_TYPE


def _row(block: Block, row: Row, ctx: FileContext, default_type: str | None, default_level: str | None) -> list[dict]:
    found = people(ctx, block, row, "teacher", "授课教师")
    if not found.names:
        said = clean_text(cell(block, row, "teacher"))
        ctx.reject_row(block, row, block.label("teacher"),
                       f"授课教师“{said}”不是姓名，未导入。" if said else "授课教师为空，未导入。")
        return []
    term, day = _term_and_date(block, row, ctx)
    if term is None:
        return []
    kind = _type(block, row, ctx, default_type)
    if kind is None:
        return []
    level = level_of(cell(block, row, "level"))
    if level is None and row.section and len(squash(row.section)) <= 60:
        level = level_of(row.section)
    issuer_at = issuer_column(block)
    level = level or issuer(block, row, issuer_at)[1] or default_level
    if level is None:
        level_unknown(ctx, block, row, block.label("level") or (block.labels[issuer_at] if issuer_at is not None else "级别"),
                      text(block, row, "topic") or found.names[0])
    shared = {
        "term": term,
        "date": day,
        "topic": text(block, row, "topic") or None,
        "subject": text(block, row, "subject") or None,
        "class_name": normalize_class(cell(block, row, "class_name")),
        "period": normalize_period(cell(block, row, "period")),
        "lesson_type": kind,
        "level": level,
        "group": text(block, row, "group") or (block.sheet if _GROUP_SHEET.search(block.sheet) else None),
        "school": text(block, row, "school") or None,
        "source_sheet": block.sheet,
        "source_row": row.number,
    }
    return [{"teacher": name, "teacher_key": name_key(name), **shared} for name in found.names]
