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
    narrowed = _core_of_term(ds, term)
    for school in ds.schools:
        fig = core_figures(narrowed.for_school(school), term)
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


def _core_of_term(ds: Dataset, term: str) -> Dataset:
    """What the core figures of ``term`` read, before it is split by school 26 times: every roster (a term
    without its own roster takes an earlier one), the term's 听课 and 论文, every 课题 (a 课题 has no term),
    no other kind.  The 听课 log is most of the rows: splitting one term of it, not six, is most of the time."""
    def of_term(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["term"] == term).to_numpy(bool, na_value=False)].reset_index(drop=True)

    return Dataset(ds.roster, of_term(ds.observations), of_term(ds.papers), ds.projects, ds.aliases, ds.batches,
                   school_aliases=ds.school_aliases)
