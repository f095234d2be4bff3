"""The demo school's 培训学时 and 教研活动: a model drawn from its own random generator, the files a
school office would send (messy layouts, one form-tool export each), and the golden figures
computed from the model (never by reading the files back).

``make_demo_data`` calls :func:`write_files`, :func:`term_figures` and :func:`readme_section`.
The randomness is ``random.Random(f"{SEED}-training")`` only, so the other demo files stay
byte-identical.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import make_demo_data as base

LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
TARGET = 72  # data/training_rules.toml: 72 学时 per 学年 for everyone
NINETY = 90
CREDIT_HOURS = 10
PLANNED = 20 // 2  # data/activity_rules.toml: 20 teaching weeks, every two weeks
LOW = 0.8

PROJECTS = {
    "国家级": ("国家智慧教育平台暑期教师研修", "“国培计划”骨干教师网络研修"),
    "省级": ("浙江省中小学教师专业发展培训", "省新课程新教材实施专题培训"),
    "市级": ("市学科带头人高级研修班", "市新课标解读专题培训", "市班主任能力提升培训"),
    "区县级": ("区教研员专题讲座", "区青年教师成长营", "区信息技术应用能力提升培训"),
    "校级": ("校本研修：作业设计", "校本研修：大单元教学", "校本研修：课堂观察"),
}
NINETY_PROJECT = ("浙江省中小学教师90学时集中培训", "省级")
TYPES = {"国家级": "网络", "省级": "集中", "市级": "集中", "区县级": "网络", "校级": "校本"}
TOPICS = ("新学期教学计划研讨", "集体备课：单元整体设计", "公开课磨课", "作业设计研讨", "期中质量分析", "课例研讨",
          "读书分享会", "命题研究", "信息技术与学科融合", "复习课教学研讨", "期末复习策略", "青年教师汇报课评议")


@dataclass
class Training:
    teachers: list[str]  # roster keys (several: a 校本 training written in one row)
    project: str
    level: str
    start: date
    end: date
    hours: int | None  # None: the file leaves 学时 blank (reported, counted for nobody)
    file: str


@dataclass
class Activity:
    group: str
    day: date
    topic: str
    host: str
    attended: set[str]
    members: set[str]
    term: str


@dataclass
class Model:
    trainings: list[Training] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    outsiders: int = 0
    blank_hours: str = ""
    spanning: str = ""
    other_group_activities: int = 0


_MODELS: dict[int, Model] = {}


def model(school) -> Model:
    """The model of the school's trainings and activities (built once per school)."""
    if id(school) not in _MODELS:
        _MODELS[id(school)] = _build(school, random.Random(f"{base.SEED}-training"))
    return _MODELS[id(school)]


def _term_of(day: date) -> str:
    if day.month >= 9:
        return f"{day.year}-{day.year + 1}-1"
    if day.month == 1:
        return f"{day.year - 1}-{day.year}-1"
    return f"{day.year - 1}-{day.year}-2"


FILES = {"2023-2024": "2023学年教师培训学时登记表.xlsx", "2024-2025-1": "2024学年继续教育学分登记.xlsx",
         "2024-2025-2": "培训登记_问卷导出_2025春.xlsx"}


def _file_for(term: str) -> str:
    return FILES["2023-2024"] if term.startswith("2023") else FILES[term]


