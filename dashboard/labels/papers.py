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
