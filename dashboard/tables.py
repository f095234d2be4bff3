"""Find the tables inside a sheet: header rows, column meanings, data rows.

A published sheet stacks title rows, prose, section headings, one or more
tables with their own headers, blank rows and 合计 rows.  :func:`find_blocks`
turns one :class:`~dashboard.reading.Sheet` into :class:`Block` s: one per
header row (or one headerless block), each with its column map, the text
above it and its data rows, each row knowing the section text it sits under.

Large sheets (a district's year of 听课, 200 000 rows) are classified
column by column first (:func:`_plain_rows`): a row that is certainly a
plain data row joins its block as part of a run without being looked at
again, and only the other rows (headers, headings, 合计, blanks) go
through the row-by-row rules.  A block keeps its data rows as runs over
the sheet's rows; :attr:`Block.rows` builds the :class:`Row` objects on
first use, and :meth:`Block.columns` gives the cells column-wise.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat

import numpy as np
import pandas as pd
from pandas._libs import lib

from .kinds import GENERATION
from .kinds import KINDS as DECLARED
from .contract import (COLUMN_SYNONYMS, FORM_METADATA, HEADER_WORDS, ISSUER_HEADERS, KIND_HINTS, MONTH_HEADER, NON_DATA_MARKERS,
                       WEAK_HEADER_WORDS)
from .normalize import name_key, parse_date, read_people, squash
from .reading import Sheet

_NUMBERING = re.compile(r"^(?:[qQ]?\d{1,3}[、.:)]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.])")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|《[^《》]*》")
_BRACKET_MARKS = re.compile(r"[()\[\]【】<>《》]")
_MONTH = re.compile(MONTH_HEADER)
_DIGIT = re.compile(r"\d")

#: Headers longer than this (normalised) are prose, not a column name.
_LONGEST_HEADER = 40
#: Core words are looked for only in headers up to this long (a longer one is a question or a sentence).
_LONGEST_WORDED = 16


def header_key(text: object) -> str:
    """A header cell as it is matched: whitespace, numbering, bracketed hints, ``*`` and a trailing colon
    dropped, full-width made half-width, Latin letters lower case.

    >>> header_key(" 姓  名 "), header_key("听课节数（节）"), header_key("1、听课教师(填写本人姓名)")
    ('姓名', '听课节数', '听课教师')
    >>> header_key("Q3. 听课日期*"), header_key("（一）授课教师："), header_key("ＩＰ地址")
    ('听课日期', '授课教师', 'ip地址')
    >>> header_key("3.本学期听课节数（必填）"), header_key(None), header_key(2024)
    ('本学期听课节数', '', '')
    """
    if not isinstance(text, str):
        return ""
    key = squash(unicodedata.normalize("NFKC", text)).replace("*", "")
    key = _NUMBERING.sub("", key, count=1)
    bare = _BRACKETED.sub("", key)
    return (bare or key).rstrip(":").lower()


def _unbracketed_key(text: str) -> str:
    """The header with its brackets' words kept (``您是（听课人）`` → ``您是听课人``): tried when the
    header without them names nothing."""
    key = _NUMBERING.sub("", squash(unicodedata.normalize("NFKC", text)).replace("*", ""), count=1)
    return _BRACKET_MARKS.sub("", key).rstrip(":").lower()


def month_of(text: object) -> int | None:
    """The calendar month a header names (a column of a month matrix), else None.

    >>> month_of("9月"), month_of("10 月份"), month_of("9月份听课"), month_of("13月")
    (9, 10, None, None)
    >>> month_of("十一月"), month_of("2024年9月"), month_of("十月份")
    (11, 9, 10)
    """
    found = _MONTH.match(header_key(text))
    if not found:
        return None
    number = found.group(1)
    month = int(number) if number.isdigit() else _CHINESE_MONTHS.get(number, 0)
    return month if 1 <= month <= 12 else None


_CHINESE_MONTHS = {word: index for index, word in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)}


_METADATA = frozenset(header_key(word) for word in FORM_METADATA)
#: Issuer headers (颁发单位, 项目来源 …) are no field of the vocabulary: the loaders read the level from them.
_ISSUERS = frozenset(header_key(word) for word in ISSUER_HEADERS)
#: normalised exact spelling -> {kind: field}; per kind: (core word, field), longest first; any core word.
#: Derived from the kinds' declarations and derived again when they change (``kinds.GENERATION``: a kind
#: registered later is recognised at once).
_SPELLINGS: dict[str, dict[str, str]] = {}
_WORDS: dict[str, list[tuple[str, str]]] = {}
_WORD_PATTERN = re.compile("$^")
_INDEXED = [-1]  # the declarations' generation the index above was built from


def _index_vocabulary() -> None:
    """Build the header index from the declarations when they changed since it was last built."""
    global _WORD_PATTERN
    if _INDEXED[0] == GENERATION[0]:
        return
    spellings: dict[str, dict[str, str]] = {}
    for kind, fields in COLUMN_SYNONYMS.items():
        for field_name, words in fields.items():
            for spelling in words:
                spellings.setdefault(header_key(spelling), {}).setdefault(kind, field_name)
    words_of = {kind: sorted(((header_key(word), field_name) for field_name, words in fields.items() for word in words),
                             key=lambda item: -len(item[0]))
                for kind, fields in HEADER_WORDS.items()}
    _SPELLINGS.clear()
    _SPELLINGS.update(spellings)
    _WORDS.clear()
    _WORDS.update(words_of)
    _WORD_PATTERN = re.compile("|".join(sorted({re.escape(word) for words in words_of.values() for word, _ in words},
                                               key=len, reverse=True)) or "$^")
    _vocabulary_meaning.cache_clear()
    _cached_text_meaning.cache_clear()
    _INDEXED[0] = GENERATION[0]


#: Column-mapping corrections a user saved: header key -> field ('' = ignore), per kind.
CustomMapping = dict[str, dict[str, str]]

#: How a header was understood (shown in the import preview and by ``--explain``).
HOW_LABELS = {"custom": "已保存的纠正", "spelling": "列名", "word": "列名含“{word}”", "form": "表单工具的信息列，不导入",
              "month": "月份列（按月汇总）", "issuer": "颁发或主办单位：用来判断级别，不单独导入",
              "none": "未识别，不导入"}


@lru_cache(maxsize=65536)
def _vocabulary_meaning(key: str, kind: str) -> tuple[str | None, str, str]:
    """(field, how, word) a normalised header names for a kind by the contract's vocabulary alone."""
    if not key or len(key) > _LONGEST_HEADER:
        return None, "none", ""
    exact = _SPELLINGS.get(key, {}).get(kind)
    if exact:
        return exact, "spelling", ""
    if key in _ISSUERS:
        return None, "issuer", ""
    if key in _METADATA or key.startswith(("来自ip", "ip")):
        return None, "form", ""
    if DECLARED[kind].month_columns and _MONTH.match(key):
        return None, "month", ""
    if len(key) > _LONGEST_WORDED or _DIGIT.search(key) or not _WORD_PATTERN.search(key):
        return None, "none", ""
    found = []  # (end, length, weak, field, word)
    for word, field_name in _WORDS[kind]:
        start = key.rfind(word)
        if start >= 0:
            found.append((start + len(word), len(word), word in WEAK_HEADER_WORDS, field_name, word))
    if not found:
        return None, "none", ""
    strong = [item for item in found if not item[2]] or found
    _, _, _, field_name, word = max(strong, key=lambda item: (item[0], item[1]))
    return field_name, "word", word


