"""教师名册: one row per teacher and term; the authority every name is matched against."""

import datetime as dt

from . import Field, Kind

KIND = Kind(
    key="roster",
    label="教师名册",
    file_label="教师名册",
    order=10,
    reader="roster",
    figures=("teachers",),
    fields=(
        Field("term", "学期"),
        Field("name", "姓名"),
        Field("name_key", "姓名（统一写法）"),
        Field("group", "教研组"),
        Field("role", "职务"),
        Field("birth_date", "出生年月", "date"),
        Field("work_start", "参加工作时间", "date"),
        Field("title", "职称"),
    ),
    synonyms={
        "name": ("姓名", "教师姓名", "姓名（按笔画排序）", "姓名(按笔画排序)", "教师"),
        "group": ("教研组", "学科组", "所在教研组", "所属教研组", "教研组别", "组别", "学科/部门", "部门", "任教学科", "学科"),
        "role": ("职务", "行政职务", "担任职务", "现任职务", "岗位", "工作岗位", "任职岗位", "现任岗位"),
        "birth_date": ("出生年月", "出生日期", "出生年月日", "生日"),
        "work_start": ("参加工作时间", "参加工作年月", "工作时间", "参工时间", "入职时间"),
        "title": ("职称", "专业技术职务", "教师职称", "现专业技术职务及取得时间", "专业技术职称"),
        "term": ("学期",),
        "gender": ("性别",),
        # read for the birth date it states when the roster has no 出生年月; never stored
        "id_number": ("身份证号码", "身份证号", "身份证", "公民身份号码", "身份证件号码", "居民身份证号码"),
    },
    header_words={
        "name": ("姓名", "名字"),
        "group": ("教研组", "学科组", "组别", "部门", "学科", "科组"),
        "role": ("职务",),
        "birth_date": ("出生",),
        "work_start": ("参加工作", "工作时间", "工作年月", "入职"),
        "title": ("职称", "专业技术职务"),
        "term": ("学期",),
        "gender": ("性别",),
        "id_number": ("身份证",),
    },
    required=("name",),
    distinctive=("birth_date", "role", "work_start", "title"),
    hints=("名册", "花名册", "教师名单", "职称", "岗位"),
    headerless=False,
    telling=(("name",),),
    refusal="不像教师名册（没有姓名列），看起来是{guessed}。请检查所选类型。",
    one_column=("只有一列文字（如“{example}”），没有列名，也没有“教研组”列，不能作为教师名册导入。"
                "名册至少要有“姓名”和“教研组”两列（“数据导入”页有模板）。"),
    sheets_hook="loaders.roster:names_without_groups",
    is_roster=True,
    templates=(
        ("roster", "教师名册", "教师名册模板.xlsx", (
            ("name", "姓名", "王小明", "必填。同名教师请写成“王莉(大)”“王莉(小)”区分。"),
            ("gender", "性别", "男", ""),
            ("group", "教研组", "语文组", "按教研组统计时使用；空白归入“未分组”。"),
            ("role", "职务", "班主任", "校长、副校长、主任、副主任、教研组长等，决定听课要求；普通教师可空。"),
            ("birth_date", "出生年月", dt.date(1990, 5, 1), "如 1990-05；按年龄确定听课要求，请勿空白。"),
            ("work_start", "参加工作时间", dt.date(2012, 8, 1), "如 2012-08。"),
            ("title", "职称", "中学一级教师", ""),
            ("term", "学期", "2024-2025学年第一学期", "必填：名册适用的学期，如 2024-2025学年第一学期 或 2024-2025-1。"),
        )),
    ),
)
