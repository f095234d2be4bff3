"""听课 tables the pages show: pace against quota for a given day, per-group 达标率, one teacher's counted rows, the weekly timeline.

Pure (no Streamlit); :mod:`dashboard.breakdowns` re-exports every name here.
"""

from __future__ import annotations

import datetime as dt
import math
import pandas as pd

from .labels import LESSON_COLUMNS, SUMMARY_COLUMNS, WEEK_LABEL
from .normalize import term_bounds
from .breakdowns import TermView, display, pinyin_key, rate


def term_progress(term: str, today: dt.date) -> tuple[float, dt.date]:
    """Share of the term passed by ``today`` (clipped to the term) and the clipped day.

    >>> term_progress("2024-2025-1", dt.date(2024, 9, 1))[0] == 1 / 153
    True
    >>> term_progress("2024-2025-1", dt.date(2030, 1, 1))
    (1.0, datetime.date(2025, 1, 31))
    """
    start, end = term_bounds(term)
    day = min(max(today, start), end)
    return ((day - start).days + 1) / ((end - start).days + 1), day


def pace(teachers: pd.DataFrame, term: str, today: dt.date) -> pd.DataFrame:
    """Per teacher: progress, 节 expected by ``today`` for the share of term passed, and 节 owed.

    ``expected`` = quota × share, rounded half up; ``pace_gap`` = how far
    below that the count is; ``owed`` = 节 still needed for the quota.
    Behind pace first (largest gap), then most owed, then pinyin.
    """
    share, _ = term_progress(term, today)
    frame = teachers.copy()
    frame["expected"] = [math.floor(quota * share + 0.5) for quota in frame["quota"]]
    frame["pace_gap"] = (frame["expected"] - frame["count"]).clip(lower=0).astype(int)
    frame["owed"] = (frame["quota"] - frame["count"]).clip(lower=0).astype(int)
    frame["progress"] = [min(count / quota, 1.0) if quota else 1.0 for count, quota in zip(frame["count"], frame["quota"])]
    frame["_pinyin"] = frame["name_key"].map(pinyin_key)
    frame = frame.sort_values(["pace_gap", "owed", "_pinyin"], ascending=[False, False, True], kind="stable")
    return frame.drop(columns="_pinyin").reset_index(drop=True)


def group_rates(teachers: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Per 教研组: teachers, met, 达标率, 节 counted and owed (roster order)."""
    present = set(teachers["group"].tolist())
    names = [g for g in (order or []) if g in present]
    names += sorted(present - set(names))
    sums: dict[str, list[int]] = {}  # a few hundred rows: summed as plain values, not by a pandas groupby
    for group, met, count, owed in zip(*(teachers[column].tolist() for column in ("group", "met", "count", "owed"))):
        found = sums.setdefault(group, [0, 0, 0, 0])
        found[0] += 1
        found[1] += int(met)
        found[2] += int(count)
        found[3] += int(owed)
    frame = pd.DataFrame({"group": names, **{column: [sums[name][i] for name in names]
                                              for i, column in enumerate(("teachers", "met", "lessons", "owed"))}},
                         columns=["group", "teachers", "met", "lessons", "owed"])
    frame.insert(3, "rate", [rate(m, n) for m, n in zip(frame["met"], frame["teachers"])])
    return frame


def teacher_rows(view: TermView, teacher: str) -> pd.DataFrame:
    """The rows behind one teacher's count: log rows, else the summary row."""
    lessons = view.lessons[view.lessons["teacher_key"] == teacher]
    if len(lessons):
        return display(lessons.sort_values("date", kind="stable"), LESSON_COLUMNS)
    return display(view.summaries[view.summaries["teacher_key"] == teacher], SUMMARY_COLUMNS)


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def weekly_lessons(lessons: pd.DataFrame, term: str) -> pd.DataFrame:
    """节 per week (Monday start) from the term's first week to the last week with a lesson.

    Weeks are numbered from the week the term starts in; empty weeks are 0.
    """
    columns = ["week", "week_start", "label", "lessons", "records"]
    dated = lessons[lessons["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=columns)
    first = week_start(term_bounds(term)[0])
    starts = dated["date"].map(week_start)
    sums = dated.groupby(starts)["lessons"].sum()
    records = dated.groupby(starts).size()
    rows = []
    day, number = first, 1
    while day <= max(starts):
        rows.append({"week": number, "week_start": day, "label": WEEK_LABEL.format(number),
                     "lessons": int(sums.get(day, 0)), "records": int(records.get(day, 0))})
        day += dt.timedelta(days=7)
        number += 1
    return pd.DataFrame(rows, columns=columns)


def lessons_in_week(lessons: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    days = lessons["date"].map(lambda d: d is not None and not pd.isna(d) and week_start(d) == start)
    return lessons[days.astype(bool)]
