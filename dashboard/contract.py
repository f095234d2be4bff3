"""The data contract: the canonical vocabulary every figure is defined in.

Code and docs both point here.  The rules in prose:

Terms
    Canonical id ``YYYY-YYYY-N``; term 1 (第一学期) runs 09-01 .. 01-31,
    term 2 (第二学期) runs 02-01 .. 08-31.  Every date belongs to one term.
    Displayed as ``2024-2025学年第一学期``.
Teachers
    Key = the name with all whitespace removed, full-width brackets made
    half-width, a trailing 老师 dropped.  The roster (教师名册) is the
    authority; for term T the roster is the latest roster term ≤ T, else
    the earliest.  A name that fits no roster key, or several, is
    *unmatched*: reported, never counted.
Person cells
    One reading for every author, 负责人, member and 听课人 cell
    (:func:`dashboard.normalize.read_people`): ``张三 老师``, ``张三老师``,
    ``张三（老师）`` are 张三; a list ending in 等 (``杨宁等``, ``杨宁 等``)
    names the people before it, and the note says the others are unnamed;
    a bracket holding a role, perhaps with other people
    (``蔡晓庆(指导老师:孙玉林)``, ``王五（执笔）``, ``赵六（排名2）``) is not part
    of the name and its people are not the cell's people; role words alone
    (:data:`ROLE_WORDS`: 主研, 负责, 执笔 …) are never names — the row is
    reported (a project is kept with its 负责人 unknown, a paper with no
    named author is not imported).  A short bracket that is not a role
    (``王莉(大)``) is a disambiguator and stays part of the key.
听课
    A teacher's count = Σ 节数 of their (de-duplicated) log rows in T
    (blank 节数 = 1); with no log rows, the summary value.  Quota from the
    ordered rules in ``quota_rules.toml`` (first match wins).
论文
    One record = one paper-award.  Counts for this school when at least one
    author matches the roster.  Levels and grades below.  In a list of
    honours (no paper-title column, or one teacher's list named only in
    its title) only rows that speak of a 论文 are papers; the rest are
    reported as 不是论文.
Levels
    From a 级别 column, else the text of the award, else who issued it
    (颁发单位, 主办单位, 项目来源 … :data:`ISSUER_HEADERS`; 教育部 → 国家级,
    …省/自治区/直辖市 → 省级, …市教育局 → 市级, …区/县 → 区县级, a school →
    校级), else the nearest heading or title that names one level (prose
    naming several levels names none).  A level nothing states is never
    defaulted: the record is stored with level None, reported with file,
    sheet, row and column, shown as 级别不明 (:data:`LEVEL_UNKNOWN`), and
    counted in every total but in no per-level figure (``by_level`` of the
    figures JSON holds only :data:`LEVELS`).
Dates
    A date giving only a year or a span of years (``2005``,
    ``2005-2008``, ``2006～2007``) states no term: a paper takes the
    import option's term or the title's, with a warning (and is not
    imported when there is neither); a project's 立项 date is 1 January of
    the (first) year, with a warning.
Units and schools
    A 学校/单位 column on a 论文 or 课题 list is the authors' (project's)
    unit, kept as ``unit``; it never makes a school of district mode.  On
    rosters and 听课 records a 学校 column names the school.  In district
    mode a 论文/课题 row with no school of its own belongs to each school
    its unit names exactly ("一中、二中" names both).
课题
    Stages below; in_progress / new / concluded / overdue as in
    :mod:`dashboard.metrics`.
"""

from __future__ import annotations

KINDS = ("roster", "observations", "papers", "projects")
KIND_LABELS = {
    "roster": "教师名册",
    "observations": "听课记录",
    "papers": "论文",
    "projects": "课题",
}

LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
GRADES = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "发表", "其他")
STAGES = ("申报", "立项", "开题", "中期", "结题", "延期", "终止")
#: Levels counted as "区级及以上" in the term report.
DISTRICT_AND_ABOVE = ("国家级", "省级", "市级", "区县级")

LEADER_ROLES = ("校长", "副校长", "主任", "副主任")

#: Rows whose first non-empty cell starts with one of these are totals or
#: notes, never data.
NON_DATA_MARKERS = ("合计", "小计", "总计", "备注", "说明", "注：", "注:")

#: Header vocabulary.  A header cell is first normalised
#: (:func:`dashboard.tables.header_key`: whitespace, numbering such as
#: ``1、``/``Q3.``/``（一）``, bracketed units and hints such as ``（节）``/
#: ``(填写本人姓名)``/``*`` dropped, full-width made half-width), then read in
#: this order: a meaning the user saved for the school; an exact spelling
#: below (where two columns name one field, the spelling listed first wins:
#: a roster with both 教研组 and 学科 takes 教研组); a form tool's own column
#: (:data:`FORM_METADATA`, ignored); a core word of :data:`HEADER_WORDS`
#: contained in the header (the word ending last wins, a longer one on a tie;
#: 姓名/名称 yield to a person or thing word before them, so 听课教师姓名 is
#: the 听课人 and 提交人部门 the 教研组).
SCHOOL_SPELLINGS = ("学校", "学校名称", "所在学校", "当前任教学校")

