#!/usr/bin/env python3
"""Generate the demo school's messy Excel/CSV exports and their ground truth.

Usage::

    .venv/bin/python scripts/make_demo_data.py [--out DIR]

The generator first builds an internal *model* of one school (明远中学):
two rosters, four terms of lesson observations (听课), paper awards (论文)
and research projects (课题).  It then

1. renders the model into the kind of files schools really hand in: title
   and note rows, headers with inner spaces / line breaks / two header rows,
   one sheet per 教研组, 小计/合计/备注 rows, padded names, column synonyms,
   mixed date and term spellings, a UTF-8-with-BOM CSV and a GBK CSV, plus a
   few deliberate anomalies (duplicate lessons, unmatched names, a summary
   that disagrees with the log), and
2. computes ``expected_figures.json`` from the model itself (never by
   reading the files back), following the rules of ``dashboard.contract``,
   and writes a short Chinese ``README.md`` describing the files.

Everything is seeded and independent of today's date; workbooks are
re-zipped with fixed timestamps, so two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import demo_awards
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

import demo_open_lessons
import demo_mentoring
import demo_training

# ------------------------------------------------------------------ constants

SEED = 20230901
SCHOOL = "明远中学"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "demo"
FIXED_TIME = datetime(2025, 1, 1)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)

GROUPS = ("语文组", "数学组", "英语组", "科学组", "人文组", "艺体组", "综合组")
GROUP_SIZES = {"语文组": 13, "数学组": 13, "英语组": 12, "科学组": 14,
               "人文组": 10, "艺体组": 10, "综合组": 8}
GROUP_SUBJECTS = {
    "语文组": ("语文",), "数学组": ("数学",), "英语组": ("英语",),
    "科学组": ("物理", "化学", "生物"), "人文组": ("政治", "历史", "地理"),
    "艺体组": ("音乐", "美术", "体育"), "综合组": ("信息技术", "通用技术", "心理健康"),
}
LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
GRADES = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "发表", "其他")
LEADER_ROLES = ("校长", "副校长", "主任", "副主任")
GROUP_HEAD = "教研组长"

#: (role, group) of the school leaders; 主任 is written bare, as schools do.
LEADER_PLAN = (("校长", "数学组"), ("副校长", "语文组"), ("副校长", "英语组"),
               ("主任", "科学组"), ("主任", "人文组"), ("主任", "语文组"),
               ("副主任", "数学组"), ("副主任", "综合组"))
YOUNG_GROUP_HEAD = "综合组"  # its 教研组长 is under 35: quota 15, not 20

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
            "袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏方邹孟熊秦江薛"
            "段雷侯史陶贺顾毛郝龚邵钱严戴孔汤")
GIVEN_FEMALE = "丽娜静敏燕艳芳娟霞婷雪琳洁玲倩颖萍慧晶佳欣怡悦月蕾瑶妍岚"
GIVEN_MALE = "伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宇浩凯健俊帆峰亮文博"
GIVEN_FIRST = "晓子文俊志海建雨思欣嘉梦雅春立永国晨一宏家"

AMBIGUOUS_NAME = "王莉"
TWIN_NAMES = {"王莉(大)": "语文组", "王莉(小)": "英语组"}
#: Visiting teachers who show up as 听课人 but are in no roster.
VISITORS = ("李明", "周建国", "陈晓燕", "孙浩然", "刘芳")
OTHER_SCHOOLS = ("城南中学", "第二实验中学", "育才中学", "东湖中学")

BIRTH_STYLES = ("dot_month", "cn_month", "compact", "excel", "iso")
MONTH_STYLES = ("dot_month", "cn_month", "compact", "excel_month")


@dataclass(frozen=True)
class Term:
    id: str
    start: date
    end: date
    lessons_from: date  # first and last teaching day: observations happen
    lessons_to: date    # only in between


TERMS = (
    Term("2023-2024-1", date(2023, 9, 1), date(2024, 1, 31), date(2023, 9, 4), date(2024, 1, 19)),
    Term("2023-2024-2", date(2024, 2, 1), date(2024, 8, 31), date(2024, 2, 19), date(2024, 6, 28)),
    Term("2024-2025-1", date(2024, 9, 1), date(2025, 1, 31), date(2024, 9, 2), date(2025, 1, 17)),
    Term("2024-2025-2", date(2025, 2, 1), date(2025, 8, 31), date(2025, 2, 17), date(2025, 6, 27)),
)
TERM_BY_ID = {term.id: term for term in TERMS}
T1, T2, T3, T4 = TERMS_IDS = tuple(term.id for term in TERMS)

# ---------------------------------------------------------------------- model


@dataclass
class Teacher:
    key: str            # roster name key: no whitespace, half-width brackets
    gender: str
    group: str
    subject: str
    role: str
    birth: date | None  # as written in the roster (month-only = the 1st)
    birth_style: str
    work_start: date
    title: str
    classes: tuple[str, ...] = ()  # the classes this teacher teaches


@dataclass
class Roster:
    term: str  # the first term the roster applies to
    teachers: list[Teacher]
    by_key: dict[str, Teacher] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {teacher.key: teacher for teacher in self.teachers}


@dataclass
class Lesson:
    """One observed lesson (one log row before any duplication)."""
    term: str
    day: date
    observer: str   # roster key, or the written name when it is unmatched
    matched: bool
    teacher: str    # roster key of the teacher giving the lesson
    subject: str
    class_name: str  # canonical "高一(3)班"
    period: int | None
    lessons: int
    sheet_group: str  # where the school filed the row
    type_text: str = ""  # its 课型 cell, in the files that have one (demo_open_lessons)


@dataclass
class Paper:
    title: str
    authors: list[str]  # roster keys, or outsiders' names
    level: str
    grade: str
    term: str           # the term the record belongs to (the truth)
    when: date | None   # award / publication date as written (None = blank)
    source: str         # which file it is written into
    unit: str = SCHOOL
    journal: str = ""
    term_text: str = ""  # the 学期 cell, where the file has that column
    award_spelling: str = ""  # a fixed 获奖级别 spelling, where one is wanted


@dataclass
class Project:
    title: str
    leader: str
    members: list[str]
    level: str
    level_text: str
    stage_text: str
    terminated: bool
    approved: date | None
    approved_style: str
    planned_end: date | None
    planned_style: str
    concluded: date | None
    concluded_style: str
    source: str


@dataclass
class School:
    rosters: list[Roster]
    lessons: list[Lesson] = field(default_factory=list)
    summaries: dict[str, dict[str, int]] = field(default_factory=dict)
    papers: list[Paper] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)  # for the README

    def roster_for(self, term: str) -> Roster:
        """The latest roster whose term is ≤ ``term``, else the earliest."""
        eligible = [roster for roster in self.rosters if roster.term <= term]
        return eligible[-1] if eligible else self.rosters[0]


# ------------------------------------------------------------ small helpers


def name_key(raw: str) -> str:
    """Roster key of a written name (the rule of dashboard.contract)."""
    key = re.sub(r"\s+", "", raw).replace("（", "(").replace("）", ")")
    if key.endswith("老师") and len(key) > 2:
        key = key[:-2]
    return key


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def quota_of(teacher: Teacher, term: Term) -> int:
    """听课 quota: first matching rule of data/quota_rules.toml."""
    if teacher.role in LEADER_ROLES:
        return 20
    if teacher.role == GROUP_HEAD:
        return 15
    if teacher.birth is not None and age_on(teacher.birth, term.start) < 35:
        return 20
    return 10


def random_day(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randrange((high - low).days + 1))


@dataclass(frozen=True)
class XlDate:
    """A real Excel date cell with its display format."""
    day: date
    fmt: str = "yyyy-mm-dd"


def render_date(day: date | None, style: str) -> object:
    """A date written the way one school office writes it."""
    if day is None:
        return None
    if style in MONTH_STYLES:
        assert day.day == 1, (day, style)
    y, m, d = day.year, day.month, day.day
    return {
        "excel": lambda: XlDate(day),
        "excel_cn": lambda: XlDate(day, 'yyyy"年"m"月"d"日"'),
        "excel_month": lambda: XlDate(day, 'yyyy"年"m"月"'),
        "dot": lambda: f"{y}.{m:02d}.{d:02d}",
        "cn": lambda: f"{y}年{m}月{d}日",
        "iso": lambda: day.isoformat(),
        "slash": lambda: f"{y}/{m}/{d}",
        "dot_month": lambda: f"{y}.{m:02d}",
        "cn_month": lambda: f"{y}年{m}月",
        "compact": lambda: f"{y}{m:02d}",
    }[style]()


def pad_two_char(key: str, space: str) -> str:
    """"王月" -> "王  月": how offices align two-character names."""
    return key[0] + space + key[1] if len(key) == 2 else key


def full_width_brackets(key: str) -> str:
    return key.replace("(", "（").replace(")", "）")


def render_log_name(rng: random.Random, key: str, quirk_rate: float) -> str:
    """A roster name as typed into a log: sometimes padded or with 老师."""
    roll = rng.random()
    if roll < quirk_rate * 0.35:
        written = key + "老师"
    elif roll < quirk_rate * 0.6:
        written = pad_two_char(key, "  ") if len(key) == 2 else " " + key + " "
    elif roll < quirk_rate * 0.8:
        written = pad_two_char(key, "\u3000") if len(key) == 2 else key + "\u3000"
    elif roll < quirk_rate:
        written = full_width_brackets(key) if "(" in key else key + " "
    else:
        written = key
    assert name_key(written) == key, (written, key)
    return written


# ------------------------------------------------------------------ rosters


def make_name(rng: random.Random, gender: str, taken: set[str]) -> str:
    """A fresh, realistic Chinese name not in ``taken``."""
    given_pool = GIVEN_FEMALE if gender == "女" else GIVEN_MALE
    while True:
        surname = rng.choice(SURNAMES)
        if rng.random() < 0.4:
            given = rng.choice(given_pool)
        else:
            given = rng.choice(GIVEN_FIRST) + rng.choice(given_pool)
        name = surname + given
        if name not in taken:
            taken.add(name)
            return name


def random_birth(rng: random.Random, young: bool) -> date:
    """Young = under 35 on 2023-09-01."""
    if young:
        return random_day(rng, date(1988, 9, 2), date(2000, 8, 31))
    return random_day(rng, date(1964, 3, 1), date(1988, 9, 1))


def title_for(rng: random.Random, birth: date | None) -> str:
    if birth is None:
        return "一级教师"
    age = age_on(birth, TERMS[0].start)
    if age >= 52:
        return "正高级教师" if rng.random() < 0.12 else "中学高级"
    if age >= 40:
        return "中学高级" if rng.random() < 0.65 else "一级教师"
    if age >= 30:
        return "一级教师" if rng.random() < 0.7 else "二级教师"
    return "二级教师"


def finish_teacher(rng: random.Random, teacher: Teacher) -> None:
    """Pick the birth style (month-only styles lose the day), work start, 职称."""
    if teacher.birth is not None:
        style = rng.choices(BIRTH_STYLES, weights=(3, 2, 2, 3, 2))[0]
        teacher.birth_style = style
        if style in ("dot_month", "cn_month", "compact"):
            teacher.birth = teacher.birth.replace(day=1)
        start_year = teacher.birth.year + rng.randint(22, 24)
    else:
        teacher.birth_style = ""
        start_year = rng.randint(2008, 2016)
    teacher.work_start = min(date(start_year, 8, 1), date(2023, 8, 1))
    teacher.title = title_for(rng, teacher.birth)


def assign_classes(rng: random.Random, teachers: list[Teacher]) -> None:
    grades = ("高一", "高二", "高三")
    for teacher in teachers:
        grade = rng.choice(grades)
        numbers = sorted(rng.sample(range(1, 13), 2))
        teacher.classes = tuple(f"{grade}({n})班" for n in numbers)


def build_first_roster(rng: random.Random, taken: set[str]) -> list[Teacher]:
    """≈80 teachers in 7 groups, with roles, ages and the 王莉 twins."""
    total = sum(GROUP_SIZES.values())
    young_slots = set(rng.sample(range(total), 34))
    teachers: list[Teacher] = []
    twins = {group: key for key, group in TWIN_NAMES.items()}
    for group in GROUPS:
        for index in range(GROUP_SIZES[group]):
            gender = "女" if rng.random() < 0.6 else "男"
            if index == 3 and group in twins:
                key, gender = twins[group], "女"
            else:
                key = make_name(rng, gender, taken)
            young = len(teachers) in young_slots
            teachers.append(Teacher(
                key=key, gender=gender, group=group,
                subject=rng.choice(GROUP_SUBJECTS[group]), role="",
                birth=random_birth(rng, young), birth_style="",
                work_start=date(2000, 8, 1), title=""))
    big, small = (next(t for t in teachers if t.key == k) for k in TWIN_NAMES)
    if big.birth > small.birth:  # 大 is the elder one
        big.birth, small.birth = small.birth, big.birth
    assign_roles(rng, teachers)
    for teacher in rng.sample([t for t in teachers if t.role in ("", "班主任")
                               and t.key not in TWIN_NAMES], 3):
        teacher.birth = None  # the roster leaves 出生年月 blank
    for teacher in teachers:
        finish_teacher(rng, teacher)
    next(t for t in teachers if t.role == "校长").title = "正高级教师"
    return teachers


def assign_roles(rng: random.Random, teachers: list[Teacher]) -> None:
    def pick(group: str | None, young: bool | None) -> Teacher:
        pool = [t for t in teachers if not t.role and t.key not in TWIN_NAMES
                and (group is None or t.group == group)]
        preferred = [t for t in pool if young is None
                     or (age_on(t.birth, TERMS[0].start) < 35) == young]
        return rng.choice(preferred or pool)

    for role, group in LEADER_PLAN:
        pick(group, young=False).role = role
    for group in GROUPS:
        pick(group, young=group == YOUNG_GROUP_HEAD).role = GROUP_HEAD
    for group in ("语文组", "数学组", "英语组", "科学组", "科学组", "人文组", "语文组", "数学组"):
        pick(group, young=None).role = "备课组长"
    for _ in range(18):
        pick(None, young=True).role = "班主任"


def build_second_roster(rng: random.Random, first: list[Teacher],
                        taken: set[str], facts: dict) -> list[Teacher]:
    """2024学年 roster: 3 left, 4 joined, one teacher moved group."""
    plain = [t for t in first if t.role in ("", "班主任") and t.birth is not None
             and t.key not in TWIN_NAMES]
    left = rng.sample(plain, 3)
    movable = [t for t in plain if t.group == "科学组" and t not in left]
    moved = rng.choice(movable)
    teachers = []
    for teacher in first:
        if teacher in left:
            continue
        copy = replace(teacher)
        if teacher is moved:
            copy.group, copy.subject = "综合组", "通用技术"
        teachers.append(copy)
    joined = []
    for group, birth_year in (("数学组", 2001), ("英语组", 1999), ("人文组", 1986), ("艺体组", 2000)):
        gender = "女" if rng.random() < 0.6 else "男"
        teacher = Teacher(
            key=make_name(rng, gender, taken), gender=gender, group=group,
            subject=rng.choice(GROUP_SUBJECTS[group]),
            role="班主任" if group == "英语组" else "",
            birth=random_day(rng, date(birth_year, 1, 1), date(birth_year, 12, 28)),
            birth_style="", work_start=date(2000, 8, 1), title="")
        finish_teacher(rng, teacher)
        teacher.work_start = date(2009, 8, 1) if birth_year < 1990 else date(2024, 8, 1)
        teacher.title = "一级教师" if birth_year < 1990 else "二级教师"
        joined.append(teacher)
    assign_classes(rng, joined)
    for teacher in joined:  # new teachers are listed at the end of their group
        position = max(i for i, t in enumerate(teachers) if t.group == teacher.group)
        teachers.insert(position + 1, teacher)
    teachers.sort(key=lambda t: GROUPS.index(t.group))  # stable: keeps order
    facts.update(left=[t.key for t in left], joined=[t.key for t in joined],
                 moved=(moved.key, moved.group, "综合组"))
    return teachers


# ------------------------------------------------------------- observations

OBS_LAYOUT = {  # (file has a 节次 column, file has a 节数 column)
    T1: (True, True),
    T2: (False, True),
    T3: (True, False),
    T4: (True, True),
}
T2_SUMMARY_ONLY_GROUPS = ("艺体组", "综合组")  # no log rows in 2023-2024-2


def school_days(term: Term) -> list[date]:
    holidays = ((10, 1, 10, 7), (1, 1, 1, 1), (4, 4, 4, 6), (5, 1, 5, 5), (6, 10, 6, 10))
    days = []
    day = term.lessons_from
    while day <= term.lessons_to:
        off = any((m1, d1) <= (day.month, day.day) <= (m2, d2) for m1, d1, m2, d2 in holidays)
        if day.weekday() < 5 and not off:
            days.append(day)
        day += timedelta(days=1)
    return days


def observation_target(rng: random.Random, quota: int) -> int:
    """How many lessons a teacher observes: most meet the quota, some don't."""
    if rng.random() < 0.7:
        factor = rng.uniform(1.0, 1.3)
    else:
        factor = rng.uniform(0.5, 0.95)
    return max(1, round(quota * factor))


