"""课题 tables the pages show: counts by stage and level, the overdue list.

Pure (no Streamlit); :mod:`dashboard.breakdowns` re-exports every name here.
"""

from __future__ import annotations

import datetime as dt
import pandas as pd

from .contract import LEVELS, STAGES
from .labels import UNKNOWN
from .breakdowns import UNKNOWN_LEVEL
from .paper_tables import _levels_present
from .lesson_tables import term_progress


def stage_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per stage, pipeline order (未注明 last when some have none)."""
    stages = list(STAGES) + ([UNKNOWN] if projects["stage"].isna().any() else [])
    counts = projects["stage"].fillna(UNKNOWN).value_counts()
    return pd.DataFrame({"stage": stages, "projects": [int(counts.get(s, 0)) for s in stages]})


def level_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per level, highest first."""
    levels = _levels_present(projects) if len(projects) else list(LEVELS)
    counts = projects["level"].fillna(UNKNOWN_LEVEL).value_counts()
    return pd.DataFrame({"level": levels, "projects": [int(counts.get(level, 0)) for level in levels]})


def overdue_list(projects: pd.DataFrame, term: str, today: dt.date) -> pd.DataFrame:
    """Overdue projects with the days past 计划结题时间 (as of ``today`` clipped to the term), longest first."""
    _, day = term_progress(term, today)
    overdue = projects[projects["overdue"].astype(bool)].copy()
    overdue["days_overdue"] = [(day - planned).days if planned is not None and not pd.isna(planned) else None
                               for planned in overdue["planned_end_date"]]
    return overdue.sort_values("days_overdue", ascending=False, kind="stable").reset_index(drop=True)
