"""What every kind's loader shares: the file's context, cell access, schemas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..contract import SCHEMAS, SOURCE_COLUMNS  # noqa: F401 - the schemas are part of the data contract
from ..normalize import clean_text, normalize_term, parse_date, squash, term_of_date
from ..problems import Problem
from ..tables import Block, Row


@dataclass
class FileContext:
    """The file being read: its name, the term it states, the problems found."""

    filename: str
    term_option: str | None = None
    title_term: str | None = None
    titles: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def file_term(self) -> str | None:
        """The import option's term, else the one the title or name states."""
        return self.term_option or self.title_term

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


def sorted_keys(names: list[str]) -> str:
    """Names joined for storage: 、-separated, order kept, duplicates dropped."""
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return "、".join(seen)
