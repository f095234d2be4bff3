"""The demo school's 师徒结对 and 个人任务: model, messy files, golden figures.

Called from ``make_demo_data.py`` (``write_files``, ``expected_figures``,
``main``); draws its randomness from its own ``random.Random(SEED + 14)`` so
the other demo files stay byte-identical.

Model.  Per 学年 (2023-2024 with the first roster, 2024-2025 with the second)
each 教研组 pairs two or three young teachers (under 35, no leading role)
with an experienced one of the same group (40 or older, or 高级 职称); a
mentor chosen most often is the one the young teacher observed most in the
model's 听课 lessons, so most pairs observed each other and some did not.
One pair runs two 学年 (listed in both files), and in 2024-2025 one young
teacher's 师傅 is a district teacher who is in no roster.  Each roster teacher
hands in 读书笔记, 教学反思, 随笔, 博文 and 微课 per term, most meeting
``data/task_rules.toml`` (读书笔记 2, 教学反思 4 per term; 博文 3 per month
under 40: 15 per term), some not.

Golden figures follow the definitions of ``dashboard.mentoring`` and
``dashboard.tasks`` from this model and the model's 听课 lessons, never from the
files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

OFFSET = 14
CATEGORIES = ("读书笔记", "教学反思", "随笔", "博文", "微课", "其他")
#: data/task_rules.toml as the demo school has it (first match per category).
MONTHS_PER_TERM = 5
READING, REFLECTION, BLOG_PER_MONTH, BLOG_AGE_BELOW = 2, 4, 3, 40
DISTRICT_MENTOR = "何建军"  # a 区名师 who is in no roster


@dataclass
class Pair:
    mentor: str
    mentee: str
    group: str
    first_term: str
    last_term: str
    content: str


@dataclass
class TaskItem:
    teacher: str
    category: str
    day: date
    title: str
    words: int | None
    also: str | None = None  # a second teacher named in the same cell (a 微课 made together)


@dataclass
class Model:
    pairs: list[Pair] = field(default_factory=list)
    #: term -> teacher -> category -> count
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    #: term -> items (the terms handed in as item lists)
    items: dict[str, list[TaskItem]] = field(default_factory=dict)


_CACHE: dict[int, Model] = {}
CONTENTS = ("课堂教学", "教学设计与反思", "班级管理", "命题与作业设计", "课题研究", "公开课打磨")
BOOKS = ("给教师的建议", "教育的情调", "课程与教学的基本原理", "学习的本质", "可见的学习", "静悄悄的革命",
         "追求理解的教学设计", "第56号教室的奇迹", "教学勇气", "陶行知教育文集")
TOPICS = ("一节公开课后的反思", "作业设计的一点尝试", "课堂提问的有效性", "如何让学生动起来", "单元整体教学初探",
          "期中复习课反思", "分层作业实践", "小组合作的得失", "试卷讲评课", "情境教学的尝试")


def _base():
    import make_demo_data as base

    return base


def model(school) -> Model:
    """The 师徒结对 and 个人任务 of the school (built once per school object)."""
    if id(school) not in _CACHE:
        _CACHE[id(school)] = _build(school)
    return _CACHE[id(school)]


def _observed(school, term: str) -> dict[tuple[str, str], int]:
    """(observer, host) -> Σ 节数 of the model's matched lessons of ``term``."""
    found: dict[tuple[str, str], int] = {}
    for lesson in school.lessons:
        if lesson.term == term and lesson.matched:
            found[(lesson.observer, lesson.teacher)] = found.get((lesson.observer, lesson.teacher), 0) + lesson.lessons
    return found


