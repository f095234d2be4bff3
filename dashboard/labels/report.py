"""Labels of 工作总结: the page's title, pickers, buttons and downloads; the headings, table names,
columns, notes and units of the report's standing parts (:mod:`dashboard.report_text`,
:mod:`dashboard.report_parts`); the .docx charts and the .xlsx sheet (:mod:`dashboard.report_docx`,
:mod:`dashboard.report_xlsx`)."""

# ------------------------------------------------------------ the page (pages/report.py)
TITLE = "工作总结"


# ------------------------------------------------------------ the page, continued
SCHOOL_INPUT = "学校名称（写入标题）"
RESET_BUTTON = "恢复自动生成的文字"
FIGURES_EXPANDER = "数字来源（统计口径同“总览”等页面，可在各页查看明细）"
THIS_TERM_FIGURES = "本学期"
PREVIOUS_TERM_FIGURES = "上学期"
DOCX_WITH_CHARTS_BUTTON = "下载 Word（.docx，含图表）"
DOCX_BUTTON = "下载 Word（.docx，不含图表）"
XLSX_BUTTON = "下载 Excel（.xlsx，文字与各表）"
TABLES_EXPANDER = "表格（{} 张，点开查看；导出的 Word、Excel 中都有）"
CHARTS_EXPANDER = "图表（{} 张，点开查看）"
REMINDER_SECTION = "教研组长提醒名单"
GROUP_PICKER = "教研组"
DAY_PICKER = "统计日期"
REMINDER_BUTTON = "下载提醒名单（.xlsx）"

# ------------------------------------------------------------ the page, continued
#: the reminder download: group, term
REMINDER_FILE = "{}听课提醒_{}.xlsx"


# ==================================================================== 工作总结 (report_text, report_parts)
# The headings, table names, column labels and notes of the term report's standing parts.  Kept in
# a section of their own at the end of this module.

#: the headings of the standing parts (numbered 一、二、三 … by the report)
REPORT_HEADINGS = {"observations": "听课情况", "papers": "论文获奖与发表", "projects": "课题研究"}
#: the names of the report's tables (also the .xlsx sheet names); ``{group}``: the 教研组
REPORT_TABLES = {"groups": "各教研组情况", "teachers": "{group}教师听课情况", "behind": "听课未达标教师",
                 "level_grade": "论文级别与等次"}
#: the columns of 各教研组情况 (key of the row -> label)
REPORT_GROUP_COLUMNS = {"group": "教研组", "teachers": "教师数", "observations": "听课节数", "quota_met": "达标人数",
                        "quota_rate": "达标率", "papers": "论文数", "district_above": "区级及以上论文",
                        "in_progress": "在研课题", "new": "新立项", "concluded": "结题", "overdue": "逾期未结题"}
#: the columns of a 教研组's 教师听课情况
REPORT_TEACHER_COLUMNS = {"name": "姓名", "role": "职务", "count": "听课节数", "quota": "任务节数", "met": "是否达标"}
#: the columns of 听课未达标教师
REPORT_BEHIND_COLUMNS = {"name": "姓名", "group": "教研组", "count": "已听节数", "quota": "任务节数",
                         "owed": "还差节数"}
#: yes / no as the report's tables write them
REPORT_YES_NO = {True: "是", False: "否"}
#: the 全校 row of 各教研组情况
REPORT_WHOLE_SCHOOL = "全校"
#: a 论文 whose level / grade is not stated, and the totals row/column, in 论文级别与等次
REPORT_LEVEL_UNKNOWN = "级别不明"
REPORT_TOTAL = "合计"
REPORT_LEVEL = "级别"
REPORT_NOTES = {"groups": "一篇论文的作者分属几个教研组时，在每个组各计一次，因此各组论文数之和可能大于全校数。",
                "level_grade": "区级及以上指{levels}。"}
#: the units the paragraphs count in
REPORT_UNITS = {"observations": "节", "papers": "篇", "projects": "项"}

# -------------------------------------------------------------------- 工作总结 .docx and .xlsx (report_docx, report_xlsx)

#: the charts of the .docx (``{group}``: the 教研组) and their axes
REPORT_CHARTS = {"teachers": "{group}教师听课节数与任务", "group_counts": "各教研组听课节数",
                 "group_rates": "各教研组听课达标率", "level_grade": "论文级别与等次", "project_levels": "在研课题级别"}
REPORT_AXES = {"teacher": "教师", "group": "教研组", "count": "听课节数", "rate": "达标率", "level": "级别",
               "grade": "等次", "papers": "篇数", "projects": "项数"}
#: the captions of the .docx's tables and charts, an empty table, a note under a table
REPORT_DOCX = {"table": "表{number}　{name}", "empty": "（无）", "note": "注：{note}", "chart": "图{number}　{title}"}
#: the .xlsx's first sheet: the paragraphs, one per row
REPORT_XLSX = {"sheet": "工作总结", "part": "部分", "text": "内容", "intro": "总述"}

#: a paragraph without heading, on the page (as in the .xlsx)
OPENING_HEADING = REPORT_XLSX["intro"]
