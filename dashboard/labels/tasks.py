"""Labels of 个人任务: the page's title, cards, sections, tables and downloads, and the columns,
总览 cards and reminder items of :mod:`dashboard.tasks` (record columns from the kind's declaration)."""

from dashboard.kinds.tasks import KIND

_FIELDS = {field.name: field.label for field in KIND.fields}

# ------------------------------------------------------------ the page (pages/tasks.py)

TITLE = "个人任务"
PIECES_VALUE = "{} 篇"
CATEGORIES_SECTION = "各类别完成情况"
CATEGORIES_FILE = "个人任务_各类别"
CATEGORIES_TABLE = "个人任务各类别完成情况"
BEHIND_SECTION = "未达要求"
BEHIND_FILE = "个人任务未达要求"
BEHIND_TABLE = "个人任务未达要求"
TEACHERS_SECTION = "每位教师"
TEACHERS_FILE = "个人任务_每位教师"
TEACHERS_TABLE = "个人任务（每位教师）"
RULES_EXPANDER = "本校的要求（data/task_rules.toml）"
RECORDS_EXPANDER = "本学期的记录（{} 条）"
RECORDS_FILE = "个人任务记录"
RECORDS_TABLE = "个人任务记录"

# ------------------------------------------------------------ tables, cards and reminders (dashboard/tasks.py)
#: the kind's name, heading and status words
TEXT = {
    "item": "个人任务",
    "heading": "个人任务",
    "count": "篇数",
    "target": "要求",
    "gap": "还差",
    "rule": "适用要求",
    "unknown_target": "无要求",
}
STATUS_COLUMNS = {"name_key": "姓名", "group": "教研组", "category": "类别", "count": "已完成", "target": "要求",
                  "gap": "还差", "rule": "适用要求"}
RECORD_COLUMNS = {**{key: _FIELDS[key] for key in ("term", "name", "category", "date", "title", "words", "count")},
                  "source_file": "来源文件", "source_sheet": "工作表", "source_row": "行"}
#: per category: handed in, teachers with a target, met, not met
CATEGORY_COLUMNS = ["类别", "提交篇数", "有要求的教师", "达标", "未达标"]
BEHIND_OVERVIEW_CARD = "个人任务未达要求"
BEHIND_HEADING = "个人任务未达要求的教师"
PEOPLE_VALUE = "{} 人"
#: a category card's note: met / teachers with a target
MET_DELTA = "{}/{} 人达标"
