"""The import flow without Streamlit: preview, corrections, commit, replace, undo.

``pages/import_data.py`` only draws what these functions return:

    preview = prepare(data, "听课记录.xlsx", Options(term="2024-2025-1"), store.mappings())
    preview.result.frame, preview.problems_table(), preview.columns
    reports = commit(store, [(preview, None)], progress=callback)

A file that cannot be imported never raises here: :func:`prepare` returns a
preview whose ``rejected`` holds the Chinese message naming the file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from .contract import COLUMN_SYNONYMS, KIND_LABELS, KINDS
from .kinds import KINDS as DECLARED
from .loaders import LoadResult, load_file
from .normalize import squash
from .problems import ImportRejected, Problem
from .reading import read_workbook
from .tables import HOW_LABELS, CustomMapping, find_blocks, header_key, header_meaning
# the labels live in dashboard.labels (re-exported here under their old names)
from .labels import (COLUMN_LABELS, FIELD_LABELS, READ_FIELD_LABELS, HISTORY_HEADERS, HISTORY_SCHOOL_HEADER, NO_HEADER_ROW,
                     TABLES_COLUMNS, KIND_COLUMN_LABELS as _KIND_COLUMN_LABELS,
                     PROBLEM_HEADERS, SEVERITY_LABELS, VALUE_LABELS as _VALUE_LABELS)  # noqa: F401

log = logging.getLogger(__name__)






#: The choice "this column means nothing we import".
IGNORE = ""


def duplicate_message(batch_id: int) -> str:
    """What a user reads when the same bytes were imported before.

    >>> duplicate_message(3)
    '此文件已导入（批次 3）'
    """
    return f"此文件已导入（批次 {batch_id}）"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ options

@dataclass(frozen=True)
class Options:
    """The import options a user may override (None / empty: detect)."""

    kind: str | None = None
    term: str | None = None
    sheets: tuple[str, ...] | None = None
    header_rows: tuple[tuple[str, int], ...] = ()
    category: str | None = None  # 获奖与发表: the category of a list that states none

    def load_kwargs(self) -> dict:
        return {"kind": self.kind, "term": self.term, "sheets": list(self.sheets) if self.sheets is not None else None,
                "header_rows": dict(self.header_rows) or None, "category": self.category}


# ------------------------------------------------------------------ preview

@dataclass
class ColumnInfo:
    """One published header of a table, and the field it is read as."""

    sheet: str
    header_row: int
    header: str  # as published (line breaks removed)
    key: str  # normalised (dashboard.tables.header_key): what a saved mapping is keyed by
    field: str | None
    how: str = ""  # how the meaning was found, for the user: 列名 / 列名含“节数” / 已保存的纠正 / 表单工具的信息列 …


@dataclass
class Preview:
    """What importing a file would store, before anything is stored."""

    filename: str
    sha256: str
    options: Options
    sheet_names: list[str] = field(default_factory=list)
    result: LoadResult | None = None
    rejected: str | None = None
    columns: list[ColumnInfo] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.result.frame) if self.result is not None else 0

    @property
    def kind(self) -> str | None:
        return self.result.kind if self.result is not None else self.options.kind

    def header_rows(self) -> dict[str, int | None]:
        """The header row found (or forced) per sheet: the first table's."""
        found: dict[str, int | None] = {}
        for table in self.result.tables if self.result else []:
            found.setdefault(table.sheet, table.header_row)
        return found


def sheet_names(data: bytes, filename: str) -> list[str]:
    """Names of the sheets that hold data (raises ImportRejected)."""
    return [sheet.name for sheet in read_workbook(data, filename).sheets]


def rejection_message(filename: str, error: Exception) -> str:
    """The Chinese message for a file that cannot be read, whatever went wrong."""
    if isinstance(error, ImportRejected):
        return str(error)
    if isinstance(error, MemoryError):  # met in the child process that parses an upload, under its memory limit
        return (f"文件「{filename}」读取所需内存超过上限，已停止，未导入任何内容。"
                "文件可能过大或内容异常，请检查或拆分后再导入。")
    log.error("reading %s failed", filename, exc_info=error)
    return (f"文件「{filename}」读取时出现程序错误（{type(error).__name__}），未导入任何内容。"
            "请检查文件内容，或把文件交给系统管理员。")


