"""教研活动: one row per activity of a 教研组 (日期, 主题, 主讲/主持, 参加人员, 缺席/请假).

参加人员 may be a list in one cell or one row per attendee (rows of the same 教研组, 日期 and
主题 are one activity).  Attendance: a member of the activity's group attended it when named in
参加人员; when a file gives only 缺席/请假, every member not named there attended; a 参加人员 cell
saying 全体 means every member; an activity with neither counts as held but in nobody's attendance
(reported).  A 教研组长 sees the activities of their own group (``group_field``).
"""

from . import Field, Kind

KIND = Kind(
    key="activities",
    label="教研活动",
    file_label="教研活动记录",
    order=70,
    reader="activities",
    figures=("activities",),
    fields=(
        Field("term", "学期"),
        Field("date", "活动日期", "date"),
        Field("group", "教研组"),
        Field("topic", "主题"),
        Field("host", "主讲/主持"),
        Field("attendees", "参加人员"),
        Field("absentees", "缺席/请假"),
        Field("attendance", "出勤依据"),
        Field("place", "地点"),
    ),
    synonyms={
        "date": ("日期", "活动日期", "活动时间", "时间", "开展时间", "开展日期"),
        "group": ("教研组", "学科组", "组别", "教研组名称", "所在教研组", "提交人部门", "提交者部门", "部门"),
        "topic": ("主题", "活动主题", "内容", "活动内容", "研讨主题", "议题", "研讨内容", "活动名称", "研讨课题", "活动课题",
                  "研讨专题", "教研专题", "专题"),
        "host": ("主讲", "主讲人", "主持", "主持人", "主讲/主持", "主讲人/主持人", "中心发言人", "主备人", "发言人",
                 "主讲教师"),
        "attendees": ("参加人员", "参加教师", "参会人员", "出席人员", "参与人员", "参加者", "出席教师", "参加人",
                      "签到", "签到教师", "参加人员名单", "姓名", "教师姓名"),
        "absentees": ("缺席", "缺席人员", "请假", "请假人员", "缺席/请假", "缺勤", "缺席人员（请假）", "缺席教师"),
        "place": ("地点", "活动地点"),
        "submitter": ("提交人", "提交者", "填写人", "填表人"),
        "term": ("学期",),
    },
    header_words={
        "date": ("日期", "活动时间", "开展时间"),
        "group": ("教研组", "学科组", "组别"),
        "topic": ("主题", "内容", "议题", "专题"),
        "host": ("主讲", "主持", "中心发言", "主备"),
        "attendees": ("参加", "出席", "参会", "参与", "签到"),
        "absentees": ("缺席", "请假", "缺勤"),
        "place": ("地点",),
        "submitter": ("提交人", "提交者", "填写人", "填表人"),
        "term": ("学期",),
    },
    required=("date",),
    hints=("教研活动", "教研组活动", "活动记录", "集体备课"),
    people=("attendees", "host"),
    group_field="group",
    rules_hook="activities:load_rules",
    figures_hook="activities:figures_hook",
    overview_hook="activities:overview_hook",
    report_hook="activities:report_hook",
    profile_hook="activities:profile_hook",
    reminder_hook="activities:reminder_hook",
    pages=(("activities.py", "教研活动", "groups", "activities"),),
)
