"""The data contract: the canonical vocabulary every figure is defined in.

Code and docs both point here.  The rules in prose:

Terms
    Canonical id ``YYYY-YYYY-N``; term 1 (第一学期) runs 09-01 .. 01-31,
    term 2 (第二学期) runs 02-01 .. 08-31.  Every date belongs to one term.
    Displayed as ``2024-2025学年第一学期``.
Teachers
    Key = the name with all whitespace removed, full-width brackets made
    half-width, a trailing 老师 dropped.  The roster (教师名册) is the
    authority; for term T the roster is the latest roster term ≤ T, else
    the earliest.  A name that fits no roster key, or several, is
    *unmatched*: reported, never counted.
听课
    A teacher's count = Σ 节数 of their (de-duplicated) log rows in T
    (blank 节数 = 1); with no log rows, the summary value.  Quota from the
    ordered rules in ``quota_rules.toml`` (first match wins).
论文
    One record = one paper-award.  Counts for this school when at least one
    author matches the roster.  Levels and grades below.
课题
    Stages below; in_progress / new / concluded / overdue as in
    :mod:`dashboard.metrics`.
"""

from __future__ import annotations

KINDS = ("roster", "observations", "papers", "projects")
KIND_LABELS = {
    "roster": "教师名册",
    "observations": "听课记录",
    "papers": "论文",
    "projects": "课题",
}

LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
GRADES = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "发表", "其他")
STAGES = ("申报", "立项", "开题", "中期", "结题", "延期", "终止")
#: Levels counted as "区级及以上" in the term report.
DISTRICT_AND_ABOVE = ("国家级", "省级", "市级", "区县级")

LEADER_ROLES = ("校长", "副校长", "主任", "副主任")

#: Rows whose first non-empty cell starts with one of these are totals or
#: notes, never data.
NON_DATA_MARKERS = ("合计", "小计", "总计", "备注", "说明", "注：", "注:")

#: Canonical field -> accepted header spellings (compared with all
#: whitespace removed).  Where two columns name one field, the spelling
#: listed first wins (a roster with both 教研组 and 学科 takes 教研组).
SCHOOL_SPELLINGS = ("学校", "学校名称", "所在学校", "当前任教学校")

COLUMN_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "roster": {
        "name": ("姓名", "教师姓名", "姓名（按笔画排序）", "姓名(按笔画排序)", "教师"),
        "group": ("教研组", "学科组", "所在教研组", "所属教研组", "教研组别", "组别", "学科/部门", "部门",
                  "任教学科", "学科"),
        "role": ("职务", "行政职务", "担任职务", "现任职务"),
        "birth_date": ("出生年月", "出生日期", "出生年月日", "生日"),
        "work_start": ("参加工作时间", "参加工作年月", "工作时间", "参工时间", "入职时间"),
        "title": ("职称", "专业技术职务", "教师职称", "现专业技术职务及取得时间", "专业技术职称"),
        "term": ("学期",),
        "gender": ("性别",),
    },
    "observations": {
        "date": ("日期", "听课日期", "听课时间"),
        "observer": ("听课人", "听课教师", "听课者", "听课老师", "听课人姓名", "听课教师姓名"),
        "teacher": ("授课教师", "执教教师", "上课老师", "上课教师", "授课人", "执教者", "执教人", "开课教师",
                    "授课老师", "执教老师", "被听课教师", "开课人"),
        "subject": ("学科", "科目", "课程名称"),
        "class_name": ("班级", "上课班级", "授课班级"),
        "period": ("节次", "第几节"),
        "lessons": ("节数", "听课节数", "听课次数", "次数", "听课总节数", "本学期听课节数", "总节数", "合计", "总计",
                    "累计", "累计节数"),
        "name": ("姓名", "教师姓名", "教师"),
        "group": ("教研组", "学科组", "组别"),
        "term": ("学期",),
        "topic": ("课题", "上课内容", "课题内容"),
    },
    "papers": {
        "title": ("论文题目", "题目", "论文名称", "论文", "篇名", "论文篇名", "论文标题", "作品名称",
                  "获奖课题、论文篇(题)名", "发表论文篇(题)名", "成果名称"),
        "authors": ("作者", "教师", "姓名", "获奖教师", "获奖者", "作者姓名", "获奖人", "教师姓名"),
        "award": ("获奖级别", "等级", "奖项", "奖次", "获奖等级", "获奖情况", "获奖等第", "等第",
                  "获奖等次", "等次", "奖级", "发表刊物名称、时间及刊号或获奖时间、等级"),
        "level": ("级别", "论文级别", "评比级别", "获奖层次", "层次"),
        "date": ("获奖时间", "发表时间", "日期", "时间", "期号"),
        "journal": ("发表刊物", "刊物名称", "发表报刊名", "刊物", "报刊名称"),
        "term": ("学期",),
        "unit": ("单位", "作者单位"),
        "subject": ("学科", "申报学科"),
        "book": ("书目", "出版社"),
    },
    "projects": {
        "title": ("课题名称", "课题", "项目名称", "课题题目", "成果名称", "课题名"),
        "leader": ("负责人", "主持人", "课题负责人", "主持人姓名", "课题主持人", "负责人姓名"),
        "members": ("成员", "课题组成员", "主要参与者", "主要参与者（限5人）", "参与者", "执笔人"),
        "level": ("级别", "课题级别", "立项级别", "类别", "类别（学科）"),
        "stage": ("状态", "阶段", "进展", "研究阶段", "课题状态", "结题等级"),
        "approved_date": ("立项时间", "立项年度", "立项日期", "立项年月", "立项年份"),
        "planned_end_date": ("计划结题时间", "预计结题时间", "计划完成时间"),
        "concluded_date": ("结题时间", "结题日期"),
        "code": ("编号", "立项序号", "课题编号", "序号"),
        "award": ("获奖情况", "奖次"),
        "unit": ("单位", "成果单位"),
    },
}

for _fields in COLUMN_SYNONYMS.values():
    _fields["school"] = SCHOOL_SPELLINGS

#: Fields a block needs before its rows can be read as that kind.
REQUIRED_FIELDS = {
    "roster": ("name",),
    "observations": (),  # log: observer; summary: name + lessons (checked in loader)
    "papers": ("authors",),
    "projects": ("title", "leader"),
}

#: Words in a file name or title that hint at the kind.
KIND_HINTS = {
    "roster": ("名册", "花名册", "教师名单", "职称", "岗位"),
    "observations": ("听课",),
    "papers": ("论文",),
    "projects": ("课题", "立项", "结题"),
}


def term_label(term: str) -> str:
    """Display form of a canonical term id.

    >>> term_label("2024-2025-1")
    '2024-2025学年第一学期'
    """
    first, second, half = term.split("-")
    return f"{first}-{second}学年第{'一' if half == '1' else '二'}学期"


#: Canonical columns of each kind's frame, in order (source columns last).
SCHEMAS: dict[str, tuple[str, ...]] = {
    "roster": ("term", "name", "name_key", "group", "role", "birth_date", "work_start", "title"),
    "observations": ("shape", "term", "date", "observer", "observer_key", "teacher", "subject",
                     "class_name", "period", "lessons", "group"),
    "papers": ("record", "term", "title", "authors", "level", "grade", "date", "journal", "unit", "kind"),
    "projects": ("code", "title", "leader", "leader_key", "members", "level", "stage", "approved_date",
                 "planned_end_date", "concluded_date", "unit"),
}
SOURCE_COLUMNS = ("school", "source_sheet", "source_row")