def _build(school, rng: random.Random) -> Model:
    found = Model()
    for term in base.TERMS:
        roster = school.roster_for(term.id)
        keys = [teacher.key for teacher in roster.teachers]
        credits_file = term.id == "2024-2025-1"
        for key in keys:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
                level = rng.choice(LEVELS)
                start = base.random_day(rng, term.lessons_from, term.lessons_to - timedelta(days=5))
                hours = (rng.choice((1, 1.5, 2, 3)) * CREDIT_HOURS if credits_file
                         else rng.choice((6, 8, 12, 16, 24, 30, 40)))
                found.trainings.append(Training([key], rng.choice(PROJECTS[level]), level, start,
                                                start + timedelta(days=rng.choice((0, 1, 2, 4))), int(hours),
                                                _file_for(term.id)))
        for key in rng.sample(keys, 4):  # a few 90学时 trainings each term
            start = base.random_day(rng, term.lessons_from, term.lessons_to - timedelta(days=14))
            found.trainings.append(Training([key], NINETY_PROJECT[0], NINETY_PROJECT[1], start,
                                            start + timedelta(days=12), NINETY, _file_for(term.id)))
        if term.id.startswith("2023"):  # 校本 trainings of a whole group, written in one row
            for group in rng.sample(base.GROUPS, 3):
                members = [t.key for t in roster.teachers if t.group == group]
                start = base.random_day(rng, term.lessons_from, term.lessons_to)
                found.trainings.append(Training(members, f"{group}校本研修：课例研究", "校级", start, start, 6,
                                                _file_for(term.id)))
        _activities(rng, found, school, term)
    # a training from January into February belongs to the spring term (its end date)
    spanning = next(t for t in found.trainings if t.file == FILES["2023-2024"] and len(t.teachers) == 1
                    and t.hours is not None and _term_of(t.end) == "2023-2024-1")
    spanning.start, spanning.end = date(2024, 1, 22), date(2024, 2, 20)
    found.spanning = spanning.teachers[0]
    blank = next(t for t in found.trainings if t.file == FILES["2023-2024"] and len(t.teachers) == 1
                 and t.project != NINETY_PROJECT[0] and t is not spanning)
    blank.hours = None
    found.blank_hours = blank.teachers[0]
    return found


def _activities(rng: random.Random, found: Model, school, term) -> None:
    roster = school.roster_for(term.id)
    for group in base.GROUPS:
        members = [t.key for t in roster.teachers if t.group == group]
        if not members:
            continue
        held = rng.choice((7, 8, 9, 10, 10, 10, 11))
        days = sorted(rng.sample(range(0, (term.lessons_to - term.lessons_from).days, 7), held))
        keen = {key: rng.choice((1.0, 0.95, 0.9, 0.9, 0.85, 0.6)) for key in members}
        for number, offset in enumerate(days):
            day = term.lessons_from + timedelta(days=offset + rng.randrange(5))
            host = rng.choice(members)
            attended = {key for key in members if key == host or rng.random() < keen[key]}
            found.activities.append(Activity(group, day, TOPICS[(number + rng.randrange(3)) % len(TOPICS)] + f"（{number + 1}）",
                                             host, attended, set(members), term.id))


# ------------------------------------------------------------------- figures

def _year_terms(term: str) -> tuple[str, ...]:
    year = term.rsplit("-", 1)[0]
    return (f"{year}-1",) if term.endswith("-1") else (f"{year}-1", f"{year}-2")


def _number(value: float):
    value = round(float(value), 1)
    return int(value) if value == int(value) else value


def term_figures(school, term: str, group: str | None) -> dict:
    """The ``training`` and ``activities`` keys of the figures JSON for one term (and group)."""
    found = model(school)
    roster = school.roster_for(term)
    teachers = [t for t in roster.teachers if group is None or t.group == group]
    keys = {t.key for t in teachers}
    in_year = _year_terms(term)
    hours_term: dict[str, float] = dict.fromkeys(keys, 0)
    hours_year: dict[str, float] = dict.fromkeys(keys, 0)
    ninety: set[str] = set()
    by_level = dict.fromkeys(LEVELS, 0)
    for training in found.trainings:
        when = _term_of(training.end)
        if when not in in_year or training.hours is None:
            continue
        for key in training.teachers:
            if key not in keys:
                continue
            hours_year[key] += training.hours
            if training.hours >= NINETY:
                ninety.add(key)
            if when == term:
                hours_term[key] += training.hours
                by_level[training.level] += training.hours
    behind = [{"name": t.key, "group": t.group, "hours": _number(hours_year[t.key]), "target": TARGET}
              for t in teachers if hours_year[t.key] < TARGET]
    behind.sort(key=lambda row: (-(row["target"] - row["hours"]), row["name"]))
    total = sum(hours_term.values())
    groups = sorted({t.group for t in teachers})
    held = {g: [a for a in found.activities if a.term == term and a.group == g] for g in groups}
    low = []
    for teacher in teachers:
        mine = held[teacher.group]
        attended = sum(teacher.key in a.attended for a in mine)
        if mine and attended / len(mine) < LOW:
            low.append({"name": teacher.key, "group": teacher.group, "attended": attended, "held": len(mine)})
    low.sort(key=lambda row: (-(row["held"] - row["attended"]), row["name"]))
    return {
        "training": {
            "hours_term": _number(total), "hours_year": _number(sum(hours_year.values())),
            "hours_per_teacher": round(total / len(teachers), 1) if teachers else 0.0,
            "target_met": len(teachers) - len(behind), "target_teachers": len(teachers), "behind": behind,
            "ninety_hour_teachers": len(ninety), "by_level": {level: _number(v) for level, v in by_level.items()},
        },
        "activities": {
            "held": sum(len(rows) for rows in held.values()), "planned": PLANNED * len(groups),
            "by_group": {g: {"held": len(held[g]), "planned": PLANNED} for g in groups},
            "low_attendance": low,
        },
    }


