"""Downloadable .xlsx templates, one per kind of file, with an example row.

Each template has one sheet: a header row of recognised headers (from
:data:`dashboard.contract.COLUMN_SYNONYMS`), each with a note on what to
write, and one example row in grey.  A kind's declaration may give its templates
written by hand (``Kind.templates``); every other declared kind gets one made from its declaration
(:func:`declared_template`).  A filled template imports with no
problem of severity error or warning (tests/test_templates.py).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from .contract import COLUMN_SYNONYMS
from .kinds import KINDS, Kind


@dataclass(frozen=True)
class Template:
    """One downloadable template: what it is for, its columns and an example row."""

    key: str
    kind: str
    title: str  # shown on the page
    filename: str
    columns: tuple[tuple[str, str, object, str], ...]  # (field, header, example value, note)

    @property
    def headers(self) -> list[str]:
        return [header for _, header, _, _ in self.columns]

    @property
    def example(self) -> list[object]:
        return [value for _, _, value, _ in self.columns]


class _Live(Mapping):
    """key -> template, worked out from the declarations at each use (a kind registered later shows)."""

    def _all(self) -> dict[str, Template]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Template:
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


#: The templates written by hand, from the declarations that give them (a kind may give two: a 听课
#: log and a per-teacher summary).
class _Written(_Live):
    def _all(self) -> dict[str, Template]:
        return {key: Template(key, kind.key, title, filename, tuple(columns))
                for kind in KINDS.values() for key, title, filename, columns in kind.templates}


WRITTEN: Mapping[str, Template] = _Written()


#: An example value per field type, for a template made from a declaration.
_EXAMPLES = {"date": dt.date(2024, 10, 12), "int": 1, "float": 1.0, "text": ""}
_PERSON_EXAMPLE = "王小明"
_TERM_EXAMPLE = "2024-2025学年第一学期"


def declared_template(kind: Kind) -> Template:
    """A template made from a kind's declaration: each field with a header spelling, under its first
    spelling, with the declaration's example value (else one of the field's type; a person field
    gets a name, 学期 a term) and note."""
    example, notes = kind.example or {}, kind.notes or {}
    columns = []
    for field in kind.fields:
        spellings = kind.synonyms.get(field.name)
        if not spellings:
            continue
        default = (_PERSON_EXAMPLE if field.name in kind.people else
                   _TERM_EXAMPLE if field.name == "term" else _EXAMPLES[field.type])
        columns.append((field.name, spellings[0], example.get(field.name, default), notes.get(field.name, "")))
    return Template(kind.key, kind.key, kind.label, f"{kind.upload_name}模板.xlsx", tuple(columns))


class _Templates(_Live):
    """Every template, live: the hand-written ones, then one per declared kind without one."""

    def _all(self) -> dict[str, Template]:
        written_kinds = {template.kind for template in WRITTEN.values()}
        made = {kind.key: declared_template(kind) for kind in KINDS.values() if kind.key not in written_kinds}
        return {**WRITTEN, **made}


#: key -> template: one (or two) per declared kind
TEMPLATES: Mapping[str, Template] = _Templates()


def unrecognised_headers() -> list[tuple[str, str]]:
    """(template, header) pairs whose header is not a spelling of its field (should be none)."""
    return [(template.key, header) for template in TEMPLATES.values() for field_name, header, _, _ in template.columns
            if header not in COLUMN_SYNONYMS[template.kind][field_name]]


def template_bytes(key: str) -> bytes:
    """The .xlsx bytes of one template."""
    template = TEMPLATES[key]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = template.title.split("（")[0]
    sheet.append(template.headers)
    sheet.append(template.example)
    bold, grey = Font(bold=True), Font(italic=True, color="808080")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (_, header, value, note) in enumerate(template.columns, start=1):
        head = sheet.cell(row=1, column=index)
        head.font, head.fill = bold, fill
        text = f"{note}\n第2行是示例，请用实际数据覆盖或删除。" if index == 1 else note
        if text:
            head.comment = Comment(text, "教师发展数据看板", width=260, height=110)
        example = sheet.cell(row=2, column=index)
        example.font = grey
        if isinstance(value, dt.date):
            example.number_format = "yyyy-mm-dd"
        letter = head.column_letter
        sheet.column_dimensions[letter].width = max(10, 2 * len(header) + 4, min(40, 2 * len(str(value or "")) + 2))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