def inspect(data: bytes, filename: str) -> tuple[list[str], str | None]:
    """(sheet names, None), or ([], the message) when the file cannot be read at all."""
    try:
        return sheet_names(data, filename), None
    except Exception as error:  # noqa: BLE001 - a user never sees a traceback
        return [], rejection_message(filename, error)


def known_names(store, school: str | None = None) -> frozenset[str]:
    """The name keys of the teachers in the store's rosters in use (with ``school``, that school's):
    roster names under a person column confirm a header row when a file is read."""
    from sqlalchemy import select

    from .kinds import roster_kind
    from .store import batches, kind_tables

    roster = kind_tables[roster_kind().key]
    query = (select(roster.c.name_key).distinct().join(batches, batches.c.id == roster.c.batch_id)
             .where(batches.c.replaced_by.is_(None) & roster.c.name_key.is_not(None)))
    if school:
        query = query.where((batches.c.school == school) | (roster.c.school == school))
    with store.engine.connect() as conn:
        return frozenset(conn.execute(query).scalars())


def prepare(data: bytes, filename: str, options: Options = Options(), custom: CustomMapping | None = None,
            known: frozenset[str] | None = None) -> Preview:
    """Read a file with the user's options; a rejected file gives ``rejected``, never an exception.
    ``known``: the roster's name keys (:func:`known_names`)."""
    preview = Preview(filename, sha256_of(data), options)
    try:
        preview.sheet_names = sheet_names(data, filename)
        preview.result = load_file(data, filename, custom=custom, known_names=known, **options.load_kwargs())
        preview.columns = header_columns(data, filename, preview.result.kind, custom, options, known)
    except Exception as error:  # noqa: BLE001 - a user never sees a traceback
        preview.result = None
        preview.rejected = rejection_message(filename, error)
    return preview


def header_columns(data: bytes, filename: str, kind: str, custom: CustomMapping | None = None,
                   options: Options = Options(), known: frozenset[str] | None = None) -> list[ColumnInfo]:
    """Every non-empty header cell of every table with a header row, as read for ``kind``."""
    book = read_workbook(data, filename)
    rows = dict(options.header_rows)
    columns: list[ColumnInfo] = []
    for sheet in book.sheets:
        if options.sheets is not None and sheet.name not in options.sheets:
            continue
        for block in find_blocks(sheet, kind, custom, rows.get(sheet.name), known):
            if block.header_row is None:
                continue
            by_index = {index: name for name, index in block.fields.items()}
            for index, label in enumerate(block.labels):
                key = header_key(label) or squash(label)
                if key:
                    field_name = by_index.get(index)
                    columns.append(ColumnInfo(block.sheet, block.header_row, label.replace("\n", ""), key,
                                              field_name, meaning_note(label, kind, custom, field_name, index, block)))
    return columns


def meaning_note(label: str, kind: str, custom: CustomMapping | None, field_name: str | None, index: int,
                 block=None) -> str:
    """How a header cell was understood, in words a user reads (import preview, ``--explain``).

    >>> meaning_note("本学期听课次数", "observations", None, "lessons", 0)
    '列名含“次数”'
    >>> meaning_note("所用时间", "observations", None, None, 0), meaning_note("姓名", "roster", None, "name", 0)
    ('表单工具的信息列，不导入', '列名')
    >>> meaning_note("主办单位", "papers", None, None, 0)
    '颁发或主办单位：用来判断级别，不单独导入'
    """
    named, how, word = header_meaning(label, kind, custom)
    if block is not None and field_name is None and named:
        return "同一含义已有另一列，此列不导入"
    if block is not None and index in getattr(block, "months", {}):
        how = "month"
    if block is not None and field_name and field_name != named:  # a form's 提交人/提交时间 standing in
        return f"表中没有{field_label(kind, field_name)}列，以此列代替"
    return HOW_LABELS[how].format(word=word)