def _build(school) -> Model:
    base = _base()
    rng = random.Random(base.SEED + OFFSET)
    result = Model()
    years = ((base.T1, base.T2), (base.T3, base.T4))
    long_pair: Pair | None = None
    for first, last in years:
        roster = school.roster_for(first)
        start = base.TERM_BY_ID[first].start
        seen = {**_observed(school, first)}
        for key, value in _observed(school, last).items():
            seen[key] = seen.get(key, 0) + value
        for group in base.GROUPS:
            members = [t for t in roster.teachers if t.group == group and t.key not in base.TWIN_NAMES]
            young = [t for t in members if t.birth is not None and base.age_on(t.birth, start) < 35
                     and t.role in ("", "班主任")]
            experienced = [t for t in members if t not in young and (
                "高级" in t.title or (t.birth is not None and base.age_on(t.birth, start) >= 40))]
            if not young or not experienced:
                continue
            for mentee in rng.sample(young, min(len(young), rng.choice((2, 2, 3)))):
                if long_pair is not None and first == base.T3 and mentee.key == long_pair.mentee:
                    continue
                if rng.random() < 0.7:
                    mentor = max(experienced, key=lambda t: (seen.get((mentee.key, t.key), 0)
                                                             + seen.get((t.key, mentee.key), 0), rng.random()))
                else:
                    mentor = rng.choice(experienced)
                pair = Pair(mentor.key, mentee.key, group, first, last, rng.choice(CONTENTS))
                result.pairs.append(pair)
        if first == base.T1:
            # the pair that runs both 学年: its two teachers are in the second roster in the same group
            second = {t.key: t for t in school.rosters[1].teachers}
            for pair in result.pairs:
                if pair.mentor in second and pair.mentee in second and second[pair.mentor].group == pair.group \
                        and second[pair.mentee].group == pair.group:
                    pair.last_term = base.T4
                    long_pair = pair
                    break
    roster = school.roster_for(base.T3)
    joined = [t for t in roster.teachers if t.key in school.facts["joined"] and t.group != "人文组"]
    result.pairs.append(Pair(DISTRICT_MENTOR, joined[0].key, joined[0].group, base.T3, base.T4, "区名师工作室带教"))
    for term in base.TERMS:
        result.counts[term.id] = _counts(rng, school, term)
    for term_id in (base.T3, base.T4):
        result.items[term_id] = _items(rng, school, base.TERM_BY_ID[term_id], result.counts[term_id])
    return result


def blog_target(teacher, term) -> int | None:
    base = _base()
    if teacher.birth is not None and base.age_on(teacher.birth, term.start) < BLOG_AGE_BELOW:
        return BLOG_PER_MONTH * MONTHS_PER_TERM
    return None


def targets(teacher, term) -> dict[str, int]:
    """The demo rules (data/task_rules.toml): category -> the term's target."""
    found = {"读书笔记": READING, "教学反思": REFLECTION}
    blog = blog_target(teacher, term)
    if blog is not None:
        found["博文"] = blog
    return found


def _counts(rng: random.Random, school, term) -> dict[str, dict[str, int]]:
    counts = {}
    for teacher in school.roster_for(term.id).teachers:
        want = targets(teacher, term)
        mine = {}
        for category in ("读书笔记", "教学反思", "博文"):
            target = want.get(category, 0 if category == "博文" else 2)
            if rng.random() < 0.78:
                value = target + rng.choice((0, 0, 0, 1, 2))
            else:
                value = rng.randint(0, max(target - 1, 0))
            if category == "博文" and category not in want and rng.random() < 0.6:
                value = 0
            mine[category] = value
        mine["随笔"] = rng.choice((0, 0, 1, 1, 2, 3))
        mine["微课"] = rng.choice((0, 0, 0, 1, 1, 2))
        counts[teacher.key] = mine
    return counts


def _school_days(term) -> list[date]:
    days, day = [], term.lessons_from
    while day <= term.lessons_to:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _items(rng: random.Random, school, term, counts: dict[str, dict[str, int]]) -> list[TaskItem]:
    """The counts of an item-list term as items; one 微课 is made by two teachers of a group (one cell)."""
    days = _school_days(term)
    items = []
    for teacher, by_category in counts.items():
        for category, count in by_category.items():
            for _ in range(count):
                title = (f"读《{rng.choice(BOOKS)}》有感" if category == "读书笔记" else
                         f"微课：{rng.choice(TOPICS)}" if category == "微课" else rng.choice(TOPICS))
                words = rng.randint(800, 3000) if category != "微课" else None
                items.append(TaskItem(teacher, category, rng.choice(days), title, words))
    roster = school.roster_for(term.id)
    makers = [t.key for t in roster.teachers if counts[t.key]["微课"] == 0 and t.key not in _base().TWIN_NAMES]
    by_key = roster.by_key
    for item in items:
        if item.category == "微课":
            partner = next((k for k in makers if by_key[k].group == by_key[item.teacher].group), None)
            if partner is not None:
                item.also = partner
                counts[partner]["微课"] += 1
                makers.remove(partner)
                break
    items.sort(key=lambda item: (item.day, item.teacher, item.category, item.title))
    return items


# ------------------------------------------------------------------ figures