def header_meaning(text: object, kind: str, custom: CustomMapping | None = None) -> tuple[str | None, str, str]:
    """(field or None, how it was understood, the core word) of a header cell for a kind.

    >>> header_meaning("教师姓名", "observations")[:2], header_meaning("听课节数（节）", "observations")[:2]
    (('name', 'spelling'), ('lessons', 'spelling'))
    >>> header_meaning("本学期一共听课次数", "observations"), header_meaning("Q5.被听课教师姓名", "observations")[0]
    (('lessons', 'word', '次数'), 'teacher')
    >>> header_meaning("所用时间", "observations")[:2], header_meaning("提交人部门", "observations")[0]
    ((None, 'form'), 'group')
    >>> header_meaning("所用时间", "observations", {"observations": {"所用时间": "period"}})[:2]
    ('period', 'custom')
    """
    if not isinstance(text, str) or not text:
        return None, "none", ""
    key = header_key(text)
    if custom:
        mine = custom.get(kind, {})
        for candidate in (key, squash(text)):
            if candidate in mine:
                return (mine[candidate] or None), "custom", ""
    return _text_meaning(text, kind)


def _text_meaning(text: str, kind: str) -> tuple[str | None, str, str]:
    """The vocabulary's meaning of a header cell: without its brackets, else with their words kept."""
    if _INDEXED[0] != GENERATION[0]:
        _index_vocabulary()
    return _cached_text_meaning(text, kind)


