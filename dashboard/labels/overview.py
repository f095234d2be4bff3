"""Labels of 总览: the page's title, cards, tabs, pickers, tables and downloads, and the charts and
tables :mod:`dashboard.overview_panels` builds for it."""

from dashboard.labels import KPI_LABELS

# ------------------------------------------------------------ the page (pages/overview.py)
TITLE = "总览"
#: the KPI cards (named as in :data:`dashboard.labels.KPI_LABELS`)
TEACHERS_CARD = KPI_LABELS["teachers"]
LESSONS_CARD = KPI_LABELS["lessons"]
MET_RATE_CARD = KPI_LABELS["met_rate"]
PAPERS_CARD = KPI_LABELS["papers"]
IN_PROGRESS_CARD = KPI_LABELS["in_progress"]
CONCLUDED_CARD = KPI_LABELS["concluded"]
DRILL_EXPANDER = "查看指标背后的记录（含来源文件、工作表、行号）"
KPI_PICKER = "指标"
DRILL_FILE = "总览_{}明细"
DRILL_TABLE = "{}明细"
GROUPS_TAB = "教研组对比"
GROUP_LESSONS_TAB = "各组听课节数"
GROUP_PAPERS_TAB = "各组论文"
TRENDS_TAB = "各学期趋势"
GROUP_TEACHERS_FILE = "{}教师"
GROUP_TEACHERS_TABLE = "{}教师听课情况"
TERM_DRILL_FILE = "{}_{}明细"
TERM_DRILL_TABLE = "{}{}明细"
#: a KPI label in a download's file name: 论文获奖/发表篇数 → 论文获奖或发表篇数
SLASH_IN_FILENAME = "或"
#: a card's change against the term before
AGAINST_PREVIOUS = "较上学期"

# ------------------------------------------------------------ charts and tables (dashboard/overview_panels.py)
GROUP_LESSONS_CHART = "各教研组听课节数"
GROUP_RATE_CHART = "各教研组听课达标率"
#: a group's bar: its rate, then met / teachers
GROUP_RATE_BAR_TEXT = "{}<br>{}/{}人"
GROUP_PAPERS_FILE = "各教研组论文篇数"
GROUP_PAPERS_CHART = "各教研组论文篇数（按级别）"
LESSONS_TREND_FILE = "听课总节数趋势"
RATE_TREND_FILE = "听课达标率趋势"
PAPERS_TREND_FILE = "论文篇数趋势"
PAPERS_TREND_CHART = "论文篇数（按级别）"
PROJECTS_TREND_FILE = "课题趋势"
PROJECTS_TREND_CHART = "课题"
GROUP_AXIS = "教研组"
TERM_AXIS = "学期"
LEVEL_AXIS = "级别"
LESSONS_AXIS = "听课节数"
LESSONS_TREND_AXIS = "节数"
RATE_AXIS = "达标率"
PAPERS_AXIS = "论文篇数"
PROJECTS_AXIS = "项数"