def figures(school, term, group: str | None) -> dict:
    """The ``mentoring`` and ``tasks`` keys of the golden figures for one term and group."""
    return {**_mentoring_figures(school, term, group), **_task_figures(school, term, group)}


def _mentoring_figures(school, term, group) -> dict:
    roster = school.roster_for(term.id)
    observed = _observed(school, term.id)
    pairs, flagged = 0, []
    for pair in model(school).pairs:
        if not pair.first_term <= term.id <= pair.last_term:
            continue
        groups = {roster.by_key[key].group for key in (pair.mentor, pair.mentee) if key in roster.by_key}
        if not groups or (group is not None and group not in groups):
            continue
        pairs += 1
        down, up = observed.get((pair.mentee, pair.mentor), 0), observed.get((pair.mentor, pair.mentee), 0)
        if not down or not up:
            flagged.append({"mentor": pair.mentor, "mentee": pair.mentee, "mentee_observed_mentor": down,
                            "mentor_observed_mentee": up})
    flagged.sort(key=lambda row: (-((row["mentee_observed_mentor"] == 0) + (row["mentor_observed_mentee"] == 0)),
                                  row["mentee"], row["mentor"]))
    return {"mentoring": {"pairs": pairs, "flagged": flagged}}


def _task_figures(school, term, group) -> dict:
    counts = model(school).counts[term.id]
    by_category = {category: {"total": 0, "met": 0, "target_teachers": 0} for category in CATEGORIES}
    behind = []
    for teacher in school.roster_for(term.id).teachers:
        if group is not None and teacher.group != group:
            continue
        want = targets(teacher, term)
        for category in CATEGORIES:
            count = counts[teacher.key].get(category, 0)
            by_category[category]["total"] += count
            if category in want:
                by_category[category]["target_teachers"] += 1
                if count >= want[category]:
                    by_category[category]["met"] += 1
                else:
                    behind.append({"name": teacher.key, "group": teacher.group, "category": category,
                                   "count": count, "target": want[category]})
    behind.sort(key=lambda row: (-(row["target"] - row["count"]), row["name"], CATEGORIES.index(row["category"])))
    return {"tasks": {"by_category": by_category, "behind": behind}}


# -------------------------------------------------------------------- files

def write_files(school, out: Path) -> None:
    rng = random.Random(_base().SEED + OFFSET + 1)
    _pairs_2023(rng, school, out)
    _pairs_2024(rng, school, out)
    _task_counts_t1(rng, school, out)
    _task_months_t2(rng, school, out)
    _task_form_t3(rng, school, out)
    _task_sheets_t4(rng, school, out)


def _written(rng: random.Random, key: str) -> str:
    """A name as an office types it: sometimes padded or with 老师 (the district teacher as is)."""
    return key if key == DISTRICT_MENTOR else _base().render_log_name(rng, key, 0.15)


def _pairs_2023(rng: random.Random, school, out: Path) -> None:
    """One sheet per 教研组; 学年 only in the title; a 师傅 with several 徒弟 in one cell; 合计 rows."""
    base = _base()
    workbook = base.new_workbook()
    pairs = [p for p in model(school).pairs if p.first_term == base.T1]
    first = True
    for group in base.GROUPS:
        mine = [p for p in pairs if p.group == group]
        if not mine:
            continue
        by_mentor: dict[str, list[Pair]] = {}
        for pair in mine:
            by_mentor.setdefault(pair.mentor, []).append(pair)
        rows = [[number, _written(rng, mentor), "、".join(_written(rng, p.mentee) for p in listed), listed[0].content]
                for number, (mentor, listed) in enumerate(by_mentor.items(), 1)]
        sheet = base.sheet_for(workbook, group, first)
        first = False
        base.write_table(sheet, ["序号", "师  傅", "徒  弟", "结对内容"], rows,
                         titles=(f"{base.SCHOOL}2023学年“青蓝工程”师徒结对名单", f"{group}"),
                         trailer=([f"合计：{len(mine)}对"],))
    base.save_workbook(workbook, out / "2023学年青蓝工程师徒结对名单.xlsx")