def tables_table(result: LoadResult) -> pd.DataFrame:
    """One row per table found: sheet, header row, data rows, recognised columns."""
    rows = [dict(zip(TABLES_COLUMNS, (
        table.sheet, table.header_row if table.header_row else NO_HEADER_ROW, table.rows,
        "；".join(f"{header}→{field_label(result.kind, name)}" for name, header in table.columns.items()))))
            for table in result.tables]
    return pd.DataFrame(rows, columns=TABLES_COLUMNS)


def rows_table(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Canonical rows with Chinese headers and values, source sheet and row last."""
    shown = frame.copy()
    for column, labels in _VALUE_LABELS.items():
        if column in shown:
            shown[column] = shown[column].map(lambda value, labels=labels: labels.get(value, value))
    # the first kinds' preview labels are written in dashboard.labels; any other kind's come from its declaration
    declared = {} if kind in FIELD_LABELS or kind not in DECLARED else {
        field.name: field.label for field in DECLARED[kind].fields}
    labels = {**COLUMN_LABELS, **_KIND_COLUMN_LABELS.get(kind, {}), **declared}
    return shown.rename(columns={column: labels.get(column, column) for column in shown.columns})


def problems_table(problems: Iterable[Problem] | pd.DataFrame) -> pd.DataFrame:
    """Problems as a user reads them: 文件, 工作表, 行, 列, 问题, 处理."""
    if isinstance(problems, pd.DataFrame):
        frame = problems[[*PROBLEM_HEADERS]].copy()
    else:
        frame = pd.DataFrame([problem.as_dict() for problem in problems], columns=[*PROBLEM_HEADERS])
    frame["severity"] = frame["severity"].map(lambda value: SEVERITY_LABELS.get(value, value))
    frame["row"] = frame["row"].astype("Int64")
    return frame.rename(columns=PROBLEM_HEADERS).reset_index(drop=True)


def problem_counts(problems: Iterable[Problem]) -> dict[str, int]:
    """How many problems of each severity (Chinese label -> count), non-zero only."""
    counts: dict[str, int] = {}
    for problem in problems:
        label = SEVERITY_LABELS.get(problem.severity, problem.severity)
        counts[label] = counts.get(label, 0) + 1
    return counts


# ------------------------------------------------------------- column meanings

def field_label(kind: str, name: str | None) -> str:
    """Chinese label of a field (IGNORE/None: not imported).

    >>> field_label("observations", "observer"), field_label("roster", None)
    ('听课人', '（不导入此列）')
    >>> all(field_label(kind, name) != name for kind in COLUMN_SYNONYMS for name in COLUMN_SYNONYMS[kind])
    True
    """
    if not name:
        return "（不导入此列）"
    if name in FIELD_LABELS.get(kind, {}):
        return FIELD_LABELS[kind][name]
    declared = DECLARED.get(kind)
    found = next((field.label for field in declared.fields if field.name == name), None) if declared else None
    return found or READ_FIELD_LABELS.get(name, name)


def field_choices(kind: str) -> list[str]:
    """The meanings a column of ``kind`` may be given: IGNORE, then every canonical field."""
    return [IGNORE, *COLUMN_SYNONYMS[kind]]


def mapping_changes(kind: str, columns: list[ColumnInfo], chosen: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(kind, squashed header, field or None) for every column whose chosen meaning differs from now."""
    current = {column.key: column.field or IGNORE for column in columns}
    return [(kind, key, choice or None) for key, choice in chosen.items()
            if key in current and choice != current[key]]


def save_mappings(store, changes: list[tuple[str, str, str | None]], school: str | None = None) -> int:
    """Remember each changed column meaning; the next load of any file with that header uses it
    (with ``school``, district mode: that school's files only)."""
    for kind, key, name in changes:
        store.save_mapping(kind, key, name, school)
    return len(changes)


# ------------------------------------------------------------------ replacing

def batch_label(row) -> str:
    """'批次 3：听课记录.xlsx（听课记录，2024-2025-1，2025-01-02 10:00）'."""
    term = f"，{row.term}" if isinstance(row.term, str) and row.term else ""
    return f"批次 {row.id}：{row.filename}（{KIND_LABELS.get(row.kind, row.kind)}{term}，{row.created_at}）"


def names_schools(history: pd.DataFrame) -> bool:
    """Whether the batches belong to two or more schools (district mode)."""
    return history["school"].dropna().nunique() >= 2


def batches_of_school(history: pd.DataFrame, school: str | None) -> pd.DataFrame:
    """The batches of one school, as :meth:`Dataset.for_school` takes its rows: in district mode
    (batches of two or more schools) only that school's; otherwise, or for ``None`` (a district
    account, which sees every school), all of them.

    >>> history = pd.DataFrame({"id": [1, 2, 3], "school": ["一中", "二中", None]})
    >>> list(batches_of_school(history, "一中")["id"]), list(batches_of_school(history, None)["id"])
    ([1], [1, 2, 3])
    >>> list(batches_of_school(history.iloc[[0, 2]], "一中")["id"])  # one school: nothing to keep apart
    [1, 3]
    >>> list(batches_of_school(history.iloc[[1, 2]], "一中")["id"])  # only another school's: none
    []
    """
    named = set(history["school"].dropna())
    if school is None or not named or named == {school}:
        return history
    if len(named) == 1:
        return history.iloc[:0]
    return history[history["school"] == school]


def replace_candidates(history: pd.DataFrame, kind: str | None) -> list[int]:
    """Batches of the same kind a new file may replace, newest first."""
    if history.empty or kind is None:
        return []
    same = history[history["kind"] == kind]
    return [int(batch) for batch in same["id"][::-1]]


def suggest_replace(history: pd.DataFrame, filename: str, kind: str | None) -> int | None:
    """The newest batch of the same kind and file name: probably the file's earlier version."""
    if history.empty or kind is None:
        return None
    same = history[(history["kind"] == kind) & (history["filename"] == filename)]
    return int(same["id"].iloc[-1]) if len(same) else None


# ------------------------------------------------------------------ committing

@dataclass
class CommitReport:
    """What happened to one file at commit: a message, and the batch when stored."""

    filename: str
    ok: bool
    message: str
    batch_id: int | None = None
    duplicate: bool = False  # the same bytes were imported before (``batch_id``)


def commit(store, items: list[tuple[Preview, int | None]],
           progress: Callable[[float, str], None] | None = None, school: str | None = None,
           who: str | None = None) -> list[CommitReport]:
    """Store each previewed file as one batch (its own transaction), replacing the batch given with it.

    ``progress(fraction, text)`` is called before each file and once at the end; ``school``
    (district mode) is the school the files belong to; ``who`` (the account) goes into the audit.
    """
    reports: list[CommitReport] = []
    total = len(items)
    for done, (preview, replace) in enumerate(items):
        if progress:
            progress(done / max(total, 1), f"正在导入「{preview.filename}」（{done + 1}/{total}）")
        reports.append(_commit_one(store, preview, replace, school, who))
    if progress:
        progress(1.0, f"完成：{sum(report.ok for report in reports)}/{total} 个文件已导入")
    return reports


def _commit_one(store, preview: Preview, replace: int | None, school: str | None = None,
                who: str | None = None) -> CommitReport:
    name = preview.filename
    if preview.result is None:
        return CommitReport(name, False, preview.rejected or f"文件「{name}」无法导入。")
    return store_result(store, preview.result, replace, school, who)


def import_bytes(store, data: bytes, filename: str, kind: str | None = None, term: str | None = None,
                 school: str | None = None, who: str | None = None, category: str | None = None,
                 on_read: Callable[[LoadResult, CustomMapping, frozenset[str]], None] | None = None) -> CommitReport:
    """Read and store one file, as the command line imports it (the page previews first, then
    :func:`commit`; both store through :func:`store_result`).  Bytes imported before are not read
    again (``duplicate``); ``on_read(result, custom, known)`` sees the file as read before it is stored
    (``known``: the roster's name keys that confirmed its header, :func:`known_names`)."""
    existing = store.find_sha(sha256_of(data), school)
    if existing is not None:
        return CommitReport(filename, False, f"「{filename}」{duplicate_message(existing)}，未作任何改动。", existing,
                            duplicate=True)
    custom = store.mappings(school)
    known = known_names(store, school)  # per file: a roster imported just before counts
    try:
        result = load_file(data, filename, kind=kind, term=term, custom=custom, known_names=known, category=category)
    except ImportRejected as error:
        return CommitReport(filename, False, str(error))
    if on_read is not None:
        on_read(result, custom, known)
    return store_result(store, result, None, school, who)


def store_result(store, result: LoadResult, replace: int | None = None, school: str | None = None,
                 who: str | None = None) -> CommitReport:
    """Store one read file as a batch (its own transaction), replacing ``replace``: the one place
    the page and the command line store a file."""
    name = result.filename
    if refusal := result.nothing_to_store():
        return CommitReport(name, False, refusal)
    try:
        outcome = store.import_result(result, replace=replace, school=school, who=who)
    except SQLAlchemyError as error:
        log.exception("storing %s failed", name)
        return CommitReport(name, False, f"文件「{name}」写入数据库失败（{type(error).__name__}），此文件未导入，"
                                         "其他文件不受影响。请稍后重试。")
    if outcome.duplicate_of is not None:
        return CommitReport(name, False, f"文件「{name}」{duplicate_message(outcome.duplicate_of)}，未作任何改动。",
                            outcome.duplicate_of, duplicate=True)
    term = f"，学期 {result.term}" if result.term else ""
    replaced = (f"，替换了批次 {outcome.replaced}（旧批次已保留，撤销本批次即恢复）"
                if outcome.replaced is not None else "")
    return CommitReport(name, True, f"「{name}」已作为{KIND_LABELS[result.kind]}导入：批次 {outcome.batch_id}{term}，"
                                    f"{outcome.rows} 行{replaced}；问题 {len(result.problems)} 条"
                                    f"（其中未导入的行 {len(result.errors)} 条）。", outcome.batch_id)


def saved_mappings(store, school: str | None) -> CustomMapping:
    """The column meanings the school saved (its own, and those for every school)."""
    return store.mappings(school)


def imported_before(store, sha: str, school: str | None) -> int | None:
    """The batch that already holds these bytes (of the school), if any."""
    return store.find_sha(sha, school)


def school_history(store, school: str | None) -> pd.DataFrame:
    """The import history an account of ``school`` sees (every batch, for an account of no school)."""
    return batches_of_school(store.history(), school)


def raw_file_bytes(store, batch_id: int) -> bytes:
    """The bytes of the file a batch was imported from."""
    return store.raw_file(batch_id)[1]


def undo(store, batch_id: int, who: str | None = None) -> tuple[bool, str]:
    """Remove one batch and everything it brought (the batch it replaced is back); (done, message)."""
    earlier = store.replaced(batch_id)
    if store.undo(batch_id, who=who):
        back = f"它替换的批次 {'、'.join(map(str, earlier))} 已恢复。" if earlier else ""
        return True, f"已撤销批次 {batch_id}，该文件导入的所有数据已删除。{back}"
    return False, f"没有批次 {batch_id}（可能已被撤销）。"


# ------------------------------------------------------------------ history



def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """Import history, newest first, with Chinese headers and kind names (and the school, when
    the batches name two or more)."""
    headers = {**HISTORY_HEADERS, "school": HISTORY_SCHOOL_HEADER} if names_schools(history) else HISTORY_HEADERS
    frame = history[[*headers]].iloc[::-1].copy()
    frame["kind"] = frame["kind"].map(lambda kind: KIND_LABELS.get(kind, kind))
    return frame.rename(columns=headers).reset_index(drop=True)


def kind_choices() -> list[str | None]:
    """Kinds a user may force: None (detect), then every kind."""
    return [None, *KINDS]
