"""教研活动: the rules (``data/activity_rules.toml``) and the pure figures of the activities kind.

For term T (contract of the figures JSON, key ``activities``):

- an activity is the rows of one 教研组, 日期 and 主题 (a sign-in list of one row per attendee, or
  the same record imported twice, is one activity); its 教研组 is matched to the roster's groups
  of T by :func:`dashboard.normalize.group_key` (语文教研组 = 语文组); an activity of no roster
  group is shown apart and counted nowhere;
- ``held``: activities dated in T; ``planned`` per group: the first ``[[plan]]`` rule matching the
  group gives ``times``, else the term's teaching weeks ÷ ``every_weeks`` rounded down (default
  20 weeks ÷ 2 = 10);
- attendance: a member of the group attended an activity of the group when named in its
  参加人员; an activity giving only 缺席/请假 was attended by every member not named there; 全体
  means every member; an activity stating neither counts as held but in nobody's attendance;
  a member's rate = attended ÷ the group's activities stating attendance;
- ``low_attendance``: members of a group with such activities whose rate is under the rules'
  ``low_attendance`` (0.8), most missed first, then name key; ``held`` there is the activities
  stating attendance;
- 主讲 times per teacher: activities of T naming them in 主讲/主持 (any group).

Pure: no Streamlit, no store.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import rule_files
from .contract import term_label
from .dataset import Dataset
from .kinds import Card, Section
from .metrics import match_names, roster_for
from .normalize import group_key
from .labels import OWED_DONE, OWED_ITEM, OWED_LEFT, OWED_NAME, OWED_REQUIRED, REMINDER_COLUMNS
from .labels import activities as words
from .labels.activities import ATTENDANCE_TEXT, LABELS
from .memo import per_dataset
from .quota import load_rules as quota_rules

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "activity_rules.toml"



class RulesError(rule_files.RulesError):
    """An activity rules file that cannot be used (the message is Chinese, for the page)."""


@dataclass(frozen=True)
class PlanRule:
    label: str
    groups: tuple[str, ...] = ()
    every_weeks: int | None = 2
    times: int | None = None

    def matches(self, group: str) -> bool:
        return not self.groups or group_key(group) in {group_key(name) for name in self.groups}

    def planned(self, weeks: int) -> int:
        return self.times if self.times is not None else weeks // self.every_weeks


@dataclass(frozen=True)
class ActivityRules:
    plans: tuple[PlanRule, ...]
    term_weeks: int = 20
    weeks: dict[str, int] = field(default_factory=dict)
    low_attendance: float = 0.8

    def weeks_of(self, term: str) -> int:
        return self.weeks.get(term, self.term_weeks)

    def planned(self, group: str, term: str) -> int:
        """Planned activities of a group in a term.

        >>> load_rules().planned("语文组", "2024-2025-1")
        10
        """
        return rule_files.first_match(self.plans, group).planned(self.weeks_of(term))


def load_rules(path: str | Path | None = None) -> ActivityRules:
    """The rules from ``path``, else ``DASHBOARD_ACTIVITY_RULES``, else data/activity_rules.toml; read
    again only when the file changed (:func:`dashboard.rule_files.load`)."""
    path = Path(path or os.environ.get("DASHBOARD_ACTIVITY_RULES") or DEFAULT_RULES)
    return rule_files.load(path, parse_rules, what="教研活动规则文件", error=RulesError)


def parse_rules(document: dict, path: Path) -> ActivityRules:
    """The rules of a parsed activity rule file."""
    try:
        plans = tuple(PlanRule(str(rule["label"]), tuple(rule.get("groups", ())), int(rule.get("every_weeks", 2)),
                               None if rule.get("times") is None else int(rule["times"]))
                      for rule in document.get("plan", []))
        rules = ActivityRules(plans, int(document.get("term_weeks", 20)),
                              {str(term): int(weeks) for term, weeks in document.get("weeks", {}).items()},
                              float(document.get("low_attendance", 0.8)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RulesError(f"教研活动规则文件 {path} 有一项写得不对（{error}）：每条 [[plan]] 要有 label，"
                         "every_weeks、times、term_weeks 要是整数，low_attendance 是 0 到 1 之间的小数。") from None
    if not rule_files.ends_with_catch_all(plans, lambda rule: bool(rule.groups)):
        raise RulesError(f"教研活动规则文件 {path}：最后一条 [[plan]] 规则必须不写 groups（匹配所有教研组）。")
    if any(rule.times is None and rule.every_weeks <= 0 for rule in plans) or not 0 < rules.low_attendance <= 1:
        raise RulesError(f"教研活动规则文件 {path}：every_weeks 必须大于 0，low_attendance 必须在 0 到 1 之间。")
    return rules


def _names(cell: object) -> list[str]:
    return [name for name in cell.split("、") if name] if isinstance(cell, str) and cell else []


@dataclass
class ActivityView:
    """What the activity figures of one term are made of."""

    term: str
    activities: pd.DataFrame  # one row per activity of a roster group: group, attended (set of keys), hosts
    by_group: pd.DataFrame  # group, held, planned, stated (activities stating attendance)
    members: pd.DataFrame  # one row per roster member: name_key, group, attended, counted, rate, low, hosted
    unmatched: pd.DataFrame  # activities of T whose 教研组 is no roster group
    rules: ActivityRules


def merged_activities(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per activity (学校, 教研组, 日期, 主题): the names of its rows together, their sources joined."""
    if frame.empty:
        return frame.assign(group_key=pd.Series(dtype=object), sources=pd.Series(dtype=object))
    frame = frame.assign(group_key=frame["group"].map(group_key), topic_key=frame["topic"].fillna(""),
                         school_key=frame["school"].fillna(""),
                         sources=frame["source_file"].astype(str) + " 第" + frame["source_row"].astype(str) + "行")
    keys = ["school_key", "group_key", "date", "topic_key"]
    repeated = frame.duplicated(keys, keep=False)
    single = frame[~repeated]
    rows = []
    for _, same in frame[repeated].groupby(keys, sort=True, dropna=False):  # a sign-in list: rows of one activity
        first = same.iloc[0]
        modes = set(same["attendance"].dropna())
        mode = next((m for m in ("名单", "全体", "缺席") if m in modes), None)
        rows.append({**first.to_dict(),
                     "host": "、".join(dict.fromkeys(n for cell in same["host"] for n in _names(cell))) or None,
                     "attendees": "、".join(dict.fromkeys(n for cell in same["attendees"] for n in _names(cell))) or None,
                     "absentees": "、".join(dict.fromkeys(n for cell in same["absentees"] for n in _names(cell))) or None,
                     "attendance": mode, "sources": "；".join(same["sources"])})
    merged = pd.concat([single, pd.DataFrame(rows, columns=single.columns)], ignore_index=True) if rows else single
    return merged.sort_values(keys, kind="stable").reset_index(drop=True)