# --------------------------------------------------------------------- files

def _dot(day: date) -> str:
    return f"{day.year}.{day.month}.{day.day}"


def _span(training: Training) -> str:
    if training.start == training.end:
        return _dot(training.start)
    if training.start.year == training.end.year:
        return f"{_dot(training.start)}-{training.end.month}.{training.end.day}"
    return f"{_dot(training.start)}-{_dot(training.end)}"


def write_files(school, out: Path) -> None:
    rng = random.Random(f"{base.SEED}-training-render")
    found = model(school)
    _training_2023(rng, out, school, found)
    _training_credits(rng, out, school, found)
    _training_form(rng, out, found)
    _activities_2023(rng, out, school, found)
    _activities_sign_in(rng, out, found)
    _activities_form(rng, out, found)


def _sorted(trainings: list[Training]) -> list[Training]:
    return sorted(trainings, key=lambda t: (t.end, t.teachers[0], t.project))


def _training_2023(rng, out: Path, school, found: Model) -> None:
    """One sheet per 教研组 (by the first teacher's group), 起止日期 as text, a 合计 row per sheet."""
    book = base.new_workbook()
    groups = {t.key: t.group for roster in school.rosters[:1] for t in roster.teachers}
    rows = [t for t in found.trainings if t.file == FILES["2023-2024"]]
    visitor = Training([base.VISITORS[0]], "市新课标解读专题培训", "市级", date(2023, 11, 3), date(2023, 11, 3), 8,
                       FILES["2023-2024"])
    found.outsiders = 1
    for index, group in enumerate(base.GROUPS):
        mine = _sorted([t for t in rows if groups[t.teachers[0]] == group] + ([visitor] if index == 0 else []))
        table = []
        for number, training in enumerate(mine, 1):
            names = "、".join(training.teachers)
            hours = training.hours if training.hours is None or rng.random() < 0.8 else f"{training.hours}学时"
            table.append([number, names, training.project, training.level, TYPES[training.level], _span(training),
                          hours])
        total = sum(t.hours or 0 for t in mine)
        sheet = base.sheet_for(book, group, index == 0)
        base.write_table(sheet, ["序号", "姓名", "培训项目", "级别", "培训形式", "起止日期", "学时"], table,
                         titles=(f"{base.SCHOOL}2023学年教师培训学时登记表",), trailer=(["合计", "", "", "", "", "", total],))
    base.save_workbook(book, out / FILES["2023-2024"])


