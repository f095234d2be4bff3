"""Apply a viewer's scope to the data before anything is computed or shown.

A 教研组长 gets only their group's teachers and the rows about them, term
by term (the group's members are those of each term's roster); a teacher
only their own.  Names outside the scope are replaced, so no page,
table, download or report built on the scoped data can show them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pandas as pd

from .dataset import Dataset
from .kinds import KINDS as DECLARED  # the declarations (their ``people`` and ``group_field``)
from .metrics import applicable_roster_term
from .normalize import group_key

if TYPE_CHECKING:  # a scope is read by its attributes: the accounts module (and SQLAlchemy) is not loaded
    from .accounts import Scope

OTHERS = "其他教师"


def _allowed(names: pd.Series, allowed: set[str], aliases: dict[str, str | None]) -> pd.Series:
    """A boolean mask (also on no rows: an empty object Series would select columns, not rows)."""
    return names.map(lambda name: name in allowed or aliases.get(name) in allowed).astype(bool)


def _redact(cell: object, allowed: set[str], aliases: dict[str, str | None]) -> object:
    if not isinstance(cell, str) or not cell:
        return cell
    names = [name if (name in allowed or aliases.get(name) in allowed) else OTHERS for name in cell.split("、")]
    return "、".join(dict.fromkeys(names))


def _redact_roles(cell: object, allowed: set[str], aliases: dict[str, str | None]) -> object:
    """A 课题's "name:role" pairs with only the ``allowed`` teachers' kept (None when none is left)."""
    if not isinstance(cell, str) or not cell:
        return cell
    kept = [pair for pair in cell.split("、")
            if (name := pair.partition(":")[0]) in allowed or aliases.get(name) in allowed]
    return "、".join(kept) or None


def members_by_term(ds: Dataset, scope: Scope, terms) -> dict[str, set[str]]:
    """For each term, the name keys a viewer may see: a 教研组长 the group's teachers in the roster
    that applies to that term (a teacher who moved to another group is not theirs afterwards, one
    who joined is not theirs before); a teacher only themself."""
    roster_terms = sorted(ds.roster["term"].dropna().unique())
    found: dict[str, set[str]] = {}
    for term in terms:
        if scope.teacher is not None:
            found[term] = {scope.teacher}
            continue
        chosen = applicable_roster_term(roster_terms, term)
        rows = ds.roster[(ds.roster["term"] == chosen) & (ds.roster["group"] == scope.group)]
        found[term] = set(rows["name_key"])
    return found


def _per_term(frame: pd.DataFrame, members: dict[str, set[str]], aliases: dict[str, str | None],
              keep: str, redact: str, separated: bool) -> pd.DataFrame:
    """Rows whose ``keep`` names (one name, or 、-separated) include a member of the row's term, with
    the names in ``redact`` outside that term's members replaced."""
    def seen(cell: object, allowed: set[str]) -> bool:
        names = (cell.split("、") if isinstance(cell, str) else []) if separated else [cell]
        return any(name in allowed or aliases.get(name) in allowed for name in names)

    allowed = [members.get(term, set()) for term in frame["term"]]
    mask = pd.Series([seen(cell, a) for cell, a in zip(frame[keep], allowed)], index=frame.index, dtype=bool)
    kept = frame[mask]
    kept_allowed = [a for a, m in zip(allowed, mask) if m]
    redacted = [_redact(cell, a, aliases) for cell, a in zip(kept[redact], kept_allowed)]
    return kept.assign(**{redact: pd.Series(redacted, index=kept.index, dtype=object)})


def scope_dataset(ds: Dataset, scope: Scope, term: str | None = None) -> Dataset:
    """The part of ``ds`` a viewer with ``scope`` may see.

    A 教研组长 sees each term's 听课 and 论文 of the group's members in that term's roster.  课题
    have no term: with ``term`` they are those of that term's members, without it of anyone who
    was a member in some term.
    """
    if scope.school is not None:
        ds = ds.for_school(scope.school)
    if scope.group is None and scope.teacher is None:
        return ds
    terms = set(ds.observations["term"].dropna()) | set(ds.papers["term"].dropna()) | set(ds.roster["term"].dropna())
    terms |= {value for frame in ds.extra.values() if "term" in frame.columns for value in frame["term"].dropna()}
    members = members_by_term(ds, scope, terms | ({term} if term else set()))
    everyone = set().union(*members.values()) if members else set()
    roster = ds.roster
    if scope.group is not None:
        roster = roster[roster["group"] == scope.group]
    if scope.teacher is not None:
        roster = roster[roster["name_key"] == scope.teacher]
    aliases = {alias: key for alias, key in ds.aliases.items() if key in everyone}
    observations = _per_term(ds.observations, members, aliases, "observer_key", "teacher", separated=False)
    papers = _per_term(ds.papers, members, aliases, "authors", "authors", separated=True)
    projects = _projects(ds.projects, members.get(term, set()) if term else everyone, aliases)
    roster_terms = tuple(sorted(ds.roster["term"].dropna().unique()))
    extra = {kind: (_by_group(frame, DECLARED[kind], _groups_by_term(ds, scope, members), members, aliases)
                    if DECLARED[kind].group_field
                    else _declared_kind(frame, DECLARED[kind].people, members, everyone, aliases))
             for kind, frame in ds.extra.items()}
    return Dataset(roster.reset_index(drop=True), observations.reset_index(drop=True), papers.reset_index(drop=True),
                   projects, aliases, ds.batches, roster_terms=roster_terms, extra=extra)


