"""Labels of 教师档案: the page's title, cards, sections, charts, tables and downloads, and the roster
facts of :mod:`dashboard.profile_tables`."""

TITLE = "教师档案"
MET_TERMS_CARD = "达标学期"
PAPERS_CARD = "论文（全部学期）"
LEADER_PROJECTS_CARD = "负责的课题"
MEMBER_PROJECTS_CARD = "参与的课题"
OBSERVATIONS_SECTION = "各学期听课"
OBSERVATIONS_CHART = "{}各学期听课节数与任务"
TERM_AXIS = "学期"
OBSERVATIONS_FILE = "{}各学期听课"
TERM_LESSONS_FILE = "{}听课记录_{}"
TERM_LESSONS_TABLE = "{}{}的听课记录"
PAPERS_SECTION = "论文"
PAPERS_CHART = "{}各学期论文篇数（按级别）"
LEVEL_AXIS = "级别"
PAPERS_AXIS = "论文篇数"
PAPERS_FILE = "{}论文"
PAPERS_TABLE = "{}的论文"
PROJECTS_SECTION = "课题"
AS_LEADER = "作为负责人"
AS_MEMBER = "作为成员"

# ------------------------------------------------------------ roster facts (dashboard/profile_tables.py)
#: profile fact -> (roster column, the roster column a missing value comes from)
PROFILE_FACTS = {"教研组": ("group", "教研组"), "职务": ("role", "职务"), "职称": ("title", "职称"),
                 "年龄": ("age", "出生年月"), "教龄": ("seniority", "参加工作时间")}
