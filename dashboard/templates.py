"""Downloadable .xlsx templates, one per kind of file, with an example row.

Each template has one sheet: a header row of recognised headers (from
:data:`dashboard.contract.COLUMN_SYNONYMS`), each with a note on what to
write, and one example row in grey.  The first kinds' templates are written
here; every other declared kind gets one made from its declaration
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


#: The templates written by hand (a kind may need two: a 听课 log and a per-teacher summary).
WRITTEN: dict[str, Template] = {template.key: template for template in (
    Template("roster", "roster", "教师名册", "教师名册模板.xlsx", (
        ("name", "姓名", "王小明", "必填。同名教师请写成“王莉(大)”“王莉(小)”区分。"),
        ("gender", "性别", "男", ""),
        ("group", "教研组", "语文组", "按教研组统计时使用；空白归入“未分组”。"),
        ("role", "职务", "班主任", "校长、副校长、主任、副主任、教研组长等，决定听课要求；普通教师可空。"),
        ("birth_date", "出生年月", dt.date(1990, 5, 1), "如 1990-05；按年龄确定听课要求，请勿空白。"),
        ("work_start", "参加工作时间", dt.date(2012, 8, 1), "如 2012-08。"),
        ("title", "职称", "中学一级教师", ""),
        ("term", "学期", "2024-2025学年第一学期", "必填：名册适用的学期，如 2024-2025学年第一学期 或 2024-2025-1。"),
    )),
    Template("observations_log", "observations", "听课记录（每节一行）", "听课记录模板.xlsx", (
        ("date", "听课日期", dt.date(2024, 10, 12), "必填，如 2024-10-12；据此确定学期。"),
        ("observer", "听课人", "王小明", "必填。几位教师同听一节课可写在一格，用“、”分隔。"),
        ("teacher", "授课教师", "李华", ""),
        ("subject", "学科", "语文", ""),
        ("class_name", "班级", "高一(1)班", "与日期、听课人、授课教师、节次都相同的记录只计一次。"),
        ("period", "节次", "第2节", ""),
        ("lessons", "节数", 1, "空白按 1 节计。"),
        ("group", "教研组", "语文组", ""),
        ("topic", "课题", "荷塘月色", "上课内容，可空。"),
    )),
    Template("observations_summary", "observations", "听课汇总（每人一行）", "听课汇总模板.xlsx", (
        ("name", "姓名", "王小明", "必填。"),
        ("group", "教研组", "语文组", ""),
        ("lessons", "听课节数", 12, "必填：本学期听课总节数。有听课记录的教师以记录为准。"),
        ("term", "学期", "2024-2025学年第一学期", "必填，如 2024-2025学年第一学期 或 2024-2025-1。"),
    )),
    Template("papers", "papers", "论文获奖与发表", "论文模板.xlsx", (
        ("title", "论文题目", "高中语文整本书阅读教学的实践与思考", "必填。"),
        ("authors", "作者", "王小明、李华", "必填。多位作者用“、”分隔。"),
        ("award", "获奖等级", "市级一等奖", "级别+等次，如“省级二等奖”“区县级三等奖”；发表的论文可空，填“发表刊物”。"),
        ("date", "获奖时间", dt.date(2024, 11, 20), "获奖或发表日期，据此确定学期。"),
        ("journal", "发表刊物", "", "发表的论文填写刊物名称。"),
        ("unit", "单位", "", "外校作者的记录不计入本校。"),
        ("subject", "学科", "语文", ""),
        ("term", "学期", "2024-2025学年第一学期", "可空：空白时按获奖时间确定学期。"),
    )),
    Template("projects", "projects", "课题", "课题模板.xlsx", (
        ("code", "课题编号", "2024A015", ""),
        ("title", "课题名称", "基于核心素养的高中数学单元教学设计研究", "必填。"),
        ("leader", "负责人", "王小明", "必填，一人。"),
        ("members", "课题组成员", "李华、张丽", "多人用“、”分隔。"),
        ("level", "课题级别", "市级", "国家级、省级、市级、区县级、校级。"),
        ("stage", "课题状态", "立项", "申报、立项、开题、中期、结题、延期、终止。"),
        ("approved_date", "立项时间", dt.date(2024, 3, 1), "如 2024-03。"),
        ("planned_end_date", "计划结题时间", dt.date(2026, 6, 1), "过了此时间仍未结题即为逾期。"),
        ("concluded_date", "结题时间", None, "结题后填写。"),
        ("unit", "单位", "", ""),
    )),
)}


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


class _Templates(Mapping):
    """Every template, live: the hand-written ones, then one per declared kind without one."""

    def _all(self) -> dict[str, Template]:
        written_kinds = {template.kind for template in WRITTEN.values()}
        made = {kind.key: declared_template(kind) for kind in KINDS.values() if kind.key not in written_kinds}
        return {**WRITTEN, **made}

    def __getitem__(self, key: str) -> Template:
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


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
