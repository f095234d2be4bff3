"""What every kind's loader shares: the file's context, cell access, schemas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..contract import ISSUER_HEADERS, LEVEL_UNKNOWN, SCHEMAS, SOURCE_COLUMNS  # noqa: F401 - the schemas are part of the data contract
from ..normalize import (People, clean_text, issuer_level, normalize_term, parse_date, parse_years, read_people,
                         squash, term_of_date)
from ..problems import Problem
from ..tables import Block, Row, header_key


@dataclass
class FileContext:
    """The file being read: its name, the term it states, the problems found."""

    filename: str
    term_option: str | None = None
    title_term: str | None = None
    titles: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    #: the import option's 获奖与发表 category (``import --category``), for a list that states none
    category_option: str | None = None

    #: sheet name -> the term it names ("2024-2025学年第一学期"), for a workbook of one sheet per term
    sheet_terms: dict[str, str] = field(default_factory=dict)
    #: sheet name -> the term its own title rows state, when the sheets' titles state different terms
    sheet_title_terms: dict[str, str] = field(default_factory=dict)

    @property
    def file_term(self) -> str | None:
        """The import option's term, else the one the title or name states."""
        return self.term_option or self.title_term

    def term_for(self, block: Block) -> str | None:
        """The term of a table with no 学期 of its own: the import option's, else the one its sheet's
        name states, else its sheet's own title's (a workbook of one sheet per term), else the file's."""
        return (self.term_option or self.sheet_terms.get(block.sheet) or self.sheet_title_terms.get(block.sheet)
                or self.title_term)

    def term_origin(self, block: Block) -> str:
        """Where :meth:`term_for` found the term, for messages ("本文件", "工作表「2024秋」")."""
        if self.term_option or not (self.sheet_terms.get(block.sheet) or self.sheet_title_terms.get(block.sheet)):
            return "本文件"
        return f"工作表「{block.sheet}」"

    def problem(self, block: Block | None, row: int | None, column: str, message: str, severity: str = "warning") -> None:
        self.problems.append(Problem(self.filename, block.sheet if block else "", row, column, message, severity))

    def reject_row(self, block: Block, row: Row, column: str, message: str) -> None:
        self.problem(block, row.number, column, message, "error")


_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}(\([^)]{1,3}\))?$")


def looks_like_name(value: object) -> bool:
    """A cell that reads as a person's name (2-4 Han characters).

    >>> looks_like_name("王  月"), looks_like_name("绍兴市第一中学"), looks_like_name("王莉(大)")
    (True, False, True)
    """
    text = squash(value).replace("（", "(").replace("）", ")")
    return bool(_HAN_NAME.match(text))


def cell(block: Block, row: Row, field_name: str) -> object:
    """The raw value of a field in a row ('' when the column is absent)."""
    index = block.fields.get(field_name)
    if index is None or index >= len(row.cells):
        return ""
    value = row.cells[index]
    return "" if value is None else value


def text(block: Block, row: Row, field_name: str) -> str:
    return clean_text(cell(block, row, field_name))


def issuer_column(block: Block) -> int | None:
    """The column that names who issued an award or approved a project (颁发单位, 项目来源 …), if any."""
    wanted = {header_key(header) for header in ISSUER_HEADERS}
    taken = set(block.fields.values())
    return next((index for index, label in enumerate(block.labels)  # "2.举办单位" as "举办单位", as headers are matched
                 if index not in taken and header_key(label) in wanted), None)


def issuer(block: Block, row: Row, index: int | None) -> tuple[str, str | None]:
    """(the issuer text of a row, the level it gives)."""
    if index is None or index >= len(row.cells):
        return "", None
    value = clean_text(row.cells[index])
    return value, (issuer_level(value) if value else None)


def level_unknown(ctx: FileContext, block: Block, row: Row, column: str, what: str) -> None:
    """Report a record whose level no column, issuer or heading states (it is kept, counted in totals only)."""
    ctx.problem(block, row.number, column,
                f"{LEVEL_UNKNOWN}：“{what[:20]}”没有写明级别（国家/省/市/区县/校），也没有能看出级别的颁发单位或标题；"
                f"记为{LEVEL_UNKNOWN}，计入总数，不计入任何一级。")


