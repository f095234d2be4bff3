"""教师名册: one row per teacher -> canonical roster rows."""

from __future__ import annotations

import re

from ..normalize import birth_date_from_id, clean_text, name_key, normalize_term, parse_date, squash
from ..tables import Block
from .common import FileContext, cell, single_texts, text

_NAME_AND_TITLE = re.compile(r"^[\u4e00-\u9fff·]{2,4}(?:教授|副教授|讲师|助教|研究员|副研究员|高级工程师|工程师|实验师|"
                             r"高级实验师|正高级教师|高级教师|一级教师|二级教师|三级教师|老师|教师)?$")
_TRAILING_DATE = re.compile(r"\s*\d{4}([.\-/年]\d{1,2}月?)?$")


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """Roster rows of one table; rows without a name are reported."""
    if "name" not in block.fields:
        for row in block.rows:
            ctx.reject_row(block, row, "", "这一部分没有可识别的“姓名”表头，未导入。")
        return []
    if "group" not in block.fields:
        ctx.problem(block, block.header_row, "", "名册没有“教研组”列，这些教师的教研组为空，按教研组统计时归入“未分组”。")
    records = []
    from_id = 0  # rows whose birth date was read from their 身份证号
    for row in block.rows:
        raw_name = cell(block, row, "name")
        key = name_key(raw_name)
        if not key:
            ctx.reject_row(block, row, block.label("name"), "姓名为空，未导入。")
            continue
        term = normalize_term(cell(block, row, "term")) if "term" in block.fields else None
        term = term or ctx.term_for(block)
        birth_raw = cell(block, row, "birth_date")
        birth = parse_date(birth_raw)
        if birth is None and clean_text(birth_raw):
            ctx.problem(block, row.number, block.label("birth_date"), f"出生年月“{clean_text(birth_raw)}”无法识别，按年龄的听课要求无法确定。")
        elif birth is None and "id_number" in block.fields:
            birth = birth_date_from_id(clean_text(cell(block, row, "id_number")))
            from_id += birth is not None
        work_raw = cell(block, row, "work_start")
        work_start = parse_date(work_raw)
        if work_start is None and clean_text(work_raw):
            ctx.problem(block, row.number, block.label("work_start"), f"参加工作时间“{clean_text(work_raw)}”无法识别。")
        records.append({
            "term": term,
            "name": clean_text(raw_name),
            "name_key": key,
            "group": text(block, row, "group") or None,
            "role": text(block, row, "role") or None,
            "birth_date": birth,
            "work_start": work_start,
            "title": _TRAILING_DATE.sub("", text(block, row, "title")) or None,
            "school": text(block, row, "school") or None,
            "source_sheet": block.sheet,
            "source_row": row.number,
        })
    if from_id:
        where = "表中没有出生年月" if "birth_date" not in block.fields else "出生年月空白时"
        ctx.problem(block, block.header_row, block.label("id_number"),
                    f"{where}，{from_id} 位教师的出生年月取自“{block.label('id_number')}”列（第 7–14 位）；身份证号不另存为字段（原始文件照常存档）。",
                    "info")
    return records


def check(records: list[dict], ctx: FileContext) -> list[dict]:
    """Refuse a roster no term applies to; drop (and report) a second row with the same name in the same term."""
    if any(record["term"] is None for record in records):
        from ..problems import NoHeader

        raise NoHeader(ctx.filename, "是教师名册，但表中、标题和文件名里都没有学期，无法确定它适用于哪个学期。"
                                     "请在导入时指定学期（例如 2024-2025-1）。")
    seen: dict[tuple, int] = {}
    kept = []
    for record in records:
        key = (record["term"], record["name_key"])
        if key in seen:
            ctx.problems.append(_duplicate(ctx, record, seen[key]))
            continue
        seen[key] = record["source_row"]
        kept.append(record)
    return kept


def _duplicate(ctx: FileContext, record: dict, first_row: int):
    from ..problems import Problem

    return Problem(
        ctx.filename, record["source_sheet"], record["source_row"], "姓名",
        f"“{record['name_key']}”与第{first_row}行重名，未导入。若是两位教师，请写成“{record['name_key']}(大)”“{record['name_key']}(小)”区分。",
        "error",
    )


def names_without_groups(sheets) -> str | None:
    """Why a headerless list of names (with 职称) is not a usable roster; None when it is not such a list.

    The roster's ``sheets_hook``: run on every file chosen as a roster or of no chosen kind.

    >>> from types import SimpleNamespace as S
    >>> names_without_groups([S(rows=[["导师介绍"], ["毛玉明 教授"], ["于秦  副教授"], ["段景山 高级工程师"]])])[:12]
    '只是一份人员名单（姓名，'
    """
    texts = single_texts(sheets)
    every = [squash(value) for sheet in texts for value in sheet[1:]]
    if len(every) < 2 or sum(bool(_NAME_AND_TITLE.match(value)) for value in every) < 0.8 * len(every):
        return None
    return ("只是一份人员名单（姓名，或姓名加职称），没有表头，也没有“教研组”列，不是可用的教师名册，未保存。"
            "教师名册需要每位教师的姓名和教研组（第一行为列名，如“姓名”“教研组”）。")
