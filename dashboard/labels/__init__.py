"""Every Chinese label a user reads and every number format, in one place: this package.

Here: the labels of computed tables (pace, matrices, trends, profiles, the import preview and
history, the reminder lists) and the number formats (percent, 学时).  One module per subject holds
the rest: each page's title, cards, sections, chart and axis titles, widget labels and download
names, and the tables and cards its pure module builds (``observations``, ``papers``, ``projects``,
``profile``, ``overview``, ``report``, ``district``, ``quality``, ``importing``, ``accounts``,
``training``, ``activities``, ``mentoring``, ``tasks``, ``open_lessons``), the shared sidebar and
downloads (``common``) and what the chart builders write (``charts``).  A package rather than one
file because together they are some 850 lines.  Field labels of the kinds come from their
declarations (:mod:`dashboard.kinds`), and labels built from them are taken from there.  Modules that
use a label import it from here (their old names stay importable from them).  Plain constants and
formatting functions: importing any of these loads neither pandas, Streamlit nor the store.
"""

from __future__ import annotations

# ------------------------------------------------------------ breakdowns

UNKNOWN = "未注明"

TOTAL = "合计"

SOURCE_COLUMNS = {"source_file": "来源文件", "source_sheet": "工作表", "source_row": "行号"}

TEACHER_COLUMNS = {"name_key": "姓名", "group": "教研组", "role": "职务", "title": "职称", "age": "年龄",
                   "quota": "任务节数", "quota_rule": "任务依据", **SOURCE_COLUMNS}

LESSON_COLUMNS = {"date": "日期", "observer_key": "听课人", "teacher_key": "计入教师", "teacher": "授课教师",
                  "subject": "学科", "class_name": "班级", "period": "节次", "lessons": "节数", **SOURCE_COLUMNS}

SUMMARY_COLUMNS = {"observer_key": "姓名", "lessons": "汇总节数", **SOURCE_COLUMNS}

UNMATCHED_COLUMNS = {"date": "日期", "observer": "听课人", "lessons": "节数", "reason": "未计入原因", **SOURCE_COLUMNS}

PAPER_COLUMNS = {"term": "学期", "title": "论文题目", "authors": "作者", "matched_authors": "本校作者", "groups": "教研组",
                 "level": "级别", "grade": "等次", "date": "获奖/发表时间", "journal": "刊物", **SOURCE_COLUMNS}

PROJECT_COLUMNS = {"title": "课题名称", "leader_key": "负责人", "group": "教研组", "members": "成员", "level": "级别",
                   "stage": "阶段", "approved_date": "立项时间", "planned_end_date": "计划结题时间",
                   "concluded_date": "结题时间", "status": "本学期状态", "sources": "来源（文件与行）"}

#: KPI -> what its card is called
KPI_LABELS = {"teachers": "教师数", "lessons": "听课总节数", "met_rate": "听课达标率", "papers": "论文获奖/发表篇数",
              "in_progress": "在研课题", "new": "新立项", "concluded": "本学期结题", "overdue": "逾期未结题"}

PACE_COLUMNS = {"name_key": "姓名", "group": "教研组", "count": "已听节数", "quota": "任务节数", "quota_rule": "任务依据",
                "progress": "完成进度", "expected": "按进度应完成", "pace_gap": "落后进度节数", "owed": "尚欠节数",
                "source": "计数来源", **SOURCE_COLUMNS}

GROUP_RATE_COLUMNS = {"group": "教研组", "teachers": "教师数", "met": "达标人数", "rate": "达标率",
                      "lessons": "听课节数", "owed": "尚欠节数"}

#: a week of the term in the weekly 听课 table
WEEK_LABEL = "第{}周"

WEEK_COLUMNS = {"label": "周次", "week_start": "周一日期", "lessons": "听课节数", "records": "记录条数"}

OVERDUE_COLUMNS = {"title": "课题名称", "leader_key": "负责人", "group": "教研组", "level": "级别", "stage": "阶段",
                   "planned_end_date": "计划结题时间", "days_overdue": "已逾期天数", "sources": "来源（文件与行）"}

TREND_COLUMNS = {"label": "学期", "teachers": "教师数", "lessons": "听课总节数", "met": "达标人数", "met_rate": "听课达标率",
                 "papers": "论文篇数", "awards": "获奖", "published": "发表", "in_progress": "在研课题", "new": "新立项",
                 "concluded": "本学期结题", "overdue": "逾期未结题", "close_rate": "结题率"}

PROFILE_OBS_COLUMNS = {"label": "学期", "count": "已听节数", "quota": "任务节数", "quota_rule": "任务依据",
                       "met_text": "是否达标", "source": "计数来源", "group": "教研组"}

# ------------------------------------------------------------ importing

#: Chinese name of each canonical field, per kind (the column-meaning picker).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "roster": {
        "name": "姓名", "group": "教研组", "role": "职务", "birth_date": "出生年月", "work_start": "参加工作时间",
        "title": "职称", "term": "学期", "gender": "性别", "school": "学校",
    },
    "observations": {
        "date": "听课日期", "observer": "听课人", "teacher": "授课教师", "subject": "学科", "class_name": "班级",
        "period": "节次", "lessons": "节数（汇总表：学期听课总节数）", "name": "姓名（汇总表的教师）",
        "group": "教研组", "term": "学期", "topic": "课题（上课内容）", "school": "学校",
        "submitter": "提交人（表单没有听课人时作听课人）", "submitted_at": "提交时间（表单没有听课日期时作日期）",
        "headcount": "人数（教研组合计表）",
    },
    "papers": {
        "title": "论文题目", "authors": "作者", "award": "获奖等级（如“市级一等奖”）", "level": "论文级别",
        "date": "获奖/发表时间", "journal": "发表刊物", "term": "学期", "unit": "单位", "subject": "学科",
        "book": "书目（著作，不计入论文）", "school": "学校（作者单位，记入单位）",
        "category": "类别（论文、教学设计、优质课、课件……）",
    },
    "projects": {
        "title": "课题名称", "leader": "负责人", "members": "课题组成员", "level": "课题级别", "stage": "课题阶段（状态）",
        "approved_date": "立项时间", "planned_end_date": "计划结题时间", "concluded_date": "结题时间",
        "code": "课题编号", "award": "获奖情况", "unit": "单位", "school": "学校（课题单位，记入单位）",
    },
}

