"""The canonical rows every figure is computed from, one frame per kind.

:class:`Dataset` is what :meth:`dashboard.store.Store.dataset` returns and what
:mod:`dashboard.metrics` and the other pure modules take.  It lives apart from
the store so that computing figures needs neither SQLAlchemy nor the Excel
readers (``import dashboard.metrics`` loads only pandas and the contract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frames are pandas objects; nothing here calls pandas itself
    import pandas as pd


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

    @property
    def schools(self) -> list[str]:
        """The schools named in the store (district mode when there are two or more)."""
        names: set[str] = set()
        for frame in (self.roster, self.observations, self.papers, self.projects):
            names |= set(frame["school"].dropna().unique())  # unique() first: 600 000 rows, a few dozen schools
        return sorted(names)

    def for_school(self, school: str | None) -> Dataset:
        """Only one school's rows.  With fewer than two schools in the store
        every row belongs to the one school, named or not."""
        if len(self.schools) < 2:
            return self

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            mask = frame["school"].isna() if school is None else frame["school"] == school
            return frame[mask].reset_index(drop=True)

        own = self.school_aliases.get(school, {}) if school is not None else {}
        return Dataset(keep(self.roster), keep(self.observations), keep(self.papers), keep(self.projects),
                       {**self.aliases, **own}, self.batches)