def activity_view(ds: Dataset, term: str, group: str | None = None, rules: ActivityRules | None = None,
                  roster: pd.DataFrame | None = None) -> ActivityView:
    """Activities held and planned per group, and each member's attendance, for ``term`` (and ``group``).
    With the term's own roster, every 教研组's view is built once per dataset, term and rules and a group
    of that roster has its view cut from it (:func:`for_group`); shared, read-only."""
    rules = rules or load_rules()
    if roster is None:
        standard = roster_for(ds, term)
        key = ("activities.activity_view", term, rules.plans, rules.term_weeks, tuple(sorted(rules.weeks.items())),
               rules.low_attendance, quota_rules())
        whole = per_dataset(ds, key, lambda: _activity_view(ds, term, None, rules, standard))
        if group is None or group in set(whole.by_group["group"]):
            return for_group(whole, group)
        roster = standard  # a group the roster does not name: its rows are all unmatched, as computed alone
    return _activity_view(ds, term, group, rules, roster)


def for_group(view: ActivityView, group: str | None) -> ActivityView:
    """The view of every 教研组 narrowed to one of them (unchanged for None): its activities, plan and
    members, the 主讲 times counted over the group's activities alone (as :func:`activity_view` of the
    group counts them)."""
    if group is None:
        return view
    activities = view.activities[view.activities["roster_group"] == group].reset_index(drop=True)
    members = view.members[view.members["group"] == group]
    hosted: dict[str, int] = {}
    for found in activities["hosts"]:
        for who in found:
            hosted[who] = hosted.get(who, 0) + 1
    members = members.assign(hosted=members["name_key"].map(hosted).fillna(0).astype(int)).reset_index(drop=True)
    return ActivityView(view.term, activities, view.by_group[view.by_group["group"] == group].reset_index(drop=True),
                        members, view.unmatched.iloc[:0], view.rules)


