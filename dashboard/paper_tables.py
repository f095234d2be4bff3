"""论文 tables the pages show: the level × grade matrix, one cell's records, counts by 教研组 or teacher.

Pure (no Streamlit); :mod:`dashboard.breakdowns` re-exports every name here.
"""

from __future__ import annotations

import pandas as pd

from .contract import GRADES, LEVELS
from .labels import TOTAL, UNKNOWN
from .breakdowns import UNKNOWN_LEVEL, _has, pinyin_key


def _levels_present(records: pd.DataFrame) -> list[str]:
    return list(LEVELS) + ([UNKNOWN_LEVEL] if records["level"].isna().any() else [])


def _grades_present(records: pd.DataFrame) -> list[str]:
    return list(GRADES) + ([UNKNOWN] if records["grade"].isna().any() else [])


def level_grade_matrix(records: pd.DataFrame) -> pd.DataFrame:
    """Records per level (rows) × grade (columns), with 合计 row and column."""
    levels, grades = _levels_present(records), _grades_present(records)
    filled = records.assign(level=records["level"].fillna(UNKNOWN_LEVEL), grade=records["grade"].fillna(UNKNOWN))
    matrix = pd.crosstab(filled["level"], filled["grade"]).reindex(index=levels, columns=grades, fill_value=0)
    matrix = matrix.astype(int)
    matrix[TOTAL] = matrix.sum(axis=1)
    matrix.loc[TOTAL] = matrix.sum(axis=0)
    matrix.index.name, matrix.columns.name = "级别", None
    return matrix


def paper_cell(records: pd.DataFrame, level: str | None = None, grade: str | None = None) -> pd.DataFrame:
    """The records behind one matrix cell (None or 合计 = any)."""
    rows = records
    if level not in (None, TOTAL):
        rows = rows[rows["level"].fillna(UNKNOWN_LEVEL) == level]
    if grade not in (None, TOTAL):
        rows = rows[rows["grade"].fillna(UNKNOWN) == grade]
    return rows


def papers_by(records: pd.DataFrame, column: str, order: list[str] | None = None) -> pd.DataFrame:
    """Records per value of a 、-joined column (a record counts once for each), × level, with 合计.

    ``order`` fixes the row order; without it rows go most records first, then pinyin.
    """
    levels = _levels_present(records)
    records = records[[column, "level"]]  # explode copies every column: only the two read
    exploded = records.assign(**{column: records[column].fillna("").str.split("、")}).explode(column)
    exploded = exploded[exploded[column] != ""]
    exploded = exploded.assign(level=exploded["level"].fillna(UNKNOWN_LEVEL))
    table = (pd.crosstab(exploded[column], exploded["level"]) if exploded.empty  # a groupby counts the same, faster
             else exploded.groupby([column, "level"]).size().unstack(fill_value=0))
    table = table.reindex(columns=levels, fill_value=0).astype(int)
    table[TOTAL] = table.sum(axis=1)
    if order is not None:
        table = table.reindex([name for name in order if name in table.index] +
                              sorted(set(table.index) - set(order), key=pinyin_key))
    else:
        keys = sorted(table.index, key=lambda name: (-table.loc[name, TOTAL], pinyin_key(name)))
        table = table.reindex(keys)
    table.index.name, table.columns.name = None, None
    return table


def papers_of(records: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    return records[_has(records, column, value)]
