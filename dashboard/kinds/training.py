"""培训学时: one row per teacher and training (项目, 级别, 类型, 学时 or 学分, dates).

A training belongs to the term of its end date (:mod:`dashboard.loaders.training`); 学分 are turned
into 学时 when figures are computed, by the factor of ``data/training_rules.toml``
(:mod:`dashboard.training`), so changing the factor needs no new import.
"""

from . import Field, Kind

KIND = Kind(
    key="training",
    label="培训学时",
    file_label="培训记录",
    order=60,
    reader="training",
    figures=("training",),
    fields=(
        Field("term", "学期"),
        Field("name", "姓名"),
        Field("name_key", "姓名（统一写法）"),
        Field("project", "培训项目"),
        Field("level", "级别"),
        Field("type", "类型"),
        Field("hours", "学时", "float"),
        Field("credits", "学分", "float"),
        Field("start_date", "开始日期", "date"),
        Field("end_date", "结束日期", "date"),
    ),
    synonyms={
        "name": ("姓名", "教师姓名", "参训教师", "参训人员", "学员姓名", "学员", "教师", "参训教师姓名"),
        "project": ("培训项目", "培训名称", "项目名称", "培训内容", "培训主题", "培训项目名称", "培训课程", "课程名称",
                    "培训班名称", "项目"),
        "level": ("级别", "培训级别", "层级", "培训层级", "项目级别"),
        "type": ("类型", "培训类型", "培训形式", "形式", "培训方式", "方式"),
        "hours": ("学时", "培训学时", "学时数", "获得学时", "认定学时", "课时", "时长（学时）"),
        "credits": ("学分", "培训学分", "获得学分", "认定学分", "学分数"),
        "date": ("日期", "培训日期", "时间", "培训时间", "起止日期", "起止时间", "培训起止时间", "培训起止日期",
                 "培训时段"),
        "start_date": ("开始日期", "开始时间", "起始日期", "培训开始日期"),
        "end_date": ("结束日期", "结束时间", "结业日期", "截止日期", "培训结束日期", "结业时间"),
        "submitter": ("提交人", "提交者", "填写人", "填写者", "填表人"),
        "group": ("教研组", "学科组", "提交人部门"),
        "term": ("学期",),
    },
    header_words={
        "name": ("姓名", "名字", "参训教师", "学员"),
        "project": ("培训项目", "培训名称", "培训内容", "培训主题", "培训课程", "培训班"),
        "level": ("级别", "层级"),
        "type": ("类型", "形式", "方式"),
        "hours": ("学时",),
        "credits": ("学分",),
        "date": ("日期", "培训时间", "起止"),
        "start_date": ("开始",),
        "end_date": ("结束", "结业"),
        "submitter": ("提交人", "提交者", "填写人", "填表人"),
        "term": ("学期",),
    },
    required=("project",),
    hints=("培训", "学时", "学分", "继续教育"),
    people=("name_key",),
    rules_hook="training:load_rules",
    figures_hook="training:figures_hook",
    overview_hook="training:overview_hook",
    report_hook="training:report_hook",
    profile_hook="training:profile_hook",
    reminder_hook="training:reminder_hook",
    pages=(("training.py", "培训学时", "school", "training"),),
)