def _activity_view(ds: Dataset, term: str, group: str | None, rules: ActivityRules,
                   roster: pd.DataFrame) -> ActivityView:
    frame = ds.frame("activities")
    frame = frame[frame["term"] == term]
    if group is not None:  # only the group's rows need merging
        frame = frame[frame["group"].map(group_key) == group_key(group)]
    activities = merged_activities(frame)
    groups = sorted(roster["group"].unique())
    by_key = {group_key(name): name for name in groups}
    if activities.empty:
        activities = activities.assign(roster_group=pd.Series(dtype=object))
    else:
        activities["roster_group"] = activities["group_key"].map(by_key)
    unmatched = activities[activities["roster_group"].isna()]
    activities = activities[activities["roster_group"].notna()]
    if group is not None:
        groups = [name for name in groups if name == group]
        activities = activities[activities["roster_group"] == group]
    keys = set(roster["name_key"])
    members_of: dict[str, set[str]] = {name: set() for name in groups}
    for key, name in zip(roster["name_key"].tolist(), roster["group"].tolist()):  # plain values: pyarrow iterates slowly
        if name in members_of:
            members_of[name].add(key)
    cells = {column: activities[column].tolist() for column in ("attendees", "absentees", "host", "attendance",
                                                                 "roster_group")}
    written = pd.Series(sorted({name for column in ("attendees", "absentees", "host") for cell in cells[column]
                                for name in _names(cell)}), dtype=object)
    lookup = {name: key for name, key in zip(written, match_names(written, keys, ds.aliases)["teacher_key"])
              if isinstance(key, str)}

    def matched(column: list) -> list[set[str]]:
        return [{lookup[name] for name in _names(cell) if name in lookup} for cell in column]

    attendees, absentees, hosts = (matched(cells[column]) for column in ("attendees", "absentees", "host"))
    attended = []
    for mode, present, absent, name in zip(cells["attendance"], attendees, absentees, cells["roster_group"]):
        members = members_of.get(name, set())
        if mode == "名单":
            attended.append(present & members)
        elif mode == "全体":
            attended.append(members - absent)
        elif mode == "缺席":
            attended.append(members - absent)
        else:
            attended.append(None)
    activities = activities.assign(attended=attended, hosts=hosts).reset_index(drop=True)
    stated = [(present, name) for present, name in zip(attended, cells["roster_group"]) if present is not None]
    held, stating = Counter(cells["roster_group"]), Counter(name for _, name in stated)
    by_group = pd.DataFrame({
        "group": groups,
        "held": [held[name] for name in groups],
        "planned": [rules.planned(name, term) for name in groups],
        "stated": [stating[name] for name in groups],
    })
    members = roster[roster["group"].isin(groups)][["name_key", "group"]].copy()
    counted = dict(zip(by_group["group"], by_group["stated"]))
    attended_count: dict[str, int] = {}
    for who in (who for present, _ in stated for who in present):
        attended_count[who] = attended_count.get(who, 0) + 1
    hosted: dict[str, int] = {}
    for found in hosts:
        for who in found:
            hosted[who] = hosted.get(who, 0) + 1
    members["attended"] = members["name_key"].map(attended_count).fillna(0).astype(int)
    members["counted"] = members["group"].map(counted).fillna(0).astype(int)
    members["rate"] = [a / c if c else None for a, c in zip(members["attended"], members["counted"])]
    members["low"] = [c > 0 and a / c < rules.low_attendance for a, c in zip(members["attended"], members["counted"])]
    members["hosted"] = members["name_key"].map(hosted).fillna(0).astype(int)
    return ActivityView(term, activities, by_group, members.reset_index(drop=True), unmatched.reset_index(drop=True),
                        rules)


def low_attendance(members: pd.DataFrame) -> pd.DataFrame:
    """Members under the threshold: most missed first, then name key."""
    low = members[members["low"].astype(bool)].assign(missed=lambda rows: rows["counted"] - rows["attended"])
    return low.sort_values(["missed", "name_key"], ascending=[False, True], kind="stable")


#: what :func:`activity_figures` reads of a view's plan and members, in :func:`figures_of_rows`' order
PLAN_COLUMNS = ["group", "held", "planned"]
MEMBER_COLUMNS = ["name_key", "group", "attended", "counted", "low"]


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return list(zip(*(frame[column].tolist() for column in columns)))


