"""Labels of 区域对比: the columns of :func:`dashboard.district.district_table` and the page's title,
charts, tables and downloads."""

# ------------------------------------------------------------ the schools table (dashboard/district.py)
SCHOOL_COLUMN = "学校"
TEACHERS_COLUMN = "教师数"
LESSONS_COLUMN = "听课总节数"
MET_RATE_COLUMN = "听课达标率"
PAPERS_COLUMN = "论文总数"
#: papers of one level
PAPERS_LEVEL_COLUMN = "论文·{}"
IN_PROGRESS_COLUMN = "在研课题"
CONCLUDED_COLUMN = "本学期结题"
OVERDUE_COLUMN = "逾期未结题"
CLOSE_RATE_COLUMN = "结题率"

# ------------------------------------------------------------ the page (pages/district.py)

TITLE = "区域对比"
SCHOOLS_FILE = "区域对比"
SCHOOLS_TABLE = "各校对比"
MET_RATE_CHART = "各校听课达标率"
SCHOOL_AXIS = "学校"
RATE_AXIS = "达标率"
MET_RATE_FILE = "各校听课达标率"
PAPERS_CHART = "各校论文（按级别）"
LEVEL_AXIS = "级别"
PAPERS_AXIS = "篇数"
PAPERS_FILE = "各校论文按级别"
