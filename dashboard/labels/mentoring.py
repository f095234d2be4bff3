"""Labels of 师徒结对: the page's title, cards, sections, tables and downloads, and the columns,
总览 cards and reminder items of :mod:`dashboard.mentoring` (师傅, 徒弟 … from the kind's declaration)."""

from dashboard.kinds.mentoring import KIND

_FIELDS = {field.name: field.label for field in KIND.fields}

# ------------------------------------------------------------ the page (pages/mentoring.py)
TITLE = KIND.label
PAGE_PAIR_COLUMNS = {"mentor": _FIELDS["mentor"], "mentee": _FIELDS["mentee"], "period": "结对期间", "sources": "来源"}
PAIRS_CARD = "本学期结对"
PAIRS_VALUE = "{} 对"
NOT_MUTUAL_CARD = "未互相听课"
MENTEE_OBSERVED_CARD = "徒弟听师傅课"
LESSONS_VALUE = "{} 节"
MENTOR_OBSERVED_CARD = "师傅听徒弟课"
FLAGGED_SECTION = "需要提醒的结对"
FLAGGED_FILE = "未互相听课的师徒结对"
FLAGGED_TABLE = "本学期未互相听课的师徒结对"
ALL_PAIRS_SECTION = "全部结对"
ALL_PAIRS_FILE = "师徒结对"
ALL_PAIRS_TABLE = "师徒结对"
UNMATCHED_EXPANDER = "不计入的结对：师傅和徒弟都不在本学期名册中（{} 对）"
UNMATCHED_FILE = "不计入的师徒结对"
UNMATCHED_TABLE = "不计入的师徒结对"

# ------------------------------------------------------------ tables, cards and reminders (dashboard/mentoring.py)
TEXT = {"heading": KIND.label, "mentor": _FIELDS["mentor"], "mentee": _FIELDS["mentee"]}
PAIR_COLUMNS = {"mentor": _FIELDS["mentor"], "mentee": _FIELDS["mentee"], "mentor_group": "师傅教研组", "mentee_group": "徒弟教研组",
                "mentee_observed_mentor": "徒弟听师傅课（节）", "mentor_observed_mentee": "师傅听徒弟课（节）",
                "mentee_open_lessons": "徒弟公开课", "mentee_awards": "徒弟获奖/发表", "flag": "提醒",
                "content": _FIELDS["content"], "period": "结对期间", "sources": "来源"}
#: a 师傅 or 徒弟 without a 教研组 in the term's roster
NOT_IN_ROSTER = "不在本学期名册"
FLAG_TEXT = {0: "", 1: "本学期单向听课", 2: "本学期未互相听课"}
NOT_MUTUAL_OVERVIEW_CARD = "结对未互相听课"
#: 教师档案: the teacher's role in the pair, the pair, its period
PROFILE_COLUMNS = ["身份", _FIELDS["mentor"], _FIELDS["mentee"], "结对期间"]
OBSERVE_MENTOR_ITEM = "师徒结对·听师傅{}的课"
OBSERVE_MENTEE_ITEM = "师徒结对·听徒弟{}的课"
