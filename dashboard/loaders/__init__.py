"""Read one uploaded file into a canonical DataFrame plus its problems.

    result = load_file(data, "听课记录.xlsx")          # bytes or a binary file
    result.kind, result.term, result.frame, result.problems

Steps, each a small function: read the workbook (:mod:`dashboard.reading`),
guess the kind, find each sheet's tables (:mod:`dashboard.tables`), read
the rows of each table with the kind's reader, then build the frame.
Nothing is printed; a file that cannot be imported raises an
:class:`~dashboard.problems.ImportRejected` subclass with a Chinese message.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import BinaryIO

import pandas as pd

from ..collector import collector_paused
from ..contract import AWARD_CATEGORIES, KIND_LABELS, KINDS
from ..kinds import KINDS as DECLARED
from ..kinds import hook, live, module_named
from ..normalize import squash
from ..problems import NoHeader, Problem, WrongKind
from ..reading import as_bytes, read_workbook
from ..tables import Block, CustomMapping, _distinct_values, _header_score, find_blocks, guess_kind
from .common import SCHEMAS, SOURCE_COLUMNS, FileContext, file_term_from_texts, prose_only

#: kind -> its reader module (``read_block(block, ctx)``), named by the kind's declaration.
READERS = live(lambda kind: module_named(kind.reader, __name__))


@dataclass
class SheetSummary:
    """What was understood of one table: for the import preview."""

    sheet: str
    header_row: int | None
    columns: dict[str, str]  # canonical field -> published header
    rows: int


class LoadResult:
    """One file read: its kind and term, the canonical frame, the problems, the tables found.

    A big 听课 log is read as columns; its ``frame`` is built from them on
    first use.  Until then :meth:`stored_columns` hands the store those
    columns as they are (nothing can have changed them), which spares a
    200 000-row import building a frame only to take it apart again.
    """

    def __init__(self, filename: str, sha256: str, kind: str, term: str | None,
                 frame: pd.DataFrame | dict[str, list], problems: list[Problem],
                 tables: list[SheetSummary] | None = None, data: bytes = b""):
        self.filename = filename
        self.sha256 = sha256
        self.kind = kind
        self.term = term
        self.problems = problems
        self.tables = tables if tables is not None else []
        self.data = data
        self._frame: pd.DataFrame | None = frame if isinstance(frame, pd.DataFrame) else None
        self._columns: dict[str, list] | None = None if isinstance(frame, pd.DataFrame) else frame

    @property
    def frame(self) -> pd.DataFrame:
        """Canonical columns of ``SCHEMAS[kind]`` plus the source columns, one row per record."""
        if self._frame is None:
            self._frame = pd.DataFrame(self._columns, columns=list(self._columns))
            self._columns = None
        return self._frame

    @frame.setter
    def frame(self, value: pd.DataFrame) -> None:
        self._frame, self._columns = value, None

    @property
    def rows(self) -> int:
        """How many canonical rows (without building the frame)."""
        if self._columns is not None:
            return len(next(iter(self._columns.values())))
        return len(self._frame)

    def stored_columns(self) -> dict[str, list] | None:
        """The rows as Python lists per column while the frame was never built, else None."""
        return self._columns

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    def nothing_to_store(self) -> str | None:
        """Why this file must not be stored, when not one row could be read; else None.

        A batch of nothing would look imported while counting nothing, so
        such a file is refused with its most common reasons.
        """
        if self.rows:
            return None
        left_out = [p for p in self.problems if p.severity in ("error", "skipped") and p.row]
        if not left_out:
            return f"文件「{self.filename}」没有可以导入的数据行。"
        # rows that could have been imported come first (an honours list whose papers lack a term)
        left_out = [p for p in left_out if p.severity == "error"] or left_out
        reasons = Counter(p.message for p in left_out).most_common(2)
        said = "；".join(f"{message}（{count} 行，如{next(p for p in left_out if p.message == message).where()}）"
                        for message, count in reasons)
        return f"文件「{self.filename}」没有一行可以导入，未保存：{said}"

    def __repr__(self) -> str:
        return (f"LoadResult(filename={self.filename!r}, kind={self.kind!r}, term={self.term!r}, rows={self.rows}, "
                f"problems={len(self.problems)})")


def load_file(source: bytes | BinaryIO, filename: str, kind: str | None = None, term: str | None = None,
              custom: CustomMapping | None = None, sheets: list[str] | None = None,
              header_rows: dict[str, int] | None = None, known_names: frozenset[str] | None = None,
              category: str | None = None) -> LoadResult:
    """Read a file as ``kind`` (guessed when None) for ``term`` (the import option).

    ``category``: the 获奖与发表 category of an award list that states none (the import option).

    ``custom`` holds the user's column meanings (squashed header -> field,
    per kind); ``sheets`` limits the import to those sheets; ``header_rows``
    forces a sheet's header row (1-based), as the import page lets a user do;
    ``known_names`` (the store's roster name keys) let roster names under a
    person column confirm a header row (:func:`dashboard.tables.find_blocks`).
    """
    data = as_bytes(source)
    with collector_paused():  # millions of cells, no cyclic garbage: see dashboard.collector
        return _load(data, filename, kind, term, custom, sheets, header_rows, known_names, category)


def _load(data: bytes, filename: str, kind: str | None, term: str | None, custom: CustomMapping | None,
          sheets: list[str] | None, header_rows: dict[str, int] | None, known_names: frozenset[str] | None,
          category: str | None) -> LoadResult:
    book = read_workbook(data, filename)
    if sheets is not None:
        book.sheets = [sheet for sheet in book.sheets if sheet.name in sheets]
        if not book.sheets:
            raise NoHeader(filename, "没有选择任何工作表。")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if category is not None and category not in AWARD_CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    if reason := prose_only(book.sheets) or _sheets_refused(book.sheets, kind):
        raise NoHeader(filename, reason)
    guessed = guess_kind(book.sheets, filename, custom)
    if reason := no_table_reason(book.sheets, kind or guessed):
        raise NoHeader(filename, reason)
    if kind is None:
        if guessed is None:
            raise NoHeader(filename, "找不到可识别的表头（如“姓名”“听课人”“论文题目”“课题名称”），无法判断是名册、听课、论文还是课题。请检查文件，或在导入时指定类型。")
        kind = guessed
    titles = _titles(book.sheets)
    title_term, from_date = file_term_from_texts([*titles, filename])
    ctx = FileContext(filename, term_option=term, title_term=title_term, titles=titles,
                      sheet_terms=_sheet_terms(book.sheets), sheet_title_terms=_sheet_title_terms(book.sheets),
                      category_option=category)
    if from_date and term is None:
        ctx.problem(None, None, "", f"标题中没有写明学期，按标题中的年月归入 {title_term}；如不对，请在导入时指定学期。")
    header_rows = header_rows or {}
    blocks = [block for sheet in book.sheets
              for block in find_blocks(sheet, kind, custom, header_rows.get(sheet.name), known_names)]
    _check_blocks(blocks, kind, filename, guessed, book.sheets)
    reader = READERS[kind]
    pieces: list[list[dict] | dict[str, list]] = []
    for block in blocks:
        for number, marker in block.skipped:
            ctx.problem(block, number, "", f"“{marker[:12]}”行（合计/小计/备注），不是数据，已跳过。", "skipped")
        pieces.append(reader.read_block(block, ctx))
    columns = [*SCHEMAS[kind], *SOURCE_COLUMNS]
    check = getattr(reader, "check", None)  # the reader's own check of the whole file, if it has one
    if check is not None:
        pieces = [check(_records(pieces), ctx)]
    frame = _frame(pieces, columns)
    if "record" in SCHEMAS[kind]:  # a kind whose records are numbered in file order
        frame["record"] = range(1, len(frame) + 1)
    if len(book.sheets) > 1 or book.empty:
        _sheets_left_out(book.sheets, blocks, frame, ctx)
    for name in book.empty if sheets is None else [name for name in book.empty if name in sheets]:
        ctx.problems.append(Problem(filename, name, None, "", f"工作表「{name}」是空的，未导入此工作表。", "skipped"))
    tables = [SheetSummary(block.sheet, block.header_row, {f: block.label(f) for f in block.fields}, block.row_count)
              for block in blocks]
    if isinstance(frame, dict):
        terms = sorted(set(frame["term"]) - {None})
    else:
        terms = frame["term"].dropna().unique() if "term" in frame else []
    sheet_term = set(ctx.sheet_terms.values()) if len(ctx.sheet_terms) == len(book.sheets) else set()
    term_of_file = ctx.file_term or (terms[0] if len(terms) == 1 else None) or (
        sheet_term.pop() if len(sheet_term) == 1 else None)
    return LoadResult(filename, hashlib.sha256(data).hexdigest(), kind, term_of_file, frame, ctx.problems, tables, data)


def _sheet_terms(sheets) -> dict[str, str]:
    """The term each sheet's name states (a workbook of one sheet per term), by sheet name."""
    found = {}
    for sheet in sheets:
        term, _ = file_term_from_texts([sheet.name])
        if term:
            found[sheet.name] = term
    return found


def _sheet_title_terms(sheets) -> dict[str, str]:
    """The term each sheet's own title rows state, by sheet name, when the sheets' titles state more
    than one term (else the file's title term serves them all)."""
    found = {}
    for sheet in sheets:
        term, from_date = file_term_from_texts(_titles([sheet]))
        if term and not from_date:
            found[sheet.name] = term
    return found if len(set(found.values())) > 1 else {}


def no_table_reason(sheets, kind: str | None) -> str | None:
    """Why a file holds no table at all (every filled row is a single text), else None.

    Mostly long texts: prose (a notice that states its list in sentences); short ones: a
    one-column list (a roster of it has no 教研组).
    """
    texts: list[str] = []
    for sheet in sheets:
        for cells in sheet.rows:
            values = _distinct_values(cells)
            if len(values) > 1:
                return None
            if values:
                texts.append(squash(values[0]))
    if not texts:
        return None
    if 2 * sum(len(text) > 30 for text in texts) >= len(texts):
        return (f"只有 {len(texts)} 段文字，没有表格（没有列名，也没有成行成列的数据），无法导入。"
                "名单写在文字里时，请先整理成表格（“数据导入”页有各类模板）再导入。")
    example = next((text for text in texts[1:] if text), texts[0])[:20]
    if kind is not None and DECLARED[kind].one_column:
        return DECLARED[kind].one_column.format(example=example)
    what = KIND_LABELS[kind] if kind else "名册、听课、论文或课题"
    return f"只有一列文字（如“{example}”），没有表格（没有列名和成列的数据），不能作为{what}导入。"


def _sheets_refused(sheets, kind: str | None) -> str | None:
    """Why the workbook cannot be read as ``kind`` (any kind when None), by the ``sheets_hook`` of
    the kind (of every kind) declaring one; else None."""
    for declared in ([DECLARED[kind]] if kind is not None else DECLARED.values()):
        check = hook(declared, "sheets_hook")
        if check is not None and (reason := check(sheets)):
            return reason
    return None


def _sheets_left_out(sheets, blocks: list[Block], frame, ctx: FileContext) -> None:
    """Say which sheets of a workbook gave no row, and why (the rest is imported)."""
    if isinstance(frame, dict):
        imported = Counter(frame["source_sheet"])
    else:
        imported = Counter(frame["source_sheet"]) if len(frame) else Counter()
    for sheet in sheets:
        if imported.get(sheet.name):
            continue
        mine = [block for block in blocks if block.sheet == sheet.name]
        row_problems = [p for p in ctx.problems if p.sheet == sheet.name and p.row and p.severity in ("error", "skipped")
                        and any(p.row in block.numbers() for block in mine)]
        if not any(_distinct_values(cells) for cells in sheet.rows):
            why = "是空的"
        elif not mine:
            why = "只有文字（标题、说明），没有表格"
        elif not any(block.row_count for block in mine):
            why = f"的表格（表头在第 {mine[0].header_row} 行）下面没有数据行" if mine[0].header_row else "没有数据行"
        elif row_problems:
            why = f"没有可以导入的行：{row_problems[0].message}"
        else:
            why = "没有可以导入的行"
        ctx.problems.append(Problem(ctx.filename, sheet.name, None, "", f"工作表「{sheet.name}」{why}，未导入此工作表。",
                                    "skipped"))


def _records(pieces: list[list[dict] | dict[str, list]]) -> list[dict]:
    """Every piece as records (a reader gives records, or columns when it reads many rows)."""
    records: list[dict] = []
    for piece in pieces:
        if isinstance(piece, dict):
            names = list(piece)
            records.extend(dict(zip(names, values)) for values in zip(*piece.values()))
        else:
            records.extend(piece)
    return records


def _frame(pieces: list[list[dict] | dict[str, list]], columns: list[str]) -> pd.DataFrame | dict[str, list]:
    """The canonical rows: as columns (for LoadResult to build the frame from, with the same
    dtypes as from records) when every piece is columns, else as a frame built from records."""
    if pieces and all(isinstance(piece, dict) for piece in pieces) and any(len(piece["source_row"]) for piece in pieces):
        if len(pieces) == 1:
            return {name: pieces[0].get(name, [None] * len(pieces[0]["source_row"])) for name in columns}
        return {name: [value for piece in pieces for value in piece.get(name, [None] * len(piece["source_row"]))]
                for name in columns}
    return pd.DataFrame.from_records(_records(pieces), columns=columns)


def _titles(sheets) -> list[str]:
    """The single-text rows at the top of each sheet (titles), in order."""
    titles = []
    for sheet in sheets:
        for cells in sheet.rows[:4]:
            values = _distinct_values(cells)
            if len(values) == 1 and isinstance(values[0], str):
                titles.append(values[0].strip())
            elif values:
                break
    return titles


def _has_header(sheets, kind: str) -> bool:
    """Whether a row near the top of some sheet names two or more fields of ``kind``."""
    return any(len(_header_score(cells, None).get(kind, ())) >= 2 for sheet in sheets for cells in sheet.rows[:400])


def _check_blocks(blocks: list[Block], kind: str, filename: str, guessed: str | None, sheets=()) -> None:
    with_header = [block for block in blocks if block.header_row is not None]
    if not blocks or not any(block.row_count for block in blocks):
        raise NoHeader(filename, "里没有数据行。")
    tables_hook = hook(DECLARED[kind], "tables_hook")
    if tables_hook is not None:
        tables_hook(blocks, filename)
    if not with_header and not DECLARED[kind].headerless:
        hint = f"看起来更像{KIND_LABELS[guessed]}。" if guessed and guessed != kind else ""
        raise WrongKind(filename, f"找不到{KIND_LABELS[kind]}的表头（需要如“姓名”“听课人”“听课节数”等列名）。{hint}请检查文件和所选类型。")
    if not with_header and guessed and guessed != kind and _has_header(sheets, guessed):
        # a headerless 论文/课题 list is read by content, but not when the file plainly is another kind
        raise WrongKind(filename, f"没有{KIND_LABELS[kind]}的表头，表头是{KIND_LABELS[guessed]}的（看起来是{KIND_LABELS[guessed]}），"
                                  f"未导入。请检查所选类型。")
    if guessed and guessed != kind and with_header:
        wanted = {field for block in with_header for field in block.fields}
        declared = DECLARED[kind]
        if declared.telling and not any(set(fields) <= wanted for fields in declared.telling):
            refusal = declared.refusal or "不像{kind}（没有{kind}的列），看起来是{guessed}。请检查所选类型。"
            raise WrongKind(filename, refusal.format(guessed=KIND_LABELS[guessed], kind=KIND_LABELS[kind]))