@lru_cache(maxsize=65536)
def _cached_text_meaning(text: str, kind: str) -> tuple[str | None, str, str]:
    meaning = _vocabulary_meaning(header_key(text), kind)
    if meaning[1] == "none" and len(text) <= _LONGEST_HEADER:
        return _vocabulary_meaning(_unbracketed_key(text), kind)
    return meaning


@dataclass
class Row:
    """A data row: its 1-based sheet row number, its cells, its section text."""

    number: int
    cells: list[object]
    section: str = ""


@dataclass
class Block:
    """One table of a sheet."""

    sheet: str
    header_row: int | None  # 1-based; None for a table with no header row
    labels: list[str]  # header text per column as published
    fields: dict[str, int]  # canonical field -> column index
    context: list[str]  # text rows above the header, nearest last
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, 合计/备注 text)
    months: dict[int, int] = field(default_factory=dict)  # column index -> calendar month (a month matrix)
    #: the data rows: (start, stop, section) runs of 0-based indexes into ``grid``
    runs: list[tuple[int, int, str]] = field(default_factory=list, repr=False)
    grid: list[list[object]] = field(default_factory=list, repr=False)  # the sheet's rows (shared, not copied)
    _columns: np.ndarray | None = field(default=None, repr=False, compare=False)  # the sheet as a 2-D array, when made
    _rows: list[Row] | None = field(default=None, repr=False, compare=False)
    #: column index -> (code per sheet row, distinct values) for the columns that hold only text
    _factors: dict[int, tuple[np.ndarray, np.ndarray]] | None = field(default=None, repr=False, compare=False)

    def add(self, index: int, section: str) -> None:
        """Add the data row at 0-based ``index`` of the grid."""
        self.add_run(index, index + 1, section)

    def add_run(self, start: int, stop: int, section: str) -> None:
        """Add the data rows ``start``..``stop - 1`` of the grid, all under ``section``."""
        if self.runs and self.runs[-1][1] == start and self.runs[-1][2] == section:
            self.runs[-1] = (self.runs[-1][0], stop, section)
        else:
            self.runs.append((start, stop, section))
        self._rows = None

    @property
    def row_count(self) -> int:
        """How many data rows (without building them)."""
        return sum(stop - start for start, stop, _ in self.runs)

    @property
    def rows(self) -> list[Row]:
        """The data rows, each with its 1-based row number, cells and section."""
        if self._rows is None:
            self._rows = [Row(index + 1, list(self.grid[index]), section)
                          for start, stop, section in self.runs for index in range(start, stop)]
        return self._rows

    def numbers(self) -> list[int]:
        """The 1-based sheet row number of every data row, in order."""
        return list(chain.from_iterable(range(start + 1, stop + 1) for start, stop, _ in self.runs))

    def sections(self) -> list[str]:
        """The section text of every data row, in order."""
        return [section for start, stop, section in self.runs for _ in range(start, stop)]

    def column(self, field_name: str) -> list[object]:
        """Every data row's raw cell of a field's column ('' where absent or None), in order."""
        index = self.fields.get(field_name)
        count = self.row_count
        if index is None:
            return [""] * count
        if self._columns is not None:  # the sheet as a 2-D object array
            if index >= self._columns.shape[1]:
                return [""] * count
            values = list(chain.from_iterable(self._columns[start:stop, index].tolist() for start, stop, _ in self.runs))
        else:
            values = [row[index] if index < len(row) else None
                      for start, stop, _ in self.runs for row in self.grid[start:stop]]
        if None in values:
            values = ["" if value is None else value for value in values]
        return values

    def factorized(self, field_name: str) -> tuple[np.ndarray, list[str]] | None:
        """(code per data row, distinct texts) of a field's column when the sheet's column holds only
        text (so each distinct text can be read once); None otherwise."""
        index = self.fields.get(field_name)
        if index is None or not self._factors or index not in self._factors:
            return None
        codes, uniques = self._factors[index]
        rows = np.concatenate([codes[start:stop] for start, stop, _ in self.runs]) if self.runs else codes[:0]
        return rows, uniques.tolist()

    def label(self, field_name: str) -> str:
        """The published header of a field's column (for problem messages)."""
        index = self.fields.get(field_name)
        if index is None or index >= len(self.labels):
            return ""
        return self.labels[index].replace("\n", "")


