"""The demo school's 获奖与发表 lists beyond 论文, and their golden ``awards`` figures.

Called from ``make_demo_data.py``; draws from its own ``random.Random(SEED + 13)`` so every other
demo file stays byte-identical.  The model (one :class:`Award` per record) is made from the school's
rosters; the files render it in three layouts a school really hands in, and :func:`expected` counts
it (never by reading the files back), with the school's 论文 as the 论文 category:

- ``2024年区优质课评比获奖名单.xlsx``: the category and the level only in the merged title; columns
  学校 | 参赛教师 | 学科 | 参赛课题 | 奖次; teachers of other schools listed too (not counted);
- ``2024-2025学年第二学期教学设计与课件评比结果.xlsx``: a 类别 column mixing 教学设计/教案/课件/多媒体课件/微课
  (the title names two categories, so it states none); the grade only in section rows 一等奖/二等奖/三等奖;
  a 级别 column; several authors in one cell;
- ``教师获奖登记（问卷星导出）.xlsx``: a form-tool export (提交答卷时间, 所用时间, 来源IP) whose
  ``2、获奖项目`` column says 说课/基本功大赛/赛课/优课/微视频/教学案例 or something of no category
  (班主任技能比赛 → 其他); the term from each row's 获奖时间.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import date

OFFSET = 13
CATEGORIES = ("论文", "教学设计", "教学案例", "课件", "微课", "优质课", "基本功", "说课", "其他")
QUALITY_FILE = "2024年区优质课评比获奖名单.xlsx"
DESIGN_FILE = "2024-2025学年第二学期教学设计与课件评比结果.xlsx"
FORM_FILE = "教师获奖登记（问卷星导出）.xlsx"


def _demo():
    """The generator's helpers (this module is imported by it, run as a script or imported)."""
    main = sys.modules.get("__main__")
    if main is not None and hasattr(main, "build_school") and hasattr(main, "write_table"):
        return main
    import make_demo_data

    return make_demo_data


@dataclass
class Award:
    title: str
    authors: list[str]  # roster keys, or other schools' teachers
    category: str
    level: str
    grade: str
    term: str
    when: date | None
    source: str
    written: str  # how the file writes the category
    unit: str = ""


LESSON_TOPICS = ("《背影》", "函数的单调性", "Unit 3 Reading", "光合作用", "辛亥革命", "篮球运球", "项目化学习：校园植物",
                 "《赤壁赋》", "等差数列", "牛顿第二定律", "中国的地形", "化学反应速率", "《红楼梦》整本书阅读",
                 "三角函数的图象", "细胞的分裂", "英语写作：书信")
WORKS = {"教学设计": ("大单元视角下的{s}教学设计", "{s}单元整体教学设计"), "课件": ("{s}情境教学课件", "{s}复习课课件"),
         "微课": ("{s}微课：一个核心概念", "{s}微课：易错题讲解")}
DESIGN_WRITTEN = {"教学设计": ("教学设计", "教案"), "课件": ("课件", "多媒体课件"), "微课": ("微课",)}
FORM_WRITTEN = {"说课": ("说课",), "基本功": ("基本功大赛", "青年教师基本功"), "优质课": ("赛课", "优课"),
                "微课": ("微视频",), "教学案例": ("教学案例",), "其他": ("班主任技能比赛",)}
OTHER_TEACHERS = ("赵一鸣", "钱思远", "孙雨桐", "李嘉怡", "周子涵", "吴承恩")


