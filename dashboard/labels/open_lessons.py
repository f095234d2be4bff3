"""Labels of 公开课: the page's title, sections, tables and downloads, the cards and charts
:mod:`dashboard.open_lessons_view` builds for it, and the tables, cards and report/profile sections
of :mod:`dashboard.open_lessons` (column labels of the kind's fields from its declaration)."""

from dashboard.contract import LEVEL_UNKNOWN
from dashboard.kinds.open_lessons import KIND

_FIELDS = {field.name: field.label for field in KIND.fields}

# ------------------------------------------------------------ the page (pages/open_lessons.py)
TITLE = KIND.label
GROUPS_SECTION = "各教研组公开课"
GROUPS_CHART = "各教研组公开课节数"
GROUPS_FILE = "各教研组公开课"
GROUPS_TABLE = "各教研组公开课"
TYPES_SECTION = "课型"
TYPES_FILE = "公开课课型"
TEACHERS_SECTION = "教师公开课进度"
TEACHERS_FILE = "教师公开课进度"
TEACHERS_TABLE = "教师公开课进度"
OBSERVED_SECTION = "被听课"
LESSONS_EXPANDER = "公开课明细（{} 节）"
LESSONS_FILE = "公开课明细"
LESSONS_TABLE = "公开课明细"
UNMATCHED_EXPANDER = "不计入的公开课：授课教师不在本学期名册中（{} 节）"
UNMATCHED_FILE = "不计入的公开课"
UNMATCHED_TABLE = "授课教师不在名册中的公开课"

# ------------------------------------------------------------ cards and charts (dashboard/open_lessons_view.py)
LESSONS_CARD = "公开课节数"
RATE_CARD = "公开课完成率"
OWED_CARD = "尚未完成的教师"
NEVER_CARD = "从未被听课"
PEOPLE_VALUE = "{} 人"
RATE_COLUMN = "完成率"
TYPES_CHART = "各课型节数"
GROUP_AXIS = "教研组"
TYPE_AXIS = "课型"
LESSONS_AXIS = "节数"

# ------------------------------------------------------------ tables, cards and sections (dashboard/open_lessons.py)
LABEL = KIND.label
#: where a lesson was listed
FROM_LIST, FROM_LOG = "公开课名单", "听课记录"
UNKNOWN_LEVEL = LEVEL_UNKNOWN
LESSON_COLUMNS = {"date": _FIELDS["date"], "teacher_key": _FIELDS["teacher"], "group": _FIELDS["group"],
                  **{key: _FIELDS[key] for key in ("lesson_type", "level", "topic", "subject", "class_name", "period")},
                  "observers": "听课人数", "sources": "来源"}
TEACHER_COLUMNS = {"name_key": "姓名", "group": "教研组", "age": "年龄", "quota_rule": "要求", "quota": "应上节数",
                   "count": "已上节数", "owed": "还差", "observed_lessons": "被听课节数", "observers": "听课人数"}
GROUP_COLUMNS = {"group": "教研组", "lessons": "公开课节数", "quota_teachers": "应上公开课人数", "quota_met": "已完成人数",
                 "rate": RATE_COLUMN, "never_observed": "从未被听课人数"}
UNMATCHED_COLUMNS = {"date": _FIELDS["date"], "teacher": _FIELDS["teacher"], "lesson_type": _FIELDS["lesson_type"],
                     "class_name": _FIELDS["class_name"], "sources": "来源"}
REMINDER_ITEM = KIND.label
#: the rule and the lessons it asks for
REMINDER_REQUIRED = "{}每学期至少 {} 节"
#: 教师档案: term, open lessons given, times observed, observers
PROFILE_COLUMNS = ["学期", "公开课节数", "被听课节数", "听课人数"]
PROFILE_HEADING = "公开课与被听课"
PROFILE_LESSONS_HEADING = "上过的公开课"
