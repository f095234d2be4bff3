"""Streamlit glue for 公开课 and 被听课: what the pages show, built once per store version and filters.

Who gave an open lesson and who was observed are facts about the group's own teachers, but the rows
that state them may be another group's (a 听课 log row belongs to its 听课人): so the figures are
computed on the school's rows and then narrowed to the viewer's 教研组 — only the group's teachers and
their lessons are returned, never another group's names.  Everything the page draws (tables in their
Chinese labels, charts) is built in one cached call, so a warm rerun only draws.  The rule file is
read on every call (parsed once per content) and its rules are part of the cache key, so an edit
shows at the next click; a broken file raises :class:`dashboard.open_lessons.RulesError` for the page.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import charts, metrics
from . import open_lessons as ol
from . import ui
from .accounts import Scope
from .lesson_types import LESSON_TYPES
from .labels import open_lessons as words


@dataclasses.dataclass(frozen=True)
class Parts:
    """One term's 公开课 page for a viewer, ready to draw (shared and read-only)."""

    figures: dict
    cards: tuple[tuple[str, str, str], ...]  # (label, value, help)
    groups: pd.DataFrame  # per 教研组, Chinese labels
    groups_chart: go.Figure
    types_chart: go.Figure
    teachers: pd.DataFrame  # per teacher, most owed first, Chinese labels
    never: tuple[str, ...]  # never observed, by name key
    lessons: pd.DataFrame  # the lessons that count, Chinese labels
    others: pd.DataFrame  # lessons whose teacher is in no roster (empty for a group-bound viewer)
    #: the page's tabs in order: teachers first; no 教研组 tab while one teacher is chosen
    sections: tuple[str, ...]


@st.cache_resource(show_spinner="正在计算……", max_entries=64)
def _parts(url: str, version: int, school: str | None, term: str, group: str | None, teacher: str | None,
           bound: bool, rules: tuple, _ds) -> Parts:
    teachers, lessons, others = ol.term_parts(_ds, term, group, rules)
    if teacher:
        teachers = teachers[teachers["name_key"] == teacher]
        lessons = lessons[lessons["teacher_key"] == teacher]
    if bound or teacher:
        others = others.iloc[:0]
    figures = ol.term_figures(teachers, lessons)
    with_quota = teachers[teachers["quota"] > 0]
    never = tuple(ol.never_observed(teachers)["name_key"])
    cards = ((words.LESSONS_CARD, str(len(lessons)), "同一日期、授课教师、班级、节次的公开课只计一次"),
             (words.RATE_CARD, ol.percent(with_quota["met"].mean() if len(with_quota) else None),
              f"有公开课要求的 {len(with_quota)} 位教师中已完成 {int(with_quota['met'].sum())} 位"),
             (words.OWED_CARD, str(int((~with_quota["met"]).sum())), "有公开课要求、本学期还没有上够的教师"),
             (words.NEVER_CARD, words.PEOPLE_VALUE.format(len(never)), "本学期听课记录中没有被听过课的教师"))
    groups = ol.group_table(teachers, lessons)
    shown_groups = groups.rename(columns=ol.GROUP_COLUMNS).assign(**{words.RATE_COLUMN: groups["rate"].map(ol.percent)})
    types = lessons["lesson_type"].value_counts().reindex(list(LESSON_TYPES), fill_value=0)
    order = teachers.sort_values(["owed", "name_key"], ascending=[False, True], kind="stable")
    return Parts(
        figures, cards, shown_groups,
        charts.bar(groups["group"], groups["lessons"], title=words.GROUPS_CHART, x_title=words.GROUP_AXIS, y_title=words.LESSONS_AXIS),
        charts.bar(list(types.index), [int(v) for v in types.values], title=words.TYPES_CHART, x_title=words.TYPE_AXIS,
                   y_title=words.LESSONS_AXIS, in_order=True),
        order[list(ol.TEACHER_COLUMNS)].rename(columns=ol.TEACHER_COLUMNS).reset_index(drop=True), never,
        lessons[list(ol.LESSON_COLUMNS)].rename(columns=ol.LESSON_COLUMNS).reset_index(drop=True),
        others[list(ol.UNMATCHED_COLUMNS)].rename(columns=ol.UNMATCHED_COLUMNS).reset_index(drop=True),
        (words.TEACHERS_SECTION, *(() if teacher else (words.GROUPS_SECTION,)), words.TYPES_SECTION))


def parts(f: ui.Filters) -> Parts:
    """The page for the filters (a 教研组长 always gets their own group)."""
    rules = ol.load_rules()
    school_wide = dataclasses.replace(f, scope=Scope(f.scope.school))
    return _parts(f.url, f.version, f.scope.school, f.term, f.scope.group or f.group, f.teacher,
                  f.scope.group is not None, rules, ui.dataset(school_wide))


@st.cache_resource(show_spinner=False, max_entries=64)
def _never(url: str, version: int, school: str | None, term: str, group: str, _ds) -> list[str]:
    roster = metrics.roster_for(_ds, term)
    observed = ol.observed_counts(_ds, term, roster)
    mine = observed[(roster["group"] == group).to_numpy() & (observed["observed_lessons"] == 0).to_numpy()]
    return sorted(mine["name_key"])


def never_observed(f: ui.Filters) -> list[str]:
    """The members of the viewer's 教研组 (else the chosen one) no 听课 log row of the term observed, by name key."""
    group = f.scope.group or f.group
    school_wide = dataclasses.replace(f, scope=Scope(f.scope.school))
    return _never(f.url, f.version, f.scope.school, f.term, group, ui.dataset(school_wide))
