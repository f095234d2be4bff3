"""The generic loops over the kinds' declarations: what each declared kind adds to 总览, 工作总结,
教师档案 and the 教研组长's reminder list, through the hooks its declaration names.

Pure (no Streamlit, no store).  A kind shows where it has data: its own rows, or the rows of a kind
its declaration names in ``also_from`` (a 听课 log whose 课型 column names open lessons).  A hook
may still return nothing (an empty list or frame): then nothing of the kind is shown.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .dataset import Dataset
from . import labels
from .kinds import KINDS, Card, Kind, Section, hook

#: The columns of a declared kind's reminder rows (what a member of the group still owes).
REMINDER_COLUMNS = labels.REMINDER_COLUMNS


def has_data(ds: Dataset, kind: Kind) -> bool:
    """Whether ``ds`` holds rows of ``kind`` (or of a kind it is also read from)."""
    return any(not ds.frame(key).empty for key in (kind.key, *kind.also_from) if key in KINDS)


def hooked(ds: Dataset | None, name: str) -> list[tuple[Kind, object]]:
    """(kind, its ``name`` hook) of every declared kind naming one, in the declarations' order;
    with ``ds``, only the kinds with data in it."""
    found = []
    for kind in KINDS.values():
        function = hook(kind, name)
        if function is not None and (ds is None or has_data(ds, kind)):
            found.append((kind, function))
    return found


def overview_cards(ds: Dataset, figures: dict) -> list[tuple[str, list[Card]]]:
    """(kind label, its 总览 cards) for every kind with data whose declaration names an overview hook."""
    found = []
    for kind, function in hooked(ds, "overview_hook"):
        cards = list(function(figures))
        if cards:
            found.append((kind.label, cards))
    return found


def report_sections(ds: Dataset, term: str, group: str | None, figures: dict,
                    previous: dict | None) -> list[tuple[Kind, list[Section]]]:
    """(kind, its 工作总结 sections) for every kind with data whose declaration names a report hook."""
    found = []
    for kind, function in hooked(ds, "report_hook"):
        sections = list(function(ds, term, group, figures, previous))
        if sections:
            found.append((kind, sections))
    return found


def summary_sections(ds: Dataset | None, term: str, group: str | None, figures: dict,
                     previous: dict | None) -> list[tuple[Kind, list[Section]]]:
    """(kind, its standing 工作总结 sections) for every kind whose declaration names a summary hook,
    with data or not (``ds=None``: the paragraphs alone, from the figures)."""
    return [(kind, list(function(ds, term, group, figures, previous))) for kind, function in hooked(None, "summary_hook")]


def profile_sections(ds: Dataset, teacher: str) -> list[tuple[Kind, list[Section]]]:
    """(kind, its 教师档案 sections) for every kind with data whose declaration names a profile hook."""
    found = []
    for kind, function in hooked(ds, "profile_hook"):
        sections = list(function(ds, teacher))
        if sections:
            found.append((kind, sections))
    return found


def reminder_rows(ds: Dataset, term: str, group: str, day: dt.date) -> pd.DataFrame:
    """What the members of ``group`` still owe of every declared kind (``REMINDER_COLUMNS``), kind
    after kind in the declarations' order."""
    parts = []
    for _kind, function in hooked(ds, "reminder_hook"):
        rows = function(ds, term, group, day)
        if rows is not None and len(rows):
            parts.append(pd.DataFrame(rows).reindex(columns=REMINDER_COLUMNS))
    if not parts:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in REMINDER_COLUMNS})
    return pd.concat(parts, ignore_index=True)