def header_field(text: object, kind: str, custom: CustomMapping | None = None) -> str | None:
    """The canonical field a header cell names for a kind.

    >>> header_field("姓  名", "roster"), header_field("听课\\n教师", "observations")
    ('name', 'observer')
    >>> header_field("课 题 名 称", "projects"), header_field("备注", "papers") is None
    ('title', True)
    """
    return header_meaning(text, kind, custom)[0]


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return header_key(text)


def _header_score(cells: list[object], custom: CustomMapping | None) -> dict[str, set[str]]:
    """Per kind, the fields a row's cells name (a row naming ≥2 may be a header).

    Two or more month columns (``9月 | 10月``) count as one field, ``months``, of 听课.
    """
    found: dict[str, set[str]] = {}
    months: Counter[str] = Counter()  # kind -> its month columns
    for cell in cells:
        if not isinstance(cell, str) or not cell or len(cell) > _LONGEST_HEADER:
            continue
        key = _key(cell)
        if not key:
            continue
        for kind in COLUMN_SYNONYMS:
            field_name, how, _ = (header_meaning(cell, kind, custom) if custom and custom.get(kind)
                                  else _text_meaning(cell, kind))
            if field_name:
                found.setdefault(kind, set()).add(field_name)
            elif how == "month":
                months[kind] += 1
    for kind, count in months.items():
        if count >= 2:
            found.setdefault(kind, set()).add("months")
    return found


#: Fields whose values are dates, counts or a person's name: a header naming them is confirmed or
#: contradicted by the values under it.
_DATE_FIELDS = {"date", "birth_date", "work_start", "approved_date", "planned_end_date", "concluded_date",
                "submitted_at"}
_COUNT_FIELDS = {"lessons", "headcount"}
_PERSON_FIELDS = {"name", "observer", "teacher", "authors", "leader", "submitter"}


