"""课题: project lists (立项名单, 在研/结题 lists) -> canonical project rows.

The level comes from a 级别 column, else from who approved the project
(项目来源, 立项单位: 教育部 → 国家级, 四川省 → 省级, 学校 → 校级), else from a
heading that names one level; otherwise it is 级别不明 (None, reported).
A 负责人 cell holding only role words (主研, 负责) names nobody: the project
is kept with its 负责人 unknown, and reported.  A role written in brackets after a
负责人 or 成员 (``王五（执笔）``, ``赵六（排名2）``) is kept in ``member_roles``
("王五:执笔、赵六:排名2"); the person alone is the name.  A 序号 column numbers rows;
it is not a 课题编号.  A year or a span of years ("2005-2008") as the
立项 time gives the 立项 year.  A 学校/单位 column is the project's unit.
"""

from __future__ import annotations

import re

import datetime as dt

from ..normalize import (clean_text, name_key, normalize_level, normalize_stage, parse_awards, parse_date,
                         read_people, split_names, squash, states_one_level, term_bounds)
from ..tables import Block, Row
from .common import (FileContext, cell, issuer, issuer_column, level_unknown, looks_like_name, people, sorted_keys,
                     text, year_only)

_CODE = re.compile(r"^[A-Za-z]*\d+[A-Za-z0-9]*$")
_UNIT = re.compile(r"中学|学校|一中|学院|小学|幼儿园")
_SUBJECT = re.compile(r"^(高中|初中|小学|中小学|中学)")


def _context_texts(block: Block, ctx: FileContext) -> list[str]:
    """Texts that may state level or stage: nearest heading first, then sheet, titles, file name."""
    return [*reversed(block.context), block.sheet, *ctx.titles, ctx.filename]


def _from_context(block: Block, ctx: FileContext, parse) -> str | None:
    """What the headings, sheet name, titles or file name state for the whole table.

    A section heading between the rows states it only for the rows under it.
    """
    sections = set(block.sections())
    for value in _context_texts(block, ctx):
        if value in sections:
            continue
        if len(squash(value)) <= 60 and (found := parse(value)):
            if parse is normalize_level and not states_one_level(value):
                continue  # prose naming several levels ("部省级以上7项，校级12项") states none
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
    issuer_at = issuer_column(block)
    records = []
    for row in block.rows:
        record = _row(block, row, ctx, level, stage, issuer_at)
        if record:
            records.append(record)
    return records


def _row(block: Block, row: Row, ctx: FileContext, default_level, default_stage, issuer_at=None) -> dict | None:
    title = text(block, row, "title")
    found = people(ctx, block, row, "leader", "负责人")
    leaders: list[str | None] = list(found.names)
    if not title:
        ctx.reject_row(block, row, block.label("title"), "课题名称为空，未导入。")
        return None
    if not leaders and found.role_words:
        ctx.problem(block, row.number, block.label("leader"),
                    f"负责人一栏写的是“{'、'.join(found.role_words)}”（角色），不是姓名：课题照常导入，负责人记为不明，不计入任何教师。")
        leaders = [None]
    if not leaders:
        ctx.reject_row(block, row, block.label("leader"), "负责人为空，未导入。")
        return None
    _, issuer_found = issuer(block, row, issuer_at)
    if row.section and len(squash(row.section)) <= 60:
        default_level = (normalize_level(row.section) if states_one_level(row.section) else None) or default_level
        default_stage = normalize_stage(row.section) or default_stage
    level = normalize_level(cell(block, row, "level")) or issuer_found or default_level
    if level is None:
        level_unknown(ctx, block, row, block.label("level") or (block.labels[issuer_at] if issuer_at is not None else "级别"), title)
    stage = normalize_stage(cell(block, row, "stage")) or normalize_stage(cell(block, row, "award"))
    if stage is None and parse_awards(cell(block, row, "award")):
        stage = "结题"
        ctx.problem(block, row.number, block.label("award"), "已获成果奖，按已结题计。", "info")
    if stage is None:
        stage = default_stage or "立项"
        if default_stage is None:
            ctx.problem(block, row.number, block.label("stage") or "状态", "未写明课题阶段，按“立项”计。")
    code = squash(clean_text(cell(block, row, "code"))) or None
    if code and squash(block.label("code")) == "序号" and code.isdigit():
        code = None  # a row number, not a 课题编号
    members = read_people(cell(block, row, "members"))
    return _record(block, row, ctx, title, leaders, level, stage, members=list(members.names),
                   code=code, unit=text(block, row, "unit") or text(block, row, "school") or None,
                   roles=member_roles([*found.roles, *members.roles]))