def model(school) -> list[Award]:
    """Every record of the three lists, from the school's rosters (same school, same records)."""
    demo = _demo()
    rng = random.Random(demo.SEED + OFFSET)
    awards: list[Award] = []
    # 优质课, 2024-2025-1, level 区县级 from the title; six teachers of other schools
    teachers = rng.sample(school.roster_for(demo.T3).teachers, 12)
    for teacher in teachers:
        awards.append(Award(rng.choice(LESSON_TOPICS), [teacher.key], "优质课", "区县级",
                            rng.choices(("一等奖", "二等奖", "三等奖"), weights=(3, 4, 5))[0], demo.T3, None,
                            QUALITY_FILE, "优质课", demo.SCHOOL))
    assert not set(OTHER_TEACHERS) & set(school.roster_for(demo.T3).by_key)
    for name, unit in zip(OTHER_TEACHERS, rng.choices(demo.OTHER_SCHOOLS, k=len(OTHER_TEACHERS))):
        awards.append(Award(rng.choice(LESSON_TOPICS), [name], "优质课", "区县级",
                            rng.choice(("一等奖", "二等奖", "三等奖")), demo.T3, None, QUALITY_FILE, "优质课", unit))
    # 教学设计 / 课件 / 微课, 2024-2025-2, grade from section rows, level from a 级别 column
    roster = school.roster_for(demo.T4).teachers
    for _ in range(18):
        category = rng.choices(tuple(DESIGN_WRITTEN), weights=(5, 4, 2))[0]
        first = rng.choice(roster)
        authors = [first.key]
        if rng.random() < 0.3:
            second = rng.choice([t for t in roster if t.group == first.group and t is not first])
            authors.append(second.key)
        work = rng.choice(WORKS[category]).format(s=first.subject)
        awards.append(Award(work, authors, category, rng.choice(("市级", "区县级")),
                            rng.choices(("一等奖", "二等奖", "三等奖"), weights=(2, 3, 4))[0], demo.T4, None,
                            DESIGN_FILE, rng.choice(DESIGN_WRITTEN[category])))
    # the form: 2023-2024, one teacher per answer, the term from 获奖时间
    for term_id in (demo.T1, demo.T2):
        term = demo.TERM_BY_ID[term_id]
        for teacher in rng.sample(school.roster_for(term_id).teachers, 10):
            category = rng.choice(tuple(FORM_WRITTEN))
            awards.append(Award(rng.choice(LESSON_TOPICS), [teacher.key], category,
                                rng.choice(("市级", "区县级", "校级")), rng.choice(("一等奖", "二等奖", "三等奖")),
                                term_id, demo.random_day(rng, term.lessons_from, term.lessons_to), FORM_FILE,
                                rng.choice(FORM_WRITTEN[category])))
    return awards


# ------------------------------------------------------------------ files

def write_files(school, out) -> None:
    demo = _demo()
    rng = random.Random(demo.SEED + OFFSET + 1)
    awards = model(school)
    numerals = {"一等奖": "一等奖", "二等奖": "二等奖", "三等奖": "三等奖"}
    # 优质课: title names category and level
    quality = sorted((a for a in awards if a.source == QUALITY_FILE),
                     key=lambda a: (("一等奖", "二等奖", "三等奖").index(a.grade), a.unit))
    rows = [[n, a.unit, demo.full_width_brackets(a.authors[0]), _subject(school, a), a.title, numerals[a.grade]]
            for n, a in enumerate(quality, 1)]
    workbook = demo.new_workbook()
    workbook.active.title = "获奖名单"
    demo.write_table(workbook.active, ["序号", "学校", "参赛教师", "学科", "参赛课题", "奖次"], rows,
                     titles=("2024年区优质课评比获奖名单",), note="评比时间：2024年11月", blank_row=False)
    demo.save_workbook(workbook, out / QUALITY_FILE)
    # 教学设计 / 课件 / 微课: section rows carry the grade
    workbook = demo.new_workbook()
    sheet = workbook.active
    sheet.title = "评比结果"
    header = ["序号", "作品名称", "类别", "作者", "级别"]
    demo.merged_line(sheet, 1, len(header), "2024-2025学年第二学期教学设计与课件评比结果", demo.TITLE_FONT)
    for column, label in enumerate(header, 1):
        sheet.cell(row=3, column=column, value=label).font = demo.BOLD
    row = 4
    for grade in ("一等奖", "二等奖", "三等奖"):
        mine = [a for a in awards if a.source == DESIGN_FILE and a.grade == grade]
        demo.merged_line(sheet, row, len(header), grade)
        row += 1
        for n, a in enumerate(mine, 1):
            separator = "、" if rng.random() < 0.6 else "，"
            values = [n, a.title, a.written, separator.join(demo.full_width_brackets(k) for k in a.authors),
                      {"市级": "市级", "区县级": rng.choice(("区级", "县区级"))}[a.level]]
            for column, value in enumerate(values, 1):
                demo.write_cell(sheet, row, column, value)
            row += 1
    demo.save_workbook(workbook, out / DESIGN_FILE)
    # the form-tool export
    form = sorted((a for a in awards if a.source == FORM_FILE), key=lambda a: a.when)
    header = ["序号", "提交答卷时间", "所用时间", "来源IP", "1、您的姓名", "2、获奖项目", "3、作品或课题名称", "4、级别",
              "5、等次", "6、获奖时间"]
    rows = []
    for n, a in enumerate(form, 1):
        submitted = f"{a.when.isoformat()} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        rows.append([n, submitted, f"{rng.randint(40, 300)}秒", f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                     demo.full_width_brackets(a.authors[0]), a.written, a.title,
                     demo.LEVEL_FULL[a.level], a.grade, demo.render_date(a.when, rng.choice(("iso", "cn", "excel")))])
    workbook = demo.new_workbook()
    workbook.active.title = "Sheet1"
    demo.write_table(workbook.active, header, rows, blank_row=False)
    demo.save_workbook(workbook, out / FORM_FILE)


