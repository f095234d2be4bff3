"""师徒结对 figures: per pair and term, from the 听课, 论文 (and 公开课) rows already held; pure.

A pair listed for a 学年 applies to both of its terms (``start_term`` ≤ T ≤
``end_term``); the same 师傅 and 徒弟 listed twice for T is one pair.  For term T:

- ``mentee_observed_mentor``: Σ 节数 of T's counted 听课 log rows (de-duplicated,
  matched, as :func:`dashboard.metrics.observation_counts` counts them) whose
  听课人 is the 徒弟 and whose 授课教师 is the 师傅; ``mentor_observed_mentee`` the
  other way round (a blank 节数 is 1);
- the 徒弟's open lessons in T (rows of the ``open_lessons`` kind naming them, when
  that kind is declared; else 0) and awards (T's counted 论文 records naming them);
- a pair is *flagged* when either observation count is 0.

A pair counts when its 师傅 or 徒弟 is a teacher of T's roster; it belongs to the
教研组 of each (so ``--group G`` keeps the pairs with a member of G).  Flagged pairs
are listed with both counts zero first, then by the 徒弟's name key, then the 师傅's.
"""

from __future__ import annotations

import pandas as pd

from .contract import KINDS, term_label
from .dataset import Dataset
from .kinds import Card, Section
from .memo import per_dataset
from .metrics import match_names, observation_counts, paper_records, roster_for
from .quota import load_rules
from .normalize import name_key
from .labels import REMINDER_COLUMNS
from .labels import mentoring as words
from .labels.mentoring import FLAG_TEXT, NOT_IN_ROSTER, PAIR_COLUMNS, TEXT



def pairs_in_term(ds: Dataset, term: str) -> pd.DataFrame:
    """The pair rows that apply to ``term``, one per (师傅, 徒弟), with where they were listed."""
    frame = ds.frame("mentoring")
    rows = frame[(frame["start_term"].fillna("") <= term) & (frame["end_term"].fillna("") >= term)].copy()
    if rows.empty:
        return rows.assign(sources=pd.Series(dtype=object), period=pd.Series(dtype=object))
    rows["sources"] = rows["source_file"].astype(str) + " 第" + rows["source_row"].astype(str) + "行"
    rows["period"] = [term_label(a) if a == b else f"{term_label(a)}至{term_label(b)}"
                      for a, b in zip(rows["start_term"], rows["end_term"])]
    sort = [column for column in ("batch_id", "id") if column in rows.columns]
    rows = rows.sort_values(sort, kind="stable") if sort else rows
    last = rows.groupby(["mentor_key", "mentee_key"], sort=False).last()
    last["sources"] = rows.groupby(["mentor_key", "mentee_key"], sort=False)["sources"].agg("；".join)
    return last.reset_index()


def _observed(ds: Dataset, term: str, roster: pd.DataFrame,
              observers: set[str] | None = None) -> dict[tuple[str, str], int]:
    """(听课人 key, 授课教师 key) -> Σ 节数 of T's counted log rows, both matched to the roster (only the
    rows of ``observers`` when given: the pairs' teachers, a few of the term's thousands of rows)."""
    lessons = observation_counts(ds, term, roster=roster).lessons[["teacher_key", "teacher", "lessons"]]
    if observers is not None:
        lessons = lessons[lessons["teacher_key"].isin(observers)]
    if lessons.empty:
        return {}
    written = pd.Series([name_key(name) if isinstance(name, str) else None for name in lessons["teacher"].tolist()],
                        index=lessons.index, dtype=object)
    hosts = match_names(written, set(roster["name_key"]), ds.aliases)["teacher_key"].tolist()
    sums: dict[tuple[str, str], float] = {}  # summed as plain values: a groupby of a few hundred rows costs more
    for pair, lessons_given in zip(zip(lessons["teacher_key"].tolist(), hosts),
                                   pd.to_numeric(lessons["lessons"]).fillna(1).tolist()):
        if all(isinstance(key, str) for key in pair):  # a host matching no roster teacher is not counted
            sums[pair] = sums.get(pair, 0) + lessons_given
    return {pair: int(total) for pair, total in sums.items()}


def _awards(ds: Dataset, term: str, roster: pd.DataFrame) -> dict[str, int]:
    records = paper_records(ds, term, roster).records
    authors = records["matched_authors"].dropna().str.split("、").explode()
    return {key: int(count) for key, count in authors.value_counts().items()}


def _open_lessons(ds: Dataset, term: str, roster: pd.DataFrame) -> dict[str, int]:
    """Open lessons per roster teacher in ``term``, when the 公开课 kind is declared; else none."""
    if "open_lessons" not in KINDS:
        return {}
    frame = ds.frame("open_lessons")
    if "term" in frame.columns:
        frame = frame[frame["term"] == term]
    column = next((c for c in ("teacher_key", "name_key") if c in frame.columns), None)
    if column is None or frame.empty:
        return {}
    keys = match_names(frame[column], set(roster["name_key"]), ds.aliases)["teacher_key"].dropna()
    return {key: int(count) for key, count in keys.value_counts().items()}