def _plausible(field_name: str, value: object) -> bool | None:
    """Whether a value fits a field (None: it tells nothing)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field_name in _DATE_FIELDS:
        if isinstance(value, (dt.date, dt.datetime, int, float)) and not isinstance(value, bool):
            return True
        return parse_date(value) is not None
    if field_name in _COUNT_FIELDS:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value).is_integer() and 0 <= value < 10000
        return bool(re.fullmatch(r"\d{1,4}(\.0+)?[节次课时人]*", squash(value)))
    if field_name in _PERSON_FIELDS:
        return isinstance(value, str) and 1 < len(squash(value)) <= 40 and parse_date(value) is None
    return None


def is_known_name(value: object, known_names: frozenset[str] | None) -> bool:
    """Whether a person cell names a teacher of the roster (one of its names is a roster name key).

    >>> is_known_name("杨宁 老师", frozenset({"杨宁"})), is_known_name("王五（执笔）、赵六", frozenset({"赵六"}))
    (True, True)
    >>> is_known_name("请填写本人姓名", frozenset({"杨宁"})), is_known_name("杨宁", None)
    (False, False)
    """
    if not known_names or not isinstance(value, str) or not value.strip() or len(value) > 200:
        return False
    return name_key(value) in known_names or any(name in known_names for name in read_people(value).names)


def header_evidence(rows: list[list[object]], index: int, fields: dict[str, int], look: int = 5,
                    known_names: frozenset[str] | None = None) -> tuple[int, int]:
    """(confirmed, contradicted): how many of the values in the rows under a candidate header fit
    the fields it names (dates under a date, small whole numbers under a count, names under a person;
    with ``known_names``, the roster's name keys, a roster name under a person field)."""
    confirmed, contradicted, _ = _evidence(rows, index, fields, look, known_names)
    return confirmed, contradicted


def _evidence(rows: list[list[object]], index: int, fields: dict[str, int], look: int,
              known_names: frozenset[str] | None) -> tuple[int, int, int]:
    """(confirmed, contradicted, rows whose person field holds a roster name) under a candidate header."""
    confirmed = contradicted = by_roster = 0
    seen = 0
    people = [column for field_name, column in fields.items() if field_name in _PERSON_FIELDS] if known_names else []
    for cells in rows[index + 1:index + 1 + 3 * look]:
        if seen >= look:
            break
        if not _distinct_values(cells):
            continue
        seen += 1
        known = {column for column in people if column < len(cells) and is_known_name(cells[column], known_names)}
        by_roster += bool(known)
        for field_name, column in fields.items():
            verdict = True if column in known else _plausible(field_name, cells[column] if column < len(cells) else None)
            if verdict is True:
                confirmed += 1
            elif verdict is False:
                contradicted += 1
    return confirmed, contradicted, by_roster


def _is_header(rows: list[list[object]], index: int, found: set[str], kind: str,
               custom: CustomMapping | None, known_names: frozenset[str] | None = None) -> bool:
    """Whether a row is a header of ``kind``.

    Two or more columns named by exact spellings (or the user's saved meanings) make a header.
    A row whose columns are named only partly exactly (core words, month columns) is a header when
    it holds text alone, at least half of its cells are understood (a field, a form tool's column,
    a month) — or, when the roster is known, the rows under it name roster teachers in a person
    column (a form with many questions of its own) — and the values under it confirm its columns
    at least as often as they contradict them.
    """
    if len(found) < 2:
        return False
    cells = rows[index]
    exact: set[str] = set()
    understood = filled = 0
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        filled += 1
        if not isinstance(cell, str):
            continue
        field_name, how, _ = header_meaning(cell, kind, custom)
        if how in ("spelling", "custom") and field_name:
            exact.add(field_name)
        if field_name or how in ("form", "month"):
            understood += 1
    if len(exact) >= 2:
        return True
    if any(cell is not None and not isinstance(cell, str) for cell in cells):
        return False
    if 2 * understood < filled and not known_names:
        return False
    confirmed, contradicted, by_roster = _evidence(rows, index, _map_fields(cells, kind, custom), 5, known_names)
    if 2 * understood < filled and by_roster < _ROSTER_ROWS:
        return False
    return contradicted <= confirmed


#: Rows under a partly understood header that must name roster teachers in a person column before
#: the roster alone makes it a header.
_ROSTER_ROWS = 2


def _repeats_open_header_by_words(cells: list[object], kind: str, custom: CustomMapping | None,
                                  current: "Block | None") -> bool:
    """Whether a row named only by core words would name the very columns the open table's header names.

    A repeated header repeats the spellings; a row whose cells merely contain the header's words in the
    same columns ("外校作者" under "作者", "论文三" under "论文题目") is one of the table's data rows.
    """
    if current is None or current.header_row is None or not current.fields:
        return False
    exact = 0
    fields: dict[str, int] = {}
    for position, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        field_name, how, _ = header_meaning(cell, kind, custom)
        if field_name:
            fields.setdefault(field_name, position)
            exact += how in ("spelling", "custom")
    if exact >= 2 or not fields:
        return False
    return all(current.fields.get(name) == position for name, position in fields.items())


def fill_merged(sheet: Sheet) -> list[list[object]]:
    """The sheet's rows with every merged range filled with its first value.

    Only the rows a range touches are copied; the others are the sheet's own lists.
    """
    rows = list(sheet.rows)
    copied: set[int] = set()
    for (top, left), (bottom, right) in sheet.merged:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if rows[r][c] in ("", None):
                    rows[r][c] = value
    return rows


def _distinct_values(cells: list[object]) -> list[object]:
    values: list[object] = []
    for cell in cells:
        if cell is None or cell == "" or (isinstance(cell, str) and not cell.strip()):
            continue
        if not values or cell != values[-1]:
            values.append(cell)
    return values


def _is_marker(value: object) -> bool:
    text = squash(value)
    return text.startswith(NON_DATA_MARKERS)


def guess_kind(sheets: list[Sheet], filename: str, custom: CustomMapping | None = None) -> str | None:
    """The kind whose headers a file's sheets name most, hints breaking ties.

    Returns None when no row of any sheet reads as a header of any kind
    and neither the file name nor the first text names one.
    """
    scores = {kind: 0.0 for kind in COLUMN_SYNONYMS}
    first_texts = [filename]
    for sheet in sheets:
        first_texts.append(sheet.name)
        for cells in sheet.rows[:400]:
            found = _header_score(cells, custom)
            for kind, fields in found.items():
                if len(fields) >= 2:
                    scores[kind] = max(scores[kind], len(fields) + _kind_bonus(kind, fields))
        for cells in sheet.rows[:3]:
            first_texts.extend(str(value) for value in _distinct_values(cells)[:1])
    hint_text = squash(" ".join(first_texts))
    for kind, words in KIND_HINTS.items():
        named = sum(word in hint_text for word in words)
        if named:  # each further word of the same kind named adds a little (个人任务 + 读书笔记 + 微课 over 微课 alone)
            scores[kind] += 1.5 + 0.5 * (named - 1)
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] > 0 else None


