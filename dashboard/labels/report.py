"""Labels of 工作总结: the page's title, pickers, buttons and downloads, and the .xlsx sheet of
:mod:`dashboard.report_xlsx` (the paragraphs' words are in :mod:`dashboard.report_text`)."""

# ------------------------------------------------------------ the page (pages/report.py)
TITLE = "工作总结"

# ------------------------------------------------------------ the .xlsx (dashboard/report_xlsx.py)
#: the sheet of the paragraphs and its two columns
XLSX_TEXT_SHEET = TITLE
XLSX_PART_COLUMN = "部分"
XLSX_TEXT_COLUMN = "内容"
#: the part of a paragraph without heading
XLSX_OPENING = "总述"

# ------------------------------------------------------------ the page, continued
SCHOOL_INPUT = "学校名称（写入标题）"
RESET_BUTTON = "恢复自动生成的文字"
OPENING_HEADING = XLSX_OPENING
FIGURES_EXPANDER = "数字来源（统计口径同“总览”等页面，可在各页查看明细）"
THIS_TERM_FIGURES = "本学期"
PREVIOUS_TERM_FIGURES = "上学期"
DOCX_WITH_CHARTS_BUTTON = "下载 Word（.docx，含图表）"
DOCX_BUTTON = "下载 Word（.docx，不含图表）"
XLSX_BUTTON = "下载 Excel（.xlsx，文字与各表）"
REMINDER_SECTION = "教研组长提醒名单"
GROUP_PICKER = "教研组"
DAY_PICKER = "统计日期"
REMINDER_BUTTON = "下载提醒名单（.xlsx）"

# ------------------------------------------------------------ the .docx charts (dashboard/report_docx.py)
DOCX_GROUP_LESSONS_CHART = "{}教师听课节数与任务"
DOCX_GROUPS_LESSONS_CHART = "各教研组听课节数"
DOCX_GROUPS_RATE_CHART = "各教研组听课达标率"
DOCX_PROJECT_LEVELS_CHART = "在研课题级别"
DOCX_TEACHER_AXIS = "教师"
DOCX_GROUP_AXIS = "教研组"
DOCX_LESSONS_AXIS = "听课节数"
DOCX_RATE_AXIS = "达标率"
DOCX_LEVEL_AXIS = "级别"
DOCX_GRADE_AXIS = "等次"
DOCX_PAPERS_AXIS = "篇数"
DOCX_PROJECTS_AXIS = "项数"

# ------------------------------------------------------------ the page, continued
#: the reminder download: group, term
REMINDER_FILE = "{}听课提醒_{}.xlsx"
