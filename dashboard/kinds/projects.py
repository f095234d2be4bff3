"""课题: one research project per row, with the stage it has reached."""

from . import Field, Kind

KIND = Kind(
    key="projects",
    label="课题",
    file_label="课题记录",
    order=40,
    reader="projects",
    figures=("projects",),
    fields=(
        Field("code", "课题编号"),
        Field("title", "课题名称"),
        Field("leader", "负责人"),
        Field("leader_key", "负责人（统一写法）"),
        Field("members", "成员"),
        Field("member_roles", "成员角色"),  # "王五:执笔、赵六:排名2": a role written in brackets after a name
        Field("level", "级别"),
        Field("stage", "阶段"),
        Field("approved_date", "立项时间", "date"),
        Field("planned_end_date", "计划结题时间", "date"),
        Field("concluded_date", "结题时间", "date"),
        Field("unit", "单位"),
    ),
    synonyms={
        "title": ("课题名称", "课题", "项目名称", "课题题目", "成果名称", "课题名"),
        "leader": ("负责人", "主持人", "课题负责人", "主持人姓名", "课题主持人", "负责人姓名"),
        "members": ("成员", "课题组成员", "主要参与者", "主要参与者（限5人）", "参与者", "执笔人"),
        "level": ("级别", "课题级别", "立项级别", "类别", "类别（学科）"),
        "stage": ("状态", "阶段", "进展", "研究阶段", "课题状态", "结题等级"),
        "approved_date": ("立项时间", "立项年度", "立项日期", "立项年月", "立项年份", "起止时间"),
        "planned_end_date": ("计划结题时间", "预计结题时间", "计划完成时间"),
        "concluded_date": ("结题时间", "结题日期"),
        "code": ("编号", "立项序号", "课题编号", "序号"),
        "award": ("获奖情况", "奖次"),
        "unit": ("单位", "成果单位"),
    },
    header_words={
        "title": ("课题", "项目名称", "题目", "成果名称"),
        "leader": ("负责人", "主持人", "领衔人"),
        "members": ("成员", "参与者", "参与人", "执笔人", "组员"),
        "level": ("级别", "类别", "层次"),
        "stage": ("状态", "阶段", "进展"),
        "approved_date": ("立项时间", "立项年", "立项日期"),
        "planned_end_date": ("计划结题", "预计结题", "计划完成"),
        "concluded_date": ("结题时间", "结题日期", "结题年"),
        "code": ("编号", "课题号", "批准号", "立项号"),
        "award": ("获奖",),
        "unit": ("单位",),
    },
    required=("title", "leader"),
    hints=("课题", "立项", "结题"),
)
