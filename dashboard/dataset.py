"""The canonical rows every figure is computed from, one frame per kind.

:class:`Dataset` is what :meth:`dashboard.store.Store.dataset` returns and what
:mod:`dashboard.metrics` and the other pure modules take.  It lives apart from
the store so that computing figures needs neither SQLAlchemy nor the Excel
readers (``import dashboard.metrics`` loads only pandas and the contract).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frames are pandas objects; nothing here calls pandas itself
    import pandas as pd


#: Between the units of one 学校/单位 cell ("成都市新都区桂湖小学、广东技术师范大学").
_UNIT_SEPARATORS = r"\s*[、，,;；/]\s*"


@dataclass
class Dataset:
    """Every canonical row in the store, one frame per kind, plus aliases."""

    roster: pd.DataFrame
    observations: pd.DataFrame
    papers: pd.DataFrame
    projects: pd.DataFrame
    aliases: dict[str, str | None]  # the name corrections that apply to these rows
    batches: pd.DataFrame
    #: district mode: each school's own corrections, added to ``aliases`` by :meth:`for_school`
    school_aliases: dict[str, dict[str, str | None]] = field(default_factory=dict)
    #: a dataset narrowed to one 教研组 or teacher: the terms of the roster it was narrowed from
    roster_terms: tuple[str, ...] | None = None

    @property
    def schools(self) -> list[str]:
        """The schools named in the store (district mode when there are two or more)."""
        names: set[str] = set()
        for frame in (self.roster, self.observations, self.papers, self.projects):
            names |= set(frame["school"].dropna().unique())  # unique() first: 600 000 rows, a few dozen schools
        return sorted(names)

    def for_school(self, school: str | None) -> "Dataset":
        """Only one school's rows.  With fewer than two schools in the store
        every row belongs to the one school, named or not; a store that
        names one school holds nothing of another school."""
        schools = self.schools
        if not schools or (len(schools) == 1 and school in (None, schools[0])):
            return self
        if len(schools) == 1:  # only another school's rows: none of them is this school's
            return Dataset(*(frame.iloc[:0] for frame in (self.roster, self.observations, self.papers, self.projects)),
                           {}, self.batches)

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            mask = frame["school"].isna() if school is None else frame["school"] == school
            return frame[mask].reset_index(drop=True)

        def keep_by_unit(frame: pd.DataFrame) -> pd.DataFrame:
            """论文/课题: a row with no school of its own (a district list) belongs to the school its
            unit names (the 学校/单位 column: "一中、二中" names both)."""
            import numpy as np
            import pandas as pd

            unnamed = frame["school"].isna().to_numpy()
            codes, units = pd.factorize(frame["unit"].to_numpy()[unnamed])  # a few hundred distinct units
            parts = [set(re.split(_UNIT_SEPARATORS, str(unit))) for unit in units]
            if school is None:  # rows whose unit names none of the schools (a blank unit names none)
                hit = np.array([not schools & named for named in parts] + [True])
            else:
                hit = np.array([school in named for named in parts] + [False])
            mask = np.zeros(len(frame), bool) if school is None else (frame["school"] == school).to_numpy(bool, copy=True)
            mask[unnamed] |= hit[codes]  # code -1 (no unit) takes the last entry
            return frame[mask].reset_index(drop=True)

        own = self.school_aliases.get(school, {}) if school is not None else {}
        return Dataset(keep(self.roster), keep(self.observations), keep_by_unit(self.papers),
                       keep_by_unit(self.projects), {**self.aliases, **own}, self.batches)