def _pairs_2024(rng: random.Random, school, out: Path) -> None:
    """One sheet; both names in one cell ("师傅：… 徒弟：…"); 结对时间 as months; the two-学年 pair again."""
    base = _base()
    pairs = [p for p in model(school).pairs if p.last_term == base.T4]
    rows = []
    for number, pair in enumerate(sorted(pairs, key=lambda p: (base.GROUPS.index(p.group), p.mentee)), 1):
        since = "2023.9" if pair.first_term == base.T1 else "2024.9"
        rows.append([number, pair.group, f"师傅：{_written(rng, pair.mentor)}  徒弟：{_written(rng, pair.mentee)}",
                     f"{since}-2025.7", pair.content])
    workbook = base.new_workbook()
    sheet = base.sheet_for(workbook, "结对安排", True)
    base.write_table(sheet, ["序号", "教研组", "结对教师", "结对时间", "指导内容"], rows,
                     titles=(f"{base.SCHOOL}2024-2025学年师徒结对安排表",),
                     note="说明：跨学年结对的写明起止时间；区名师工作室带教的师傅为外校教师。",
                     trailer=(["备注：结对期间师徒每学期互相听课不少于 2 节。"],))
    base.save_workbook(workbook, out / "2024-2025学年师徒结对安排.xlsx")


def _count_row(counts: dict[str, int], columns: tuple[str, ...], rng: random.Random) -> list:
    """Counts as written: a zero is sometimes left blank (blank = not stated: counts nothing)."""
    return [("" if counts.get(c, 0) == 0 and rng.random() < 0.3 else counts.get(c, 0)) for c in columns]


def _task_counts_t1(rng: random.Random, school, out: Path) -> None:
    """2023-2024-1: a count table per 教研组 sheet, term in the title, 合计 column and row."""
    base = _base()
    counts = model(school).counts[base.T1]
    columns = ("读书笔记", "教学反思", "随笔", "博文", "微课")
    header = ["序号", "姓 名", "读书笔记", "教学反思", "教育随笔", "博文", "微课", "合计"]
    workbook = base.new_workbook()
    for index, group in enumerate(base.GROUPS):
        teachers = [t for t in school.roster_for(base.T1).teachers if t.group == group]
        rows = []
        for number, teacher in enumerate(teachers, 1):
            mine = counts[teacher.key]
            rows.append([number, base.pad_two_char(teacher.key, "  ") if rng.random() < 0.3 else teacher.key,
                         *_count_row(mine, columns, rng), sum(mine.get(c, 0) for c in columns)])
        totals = [sum(counts[t.key].get(c, 0) for t in teachers) for c in columns]
        sheet = base.sheet_for(workbook, group, index == 0)
        base.write_table(sheet, header, rows, titles=("2023学年第一学期教师个人任务完成情况统计",),
                         trailer=(["合计", "", *totals, sum(totals)],))
    base.save_workbook(workbook, out / "2023学年第一学期个人任务统计.xlsx")


def _split_months(rng: random.Random, value: int, months: int) -> list[int]:
    parts = [0] * months
    for _ in range(value):
        parts[rng.randrange(months)] += 1
    return parts


def _task_months_t2(rng: random.Random, school, out: Path) -> None:
    """2023-2024-2: one sheet per month (3–6月), each a count table; term only in the title."""
    base = _base()
    counts = model(school).counts[base.T2]
    columns = ("读书笔记", "教学反思", "随笔", "博文", "微课")
    teachers = school.roster_for(base.T2).teachers
    months = ("3月", "4月", "5月", "6月")
    split = {t.key: {c: _split_months(rng, counts[t.key].get(c, 0), len(months)) for c in columns} for t in teachers}
    workbook = base.new_workbook()
    for index, month in enumerate(months):
        rows = [[t.group, t.key, *(split[t.key][c][index] for c in columns)] for t in teachers]
        sheet = base.sheet_for(workbook, month, index == 0)
        base.write_table(sheet, ["教研组", "教师姓名", "读书心得", "教学反思", "随笔", "博客", "微课"], rows,
                         titles=(f"2023学年第二学期教师个人任务月报（{month}）",), blank_row=False)
    base.save_workbook(workbook, out / "2023学年第二学期个人任务月报.xlsx")


