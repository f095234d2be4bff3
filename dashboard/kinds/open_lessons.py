"""公开课: one lesson given before observers per row (公开课, 示范课, 研究课, 汇报课, 观摩课, 一人一课).

Rows come from 公开课 lists (this kind's files) and from 听课 logs whose 课型 column names one of the
open types (:mod:`dashboard.lesson_types`); :mod:`dashboard.open_lessons` counts them once each.
"""

from . import Field, Kind

KIND = Kind(
    key="open_lessons",
    label="公开课",
    file_label="公开课记录",
    order=50,
    reader="open_lessons",
    figures=("open_lessons", "observed"),
    people=("teacher_key",),
    fields=(
        Field("term", "学期"),
        Field("date", "日期", "date"),
        Field("teacher", "授课教师"),
        Field("teacher_key", "授课教师（统一写法）"),
        Field("topic", "课题"),
        Field("subject", "学科"),
        Field("class_name", "班级"),
        Field("period", "节次"),
        Field("lesson_type", "课型"),
        Field("level", "级别"),
        Field("group", "教研组"),
    ),
    synonyms={
        "teacher": ("授课教师", "执教", "执教教师", "执教人", "执教者", "开课人", "开课教师", "主讲", "主讲人",
                    "主讲教师", "上课教师", "上课老师", "授课人", "授课老师", "教师", "教师姓名", "姓名", "您的姓名"),
        "date": ("日期", "时间", "开课日期", "开课时间", "上课日期", "上课时间", "授课日期", "授课时间"),
        "topic": ("课题", "课题名称", "上课内容", "授课内容", "课名", "教学内容", "课程名称"),
        "subject": ("学科", "科目"),
        "class_name": ("班级", "上课班级", "授课班级"),
        "period": ("节次", "第几节"),
        "lesson_type": ("课型", "类型", "课的类型", "公开课类型", "开课类型"),
        "level": ("级别", "范围", "层次", "开课级别", "开课范围"),
        "group": ("教研组", "学科组", "组别", "所在教研组"),
        "term": ("学期",),
        "submitter": ("提交人", "提交者", "填写人", "填写者"),
    },
    header_words={
        "teacher": ("授课教师", "授课老师", "授课人", "执教", "开课人", "开课教师", "开课老师", "主讲", "上课教师",
                    "上课老师", "姓名"),
        "date": ("日期", "开课时间", "上课时间", "授课时间"),
        "topic": ("课题", "上课内容", "授课内容", "课名", "教学内容"),
        "subject": ("学科", "科目"),
        "class_name": ("班级",),
        "period": ("节次", "第几节"),
        "lesson_type": ("课型", "课的类型", "公开课类型"),
        "level": ("级别", "范围", "层次"),
        "group": ("教研组", "学科组", "组别"),
        "term": ("学期",),
    },
    required=(),
    hints=("公开课", "示范课", "研究课", "汇报课", "观摩课", "一人一课", "开课"),
    distinctive=("lesson_type", "level", "topic", "class_name", "period"),
    rules_hook="open_lessons:load_rules",
    figures_hook="open_lessons:figures_hook",
    overview_hook="open_lessons:overview_hook",
    report_hook="open_lessons:report_hook",
    profile_hook="open_lessons:profile_hook",
    reminder_hook="open_lessons:reminder_hook",
    pages=(("open_lessons.py", "公开课", "cast_for_education", "open_lessons"),),
)