class LessonDrawer:
    """Draws lessons with no accidental duplicates or clashes."""

    def __init__(self, rng: random.Random, term: Term, roster: Roster, absent: tuple[str, ...]):
        self.rng, self.term, self.roster = rng, term, roster
        self.days = school_days(term)
        self.hosts = [t for t in roster.teachers if t.key not in absent]
        self.busy: set[tuple] = set()
        self.has_period, self.has_lessons = OBS_LAYOUT[term.id]

    def host_for(self, observer_key: str, group: str) -> Teacher:
        same = [t for t in self.hosts if t.group == group and t.key != observer_key]
        if same and self.rng.random() < 0.75:
            return self.rng.choice(same)
        return self.rng.choice([t for t in self.hosts if t.key != observer_key])

    def draw(self, observer: str, group: str, lessons: int, matched: bool = True,
             sheet_group: str | None = None) -> Lesson:
        for _ in range(500):
            day = self.rng.choice(self.days)
            host = self.host_for(observer, group)
            period = self.rng.randint(1, 8 - lessons) if self.has_period else None
            slots = [(day, observer, "p", period + i) for i in range(lessons)] if period else []
            pair = (day, observer, host.key)
            if pair in self.busy or any(slot in self.busy for slot in slots):
                continue
            self.busy.add(pair)
            self.busy.update(slots)
            return Lesson(self.term.id, day, observer, matched, host.key, host.subject,
                          self.rng.choice(host.classes), period, lessons,
                          sheet_group or (group if matched else host.group))
        raise RuntimeError("could not place a lesson")


