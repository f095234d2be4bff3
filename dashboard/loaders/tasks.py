"""个人任务: item lists or per-teacher count tables -> canonical task rows.

Two shapes, one kind:

- *items* — one 读书笔记 / 教学反思 / 随笔 / 博文 / 微课 per row (姓名, 类别,
  日期, 题目, 字数): one record with ``count`` 1 per named teacher.  The category
  comes from a 类别 column, else from the section, sheet name or title that
  names one (a workbook of one sheet per category); the term from a 学期
  column, else the date, else the import option / title / file name /
  sheet name.  A form-tool export without a date column takes its 提交时间,
  with a warning.
- *counts* — 姓名 | 读书笔记 | 教学反思 | …: one record per teacher and
  category with ``count`` as written; the term from a 学期 column, the import
  option, the title, file name or sheet name.  A blank cell states nothing
  (reported, no record); a 合计 column that disagrees with the sum is reported.
"""

from __future__ import annotations

import re

from ..kinds.tasks import CATEGORY_FIELDS
from ..normalize import clean_text, name_key, normalize_term, parse_date, squash, term_of_date
from ..tables import Block, Row
from .common import FileContext, cell, people, text

_CATEGORY_WORDS = (("读书", "读书笔记"), ("反思", "教学反思"), ("随笔", "随笔"), ("博", "博文"), ("微课", "微课"),
                   ("其他", "其他"), ("其它", "其他"))
_COUNT = re.compile(r"^(\d{1,6})(?:\.0+)?\s*[篇个次节份条字]?$")


def normalize_category(value: object) -> str | None:
    """The category a cell, sheet name or title names, or None.

    >>> normalize_category("读书心得"), normalize_category(" 教学反思 "), normalize_category("教育博客")
    ('读书笔记', '教学反思', '博文')
    >>> normalize_category("微课视频"), normalize_category("教育随笔"), normalize_category("其它")
    ('微课', '随笔', '其他')
    >>> normalize_category("论文") is None, normalize_category("") is None
    (True, True)
    """
    found = squash(value)
    if not found:
        return None
    return next((category for word, category in _CATEGORY_WORDS if word in found), None)