def _kind_bonus(kind: str, fields: set[str]) -> float:
    """Fields that only one kind has weigh more than shared ones (姓名, 学科)."""
    declared = DECLARED[kind]
    telling = set(declared.distinctive) if declared.distinctive else _own_fields(kind)
    bonus = 0.5 * len(fields & telling)
    if declared.shapes and not any(set(shape) <= fields for shape in declared.shapes):
        bonus -= 1.0  # none of the column sets its reader reads a table by: the reader would refuse it
    return bonus


def _own_fields(kind: str) -> set[str]:
    """The fields of a kind's vocabulary that no other kind's vocabulary names (for a kind whose
    declaration lists no ``distinctive`` fields)."""
    others = {name for other, fields in COLUMN_SYNONYMS.items() if other != kind for name in fields}
    return set(COLUMN_SYNONYMS[kind]) - others


def find_blocks(sheet: Sheet, kind: str, custom: CustomMapping | None = None,
                header_row: int | None = None, known_names: frozenset[str] | None = None) -> list[Block]:
    """Split a sheet into its tables for one kind.

    ``header_row`` (1-based) forces that row to be the header: rows above
    it are context, and no other row is taken for a header.  ``known_names``
    (the roster's name keys) lets roster names under a person column confirm a header.
    """
    rows = fill_merged(sheet) if sheet.merged else sheet.rows
    columns, special, factors = _plain_rows(rows, kind, custom)
    blocks: list[Block] = []
    state = _State(sheet.name, known_names=known_names)
    position = 0
    for stop in [*special, len(rows)]:
        # rows position..stop-1 are plain data rows: a run, once a block is open
        while position < stop:
            if state.current is not None and (header_row is None or position + 1 > header_row):
                state.current.add_run(position, stop, state.section)
                position = stop
                break
            _one_row(rows, position, kind, custom, header_row, blocks, state, columns, factors)
            position += 1
        if stop < len(rows):
            _one_row(rows, stop, kind, custom, header_row, blocks, state, columns, factors)
            position = stop + 1
    return blocks


@dataclass
class _State:
    """Where find_blocks is: the open block, the section, the previous header."""

    sheet: str
    current: Block | None = None
    section: str = ""
    previous_header: list[object] | None = None
    context: list[str] = field(default_factory=list)
    known_names: frozenset[str] | None = None