def generate_observations(rng: random.Random, school: School) -> None:
    """Lessons for all terms, the 2023-2024-2 summary and the anomalies."""
    facts = school.facts
    roster4 = school.roster_for(T4)
    on_leave = rng.choice([t for t in roster4.teachers if t.gender == "女" and t.role == ""
                           and t.group != "数学组" and t.birth and t.birth.year >= 1990
                           and t.key not in facts["joined"] and t.key not in TWIN_NAMES])
    facts["on_leave"] = (on_leave.key, on_leave.group)
    for term in TERMS:
        roster = school.roster_for(term.id)
        absent = (on_leave.key,) if term.id == T4 else ()
        drawer = LessonDrawer(rng, term, roster, absent)
        targets: dict[str, int] = {}
        for teacher in roster.teachers:
            target = observation_target(rng, quota_of(teacher, term))
            targets[teacher.key] = target
            if teacher.key in absent:
                continue
            if term.id == T2 and teacher.group in T2_SUMMARY_ONLY_GROUPS:
                continue
            left = target
            while left > 0:
                lessons = 2 if drawer.has_lessons and left >= 2 and rng.random() < 0.06 else 1
                school.lessons.append(drawer.draw(teacher.key, teacher.group, lessons))
                left -= lessons
        if term.id == T2:
            school.summaries[T2] = make_t2_summary(rng, school, roster, targets)
        add_unmatched_rows(drawer, school, term)


