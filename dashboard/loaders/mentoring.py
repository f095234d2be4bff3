"""师徒结对: pair lists -> one canonical row per (师傅, 徒弟) pair.

A row names a 师傅 and one or more 徒弟 (several in one cell give one pair
each), in two columns or in one cell written ``师傅：张三 徒弟：李四``.  The
terms a pair runs come from, in order: 开始/结束学期 columns, a 起止学期 /
结对时间 cell (``2024-2025-1至2024-2025-2``, ``2024.9-2025.7``), a 学年 cell
(``2024学年``, ``2024-2025``: both of its terms; a cell of one date, ``2024.9``, is when the pair
began: it runs to the end of the 学年 the title states, else that one term — said either way), the row's 学期, the term the
import option, title or file name states (that term only), a 学年 the title
or file name states (both terms).  A row stating none is not imported.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, name_key, normalize_term, parse_date, split_names, squash, term_of_date
from ..tables import Block, Row
from .common import FileContext, cell, people, text

_YEAR_SPAN = re.compile(r"(?<!\d)(\d{4})\s*[-—－~～至到]\s*(\d{4})(?!\s*[.．/年]\s*\d)")
_YEAR_ALONE = re.compile(r"(?<!\d)(\d{4})\s*学年(?!\s*(?:第|上|下|[一二]学期))")
_RANGE = re.compile(r"\s*(?:至|到|—+|－|~|～|--)\s*")
_MONTH_SPAN = re.compile(r"(?<!\d)(\d{4})\s*[.．/年]\s*(\d{1,2})\s*月?\s*[-—－~～至到]+\s*(\d{4})\s*[.．/年]\s*(\d{1,2})")
_PAIR_CELL = re.compile(r"(?:师傅|师父|导师)\s*[:：]?\s*(?P<mentor>[^徒]+?)\s*[,，;；/ ]*\s*(?:徒弟|青年教师)\s*[:：]?\s*(?P<mentees>.+)")


def school_year(value: object) -> tuple[str, str] | None:
    """The two terms of the 学年 a text names, or None.

    >>> school_year("2024学年"), school_year("2024-2025学年师徒结对名单")
    (('2024-2025-1', '2024-2025-2'), ('2024-2025-1', '2024-2025-2'))
    >>> school_year("2024-2025"), school_year(2024)
    (('2024-2025-1', '2024-2025-2'), ('2024-2025-1', '2024-2025-2'))
    >>> school_year("2024学年第一学期") is None, school_year("2024-2026") is None, school_year("") is None
    (True, True, True)
    """
    found = squash(value)
    if not found:
        return None
    match = _YEAR_SPAN.search(found)
    if match:
        first, second = int(match[1]), int(match[2])
        if second != first + 1:
            return None
    else:
        match = _YEAR_ALONE.search(found) or re.fullmatch(r"(\d{4})(?:年度?)?", found)
        if not match:
            return None
        first = int(match[1])
    if normalize_term(found):
        return None  # a term, not a whole 学年
    return f"{first}-{first + 1}-1", f"{first}-{first + 1}-2"


def _one_term(value: str) -> str | None:
    """The term a piece of a span names: a term spelling, else the term of a date."""
    term = normalize_term(value)
    if term:
        return term
    day = parse_date(value)
    return term_of_date(day) if day else None


def term_span(value: object) -> tuple[str, str] | None:
    """(first term, last term) a 起止学期 / 结对时间 / 学年 cell states, or None.

    >>> term_span("2024-2025-1至2024-2025-2"), term_span("2024.9-2025.7")
    (('2024-2025-1', '2024-2025-2'), ('2024-2025-1', '2024-2025-2'))
    >>> term_span("2023年9月～2025年6月"), term_span("2024学年第二学期")
    (('2023-2024-1', '2024-2025-2'), ('2024-2025-2', '2024-2025-2'))
    >>> term_span("2024学年"), term_span("长期") is None, term_span("2024-09-01 00:00:00")
    (('2024-2025-1', '2024-2025-2'), True, ('2024-2025-1', '2024-2025-1'))
    """
    found = squash(value)
    if not found:
        return None
    match = _MONTH_SPAN.search(found)
    if match:
        first = parse_date(f"{match[1]}.{match[2]}")
        last = parse_date(f"{match[3]}.{match[4]}")
        if first and last and first <= last:
            return term_of_date(first), term_of_date(last)
    parts = [part for part in _RANGE.split(found) if part]
    if len(parts) == 2:
        first_term, last_term = _one_term(parts[0]), _one_term(parts[1])
        if first_term and last_term and first_term <= last_term:
            return first_term, last_term
    year = school_year(found)
    if year:
        return year
    term = _one_term(found)
    return (term, term) if term else None


def pair_cell(value: object) -> tuple[str, str] | None:
    """(师傅 text, 徒弟 text) of a cell naming both, or None.

    >>> pair_cell("师傅：张三 徒弟：李四"), pair_cell("师傅:王五，徒弟:赵六、钱七")
    (('张三', '李四'), ('王五', '赵六、钱七'))
    >>> pair_cell("张三") is None
    True
    """
    match = _PAIR_CELL.search(clean_text(value))
    if not match:
        return None
    return match["mentor"].strip(" ，,;；"), match["mentees"].strip()


def _context_span(block: Block, ctx: FileContext) -> tuple[tuple[str, str] | None, str]:
    """The terms the import option, title, file name or sheet name state for every row, and where."""
    term = ctx.term_for(block)
    if term:
        return (term, term), f"学期 {term}"
    for value in [*ctx.titles, block.sheet, ctx.filename, *block.context]:
        year = school_year(value)
        if year:
            return year, f"“{value[:30]}”所写的学年"
    return None, ""


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """The pairs of one table."""
    if block.header_row is None:
        for row in block.rows:
            ctx.reject_row(block, row, "", "这一部分没有表头（需要“师傅”“徒弟”等列名），未导入。")
        return []
    two_columns = "mentor" in block.fields and "mentee" in block.fields
    if not two_columns and "pair" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip())
        for row in block.rows:
            if not any(pair_cell(value) for value in row.cells):
                ctx.reject_row(block, row, "", f"不是师徒结对名单（表头为：{what}，缺少“师傅”“徒弟”列），未导入。")
    default, said = _context_span(block, ctx)
    records: list[dict] = []
    for row in block.rows:
        records.extend(_row(block, row, ctx, two_columns, default, said))
    return records


def _names(block: Block, row: Row, ctx: FileContext, two_columns: bool) -> tuple[list[str], list[str], str]:
    """(师傅 names, 徒弟 names, the column they were read from)."""
    if two_columns:
        mentors = people(ctx, block, row, "mentor", "师傅").names
        mentees = people(ctx, block, row, "mentee", "徒弟").names
        return list(mentors), list(mentees), block.label("mentee")
    values = [cell(block, row, "pair")] if "pair" in block.fields else row.cells
    for value in values:
        found = pair_cell(value)
        if found:
            return split_names(found[0]), split_names(found[1]), block.label("pair")
    return [], [], block.label("pair")


def _span(block: Block, row: Row, ctx: FileContext, default, said) -> tuple[str, str] | None:
    start = normalize_term(cell(block, row, "start_term")) if "start_term" in block.fields else None
    end = normalize_term(cell(block, row, "end_term")) if "end_term" in block.fields else None
    if start or end:
        return start or end, end or start
    for field_name in ("period", "school_year", "term"):
        if field_name in block.fields:
            raw = clean_text(cell(block, row, field_name))
            found = term_span(raw)
            if found and found[0] == found[1] and normalize_term(raw) is None:  # one date: when the pair began
                return _from_start(block, row, ctx, field_name, raw, found[0], default, said)
            if found:
                return found
            if raw:
                ctx.problem(block, row.number, block.label(field_name), f"“{raw}”看不出学年或学期。")
    if default is not None:
        ctx.problem(block, row.number, "", f"这一行没有写结对学年或起止学期，按{said}计（{default[0]} 至 {default[1]}）。", "info")
    return default


def _from_start(block: Block, row: Row, ctx: FileContext, field_name: str, raw: str, start: str, default,
                said) -> tuple[str, str]:
    """A 结对时间 of one date ("2024.9") says when the pair began: it runs to the end of the 学年 the file
    states when that 学年 holds the date, else that one term; either way the reading is said."""
    column = block.label(field_name)
    if default is not None and default[0] <= start <= default[1] and default[0] != default[1]:
        ctx.problem(block, row.number, column, f"结对时间“{raw}”只写了开始：按{said}计到 {default[1]}"
                                               f"（{start} 至 {default[1]}）。", "info")
        return start, default[1]
    ctx.problem(block, row.number, column, f"结对时间“{raw}”只写了一个日期：只计 {start} 一个学期；结对更长请写明起止"
                                           f"（如“2024.9-2025.7”）或学年。", "info")
    return start, start


def _row(block: Block, row: Row, ctx: FileContext, two_columns: bool, default, said) -> list[dict]:
    mentors, mentees, column = _names(block, row, ctx, two_columns)
    if not mentors or not mentees:
        if two_columns or any(pair_cell(value) for value in row.cells):
            missing = "师傅" if not mentors else "徒弟"
            ctx.reject_row(block, row, block.label("mentor" if not mentors else "mentee") or column,
                           f"{missing}为空，不成结对，未导入。")
        return []
    span = _span(block, row, ctx, default, said)
    if span is None:
        ctx.reject_row(block, row, block.label("school_year") or block.label("period") or "学年",
                       "没有写明结对学年或起止学期，标题和文件名里也没有，无法确定适用于哪些学期，未导入。"
                       "请加一列“学年”，或导入时指定学期。")
        return []
    if len(mentors) > 1:
        ctx.problem(block, row.number, block.label("mentor") or column,
                    f"一行写了 {len(mentors)} 位师傅（{'、'.join(mentors)}）：每位师傅与每位徒弟各算一对。", "info")
    if len(mentees) > 1:
        ctx.problem(block, row.number, block.label("mentee") or column,
                    f"一行写了 {len(mentees)} 位徒弟（{'、'.join(mentees)}）：每位徒弟各算一对。", "info")
    content = text(block, row, "content") or None
    group = text(block, row, "group") or None
    return [{"start_term": span[0], "end_term": span[1], "mentor": mentor, "mentor_key": name_key(mentor),
             "mentee": mentee, "mentee_key": name_key(mentee), "content": content, "group": group,
             "school": text(block, row, "school") or None, "source_sheet": block.sheet, "source_row": row.number}
            for mentor in mentors for mentee in mentees if name_key(mentor) != name_key(mentee)]
