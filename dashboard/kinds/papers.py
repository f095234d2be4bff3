"""获奖与发表: one award or publication of one work per record, with its authors and its category
(论文, 教学设计, 优质课 … :data:`dashboard.contract.AWARD_CATEGORIES`; None = 类别不明).

The kind keeps its key ``papers`` (and its table): 论文 is one of its categories.  Its figures,
总览 card, 工作总结 section and 教师档案 section are in :mod:`dashboard.awards`.
"""

import datetime as dt

from . import Field, Kind

KIND = Kind(
    key="papers",
    label="获奖与发表",
    file_label="获奖与发表记录",
    order=30,
    reader="papers",
    summary_hook="report_parts:papers_part",
    figures=("papers", "awards"),
    figures_hook="awards:figures_hook",
    overview_hook="awards:overview_hook",
    report_hook="awards:report_hook",
    profile_hook="awards:profile_hook",
    fields=(
        Field("record", "记录号", "int"),
        Field("term", "学期"),
        Field("title", "题目"),
        Field("authors", "作者"),
        Field("level", "级别"),
        Field("grade", "等级"),
        Field("date", "日期", "date"),
        Field("journal", "刊物"),
        Field("unit", "单位"),
        Field("kind", "类型"),
        Field("category", "类别"),
    ),
    synonyms={
        "title": ("论文题目", "题目", "论文名称", "论文", "篇名", "论文篇名", "论文标题", "作品名称", "获奖课题、论文篇(题)名", "发表论文篇(题)名", "成果名称", "获奖项目名称", "参赛课题",
                  "作品题目", "参赛作品", "课题", "获奖内容", "参赛内容"),
        "authors": ("作者", "教师", "姓名", "获奖教师", "获奖者", "作者姓名", "获奖人", "教师姓名", "完成人", "成员", "主要成员", "参赛教师",
                    "参赛者", "参赛选手", "执教者", "执教教师", "执教人"),
        "award": ("获奖级别", "等级", "奖项", "奖次", "获奖等级", "获奖情况", "获奖等第", "等第", "获奖等次", "等次", "奖级", "发表刊物名称、时间及刊号或获奖时间、等级",
                  "获奖", "获奖结果", "评比结果"),
        "category": ("类别", "项目", "评比项目", "作品类别", "参赛项目", "评比类别", "获奖类别", "奖项类别", "成果类别",
                     "比赛项目", "竞赛项目", "评比内容", "参评类别", "获奖项目",
                     # the name of the competition, one per row ("省多媒体课件制作大赛" names 课件)
                     "评比名称", "比赛名称", "竞赛名称", "赛事名称", "大赛名称", "评选名称", "评比活动", "评比活动名称"),
        "level": ("级别", "论文级别", "评比级别", "获奖层次", "层次"),
        "date": ("获奖时间", "发表时间", "日期", "时间", "期号", "获奖年度", "年度"),
        "journal": ("发表刊物", "刊物名称", "发表报刊名", "刊物", "报刊名称"),
        "term": ("学期",),
        "unit": ("单位", "作者单位"),
        "subject": ("学科", "申报学科"),
        "book": ("书目", "出版社"),
    },
    header_words={
        "title": ("题目", "篇名", "标题", "论文", "作品", "成果名称", "项目名称"),
        "authors": ("作者", "获奖人", "获奖者", "获奖教师", "完成人", "撰写人", "姓名"),
        "award": ("等级", "奖项", "奖次", "等第", "等次", "奖级", "名次"),
        "level": ("级别", "层次"),
        "date": ("时间", "日期", "年度", "年份", "年月"),
        "journal": ("刊物", "报刊", "期刊", "杂志"),
        "term": ("学期",),
        "unit": ("单位",),
        "subject": ("学科",),
        "book": ("书目", "出版社", "著作"),
        "category": ("评比项目", "参赛项目", "作品类别", "比赛项目"),
    },
    required=("authors",),
    distinctive=("title", "award", "journal", "book"),
    hints=("论文", "优质课", "课件", "教学设计", "教学案例", "微课", "说课", "基本功"),
    people=("authors",),
    telling=(("title",), ("award",), ("journal",)),
    refusal="不像论文名单（没有论文题目、获奖等级或刊物列），看起来是{guessed}。请检查所选类型。",
    templates=(
        ("papers", "论文获奖与发表", "论文模板.xlsx", (
            ("title", "论文题目", "高中语文整本书阅读教学的实践与思考", "必填。"),
            ("authors", "作者", "王小明、李华", "必填。多位作者用“、”分隔。"),
            ("award", "获奖等级", "市级一等奖", "级别+等次，如“省级二等奖”“区县级三等奖”；发表的论文可空，填“发表刊物”。"),
            ("date", "获奖时间", dt.date(2024, 11, 20), "获奖或发表日期，据此确定学期。"),
            ("journal", "发表刊物", "", "发表的论文填写刊物名称。"),
            ("unit", "单位", "", "外校作者的记录不计入本校。"),
            ("subject", "学科", "语文", ""),
            ("term", "学期", "2024-2025学年第一学期", "可空：空白时按获奖时间确定学期。"),
        )),
    ),
)
