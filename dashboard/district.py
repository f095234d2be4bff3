"""District mode: the same figures side by side for every school in the store."""

from __future__ import annotations

import pandas as pd

from .breakdowns import close_rate, rate
from .contract import LEVELS
from .metrics import core_figures
from .dataset import Dataset


def district_table(ds: Dataset, term: str) -> pd.DataFrame:
    """One row per school: 听课达标率, 论文 by level, 课题 in progress and 结题率 (the core figures only:
    no declared kind's figures hook runs for the 26 schools)."""
    rows = []
    for school in ds.schools:
        fig = core_figures(ds.for_school(school), term)
        obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
        rows.append({
            "学校": school,
            "教师数": fig["teachers"],
            "听课总节数": obs["total"],
            "听课达标率": rate(obs["quota_met"], obs["quota_teachers"]),
            "论文总数": papers["total"],
            **{f"论文·{level}": papers["by_level"][level] for level in LEVELS},
            "在研课题": projects["in_progress"],
            "本学期结题": projects["concluded"],
            "逾期未结题": projects["overdue"],
            "结题率": close_rate(projects["concluded"], projects["overdue"]),
        })
    return pd.DataFrame(rows)