def activity_figures(view: ActivityView) -> dict:
    """The ``activities`` key of the figures JSON from a view."""
    return figures_of_rows(_rows(view.by_group, PLAN_COLUMNS), _rows(view.members, MEMBER_COLUMNS))


def figures_of_rows(plans: list[tuple], members: list[tuple]) -> dict:
    """:func:`activity_figures` on plain rows: plans (group, held, planned), members (name key, group,
    attended, counted, low); ``low_attendance`` ordered as :func:`low_attendance` orders it."""
    low = sorted((row for row in members if bool(row[4])), key=lambda row: (-(row[3] - row[2]), row[0]))
    return {"activities": {
        "held": sum(int(row[1]) for row in plans),
        "planned": sum(int(row[2]) for row in plans),
        "by_group": {name: {"held": int(held), "planned": int(planned)} for name, held, planned in plans},
        "low_attendance": [{"name": name, "group": group, "attended": int(attended), "held": int(counted)}
                           for name, group, attended, counted, _ in low],
    }}


def figures_hook(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The ``activities`` key of :func:`dashboard.metrics.figures`: the term's plan and member rows kept
    once per dataset, term and rules, a 教研组's cut in Python (a group the roster does not name has
    neither, as :func:`activity_view` of that group has none)."""
    rules = load_rules()
    key = ("activities.figure_rows", term, rules.plans, rules.term_weeks, tuple(sorted(rules.weeks.items())),
           rules.low_attendance, quota_rules())

    def rows() -> tuple[list[tuple], list[tuple]]:
        whole = activity_view(ds, term, None, rules)
        return _rows(whole.by_group, PLAN_COLUMNS), _rows(whole.members, MEMBER_COLUMNS)

    plans, members = per_dataset(ds, key, rows)
    if group is not None:
        plans = [row for row in plans if row[0] == group]
        members = [row for row in members if row[1] == group]
    return figures_of_rows(plans, members)


# ------------------------------------------------------------ what is shown

def _percent(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.0%}"


def group_table(view: ActivityView) -> pd.DataFrame:
    """Per 教研组: held, planned, completion, the members' mean attendance."""
    rows = []
    for row in view.by_group.itertuples():
        members = view.members[view.members["group"] == row.group]
        rates = members["rate"].dropna()
        rows.append({LABELS["group"]: row.group, LABELS["held"]: row.held, LABELS["planned"]: row.planned,
                     LABELS["done_rate"]: _percent(row.held / row.planned) if row.planned else "—",
                     LABELS["mean_rate"]: _percent(rates.mean()) if len(rates) else "—",
                     LABELS["low_count"]: int(members["low"].sum())})
    return pd.DataFrame(rows, columns=[LABELS[key] for key in ("group", "held", "planned", "done_rate", "mean_rate",
                                                                "low_count")])


def member_table(view: ActivityView) -> pd.DataFrame:
    """Per member: attended, counted, rate, 主讲 times (lowest rate first)."""
    rows = view.members.assign(order=view.members["rate"].fillna(2.0)).sort_values(
        ["order", "name_key"], kind="stable")
    return pd.DataFrame({
        LABELS["name"]: rows["name_key"], LABELS["group"]: rows["group"], LABELS["attended"]: rows["attended"],
        LABELS["counted"]: rows["counted"], LABELS["rate"]: rows["rate"].map(_percent),
        LABELS["hosted"]: rows["hosted"], LABELS["low_text"]: rows["low"].map({True: "是", False: ""}),
    }).reset_index(drop=True)


def activity_table(activities: pd.DataFrame, group_column: str = "roster_group") -> pd.DataFrame:
    """Activities as shown, newest first."""
    rows = activities.sort_values(["date", group_column], ascending=[False, True], kind="stable")
    return pd.DataFrame({
        LABELS["date"]: rows["date"], LABELS["group"]: rows[group_column],
        LABELS["topic"]: rows["topic"].fillna(LABELS["unknown_topic"]), LABELS["host"]: rows["host"].fillna("—"),
        LABELS["attendees"]: rows["attendees"].fillna("—"), LABELS["absentees"]: rows["absentees"].fillna("—"),
        LABELS["attendance"]: rows["attendance"].map(ATTENDANCE_TEXT).fillna("未写明（不计出勤）"),
        LABELS["sources"]: rows["sources"],
    }).reset_index(drop=True)


