"""The kinds of record, each declared once.

A kind (教师名册, 听课记录, 论文, 课题, and every kind added later) is one
:class:`Kind` in a module of this package: its canonical fields and their
types, its Chinese name, the header vocabulary that recognises its columns,
the words in a file name that hint at it, its reader and the figures it
feeds.  Everything else reads the declaration: the contract's tables
(:data:`dashboard.contract.SCHEMAS`, ``COLUMN_SYNONYMS``, ``HEADER_WORDS`` …),
the store's tables (one per kind, created when a store opens), the loaders'
readers, :class:`dashboard.dataset.Dataset`'s frames, the import page's kind
list.  Adding a kind = a module here declaring ``KIND`` + its reader module
in :mod:`dashboard.loaders` + its metrics.

Declarations import nothing from the rest of the package (the contract is
built from them), so reading them costs nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Field types a kind may declare; the store maps them to SQL types.
FIELD_TYPES = ("text", "date", "int", "float")


@dataclass(frozen=True)
class Field:
    """One canonical column of a kind: its name in code, its Chinese label, its type."""

    name: str
    label: str
    type: str = "text"

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Kind:
    """One kind of record, as every layer needs to know it.

    ``fields`` are the stored columns, in order (the source columns ``school``,
    ``source_sheet``, ``source_row`` follow).  ``synonyms`` are exact header
    spellings per field and ``header_words`` the core words a header may
    contain (both may name fields that are read but not stored, such as a
    log's 提交人); ``required`` the fields a table needs before its rows are
    read as this kind; ``hints`` words of a file name or title that suggest
    it.  ``reader`` is the module (under :mod:`dashboard.loaders`) with
    ``read_block(block, ctx) -> list[dict]`` and, optionally,
    ``check(records, ctx) -> list[dict]`` (run on all the file's records: drop and report
    duplicates, refuse a file by raising :class:`~dashboard.problems.ImportRejected`).  A kind
    with a ``record`` field gets its records numbered 1, 2, … in file order.  ``order`` places it in lists
    (the order a school imports in).  ``figures`` names the keys of the
    figures JSON it feeds.
    """

    key: str
    label: str
    fields: tuple[Field, ...]
    synonyms: dict[str, tuple[str, ...]]
    header_words: dict[str, tuple[str, ...]]
    required: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    reader: str = ""
    order: int = 100
    figures: tuple[str, ...] = ()
    #: what a user imports it from, for the empty-state hints ("听课记录", "课题记录" …)
    file_label: str = ""
    #: the fields naming the teacher(s) a row is about (name keys, or names joined by 、): a
    #: 教研组长 sees a row when one of them is a member of the group in the row's term, and the
    #: other names of those fields are replaced (see :func:`dashboard.scope.scope_dataset`)
    people: tuple[str, ...] = ()
    #: the field naming the 教研组 a row belongs to (a kind about a group, not a person, such as
    #: 教研活动): a 教研组长 sees the rows of their own group (compared by
    #: :func:`dashboard.normalize.group_key`), whatever ``people`` says; "" = none
    group_field: str = ""
    #: other kinds whose rows may also feed this one's figures (a 听课 log's 课型 column names open
    #: lessons): the kind shows on 总览, 工作总结 … when it or one of these has rows
    also_from: tuple[str, ...] = ()
    #: what a file chosen as this kind but read as another is told (``{guessed}``: the other kind's
    #: name), when none of the ``telling`` fields is among its columns
    refusal: str = ""
    #: groups of fields, one of which a table must have entirely to be read as this kind when the
    #: file looks like another kind (a 论文 list: 题目, or 获奖等级, or 刊物; a 课题 list: 名称 and 负责人)
    telling: tuple[tuple[str, ...], ...] = ()
    #: the fields only this kind has: a header naming them weighs more when a file's kind is guessed
    #: (default: the fields of its vocabulary no other kind's vocabulary names)
    distinctive: tuple[str, ...] = ()
    #: whether a table without a header row may be read by its content (a 论文 list may; a roster
    #: or 听课 log without a header is refused)
    headerless: bool = True
    #: the template's example row (field -> value) and the note on each header (field -> text);
    #: the template of a kind that gives none of its own (:mod:`dashboard.templates`) is made from
    #: its fields, each under its first header spelling
    example: dict[str, object] | None = None
    notes: dict[str, str] | None = None
    #: Hooks, each ``"module:function"`` under :mod:`dashboard` (resolved on first use by
    #: :func:`hook`, so declaring costs no import).  All are pure (no Streamlit, no store):
    #:
    #: - ``figures_hook(ds, term, group) -> dict``: this kind's keys of the figures JSON
    #:   (every key present, zeros included);
    #: - ``overview_hook(figures) -> list[Card]``: 总览's cards, from the whole figures JSON;
    #: - ``report_hook(ds, term, group, figures, previous) -> list[Section]``: 工作总结's
    #:   paragraph(s) and table(s) (``previous``: last term's figures JSON, or None);
    #: - ``summary_hook(ds, term, group, figures, previous) -> list[Section]``: the kind's standing
    #:   part of 工作总结, written every term whether or not it has rows (听课, 论文, 课题 say
    #:   "暂无…"); the standing parts come first, in order, before every ``report_hook``'s sections;
    #:   ``ds=None`` asks for the paragraphs alone (their text is a function of the figures);
    #: - ``profile_hook(ds, teacher_key) -> list[Section]``: 教师档案, every term;
    #: - ``reminder_hook(ds, term, group, day) -> pandas.DataFrame``: what members of a group
    #:   still owe (columns 姓名, 事项, 要求, 已完成, 还差), for the 教研组长's reminder list.
    figures_hook: str = ""
    overview_hook: str = ""
    report_hook: str = ""
    summary_hook: str = ""
    profile_hook: str = ""
    reminder_hook: str = ""
    #: ``rules_hook() -> object``: reads the kind's rule file (TOML in data/), raising
    #: :class:`dashboard.rule_files.RulesError` with a Chinese message when it cannot be used; every
    #: page checks it first, so a broken file is a message, never a failing 总览 or 工作总结
    rules_hook: str = ""
    #: Checks of a file read as this kind, each ``"module:function"`` under :mod:`dashboard` (the
    #: loaders' generic steps call them; a kind needing none names none):
    #:
    #: - ``sheets_hook(sheets) -> str | None``: why the workbook's raw sheets (before any table is
    #:   looked for) cannot be this kind, or None; run when the file is chosen as this kind, and for
    #:   every kind declaring it when no kind is chosen (a headerless list of names with 职称 is no
    #:   roster); a reason refuses the file;
    #: - ``tables_hook(blocks, filename) -> None``: run on the tables found once the file is read
    #:   as this kind; raises :class:`dashboard.problems.WrongKind` with a Chinese message when
    #:   they hold nothing of this kind (a 听课 file of 教研组 totals only).
    sheets_hook: str = ""
    tables_hook: str = ""
    #: what a one-column list chosen as this kind is told (``{example}``: its first text); "" =
    #: the generic message
    one_column: str = ""
    #: whether this kind is the roster: its rows are the teachers every other kind's names are
    #: matched against, per term (one kind only; see :func:`roster_kind`)
    is_roster: bool = False
    #: whether two or more month columns (``9月 | 10月``) are read as one field, ``months`` (a 听课
    #: summary per month)
    month_columns: bool = False
    #: the sets of fields one of which a table must have for its reader to read it (听课: 听课人, or
    #: 姓名 + 授课教师/节数/months …); a table with none weighs less when a file's kind is guessed
    shapes: tuple[tuple[str, ...], ...] = ()
    #: templates written by hand: ``(key, title shown, file name, columns)``, each column ``(field,
    #: header, example value, note)`` (a kind may need two: a 听课 log and a summary); none = one made
    #: from the fields (:func:`dashboard.templates.declared_template`)
    templates: tuple = ()
    #: pages of this kind: ``(file under pages/, title, Material icon, url path)``; shown after
    #: 课题管理 to every role but 教师
    pages: tuple[tuple[str, str, str, str], ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def types(self) -> dict[str, str]:
        return {f.name: f.type for f in self.fields}

    @property
    def upload_name(self) -> str:
        return self.file_label or self.label


@dataclass(frozen=True)
class Card:
    """One figure on 总览: a label, the value as shown, an optional help text and change."""

    label: str
    value: str
    help: str = ""
    delta: str | None = None


@dataclass(frozen=True)
class Section:
    """A part of 工作总结 or 教师档案: a heading, a paragraph and/or a table (a pandas DataFrame
    with Chinese column labels), and a note under it."""

    heading: str
    text: str = ""
    table: object = None
    note: str = ""
    #: 工作总结: the paragraph's key (default ``<kind>_<n>``), the numbers it states (for a test to
    #: trace; default ``{"kind": <kind>}``), further named tables ``(name, frame, note)`` after it
    key: str = ""
    numbers: dict | None = None
    tables: tuple = ()


def roster_kind() -> Kind:
    """The kind declared as the roster (``is_roster``): the source of the teachers names are matched against."""
    return next(kind for kind in KINDS.values() if kind.is_roster)


def hook(kind: Kind, name: str):
    """The function a kind names for ``name`` (``"figures_hook"`` …), or None when it names none."""
    target = getattr(kind, name)
    if not target:
        return None
    module, _, function = target.partition(":")
    return getattr(module_named(module), function)


def module_named(name: str, package: str = "dashboard"):
    """The module ``name`` under ``package`` (``"loaders.open_lessons"``), else ``name`` itself
    (a module outside the package: a test's throw-away kind)."""
    if name.startswith(package + ".") or name == package:
        return importlib.import_module(name)
    try:
        return importlib.import_module(f"{package}.{name}")
    except ModuleNotFoundError as error:
        if error.name is None or not f"{package}.{name}".startswith(error.name):
            raise  # the module exists but imports something missing
        return importlib.import_module(name)


KINDS: dict[str, Kind] = {}
#: Bumped by every register/unregister: what is derived from the declarations (a header index,
#: a store table) compares it to know when to derive again.
GENERATION = [0]


def register(kind: Kind) -> Kind:
    """Add (or replace) a kind; the declaration modules of this package register themselves."""
    GENERATION[0] += 1
    KINDS[kind.key] = kind
    ordered = sorted(KINDS.values(), key=lambda k: (k.order, k.key))
    KINDS.clear()
    KINDS.update((k.key, k) for k in ordered)
    return kind


def unregister(key: str) -> None:
    """Remove a kind (a test's throw-away kind)."""
    GENERATION[0] += 1
    KINDS.pop(key, None)


def _discover() -> None:
    for module in pkgutil.iter_modules(__path__):
        declared = importlib.import_module(f"{__name__}.{module.name}")
        if isinstance(getattr(declared, "KIND", None), Kind):
            register(declared.KIND)


_discover()


class _Live(Mapping):
    """A read-only mapping computed from :data:`KINDS` on use, so a kind registered later
    (a test's throw-away kind) shows everywhere the mapping is read.  What is built from
    one declaration is kept until that declaration changes."""

    def __init__(self, build):
        self._build = build
        self._made: dict[str, tuple[Kind, object]] = {}  # key -> (the declaration, what was built from it)

    def __getitem__(self, key):
        kind = KINDS[key]
        made = self._made.get(key)
        if made is None or made[0] is not kind:
            made = self._made[key] = (kind, self._build(kind))
        return made[1]

    def __iter__(self):
        return iter(list(KINDS))

    def __len__(self) -> int:
        return len(KINDS)

    def __repr__(self) -> str:
        return repr(dict(self))


class _LiveKeys(Sequence):
    """The kinds' keys in order, following :data:`KINDS`."""

    def __getitem__(self, index):
        return tuple(KINDS)[index]

    def __len__(self) -> int:
        return len(KINDS)

    def __contains__(self, key) -> bool:
        return key in KINDS

    def __iter__(self):
        return iter(list(KINDS))

    def __eq__(self, other) -> bool:
        return tuple(KINDS) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(KINDS))

    def __repr__(self) -> str:
        return repr(tuple(KINDS))


def live(build) -> Mapping:
    """``{kind key: build(kind)}`` for every declared kind, following :data:`KINDS`."""
    return _Live(build)


#: The kinds' keys in order (live).
KEYS: Sequence[str] = _LiveKeys()


#: What each hook gives, as the README's table of kinds names it.
HOOK_NAMES = {"figures_hook": "统计数字", "overview_hook": "总览", "report_hook": "工作总结", "summary_hook": "工作总结",
              "profile_hook": "教师档案", "reminder_hook": "提醒名单"}


def readme_row(kind: Kind) -> str:
    """The README's row of one kind: its name, key, stored fields, where it shows beyond its own pages.

    >>> readme_row(KINDS["roster"]).split(" | ")[:2]
    ['| 教师名册', '`roster`']
    """
    fields = "、".join(field.label for field in kind.fields)
    shows = "、".join(dict.fromkeys(name for attribute, name in HOOK_NAMES.items() if getattr(kind, attribute))) or "—"
    pages = "、".join(title for _, title, _, _ in kind.pages) or "—"
    return f"| {kind.label} | `{kind.key}` | {fields} | {shows} | {pages} |"


def readme_table() -> str:
    """The README's table of the declared kinds (``python -c "from dashboard.kinds import
    readme_table; print(readme_table())"`` prints it to paste)."""
    head = "| 种类 | 键 | 保存的字段 | 由声明接入 | 自己的页面 |\n|---|---|---|---|---|"
    return "\n".join([head, *(readme_row(kind) for kind in KINDS.values())])
