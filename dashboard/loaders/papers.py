"""获奖与发表: award lists and publication lists -> one canonical row per award of one work.

A cell may state several awards ("省级三等奖   市级一等奖"): each is a
record.  Levels and grades may sit only in the title or the section text
above the rows, or in who issued the award (颁发单位, 奖励名称); a level
that nothing states is 级别不明 (level None, reported).  A list with no
header row is read by what its cells look like, and says so.

A list of one teacher's honours (the name only in the title) or a list
without a paper-title column holds more than papers: only rows that name a
category (论文, 教学设计, 优质课 …) are read, the others are reported as not
papers.  A 学校/单位 column is the authors' unit, never the school of
district mode.

Each record's category (:func:`row_category`): its 类别/项目/评比项目 column,
else the section text above its row, the short text above its table, the
file's title or name, else the import option, else 论文 when the list calls
itself a 论文 list (a header such as 论文题目), else unknown (None, reported).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..contract import CATEGORY_UNKNOWN
from ..normalize import (categories_named, clean_text, normalize_category, normalize_grade, normalize_level,
                         normalize_term, parse_awards, parse_date, split_names, squash, states_one_level,
                         term_of_date)
from ..tables import Block, Row
from .common import (FileContext, cell, issuer, issuer_column, level_unknown, looks_like_name, people,
                     person_in_titles, sorted_keys, text, year_only)

_TITLE_PREFIX = re.compile(r"^论文\s*\d+\s*[:：]\s*")
_PROJECT_MARK = re.compile(r"[（(]\s*课题\s*[)）]")
_JOURNAL = re.compile(r"《|CN|ISSN|刊|报|杂志|出版")
_UNIT = re.compile(r"中学|学校|一中|学院|小学|单位|幼儿园")
#: A title column headed so names achievements of every kind (教学成果, 课程, 专业), papers among them.
_ACHIEVEMENT_TITLES = ("成果名称",)


def context_level(block: Block, ctx: FileContext) -> str | None:
    """The level stated by the nearest short text above a table, else the titles.

    Prose naming several levels ("部省级以上9项，校级18项") states none.  A
    section heading between the rows is not the whole table's: it gives the
    level of the rows under it (:func:`section_level`).
    """
    sections = set(block.sections())
    for value in reversed(block.context):
        if value not in sections and len(squash(value)) <= 40 and states_one_level(value):
            return normalize_level(value)
    for value in ctx.titles:
        if len(squash(value)) <= 60 and states_one_level(value):
            return normalize_level(value)
    return None


def section_level(row: Row) -> str | None:
    """The level the section heading above a row names ("一、省级获奖"), if it names one."""
    if row.section and len(squash(row.section)) <= 40 and states_one_level(row.section):
        return normalize_level(row.section)
    return None


def listed_category(block: Block, ctx: FileContext) -> str | None:
    """The category the nearest short text above a table, else the file's title, else its name states
    (``2024年区优质课评比获奖名单`` → 优质课); a text naming several categories states none."""
    sections = set(block.sections())
    for value in reversed(block.context):
        if value not in sections and len(squash(value)) <= 40 and (found := normalize_category(value)):
            return found
    for value in [*ctx.titles, PurePath(ctx.filename).stem]:
        if len(squash(value)) <= 60 and (found := normalize_category(value)):
            return found
    return None


def calls_itself_papers(block: Block) -> bool:
    """Whether a table says it lists 论文 (a header such as 论文题目, or the text above it)."""
    return any("论文" in str(label) for label in block.labels) or any(
        categories_named(value) == ("论文",) for value in block.context)


def _looks_like_award(value: str) -> bool:
    return bool(parse_awards(value)) or normalize_level(value) is not None


def row_category(block: Block, row: Row, ctx: FileContext, listed: str | None) -> str | None:
    """A record's category: its category column, else the section text above its row, else what the
    list states (``listed``: :func:`listed_category`), else the import option, else 论文 when the
    list calls itself a 论文 list; else None, reported (file, sheet, row, column)."""
    column = block.label("category") or "类别"
    said = text(block, row, "category")
    if said and not _looks_like_award(said):
        named = categories_named(said)
        if len(named) == 1:
            return named[0]
        if not named:
            ctx.problem(block, row.number, column, f"类别“{said[:20]}”不是论文、教学设计、教学案例、课件、微课、优质课、基本功、"
                                                  f"说课之一，记为“其他”。", "info")
            return "其他"
    elif said and (found := normalize_category(said)):
        return found
    if row.section and (found := normalize_category(row.section)):
        return found
    if listed or ctx.category_option:
        return listed or ctx.category_option
    if calls_itself_papers(block):
        return "论文"
    what = f"“{said[:20]}”写了几个类别" if said else "没有类别列，标题、分段文字和文件名也没有写明类别"
    ctx.problem(block, row.number, column, f"{CATEGORY_UNKNOWN}：{what}（论文、教学设计、优质课……）；记为{CATEGORY_UNKNOWN}，"
                                          f"计入获奖与发表总数，不计入任何类别。导入时可指定类别。")
    return None


def honours_category(block: Block, row: Row, award_text: str) -> tuple[bool, str | None]:
    """In a list of honours: (whether the row names a category at all, the one it names).

    A row naming 论文 among others is a 论文 (as it always was read); one naming several other
    categories is of unknown category."""
    named = categories_named(" ".join((text(block, row, "category"), award_text, text(block, row, "title"))))
    if "论文" in named:
        return True, "论文"
    return bool(named), (named[0] if len(named) == 1 else None)


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    """Paper records of one table."""
    if "book" in block.fields:
        for row in block.rows:
            ctx.problem(block, row.number, block.label("book"), "著作（主编/参编书籍），不是论文，未计入。", "skipped")
        return []
    if block.header_row is None:
        return _headerless(block, ctx)
    titled_person = None if "authors" in block.fields else person_in_titles(ctx.titles)
    honours = ("title" not in block.fields or titled_person is not None
               or squash(block.label("title")) in _ACHIEVEMENT_TITLES)
    award_column = ("award" in block.fields or "level" in block.fields or "category" in block.fields
                    or issuer_column(block) is not None)
    if ("authors" not in block.fields and titled_person is None) or (honours and not award_column):
        what = "、".join(label for label in block.labels if label.strip())
        for row in block.rows:
            paper = next((clean_text(value) for value in row.cells if "论文" in clean_text(value)), None)
            if paper:  # say so: a paper award inside a list of other achievements, with no author column
                ctx.problem(block, row.number, "", f"“{paper[:24]}”像是论文获奖，但这一部分（表头为：{what}）没有作者列，"
                                                  f"未计入；如需计入，请在导入页指定作者列。", "skipped")
            else:
                ctx.problem(block, row.number, "", f"这一部分不是论文名单（表头为：{what}，缺少论文题目或作者列），未计入。", "skipped")
        return []
    level = context_level(block, ctx)
    listed = listed_category(block, ctx)
    issuer_at = issuer_column(block)
    records: list[dict] = []
    for row in block.rows:
        records.extend(_row(block, row, ctx, level, issuer_at, honours, titled_person, listed))
    return records


def _row(block: Block, row: Row, ctx: FileContext, default_level: str | None, issuer_at: int | None = None,
         honours: bool = False, titled_person: str | None = None, listed: str | None = None) -> list[dict]:
    category = None
    level_text = text(block, row, "level")
    issuer_text, issuer_found = issuer(block, row, issuer_at)
    # a lone 级别 column may say "省一等奖"; a 类别 column of an achievements list may hold the award
    award_text = text(block, row, "award") or level_text or (
        category_text if _looks_like_award(category_text := text(block, row, "category")) else "")
    if honours and listed:  # a list whose title names its category (a 优质课 list has no paper title);
        # a row naming its own competition ("省多媒体课件制作大赛") is of that one
        honours, category = False, row_category(block, row, ctx, listed)
    if honours:  # a list of honours: only the rows that name a category (论文, 课件 …) are awards of ours
        named, category = honours_category(block, row, award_text)
        if not named:
            what = award_text or issuer_text or text(block, row, "title")
            ctx.problem(block, row.number, block.label("award") or block.label("level"),
                        f"不是论文（也不是教学设计、优质课、课件等评比）：“{what[:24]}”是其他荣誉或奖项，未计入。", "skipped")
            return []
    if titled_person is not None:
        authors = [titled_person]
    else:
        found = people(ctx, block, row, "authors", "作者")
        authors = list(found.names)
        if not authors and found.role_words:
            ctx.reject_row(block, row, block.label("authors"),
                           f"作者一栏写的是“{'、'.join(found.role_words)}”（角色），不是姓名，未导入。")
            return []
    title = _TITLE_PREFIX.sub("", text(block, row, "title")) or (award_text if honours else "")
    if not authors:
        ctx.reject_row(block, row, block.label("authors"), "作者为空，未导入。")
        return []
    if _PROJECT_MARK.search(title):
        ctx.problem(block, row.number, block.label("title"), "标注为（课题）的成果获奖，不计入论文；课题请在课题表中登记。", "skipped")
        return []
    level_column = (normalize_level(level_text) if level_text else None) or issuer_found
    default_level = section_level(row) or default_level
    awards = parse_awards(award_text, default_level=level_column or default_level)
    if (awards and all(grade == "其他" for _, grade in awards) and row.section
            and (grade := normalize_grade(row.section)) and not text(block, row, "journal")):
        awards = [(level, grade) for level, _ in awards]  # a 级别 column under a section row "一等奖"
    if not awards and honours and award_text and categories_named(award_text):
        awards = [(level_column or default_level, "其他")]
        ctx.problem(block, row.number, block.label("award"), f"“{award_text[:24]}”没有写明等次，记为“其他”。")
    kind = "award"
    journal = text(block, row, "journal")
    if awards and all(grade == "其他" for _, grade in awards):
        if journal:  # a list of publications whose 级别 column states only the level
            awards, kind = [(level, "发表") for level, _ in awards], "publication"
        elif _JOURNAL.search(award_text):
            awards = []  # a journal named with its country or province ("中国校外教育"): a publication
    if not awards and row.section and (grade := normalize_grade(row.section)):
        awards = [(level_column or default_level, grade)]
    if not awards:
        journal = journal or (award_text if _JOURNAL.search(award_text) else "")
        if journal or "journal" in block.fields:
            awards = [(level_column, "发表")]
            kind = "publication"
        else:
            ctx.reject_row(block, row, block.label("award"), f"获奖等级“{award_text}”无法识别，未导入。")
            return []
    if all(grade == "发表" for _, grade in awards):
        kind = "publication"
    day = parse_date(cell(block, row, "date")) or parse_date(award_text)
    term = _term(block, row, ctx, day)
    if term is None:
        return []
    if not honours and category is None:
        category = row_category(block, row, ctx, listed)
    elif category is None:
        ctx.problem(block, row.number, block.label("award") or block.label("category"),
                    f"{CATEGORY_UNKNOWN}：“{award_text[:24]}”写了几个类别；记为{CATEGORY_UNKNOWN}，计入获奖与发表总数，不计入任何类别。")
    records = []
    for level, grade in awards:
        if level is None:
            level_unknown(ctx, block, row, block.label("level") or block.label("award") or block.label("journal"), title)
        records.append(_record(block, row, ctx, term, title, authors, level, grade, day, kind,
                               journal=text(block, row, "journal") or (award_text if kind == "publication" else ""),
                               category=category))
    return records


def _term(block: Block, row: Row, ctx: FileContext, day) -> str | None:
    if "term" in block.fields and (term := normalize_term(cell(block, row, "term"))):
        return term
    if day is not None:
        return term_of_date(day)
    column = block.label("date") or "获奖时间"
    years = year_only(cell(block, row, "date"))
    file_term = ctx.term_for(block)  # the option's, the sheet's (one sheet per term), else the title's
    if years is not None:
        said = clean_text(cell(block, row, "date"))
        if file_term:
            ctx.problem(block, row.number, column, f"时间“{said}”只写了年份，看不出学期，按{ctx.term_origin(block)}的学期 {file_term} 计入。")
            return file_term
        ctx.reject_row(block, row, column, f"时间“{said}”只写了年份，看不出学期，标题里也没有学期，未导入。导入时请指定学期。")
        return None
    if file_term:
        return file_term
    ctx.reject_row(block, row, column, "没有学期和获奖/发表时间，标题里也没有学期，无法确定学期，未导入。导入时请指定学期。")
    return None


def _record(block, row, ctx, term, title, authors, level, grade, day, kind, journal="", unit=None,
            category=None) -> dict:
    return {
        "record": 0,
        "term": term,
        "title": title or None,
        "authors": sorted_keys(authors),
        "level": level,
        "grade": grade,
        "date": day,
        "journal": journal or None,
        "unit": unit if unit is not None else (text(block, row, "unit") or text(block, row, "school") or None),
        "kind": kind,
        "category": category,
        "school": None,  # a 学校 column of an award list names the authors' units (kept as unit)
        "source_sheet": block.sheet,
        "source_row": row.number,
    }


def _headerless(block: Block, ctx: FileContext) -> list[dict]:
    """A list with no header row: title = the longest text, authors = the
    name-like cells, unit = the school-like cell, grade from the section."""
    level = context_level(block, ctx)
    listed = listed_category(block, ctx)
    if block.rows:
        ctx.problem(block, block.rows[0].number, "", "这一部分没有表头，按单元格内容推断：最长的文字为论文题目，人名为作者，学校名为单位，奖项取自上方的分段文字。请核对预览。")
    records = []
    for row in block.rows:
        values = [clean_text(value) for value in row.cells if clean_text(value)]
        unit = next((value for value in values if _UNIT.search(value)), None)
        authors = [name for value in values if value != unit and looks_like_name(value) for name in split_names(value)]
        rest = [value for value in values if value != unit and not looks_like_name(value)]
        title = max(rest, key=len) if rest else ""
        grade = normalize_grade(row.section) if row.section else None
        if not authors or len(title) < 4 or grade is None:
            ctx.reject_row(block, row, "", "没有表头，且无法从内容认出论文题目、作者和奖项，未导入。")
            continue
        day = None
        term = _term(block, row, ctx, day)
        if term is None:
            continue
        records.append(_record(block, row, ctx, term, title, authors, level, grade, day, "award", unit=unit,
                               category=row_category(block, row, ctx, listed)))
    return records
