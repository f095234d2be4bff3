"""District-scale test data for the benchmark: a seeded 区教科室 with 5 000 teachers.

Writes into ``bench/out/`` (git-ignored):

- ``名册_<term>.xlsx`` — one roster per term, 6 terms × ~5 000 teachers
  (a few leave and join each term);
- ``听课记录_<year>学年.xlsx`` — 3 workbooks, one per school year, 200 000
  log rows each (600 000 in all); the first is the P1 file;
- ``论文获奖.xlsx`` — 30 000 paper records; ``课题.xlsx`` — 5 000 projects;
- ``师徒结对.xlsx`` — about 1 500 pairs per 学年, 3 学年; ``个人任务.xlsx`` — one count table per term
  (one sheet per term, 6 × ~5 000 teachers × 5 categories).
- ``培训学时.xlsx`` — ~2 trainings per teacher and term (60 000 rows, 起止日期 in one cell, 学时);
- ``教研活动.xlsx`` — ~10 activities per school, group and term, 参加人员 listed in one cell.

Every file is written with openpyxl's write_only mode and fixed zip
timestamps, from ``random.Random(seed)``: the same seed gives the same
bytes.  ``ensure(out)`` reuses files a previous run wrote with the same
seed and generator version (a manifest records them).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

SEED = 20250907
VERSION = 3  # bump when the data changes shape
OUT = Path(__file__).resolve().parent / "out"

TEACHERS = 5_000
TERMS = ("2022-2023-1", "2022-2023-2", "2023-2024-1", "2023-2024-2", "2024-2025-1", "2024-2025-2")
LOG_ROWS_PER_FILE = 200_000
LOG_FILES = 3  # one per school year: 600 000 rows
PAPERS = 30_000
PROJECTS = 5_000
TRAININGS_PER_TERM = 2  # per teacher, on average
ACTIVITIES_PER_TERM = 10  # per school and 教研组

SCHOOLS = tuple(f"{name}中学" for name in ("城东", "城西", "城南", "城北", "实验", "育才", "东湖", "西湖", "鉴湖",
                                          "稽山", "塔山", "府山", "越城", "柯桥", "上虞", "新昌")) + tuple(
    f"{name}小学" for name in ("人民", "建设", "解放", "胜利", "和平", "光明", "阳光", "春晖", "树人", "启明"))
GROUP_SUBJECTS = {"语文组": "语文", "数学组": "数学", "英语组": "英语", "物理组": "物理", "化学组": "化学",
                  "生物组": "生物", "政治组": "政治", "历史组": "历史", "地理组": "地理", "艺体组": "音乐",
                  "信息组": "信息技术", "综合组": "心理健康"}
ROLES = ("校长", "副校长", "主任", "副主任", "教研组长")
TITLES = ("正高级教师", "高级教师", "一级教师", "二级教师", "三级教师")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏方邹孟熊秦江薛段雷侯史陶贺顾毛郝龚邵钱严戴孔汤")
GIVEN = "丽娜静敏燕艳芳娟霞婷雪琳洁玲倩颖萍慧晶佳欣怡悦月蕾瑶妍岚伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宇浩凯健俊帆峰亮文博晓子志海建雨思嘉梦雅春立永国晨一宏家"
AWARDS = ("国家级一等奖", "省级一等奖", "省级二等奖", "省级三等奖", "市级一等奖", "市级二等奖", "市级三等奖",
          "区级一等奖", "区级二等奖", "区级三等奖", "县级优秀奖", "校级一等奖")
PROJECT_LEVELS = ("省级", "市级", "区级", "校级")
STAGES = ("立项", "开题", "中期", "结题", "延期", "终止")
TOPICS = ("核心素养", "大单元教学", "项目化学习", "作业设计", "课堂评价", "跨学科学习", "分层教学", "信息技术融合",
          "阅读策略", "实验探究", "劳动教育", "心理健康", "家校共育", "双减背景", "深度学习", "问题链")
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass
class Teacher:
    key: str
    school: str
    group: str
    role: str | None
    birth: dt.date
    work_start: dt.date
    title: str


def term_days(term: str) -> tuple[dt.date, dt.date]:
    """Teaching days of a term: first and last."""
    first, second, half = term.split("-")
    if half == "1":
        return dt.date(int(first), 9, 4), dt.date(int(second), 1, 17)
    return dt.date(int(second), 2, 17), dt.date(int(second), 6, 27)


def make_teachers(rng: random.Random) -> list[Teacher]:
    """TEACHERS + turnover distinct teachers (unique 2–3 character names)."""
    seen: set[str] = set()
    teachers = []
    groups = list(GROUP_SUBJECTS)
    while len(teachers) < TEACHERS + 600:
        key = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if key in seen:
            continue
        seen.add(key)
        birth = dt.date(rng.randint(1965, 2001), rng.randint(1, 12), 1)
        work = dt.date(max(birth.year + 22, 1985), rng.choice((8, 9)), 1)
        role = rng.choice(ROLES) if rng.random() < 0.08 else None
        teachers.append(Teacher(key, rng.choice(SCHOOLS), rng.choice(groups), role, birth, work, rng.choice(TITLES)))
    return teachers


def rosters(rng: random.Random, teachers: list[Teacher]) -> dict[str, list[Teacher]]:
    """Per term ~5 000 teachers: ~100 leave and ~100 join each term."""
    current = teachers[:TEACHERS]
    spare = teachers[TEACHERS:]
    out = {}
    for term in TERMS:
        out[term] = list(current)
        leaving = set(rng.sample(range(len(current)), 100))
        current = [t for i, t in enumerate(current) if i not in leaving] + spare[:100]
        spare = spare[100:]
    return out


def _save(book: Workbook, path: Path) -> None:
    """Save with fixed zip timestamps so a seed gives identical bytes."""
    tmp = path.with_suffix(".tmp.xlsx")
    book.save(tmp)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    tmp.unlink()


def _date_cell(sheet, day: dt.date) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = "yyyy-mm-dd"
    return cell


def write_roster(path: Path, term: str, teachers: list[Teacher]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名册")
    first, _, half = term.split("-")
    sheet.append([f"越城区{first}学年第{'一' if half == '1' else '二'}学期教师名册"])
    sheet.append(["序号", "姓名", "学校", "教研组", "职务", "出生年月", "参加工作时间", "职称"])
    for number, t in enumerate(teachers, 1):
        sheet.append([number, t.key, t.school, t.group, t.role, f"{t.birth.year}.{t.birth.month:02d}",
                      f"{t.work_start.year}.{t.work_start.month:02d}", t.title])
    _save(book, path)
    return len(teachers)


def write_log(path: Path, rng: random.Random, terms: tuple[str, str], teachers_by_term: dict[str, list[Teacher]]) -> int:
    """One school year's 听课 log: 日期 as date cells, a few text dates, blank 节数, repeats."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("听课记录")
    sheet.append([f"越城区{terms[0][:4]}学年教师听课记录"])
    sheet.append(["序号", "日期", "听课人", "授课教师", "学科", "班级", "节次", "听课节数", "教研组", "学校"])
    grades = ("初一", "初二", "初三", "高一", "高二", "高三", "三年级", "四年级", "五年级", "六年级")
    rows = 0
    per_term = LOG_ROWS_PER_FILE // 2
    for term in terms:
        teachers = teachers_by_term[term]
        first, last = term_days(term)
        span = (last - first).days
        for _ in range(per_term):
            rows += 1
            day = first + dt.timedelta(days=rng.randrange(span + 1))
            observer = rng.choice(teachers)
            teacher = rng.choice(teachers)
            roll = rng.random()
            date_value = _date_cell(sheet, day) if roll > 0.01 else f"{day.year}.{day.month}.{day.day}"
            lessons = None if roll < 0.05 else (2 if roll > 0.97 else 1)
            sheet.append([rows, date_value, observer.key, teacher.key, GROUP_SUBJECTS[teacher.group],
                          f"{rng.choice(grades)}({rng.randint(1, 12)})班", rng.randint(1, 8), lessons,
                          observer.group, observer.school])
    _save(book, path)
    return rows


