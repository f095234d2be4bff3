"""The demo school's open lessons (公开课): 课型 in part of the 2025春 听课 log, a 公开课 list, the truth.

Called from ``make_demo_data.py``: :func:`build` adds to the model (its own random generator, so every
other file and figure stays as it was), :func:`write_files` renders the list, :func:`figures` computes
the ``open_lessons`` and ``observed`` keys of ``expected_figures.json`` from the model, never by
reading the files back, following the rules of ``dashboard/open_lessons.py``:

- a lesson is (日期, 授课教师, 班级, 节次 where given), counted once across the list and the log;
- a log row is an open lesson when its 课型 names an open type (常态课/随堂课/推门课 do not);
- a teacher under 45 on the term's first day owes 1 open lesson a term, others none (unknown age: none);
- 被听课: a roster teacher some log row of the term names as 授课教师 was observed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

OFFSET = 13  # this part's generator: random.Random(SEED + OFFSET)
LESSON_TYPES = ("公开课", "示范课", "研究课", "汇报课", "观摩课", "一人一课", "其他")
#: how a 课型 cell is written -> the type it means (the generator's own copy of the rule)
OPEN_TEXTS = {"公开课": "公开课", "示范课": "示范课", "示范": "示范课", "研究课": "研究课", "研讨课": "研究课",
              "汇报课": "汇报课", "观摩课": "观摩课", "一人一课": "一人一课"}
ORDINARY_TEXTS = ("常态课", "随堂课", "推门课")
#: how a 级别 cell is written -> the level (blank: 级别不明)
LEVEL_TEXTS = {"校级": "校级", "全校": "校级", "区级": "区县级", "市级": "市级", "": None}
LIST_FILE = "2024学年第二学期公开课安排表.xlsx"
TOPICS = ("《背影》群文阅读", "函数的单调性", "Unit 3 Reading", "牛顿第二定律", "化学反应速率", "细胞的分裂",
          "全面依法治国", "辛亥革命", "季风气候", "合唱《茉莉花》", "篮球行进间运球", "Python 循环结构",
          "情绪管理", "整本书阅读《乡土中国》", "数列求和", "写作：学习描写景物")


@dataclass
class Listed:
    """One row of the 公开课 list (several teachers = one lesson each)."""

    day: date
    teachers: list[str]  # roster keys, or an outsider's name
    group: str
    topic: str
    class_name: str
    period: int | None
    type_text: str
    level_text: str


def _demo():
    import make_demo_data

    return make_demo_data


def build(school) -> None:
    """课型 on part of the 2025春 log; the 2025春 公开课 list (school.facts["open_lessons"])."""
    demo = _demo()
    rng = random.Random(demo.SEED + OFFSET)
    term = demo.TERM_BY_ID[demo.T4]
    roster = school.roster_for(demo.T4)
    lessons = [lesson for lesson in school.lessons if lesson.term == demo.T4]
    by_key: dict[tuple, list] = {}
    for lesson in lessons:
        by_key.setdefault((lesson.day, lesson.teacher, lesson.class_name, lesson.period), []).append(lesson)
    keys = list(by_key)
    opened = rng.sample(keys, 18)
    for key in opened:  # every log row of the lesson says the same 课型
        text = rng.choice(("公开课", "公开课", "示范课", "研讨课", "研究课", "汇报课", "一人一课", "观摩课"))
        for lesson in by_key[key]:
            lesson.type_text = text
    for key in keys:
        if key not in opened and rng.random() < 0.25:
            text = rng.choice(ORDINARY_TEXTS)
            for lesson in by_key[key]:
                lesson.type_text = text
    same_day_class = {}
    for day, teacher, class_name, _ in keys:
        same_day_class[(day, teacher, class_name)] = same_day_class.get((day, teacher, class_name), 0) + 1
    listed: list[Listed] = []
    for key in opened[:8]:  # in the list as well: one lesson each
        day, teacher, class_name, period = key
        blank_period = same_day_class[(day, teacher, class_name)] == 1 and rng.random() < 0.5
        text = by_key[key][0].type_text
        listed.append(Listed(day, [teacher], roster.by_key[teacher].group, rng.choice(TOPICS), class_name,
                             None if blank_period else period, "示范" if text == "示范课" and rng.random() < 0.5 else text,
                             rng.choice(list(LEVEL_TEXTS))))
    busy = {(day, teacher) for day, teacher, _, _ in keys}
    days = demo.school_days(term)
    hosts = [t for t in roster.teachers if t.key != school.facts["on_leave"][0]]

    def free_day(teachers) -> date:
        while True:
            day = rng.choice(days)
            if all((day, t.key) not in busy for t in teachers):
                busy.update((day, t.key) for t in teachers)
                return day

    for _ in range(14):
        teacher = rng.choice(hosts)
        listed.append(Listed(free_day([teacher]), [teacher.key], teacher.group, rng.choice(TOPICS),
                             rng.choice(teacher.classes), rng.randint(1, 7), rng.choice(list(OPEN_TEXTS)),
                             rng.choice(list(LEVEL_TEXTS))))
    for group in ("语文组", "数学组"):  # 同课异构: two teachers, one row, a lesson each
        pair = rng.sample([t for t in hosts if t.group == group], 2)
        listed.append(Listed(free_day(pair), [t.key for t in pair], group, rng.choice(TOPICS) + "（同课异构）",
                             rng.choice(pair[0].classes), rng.randint(1, 7), "研究课", "校级"))
    visitor = demo.VISITORS[0]  # a visiting teacher's 示范课: listed, in no roster, never counted
    listed.append(Listed(rng.choice(days), [visitor], "", rng.choice(TOPICS), rng.choice(hosts[0].classes),
                         rng.randint(1, 7), "示范课", "区级"))
    listed.sort(key=lambda row: (row.day, row.period or 0, row.teachers[0]))
    school.facts["open_lessons"] = listed


def write_files(school, out: Path) -> None:
    """The 公开课 list: one sheet per month with a title naming the term, 合计 rows, names padded,
    dates as date cells or "3月12日", 节次 sometimes blank, 课型 and 级别 in several spellings."""
    demo = _demo()
    rng = random.Random(demo.SEED + OFFSET + 1)
    workbook = demo.new_workbook()
    header = ["序号", "执教教师", "所在教研组", "课题", "开课日期", "班级", "节次", "课型", "级别"]
    months = sorted({row.day.month for row in school.facts["open_lessons"]})
    for index, month in enumerate(months):
        rows = []
        for row in (r for r in school.facts["open_lessons"] if r.day.month == month):
            names = "、".join(demo.pad_two_char(t, " ") if len(t) == 2 and rng.random() < 0.3 else t for t in row.teachers)
            when = demo.XlDate(row.day) if rng.random() < 0.6 else f"{row.day.month}月{row.day.day}日"
            class_name = demo.full_width_brackets(row.class_name) if rng.random() < 0.4 else row.class_name
            period = None if row.period is None else (f"第{row.period}节" if rng.random() < 0.5 else row.period)
            rows.append([len(rows) + 1, names, row.group or None, row.topic, when, class_name, period, row.type_text,
                         row.level_text or None])
        demo.write_table(demo.sheet_for(workbook, f"{month}月", index == 0), header, rows,
                         titles=(f"{demo.SCHOOL}2024-2025学年第二学期公开课安排（{month}月）",),
                         trailer=(["合计", f"共{sum(len(r.teachers) for r in school.facts['open_lessons'] if r.day.month == month)}节"],))
    demo.save_workbook(workbook, out / LIST_FILE)


def _lessons(school, term: str) -> dict[tuple, dict]:
    """The distinct open lessons of a term: (day, teacher, class) -> {period, type, level}."""
    found: dict[tuple, dict] = {}
    if term == _demo().T4:
        for row in school.facts["open_lessons"]:
            for teacher in row.teachers:
                found[(row.day, teacher, row.class_name, row.period)] = {
                    "type": OPEN_TEXTS[row.type_text], "level": LEVEL_TEXTS[row.level_text]}
    for lesson in school.lessons:
        if lesson.term != term or lesson.type_text not in OPEN_TEXTS:
            continue
        exact = (lesson.day, lesson.teacher, lesson.class_name, lesson.period)
        unstated = (lesson.day, lesson.teacher, lesson.class_name, None)
        if exact not in found and unstated not in found:
            found[exact] = {"type": OPEN_TEXTS[lesson.type_text], "level": None}
    return found


def figures(school, term, group: str | None) -> dict:
    """The ``open_lessons`` and ``observed`` keys of the figures for a term (and 教研组)."""
    demo = _demo()
    roster = school.roster_for(term.id)
    teachers = [t for t in roster.teachers if group is None or t.group == group]
    mine = {t.key for t in teachers}
    lessons = [value | {"teacher": key[1]} for key, value in _lessons(school, term.id).items() if key[1] in mine]
    counts = {t.key: sum(1 for lesson in lessons if lesson["teacher"] == t.key) for t in teachers}
    owing = [t for t in teachers if t.birth is not None and demo.age_on(t.birth, term.start) < 45]
    behind = sorted(({"name": t.key, "group": t.group, "count": counts[t.key], "quota": 1}
                     for t in owing if counts[t.key] < 1), key=lambda row: (row["count"] - row["quota"], row["name"]))
    hosts = {lesson.teacher for lesson in school.lessons if lesson.term == term.id}
    return {
        "open_lessons": {
            "total": len(lessons),
            "by_type": {kind: sum(1 for lesson in lessons if lesson["type"] == kind) for kind in LESSON_TYPES},
            "by_level": {level: sum(1 for lesson in lessons if lesson["level"] == level) for level in demo.LEVELS},
            "quota_met": len(owing) - len(behind),
            "quota_teachers": len(owing),
            "behind": behind,
        },
        "observed": {
            "teachers_observed": sum(1 for t in teachers if t.key in hosts),
            "never_observed": sorted(t.key for t in teachers if t.key not in hosts),
        },
    }


def readme_rows(school) -> str:
    """The README's table row for the list and the note on the log's 课型."""
    listed = school.facts["open_lessons"]
    both = sum(1 for row in listed if any(l.type_text in OPEN_TEXTS and (l.day, l.teacher, l.class_name) ==
                                          (row.day, row.teachers[0], row.class_name) for l in school.lessons))
    return (f"| {LIST_FILE} | 公开课 2024-2025-2，{len(listed)} 行 | 每月一张工作表；标题写学期；列名“执教教师”“开课日期”“所在教研组”；"
            f"日期单元格与“3月12日”混用；节次有时空白；课型写法含“示范”“研讨课”；级别写“全校/校级/区级/市级”或空白（级别不明）；"
            f"2 行同课异构（一格两位教师，各计一节）；1 行外校教师（不计入）；{both} 节同时出现在听课记录中（只计一次）；每表末“合计”行 |\n"
            "| 2025春听课记录汇总.xlsx、数学组听课记录补录_2025春.csv（课型） | 2024-2025-2 听课明细增加“课型”列 | "
            "18 节课写公开课/示范课/研讨课/研究课/汇报课/一人一课/观摩课（同时计为公开课），部分写常态课/随堂课/推门课（不是公开课），其余空白 |")