#: Chinese header of each canonical frame column (preview and quality tables).
COLUMN_LABELS: dict[str, str] = {
    "term": "学期", "name": "姓名", "name_key": "匹配用姓名", "group": "教研组", "role": "职务",
    "birth_date": "出生年月", "work_start": "参加工作时间", "title": "名称/职称", "shape": "形式",
    "date": "日期", "observer": "听课人", "observer_key": "匹配用听课人", "teacher": "授课教师", "subject": "学科",
    "class_name": "班级", "period": "节次", "lessons": "节数", "record": "记录号", "authors": "作者",
    "level": "级别", "grade": "等次", "journal": "刊物", "unit": "单位", "kind": "获奖或发表", "category": "类别",
    "code": "编号",
    "leader": "负责人", "leader_key": "匹配用负责人", "members": "成员", "stage": "阶段",
    "approved_date": "立项时间", "planned_end_date": "计划结题时间", "concluded_date": "结题时间",
    "source_sheet": "工作表", "source_row": "行", "source_file": "文件", "batch_id": "批次",
}

#: Per kind, a frame column's Chinese header where it differs from COLUMN_LABELS.
KIND_COLUMN_LABELS = {"roster": {"title": "职称"}, "papers": {"title": "论文题目"}, "projects": {"title": "课题名称"}}

VALUE_LABELS = {
    "shape": {"log": "明细", "summary": "汇总"},
    "kind": {"award": "获奖", "publication": "发表"},
}

SEVERITY_LABELS = {"error": "未导入", "skipped": "已跳过", "warning": "请核对", "info": "说明"}

PROBLEM_HEADERS = {"file": "文件", "sheet": "工作表", "row": "行", "column": "列", "message": "问题", "severity": "处理"}

#: the tables found in a previewed file: sheet, header row, data rows, recognised columns
TABLES_COLUMNS = ["工作表", "表头行", "数据行", "识别的列"]
#: a table read without a header row
NO_HEADER_ROW = "无表头（按内容推断）"

HISTORY_HEADERS = {"id": "批次", "created_at": "导入时间", "filename": "文件", "kind": "类型", "term": "学期",
                   "rows": "行数", "problems": "问题数"}
#: the history's school column, when the batches name two or more schools
HISTORY_SCHOOL_HEADER = "学校"

# ------------------------------------------------------------ reminders

REMINDER_BEHIND_COLUMNS = ["姓名", "已听节数", "任务节数", "还差节数", "每周至少需听"]

#: what a member still owes of a declared kind (公开课, 培训学时, 教研活动 …): one row per item
OWED_NAME = "姓名"
OWED_ITEM = "事项"
OWED_REQUIRED = "要求"
OWED_DONE = "已完成"
OWED_LEFT = "还差"
REMINDER_COLUMNS = [OWED_NAME, OWED_ITEM, OWED_REQUIRED, OWED_DONE, OWED_LEFT]

# ------------------------------------------------------------ report_text

OTHER_GRADE_LABEL = "其他（入选、交流等）"

#: the 任务依据 of a teacher without 出生年月 when an age rule came before the one that matched
AGE_UNKNOWN_RULE = "出生年月不明，暂按{rule}"


# ------------------------------------------------------------ number formats

def percent_text(value: float | None) -> str:
    """A share as the pages write it.

    >>> percent_text(0.7045), percent_text(None)
    ('70.5%', '—')
    """
    return "—" if value is None else f"{value * 100:.1f}%"


def hours_text(value: float) -> str:
    """学时 as shown: whole numbers without decimals, others with one.

    >>> hours_text(72.0), hours_text(7.25), hours_text(0)
    ('72', '7.2', '0')
    """
    value = round(float(value), 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def whole_percent_text(value: float | None) -> str:
    """A rate as the 公开课 page and cards write it: no decimals.

    >>> whole_percent_text(0.5), whole_percent_text(None)
    ('50%', '—')
    """
    return "—" if value is None or value != value else f"{value * 100:.0f}%"


def report_percent(value: float | None) -> str:
    """A rate as the report writes it.

    >>> report_percent(0.7037), report_percent(1.0), report_percent(0.5), report_percent(None)
    ('70.4%', '100%', '50%', '—')
    """
    if value is None:
        return "—"
    text = f"{value * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"

#: Fields a kind's vocabulary reads but does not store under that name (the column-meaning picker
#: of a declared kind, after its declaration's field labels).
READ_FIELD_LABELS: dict[str, str] = {
    "school": "学校", "submitter": "提交人（表单没有姓名列时作本人）", "submitted_at": "提交时间", "group": "教研组",
    "date": "日期", "term": "学期", "pair": "师徒（一格写两人）", "school_year": "学年", "period": "起止学期",
    "total": "合计（不导入，用来核对）", "n_reading": "读书笔记（篇数）", "n_reflection": "教学反思（篇数）",
    "n_essay": "随笔（篇数）", "n_blog": "博文（篇数）", "n_micro": "微课（篇数）", "n_other": "其他（篇数）",
    "id_number": "身份证号（只用来取出生年月，不另存）",
}