def people(ctx: FileContext, block: Block, row: Row, field_name: str, role: str) -> People:
    """The people of a cell, with what was set aside reported (等, a role in brackets, role words)."""
    raw = cell(block, row, field_name)
    found = read_people(raw)
    column = block.label(field_name)
    shown = clean_text(raw)
    if found.unnamed_others and found.names:
        ctx.problem(block, row.number, column, f"{role}“{shown}”以“等”结尾：其余{role}未写姓名，只计入列出的 {len(found.names)} 人。", "info")
    if found.others:
        ctx.problem(block, row.number, column,
                    f"{role}“{shown}”括号里是角色和另外的人（{'、'.join(found.others)}），不是{role}，未计为{role}。", "info")
    if found.role_words and found.names:
        ctx.problem(block, row.number, column, f"{role}“{shown}”中的“{'、'.join(found.role_words)}”是角色，不是姓名，未计入。")
    return found


def year_only(value: object) -> tuple[int, int] | None:
    """A date cell that gives only a year or a span of years (and no month)."""
    if parse_date(value) is not None:
        return None
    return parse_years(value)


def file_term_from_texts(texts: list[str]) -> tuple[str | None, bool]:
    """The term a file's titles or name state: (term, derived_from_a_date).

    >>> file_term_from_texts(["2023-2024学年第二学期听课统计"])
    ('2023-2024-2', False)
    >>> file_term_from_texts(["2018年9月岗位及职称情况"])
    ('2018-2019-1', True)
    >>> file_term_from_texts(["教师名册"])
    (None, False)
    """
    for value in texts:
        term = normalize_term(value)
        if term:
            return term, False
    for value in texts:
        day = parse_date(value)
        if day and re.search(r"\d{4}\s*年\s*\d{1,2}\s*月", str(value)):
            return term_of_date(day), True
    return None, False


_PERSON_IN_TITLE = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）])?([\u4e00-\u9fff]{2,3})(?:老师|教师|同志)(?:个人)?的?"
                              r"(?:荣誉|获奖|教科研|成果|论文)")


def person_in_titles(titles: list[str]) -> str | None:
    """The one teacher a list is about when only its title names them.

    >>> person_in_titles(["张小清老师荣誉及教科研成果一览表"]), person_in_titles(["（二）王怀术老师荣誉一览表"])
    ('张小清', '王怀术')
    >>> person_in_titles(["2024学年论文获奖名单"]) is None
    True
    """
    for value in titles:
        match = _PERSON_IN_TITLE.match(squash(value))
        if match:
            return match[1]
    return None


_SENTENCE = re.compile(r"[，。；,;:：]")


def single_texts(sheets) -> list[list[str]]:
    """Per sheet, its non-empty rows as text when every such row holds one cell; else [].

    Stops at a sheet's first row of two cells: a table is not cleaned cell by cell here (a 200 000-row
    log was, 8 million cells, most of its import time)."""
    found = []
    for sheet in sheets:
        texts: list[str] = []
        for cells in sheet.rows:
            row = [text for text in map(clean_text, cells) if text]
            if len(row) > 1:
                texts = []
                break
            texts += row
        found.append(texts)
    return found


def prose_only(sheets) -> str | None:
    """Why a workbook of sentences (a news item, a notice) cannot be imported; None when it has a table.

    >>> from types import SimpleNamespace as S
    >>> prose_only([S(rows=[["我校推荐11篇论文参评，全部获奖。林强和余江《中职学校“双师型”汽修教师培养体系初探》获一等奖，付蕾获二等奖。"]])])[:14]
    '只有成段的文字（如通讯稿、通'
    >>> prose_only([S(rows=[["姓名", "教研组"], ["王月", "语文组"]])]) is None
    True
    """
    texts = single_texts(sheets)
    if not any(texts) or not all(texts):
        return None
    every = [value for sheet in texts for value in sheet]
    if max(len(value) for value in every) < 40 or not any(_SENTENCE.search(value) for value in every):
        return None
    return ("只有成段的文字（如通讯稿、通报），没有表格：其中的名单或数字写在句子里，无法逐行导入，未保存。"
            "请把内容整理成表格（每行一条记录，第一行为列名）后再导入。")


def sorted_keys(names: list[str]) -> str:
    """Names joined for storage: 、-separated, order kept, duplicates dropped."""
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return "、".join(seen)
