"""Labels of 培训学时: the page's title, cards, sections, charts, tables and downloads, and the
columns, 总览 cards and reminder items of :mod:`dashboard.training`."""

# ------------------------------------------------------------ the page (pages/training.py)

TITLE = "培训学时"
HOURS_TERM_CARD = "本学期学时"
HOURS_PER_TEACHER_CARD = "人均学时"
TARGET_MET_CARD = "学年达标"
NINETY_HOURS_CARD = "90学时培训"
NINETY_HOURS_VALUE = "{}人（{:.0%}）"
YEAR_ELAPSED_CARD = "学年已过"
BY_LEVEL_SECTION = "本学期学时（按级别）"
BY_LEVEL_CHART = "本学期培训学时（按级别）"
LEVEL_AXIS = "级别"
HOURS_AXIS = "学时"
BY_LEVEL_FILE = "培训学时按级别"
GROUPS_SECTION = "各教研组"
GROUPS_FILE = "培训学时_各教研组"
GROUPS_TABLE = "各教研组培训学时"
TEACHERS_SECTION = "每位教师"
TEACHERS_FILE = "培训学时_每位教师"
TEACHERS_TABLE = "每位教师培训学时"
RECORDS_EXPANDER = "本学期的培训记录（{} 条）"
RECORDS_FILE = "培训记录"
RECORDS_TABLE = "本学期培训记录"
UNKNOWN_HOURS_EXPANDER = "学时不明的培训（{} 条，不计入合计）"
UNKNOWN_HOURS_FILE = "学时不明的培训"
UNKNOWN_HOURS_TABLE = "学时不明的培训"
UNMATCHED_EXPANDER = "不计入的培训：姓名不在本学期名册中（{} 条）"
UNMATCHED_FILE = "不计入的培训"
UNMATCHED_TABLE = "姓名不在名册中的培训"

# ------------------------------------------------------------ tables and cards (dashboard/training.py)
#: the columns of the teacher and record tables
LABELS = {
    "title": "培训学时", "hours": "学时", "name": "姓名", "group": "教研组", "project": "培训项目", "level": "级别",
    "type": "类型", "credits": "学分", "start_date": "开始日期", "end_date": "结束日期", "term_label": "学期",
    "hours_term": "本学期学时", "hours_year": "学年累计学时", "target": "学年目标", "target_rule": "目标依据",
    "owed": "还差学时", "met_text": "是否达标", "ninety_text": "90学时培训", "trainings": "本学期培训项数",
    "hours_from": "学时来源", "source_file": "来源文件", "source_sheet": "工作表", "source_row": "行号",
    "reason": "未计入原因", "written": "文件中的姓名",
}
#: per 教研组 (工作总结 and the page)
GROUP_COLUMNS = ["教研组", "教师数", "本学期参训人数", "本学期学时", "人均学时", "学年达标人数", "90学时培训人数"]
OVERVIEW_HOURS_CARD = "人均培训学时"
OVERVIEW_TARGET_CARD = "学年培训达标"
PEOPLE_VALUE = "{}人"
#: 学时 with their unit (the number as :func:`dashboard.labels.hours_text` writes it)
HOURS_VALUE = "{}学时"
REMINDER_ITEM = "培训学时（本学年）"