COLUMN_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "roster": {
        "name": ("姓名", "教师姓名", "姓名（按笔画排序）", "姓名(按笔画排序)", "教师"),
        "group": ("教研组", "学科组", "所在教研组", "所属教研组", "教研组别", "组别", "学科/部门", "部门",
                  "任教学科", "学科"),
        "role": ("职务", "行政职务", "担任职务", "现任职务"),
        "birth_date": ("出生年月", "出生日期", "出生年月日", "生日"),
        "work_start": ("参加工作时间", "参加工作年月", "工作时间", "参工时间", "入职时间"),
        "title": ("职称", "专业技术职务", "教师职称", "现专业技术职务及取得时间", "专业技术职称"),
        "term": ("学期",),
        "gender": ("性别",),
    },
    "observations": {
        "date": ("日期", "听课日期", "听课时间"),
        "observer": ("听课人", "听课教师", "听课者", "听课老师", "听课人姓名", "听课教师姓名"),
        "teacher": ("授课教师", "执教教师", "上课老师", "上课教师", "授课人", "执教者", "执教人", "开课教师",
                    "授课老师", "执教老师", "被听课教师", "开课人"),
        "subject": ("学科", "科目", "课程名称"),
        "class_name": ("班级", "上课班级", "授课班级"),
        "period": ("节次", "第几节"),
        "lessons": ("节数", "听课节数", "听课次数", "听课", "次数", "听课总节数", "本学期听课节数", "总节数", "合计", "总计",
                    "累计", "累计节数"),
        "name": ("姓名", "教师姓名", "教师"),
        "group": ("教研组", "学科组", "组别", "提交人部门", "提交者部门", "所在部门"),
        "term": ("学期",),
        "topic": ("课题", "上课内容", "课题内容"),
        "submitter": ("提交人", "提交者", "填写人", "填写者", "填表人"),
        "submitted_at": ("提交时间", "提交答卷时间", "填写时间", "结束答题时间", "答题时间", "创建时间"),
        "headcount": ("人数", "教师人数", "组内人数", "教研组人数"),
    },
    "papers": {
        "title": ("论文题目", "题目", "论文名称", "论文", "篇名", "论文篇名", "论文标题", "作品名称",
                  "获奖课题、论文篇(题)名", "发表论文篇(题)名", "成果名称", "获奖项目名称"),
        "authors": ("作者", "教师", "姓名", "获奖教师", "获奖者", "作者姓名", "获奖人", "教师姓名", "完成人", "成员",
                    "主要成员"),
        "award": ("获奖级别", "等级", "奖项", "奖次", "获奖等级", "获奖情况", "获奖等第", "等第",
                  "获奖等次", "等次", "奖级", "发表刊物名称、时间及刊号或获奖时间、等级", "类别"),
        "level": ("级别", "论文级别", "评比级别", "获奖层次", "层次"),
        "date": ("获奖时间", "发表时间", "日期", "时间", "期号", "获奖年度", "年度"),
        "journal": ("发表刊物", "刊物名称", "发表报刊名", "刊物", "报刊名称"),
        "term": ("学期",),
        "unit": ("单位", "作者单位"),
        "subject": ("学科", "申报学科"),
        "book": ("书目", "出版社"),
    },
    "projects": {
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
}

for _fields in COLUMN_SYNONYMS.values():
    _fields["school"] = SCHOOL_SPELLINGS

#: Core words: a normalised header containing one names the field (see above).
HEADER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "roster": {
        "name": ("姓名", "名字"),
        "group": ("教研组", "学科组", "组别", "部门", "学科", "科组"),
        "role": ("职务",),
        "birth_date": ("出生",),
        "work_start": ("参加工作", "工作时间", "工作年月", "入职"),
        "title": ("职称", "专业技术职务"),
        "term": ("学期",),
        "gender": ("性别",),
    },
    "observations": {
        "date": ("日期", "听课时间", "上课时间", "授课时间"),
        "observer": ("听课人", "听课教师", "听课者", "听课老师", "评课人", "评课教师", "评课老师"),
        "teacher": ("授课教师", "授课老师", "授课人", "执教", "上课教师", "上课老师", "上课人", "开课教师",
                    "开课老师", "开课人", "被听课", "被听课教师", "被听课老师", "被听课人", "讲课教师", "讲课人"),
        "subject": ("学科", "科目", "课程"),
        "class_name": ("班级",),
        "period": ("节次", "第几节", "课节"),
        "lessons": ("节数", "次数", "人次", "课时数", "听课数", "总数", "听课节", "听课次", "合计", "总计", "累计"),
        "name": ("姓名", "名字"),
        "group": ("教研组", "学科组", "组别", "部门"),
        "term": ("学期",),
        "topic": ("课题", "上课内容", "课名", "教学内容"),
        "submitter": ("提交人", "提交者", "填写人", "填写者", "填表人"),
        "headcount": ("人数",),
    },
    "papers": {
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
    },
    "projects": {
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
}

