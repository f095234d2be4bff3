"""Data-quality tables for one term, and the name corrections that fix unmatched names.

Pure functions over a :class:`~dashboard.dataset.Dataset` and the store's
problems and history (no Streamlit).  :func:`quality_sections` gives the
数据质量 page everything it draws: per concern a table, the way to fix it
and the text to show when all is well.  Every table header is Chinese.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from . import metrics
from .quota import QuotaRule
from .dataset import Dataset
from .kinds import KINDS
from .labels import SEVERITY_LABELS
from .labels import quality as words

#: The alias choice "this name is no teacher of ours".
NOT_OURS = "__not_ours__"

SOURCE_HEADERS = {"source_file": words.FILE, "source_sheet": words.SHEET, "source_row": words.ROW}
WHERE_OBSERVATION = {"log": words.LOG_WHERE, "summary": words.SUMMARY_WHERE}
NOT_OURS_REASON = metrics.UNMATCHED_REASONS["not_ours"]


@dataclass
class Section:
    """One concern of the 数据质量 page."""

    key: str
    title: str
    table: pd.DataFrame
    fix: str
    all_clear: str


FIXES = {
    "unmatched": "在「数据导入」页的“未匹配的姓名”中，为每个姓名选择名册中对应的教师（例如名册写作“王莉(大)”），"
                 "或标记为“不是本校教师”；保存后对已导入和以后导入的所有数据都生效。若是新来的教师，请导入包含该教师的新名册。",
    "differences": "同一位教师既有听课明细又有汇总表时，以明细为准（计入的是明细节数）。请核对：若明细有遗漏，"
                   "补录后在「数据导入」页上传新版本并替换原批次；若是汇总表写错，可不处理。",
    "duplicates": "同一日期、听课人、授课教师、班级、节次的记录只计一次。若确是两节不同的课，"
                  "请在原表中填写节次或班级加以区分，再上传新版本并替换原批次。",
    "rejected": "“未导入”的行需要在原文件中按“原因”改正，再在「数据导入」页上传新版本并选择替换原批次；"
                "“已跳过”的行（合计、备注、著作等）不是此类数据，一般无需处理。",
    "roster_gaps": "这些教师在名册中没有出生年月（或无法识别），无法按年龄确定听课要求，暂按“现按要求”一列计。"
                   "请在名册中补填出生年月（如 1985-03），再上传新版本名册并替换原批次。",
}


def _sources(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[[*SOURCE_HEADERS]].rename(columns=SOURCE_HEADERS)
    out[words.ROW] = out[words.ROW].astype("Int64")
    return out


# ------------------------------------------------------------ unmatched names

UNMATCHED_COLUMNS = [words.NAME, words.WHERE, words.REASON, words.TERM, words.FILE, words.SHEET, words.ROW]


def unmatched_names(ds: Dataset, term: str, rules: tuple[QuotaRule, ...] | None = None,
                    include_not_ours: bool = False) -> pd.DataFrame:
    """Every name of ``term`` that counts for no roster teacher: 听课人, 论文作者, 课题负责人.

    Names already marked “不是本校教师” are left out unless ``include_not_ours``.
    """
    roster = metrics.roster_for(ds, term, rules)
    keys = set(roster["name_key"])
    parts = []
    obs = metrics.observation_counts(ds, term, rules, roster).unmatched
    if len(obs):
        parts.append(pd.DataFrame({words.NAME: obs["observer_key"], words.WHERE: obs["shape"].map(WHERE_OBSERVATION),
                                   "match": obs["match"]}).join(_sources(obs)))
    papers = metrics.paper_records(ds, term, roster).other_school
    if len(papers):
        authors = papers.assign(author=papers["authors"].fillna("").str.split("、")).explode("author")
        authors = authors[authors["author"] != ""].reset_index(drop=True)
        matched = metrics.match_names(authors["author"], keys, ds.aliases)
        parts.append(pd.DataFrame({words.NAME: authors["author"], words.WHERE: words.PAPER_AUTHOR_WHERE, "match": matched["match"]})
                     .join(_sources(authors)))
    projects = metrics.project_status(ds, term, roster)[1]
    projects = projects[projects["leader_key"].fillna("") != ""]  # no name to correct (reported at import)
    if len(projects):
        projects = projects.reset_index(drop=True)
        matched = metrics.match_names(projects["leader_key"], keys, ds.aliases)
        parts.append(pd.DataFrame({words.NAME: projects["leader_key"], words.WHERE: words.PROJECT_LEADER_WHERE, "match": matched["match"]})
                     .join(_sources(projects)))
    parts += _declared_unmatched(ds, term, keys)
    if not parts:
        return pd.DataFrame(columns=UNMATCHED_COLUMNS)
    found = pd.concat(parts, ignore_index=True)
    if not include_not_ours:
        found = found[found["match"] != "not_ours"]
    found[words.REASON] = found["match"].map(metrics.UNMATCHED_REASONS)
    if roster.empty:
        found[words.REASON] = "还没有导入适用于本学期的教师名册"
    found[words.TERM] = term
    return found[UNMATCHED_COLUMNS].reset_index(drop=True)


def _declared_unmatched(ds: Dataset, term: str, keys: set[str]) -> list[pd.DataFrame]:
    """The names of the term's rows of every kind declared beyond the first four, in the fields its
    declaration names as people, that match no roster teacher (出现在: 种类（字段）)."""
    parts = []
    for kind in KINDS.values():
        frame = ds.frame(kind.key)
        if kind.key in Dataset.CORE or not kind.people or frame.empty or "term" not in frame:
            continue
        rows = frame[frame["term"] == term]
        labels = {field.name: field.label for field in kind.fields}
        for column in kind.people:
            if column not in rows or rows.empty:
                continue
            named = rows.assign(person=rows[column].fillna("").astype(str).str.split("、")).explode("person")
            named = named[named["person"] != ""].reset_index(drop=True)
            if named.empty:
                continue
            matched = metrics.match_names(named["person"], keys, ds.aliases)
            unmatched = matched["teacher_key"].isna().to_numpy()
            named, matched = named[unmatched].reset_index(drop=True), matched[unmatched].reset_index(drop=True)
            if len(named):
                parts.append(pd.DataFrame({words.NAME: named["person"], words.WHERE: f"{kind.label}（{labels.get(column, column)}）",
                                           "match": matched["match"]}).join(_sources(named)))
    return parts


def unresolved_names(ds: Dataset, rules: tuple[QuotaRule, ...] | None = None) -> pd.DataFrame:
    """Names of every term that match no teacher and have no saved correction, most frequent first.

    Columns: 姓名, 次数, 出现在, 原因, 例如 (file and row of the first occurrence).
    """
    columns = [words.NAME, words.TIMES, words.WHERE, words.REASON, words.EXAMPLE]
    frames = [unmatched_names(ds, term, rules) for term in metrics.data_terms(ds)]
    frames = [frame for frame in frames if len(frame)]
    if ds.roster.empty or not frames:
        return pd.DataFrame(columns=columns)
    found = pd.concat(frames, ignore_index=True)
    found = found[~found[words.NAME].isin(ds.aliases.keys())]
    if found.empty:
        return pd.DataFrame(columns=columns)
    found[words.EXAMPLE] = found[words.FILE].fillna("") + " " + found[words.SHEET].fillna("") + " 第" + found[words.ROW].astype(str) + "行"
    grouped = found.groupby(words.NAME, sort=False).agg(**{
        words.TIMES: (words.NAME, "size"), words.WHERE: (words.WHERE, lambda s: "、".join(dict.fromkeys(s))),
        words.REASON: (words.REASON, lambda s: "；".join(dict.fromkeys(s))), words.EXAMPLE: (words.EXAMPLE, "first")}).reset_index()
    return grouped.sort_values([words.TIMES, words.NAME], ascending=[False, True], kind="stable")[columns].reset_index(drop=True)


def roster_teachers(ds: Dataset) -> pd.DataFrame:
    """Every teacher of any roster (latest roster's group wins): name_key, group."""
    roster = ds.roster
    if roster.empty:
        return pd.DataFrame(columns=["name_key", "group"])
    latest = roster.sort_values(["term", "batch_id", "id"], kind="stable").drop_duplicates("name_key", keep="last")
    latest = latest.assign(group=latest["group"].fillna(metrics.NO_GROUP))
    return latest[["name_key", "group"]].sort_values("name_key").reset_index(drop=True)


def teacher_options(teachers: pd.DataFrame, name: str) -> list[str]:
    """Roster keys to offer for ``name``: same name with a (suffix) first, then the most alike.

    >>> teachers = pd.DataFrame({"name_key": ["张伟", "王莉(大)", "王莉(小)", "王丽"], "group": ["数学组"] * 4})
    >>> teacher_options(teachers, "王莉")[:3]
    ['王莉(大)', '王莉(小)', '王丽']
    """
    keys = list(teachers["name_key"])
    base = [key for key in keys if metrics._BASE.sub("", key) == name]
    rest = sorted((key for key in keys if key not in base),
                  key=lambda key: (-difflib.SequenceMatcher(None, name, key).ratio(), key))
    return [*base, *rest]


def teacher_labels(teachers: pd.DataFrame) -> dict[str, str]:
    """Each roster key as the name-correction lists show it, with its group.

    >>> teacher_labels(pd.DataFrame({"name_key": ["李四"], "group": ["数学组"]}))
    {'李四': '李四（数学组）'}
    """
    return {key: f"{key}（{group}）" for key, group in zip(teachers["name_key"], teachers["group"])}


def file_unmatched_names(result, ds: Dataset) -> list[str]:
    """Names in a previewed file that fit no teacher of any roster and have no saved correction."""
    teachers = roster_teachers(ds)
    if teachers.empty or result is None or KINDS[result.kind].is_roster or result.frame.empty:
        return []
    frame = result.frame
    # the fields the kind's declaration names as the teachers a row is about (names joined by 、)
    people = [column for column in KINDS[result.kind].people if column in frame]
    if not people:
        return []
    names = pd.concat([frame[column].fillna("").astype(str).str.split("、").explode() for column in people])
    names = pd.Series(pd.unique(names.dropna()))
    names = names[names != ""]
    matched = metrics.match_names(names, set(teachers["name_key"]), ds.aliases)
    unknown = names[matched["match"].isin(["unknown", "ambiguous"])]
    return [name for name in unknown if name not in ds.aliases]


def save_aliases(store, choices: dict[str, str | None], school: str | None = None, who: str | None = None) -> list[str]:
    """Store each chosen correction (a roster key, or NOT_OURS); None means “not now”. Messages back.
    ``school`` (district mode): the corrections are that school's only; ``who`` goes into the audit."""
    messages = []
    for name, choice in choices.items():
        if not choice:
            continue
        if choice == NOT_OURS:
            store.set_alias(name, None, school, who=who)
            messages.append(f"“{name}”已标记为不是本校教师，不再计入。")
        else:
            store.set_alias(name, choice, school, who=who)
            messages.append(f"“{name}”已对应到名册教师“{choice}”，已导入和以后导入的数据都按此计入。")
    return messages


def aliases_table(aliases: pd.DataFrame) -> pd.DataFrame:
    """Saved name corrections as shown: 姓名, 对应教师, 保存时间."""
    frame = aliases.copy()
    frame["teacher_key"] = frame["teacher_key"].map(lambda key: key if isinstance(key, str) and key else words.NOT_OURS)
    return frame.rename(columns={"alias_key": words.NAME, "teacher_key": words.MATCHED_TEACHER, "created_at": words.SAVED_AT})[
        [words.NAME, words.MATCHED_TEACHER, words.SAVED_AT]]


# ------------------------------------------------------------ other concerns

def observation_differences(obs: metrics.ObservationResult) -> pd.DataFrame:
    """Teachers whose 听课 log and summary disagree (the log counts)."""
    diff = obs.differences
    return pd.DataFrame({words.TEACHER: diff["name_key"], words.GROUP: diff["group"], words.LOG_COUNT: diff["log_count"],
                         words.SUMMARY_COUNT: diff["summary_count"]}).reset_index(drop=True)


def duplicate_observations(obs: metrics.ObservationResult) -> pd.DataFrame:
    """Log rows counted once because another row records the same lesson."""
    dup = obs.duplicates
    table = pd.DataFrame({words.DATE: dup["date"], words.OBSERVER: dup["observer_key"], words.LESSON_TEACHER: dup["teacher"],
                          words.CLASS: dup["class_name"], words.PERIOD: dup["period"]})
    return table.join(_sources(dup)).reset_index(drop=True)


def batches_for_term(ds: Dataset, history: pd.DataFrame, term: str) -> set[int]:
    """Batches that concern ``term``: stated for it, holding rows of it, or with no term at all."""
    relevant = set(history.loc[history["term"] == term, "id"].astype(int))
    with_rows: set[int] = set()
    for frame in ds.frames().values():
        if len(frame) and "term" in frame:
            relevant |= set(frame.loc[frame["term"] == term, "batch_id"].astype(int))
            with_rows |= set(frame.loc[frame["term"].notna(), "batch_id"].astype(int))
    no_term = history[history["term"].isna() | (history["term"] == "")]
    relevant |= {int(batch) for batch in no_term["id"] if int(batch) not in with_rows}
    return relevant


def rejected_rows(problems: pd.DataFrame, batches: set[int] | None = None) -> pd.DataFrame:
    """Rows not imported (error) or left out as not data (skipped), with their reasons."""
    columns = [words.BATCH, words.FILE, words.SHEET, words.ROW, words.COLUMN, words.REASON, words.HANDLING]
    if problems.empty:
        return pd.DataFrame(columns=columns)
    rows = problems[problems["severity"].isin(["error", "skipped"])]
    if batches is not None:
        rows = rows[rows["batch_id"].isin(batches)]
    table = pd.DataFrame({words.BATCH: rows["batch_id"], words.FILE: rows["file"], words.SHEET: rows["sheet"],
                          words.ROW: rows["row"].astype("Int64"), words.COLUMN: rows["column"], words.REASON: rows["message"],
                          words.HANDLING: rows["severity"].map(SEVERITY_LABELS)})
    return table.sort_values([words.HANDLING, words.BATCH, words.ROW], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def roster_gaps(roster: pd.DataFrame) -> pd.DataFrame:
    """Teachers of the term's roster without 出生年月 (no age-based quota)."""
    gaps = roster[roster["birth_date"].isna()]
    table = pd.DataFrame({words.NAME: gaps["name_key"], words.GROUP: gaps["group"], words.ROLE: gaps["role"],
                          words.QUOTA_NOW: gaps["quota_rule"], words.ROSTER_TERM: gaps["roster_term"]})
    return table.join(_sources(gaps)).reset_index(drop=True)


def quality_sections(ds: Dataset, problems: pd.DataFrame, history: pd.DataFrame, term: str,
                     rules: tuple[QuotaRule, ...] | None = None, include_not_ours: bool = False) -> list[Section]:
    """Every data-quality concern of ``term``, in the order the page shows them."""
    roster = metrics.roster_for(ds, term, rules)
    obs = metrics.observation_counts(ds, term, rules, roster)
    return [
        Section("unmatched", words.UNMATCHED_TITLE, unmatched_names(ds, term, rules, include_not_ours), FIXES["unmatched"],
                "本学期所有听课人、论文作者和课题负责人都能对应到名册教师。"),
        Section("differences", words.DIFFERENCES_TITLE, observation_differences(obs), FIXES["differences"],
                "本学期没有明细与汇总表不一致的教师。"),
        Section("duplicates", words.DUPLICATES_TITLE, duplicate_observations(obs), FIXES["duplicates"],
                "本学期没有重复的听课记录。"),
        Section("rejected", words.REJECTED_TITLE, rejected_rows(problems, batches_for_term(ds, history, term)),
                FIXES["rejected"], "本学期相关的文件没有未导入的行。"),
        Section("roster_gaps", words.ROSTER_GAPS_TITLE, roster_gaps(roster), FIXES["roster_gaps"],
                "本学期适用名册中的教师都有出生年月。" if len(roster) else "还没有适用于本学期的教师名册。"),
    ]


def store_sections(store, ds: Dataset, school: str | None, term: str, include_not_ours: bool = False) -> list[Section]:
    """:func:`quality_sections` with the store's problems and the import history of ``school``'s files."""
    from .importing import school_history

    return quality_sections(ds, store.problems(), school_history(store, school), term,
                            include_not_ours=include_not_ours)


def saved_aliases(store, school: str | None) -> pd.DataFrame:
    """The name corrections saved for ``school`` (district mode: that school's own)."""
    return store.alias_list(school)


def delete_alias(store, alias: str, school: str | None, who: str | None = None) -> None:
    """Forget one name correction (the name counts as unmatched again)."""
    store.delete_alias(alias, school, who=who)
