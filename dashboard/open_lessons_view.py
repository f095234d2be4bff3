"""Streamlit glue for 公开课 and 被听课: what the pages show, computed once per store version and filters.

Who gave an open lesson and who was observed are facts about the group's own teachers, but the rows
that state them may be another group's (a 听课 log row belongs to its 听课人): so the figures are
computed on the school's rows and then narrowed to the viewer's 教研组 — only the group's teachers and
their lessons are returned, never another group's names.  The rule file is read on every call (parsed
once per content), so an edit shows at the next click; a broken file raises
:class:`dashboard.open_lessons.RulesError` for the page to show.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from . import metrics
from . import open_lessons as ol
from . import ui
from .accounts import Scope


@dataclasses.dataclass(frozen=True)
class Parts:
    """One term's 公开课 figures for a viewer: teachers (with quota, lessons, times observed), the
    lessons that count, those whose teacher is in no roster (empty for a group-bound viewer), the figures."""

    teachers: pd.DataFrame
    lessons: pd.DataFrame
    others: pd.DataFrame
    figures: dict


@st.cache_resource(show_spinner="正在计算……", max_entries=64)
def _parts(url: str, version: int, school: str | None, term: str, group: str | None, bound: bool,
           rules: tuple, _ds) -> Parts:
    teachers, lessons, others = ol.term_parts(_ds, term, group, rules)
    if bound:
        others = others.iloc[:0]
    return Parts(teachers, lessons, others, ol.term_figures(teachers, lessons))


def parts(f: ui.Filters, group: str | None = None) -> Parts:
    """The term's parts for the filters (a 教研组长 always gets their own group)."""
    rules = ol.load_rules()
    school_wide = dataclasses.replace(f, scope=Scope(f.scope.school))
    chosen = f.scope.group or group or f.group
    return _parts(f.url, f.version, f.scope.school, f.term, chosen, f.scope.group is not None, rules,
                  ui.dataset(school_wide))


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