def _training_credits(rng, out: Path, school, found: Model) -> None:
    """A 继续教育 register in 学分, with 开始/结束 date cells and two title rows."""
    book = base.new_workbook()
    sheet = base.sheet_for(book, "学分登记", True)
    rows = []
    for number, training in enumerate(_sorted([t for t in found.trainings if t.file == FILES["2024-2025-1"]]), 1):
        key = training.teachers[0]
        name = base.pad_two_char(key, "  ") if rng.random() < 0.3 else key
        credits = training.hours / CREDIT_HOURS
        rows.append([number, name, training.project, training.level, TYPES[training.level],
                     base.XlDate(training.start), base.XlDate(training.end), int(credits) if credits == int(credits) else credits])
    base.write_table(sheet, ["序号", "姓名", "培训项目", "项目级别", "培训类型", "开始日期", "结束日期", "学分"], rows,
                     titles=(f"{base.SCHOOL}教师继续教育学分登记表", "（2024学年第一学期）"),
                     note="说明：1学分折合10学时；90学时集中培训计9学分。")
    base.save_workbook(book, out / FILES["2024-2025-1"])


def _training_form(rng, out: Path, found: Model) -> None:
    """A questionnaire export: 提交人 is the teacher; no 姓名 column."""
    book = base.new_workbook()
    sheet = base.sheet_for(book, "Sheet1", True)
    header = ["序号", "提交答卷时间", "所用时间", "来源IP", "提交人", "培训项目名称", "培训级别", "培训类型", "培训开始日期",
              "培训结束日期", "获得学时"]
    rows = []
    for number, training in enumerate(_sorted([t for t in found.trainings if t.file == FILES["2024-2025-2"]]), 1):
        sent = training.end + timedelta(days=rng.randrange(1, 4))
        rows.append([number, f"{sent.isoformat()} {rng.randrange(8, 22):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}",
                     f"{rng.randrange(40, 300)}秒", f"10.12.{rng.randrange(1, 250)}.{rng.randrange(1, 250)}",
                     training.teachers[0], training.project, training.level, TYPES[training.level],
                     training.start.isoformat(), training.end.isoformat(), training.hours])
    base.write_table(sheet, header, rows, blank_row=False)
    base.save_workbook(book, out / FILES["2024-2025-2"])


def _activities_2023(rng, out: Path, school, found: Model) -> None:
    """2023学年: one sheet per 教研组 per term half, the attendees in one cell (、，or spaces), a 合计 row."""
    book = base.new_workbook()
    first = True
    for term in base.TERMS_IDS[:2]:
        for group in base.GROUPS:
            mine = sorted((a for a in found.activities if a.term == term and a.group == group), key=lambda a: a.day)
            separator = rng.choice(("、", "，", " "))
            rows = [[_dot(a.day), a.topic, a.host, separator.join(sorted(a.attended))] for a in mine]
            half = "上" if term.endswith("-1") else "下"
            sheet = base.sheet_for(book, f"{group}（{half}）", first)
            first = False
            base.write_table(sheet, ["日期", "活动主题", "主讲人", "参加人员"], rows,
                             titles=(f"{group}教研活动记录（{half}学期）",),
                             trailer=([f"合计：{len(rows)}次", "", "", ""],))
    base.save_workbook(book, out / "2023学年教研活动记录.xlsx")


def _activities_sign_in(rng, out: Path, found: Model) -> None:
    """2024-2025-1: a sign-in list, one row per attendee, date/group/topic written on the first row."""
    book = base.new_workbook()
    sheet = base.sheet_for(book, "签到汇总", True)
    rows = []
    mine = sorted((a for a in found.activities if a.term == "2024-2025-1"), key=lambda a: (a.day, a.group))
    for activity in mine:
        spelled = activity.group.replace("组", "教研组") if rng.random() < 0.5 else activity.group
        for index, key in enumerate(sorted(activity.attended)):
            rows.append([base.XlDate(activity.day), spelled, activity.topic, activity.host, key] if index == 0
                        else [None, None, None, None, key])
    rows.append([base.XlDate(date(2024, 11, 20)), "行政组", "学期中行政例会", "校长办公室", "全体行政人员"])
    found.other_group_activities = 1
    base.write_table(sheet, ["日期", "教研组", "主题", "主持人", "签到教师"], rows,
                     titles=(f"{base.SCHOOL}2024学年第一学期教研组活动签到表",))
    base.save_workbook(book, out / "2024学年第一学期教研活动签到表.xlsx")


