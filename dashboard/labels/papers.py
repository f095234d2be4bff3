"""Labels of 获奖与发表: the columns, 总览 card and section headings of :mod:`dashboard.awards` and the
page's title, filters, charts, tables and downloads."""

from dashboard.labels import TOTAL


# ------------------------------------------------------------ awards by category (dashboard/awards.py)
#: column titles of the tables
ITEMS, TIMES = "项", "人次"
LABELS = {"category": "类别", "level": "级别", "grade": "等次", "group": "教研组", "teacher": "教师",
          "term": "学期", "title": "题目"}
#: How a level reads in a sentence ("获市一等奖8人次").
LEVEL_SHORT = {"国家级": "国家级", "省级": "省", "市级": "市", "区县级": "区", "校级": "校级"}
HEADING = "获奖与发表"
#: The record tables' columns (field -> Chinese title).
RECORD_COLUMNS = {"term": "学期", "category": "类别", "title": "题目（作品、课题）", "authors": "作者",
                  "matched_authors": "本校作者", "groups": "教研组", "level": "级别", "grade": "等次", "times": TIMES,
                  "date": "获奖/发表时间", "journal": "刊物", "unit": "单位", "source_file": "来源文件",
                  "source_sheet": "工作表", "source_row": "行号"}
ALL = "全部"
#: 总览's card: 项 / 人次
CARD_VALUE = "{} 项 / {} 人次"
REPORT_HEADING = "教师获奖与发表（按类别）"

# ------------------------------------------------------------ the page (pages/papers.py)
CATEGORY_PICKER = LABELS["category"]
ITEMS_CARD = "{}（项）"
TIMES_CARD = TIMES
DISTRICT_UP_CARD = "区级及以上（项）"
CATEGORY_CARD = LABELS["category"]
MATRIX_SECTION = "级别 × 等次"
MATRIX_CHART = "各级别{}项数（按等次）"
LEVEL_AXIS = LABELS["level"]
GRADE_AXIS = LABELS["grade"]
ITEMS_AXIS = ITEMS
MATRIX_CHART_FILE = "{}级别等次"
MATRIX_FILE = "{}级别等次矩阵"
MATRIX_TABLE = "{} 级别 × 等次"
BY_WHO_CHART = "各{}{}项数（按级别）"
BY_WHO_FILE = "各{}{}"
GROUPS_SECTION = "各教研组"
TEACHERS_SECTION = "各教师"
TRENDS_SECTION = "各学期论文篇数"
TRENDS_CHART = "各学期论文篇数（按级别）"
TERM_AXIS = "学期"
PAPERS_AXIS = "论文篇数"
TERM_PAPERS_FILE = "论文_{}"
TERM_PAPERS_TABLE = "{}的论文"
RECORDS_EXPANDER = "本学期全部获奖与发表记录（{} 条）"
UNMATCHED_EXPANDER = "不计入的记录：作者都不在本校名册中（{} 条）"
#: the records behind a matrix cell: category, the cell (or 全部)
CELL_FILE = "{}_{}"
CELL_TABLE = "{}记录（{}）"
#: the records of a 教研组 or teacher: who, category
ROW_FILE = "{}{}"
ROW_TABLE = "{}的{}"
RECORDS_FILE = "获奖与发表记录"
RECORDS_TABLE = "本学期获奖与发表记录"
UNMATCHED_FILE = "外校获奖与发表记录"
UNMATCHED_TABLE = "不计入的记录"
