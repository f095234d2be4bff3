"""教研活动: activities held against planned per 教研组, each member's attendance and 主讲 times, the records."""

import streamlit as st

from dashboard import activities, charts, ui
from dashboard.safe import md
from dashboard.labels import activities as words


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(_f, url, version, scope, term, group) -> activities.ActivityView:
    """The term's view, once per store version and viewer (the arguments after ``_f`` are the key)."""
    return activities.activity_view(ui.dataset(_f), term, group, activities.load_rules())


f = ui.page_filters(words.TITLE, needs=("roster",))
rules = activities.load_rules()  # page_filters has checked every rule file: a broken one stopped the page there
if ui.dataset(f).activities.empty:
    st.info("还没有教研活动记录：请在“数据导入”页上传教研活动记录（每行一次活动：日期、教研组、主题、主讲/主持、参加人员或缺席/请假）。")
view = activities.for_teacher(_view(f, f.url, f.version, f.scope, f.term, f.group), f.teacher)
found = activities.activity_figures(view)["activities"]

cards = st.columns(4)
cards[0].metric(words.HELD_CARD, words.TIMES_VALUE.format(found['held']), border=True, help="本学期日期在学期内的教研活动（同组同日同主题算一次）")
cards[1].metric(words.PLANNED_CARD, words.TIMES_VALUE.format(found['planned']), border=True,
                help=f"每组：教学周数（{rules.weeks_of(f.term)}周）按规则折算的次数之和")
rates = view.members["rate"].dropna()
cards[2].metric(words.ATTENDANCE_CARD, f"{rates.mean():.0%}" if len(rates) else "—", border=True,
                help="组员参加本组活动次数 ÷ 本组写明出勤的活动次数，取平均")
cards[3].metric(words.LOW_ATTENDANCE_CARD.format(rules.low_attendance), words.PEOPLE_VALUE.format(len(found['low_attendance'])), border=True)
st.caption("计划规则：" + "；".join(md(rule.label) for rule in rules.plans) + "。规则文件：data/activity_rules.toml。")

left, right = st.columns(2)
groups = view.by_group
with left:
    st.subheader(words.GROUPS_HELD_SECTION)
    ui.show_chart(charts.bar(groups["group"], groups["held"], title=words.GROUPS_HELD_CHART, x_title=words.GROUP_AXIS,
                             y_title=words.TIMES_AXIS, texts=[f"{h}（{p}）" for h, p in zip(groups["held"], groups["planned"])]),
                  key="activities_group_chart", filename=words.GROUPS_FILE)
with right:
    st.subheader(words.GROUPS_SECTION)
    ui.table(activities.group_table(view), f, key="activities_groups", filename=words.GROUPS_FILE,
             title=words.GROUPS_TABLE)

st.subheader(words.MEMBERS_SECTION)
low = activities.low_attendance(view.members)
if low.empty:
    st.success(f"没有出勤率低于{rules.low_attendance:.0%}的教师。")
else:
    st.caption(f"{len(low)} 位教师出勤率低于{rules.low_attendance:.0%}，排在最前。")
ui.table(activities.member_table(view), f, key="activities_members", filename=words.MEMBERS_FILE, title=words.MEMBERS_TABLE)

with ui.opened(words.RECORDS_EXPANDER.format(len(view.activities)), "activities_records_open") as shown:
    if shown:
        ui.table(activities.activity_table(view.activities), f, key="activities_records", filename=words.RECORDS_FILE,
                 title=words.RECORDS_TABLE)
if len(view.unmatched):
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(view.unmatched)), "activities_other_open") as shown:
        if shown:
            ui.table(activities.activity_table(view.unmatched, "group"), f, key="activities_other",
                     filename=words.UNMATCHED_FILE, title=words.UNMATCHED_TABLE)