def _activities_form(rng, out: Path, found: Model) -> None:
    """2024-2025-2: a questionnaire export; only 缺席/请假 are listed (the others attended)."""
    book = base.new_workbook()
    sheet = base.sheet_for(book, "Sheet1", True)
    rows = []
    mine = sorted((a for a in found.activities if a.term == "2024-2025-2"), key=lambda a: (a.day, a.group))
    for number, activity in enumerate(mine, 1):
        absent = sorted(activity.members - activity.attended)
        sent = activity.day + timedelta(days=rng.randrange(0, 3))
        rows.append([number, f"{sent.isoformat()} {rng.randrange(15, 21):02d}:{rng.randrange(60):02d}:00",
                     f"{rng.randrange(60, 400)}秒", activity.host, activity.group, activity.day.isoformat(),
                     activity.topic, activity.host, "、".join(absent) if absent else "无"])
    base.write_table(sheet, ["序号", "提交时间", "所用时间", "提交人", "提交人部门", "活动日期", "活动主题", "主讲/主持",
                             "缺席/请假"], rows, blank_row=False)
    base.save_workbook(book, out / "教研活动登记_问卷导出_2025春.xlsx")


def readme_section(school, figures: dict) -> str:
    """The README's part on these files."""
    found = model(school)
    latest = figures[base.TERMS_IDS[-1]]["all"]
    training, activities = latest["training"], latest["activities"]
    return f"""
## 培训学时与教研活动（`scripts/demo_training.py`）

| 文件 | 内容 | 版式特点 |
| --- | --- | --- |
| {FILES["2023-2024"]} | 培训 2023-2024 学年 | 每组一张表（按第一位教师所在组）；“起止日期”写作“2023.10.8-10.12”；校本研修一行写全组教师姓名（“、”分隔）；部分学时写作“24学时”；每表末行“合计”；1 条学时空白（{found.blank_hours}，学时不明，不计入）；1 条外校教师（不计入）；{found.spanning} 的一次培训 2024.1.22-2024.2.20，按结束日期归入 2023-2024-2 |
| {FILES["2024-2025-1"]} | 培训 2024-2025-1 | 两行标题+说明行；只有“学分”（1 学分 = 10 学时）；开始/结束日期为日期单元格；两字姓名中间加空格 |
| {FILES["2024-2025-2"]} | 培训 2024-2025-2 | 问卷导出：没有姓名列，“提交人”即参训教师；提交答卷时间、所用时间、来源IP 不导入 |
| 2023学年教研活动记录.xlsx | 教研活动 2023-2024 两学期 | 每组每学期一张表（工作表名“语文组（上）”），没有教研组列；参加人员写在一格（、，或空格分隔）；末行“合计：N次” |
| 2024学年第一学期教研活动签到表.xlsx | 教研活动 2024-2025-1 | 每位签到教师一行，日期/教研组/主题只写在第一行；教研组有时写作“语文教研组”；1 条“行政组”活动不是教研组（不计入） |
| 教研活动登记_问卷导出_2025春.xlsx | 教研活动 2024-2025-2 | 问卷导出；教研组取“提交人部门”；只列缺席/请假（其余组员计为参加，“无”表示全员参加） |

口径：学年培训目标 {TARGET} 学时（data/training_rules.toml）；每组每学期计划教研活动 20 周 ÷ 2 = {PLANNED} 次，
出勤率低于 {LOW:.0%} 提醒（data/activity_rules.toml）。
{base.TERMS_IDS[-1]}（全校）：本学期培训 {training["hours_term"]} 学时，人均 {training["hours_per_teacher"]} 学时，
学年累计 {training["hours_year"]} 学时，{training["target_met"]}/{training["target_teachers"]} 人达到学年目标，
{training["ninety_hour_teachers"]} 人参加 90 学时培训；教研活动开展 {activities["held"]} 次（计划 {activities["planned"]} 次），
{len(activities["low_attendance"])} 人出勤率低于 {LOW:.0%}。
"""