def _task_form_t3(rng: random.Random, school, out: Path) -> None:
    """2024-2025-1: a form-tool export (问卷星): one item per row, metadata columns, submission times."""
    base = _base()
    roster = school.roster_for(base.T3)
    spelled = {"读书笔记": ("读书笔记", "读书心得"), "教学反思": ("教学反思", "反思"), "随笔": ("随笔", "教育随笔"),
               "博文": ("博文", "教育博客"), "微课": ("微课",)}
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的姓名", "2、所在教研组",
              "3、任务类型", "4、题目", "5、完成日期", "6、字数"]
    rows = []
    for number, item in enumerate(model(school).items[base.T3], 1):
        names = item.teacher + (f"、{item.also}" if item.also else "")
        submitted = item.day + timedelta(days=rng.randint(0, 3))
        rows.append([number, f"{submitted:%Y/%m/%d} {rng.randint(7, 21)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
                     f"{rng.randint(40, 400)}秒", "微信", "直接访问", f"36.{rng.randint(1, 250)}.{rng.randint(1, 250)}.{rng.randint(1, 250)}(浙江-杭州)",
                     names, roster.by_key[item.teacher].group, rng.choice(spelled[item.category]), item.title,
                     f"{item.day:%Y-%m-%d}", item.words if item.words is not None else ""])
    workbook = base.new_workbook()
    sheet = base.sheet_for(workbook, "Sheet1", True)
    base.write_table(sheet, header, rows, blank_row=False)
    base.save_workbook(workbook, out / "个人任务提交_问卷星导出_2024秋.xlsx")


def _task_sheets_t4(rng: random.Random, school, out: Path) -> None:
    """2024-2025-2: one sheet per category (no 类别 column); dates mixed; a 微课 made by two in one cell."""
    base = _base()
    workbook = base.new_workbook()
    items = model(school).items[base.T4]
    for index, category in enumerate(("读书笔记", "教学反思", "随笔", "博文", "微课")):
        mine = [item for item in items if item.category == category]
        rows = [[number, item.teacher + (f"，{item.also}" if item.also else ""),
                 base.XlDate(item.day) if rng.random() < 0.5 else f"{item.day.year}.{item.day.month}.{item.day.day}",
                 item.title, item.words if item.words is not None else ""]
                for number, item in enumerate(mine, 1)]
        sheet = base.sheet_for(workbook, category, index == 0)
        base.write_table(sheet, ["序号", "姓名", "日期", "题目", "字数"], rows,
                         titles=("2025春教师个人任务登记", f"（{category}）"), trailer=([f"合计：{len(mine)}篇"],))
    base.save_workbook(workbook, out / "2025春个人任务登记.xlsx")


def readme_section(school) -> str:
    """The demo README's lines on these files."""
    base = _base()
    pairs = model(school).pairs
    long_pair = next(p for p in pairs if p.first_term == base.T1 and p.last_term == base.T4)
    return f"""
## 师徒结对与个人任务

| 文件 | 内容 | 版式特点 |
| --- | --- | --- |
| 2023学年青蓝工程师徒结对名单.xlsx | 师徒结对 2023-2024 学年 | 每个教研组一张表；学年只在标题里（两个学期都适用）；一位师傅带多名徒弟写在一格（“、”分隔）；末行“合计：N对” |
| 2024-2025学年师徒结对安排.xlsx | 师徒结对 2024-2025 学年 | 单表；“结对教师”一格写“师傅：… 徒弟：…”；“结对时间”写“2024.9-2025.7”；{long_pair.mentor}—{long_pair.mentee} 一对跨两个学年（“2023.9-2025.7”，两个文件都列了，同一学期只算一对）；区名师 {DISTRICT_MENTOR} 不在名册中 |
| 2023学年第一学期个人任务统计.xlsx | 个人任务 2023-2024-1（每人各类篇数） | 每组一张表；学期只在标题里；“合计”列和“合计”行；部分 0 篇写成空白（空白=未填，不计篇数） |
| 2023学年第二学期个人任务月报.xlsx | 个人任务 2023-2024-2 | 每月一张表（3月—6月），篇数按月相加；列名“读书心得”“博客” |
| 个人任务提交_问卷星导出_2024秋.xlsx | 个人任务 2024-2025-1（每篇一行） | 问卷星导出：序号、提交答卷时间、所用时间、来源、来自IP 等信息列；题号前缀“1、您的姓名”；类型写法不一（读书心得、反思、教育博客…）；一条微课两人合作写在一格 |
| 2025春个人任务登记.xlsx | 个人任务 2024-2025-2（每篇一行） | 每个类别一张表，没有“类别”列（按工作表名）；日期单元格与“2025.3.12”混用；一条微课两人合作（“，”分隔）；末行“合计：N篇” |

师徒结对共 {len(pairs)} 对（按学年）。个人任务要求按 `data/task_rules.toml`：读书笔记每学期 2 篇、教学反思每学期 4 篇，
40 周岁以下博文每月 3 篇（每学期按 5 个月计，即 15 篇）；随笔、微课没有要求。
"""
