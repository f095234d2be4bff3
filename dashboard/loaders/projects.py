"""课题: project lists (立项名单, 在研/结题 lists) -> canonical project rows."""

from __future__ import annotations

import re

from ..normalize import (clean_text, name_key, normalize_level, normalize_stage, parse_awards, parse_date,
                         split_names, squash, term_bounds)
from ..tables import Block, Row
from .common import FileContext, cell, looks_like_name, sorted_keys, text

_CODE = re.compile(r"^[A-Za-z]*\d+[A-Za-z0-9]*$")
_UNIT = re.compile(r"中学|学校|一中|学院|小学|幼儿园")
_SUBJECT = re.compile(r"^(高中|初中|小学|中小学|中学)")


def _context_texts(block: Block, ctx: FileContext) -> list[str]:
    """Texts that may state level or stage: nearest heading first, then sheet, titles, file name."""
    return [*reversed(block.context), block.sheet, *ctx.titles, ctx.filename]


def _from_context(block: Block, ctx: FileContext, parse) -> str | None:
    for value in _context_texts(block, ctx):
        if len(squash(value)) <= 60 and (found := parse(value)):
            return found
    return None


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """Projects of one table."""
    if block.header_row is None:
        return _headerless(block, ctx)
    if "title" not in block.fields or "leader" not in block.fields:
        what = "、".join(label for label in block.labels if label.strip())
        for row in block.rows:
            ctx.reject_row(block, row, "", f"不是课题名单（表头为：{what}，缺少课题名称或负责人列），未导入。")
        return []
    level = _from_context(block, ctx, normalize_level)
    stage = _from_context(block, ctx, normalize_stage)
    records = []
    for row in block.rows:
        record = _row(block, row, ctx, level, stage)
        if record:
            records.append(record)
    return records


def _row(block: Block, row: Row, ctx: FileContext, default_level, default_stage) -> dict | None:
    title = text(block, row, "title")
    leaders = split_names(cell(block, row, "leader"))
    if not title:
        ctx.reject_row(block, row, block.label("title"), "课题名称为空，未导入。")
        return None
    if not leaders:
        ctx.reject_row(block, row, block.label("leader"), "负责人为空，未导入。")
        return None
    level = normalize_level(cell(block, row, "level")) or default_level
    if level is None:
        ctx.problem(block, row.number, block.label("level") or "级别", "未注明课题级别，按级别统计时不计入。")
    stage = normalize_stage(cell(block, row, "stage")) or normalize_stage(cell(block, row, "award"))
    if stage is None and parse_awards(cell(block, row, "award")):
        stage = "结题"
        ctx.problem(block, row.number, block.label("award"), "已获成果奖，按已结题计。", "info")
    if stage is None:
        stage = default_stage or "立项"
        if default_stage is None:
            ctx.problem(block, row.number, block.label("stage") or "状态", "未写明课题阶段，按“立项”计。")
    return _record(block, row, ctx, title, leaders, level, stage, members=split_names(cell(block, row, "members")),
                   code=squash(cell(block, row, "code")) or None, unit=text(block, row, "unit") or None)


def _record(block, row, ctx, title, leaders, level, stage, members, code, unit) -> dict | None:
    approved = parse_date(cell(block, row, "approved_date"), year_only=True)
    raw_approved = clean_text(cell(block, row, "approved_date"))
    if approved is None and raw_approved:
        ctx.problem(block, row.number, block.label("approved_date"), f"立项时间“{raw_approved}”无法识别。")
    if approved is not None and re.fullmatch(r"\d{4}年?度?", squash(raw_approved)):
        ctx.problem(block, row.number, block.label("approved_date"), f"立项时间只写了年份“{raw_approved}”，按该年1月1日计。", "info")
    concluded = parse_date(cell(block, row, "concluded_date"))
    file_start = term_bounds(ctx.file_term)[0] if ctx.file_term else None
    if approved is None and stage != "申报":
        if file_start is None:
            ctx.reject_row(block, row, block.label("approved_date") or "立项时间", "没有立项时间，标题里也没有学期，无法确定立项学期，未导入。导入时请指定学期。")
            return None
        approved = file_start
        ctx.problem(block, row.number, block.label("approved_date") or "立项时间", f"没有立项时间，按本文件的学期开始日 {file_start} 计。", "info")
    if stage == "结题" and concluded is None:
        if file_start is not None and "concluded_date" not in block.fields:
            concluded = file_start
            ctx.problem(block, row.number, "结题时间", f"已结题但没有结题时间，按本文件的学期开始日 {file_start} 计。", "info")
        else:
            ctx.problem(block, row.number, block.label("concluded_date") or "结题时间", "已结题但没有结题时间，不计入任何学期的结题数。")
    leader = leaders[0]
    return {
        "code": code,
        "title": title,
        "leader": leader,
        "leader_key": name_key(leader),
        "members": sorted_keys([*leaders[1:], *members]) or None,
        "level": level,
        "stage": stage,
        "approved_date": approved,
        "planned_end_date": parse_date(cell(block, row, "planned_end_date")),
        "concluded_date": concluded,
        "unit": unit,
        "school": text(block, row, "school") or None,
        "source_sheet": block.sheet,
        "source_row": row.number,
    }


def _headerless(block: Block, ctx: FileContext) -> list[dict]:
    """A list with no header: code, (subject), title, unit, leader by content."""
    level = _from_context(block, ctx, normalize_level)
    stage = _from_context(block, ctx, normalize_stage) or "立项"
    if block.rows:
        ctx.problem(block, block.rows[0].number, "", "这一部分没有表头，按单元格内容推断：编号、课题名称（最长的文字）、单位、负责人（单位后的人名）。请核对预览。")
    records = []
    for row in block.rows:
        values = [clean_text(value) for value in row.cells if clean_text(value)]
        unit_at = next((i for i, value in enumerate(values) if _UNIT.search(value)), None)
        after_unit = values[unit_at + 1:] if unit_at is not None else values
        leader = next((value for value in after_unit if looks_like_name(value) and not _SUBJECT.match(value)), None)
        rest = [value for value in values if value != leader and not _CODE.match(value) and (unit_at is None or value != values[unit_at])]
        title = max(rest, key=len) if rest else ""
        if leader is None or len(title) < 6:
            ctx.reject_row(block, row, "", "没有表头，且无法从内容认出课题名称和负责人，未导入。")
            continue
        code = next((value for value in values if _CODE.match(value)), None)
        record = _record(block, row, ctx, title, split_names(leader), level, stage, members=[], code=code,
                         unit=values[unit_at] if unit_at is not None else None)
        if record:
            records.append(record)
    return records
