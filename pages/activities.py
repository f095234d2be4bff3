"""教研活动: activities held against planned per 教研组, each member's attendance and 主讲 times, the records."""

import streamlit as st

from dashboard import activities, charts, ui
from dashboard.safe import md


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(_f, url, version, scope, term, group) -> activities.ActivityView:
    """The term's view, once per store version and viewer (the arguments after ``_f`` are the key)."""
    return activities.activity_view(ui.dataset(_f), term, group, activities.load_rules())


f = ui.page_filters("教研活动", needs=("roster",))
try:
    rules = activities.load_rules()
except activities.RulesError as error:
    st.error(str(error))
    st.stop()
if ui.dataset(f).activities.empty:
    st.info("还没有教研活动记录：请在“数据导入”页上传教研活动记录（每行一次活动：日期、教研组、主题、主讲/主持、参加人员或缺席/请假）。")
view = activities.for_teacher(_view(f, f.url, f.version, f.scope, f.term, f.group), f.teacher)
found = activities.activity_figures(view)["activities"]

cards = st.columns(4)
cards[0].metric("已开展", f"{found['held']}次", border=True, help="本学期日期在学期内的教研活动（同组同日同主题算一次）")
cards[1].metric("计划", f"{found['planned']}次", border=True,
                help=f"每组：教学周数（{rules.weeks_of(f.term)}周）按规则折算的次数之和")
rates = view.members["rate"].dropna()
cards[2].metric("平均出勤率", f"{rates.mean():.0%}" if len(rates) else "—", border=True,
                help="组员参加本组活动次数 ÷ 本组写明出勤的活动次数，取平均")
cards[3].metric(f"出勤率低于{rules.low_attendance:.0%}", f"{len(found['low_attendance'])}人", border=True)
st.caption("计划规则：" + "；".join(md(rule.label) for rule in rules.plans) + "。规则文件：data/activity_rules.toml。")

left, right = st.columns(2)
groups = view.by_group
with left:
    st.subheader("各教研组开展情况")
    ui.show_chart(charts.bar(groups["group"], groups["held"], title="已开展次数（括号内为计划）", x_title="教研组",
                             y_title="次数", texts=[f"{h}（{p}）" for h, p in zip(groups["held"], groups["planned"])]),
                  key="activities_group_chart", filename="教研活动_各教研组")
with right:
    st.subheader("各教研组")
    ui.table(activities.group_table(view), f, key="activities_groups", filename="教研活动_各教研组",
             title="各教研组教研活动")

st.subheader("组员出勤与主讲")
low = activities.low_attendance(view.members)
if low.empty:
    st.success(f"没有出勤率低于{rules.low_attendance:.0%}的教师。")
else:
    st.caption(f"{len(low)} 位教师出勤率低于{rules.low_attendance:.0%}，排在最前。")
ui.table(activities.member_table(view), f, key="activities_members", filename="教研活动_组员出勤", title="组员出勤与主讲")

with ui.opened(f"本学期的教研活动（{len(view.activities)} 次）", "activities_records_open") as shown:
    if shown:
        ui.table(activities.activity_table(view.activities), f, key="activities_records", filename="教研活动记录",
                 title="本学期教研活动")
if len(view.unmatched):
    with ui.opened(f"不计入的活动：教研组不在本学期名册中（{len(view.unmatched)} 次）", "activities_other_open") as shown:
        if shown:
            ui.table(activities.activity_table(view.unmatched, "group"), f, key="activities_other",
                     filename="不计入的教研活动", title="教研组不在名册中的活动")