def write_papers(path: Path, rng: random.Random, teachers_by_term: dict[str, list[Teacher]]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("论文获奖")
    sheet.append(["越城区教师论文获奖汇总"])
    sheet.append(["序号", "论文题目", "作者", "学校", "获奖等级", "获奖时间"])
    for number in range(1, PAPERS + 1):
        term = TERMS[number * len(TERMS) // (PAPERS + 1)]
        pool = teachers_by_term[term]
        authors = rng.sample(pool, rng.choice((1, 1, 1, 2, 3)))
        subject = GROUP_SUBJECTS[authors[0].group]
        title = f"{rng.choice(TOPICS)}视角下{subject}{rng.choice(TOPICS)}的实践研究（{number}）"
        first, last = term_days(term)
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        sheet.append([number, title, "、".join(a.key for a in authors), authors[0].school, rng.choice(AWARDS),
                      f"{day.year}.{day.month:02d}"])
    _save(book, path)
    return PAPERS


def write_projects(path: Path, rng: random.Random, teachers: list[Teacher]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("课题")
    sheet.append(["越城区教育科研课题一览"])
    sheet.append(["课题编号", "课题名称", "负责人", "课题组成员", "课题级别", "课题状态", "立项时间", "计划结题时间", "结题时间",
                  "学校"])
    for number in range(1, PROJECTS + 1):
        leader = rng.choice(teachers[:TEACHERS])
        members = rng.sample(teachers[:TEACHERS], rng.randint(0, 4))
        approved = dt.date(rng.randint(2020, 2024), rng.choice((3, 6, 9, 12)), 1)
        planned = dt.date(approved.year + 2, approved.month, 1)
        stage = rng.choice(STAGES)
        concluded = dt.date(min(planned.year, 2025), rng.randint(1, 12), 1) if stage == "结题" else None
        subject = GROUP_SUBJECTS[leader.group]
        sheet.append([f"YC{approved.year}{number:05d}",
                      f"基于{rng.choice(TOPICS)}的{subject}{rng.choice(TOPICS)}研究（{number}）",
                      leader.key, "、".join(m.key for m in members if m.key != leader.key),
                      rng.choice(PROJECT_LEVELS), stage, f"{approved.year}.{approved.month:02d}",
                      f"{planned.year}.{planned.month:02d}",
                      f"{concluded.year}.{concluded.month:02d}" if concluded else None, leader.school])
    _save(book, path)
    return PROJECTS


def write_mentoring(path: Path, rng: random.Random, teachers_by_term: dict[str, list[Teacher]]) -> int:
    """师徒结对 per 学年: in each school and group, young teachers paired with experienced ones."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("师徒结对")
    sheet.append(["越城区师徒结对名单"])
    sheet.append(["序号", "学校", "教研组", "师傅", "徒弟", "学年"])
    rows = 0
    for term in TERMS[::2]:
        teams: dict[tuple[str, str], list[Teacher]] = {}
        for teacher in teachers_by_term[term]:
            teams.setdefault((teacher.school, teacher.group), []).append(teacher)
        for (school, group), members in sorted(teams.items()):
            young = [t for t in members if t.birth.year >= 1993]
            old = [t for t in members if t.birth.year < 1982]
            for mentee in young[:rng.randint(1, 3)]:
                if old:
                    rows += 1
                    sheet.append([rows, school, group, rng.choice(old).key, mentee.key, f"{term[:9]}"])
    _save(book, path)
    return rows


def write_tasks(path: Path, rng: random.Random, teachers_by_term: dict[str, list[Teacher]]) -> int:
    """个人任务: one count table per term (the term in the sheet name)."""
    book = Workbook(write_only=True)
    rows = 0
    for term in TERMS:
        first, second, half = term.split("-")
        sheet = book.create_sheet(f"{first}-{second}学年第{'一' if half == '1' else '二'}学期")
        sheet.append(["序号", "姓名", "学校", "教研组", "读书笔记", "教学反思", "随笔", "博文", "微课"])
        for number, teacher in enumerate(teachers_by_term[term], 1):
            rows += 1
            sheet.append([number, teacher.key, teacher.school, teacher.group, rng.randint(0, 3), rng.randint(1, 6),
                          rng.randint(0, 3), rng.randint(0, 18), rng.randint(0, 2)])
    _save(book, path)
    return rows


def write_training(path: Path, rng: random.Random, teachers_by_term: dict[str, list[Teacher]]) -> int:
    """Every term's trainings: 起止日期 as one text, 学时, 级别 and 形式."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("培训学时")
    sheet.append(["越城区教师培训学时登记"])
    sheet.append(["序号", "姓名", "学校", "培训项目", "级别", "培训形式", "起止日期", "学时"])
    levels = ("国家级", "省级", "市级", "区县级", "校级")
    rows = 0
    for term in TERMS:
        first, last = term_days(term)
        span = (last - first).days - 5
        for teacher in teachers_by_term[term]:
            for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
                rows += 1
                start = first + dt.timedelta(days=rng.randrange(span))
                end = start + dt.timedelta(days=rng.choice((0, 1, 4)))
                hours = 90 if rng.random() < 0.02 else rng.choice((6, 8, 12, 16, 24, 30))
                sheet.append([rows, teacher.key, teacher.school, f"{rng.choice(TOPICS)}专题培训", rng.choice(levels),
                              rng.choice(("集中", "网络", "校本")),
                              f"{start.year}.{start.month}.{start.day}-{end.year}.{end.month}.{end.day}", hours])
    _save(book, path)
    return rows


def write_activities(path: Path, rng: random.Random, teachers_by_term: dict[str, list[Teacher]]) -> int:
    """Every school's and group's activities per term, the attendees listed in one cell."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("教研活动")
    sheet.append(["越城区教研组活动记录"])
    sheet.append(["序号", "学校", "教研组", "日期", "主题", "主讲人", "参加人员"])
    rows = 0
    for term in TERMS:
        first, last = term_days(term)
        members: dict[tuple[str, str], list[str]] = {}
        for teacher in teachers_by_term[term]:
            members.setdefault((teacher.school, teacher.group), []).append(teacher.key)
        for (school, group), keys in sorted(members.items()):
            days = sorted(rng.sample(range((last - first).days), ACTIVITIES_PER_TERM))
            for number, offset in enumerate(days, 1):
                rows += 1
                present = [key for key in keys if rng.random() < 0.9] or keys[:1]
                sheet.append([rows, school, group, _date_cell(sheet, first + dt.timedelta(days=offset)),
                              f"{rng.choice(TOPICS)}研讨（{number}）", rng.choice(keys), "、".join(present)])
    _save(book, path)
    return rows


def _write_one(name: str, kind: str, seed: int, out: Path) -> tuple[str, dict, float]:
    """Write one file (in a worker process): the model is rebuilt from the seed."""
    started = time.perf_counter()
    rng = random.Random(seed)
    teachers = make_teachers(rng)
    by_term = rosters(rng, teachers)
    path = out / name
    if kind == "roster":
        term = name.removeprefix("名册_").removesuffix(".xlsx")
        rows = write_roster(path, term, by_term[term])
    elif kind == "observations":
        index = int(name.removeprefix("听课记录_")[:4]) - int(TERMS[0][:4])
        rows = write_log(path, random.Random(seed + 100 + index), (TERMS[2 * index], TERMS[2 * index + 1]), by_term)
    elif kind == "papers":
        rows = write_papers(path, random.Random(seed + 200), by_term)
    elif kind == "mentoring":
        rows = write_mentoring(path, random.Random(seed + 400), by_term)
    elif kind == "tasks":
        rows = write_tasks(path, random.Random(seed + 500), by_term)
    elif kind == "training":
        rows = write_training(path, random.Random(seed + 600), by_term)
    elif kind == "activities":
        rows = write_activities(path, random.Random(seed + 700), by_term)
    else:
        rows = write_projects(path, random.Random(seed + 300), teachers)
    return name, {"kind": kind, "rows": rows}, time.perf_counter() - started


def plan() -> list[tuple[str, str]]:
    """(file name, kind) of every file, biggest first."""
    logs = [(f"听课记录_{TERMS[2 * i][:4]}学年.xlsx", "observations") for i in range(LOG_FILES)]
    return [*logs, ("论文获奖.xlsx", "papers"), ("课题.xlsx", "projects"), ("个人任务.xlsx", "tasks"),
            ("师徒结对.xlsx", "mentoring"), ("培训学时.xlsx", "training"), ("教研活动.xlsx", "activities"),
            *((f"名册_{term}.xlsx", "roster") for term in TERMS)]


def generate(out: Path = OUT, seed: int = SEED, log=print) -> dict:
    """Write every file, one worker per core; returns the manifest (file -> kind, rows)."""
    from concurrent.futures import ProcessPoolExecutor

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(os.cpu_count() or 1, 4))) as pool:
        jobs = [pool.submit(_write_one, name, kind, seed, out) for name, kind in plan()]
        for job in jobs:
            name, info, seconds = job.result()
            files[name] = info
            log(f"  生成 {name}：{info['rows']} 行，{(out / name).stat().st_size / 2**20:.1f} MB，{seconds:.1f} 秒")
    manifest = {"seed": seed, "version": VERSION, "files": dict(sorted(files.items()))}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def ensure(out: Path = OUT, seed: int = SEED, regenerate: bool = False, log=print) -> dict:
    """The manifest of the data in ``out``, generating it when missing or stale."""
    path = out / "manifest.json"
    if not regenerate and path.exists():
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("seed") == seed and manifest.get("version") == VERSION and all(
                (out / name).exists() for name in manifest["files"]):
            log(f"复用已生成的数据（{out}，种子 {seed}）。")
            return manifest
    log(f"生成区级规模数据到 {out}（种子 {seed}）：")
    return generate(out, seed, log)


def log_files(manifest: dict) -> list[str]:
    """The 听课 workbooks, the P1 file first."""
    return sorted(name for name, info in manifest["files"].items() if info["kind"] == "observations")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="生成区级规模的基准测试数据（写入 bench/out/）")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    generate(args.out, args.seed)