#: 姓名/名称 name "the name of" what comes before them: they yield to another core word.
WEAK_HEADER_WORDS = ("姓名", "名字", "名称")

#: The columns form tools (问卷星, 腾讯问卷, 金数据, 钉钉 智能填表, 企业微信 收集表, WPS 表单) add to
#: every export; recognised and ignored (after the exact spellings above, so a 听课 form's 提交人
#: and 提交时间 still count).  Compared with the normalised header, lower case.
FORM_METADATA = (
    "序号", "编号", "提交序号", "答卷编号", "提交答卷时间", "提交时间", "开始答题时间", "结束答题时间", "答题时间",
    "所用时间", "答题时长", "填写时长", "填写时间", "更新时间", "修改时间", "创建时间", "最后修改时间", "来源",
    "来源详情", "来源渠道", "渠道", "来自ip", "ip", "ip地址", "ip属地", "提交ip", "地理位置", "国家和地区", "省份",
    "城市", "提交者设备", "填写设备", "设备", "浏览器", "操作系统", "总分", "得分", "微信昵称", "昵称", "用户id",
    "openid", "提交人", "提交者", "填写人", "填写者", "提交人部门", "提交者部门", "填写状态", "审核状态", "数据状态",
    "用户类型", "自定义字段", "标签", "备注",
)

#: A header naming a calendar month (``9月``, ``10月份``): the per-teacher month matrix of 听课.
MONTH_HEADER = r"^(?:\d{4}年)?(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$"

#: Fields a block needs before its rows can be read as that kind.
REQUIRED_FIELDS = {
    "roster": ("name",),
    "observations": (),  # log: observer; summary: name + lessons (checked in loader)
    "papers": ("authors",),
    "projects": ("title", "leader"),
}

#: Words in a file name or title that hint at the kind.
KIND_HINTS = {
    "roster": ("名册", "花名册", "教师名单", "职称", "岗位"),
    "observations": ("听课",),
    "papers": ("论文",),
    "projects": ("课题", "立项", "结题"),
}


def term_label(term: str) -> str:
    """Display form of a canonical term id.

    >>> term_label("2024-2025-1")
    '2024-2025学年第一学期'
    """
    first, second, half = term.split("-")
    return f"{first}-{second}学年第{'一' if half == '1' else '二'}学期"


# ------------------------------------------------ issuing bodies, stage words

#: Shown wherever a record's level could not be read.  Not one of
#: :data:`LEVELS`: the record is stored with level ``None``, counted in every
#: total, and in no per-level figure.
LEVEL_UNKNOWN = "级别不明"

#: Issuing bodies whose name alone gives a level, beside the level words
#: (…省 / 省教育厅 → 省级, …市教育局 / 市教科所 → 市级, …区 / …县 / 县教研室 → 区县级,
#: 学校 / 校级 / 校内 → 校级).  A 直辖市 is a province: "上海市…成果奖" is 省级;
#: an 自治区 is a province, not a 区; a body that is itself a school
#: ("广东省高级技工学校", "广东省技师学院") is 校级.
NATIONAL_ISSUERS = ("教育部", "中国教育学会", "全国", "国家", "中国", "国际")
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
PROVINCIAL_ISSUERS = ("省", "自治区", *MUNICIPALITIES)
SCHOOL_ISSUER_ENDINGS = ("学校", "中学", "小学", "学院", "大学", "幼儿园")

#: Headers of a column that names who issued an award or approved a
#: project; its text gives the level when no 级别 column does.
ISSUER_HEADERS = ("主办单位", "评比单位", "颁发单位", "授予单位", "项目来源", "课题来源", "课题类别",
                  "立项单位", "发证单位", "评审单位", "组织单位", "奖励名称")

#: Words that stand where a person's name should be but name a role.
ROLE_WORDS = ("主研", "负责", "执笔", "主持", "主持人", "负责人", "成员", "参与", "参与者", "组长", "组员",
              "等", "指导", "指导老师", "指导教师", "老师", "教师")

#: Extra stage spellings (the patterns in :mod:`dashboard.normalize` hold the rest).
STAGE_WORDS = {"撤项": "终止", "撤销": "终止", "终止研究": "终止", "延期结题": "延期", "已开题": "开题",
               "已立项": "立项"}

#: Canonical columns of each kind's frame, in order (source columns last).
SCHEMAS: dict[str, tuple[str, ...]] = {
    "roster": ("term", "name", "name_key", "group", "role", "birth_date", "work_start", "title"),
    "observations": ("shape", "term", "date", "observer", "observer_key", "teacher", "subject",
                     "class_name", "period", "lessons", "group"),
    "papers": ("record", "term", "title", "authors", "level", "grade", "date", "journal", "unit", "kind"),
    "projects": ("code", "title", "leader", "leader_key", "members", "level", "stage", "approved_date",
                 "planned_end_date", "concluded_date", "unit"),
}
SOURCE_COLUMNS = ("school", "source_sheet", "source_row")