def make_t2_summary(rng: random.Random, school: School, roster: Roster,
                    targets: dict[str, int]) -> dict[str, int]:
    """Per-teacher totals; two of them disagree with the log (the log wins)."""
    log_sum = logged_counts(school, T2)
    term = TERM_BY_ID[T2]
    summary = {}
    for teacher in roster.teachers:
        summary[teacher.key] = log_sum.get(teacher.key, targets[teacher.key])
    logged = [t for t in roster.teachers if t.key in log_sum]
    behind = [t for t in logged if log_sum[t.key] < quota_of(t, term)]
    claims_met = behind[len(behind) // 2]        # the summary says the quota was met
    understated = rng.choice([t for t in logged if t is not claims_met
                              and t.group != claims_met.group])
    summary[claims_met.key] = quota_of(claims_met, term)
    summary[understated.key] = log_sum[understated.key] - 2
    school.facts["summary_mismatch"] = [
        (t.key, log_sum[t.key], summary[t.key]) for t in (claims_met, understated)]
    return summary


def add_unmatched_rows(drawer: LessonDrawer, school: School, term: Term) -> None:
    """Visiting teachers (2023学年第一学期 2 rows, 2024学年第一学期 3 rows) and bare 王莉 (2025春)."""
    if term.id == T1:
        names = VISITORS[:2]
    elif term.id == T3:
        names = VISITORS[2:]
    elif term.id == T4:
        names = (AMBIGUOUS_NAME, AMBIGUOUS_NAME)
    else:
        return
    for name in names:
        host_group = drawer.rng.choice(GROUPS[:4])
        lesson = drawer.draw(name, host_group, 1, matched=False)
        school.lessons.append(lesson)


def logged_counts(school: School, term: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for lesson in school.lessons:
        if lesson.term == term and lesson.matched:
            counts[lesson.observer] = counts.get(lesson.observer, 0) + lesson.lessons
    return counts


# ------------------------------------------------------------------- papers

TITLE_LEADS = ("核心素养导向下", "“双减”背景下", "新课标视域下", "大单元教学理念下", "基于深度学习的",
               "指向高阶思维的", "项目化学习视角下", "学习任务群视角下", "情境化教学中", "基于证据推理的")
TITLE_TAILS = ("课堂提问策略研究", "作业设计的实践探索", "情境教学的实践与思考", "跨学科主题学习设计",
               "评价方式改革初探", "分层教学的实践研究", "实验教学创新实践", "复习课教学模式探究",
               "单元整体教学设计研究", "学生自主学习能力培养")
JOURNALS = {
    "国家级": ("中学数学教学参考", "语文建设", "中小学英语教学与研究", "物理教师", "中国信息技术教育"),
    "省级": ("浙江教育科学", "教学月刊（中学版）", "新课程研究", "中学课程辅导", "江苏教育"),
}


class PaperFactory:
    """Makes paper records with unique titles and realistic authors."""

    def __init__(self, rng: random.Random, school: School):
        self.rng, self.school = rng, school
        self.used_titles: set[str] = set()

    def title(self, subject: str) -> str:
        while True:
            text = f"{self.rng.choice(TITLE_LEADS)}高中{subject}{self.rng.choice(TITLE_TAILS)}"
            if text not in self.used_titles:
                self.used_titles.add(text)
                return text

    def authors(self, term: str, count: int, group: str | None = None) -> list[str]:
        teachers = self.school.roster_for(term).teachers
        first = self.rng.choice([t for t in teachers if group is None or t.group == group])
        others = [t for t in teachers if t is not first]
        same = [t for t in others if t.group == first.group]
        chosen = [first]
        while len(chosen) < count:
            pool = same if self.rng.random() < 0.6 else others
            candidate = self.rng.choice(pool)
            if candidate not in chosen:
                chosen.append(candidate)
        return [t.key for t in chosen]

    def award(self) -> tuple[str, str]:
        level = self.rng.choices(LEVELS, weights=(1, 3, 6, 7, 3))[0]
        grade = self.rng.choices(("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "其他"),
                                 weights=(1, 4, 7, 7, 4, 1))[0]
        return level, grade

    def subject_of(self, key: str, term: str) -> str:
        for roster in (self.school.roster_for(term), *self.school.rosters):
            if key in roster.by_key:
                return roster.by_key[key].subject
        return "语文"

    def make(self, term: str, source: str, when: date | None, authors: list[str],
             level: str, grade: str, **extra) -> Paper:
        paper = Paper(self.title(self.subject_of(authors[0], term)), authors, level, grade,
                      term, when, source, **extra)
        self.school.papers.append(paper)
        return paper

    def author_count(self) -> int:
        return self.rng.choices((1, 2, 3), weights=(6, 3, 1))[0]


#: Award spellings that the school list of 2023学年第一学期 must contain.
SPELLED_AWARDS = (("省级", "一等奖", "省一等奖"), ("省级", "一等奖", "省级一等"),
                  ("省级", "一等奖", "一等奖（省级）"), ("市级", "三等奖", "市属级三等奖"),
                  ("区县级", "二等奖", "区二"), ("区县级", "二等奖", "县级二等奖"),
                  ("国家级", "二等奖", "国家级二等奖"), ("校级", "优秀奖", "校级优秀奖"))
LEVEL_FULL = {"国家级": "国家级", "省级": "省级", "市级": "市级", "区县级": "区级", "校级": "校级"}
LEVEL_SHORT = {"国家级": "国家级", "省级": "省", "市级": "市", "区县级": "区", "校级": "校级"}


def award_text(rng: random.Random, level: str, grade: str, forms: tuple[str, ...]) -> str:
    """How a school writes a (level, grade) award, e.g. 省一等奖 / 一等奖（省级）."""
    if grade == "其他":
        return LEVEL_FULL[level] + "入选"
    form = rng.choice(forms)
    if form == "short":
        return LEVEL_SHORT[level] + grade
    if form == "suffix":
        return f"{grade}（{LEVEL_FULL[level]}）"
    return LEVEL_FULL[level] + grade


def generate_papers(rng: random.Random, school: School) -> None:
    factory = PaperFactory(rng, school)
    papers_2023_first(rng, factory, school.facts)
    papers_2023_second(rng, factory)
    papers_district(rng, factory, school)
    papers_published(rng, factory)
    papers_2024(rng, factory, school.facts)


def papers_2023_first(rng: random.Random, factory: PaperFactory, facts: dict) -> None:
    """School list of 2023学年第一学期: every award spelling, 2 undated, 1 dated in term 2."""
    def some_day() -> date:
        return random_day(rng, date(2023, 10, 8), date(2024, 1, 19))

    for level, grade, text in SPELLED_AWARDS:
        paper = factory.make(T1, "p1", some_day(), factory.authors(T1, factory.author_count()),
                             level, grade)
        paper.award_spelling = text
    factory.make(T1, "p1", date(2023, 12, 15), [facts["moved"][0]], "市级", "二等奖")
    for _ in range(3):
        factory.make(T1, "p1", some_day(), factory.authors(T1, factory.author_count()),
                     *factory.award())
    for _ in range(2):  # no date: the term comes from the title
        factory.make(T1, "p1", None, factory.authors(T1, factory.author_count()), *factory.award())
    factory.make(T2, "p1", date(2024, 3, 15), factory.authors(T2, 2), "区县级", "一等奖")


def papers_2023_second(rng: random.Random, factory: PaperFactory) -> None:
    """School list of 2023学年第二学期 (one sheet per group)."""
    for _ in range(14):
        factory.make(T2, "p2", random_day(rng, date(2024, 2, 20), date(2024, 7, 10)),
                     factory.authors(T2, factory.author_count()), *factory.award())
    factory.make(T2, "p2", date(2024, 5, 20), ["王莉(小)"], "市级", "特等奖")


def papers_district(rng: random.Random, factory: PaperFactory, school: School) -> None:
    """2024年区论文评比: all 区县级; 16 rows are other schools' authors."""
    district_day = date(2024, 12, 20)
    grades = ("一等奖", "二等奖", "二等奖", "三等奖", "三等奖")
    for _ in range(9):
        factory.make(T3, "p3", district_day, factory.authors(T3, factory.author_count()),
                     "区县级", rng.choice(grades))
    taken = {key for roster in school.rosters for key in roster.by_key}
    taken |= {*VISITORS, AMBIGUOUS_NAME}
    for _ in range(16):
        count = rng.choices((1, 2), weights=(3, 1))[0]
        names = [make_name(rng, rng.choice("男女"), taken) for _ in range(count)]
        subject = rng.choice(("语文", "数学", "英语", "物理", "历史"))
        school.papers.append(Paper(factory.title(subject), names, "区县级", rng.choice(grades),
                                   T3, district_day, "p3", unit=rng.choice(OTHER_SCHOOLS)))


def papers_published(rng: random.Random, factory: PaperFactory) -> None:
    """Publications, 3 per term, dated to the month."""
    for term in TERMS:
        months = [(term.start + timedelta(days=31 * i)).replace(day=1) for i in range(5)]
        for _ in range(3):
            level = rng.choice(("省级", "省级", "国家级"))
            factory.make(term.id, "p4", rng.choice(months),
                         factory.authors(term.id, factory.author_count()),
                         level, "发表", journal=rng.choice(JOURNALS[level]))


def papers_2024(rng: random.Random, factory: PaperFactory, facts: dict) -> None:
    """School list of 2024学年 with a 学期 column, and its special cases."""
    for term, count in ((TERM_BY_ID[T3], 10), (TERM_BY_ID[T4], 12)):
        for _ in range(count):
            day = random_day(rng, term.lessons_from, term.lessons_to)
            factory.make(term.id, "p5", day, factory.authors(term.id, factory.author_count()),
                         *factory.award())
    left, joined = facts["left"], facts["joined"]
    factory.make(T3, "p5", date(2025, 3, 10), factory.authors(T3, 1), "市级", "一等奖")  # 学期 wins
    factory.make(T3, "p5", date(2024, 11, 5), [facts["moved"][0]], "区县级", "三等奖")
    factory.make(T3, "p5", date(2024, 12, 2), [left[0]], "市级", "二等奖")  # left: not counted
    factory.make(T3, "p5", date(2024, 12, 2), [left[1]] + factory.authors(T3, 1, "语文组"),
                 "区县级", "优秀奖")
    factory.make(T4, "p5", date(2025, 5, 16), [joined[0]], "校级", "一等奖")
    factory.make(T4, "p5", date(2025, 4, 18), ["王莉(大)", "王莉(小)"], "省级", "三等奖")
    facts["late_award"] = "2025-03-10"


# ----------------------------------------------------------------- projects

#: title, level, level text, stage text, approved, planned end, concluded, file.
#: Dates "YYYY-MM" are written month-only and mean the 1st of that month.
PROJECT_PLAN = (
    ("高中语文整本书阅读教学的实践研究", "市级", "市级", "已结题", "2021-06", "2023-12", "2023-12-20", "k1"),
    ("基于数学建模的高中数学课堂教学研究", "省级", "省级规划课题", "已结题", "2022-03", "2024-06", "2024-06-15", "k1"),
    ("高中英语读后续写教学策略研究", "区县级", "区级", "已结题", "2022-09-10", "2024-12", "2025-01-08", "k1"),
    ("校园足球特色课程开发研究", "区县级", "区级", "终止", "2022-10", "2024-10", None, "k1"),
    ("高中化学实验微型化的实践研究", "市级", "市级规划课题", "已结题", "2022-11", "2023-12", "2024-04-10", "k1"),
    ("“双减”背景下高中作业设计与实施研究", "省级", "省级规划课题", "已结题", "2023-03", "2025-06", "2025-06-20", "k1"),
    ("高中历史课堂史料教学的实践研究", "市级", "市级", "延期", "2023-05", "2024-12", None, "k1"),
    ("高中生物大概念教学的设计与实施", "区县级", "区级重点课题", "中期检查通过", "2023-09-20", "2025-09", None, "k1"),
    ("信息技术与学科教学深度融合的研究", "国家级", "国家级", "在研", "2023-10", "2025-12", None, "k1"),
    ("高中物理实验探究能力培养研究", "校级", "校级", "已结题", "2023-11-15", "2024-06", "2024-09-20", "k1"),
    ("高中地理野外考察课程开发研究", "区县级", "区级", "开题", "2024-03", "2026-06", None, "k1"),
    ("高中心理健康教育校本课程建设研究", "市级", "市级", "已结题", "2024-04-20", "2025-06", "2025-07-10", "k1"),
    ("高中政治议题式教学的实践研究", "校级", "校级", "中期检查通过", "2024-05", "2025-01", None, "k1"),
    ("高中美术鉴赏课程的情境化教学研究", "区县级", "区级", "在研", "2024-06-12", "2026-06", None, "k1"),
    ("高中数学单元作业分层设计研究", "市级", "市级规划课题", "开题", "2024-09", "2026-12", None, "k2"),
    ("高中英语学习活动观下的阅读教学研究", "省级", "省级规划课题", "在研", "2024-10-08", "2026-06", None, "k2"),
    ("高中语文写作任务群教学研究", "校级", "校级", "已结题", "2024-11", "2025-06", "2025-06-28", "k2"),
    ("高中体育选项走班教学的实践研究", "区县级", "区级", "立项", "2024-12-10", "2026-12", None, "k2"),
    ("人工智能辅助高中化学教学的研究", "省级", "省级规划课题", "在研", "2025-03", "2027-06", None, "k2"),
    ("高中历史跨学科主题学习设计研究", "区县级", "区级", "开题", "2025-04-15", "2027-06", None, "k2"),
    ("高中通用技术创客教育课程开发", "市级", "市级", "在研", "2025-05", "2026-12", None, "k2"),
    ("高中英语校本选修课程开发研究", "区县级", "区级", "拟立项", None, None, None, "k1"),
    ("高中物理概念转变教学研究", "市级", "市级", "拟立项", None, None, None, "k1"),
    ("高中语文古诗词诵读教学研究", "区县级", "区级", "延期", "2021-09", "2023-06", None, "k1"),
    ("高中数学错题资源化利用研究", "校级", "校级", "已结题", "2022-05", "2024-03", "2024-01-10", "k1"),
    ("高中生涯规划教育的实践研究", "市级", "市级", "中期检查通过", "2023-02-20", "2025-12", None, "k1"),
)


def plan_date(text: str | None) -> tuple[date | None, bool]:
    """("2023-03" -> 2023-03-01, month_only=True); None stays None."""
    if text is None:
        return None, False
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), True
    return date(*parts), False


def date_style(rng: random.Random, month_only: bool, day_styles: tuple[str, ...]) -> str:
    if month_only:
        return rng.choice(("cn_month", "dot_month", "excel_month"))
    return rng.choice(day_styles)


#: Title keyword -> the 教研组 whose teacher leads such a project.
PROJECT_GROUP_WORDS = (("语文", "语文组"), ("数学", "数学组"), ("英语", "英语组"),
                       ("物理", "科学组"), ("化学", "科学组"), ("生物", "科学组"),
                       ("历史", "人文组"), ("地理", "人文组"), ("政治", "人文组"),
                       ("美术", "艺体组"), ("体育", "艺体组"), ("足球", "艺体组"),
                       ("信息技术", "综合组"), ("通用技术", "综合组"), ("心理", "综合组"),
                       ("生涯", "综合组"))


def project_group(title: str) -> str | None:
    return next((group for word, group in PROJECT_GROUP_WORDS if word in title), None)


def generate_projects(rng: random.Random, school: School) -> None:
    """Projects of PROJECT_PLAN, each led by a teacher present in both rosters."""
    first, second = school.rosters
    facts = school.facts
    stable = [t for t in second.teachers if t.key in first.by_key and t.key != facts["moved"][0]]
    used: set[str] = set()
    for plan in PROJECT_PLAN:
        title, level, level_text, stage, approved, planned, concluded, source = plan
        group = project_group(title)
        candidates = [t for t in stable if t.key not in used and t.group in (group,)] or \
            [t for t in stable if t.key not in used]
        leader = rng.choice(candidates)
        used.add(leader.key)
        approved_day, approved_month = plan_date(approved)
        planned_day, planned_month = plan_date(planned)
        concluded_day, _ = plan_date(concluded)
        colleagues = [t for t in stable if t.group == leader.group and t is not leader]
        members = [t.key for t in rng.sample(colleagues, min(len(colleagues), rng.randint(2, 4)))]
        school.projects.append(Project(
            title=title, leader=leader.key, members=members, level=level,
            level_text=level_text, stage_text=stage, terminated=stage == "终止",
            approved=approved_day,
            approved_style=date_style(rng, approved_month, ("excel", "iso", "cn")),
            planned_end=planned_day,
            planned_style=date_style(rng, planned_month, ("iso", "cn")),
            concluded=concluded_day,
            concluded_style=date_style(rng, False, ("excel", "iso", "cn")),
            source=source))


# -------------------------------------------------------------- the truth


def observation_counts(school: School, term: str) -> dict[str, int]:
    """Each roster teacher's count: Σ 节数 of log rows, else the summary value."""
    logged = logged_counts(school, term)
    summary = school.summaries.get(term, {})
    return {t.key: logged.get(t.key, summary.get(t.key, 0))
            for t in school.roster_for(term).teachers}


def paper_groups(school: School, paper: Paper) -> list[str]:
    """Groups of the paper's authors who are in the applicable roster."""
    roster = school.roster_for(paper.term)
    return sorted({roster.by_key[a].group for a in paper.authors if a in roster.by_key},
                  key=GROUPS.index)


def project_figures(school: School, term: Term, group: str | None) -> dict:
    roster = school.roster_for(term.id)
    figures = {"in_progress": 0, "new": 0, "concluded": 0, "overdue": 0,
               "by_level": dict.fromkeys(LEVELS, 0)}
    for project in school.projects:
        if group is not None and roster.by_key[project.leader].group != group:
            continue
        approved, concluded = project.approved, project.concluded
        in_progress = (approved is not None and approved <= term.end and not project.terminated
                       and not (concluded is not None and concluded < term.start))
        if in_progress:
            figures["in_progress"] += 1
            figures["by_level"][project.level] += 1
        if approved is not None and term.start <= approved <= term.end:
            figures["new"] += 1
        if concluded is not None and term.start <= concluded <= term.end:
            figures["concluded"] += 1
        if (project.planned_end is not None and project.planned_end < term.end
                and not (concluded is not None and concluded <= term.end)
                and not project.terminated):
            figures["overdue"] += 1
    return figures


def term_figures(school: School, term: Term, group: str | None) -> dict:
    roster = school.roster_for(term.id)
    teachers = [t for t in roster.teachers if group is None or t.group == group]
    counts = observation_counts(school, term.id)
    behind = []
    for teacher in teachers:
        quota = quota_of(teacher, term)
        if counts[teacher.key] < quota:
            behind.append({"name": teacher.key, "group": teacher.group,
                           "count": counts[teacher.key], "quota": quota})
    behind.sort(key=lambda row: (-(row["quota"] - row["count"]), row["name"]))
    by_group = {g: sum(counts[t.key] for t in teachers if t.group == g)
                for g in (GROUPS if group is None else (group,))}
    papers = [p for p in school.papers if p.term == term.id and paper_groups(school, p)
              and (group is None or group in paper_groups(school, p))]
    by_level = dict.fromkeys(LEVELS, 0)
    by_grade = dict.fromkeys(GRADES, 0)
    for paper in papers:
        by_level[paper.level] += 1
        by_grade[paper.grade] += 1
    return {
        "term": term.id,
        "teachers": len(teachers),
        "observations": {
            "total": sum(counts[t.key] for t in teachers),
            "by_group": by_group,
            "quota_met": len(teachers) - len(behind),
            "quota_teachers": len(teachers),
            "behind": behind,
        },
        "papers": {"total": len(papers), "by_level": by_level, "by_grade": by_grade},
        "projects": project_figures(school, term, group),
        **demo_open_lessons.figures(school, term, group),
        **demo_training.term_figures(school, term.id, group),
    }


def expected_figures(school: School) -> dict:
    return {term.id: {scope or "all": {**term_figures(school, term, scope), **demo_awards.expected(school, term.id, scope),
                                       **demo_mentoring.figures(school, term, scope)}
                      for scope in (None, *GROUPS)} for term in TERMS}


# ------------------------------------------------------------ file writing

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = "教务处"
    return workbook


def sheet_for(workbook: Workbook, title: str, first: bool):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    return sheet


def write_cell(sheet, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, XlDate):
        cell.value = datetime(value.day.year, value.day.month, value.day.day)
        cell.number_format = value.fmt
    else:
        cell.value = value


def merged_line(sheet, row: int, width: int, text: str, font: Font | None = None) -> None:
    sheet.cell(row=row, column=1, value=text)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if font is not None:
        sheet.cell(row=row, column=1).font = font
        sheet.cell(row=row, column=1).alignment = CENTER


def write_table(sheet, header: list[str], rows: list[list], *, titles: tuple[str, ...] = (),
                note: str | None = None, trailer: tuple[list, ...] = (),
                header_groups: tuple[tuple[str, int], ...] = (), blank_row: bool = True) -> None:
    """Title rows, optional note, a blank row, header (1 or 2 rows), data, trailer."""
    width = len(header)
    row = 1
    for text in titles:
        merged_line(sheet, row, width, text, TITLE_FONT)
        row += 1
    if note:
        merged_line(sheet, row, width, note)
        row += 1
    if blank_row:
        row += 1
    if header_groups:
        column = 1
        for label, span in header_groups:
            sheet.cell(row=row, column=column, value=label).font = BOLD
            sheet.cell(row=row, column=column).alignment = CENTER
            if span > 1:
                sheet.merge_cells(start_row=row, start_column=column,
                                  end_row=row, end_column=column + span - 1)
            column += span
        row += 1
    for column, label in enumerate(header, 1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font, cell.alignment = BOLD, CENTER
    row += 1
    for values in rows:
        for column, value in enumerate(values, 1):
            write_cell(sheet, row, column, value)
        row += 1
    for values in trailer:
        if len(values) == 1:
            merged_line(sheet, row, width, values[0])
        else:
            for column, value in enumerate(values, 1):
                write_cell(sheet, row, column, value)
        row += 1
    for column, label in enumerate(header, 1):
        wide = any(word in label for word in ("题目", "名称", "课题", "刊物", "成员"))
        sheet.column_dimensions[get_column_letter(column)].width = 36 if wide else 13


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save with fixed properties and zip timestamps: byte-identical runs."""
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    fixed = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "now" on save
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + fixed + rb"\g<2>", payload)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, payload)


def save_csv(path: Path, rows: list[list], encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["" if value is None else value for value in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))


# ------------------------------------------------------------ roster files

ROLE_NOTE = "备注：职务栏填写校级领导、中层干部、教研组长、备课组长、班主任，其余不填。"


def write_roster_2023(out: Path, roster: Roster) -> None:
    """Term only in the title; spaced headers; two-character names padded."""
    header = ["序号", "姓  名", "性别", "教 研 组", "任教学科", "职务", "出生年月", "参加工作时间", "职称"]
    rows = []
    for number, t in enumerate(roster.teachers, 1):
        rows.append([number, pad_two_char(t.key, "  "), t.gender, t.group, t.subject, t.role or None,
                     render_date(t.birth, t.birth_style), render_date(t.work_start, "dot_month"),
                     t.title])
    workbook = new_workbook()
    write_table(workbook.active, header, rows, titles=(f"{SCHOOL}2023学年第一学期教师名册",),
                trailer=([ROLE_NOTE],))
    workbook.active.title = "教师名册"
    save_workbook(workbook, out / "教师名册_2023学年第一学期.xlsx")


def write_roster_2024(rng: random.Random, out: Path, roster: Roster) -> None:
    """Two-row merged header; term in a 学期 column; full-width padding/brackets."""
    header = ["序号", "姓名", "性别", "教研组", "职务", "职称", "学期", "出生年月", "参加工作时间"]
    groups = (("基本信息", 4), ("任职信息", 3), ("个人信息", 2))
    rows = []
    for number, t in enumerate(roster.teachers, 1):
        name = full_width_brackets(t.key)
        if len(t.key) == 2 and rng.random() < 0.6:
            name = pad_two_char(t.key, "\u3000")
        birth_style = "excel" if t.birth_style == "iso" and rng.random() < 0.5 else t.birth_style
        rows.append([number, name, t.gender, t.group, t.role or None, t.title,
                     "2024~2025学年第一学期", render_date(t.birth, birth_style),
                     render_date(t.work_start, "excel_month")])
    workbook = new_workbook()
    write_table(workbook.active, header, rows, titles=(f"{SCHOOL}教职工花名册",),
                note="填表说明：姓名与身份证一致；出生年月可只填到月；职务只填校级领导、中层干部及教研组长等。",
                header_groups=groups)
    workbook.active.title = "花名册"
    save_workbook(workbook, out / "教职工花名册_2024学年.xlsx")


# ------------------------------------------------------- observation files


def lesson_cells(rng: random.Random, lesson: Lesson, date_styles: tuple[str, ...],
                 compact_class: bool = False) -> dict[str, object]:
    """One lesson rendered as cells, keyed by field."""
    if lesson.matched:
        observer = render_log_name(rng, lesson.observer, 0.12)
    else:
        observer = lesson.observer
    class_name = lesson.class_name.replace("(", "").replace(")", "") if compact_class \
        else lesson.class_name
    lessons = 2 if lesson.lessons == 2 else (1 if rng.random() < 0.3 else None)
    return {
        "date": render_date(lesson.day, rng.choice(date_styles)),
        "observer": observer,
        "teacher": render_log_name(rng, lesson.teacher, 0.05),
        "subject": lesson.subject,
        "class": class_name,
        "period": f"第{lesson.period}节" if lesson.period else None,
        "lessons": lessons,
        "lesson_type": lesson.type_text or None,
    }


def sort_lessons(lessons: list[Lesson]) -> list[Lesson]:
    return sorted(lessons, key=lambda l: (l.day, l.period or 0, l.observer, l.teacher))


def term_lessons(school: School, term: str, group: str | None = None) -> list[Lesson]:
    return sort_lessons([l for l in school.lessons if l.term == term
                         and (group is None or l.sheet_group == group)])


def pick(cells: dict, fields: tuple[str, ...]) -> list:
    return [cells[name] for name in fields]


def write_obs_t1(rng: random.Random, out: Path, school: School) -> None:
    """Sheets per group; 英语组 came separately as a GBK CSV."""
    header = ["序号", "日期", "听 课 人", "授课教师", "学科", "班级", "节次", "听课\n节数"]
    fields = ("date", "observer", "teacher", "subject", "class", "period", "lessons")
    workbook = new_workbook()
    for index, group in enumerate(g for g in GROUPS if g != "英语组"):
        rows = [[n, *pick(lesson_cells(rng, lesson, ("excel", "excel", "dot")), fields)]
                for n, lesson in enumerate(term_lessons(school, T1, group), 1)]
        write_table(sheet_for(workbook, group, index == 0), header, rows,
                    titles=(f"{SCHOOL}2023学年第一学期听课记录", f"教研组：{group}"))
    save_workbook(workbook, out / "2023学年第一学期听课记录.xlsx")
    rows = [[f"{SCHOOL}2023学年第一学期英语组听课记录"],
            ["日期", "听课人", "授课教师", "学科", "班级", "节次", "节数"]]
    for lesson in term_lessons(school, T1, "英语组"):
        rows.append(pick(lesson_cells(rng, lesson, ("iso",)), fields))
    save_csv(out / "英语组听课记录_2023学年第一学期.csv", rows, "gbk")


def write_obs_t2(rng: random.Random, out: Path, school: School) -> None:
    """One sheet, no 节次; 小计 after every group, then 合计 and 备注."""
    header = ["序号", "听课时间", "听课教师", "执教教师", "科目", "上课班级", "节数"]
    fields = ("date", "observer", "teacher", "subject", "class", "lessons")
    rows, number, total = [], 0, 0
    for group in GROUPS:
        lessons = term_lessons(school, T2, group)
        if not lessons:
            continue
        for lesson in lessons:
            number += 1
            rows.append([number, *pick(lesson_cells(rng, lesson, ("cn", "excel_cn")), fields)])
        subtotal = sum(l.lessons for l in lessons)
        total += subtotal
        rows.append(["小计", f"{group}共{len(lessons)}条", None, None, None, None, subtotal])
    workbook = new_workbook()
    workbook.active.title = "听课登记"
    write_table(workbook.active, header, rows, titles=(f"{SCHOOL}2023-2024学年第二学期听课登记表",),
                note="填表说明：每听一节课登记一行；连堂课节数填2，其余可不填。",
                trailer=(["合计", None, None, None, None, None, total],
                         ["备注：艺体组、综合组本学期未交听课记录明细，听课节数见听课统计表。"]))
    save_workbook(workbook, out / "2023-2024学年第二学期听课登记表.xlsx")


def write_obs_summary_t2(out: Path, school: School) -> None:
    """Per-teacher totals of 2023-2024学年第二学期, with a 合计 row."""
    roster = school.roster_for(T2)
    summary = school.summaries[T2]
    rows = [[n, pad_two_char(t.key, " "), t.group, summary[t.key]]
            for n, t in enumerate(roster.teachers, 1)]
    workbook = new_workbook()
    workbook.active.title = "统计"
    write_table(workbook.active, ["序号", "姓名", "教研组", "听课\n节数"], rows,
                titles=(f"{SCHOOL}2023-2024学年第二学期听课统计",),
                trailer=(["合计", None, None, sum(summary.values())],))
    save_workbook(workbook, out / "2023-2024学年第二学期听课统计.xlsx")


def write_obs_t3(rng: random.Random, out: Path, school: School) -> None:
    """Sheets per group, no 节数 column; two rows are entered twice."""
    header = ["日期", "听课人", "上课老师", "学科", "班级", "节次"]
    fields = ("date", "observer", "teacher", "subject", "class", "period")
    duplicated = []
    workbook = new_workbook()
    for index, group in enumerate(GROUPS):
        lessons = term_lessons(school, T3, group)
        rows = [pick(lesson_cells(rng, lesson, ("dot", "slash"), compact_class=True), fields)
                for lesson in lessons]
        if group == "语文组":  # pasted twice in a row
            position = next(i for i in range(len(rows) // 3, len(rows)) if lessons[i].matched)
            rows.insert(position + 1, list(rows[position]))
            duplicated.append(lessons[position])
        if group == "科学组":  # typed again later, date written differently
            position = next(i for i in range(5, len(rows)) if lessons[i].matched
                            and "." in rows[i][0])
            copy = list(rows[position])
            copy[0] = copy[0].replace(".", "/").replace("/0", "/")
            rows.insert(len(rows) - 3, copy)
            duplicated.append(lessons[position])
        write_table(sheet_for(workbook, group, index == 0), header, rows,
                    titles=(f"{SCHOOL}2024学年第一学期听课记录", f"（{group}）"))
    save_workbook(workbook, out / "2024学年第一学期听课记录.xlsx")
    school.facts["dup_in_file"] = duplicated


def write_obs_t4(rng: random.Random, out: Path, school: School) -> None:
    """One sheet (xlsx) plus a late 数学组 supplement as UTF-8-BOM CSV."""
    fields = ("date", "observer", "teacher", "subject", "class", "period", "lessons", "lesson_type")
    lessons = term_lessons(school, T4)
    math = [l for l in lessons if l.sheet_group == "数学组" and l.matched]
    late = {id(l) for l in rng.sample(math, len(math) // 5)}
    math_ids = {id(l) for l in math}
    main_rows, late_rows = [], []
    repeat = None
    for lesson in lessons:
        if id(lesson) in late:
            late_rows.append(pick(lesson_cells(rng, lesson, ("slash",)), fields))
            continue
        cells = lesson_cells(rng, lesson, ("excel", "excel", "iso"))
        if repeat is None and id(lesson) in math_ids and lesson.lessons == 1 and len(main_rows) > 40:
            cells.update(observer=lesson.observer, teacher=lesson.teacher, lessons=None)
            repeat = (lesson, cells)
        main_rows.append(pick(cells, fields))
    lesson, _ = repeat
    csv_copy = lesson_cells(rng, lesson, ("slash",))
    csv_copy.update(observer=lesson.observer, teacher=lesson.teacher, lessons=None)
    late_rows.insert(len(late_rows) // 2, pick(csv_copy, fields))
    school.facts["dup_cross_file"] = (lesson.day.isoformat(), lesson.observer, lesson.teacher,
                                      lesson.class_name, lesson.period)
    workbook = new_workbook()
    workbook.active.title = "听课记录"
    write_table(workbook.active, ["序号", "日期", "听课教师", "授课教师", "学科", "班级", "节次", "节数", "课型"],
                [[n, *row] for n, row in enumerate(main_rows, 1)],
                titles=(f"{SCHOOL}2025春听课记录汇总",),
                note="填表说明：节次填“第几节”；连堂课节数填2，其余可不填。")
    save_workbook(workbook, out / "2025春听课记录汇总.xlsx")
    save_csv(out / "数学组听课记录补录_2025春.csv",
             [["日期", "听课人", "授课教师", "学科", "班级", "节次", "节数", "课型"], *late_rows], "utf-8-sig")


# ------------------------------------------------------------- paper files


def author_cell(rng: random.Random, paper: Paper) -> str:
    separator = "、" if len(paper.authors) == 1 or rng.random() < 0.7 else " "
    return separator.join(full_width_brackets(a) for a in paper.authors)


def group_cell(school: School, paper: Paper) -> str | None:
    roster = school.roster_for(paper.term)
    first = paper.authors[0]
    return roster.by_key[first].group if first in roster.by_key else None


def papers_in(school: School, source: str) -> list[Paper]:
    return [p for p in school.papers if p.source == source]


def write_papers_t1(rng: random.Random, out: Path, school: School) -> None:
    """获奖级别 in many spellings; 2 rows without a date fall back to the title's term."""
    header = ["序号", "论文题目", "作者", "教 研 组", "获奖级别", "获奖时间"]
    rows = []
    for n, paper in enumerate(papers_in(school, "p1"), 1):
        award = paper.award_spelling or award_text(
            rng, paper.level, paper.grade, ("full", "short", "suffix"))
        rows.append([n, paper.title, author_cell(rng, paper), group_cell(school, paper), award,
                     render_date(paper.when, rng.choice(("dot", "cn", "excel", "iso")))])
    workbook = new_workbook()
    workbook.active.title = "论文获奖"
    write_table(workbook.active, header, rows,
                titles=(SCHOOL, "2023学年第一学期教师论文获奖汇总"),
                note="填表说明：多位作者用“、”隔开；获奖级别请写明级别和等次。")
    save_workbook(workbook, out / "2023学年第一学期论文获奖汇总.xlsx")


def write_papers_t2(rng: random.Random, out: Path, school: School) -> None:
    """One sheet per group (first author's group), columns 教师 / 奖项 / 时间."""
    header = ["序号", "论文题目", "教师", "奖项", "时间"]
    papers = papers_in(school, "p2")
    workbook = new_workbook()
    for index, group in enumerate(GROUPS):
        mine = [p for p in papers if group_cell(school, p) == group]
        rows = [[n, p.title, author_cell(rng, p),
                 award_text(rng, p.level, p.grade, ("full",)),
                 render_date(p.when, rng.choice(("excel", "cn", "slash")))]
                for n, p in enumerate(mine, 1)]
        trailer = (["小计", None, None, f"{len(mine)}篇", None],)
        if group == GROUPS[-1]:
            trailer += (["备注：同一论文有多位作者的，只在第一作者所在教研组登记。"],)
        write_table(sheet_for(workbook, group, index == 0), header, rows,
                    titles=(f"{SCHOOL}2023学年第二学期论文获奖汇总（{group}）",), trailer=trailer)
    save_workbook(workbook, out / "2023学年第二学期论文获奖汇总.xlsx")


def write_papers_district(rng: random.Random, out: Path, school: School) -> None:
    """Level only in the title; 奖次 is a bare 一/二/三; other schools included."""
    numerals = {"一等奖": "一", "二等奖": "二", "三等奖": "三"}
    papers = sorted(papers_in(school, "p3"), key=lambda p: (numerals[p.grade] != "一",
                                                           numerals[p.grade] != "二", p.unit))
    rows = [[n, p.unit, author_cell(rng, p), p.title, numerals[p.grade],
             render_date(p.when, "dot")] for n, p in enumerate(papers, 1)]
    workbook = new_workbook()
    workbook.active.title = "获奖名单"
    write_table(workbook.active, ["序号", "单位", "作者", "论文题目", "奖次", "获奖时间"], rows,
                titles=("2024年区论文评比获奖名单",), blank_row=False)
    save_workbook(workbook, out / "2024年区论文评比获奖名单.xlsx")


def write_publications(rng: random.Random, out: Path, school: School) -> None:
    """Published papers: 级别 is 省级/国家级, the grade is 发表."""
    rows = [[n, p.title, author_cell(rng, p), p.journal,
             render_date(p.when, rng.choice(("cn_month", "dot_month", "excel_month"))), p.level]
            for n, p in enumerate(sorted(papers_in(school, "p4"), key=lambda p: p.when), 1)]
    workbook = new_workbook()
    workbook.active.title = "论文发表"
    write_table(workbook.active, ["序号", "题目", "作者", "刊物名称", "发表时间", "级别"], rows,
                titles=(f"{SCHOOL}教师论文发表情况登记表",))
    save_workbook(workbook, out / "教师论文发表登记表.xlsx")


def write_papers_2024(rng: random.Random, out: Path, school: School) -> None:
    """A 学期 column (it decides the term), 作者 / 等级 columns."""
    spellings = {T3: ("2024学年第一学期",), T4: ("2025春", "2024-2025学年第二学期")}
    rows = []
    for n, p in enumerate(sorted(papers_in(school, "p5"), key=lambda p: (p.term, p.when)), 1):
        p.term_text = rng.choice(spellings[p.term])
        rows.append([n, p.term_text, p.title, author_cell(rng, p),
                     award_text(rng, p.level, p.grade, ("full", "short", "suffix")),
                     render_date(p.when, rng.choice(("cn", "excel", "iso")))])
    workbook = new_workbook()
    workbook.active.title = "2024学年"
    write_table(workbook.active, ["序号", "学期", "论文题目", "作者", "等级", "获奖时间"], rows,
                titles=(f"{SCHOOL}2024学年论文获奖统计",))
    save_workbook(workbook, out / "2024学年论文获奖统计.xlsx")


# ----------------------------------------------------------- project files


def project_row(rng: random.Random, n: int, project: Project) -> list:
    separator = "、" if rng.random() < 0.75 else " "
    return [n, project.title, project.leader, separator.join(project.members),
            project.level_text, project.stage_text,
            render_date(project.approved, project.approved_style),
            render_date(project.planned_end, project.planned_style),
            render_date(project.concluded, project.concluded_style)]


def write_projects(rng: random.Random, out: Path, school: School) -> None:
    common = ["课题组成员", "级别"]
    dates = ["立项时间", "计划结题时间", "结题时间"]
    ledger = [project_row(rng, n, p) for n, p in
              enumerate([p for p in school.projects if p.source == "k1"], 1)]
    workbook = new_workbook()
    workbook.active.title = "课题台账"
    write_table(workbook.active, ["序号", "课题名称", "负责人", *common, "状态", *dates], ledger,
                titles=(f"{SCHOOL}教科研课题管理台账",),
                note="填表说明：状态填在研、开题、中期检查通过、已结题、延期、终止、拟立项等；时间可只填到月。")
    save_workbook(workbook, out / "课题研究管理台账.xlsx")
    new = [project_row(rng, n, p) for n, p in
           enumerate([p for p in school.projects if p.source == "k2"], 1)]
    workbook = new_workbook()
    workbook.active.title = "新立项"
    write_table(workbook.active, ["序号", "课题名称", "主持人", *common, "阶段", *dates], new,
                titles=(SCHOOL, "2024学年新立项课题一览表"))
    save_workbook(workbook, out / "2024学年新立项课题一览表.xlsx")


# ------------------------------------------------------------ JSON, README


def write_expected(out: Path, figures: dict) -> None:
    text = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
    (out / "expected_figures.json").write_text(text, encoding="utf-8")


def readme_text(school: School, figures: dict) -> str:
    facts = school.facts
    moved, old_group, new_group = facts["moved"]
    mismatch = "；".join(f"{k}（明细 {log} 节，统计表 {summary} 节）" for k, log, summary
                         in facts["summary_mismatch"])
    on_leave, leave_group = facts["on_leave"]
    day, observer, teacher, class_name, period = facts["dup_cross_file"]
    outsiders = sum(1 for p in school.papers if p.unit != SCHOOL)
    counted = {tid: figures[tid]["all"]["papers"]["total"] for tid in TERMS_IDS}
    return f"""# 演示数据（{SCHOOL}）

由 `scripts/make_demo_data.py` 生成（固定随机种子，每次运行结果逐字节相同），请勿手工修改。
`expected_figures.json` 是生成器根据内部模型直接算出的标准答案（不是读回这些表格算的），
结构为 `学期 → all/各教研组 → 指标`。

## 文件与版式

| 文件 | 内容 | 版式特点 |
| --- | --- | --- |
| 教师名册_2023学年第一学期.xlsx | 名册（用于 2023-2024 两个学期），{len(school.rosters[0].teachers)} 人 | 学期只在标题里；表头“姓  名”“教 研 组”带空格；两字姓名中间加空格；出生年月混写（1988.05 / 1988年5月 / 198805 / 日期单元格 / 1988-05-12），3 人空白；末行“备注” |
| 教职工花名册_2024学年.xlsx | 名册（用于 2024-2025 两个学期），{len(school.rosters[1].teachers)} 人 | 两行表头（第一行“基本信息/任职信息/个人信息”合并单元格）；填表说明行；“学期”列为“2024~2025学年第一学期”；全角空格、全角括号 |
| 2023学年第一学期听课记录.xlsx | 听课明细 2023-2024-1 | 每个教研组一张工作表（英语组除外）；两行标题；表头“听 课 人”“听课\\n节数”；日期单元格与“2023.10.12”混用 |
| 英语组听课记录_2023学年第一学期.csv | 听课明细 2023-2024-1 英语组 | GBK 编码；首行是标题 |
| 2023-2024学年第二学期听课登记表.xlsx | 听课明细 2023-2024-2 | 单表，无节次列；同义表头（听课时间/听课教师/执教教师/上课班级）；日期“2024年3月12日”与日期单元格混用；各组“小计”行、“合计”行、末行“备注” |
| 2023-2024学年第二学期听课统计.xlsx | 每人听课节数汇总 2023-2024-2 | 学期只在标题里；“合计”行 |
| 2024学年第一学期听课记录.xlsx | 听课明细 2024-2025-1 | 每组一张表；表头“上课老师”；无节数列（全部按 1 节）；日期“2024.10.12”与“2024/10/12”混用 |
| 2025春听课记录汇总.xlsx | 听课明细 2024-2025-2 | 学期写作“2025春”；单表；填表说明行；日期单元格与“2025-03-12”混用 |
| 数学组听课记录补录_2025春.csv | 数学组补录 2024-2025-2 | UTF-8 带 BOM；日期“2025/3/12” |
| 2023学年第一学期论文获奖汇总.xlsx | 论文 | 两行标题+说明行；“获奖级别”多种写法（省一等奖、省级一等、一等奖（省级）、市属级三等奖、区二、县级二等奖、国家级二等奖、校级优秀奖；“××级入选”记为“其他”）；2 条无获奖时间（按标题学期），1 条获奖时间在 2024 年 3 月（按日期归入 2023-2024-2） |
| 2023学年第二学期论文获奖汇总.xlsx | 论文 2023-2024-2 | 每组一张表（只登记在第一作者所在组）；列名“教师”“奖项”“时间”；“小计”行和“备注”行 |
| 2024年区论文评比获奖名单.xlsx | 区级评比 | 级别只在标题里（全部为区县级）；“奖次”列只写一/二/三；含 {outsiders} 条外校作者的记录（有“单位”列，不计入） |
| 教师论文发表登记表.xlsx | 论文发表 | 列“题目/作者/刊物名称/发表时间/级别”；级别为省级/国家级，等次一律为“发表”；发表时间只到月 |
| 2024学年论文获奖统计.xlsx | 论文 2024-2025 | “学期”列（2024学年第一学期 / 2025春 / 2024-2025学年第二学期）决定学期；列名“作者”“等级” |
| 课题研究管理台账.xlsx | 课题 | 列“负责人”“状态”；状态写法：在研、已结题、中期检查通过、拟立项、延期、终止、开题；级别写法：省级规划课题、市级、区级、区级重点课题、校级、国家级；时间混写（“2023年3月”=当月1日） |
| 2024学年新立项课题一览表.xlsx | 课题 | 列“主持人”“阶段” |
{demo_open_lessons.readme_rows(school)}

多位作者/成员在同一单元格中用“、”或空格分隔。

## 有意设置的异常

- 重复听课记录共 3 条（同日期、听课人、授课教师、班级、节次，只算一次）：2 条在“2024学年第一学期听课记录.xlsx”内部（语文组表连续粘贴 1 条；科学组表重复录入 1 条，日期写法不同）；1 条跨文件：补录 CSV 重复了汇总表中的一条（{day} {observer} 听 {teacher} {class_name} 第{period}节）。
- 不匹配的听课人 7 条，不计数：外校教师 5 条（{"、".join(VISITORS)}，2023-2024-1 两条、2024-2025-1 三条）；2025春有 2 条听课人只写“{AMBIGUOUS_NAME}”，名册中有 王莉(大)（{TWIN_NAMES["王莉(大)"]}）和 王莉(小)（{TWIN_NAMES["王莉(小)"]}），无法确定是谁。
- 2023-2024-2：{"、".join(T2_SUMMARY_ONLY_GROUPS)} 没有听课明细，节数取自听课统计表；另有 2 人统计表与明细不一致，以明细为准：{mismatch}。
- 名册变化：2024学年离校 3 人（{"、".join(facts["left"])}），新进 4 人（{"、".join(facts["joined"])}），{moved} 从{old_group}调到{new_group}。
- 2025春 {on_leave}（{leave_group}）休产假，没有任何听课记录，听课节数为 0。
- 论文：2024学年统计表中 1 条作者仅为已离校教师（{facts["left"][0]}），按 2024-2025 名册不计入；1 条“学期”写第一学期、获奖时间为 {facts["late_award"]}，按“学期”列归入 2024-2025-1。按学期计入的论文数：{"，".join(f"{k} {v} 篇" for k, v in counted.items())}。
- 课题：1 项终止（不算在研、不算逾期）；2 项“拟立项”无立项时间（不算在研）；每学期 2–3 项逾期未结题。

## 口径说明

- 只写到年月的日期按当月 1 日处理；年龄 = 学期第一天的周岁。
- 听课任务（先匹配者优先）：校长/副校长/主任/副主任 20 节；教研组长 15 节；35 岁以下 20 节；其他 10 节。
  {YOUNG_GROUP_HEAD}教研组长未满 35 岁，按教研组长计 15 节；名册出生年月空白的 3 位教师年龄未知，按“其他”计 10 节。
  班主任、备课组长不是领导职务。
- 某学期适用的名册：学期不晚于该学期的最新名册。
"""


# --------------------------------------------------------------------- main


def build_school() -> School:
    rng = random.Random(SEED)
    taken = set(VISITORS) | {AMBIGUOUS_NAME}
    first = build_first_roster(rng, taken)
    assign_classes(rng, first)
    facts: dict = {}
    second = build_second_roster(rng, first, taken, facts)
    school = School([Roster(T1, first), Roster(T3, second)], facts=facts)
    generate_observations(random.Random(f"{SEED}-observations"), school)
    generate_papers(random.Random(f"{SEED}-papers"), school)
    generate_projects(random.Random(f"{SEED}-projects"), school)
    demo_open_lessons.build(school)
    return school


def write_files(school: School, out: Path) -> None:
    rng = random.Random(f"{SEED}-render")
    write_roster_2023(out, school.rosters[0])
    write_roster_2024(rng, out, school.rosters[1])
    write_obs_t1(rng, out, school)
    write_obs_t2(rng, out, school)
    write_obs_summary_t2(out, school)
    write_obs_t3(rng, out, school)
    write_obs_t4(rng, out, school)
    write_papers_t1(rng, out, school)
    write_papers_t2(rng, out, school)
    write_papers_district(rng, out, school)
    write_publications(rng, out, school)
    write_papers_2024(rng, out, school)
    write_projects(rng, out, school)
    demo_open_lessons.write_files(school, out)
    demo_awards.write_files(school, out)
    demo_mentoring.write_files(school, out)
    demo_training.write_files(school, out)


def main() -> None:
    parser = argparse.ArgumentParser(description="生成演示学校的表格与标准答案")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出目录（默认 data/demo）")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    school = build_school()
    write_files(school, out)
    figures = expected_figures(school)
    write_expected(out, figures)
    (out / "README.md").write_text(readme_text(school, figures) + demo_awards.readme(school)
                                  + demo_mentoring.readme_section(school)
                                  + demo_training.readme_section(school, figures), encoding="utf-8")
    print(f"已生成演示数据：{out}")


if __name__ == "__main__":
    main()
