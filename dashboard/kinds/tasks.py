"""个人任务: 读书笔记, 教学反思, 随笔, 博文, 微课 … one item per row, or a per-teacher count table."""

from . import Field, Kind

#: The categories, in the order pages and reports list them.
CATEGORIES = ("读书笔记", "教学反思", "随笔", "博文", "微课", "其他")
#: The count-table column field of each category (姓名 | 读书笔记 | 教学反思 | …).
CATEGORY_FIELDS = {"n_reading": "读书笔记", "n_reflection": "教学反思", "n_essay": "随笔", "n_blog": "博文",
                   "n_micro": "微课", "n_other": "其他"}

KIND = Kind(
    key="tasks",
    label="个人任务",
    file_label="个人任务记录",
    order=90,
    reader="tasks",
    figures=("tasks",),
    fields=(
        Field("term", "学期"),
        Field("date", "日期", "date"),
        Field("name", "姓名"),
        Field("name_key", "姓名（统一写法）"),
        Field("category", "类别"),
        Field("title", "题目"),
        Field("words", "字数", "int"),
        Field("count", "篇数", "int"),
        Field("shape", "记录形式"),
    ),
    synonyms={
        "name": ("姓名", "教师姓名", "教师", "作者", "提交人", "提交者", "填写人", "您的姓名"),
        "category": ("类别", "任务类别", "类型", "任务类型", "作业类型", "成果类型", "材料类型", "提交类型", "文章类型"),
        "date": ("日期", "完成日期", "提交日期", "撰写日期", "发布日期", "完成时间", "发布时间", "撰写时间"),
        "title": ("题目", "标题", "篇名", "书名", "文章题目", "文章标题", "作品名称", "微课名称"),
        "words": ("字数", "字数（字）"),
        "term": ("学期",),
        "group": ("教研组", "学科组", "组别", "部门", "提交人部门"),
        "total": ("合计", "总计", "总篇数", "合计篇数"),
        "submitted_at": ("提交时间", "提交答卷时间", "填写时间", "创建时间"),
        "n_reading": ("读书笔记", "读书心得", "读书笔记（篇）"),
        "n_reflection": ("教学反思", "反思", "课后反思"),
        "n_essay": ("随笔", "教育随笔", "教学随笔"),
        "n_blog": ("博文", "博客", "教育博文"),
        "n_micro": ("微课", "微课视频"),
        "n_other": ("其他",),
    },
    header_words={
        "name": ("姓名", "名字"),
        "category": ("类别", "类型"),
        "date": ("日期",),
        "title": ("题目", "标题", "篇名", "书名"),
        "words": ("字数",),
        "term": ("学期",),
        "group": ("教研组", "学科组"),
        "n_reading": ("读书笔记", "读书心得"),
        "n_reflection": ("教学反思",),
        "n_essay": ("随笔",),
        "n_blog": ("博文", "博客"),
        "n_micro": ("微课",),
    },
    required=("name",),
    hints=("个人任务", "读书笔记", "教学反思", "随笔", "博文", "微课"),
    people=("name_key",),
    rules_hook="task_rules:load_task_rules",
    figures_hook="tasks:figures_hook",
    overview_hook="tasks:overview_hook",
    report_hook="tasks:report_hook",
    profile_hook="tasks:profile_hook",
    reminder_hook="tasks:reminder_hook",
    pages=(("tasks.py", "个人任务", "edit_note", "tasks"),),
)
