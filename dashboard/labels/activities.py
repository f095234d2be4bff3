"""Labels of 教研活动: the page's title, cards, sections, charts, tables and downloads, and the
columns, 总览 cards and reminder items of :mod:`dashboard.activities`."""

# ------------------------------------------------------------ the page (pages/activities.py)

TITLE = "教研活动"
HELD_CARD = "已开展"
TIMES_VALUE = "{}次"
PLANNED_CARD = "计划"
ATTENDANCE_CARD = "平均出勤率"
LOW_ATTENDANCE_CARD = "出勤率低于{:.0%}"
PEOPLE_VALUE = "{}人"
GROUPS_HELD_SECTION = "各教研组开展情况"
GROUPS_HELD_CHART = "已开展次数（括号内为计划）"
GROUP_AXIS = "教研组"
TIMES_AXIS = "次数"
GROUPS_FILE = "教研活动_各教研组"
GROUPS_SECTION = "各教研组"
GROUPS_TABLE = "各教研组教研活动"
MEMBERS_SECTION = "组员出勤与主讲"
MEMBERS_FILE = "教研活动_组员出勤"
MEMBERS_TABLE = "组员出勤与主讲"
RECORDS_EXPANDER = "本学期的教研活动（{} 次）"
RECORDS_FILE = "教研活动记录"
RECORDS_TABLE = "本学期教研活动"
UNMATCHED_EXPANDER = "不计入的活动：教研组不在本学期名册中（{} 次）"
UNMATCHED_FILE = "不计入的教研活动"
UNMATCHED_TABLE = "教研组不在名册中的活动"

# ------------------------------------------------------------ tables, cards and reminders (dashboard/activities.py)
#: the columns of the group, member, activity and profile tables
LABELS = {
    "title": "教研活动", "date": "活动日期", "group": "教研组", "topic": "主题", "host": "主讲/主持",
    "attendees": "参加人员", "absentees": "缺席/请假", "attendance": "出勤依据", "place": "地点",
    "term_label": "学期", "held": "已开展", "planned": "计划", "done_rate": "完成率", "name": "姓名",
    "attended": "参加次数", "counted": "应参加次数", "rate": "出勤率", "hosted": "主讲/主持次数",
    "low_text": "出勤偏低", "source_file": "来源文件", "source_sheet": "工作表", "source_row": "行号",
    "unknown_topic": "（未写主题）", "mean_rate": "平均出勤率", "low_count": "出勤偏低人数", "sources": "来源",
}
ATTENDANCE_TEXT = {"名单": "参加人员名单", "缺席": "缺席/请假名单（其余组员计为参加）", "全体": "全体组员参加"}
LOW_ATTENDANCE_OVERVIEW_CARD = "教研出勤偏低"
PEOPLE_VALUE = "{}人"
REMINDER_ITEM = "教研活动出勤"
#: the threshold, the activities needed, the activities counted
REMINDER_REQUIRED = "出勤率≥{:.0%}（{}/{}次）"
MISSED_VALUE = "缺{}次"
