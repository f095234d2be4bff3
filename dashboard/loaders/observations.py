"""听课: a per-lesson log or a per-teacher summary -> canonical rows.

Log rows have shape ``log`` (one observed lesson, ``lessons`` 节数, blank
meaning 1); summary rows have shape ``summary`` (``lessons`` is the
teacher's term total).  De-duplication and log-vs-summary precedence are
the metrics' job, so that they hold across files.

A log is read column by column (a district's year is 200 000 rows): each
distinct cell value is normalised once, only the rows with a problem are
looked at one by one (in row order, so the problems read as before), and
the result is a dict of columns, not a list of records.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import itemgetter

import numpy as np

from ..lesson_types import lesson_type
from ..normalize import (clean_text, name_key, normalize_class, normalize_period, normalize_term, parse_date,
                         parse_month_day, split_names, squash, term_of_date)
from ..problems import WrongKind
from ..tables import Block, Row
from .common import FileContext, cell, text

_NUMBER = re.compile(r"^\d+(\.0+)?$")


def read_block(block: Block, ctx: FileContext) -> list[dict] | dict[str, list]:
    """Rows of one table: a log (columns) if it has 听课人 (or a form's 提交人), a summary (records)
    if 姓名 + 节数 or 姓名 + month columns; a table of group totals is reported, never counted."""
    shape = block_shape(block)
    if shape == "form":
        _submitter_is_observer(block, ctx)
        shape = "log"
    elif shape == "named log":
        _name_is_observer(block, ctx)
        shape = "log"
    if shape == "log":
        if "date" not in block.fields and "submitted_at" in block.fields:
            _submission_is_date(block, ctx)
        return _log_columns(block, ctx)
    if shape == "summary":
        return [record for row in block.rows if (record := _summary_row(block, row, ctx))]
    if shape == "groups":
        message = group_totals_message(block)
        for row in block.rows:
            ctx.problem(block, row.number, "", message, "skipped")
        return []
    message = not_a_log_message(block)
    for row in block.rows:
        ctx.reject_row(block, row, "", message)
    return []


def block_shape(block: Block) -> str | None:
    """What a table of 听课 is: ``log``, ``named log`` (a log whose observer column is headed 姓名, as
    a form's "您的姓名" question), ``form`` (a form tool's log whose observer is its 提交人),
    ``summary`` (per teacher: 姓名 + 节数, or 姓名 + month columns), ``groups`` (per 教研组 totals:
    教研组 + 节数 with no person), or None (not 听课 data)."""
    if "observer" in block.fields:
        return "log"
    if "name" in block.fields and "teacher" in block.fields:
        return "named log"  # a form's "您的姓名" beside the lesson's teacher: the observer
    if "name" in block.fields and ("lessons" in block.fields or block.months):
        return "summary"
    if "submitter" in block.fields:
        return "form"
    if "group" in block.fields and ("lessons" in block.fields or block.months or "headcount" in block.fields):
        return "groups"
    return None


#: Columns only a 听课 table has: a table with none of them is a list of teachers, not 听课.
_OBSERVATION_FIELDS = {"observer", "teacher", "lessons", "date", "class_name", "period", "submitter", "headcount"}


def check_tables(blocks: list[Block], filename: str) -> None:
    """Refuse a file chosen as 听课 whose tables (with a header) hold no 听课 a teacher can be
    credited with: 教研组 totals only, or a plain list of teachers.  The kind's ``tables_hook``."""
    with_header = [block for block in blocks if block.header_row is not None]
    if not with_header or any(block_shape(block) in ("log", "named log", "form", "summary") for block in with_header):
        return
    groups = [block for block in with_header if block_shape(block) == "groups"]
    if groups:
        raise WrongKind(filename, f"没有可以导入的听课记录：{group_totals_message(groups[0])}")
    if not any(set(block.fields) & _OBSERVATION_FIELDS or block.months for block in with_header):
        what = "、".join(label for label in with_header[0].labels if label.strip())
        raise WrongKind(filename, f"不是听课记录：表头（{what}）只是一份教师名单，没有听课人、授课教师、日期、班级或节数。"
                                  "请检查文件和所选类型。")


def group_totals_message(block: Block) -> str:
    what = "、".join(label for label in block.labels if label.strip())
    return (f"这是各教研组的合计（表头为：{what}），不是每位教师的听课记录，不计入任何教师。"
            "请导入听课明细或每位教师的汇总表。")


def not_a_log_message(block: Block) -> str:
    what = "、".join(label for label in block.labels if label.strip()) or "无表头"
    return f"不是听课记录（表头为：{what}；缺少“听课人”列或“姓名+听课节数”列），未导入。"


def _submitter_is_observer(block: Block, ctx: FileContext) -> None:
    """A form export with no 听课人 question: whoever submitted the form observed the lesson."""
    block.fields["observer"] = block.fields["submitter"]
    ctx.problem(block, block.header_row, block.label("submitter"),
                f"表中没有“听课人”列，按“{block.label('submitter')}”（填表的人）作为听课人；如不对，请在导入预览中纠正列的含义。",
                "info")


def _name_is_observer(block: Block, ctx: FileContext) -> None:
    """A log with 姓名 beside the lesson's 授课教师 (a form's "您的姓名"): that person observed."""
    block.fields["observer"] = block.fields.pop("name")
    ctx.problem(block, block.header_row, block.label("observer"),
                f"表中没有“听课人”列，“{block.label('observer')}”列与授课教师同在一行，按听课人读取；"
                "如不对，请在导入预览中纠正列的含义。", "info")


def _submission_is_date(block: Block, ctx: FileContext) -> None:
    """A form export with no lesson-date question: the day of submission stands in, and the report says so."""
    block.fields["date"] = block.fields["submitted_at"]
    ctx.problem(block, block.header_row, block.label("submitted_at"),
                f"表中没有听课日期列：{block.row_count} 行按“{block.label('submitted_at')}”（提交表单的日期）"
                "作为听课日期和学期的依据，实际听课日期未知；如不对，请在导入时指定学期或在导入预览中纠正列的含义。")


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


_NUMERIC = {bool, int, float}
_BAD = -1  # a 节数 that is no whole number


def mapped(values: list, function) -> list:
    """``function(value)`` for every value, computed once per distinct value.

    Values that compare equal but differ in type (1, 1.0, True) are told apart.
    """
    try:
        distinct = set(values)
    except TypeError:  # an unhashable value
        return [function(value) for value in values]
    if not any(value.__class__ in _NUMERIC for value in distinct) or len(set(map(type, values)) & _NUMERIC) < 2:
        memo = {value: function(value) for value in distinct}
        return list(map(memo.__getitem__, values))
    typed = list(zip(map(type, values), values))
    memo = {key: function(key[1]) for key in set(typed)}
    return list(map(memo.__getitem__, typed))


def _values(block: Block, field_name: str, function) -> list:
    """``function`` of every data row's cell of a field, computed once per distinct value."""
    found = block.factorized(field_name)
    if found is None:
        return mapped(block.column(field_name), function)
    codes, uniques = found
    results = np.empty(len(uniques), dtype=object)
    for index, value in enumerate(uniques):
        results[index] = function(value)
    return results[codes].tolist()


def _lesson_count(raw: object) -> int | None:
    """节数 of a log cell: blank is 1, a whole number is itself, else _BAD."""
    if raw in ("", None) or not squash(raw):
        return 1
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer() and raw >= 0:
        return int(raw)
    value = squash(raw).removesuffix("节").removesuffix("次")
    if _NUMBER.match(value):
        return int(float(value))
    return _BAD


def _take(values: list, index: list[int] | None) -> list:
    if index is None:
        return values
    if len(index) == 1:
        return [values[index[0]]]
    return list(itemgetter(*index)(values)) if index else []


def _log_columns(block: Block, ctx: FileContext) -> dict[str, list]:
    """The log rows of a table as columns; a row naming several 听课人 gives one row each."""
    count = block.row_count
    numbers = block.numbers()
    observers = _values(block, "observer", split_names)
    raw_dates = block.column("date")
    days = mapped(raw_dates, parse_date)
    raw_terms = block.column("term") if "term" in block.fields else None
    row_terms = mapped(raw_terms, normalize_term) if raw_terms is not None else [None] * count
    undated = [i for i, day in enumerate(days) if day is None]
    if undated:  # "10月12日" in a file that states its term
        found: dict[tuple, object] = {}
        for i in undated:
            if term := row_terms[i] or ctx.term_for(block):
                key = (type(raw_dates[i]), raw_dates[i], term)
                if key not in found:
                    found[key] = parse_month_day(raw_dates[i], term)
                days[i] = found[key]
    terms = mapped(days, lambda day: None if day is None else term_of_date(day))
    raw_lessons = block.column("lessons")
    lessons = mapped(raw_lessons, _lesson_count)
    names = np.fromiter(map(len, observers), dtype=np.int64, count=count)
    suspect = (names == 0) | np.fromiter((term is None for term in terms), dtype=bool, count=count)
    suspect |= np.fromiter(lessons, dtype=np.int64, count=count) == _BAD
    if raw_terms is not None:
        suspect |= np.fromiter((bool(row_term) and row_term != term for row_term, term in zip(row_terms, terms)),
                               dtype=bool, count=count)
    dropped: list[int] = []
    raw_observers = None  # read only when a row names no 听课人
    for i in np.flatnonzero(suspect).tolist():
        number = numbers[i]
        if not observers[i]:
            raw_observers = raw_observers if raw_observers is not None else block.column("observer")
            said = clean_text(raw_observers[i])
            ctx.problem(block, number, block.label("observer"),
                        f"听课人“{said}”不是姓名（是角色或称呼），未导入。" if said else "听课人为空，未导入。", "error")
            dropped.append(i)
            continue
        day, row_term = days[i], row_terms[i]
        if day is not None:
            if row_term and row_term != terms[i]:
                ctx.problem(block, number, block.label("term"), f"学期“{clean_text(raw_terms[i])}”与日期 {day} 所在学期不一致，按日期计入 {terms[i]}。")
        elif clean_text(raw_dates[i]):
            ctx.problem(block, number, block.label("date"), f"日期“{clean_text(raw_dates[i])}”无法识别，未导入。", "error")
            dropped.append(i)
            continue
        else:
            term = row_term or ctx.term_for(block)
            if term is None:
                ctx.problem(block, number, block.label("date") or "日期", "没有日期，也无法确定学期，未导入。", "error")
                dropped.append(i)
                continue
            ctx.problem(block, number, block.label("date") or "日期", f"没有日期，按学期 {term} 计入。")
            terms[i] = term
        if lessons[i] == _BAD:
            ctx.problem(block, number, block.label("lessons"), f"节数“{clean_text(raw_lessons[i])}”不是整数，未导入。", "error")
            dropped.append(i)
    if dropped:
        names[dropped] = 0
    if np.all(names == 1):
        index = None
        keys = [found[0] for found in observers]
    else:
        index = np.repeat(np.arange(count), names).tolist()
        keys = list(chain.from_iterable(observers[i] for i in np.flatnonzero(names).tolist()))
    rows = len(keys)
    return {
        "shape": ["log"] * rows,
        "term": _take(terms, index),
        "date": _take(days, index),
        "observer": _take(_values(block, "observer", clean_text), index),
        "observer_key": keys,
        "teacher": _take(_values(block, "teacher", lambda value: name_key(value) or None), index),
        "subject": _take(_values(block, "subject", _text_or_none), index),
        "class_name": _take(_values(block, "class_name", normalize_class), index),
        "period": _take(_values(block, "period", normalize_period), index),
        "lessons": _take(lessons, index),
        "group": _take(_values(block, "group", _text_or_none), index),
        "lesson_type": _take(_values(block, "lesson_type", lesson_type), index),
        "school": _take(_values(block, "school", _text_or_none), index),
        "source_sheet": [block.sheet] * rows,
        "source_row": _take(numbers, index),
    }


def _text_or_none(value: object) -> str | None:
    return clean_text(value) or None


def _month_total(block: Block, row: Row, ctx: FileContext) -> int | None:
    """A month matrix row's term count: its 合计 when the table has one (a disagreement with the
    sum of the months is reported), else the sum of its months; a month that is no number rejects the row."""
    total = 0
    stated_months = 0
    for index, month in block.months.items():
        raw = row.cells[index] if index < len(row.cells) else None
        if raw in ("", None) or not squash(raw):
            continue
        stated_months += 1
        value = _lesson_count(raw)
        if value == _BAD:
            ctx.reject_row(block, row, str(block.labels[index]).strip(), f"{month}月的节数“{clean_text(raw)}”不是整数，未导入。")
            return None
        total += value
    if "lessons" not in block.fields or not squash(cell(block, row, "lessons")):
        if not stated_months:
            ctx.reject_row(block, row, "", "各月节数和合计都为空，未导入。")
            return None
        return total
    stated = _lessons(block, row, ctx, blank=None)
    if stated is not None and stated != total:
        ctx.problem(block, row.number, block.label("lessons"),
                    f"“{block.label('lessons')}”为 {stated}，各月相加为 {total}，两者不一致；按“{block.label('lessons')}” {stated} 计入，请核对。")
    return stated


def _summary_row(block: Block, row: Row, ctx: FileContext) -> dict | None:
    key = name_key(cell(block, row, "name"))
    if not key:
        ctx.reject_row(block, row, block.label("name"), "姓名为空，未导入。")
        return None
    if block.months:
        lessons = _month_total(block, row, ctx)
    elif not squash(cell(block, row, "lessons")):
        ctx.reject_row(block, row, block.label("lessons"), "听课节数为空，未导入。")
        return None
    else:
        lessons = _lessons(block, row, ctx, blank=None)
    if lessons is None:
        return None
    term = (normalize_term(cell(block, row, "term")) if "term" in block.fields else None) or ctx.term_for(block)
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
        "lesson_type": None,
        "school": text(block, row, "school") or None,
        "source_sheet": block.sheet,
        "source_row": row.number,
    }