def member_roles(roles: list[tuple[str, str]]) -> str | None:
    """(name, role) pairs as stored: "name:role" joined by 、, None when there is none.

    >>> member_roles([("王五", "执笔"), ("赵六", "排名2")]), member_roles([])
    ('王五:执笔、赵六:排名2', None)
    """
    return "、".join(f"{name}:{role}" for name, role in roles) or None


def _record(block, row, ctx, title, leaders, level, stage, members, code, unit, roles=None) -> dict | None:
    approved = parse_date(cell(block, row, "approved_date"))
    raw_approved = clean_text(cell(block, row, "approved_date"))
    years = year_only(cell(block, row, "approved_date")) if approved is None else None
    if years is not None:
        approved = dt.date(years[0], 1, 1)
        said = "起止年份" if years[1] > years[0] else "年份"
        ctx.problem(block, row.number, block.label("approved_date"),
                    f"{block.label('approved_date')}“{raw_approved}”只写了{said}，看不出月份：立项按 {years[0]} 年1月1日计。")
    elif approved is None and raw_approved:
        ctx.problem(block, row.number, block.label("approved_date"), f"立项时间“{raw_approved}”无法识别。")
    concluded = parse_date(cell(block, row, "concluded_date"))
    file_term = ctx.term_for(block)  # the option's, the sheet's (one sheet per term), else the title's
    file_start = term_bounds(file_term)[0] if file_term else None
    if approved is None and stage != "申报" and concluded is not None:
        # a list of concluded projects (结题名单) rarely says when they were approved: the term the file is
        # for is when they concluded, not when they began; their approval stays unknown
        ctx.problem(block, row.number, block.label("approved_date") or "立项时间",
                    f"没有立项时间：立项学期不明，不计入任何学期的新立项和在研；按结题时间 {concluded} 计入结题。")
    elif approved is None and stage != "申报":
        if file_start is None:
            ctx.reject_row(block, row, block.label("approved_date") or "立项时间", "没有立项时间，标题里也没有学期，无法确定立项学期，未导入。导入时请指定学期。")
            return None
        approved = file_start
        ctx.problem(block, row.number, block.label("approved_date") or "立项时间", f"没有立项时间，按{ctx.term_origin(block)}的学期开始日 {file_start} 计。", "info")
    if stage == "结题" and concluded is None:
        if file_start is not None and "concluded_date" not in block.fields:
            concluded = file_start
            ctx.problem(block, row.number, "结题时间", f"已结题但没有结题时间，按{ctx.term_origin(block)}的学期开始日 {file_start} 计。", "info")
        else:
            ctx.problem(block, row.number, block.label("concluded_date") or "结题时间", "已结题但没有结题时间，不计入任何学期的结题数。")
    leader = leaders[0]
    return {
        "code": code,
        "title": title,
        "leader": leader,
        "leader_key": name_key(leader) if leader else None,
        "members": sorted_keys([*leaders[1:], *members]) or None,
        "member_roles": roles,
        "level": level,
        "stage": stage,
        "approved_date": approved,
        "planned_end_date": parse_date(cell(block, row, "planned_end_date")),
        "concluded_date": concluded,
        "unit": unit,
        "school": None,  # a 学校 column of a project list names the project's unit (kept as unit)
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
        if level is None:
            level_unknown(ctx, block, row, "级别", title)
        record = _record(block, row, ctx, title, split_names(leader), level, stage, members=[], code=code,
                         unit=values[unit_at] if unit_at is not None else None)
        if record:
            records.append(record)
    return records