def parse_count(value: object) -> int | None:
    """A count cell as a whole number ≥ 0, or None when it states none.

    >>> parse_count(3), parse_count("4篇"), parse_count(" 2 "), parse_count(5.0), parse_count("900字")
    (3, 4, 2, 5, 900)
    >>> parse_count("若干") is None, parse_count("") is None, parse_count(2.5) is None, parse_count(-1) is None
    (True, True, True, True)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and value >= 0 else None
    match = _COUNT.match(squash(value))
    return int(match[1]) if match else None


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """The task rows of one table."""
    if block.header_row is None or "name" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip()) or "无表头"
        for row in block.rows:
            ctx.reject_row(block, row, "", f"不是个人任务表（表头：{what}；需要“姓名”列，以及“类别”或“读书笔记”“教学反思”等列），未导入。")
        return []
    columns = [field_name for field_name in CATEGORY_FIELDS if field_name in block.fields]
    if columns:
        return _counts(block, ctx, columns)
    return _items(block, ctx)


def _row_term(block: Block, row: Row, ctx: FileContext) -> str | None:
    return (normalize_term(cell(block, row, "term")) if "term" in block.fields else None) or ctx.term_for(block)


def _names(block: Block, row: Row, ctx: FileContext) -> list[str]:
    """The teachers a row names; a row naming none is refused (and reported) and gives []."""
    names = people(ctx, block, row, "name", "教师").names
    if not names:
        ctx.reject_row(block, row, block.label("name"), "姓名为空，未导入。")
    return names


def _counts(block: Block, ctx: FileContext, columns: list[str]) -> list[dict]:
    records = []
    for row in block.rows:
        names = _names(block, row, ctx)
        if not names:
            continue
        term = _row_term(block, row, ctx)
        if term is None:
            ctx.reject_row(block, row, block.label("term") or block.label("name"),
                           "表中、标题和文件名里都没有学期，无法确定这些篇数属于哪个学期，未导入。导入时请指定学期。")
            continue
        blank, total = [], 0
        for field_name in columns:
            raw = cell(block, row, field_name)
            count = parse_count(raw)
            if count is None:
                if clean_text(raw):
                    ctx.problem(block, row.number, block.label(field_name),
                                f"“{clean_text(raw)}”不是篇数，{CATEGORY_FIELDS[field_name]}未计入。")
                else:
                    blank.append(CATEGORY_FIELDS[field_name])
                continue
            total += count
            for name in names:
                records.append(_record(block, row, term, None, name, CATEGORY_FIELDS[field_name], None, None,
                                       count, "counts"))
        if blank:
            ctx.problem(block, row.number, "、".join(block.label(f) for f in columns if CATEGORY_FIELDS[f] in blank),
                        f"{'、'.join(blank)}未填写：记为不明，不计篇数。", "info")
        stated = parse_count(cell(block, row, "total")) if "total" in block.fields else None
        if stated is not None and stated != total:
            ctx.problem(block, row.number, block.label("total"),
                        f"合计写的是 {stated}，各类篇数之和是 {total}：按各类篇数计。")
    return records


def _block_category(block: Block, ctx: FileContext) -> str | None:
    """The category the sheet name, nearest heading or title names (one sheet / table per category)."""
    for value in [block.sheet, *reversed(block.context), *ctx.titles]:
        found = normalize_category(value)
        if found:
            return found
    return None


def _items(block: Block, ctx: FileContext) -> list[dict]:
    default_category = None if "category" in block.fields else _block_category(block, ctx)
    date_field = "date" if "date" in block.fields else ("submitted_at" if "submitted_at" in block.fields else None)
    if date_field == "submitted_at" and block.rows:
        ctx.problem(block, block.rows[0].number, block.label("submitted_at"),
                    f"没有完成日期列：按表单的“{block.label('submitted_at')}”定日期和学期。")
    records = []
    for row in block.rows:
        names = _names(block, row, ctx)
        if not names:
            continue
        category = _category(block, row, ctx, default_category)
        if category is None:
            continue
        raw_date = cell(block, row, date_field) if date_field else ""
        day = parse_date(raw_date)
        if day is None and clean_text(raw_date):
            ctx.problem(block, row.number, block.label(date_field), f"日期“{clean_text(raw_date)}”无法识别。")
        term = (normalize_term(cell(block, row, "term")) if "term" in block.fields else None) or (
            term_of_date(day) if day else None) or ctx.term_for(block)
        if term is None:
            ctx.reject_row(block, row, block.label(date_field or "date") or "日期",
                           "没有日期或学期，标题和文件名里也没有学期，无法确定属于哪个学期，未导入。导入时请指定学期。")
            continue
        words = None
        if "words" in block.fields:
            words = parse_count(cell(block, row, "words"))
            if words is None and clean_text(cell(block, row, "words")):
                ctx.problem(block, row.number, block.label("words"), f"字数“{clean_text(cell(block, row, 'words'))}”无法识别。")
        title = text(block, row, "title") or None
        for name in names:
            records.append(_record(block, row, term, day, name, category, title, words, 1, "items"))
    return records


def _category(block: Block, row: Row, ctx: FileContext, default: str | None) -> str | None:
    if "category" not in block.fields:
        if default is None:
            ctx.reject_row(block, row, "类别", "没有“类别”列，工作表名和标题也没有写明类别（读书笔记、教学反思、随笔、博文、微课），未导入。")
        return default
    raw = text(block, row, "category")
    found = normalize_category(raw) or normalize_category(row.section)
    if found is None and raw:
        ctx.problem(block, row.number, block.label("category"), f"类别“{raw}”不是读书笔记、教学反思、随笔、博文或微课：记为“其他”。")
        return "其他"
    if found is None:
        ctx.reject_row(block, row, block.label("category"), "类别为空，未导入。")
    return found


def _record(block: Block, row: Row, term: str, day, name: str, category: str, title, words, count: int,
            shape: str) -> dict:
    return {"term": term, "date": day, "name": name, "name_key": name_key(name), "category": category,
            "title": title, "words": words, "count": count, "shape": shape,
            "school": text(block, row, "school") or None, "source_sheet": block.sheet, "source_row": row.number}
