"""The canonical rows every figure is computed from, one frame per kind.

:class:`Dataset` is what :meth:`dashboard.store.Store.dataset` returns and what
:mod:`dashboard.metrics` and the other pure modules take.  It lives apart from
the store so that computing figures needs neither SQLAlchemy nor the Excel
readers (``import dashboard.metrics`` loads only pandas and the contract).
"""

from __future__ import annotations

import dataclasses
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
    #: the frames of the kinds declared beyond the first four (:mod:`dashboard.kinds`), by kind key
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    #: the kinds with a field of their own above
    CORE = ("roster", "observations", "papers", "projects")

    def __getattr__(self, name: str):
        """A declared kind's frame as an attribute (``ds.open_lessons``); a kind with no rows
        yet gets an empty frame with its canonical columns."""
        if name.startswith("_") or name in ("extra",):
            raise AttributeError(name)
        from .contract import KINDS

        if name in KINDS:
            return self.frame(name)
        raise AttributeError(name)

    def frame(self, kind: str) -> pd.DataFrame:
        """The rows of any declared kind (empty, with its columns, when none were imported)."""
        if kind in self.CORE:
            return object.__getattribute__(self, kind)
        found = self.extra.get(kind)
        if found is None:
            found = empty_frame(kind)
            self.extra[kind] = found
        return found

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every declared kind's frame, in the declarations' order."""
        from .contract import KINDS

        return {kind: self.frame(kind) for kind in KINDS}

    def with_frames(self, frames: dict[str, pd.DataFrame], **changes) -> Dataset:
        """A copy with some kinds' frames (and other fields) replaced."""
        core = {kind: frames[kind] for kind in self.CORE if kind in frames}
        extra = {**self.extra, **{kind: frame for kind, frame in frames.items() if kind not in self.CORE}}
        return dataclasses.replace(self, **core, extra=extra, **changes)

    @property
    def schools(self) -> list[str]:
        """The schools named in the store (district mode when there are two or more)."""
        names: set[str] = set()
        for frame in (self.roster, self.observations, self.papers, self.projects):
            names |= set(frame["school"].dropna().unique())
        for frame in self.extra.values():
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
                           {}, self.batches, extra={kind: frame.iloc[:0] for kind, frame in self.extra.items()})

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
                       keep_by_unit(self.projects), {**self.aliases, **own}, self.batches,
                       extra={kind: keep(frame) for kind, frame in self.extra.items()})


def empty_frame(kind: str) -> pd.DataFrame:
    """No rows of ``kind``, with its canonical, source and batch columns (as the store reads them)."""
    import pandas as pd

    from .contract import SCHEMAS, SOURCE_COLUMNS

    columns = ["id", "batch_id", *SCHEMAS[kind], *SOURCE_COLUMNS, "source_file"]
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