def _one_row(rows: list[list[object]], index: int, kind: str, custom: CustomMapping | None,
             header_row: int | None, blocks: list[Block], state: _State, columns: np.ndarray | None,
             factors: dict[int, tuple] | None = None) -> None:
    """The row-by-row rules for one row (header, heading, 合计, data)."""
    cells = rows[index]
    number = index + 1
    values = _distinct_values(cells)
    if not values:
        return
    found = _header_score(cells, custom).get(kind, set())
    header = _is_header(rows, index, found, kind, custom, state.known_names)
    if header and header_row is None and _repeats_open_header_by_words(cells, kind, custom, state.current):
        header = False  # "外校作者 | 论文三" under "作者 | 论文题目": a data row whose cells contain the header's words
    if header_row is not None:
        header = number == header_row
        if number < header_row:
            state.context.append(str(values[0]).strip())
            return
    current = state.current
    if header:
        previous_header = state.previous_header
        if previous_header is not None and index == previous_header[0] + 1 and current is not None and not current.runs:
            # second row of a two-row header: lower labels win, upper fill gaps
            upper = previous_header[1]
            merged = [c if c not in ("", None) else (upper[i] if i < len(upper) else "") for i, c in enumerate(cells)]
            current.labels = [str(c) for c in merged]
            current.fields = _map_fields(merged, kind, custom)
            current.months = _map_months(merged, kind)
            current.header_row = number
            state.previous_header = [index, merged]
            return
        upper = _take_upper_header(blocks, number)
        labels = [c if c not in ("", None) or upper is None or i >= len(upper) else upper[i] for i, c in enumerate(cells)]
        state.current = Block(state.sheet, number, [str(c) for c in labels],
                              _map_fields(cells, kind, custom), list(state.context), grid=rows, _columns=columns,
                              _factors=factors, months=_map_months(cells, kind))
        blocks.append(state.current)
        state.previous_header = [index, list(cells)]
        state.section = ""
        return
    if len(values) == 1 and _looks_like_section(values[0], cells):
        text = str(values[0]).strip()
        if _is_marker(text) and current is not None:
            current.skipped.append((number, text))
            return
        state.section = text
        state.context.append(text)
        if current is not None:
            current.context.append(text)
        return
    if _is_marker(values[0]):
        if current is not None:
            current.skipped.append((number, str(values[0]).strip()))
        else:
            state.context.append(str(values[0]).strip())
        return
    if current is None:
        state.current = current = Block(state.sheet, None, [], {}, list(state.context),
                                        grid=rows, _columns=columns, _factors=factors)
        blocks.append(current)
    current.add(index, state.section)


def _take_upper_header(blocks: list[Block], number: int) -> list[object] | None:
    """The text-only row right above a header row is the header's upper row
    (a two-row header whose first row names groups of columns, such as
    "基本信息 | 任职信息"): take it out of the data rows and return it."""
    if not blocks or blocks[-1].header_row is not None or not blocks[-1].runs:
        return None
    block = blocks[-1]
    start, stop, section = block.runs[-1]
    above = block.grid[stop - 1]
    if stop != number - 1 or not all(isinstance(c, str) or c is None for c in above):
        return None
    if stop - 1 > start:
        block.runs[-1] = (start, stop - 1, section)
    else:
        block.runs.pop()
    block._rows = None
    if not block.runs:
        blocks.pop()
    return list(above)