def _groups_by_term(ds: Dataset, scope: Scope, members: dict[str, set[str]]) -> dict[str, str]:
    """The group a viewer belongs to in each term: a 教研组长's own group; a teacher's group in the
    roster that applies to that term."""
    if scope.group is not None:
        return {term: scope.group for term in members}
    roster_terms = sorted(ds.roster["term"].dropna().unique())
    found = {}
    for term in members:
        rows = ds.roster[(ds.roster["term"] == applicable_roster_term(roster_terms, term))
                         & (ds.roster["name_key"] == scope.teacher)]
        if len(rows):
            found[term] = rows["group"].iloc[-1]
    return found


def _by_group(frame: pd.DataFrame, kind, groups: dict[str, str], members: dict[str, set[str]],
              aliases: dict[str, str | None]) -> pd.DataFrame:
    """A kind about groups (its declaration names a ``group_field``): the rows of the viewer's group
    in the row's term (``groups``), however the file spells it (语文组, 语文教研组, 语文), the names in
    its ``people`` fields outside the viewer's members of that term replaced.  A teacher sees their
    group's activities, so that those listing only absentees count for them too."""
    wanted = {term: group_key(group) for term, group in groups.items()}
    terms = frame["term"] if "term" in frame.columns else pd.Series([None] * len(frame), index=frame.index)
    mask = pd.Series([term in wanted and group_key(value) == wanted[term]
                      for value, term in zip(frame[kind.group_field], terms)], index=frame.index, dtype=bool)
    kept = frame[mask]
    allowed = [members.get(term, set()) if isinstance(term, str) else set()
               for term in (kept["term"] if "term" in kept.columns else [None] * len(kept))]
    redacted = {column: pd.Series([_redact(cell, a, aliases) for cell, a in zip(kept[column], allowed)],
                                  index=kept.index, dtype=object) for column in kind.people}
    return kept.assign(**redacted).reset_index(drop=True)


def _declared_kind(frame: pd.DataFrame, people: tuple[str, ...], members: dict[str, set[str]],
                   everyone: set[str], aliases: dict[str, str | None]) -> pd.DataFrame:
    """A kind declared beyond the first four: the rows naming a member (of the row's term, when the
    kind has terms) in one of its ``people`` fields, other names there replaced.  A kind that names
    nobody shows a 教研组长 nothing."""
    if not people or frame.empty:
        return frame.iloc[:0]
    if "term" in frame.columns:
        allowed = [members.get(term, set()) if isinstance(term, str) else set() for term in frame["term"]]
    else:
        allowed = [everyone] * len(frame)

    def names(cell: object) -> list[str]:
        return cell.split("、") if isinstance(cell, str) and cell else []

    mask = [any(name in a or aliases.get(name) in a for cell in cells for name in names(cell))
            for a, *cells in zip(allowed, *(frame[column] for column in people))]
    mask_series = pd.Series(mask, index=frame.index, dtype=bool)
    kept = frame[mask_series]
    kept_allowed = [a for a, m in zip(allowed, mask) if m]
    redacted = {column: pd.Series([_redact(cell, a, aliases) for cell, a in zip(kept[column], kept_allowed)],
                                  index=kept.index, dtype=object) for column in people}
    return kept.assign(**redacted).reset_index(drop=True)


def _projects(projects: pd.DataFrame, allowed: set[str], aliases: dict[str, str | None]) -> pd.DataFrame:
    """The 课题 an ``allowed`` teacher leads or works on, other names replaced."""
    involved = (_allowed(projects["leader_key"], allowed, aliases)
                | projects["members"].fillna("").str.split("、").map(
                    lambda names: any(n in allowed for n in names)).astype(bool))
    projects = projects[involved.astype(bool)]
    projects = projects.assign(
        leader=projects["leader_key"].map(lambda k: _redact(k, allowed, aliases)),
        leader_key=projects["leader_key"].map(lambda k: _redact(k, allowed, aliases)),
        members=projects["members"].map(lambda m: _redact(m, allowed, aliases)))
    if "member_roles" in projects:
        projects = projects.assign(member_roles=projects["member_roles"].map(lambda m: _redact_roles(m, allowed, aliases)))
    return projects.reset_index(drop=True)


def with_term_projects(scoped: Dataset, ds: Dataset, scope: Scope, term: str) -> Dataset:
    """``scoped`` (:func:`scope_dataset` of ``ds``) with only the 课题 of ``term``'s members: the same as
    ``scope_dataset(ds, scope, term)`` without narrowing the 听课 and 论文 again (a term costs only its 课题)."""
    if scope.group is None and scope.teacher is None:
        return scoped
    if scope.school is not None:
        ds = ds.for_school(scope.school)
    allowed = members_by_term(ds, scope, [term])[term]
    return dataclasses.replace(scoped, projects=_projects(ds.projects, allowed, scoped.aliases))
