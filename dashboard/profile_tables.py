"""教师档案's tables: one teacher across terms (听课 against quota, papers, projects) and the roster facts.

Pure (no Streamlit); :mod:`dashboard.breakdowns` re-exports every name here.
"""

from __future__ import annotations

import pandas as pd
from dataclasses import dataclass

from .contract import term_label
from .labels import UNKNOWN
from .labels import profile as words
from .breakdowns import TermView, _has
from .paper_tables import papers_of


@dataclass
class Profile:
    """One teacher across terms."""

    info: pd.Series | None  # the roster row of the latest term the teacher is in
    observations: pd.DataFrame  # one row per term the teacher is on the roster
    lessons: pd.DataFrame  # the counted log rows of every term
    papers: pd.DataFrame  # counted records of every term naming the teacher
    led: pd.DataFrame  # projects as 负责人
    member: pd.DataFrame  # projects as member


#: profile fact -> (roster column, the roster column a missing value comes from)
PROFILE_FACTS = words.PROFILE_FACTS


def profile_facts(info: pd.Series) -> list[tuple[str, str]]:
    """(label, text) of a teacher's roster facts; what the roster does not state is shown as not stated.

    >>> info = pd.Series({"group": "语文组", "role": None, "title": "一级教师", "age": pd.NA, "seniority": 12})
    >>> profile_facts(info)[3:]
    [('年龄', '未注明（名册未填出生年月）'), ('教龄', '12')]
    >>> profile_facts(info)[1]
    ('职务', '—')
    """
    facts = []
    for label, (column, source) in PROFILE_FACTS.items():
        value = info.get(column)
        if value is None or pd.isna(value):
            text = f"{UNKNOWN}（名册未填{source}）" if column in ("age", "seniority") else "—"
        else:
            text = str(value)
        facts.append((label, text))
    return facts


def teacher_profile(views: list[TermView], teacher: str) -> Profile:
    """``teacher`` (a name key) in every term of ``views`` (oldest first)."""
    obs_rows, lessons, papers, info = [], [], [], None
    for view in views:
        row = view.teachers[view.teachers["name_key"] == teacher]
        if len(row):
            record = row.iloc[0]
            info = record
            obs_rows.append({"term": view.term, "label": term_label(view.term), "count": int(record["count"]),
                             "quota": int(record["quota"]), "quota_rule": record["quota_rule"], "met": bool(record["met"]),
                             "met_text": "达标" if record["met"] else "未达标", "source": record["source"],
                             "group": record["group"]})
        lessons.append(view.lessons[view.lessons["teacher_key"] == teacher])
        papers.append(papers_of(view.papers, "matched_authors", teacher))
    latest = views[-1] if views else None
    for view in reversed(views):
        if teacher in set(view.roster["name_key"]):
            latest = view
            break
    if latest is None:
        empty = pd.DataFrame()
        return Profile(None, pd.DataFrame(obs_rows), empty, empty, empty, empty)
    projects = pd.concat([latest.projects, latest.other_projects])
    led = latest.projects[latest.projects["teacher_key"] == teacher]
    member = projects[_has(projects, "member_keys", teacher)] if len(projects) else projects
    obs = pd.DataFrame(obs_rows, columns=["term", "label", "count", "quota", "quota_rule", "met", "met_text", "source", "group"])
    return Profile(info, obs, pd.concat(lessons) if lessons else pd.DataFrame(),
                   pd.concat(papers) if papers else pd.DataFrame(), led, member)
