"""District mode: the same figures side by side for every school in the store."""

from __future__ import annotations

import pandas as pd

from .breakdowns import close_rate, rate
from .contract import LEVELS
from .metrics import core_figures
from .dataset import Dataset
from .labels import district as words


def district_table(ds: Dataset, term: str) -> pd.DataFrame:
    """One row per school: 听课达标率, 论文 by level, 课题 in progress and 结题率 (the core figures only:
    no declared kind's figures hook runs for the 26 schools)."""
    rows = []
    for school in ds.schools:
        fig = core_figures(ds.for_school(school), term)
        obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
        rows.append({
            words.SCHOOL_COLUMN: school,
            words.TEACHERS_COLUMN: fig["teachers"],
            words.LESSONS_COLUMN: obs["total"],
            words.MET_RATE_COLUMN: rate(obs["quota_met"], obs["quota_teachers"]),
            words.PAPERS_COLUMN: papers["total"],
            **{words.PAPERS_LEVEL_COLUMN.format(level): papers["by_level"][level] for level in LEVELS},
            words.IN_PROGRESS_COLUMN: projects["in_progress"],
            words.CONCLUDED_COLUMN: projects["concluded"],
            words.OVERDUE_COLUMN: projects["overdue"],
            words.CLOSE_RATE_COLUMN: close_rate(projects["concluded"], projects["overdue"]),
        })
    return pd.DataFrame(rows)