def _subject(school, award: Award) -> str:
    roster = school.roster_for(award.term)
    teacher = roster.by_key.get(award.authors[0])
    return teacher.subject if teacher else random.Random(award.authors[0]).choice(("语文", "数学", "英语"))


# ------------------------------------------------------------------ figures

def expected(school, term: str, group: str | None) -> dict:
    """The ``awards`` figures of a term (and 教研组): this module's records plus the school's 论文,
    counted as the contract says (≥1 roster author; 人次 = the roster authors, of the group when one)."""
    demo = _demo()
    roster = school.roster_for(term).by_key
    records = [(a.category, a.level, a.grade, a.authors) for a in model(school) if a.term == term]
    records += [("论文", p.level, p.grade, p.authors) for p in school.papers if p.term == term]
    by_category = {category: {"total": 0, "person_times": 0, "by_level": dict.fromkeys(demo.LEVELS, 0),
                              "by_grade": dict.fromkeys(demo.GRADES, 0)} for category in CATEGORIES}
    total = times = 0
    for category, level, grade, authors in records:
        ours = [key for key in dict.fromkeys(authors) if key in roster and (group is None or roster[key].group == group)]
        if not ours:
            continue
        total += 1
        times += len(ours)
        counted = by_category[category]
        counted["total"] += 1
        counted["person_times"] += len(ours)
        counted["by_level"][level] += 1
        counted["by_grade"][grade] += 1
    return {"awards": {"total": total, "person_times": times, "by_category": by_category}}


def readme(school) -> str:
    """The README lines of these files."""
    awards = model(school)
    others = sum(1 for a in awards if a.source == QUALITY_FILE and a.unit != _demo().SCHOOL)
    return f"""
## 获奖与发表（论文以外的类别）

由 `scripts/demo_awards.py` 生成（独立的随机种子）。

| 文件 | 内容 | 版式特点 |
| --- | --- | --- |
| {QUALITY_FILE} | 优质课 2024-2025-1 | 类别和级别（区县级）只在合并的标题里；列“学校/参赛教师/学科/参赛课题/奖次”；含 {others} 条外校教师的记录（不计入） |
| {DESIGN_FILE} | 教学设计、课件、微课 2024-2025-2 | 标题写了两个类别（不算写明），每行的类别在“类别”列（教学设计/教案/课件/多媒体课件/微课）；等次只在分段行“一等奖/二等奖/三等奖”；多位作者用“、”或“，”隔开 |
| {FORM_FILE} | 说课、基本功、优质课、微课、教学案例、其他 2023-2024 | 问卷星式导出（提交答卷时间、所用时间、来源IP）；题号列名“2、获奖项目”；“赛课”“优课”为优质课，“微视频”为微课，“班主任技能比赛”不属于任何类别，记为其他；学期按获奖时间 |

`expected_figures.json` 的 `awards` 按类别给出项数（`total`）、人次（`person_times`，每条记录的本校作者各计一次；按教研组时只计本组作者）、各级别与各等次的项数；论文类别与 `papers` 相同。
"""
