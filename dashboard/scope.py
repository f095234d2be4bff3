"""Apply a viewer's scope to the data before anything is computed or shown.

A 教研组长 gets only their group's teachers and the rows about them; a
teacher only their own.  Names outside the scope are replaced, so no page,
table, download or report built on the scoped data can show them.
"""

from __future__ import annotations

import pandas as pd

from .accounts import Scope
from .dataset import Dataset

OTHERS = "其他教师"


def _allowed(names: pd.Series, allowed: set[str], aliases: dict[str, str | None]) -> pd.Series:
    return names.map(lambda name: name in allowed or aliases.get(name) in allowed)


def _redact(cell: object, allowed: set[str], aliases: dict[str, str | None]) -> object:
    if not isinstance(cell, str) or not cell:
        return cell
    names = [name if (name in allowed or aliases.get(name) in allowed) else OTHERS for name in cell.split("、")]
    return "、".join(dict.fromkeys(names))


def scope_dataset(ds: Dataset, scope: Scope) -> Dataset:
    """The part of ``ds`` a viewer with ``scope`` may see."""
    if scope.school is not None:
        ds = ds.for_school(scope.school)
    if scope.group is None and scope.teacher is None:
        return ds
    roster = ds.roster
    if scope.group is not None:
        roster = roster[roster["group"] == scope.group]
    if scope.teacher is not None:
        roster = roster[roster["name_key"] == scope.teacher]
    allowed = set(roster["name_key"])
    aliases = {alias: key for alias, key in ds.aliases.items() if key in allowed}
    observations = ds.observations[_allowed(ds.observations["observer_key"], allowed, aliases)]
    observations = observations.assign(teacher=observations["teacher"].map(lambda t: _redact(t, allowed, aliases)))
    papers = ds.papers[ds.papers["authors"].fillna("").str.split("、").map(
        lambda names: any(n in allowed or aliases.get(n) in allowed for n in names)).astype(bool)]
    papers = papers.assign(authors=papers["authors"].map(lambda a: _redact(a, allowed, aliases)))
    projects = ds.projects
    involved = (_allowed(projects["leader_key"], allowed, aliases)
                | projects["members"].fillna("").str.split("、").map(
                    lambda names: any(n in allowed for n in names)).astype(bool))
    projects = projects[involved.astype(bool)]
    projects = projects.assign(
        leader=projects["leader_key"].map(lambda k: _redact(k, allowed, aliases)),
        leader_key=projects["leader_key"].map(lambda k: _redact(k, allowed, aliases)),
        members=projects["members"].map(lambda m: _redact(m, allowed, aliases)))
    return Dataset(roster.reset_index(drop=True), observations.reset_index(drop=True), papers.reset_index(drop=True),
                   projects.reset_index(drop=True), aliases, ds.batches)