def _plain_rows(rows: list[list[object]], kind: str,
                custom: CustomMapping | None) -> tuple[np.ndarray | None, list[int], dict[int, tuple]]:
    """The sheet as a 2-D object array, and the 0-based indexes of the rows
    that are not certainly plain data rows.

    A plain data row has a non-blank value that is no text, or at least two
    different texts; fewer than two cells that name a header of ``kind``;
    and a first value that is no 合计/备注 marker.  (A row whose only value
    is a number is data under the row-by-row rules too.)  Every other row
    (blank, header, heading, marker) is left to the row-by-row rules.
    Columns that hold no text and no blank are not looked at cell by cell;
    the others are factorised, so each distinct text is classified once.
    """
    if len(rows) < 64:
        return None, list(range(len(rows))), {}
    width = len(rows[0])
    if len(set(map(len, rows))) != 1:  # ragged: no fast path
        return None, list(range(len(rows))), {}
    grid = np.fromiter(chain.from_iterable(rows), dtype=object, count=len(rows) * width).reshape(len(rows), width)
    factors: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    blank_code, other_code = 0, 1  # None or NaN; a value that is no text
    texts: dict[str, int] = {}
    codes = np.empty(grid.shape, dtype=np.int64)
    for j in range(width):
        column = grid[:, j]
        inferred = lib.infer_dtype(column, skipna=False)
        if inferred in _NO_TEXT:
            codes[:, j] = other_code
            continue
        local, uniques = pd.factorize(column)
        if inferred == "string":  # every cell a text: the loaders may read each distinct text once
            factors[j] = (local, uniques)
        lut = np.full(len(uniques) + 1, other_code, dtype=np.int64)
        lut[-1] = blank_code  # factorize gives -1 for None/NaN
        is_text = np.fromiter(map(isinstance, uniques, repeat(str)), dtype=bool, count=len(uniques))
        for u in np.flatnonzero(is_text).tolist():
            lut[u] = texts.setdefault(uniques[u], len(texts) + 2)
        codes[:, j] = lut[local]
    blank = np.zeros(len(texts) + 2, dtype=bool)
    naming = np.zeros(len(texts) + 2, dtype=bool)
    marker = np.zeros(len(texts) + 2, dtype=bool)
    blank[blank_code] = True
    mine = custom.get(kind, {}) if custom else {}
    for value, code in texts.items():
        if not value.strip():
            blank[code] = True
            continue
        key = squash(value)
        if len(value) <= _LONGEST_HEADER:
            meaning = _text_meaning(value, kind)
            naming[code] = bool(meaning[0]) or meaning[1] == "month" or bool(mine.get(_key(value)) or mine.get(key))
        marker[code] = key.startswith(NON_DATA_MARKERS)
    is_blank = blank[codes]
    filled = ~is_blank
    has_other = (codes == other_code).any(axis=1)
    lowest = np.where(is_blank, np.iinfo(np.int64).max, codes).min(axis=1)
    highest = np.where(is_blank, -1, codes).max(axis=1)
    one_text = ~has_other & (lowest == highest)
    first = codes[np.arange(len(rows)), filled.argmax(axis=1)]
    special = (~filled.any(axis=1)) | one_text | (naming[codes].sum(axis=1) >= 2) | marker[first]
    return grid, np.flatnonzero(special).tolist(), factors


#: pandas' inferred kinds of a column holding neither text nor None/NaN-free blanks
_NO_TEXT = {"integer", "floating", "mixed-integer-float", "decimal", "complex", "boolean", "datetime", "date",
            "time", "timedelta", "datetime64", "timedelta64"}


def _looks_like_section(value: object, cells: list[object]) -> bool:
    """A row holding one text alone is a heading, not data, unless it is a
    short bare value in a later column (a data row with the rest blank)."""
    if not isinstance(value, str):
        return False
    first = next(i for i, c in enumerate(cells) if c not in ("", None) and str(c).strip())
    filled = sum(1 for c in cells if c not in ("", None) and str(c).strip())
    if filled > 1:  # merged across columns
        return True
    return first == 0 or len(squash(value)) > 6


def _map_fields(cells: list[object], kind: str, custom: CustomMapping | None) -> dict[str, int]:
    """Canonical field -> column; where several columns name a field, the user's own mapping, then
    the spelling listed first in the contract, then a column named by a core word, then the first, wins."""
    best: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(cells):
        field_name, how, _ = header_meaning(cell, kind, custom)
        if not field_name:
            continue
        key = _key(cell)
        spellings = [header_key(s) for s in COLUMN_SYNONYMS[kind].get(field_name, ())]
        rank = -1 if how == "custom" else (spellings.index(key) if key in spellings else 99)
        if field_name not in best or rank < best[field_name][0]:
            best[field_name] = (rank, index)
    return {field_name: index for field_name, (_, index) in sorted(best.items(), key=lambda item: item[1][1])}


def _map_months(cells: list[object], kind: str) -> dict[int, int]:
    """Column -> calendar month of a 听课 month matrix's month columns (none when fewer than two)."""
    if not DECLARED[kind].month_columns:
        return {}
    months = {index: month for index, cell in enumerate(cells) if (month := month_of(cell))}
    return months if len(months) >= 2 else {}