def pair_table(ds: Dataset, term: str, group: str | None = None, roster: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per pair counted in ``term`` (and ``group``): names, groups, the four counts, the flag.
    With the term's own roster, every 教研组's table is built once per dataset and term."""
    if roster is None:
        table = per_dataset(ds, ("mentoring.pair_table", term, load_rules()), lambda: _pair_table(ds, term, roster_for(ds, term)))
    else:
        table = _pair_table(ds, term, roster)
    if group is not None:
        table = table[(table["mentor_group"] == group) | (table["mentee_group"] == group)].reset_index(drop=True)
    return table


def _pair_table(ds: Dataset, term: str, roster: pd.DataFrame) -> pd.DataFrame:
    pairs = pairs_in_term(ds, term)
    columns = ["mentor", "mentee", "mentor_group", "mentee_group", "mentee_observed_mentor", "mentor_observed_mentee",
               "mentee_open_lessons", "mentee_awards", "zero", "flagged", "flag", "content", "period", "sources"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    keys = set(roster["name_key"])
    mentor = match_names(pairs["mentor_key"], keys, ds.aliases)["teacher_key"]
    mentee = match_names(pairs["mentee_key"], keys, ds.aliases)["teacher_key"]
    groups = dict(zip(roster["name_key"], roster["group"]))
    table = pd.DataFrame({"mentor": mentor.fillna(pairs["mentor_key"]), "mentee": mentee.fillna(pairs["mentee_key"]),
                          "mentor_group": mentor.map(groups), "mentee_group": mentee.map(groups)})
    table = table[(mentor.notna() | mentee.notna()).to_numpy()]
    pairs = pairs.loc[table.index]
    observed = _observed(ds, term, roster, set(table["mentor"]) | set(table["mentee"]))
    awards, open_lessons = _awards(ds, term, roster), _open_lessons(ds, term, roster)
    table["mentee_observed_mentor"] = [observed.get((b, a), 0) for a, b in zip(table["mentor"], table["mentee"])]
    table["mentor_observed_mentee"] = [observed.get((a, b), 0) for a, b in zip(table["mentor"], table["mentee"])]
    table["mentee_open_lessons"] = table["mentee"].map(lambda key: open_lessons.get(key, 0)).astype(int)
    table["mentee_awards"] = table["mentee"].map(lambda key: awards.get(key, 0)).astype(int)
    table["zero"] = (table["mentee_observed_mentor"] == 0).astype(int) + (table["mentor_observed_mentee"] == 0).astype(int)
    table["flagged"] = table["zero"] > 0
    table["flag"] = table["zero"].map(FLAG_TEXT)
    table["content"], table["period"], table["sources"] = pairs["content"], pairs["period"], pairs["sources"]
    return table.sort_values(["zero", "mentee", "mentor"], ascending=[False, True, True], kind="stable")[columns] \
        .reset_index(drop=True)


def unmatched_pairs(ds: Dataset, term: str, roster: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pairs of ``term`` neither of whose teachers is in T's roster (reported, not counted)."""
    roster = roster_for(ds, term) if roster is None else roster
    pairs = pairs_in_term(ds, term)
    keys = set(roster["name_key"])
    found = (match_names(pairs["mentor_key"], keys, ds.aliases)["teacher_key"].isna()
             & match_names(pairs["mentee_key"], keys, ds.aliases)["teacher_key"].isna())
    return pairs[found.to_numpy(bool)] if len(pairs) else pairs


#: what :func:`mentoring_figures` reads of :func:`pair_table`, in the order of :func:`figures_of_rows`' tuples
FIGURE_COLUMNS = ["mentor", "mentee", "mentee_observed_mentor", "mentor_observed_mentee", "flagged",
                  "mentor_group", "mentee_group"]


def _rows(table: pd.DataFrame) -> list[tuple]:
    return list(zip(*(table[column].tolist() for column in FIGURE_COLUMNS)))


def mentoring_figures(table: pd.DataFrame) -> dict:
    """The ``mentoring`` key of the figures JSON from :func:`pair_table`."""
    return figures_of_rows(_rows(table))


def figures_of_rows(rows: list[tuple]) -> dict:
    """:func:`mentoring_figures` on plain rows (mentor, mentee, the two counts, flagged, …), in the table's
    order."""
    flagged = [{"mentor": mentor, "mentee": mentee, "mentee_observed_mentor": int(observed),
                "mentor_observed_mentee": int(seen)}
               for mentor, mentee, observed, seen, flag, *_ in rows if bool(flag)]
    return {"mentoring": {"pairs": len(rows), "flagged": flagged}}


# ------------------------------------------------------------------- hooks

def figures_hook(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The ``mentoring`` key of the figures JSON: the term's pair rows kept once per dataset, term and
    rules, a 教研组's (师傅 or 徒弟 in it, as :func:`pair_table` keeps them) cut in Python."""
    rows = per_dataset(ds, ("mentoring.figure_rows", term, load_rules()), lambda: _rows(pair_table(ds, term)))
    if group is not None:
        rows = [row for row in rows if row[5] == group or row[6] == group]
    return figures_of_rows(rows)


def overview_hook(figures: dict) -> list[Card]:
    found = figures["mentoring"]
    return [Card(TEXT["heading"], words.PAIRS_VALUE.format(found["pairs"]), "本学期适用的师徒结对（师傅或徒弟在本学期名册中）"),
            Card(words.NOT_MUTUAL_OVERVIEW_CARD, words.PAIRS_VALUE.format(len(found["flagged"])),
                 "本学期徒弟没听师傅的课，或师傅没听徒弟的课")]


def summary_text(figures: dict) -> str:
    """'本学期师徒结对…对，其中…对本学期未互相听课。'"""
    found = figures["mentoring"]
    if not found["pairs"]:
        return "本学期没有师徒结对记录。"
    flagged = len(found["flagged"])
    tail = f"其中{flagged}对本学期未互相听课（至少一方没有听对方的课）" if flagged else "每一对都互相听了课"
    return f"本学期师徒结对{found['pairs']}对，{tail}。"


def display(table: pd.DataFrame) -> pd.DataFrame:
    """The pair table with Chinese column labels; a 教研组 the roster does not give is said, not left blank."""
    groups = {column: table[column].fillna(NOT_IN_ROSTER) for column in ("mentor_group", "mentee_group")}
    return table.assign(**groups)[list(PAIR_COLUMNS)].rename(columns=PAIR_COLUMNS)


def report_hook(ds: Dataset, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    table = pair_table(ds, term, group)
    shown = display(table).drop(columns=[PAIR_COLUMNS["sources"], PAIR_COLUMNS["period"]])
    return [Section(TEXT["heading"], summary_text(figures), shown,
                    "听课节数取自本学期听课记录（徒弟为听课人、师傅为授课教师，及反之）。")]


def profile_hook(ds: Dataset, teacher_key: str) -> list[Section]:
    """Who the teacher's 师傅 and 徒弟 are, per period."""
    frame = ds.frame("mentoring")
    keys = {teacher_key} | {alias for alias, key in ds.aliases.items() if key == teacher_key}
    as_mentee = frame[frame["mentee_key"].isin(keys)]
    as_mentor = frame[frame["mentor_key"].isin(keys)]
    if as_mentee.empty and as_mentor.empty:
        return [Section(TEXT["heading"], "没有师徒结对记录。")]

    def period(row) -> str:
        return term_label(row.start_term) if row.start_term == row.end_term else \
            f"{term_label(row.start_term)}至{term_label(row.end_term)}"

    def row(role: str, r) -> dict:
        return dict(zip(words.PROFILE_COLUMNS, (role, r.mentor_key, r.mentee_key, period(r))))

    rows = [row(TEXT["mentee"], r) for r in as_mentee.itertuples()]
    rows += [row(TEXT["mentor"], r) for r in as_mentor.itertuples()]
    said = []
    if len(as_mentee):
        said.append(f"师傅：{'、'.join(dict.fromkeys(as_mentee['mentor_key']))}")
    if len(as_mentor):
        said.append(f"徒弟：{'、'.join(dict.fromkeys(as_mentor['mentee_key']))}")
    return [Section(TEXT["heading"], "；".join(said) + "。", pd.DataFrame(rows).drop_duplicates())]


def reminder_hook(ds: Dataset, term: str, group: str, day=None) -> pd.DataFrame:
    """Members of ``group`` in a flagged pair: the lessons of the other they have not yet observed."""
    table = pair_table(ds, term, group)
    rows = []
    for row in table[table["flagged"].astype(bool)].itertuples():
        if row.mentee_observed_mentor == 0 and row.mentee_group == group:
            rows.append(dict(zip(REMINDER_COLUMNS, (row.mentee, words.OBSERVE_MENTOR_ITEM.format(row.mentor), 1, 0, 1))))
        if row.mentor_observed_mentee == 0 and row.mentor_group == group:
            rows.append(dict(zip(REMINDER_COLUMNS, (row.mentor, words.OBSERVE_MENTEE_ITEM.format(row.mentee), 1, 0, 1))))
    return pd.DataFrame(rows, columns=REMINDER_COLUMNS)