def summary_text(view: ActivityView, figures: dict) -> str:
    """The 工作总结 paragraph."""
    found = figures["activities"]
    text = f"各教研组共开展教研活动{found['held']}次（计划{found['planned']}次）"
    short = [row.group for row in view.by_group.itertuples() if row.held < row.planned]
    text += f"，{'、'.join(short)}未达到计划次数" if short else "，各组均达到计划次数"
    rates = view.members["rate"].dropna()
    if len(rates):
        text += f"；教师平均出勤率{rates.mean():.0%}"
    low = len(found["low_attendance"])
    text += (f"，{low}人出勤率低于{view.rules.low_attendance:.0%}。" if low else "。")
    top = view.members[view.members["hosted"] > 0]
    if len(top):
        text += f"共{len(top)}位教师担任主讲或主持。"
    return text


def overview_hook(figures: dict) -> list[Card]:
    """总览's cards."""
    found = figures.get("activities")
    if not found:
        return []
    return [Card(LABELS["title"], f"{found['held']}/{found['planned']}", help="本学期已开展 / 计划次数（各教研组合计）"),
            Card(words.LOW_ATTENDANCE_OVERVIEW_CARD, words.PEOPLE_VALUE.format(len(found["low_attendance"])),
                 help="本组教研活动出勤率低于规则门槛的教师")]


def report_hook(ds: Dataset, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    """工作总结's paragraph and per-group table."""
    view = activity_view(ds, term, group)
    return [Section(LABELS["title"], summary_text(view, figures), group_table(view),
                    note="计划次数 = 教学周数 ÷ 间隔周数（向下取整），见 activity_rules.toml。")]


def profile_hook(ds: Dataset, teacher_key: str) -> list[Section]:
    """教师档案: per term, the group's activities, those attended, the rate and 主讲 times."""
    terms = sorted(set(ds.frame("activities")["term"].dropna()))
    rows = []
    for term in terms:
        roster = roster_for(ds, term)
        groups = roster.loc[roster["name_key"] == teacher_key, "group"]
        if groups.empty:
            continue
        view = activity_view(ds, term, groups.iloc[0], roster=roster)
        mine = view.members[view.members["name_key"] == teacher_key]
        if mine.empty:
            continue
        row = mine.iloc[0]
        rows.append({LABELS["term_label"]: term_label(term), LABELS["group"]: row["group"], LABELS["held"]: int(view.by_group.set_index(
            "group").at[row["group"], "held"]), LABELS["attended"]: int(row["attended"]),
            LABELS["counted"]: int(row["counted"]), LABELS["rate"]: _percent(row["rate"]),
            LABELS["hosted"]: int(row["hosted"])})
    if not rows:
        return [Section(LABELS["title"], "没有教研活动记录。")]
    table = pd.DataFrame(rows)
    text = (f"共参加本组教研活动{int(table[LABELS['attended']].sum())}次，"
            f"主讲或主持{int(table[LABELS['hosted']].sum())}次。")
    return [Section(LABELS["title"], text, table)]




def reminder_hook(ds: Dataset, term: str, group: str, day: dt.date) -> pd.DataFrame:
    """The members of ``group`` whose attendance is under the threshold, with the activities missed."""
    view = activity_view(ds, term, group)
    rows = low_attendance(view.members)
    threshold = view.rules.low_attendance
    needed = [math.ceil(threshold * counted - 1e-9) for counted in rows["counted"]]
    return pd.DataFrame({OWED_NAME: rows["name_key"], OWED_ITEM: words.REMINDER_ITEM,
                         OWED_REQUIRED: [words.REMINDER_REQUIRED.format(threshold, n, c)
                                         for n, c in zip(needed, rows["counted"])],
                         OWED_DONE: [words.TIMES_VALUE.format(a) for a in rows["attended"]],
                         OWED_LEFT: [words.MISSED_VALUE.format(c - a) for a, c in zip(rows["attended"], rows["counted"])]},
                        columns=REMINDER_COLUMNS).reset_index(drop=True)


def for_teacher(view: ActivityView, teacher: str | None) -> ActivityView:
    """The view narrowed to one teacher (the page's 教师 filter): their group's activities, their row."""
    if not teacher:
        return view
    members = view.members[view.members["name_key"] == teacher].reset_index(drop=True)
    groups = set(members["group"])
    return ActivityView(view.term, view.activities[view.activities["roster_group"].isin(groups)].reset_index(drop=True),
                        view.by_group[view.by_group["group"].isin(groups)].reset_index(drop=True), members,
                        view.unmatched.iloc[:0], view.rules)
