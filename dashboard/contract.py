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
    ordered rules in ``quota_rules.toml`` (first match wins).  A rule's
    ``roles`` are met by a post of the 职务 cell that is the role or ends
    with it after its office (教务处主任 is a 主任; 班主任 is not).  A
    teacher whose age no cell states (no 出生年月, no 身份证号 to read it
    from) meets no age condition, and the 任务依据 says the quota is
    provisional (出生年月不明，暂按…).
论文
    One record = one paper-award.  Counts for this school when at least one
    author matches the roster.  Levels and grades below.  In a list of
    honours (no paper-title column, or one teacher's list named only in
    its title) only rows that speak of a 论文 are papers; the rest are
    reported as 不是论文.
获奖与发表 (awards and publications)
    论文 is one category of the papers kind; the categories are
    :data:`AWARD_CATEGORIES` (论文, 教学设计, 教学案例, 课件, 微课, 优质课, 基本功,
    说课, 其他), spelt as in :data:`CATEGORY_SPELLINGS` (优质课 ← 课堂教学评比/赛课/
    优课/优质课评比, 教学设计 ← 教案, 教学案例 ← 案例, 微课 ← 微视频, 基本功 ←
    基本功大赛/技能大赛 …).  A record's category comes, in order, from its
    类别/项目/评比项目/作品类别/参赛项目 column (a cell naming no category of
    ours is 其他; a blank cell says nothing), else the section text above its
    row, the short text above its table, the file's title or its name
    (``2024年区优质课评比获奖名单`` → 优质课; a text naming two categories names
    none), else the import option (``import --category``, the 数据导入 page's
    类别 option).  When none says, the record is 论文 only if the list calls
    itself a 论文 list (its title, file name or a header such as 论文题目 says
    论文); else its category is unknown: stored as None, reported with file,
    sheet, row and column, shown as 类别不明 (:data:`CATEGORY_UNKNOWN`), and —
    like 级别不明 — counted in ``awards.total`` but in no category.  In a list
    of honours (no title column, or one teacher's list) a row is read when it
    names a category (论文 or another); the others are reported as 不是论文.
    The figures key ``papers`` is the 论文 category alone; ``awards`` holds
    every category (see :mod:`dashboard.awards`): one record = one award of
    one work, 项 = records, 人次 = one per matched roster author of a record.
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
    :mod:`dashboard.metrics`.  A project with no 立项时间 but a 结题时间
    (a district's list of concluded projects) keeps its approval unknown:
    it counts as concluded in the term of its 结题时间 and never as new or
    in progress.  With neither, the term the file is for (option, sheet,
    title) gives the approval, said; with no term it is not imported.
"""

from __future__ import annotations

from . import kinds as _kinds

#: The kinds of record, in import order, and what a user calls them; declared in
#: :mod:`dashboard.kinds` (one module per kind), read here as live views.
KINDS = _kinds.KEYS
KIND_LABELS = _kinds.live(lambda kind: kind.label)

LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
GRADES = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "发表", "其他")
STAGES = ("申报", "立项", "开题", "中期", "结题", "延期", "终止")
#: Levels counted as "区级及以上" in the term report.
DISTRICT_AND_ABOVE = ("国家级", "省级", "市级", "区县级")

#: 获奖与发表: the categories of the papers kind, in the order pages list them.
AWARD_CATEGORIES = ("论文", "教学设计", "教学案例", "课件", "微课", "优质课", "基本功", "说课", "其他")
#: Shown wherever a record's category could not be read (stored as None, counted in totals only).
CATEGORY_UNKNOWN = "类别不明"
#: The spellings of each category in a cell, title or section text (the longest spelling found wins
#: where two overlap: 优质课评比 is 优质课, not a 评比 of something else).
CATEGORY_SPELLINGS = {
    "论文": ("论文",),
    "教学设计": ("教学设计", "教案", "课例设计", "教学方案"),
    "教学案例": ("教学案例", "案例", "课例"),
    "课件": ("课件",),
    "微课": ("微课", "微视频"),
    "优质课": ("优质课", "课堂教学评比", "课堂教学比赛", "课堂教学大赛", "课堂教学竞赛", "赛课", "优课", "优质课评比",
             "优质课比赛", "录像课"),
    "基本功": ("基本功", "基本功大赛", "技能大赛", "教学技能比赛", "教学技能大赛"),
    "说课": ("说课",),
    "其他": ("其他", "其它"),
}

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

#: Exact header spellings per kind and field (each kind's ``synonyms``), plus the school column.
COLUMN_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = _kinds.live(
    lambda kind: {**kind.synonyms, "school": SCHOOL_SPELLINGS})

#: Core words: a normalised header containing one names the field (see above); each kind's ``header_words``.
HEADER_WORDS: dict[str, dict[str, tuple[str, ...]]] = _kinds.live(lambda kind: kind.header_words)

#: 姓名/名称 name "the name of" what comes before them: they yield to another core word.
WEAK_HEADER_WORDS = ("姓名", "名字", "名称")

#: The columns form tools (问卷星, 腾讯问卷, 金数据, 钉钉 智能填表, 企业微信 收集表, WPS 表单) add to
#: every export; recognised and ignored (after the exact spellings above, so a 听课 form's 提交人
#: and 提交时间 still count).  Compared with the normalised header, lower case.
FORM_METADATA = (
    "序号", "编号", "提交序号", "答卷编号", "提交答卷时间", "提交时间", "开始答题时间", "结束答题时间", "答题时间",
    "所用时间", "答题时长", "填写时长", "填写时间", "更新时间", "修改时间", "创建时间", "最后修改时间", "来源",
    "来源详情", "来源渠道", "渠道", "来自ip", "来源ip", "填写ip", "ip", "ip地址", "ip属地", "提交ip", "地理位置", "国家和地区", "省份",
    "城市", "提交者设备", "填写设备", "设备", "浏览器", "操作系统", "总分", "得分", "微信昵称", "昵称", "用户id",
    "openid", "提交人", "提交者", "填写人", "填写者", "提交人部门", "提交者部门", "填写状态", "审核状态", "数据状态",
    "用户类型", "自定义字段", "标签", "备注",
)

#: A header naming a calendar month (``9月``, ``10月份``): the per-teacher month matrix of 听课.
MONTH_HEADER = r"^(?:\d{4}年)?(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$"

#: Fields a block needs before its rows can be read as that kind (a 听课 log needs 听课人, a
#: summary 姓名 + 节数: checked in its loader).
REQUIRED_FIELDS = _kinds.live(lambda kind: kind.required)

#: Words in a file name or title that hint at the kind.
KIND_HINTS = _kinds.live(lambda kind: kind.hints)


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
                  "立项单位", "发证单位", "评审单位", "组织单位", "举办单位", "奖励名称")

#: Words that stand where a person's name should be but name a role.
ROLE_WORDS = ("主研", "负责", "执笔", "主持", "主持人", "负责人", "成员", "参与", "参与者", "组长", "组员",
              "等", "指导", "指导老师", "指导教师", "老师", "教师")

#: Extra stage spellings (the patterns in :mod:`dashboard.normalize` hold the rest).
STAGE_WORDS = {"撤项": "终止", "撤销": "终止", "终止研究": "终止", "延期结题": "延期", "已开题": "开题",
               "已立项": "立项"}

#: Canonical columns of each kind's frame, in order (source columns last), and their types.
SCHEMAS: dict[str, tuple[str, ...]] = _kinds.live(lambda kind: kind.columns)
FIELD_TYPES: dict[str, dict[str, str]] = _kinds.live(lambda kind: kind.types())
SOURCE_COLUMNS = ("school", "source_sheet", "source_row")
