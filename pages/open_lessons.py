"""公开课: lessons given per 教研组 and teacher against the rule, by 课型, and who was never observed."""

import streamlit as st

from dashboard import charts
from dashboard import open_lessons as ol
from dashboard import open_lessons_view as olv
from dashboard import ui
from dashboard.lesson_types import LESSON_TYPES
from dashboard.safe import md

f = ui.page_filters("公开课", needs=("roster",))
try:
    parts = olv.parts(f)
except ol.RulesError as error:
    st.error(f"{error} 修改后刷新本页即可。")
    st.stop()
teachers, lessons = parts.teachers, parts.lessons
if f.teacher:
    teachers = teachers[teachers["name_key"] == f.teacher]
    lessons = lessons[lessons["teacher_key"] == f.teacher]
never = ol.never_observed(teachers)

cards = st.columns(4)
cards[0].metric("公开课节数", len(lessons), border=True, help="同一日期、授课教师、班级、节次的公开课只计一次")
with_quota = teachers[teachers["quota"] > 0]
cards[1].metric("公开课完成率", ol.percent(with_quota["met"].mean() if len(with_quota) else None), border=True,
                help=f"有公开课要求的 {len(with_quota)} 位教师中已完成 {int(with_quota['met'].sum())} 位")
cards[2].metric("尚未完成的教师", int((~with_quota["met"]).sum()), border=True)
cards[3].metric("从未被听课", f"{len(never)} 人", border=True, help="本学期听课记录中没有被听过课的教师")
st.caption("公开课来自公开课名单，以及听课记录中“课型”为公开课、示范课、研究课、汇报课、观摩课、一人一课的记录；"
           "要求见 data/open_lesson_rules.toml（默认：45周岁以下每学期至少 1 节）。")

# ------------------------------------------------------------ per group
if not f.teacher:
    st.subheader("各教研组公开课")
    groups = ol.group_table(teachers, lessons)
    ui.show_chart(charts.bar(groups["group"], groups["lessons"], title="各教研组公开课节数", x_title="教研组",
                             y_title="节数"), key="open_groups_chart", filename="各教研组公开课节数")
    shown = groups.rename(columns=ol.GROUP_COLUMNS)
    shown["完成率"] = groups["rate"].map(ol.percent)
    ui.table(shown, f, key="open_groups", filename="各教研组公开课", title="各教研组公开课")

# ------------------------------------------------------------- per type
st.subheader("课型")
types = lessons["lesson_type"].value_counts().reindex(list(LESSON_TYPES), fill_value=0)
ui.show_chart(charts.bar(list(types.index), list(types.values), title="各课型节数", x_title="课型", y_title="节数",
                         in_order=True), key="open_types_chart", filename="公开课课型")

# ---------------------------------------------------------- per teacher
st.subheader("教师公开课进度")
st.caption("还差最多的教师排在最前；“被听课节数”按听课记录统计（同一节课只计一次）。")
order = teachers.assign(_gap=teachers["owed"]).sort_values(["_gap", "name_key"], ascending=[False, True], kind="stable")
ui.table(order[list(ol.TEACHER_COLUMNS)].rename(columns=ol.TEACHER_COLUMNS), f, key="open_teachers",
         filename="教师公开课进度", title="教师公开课进度")

# ----------------------------------------------------------- observed
st.subheader("被听课")
if never.empty:
    st.success("本学期每位教师都被听过课。")
else:
    st.markdown(f"**本学期从未被听课的教师（{len(never)} 人）**：{md('、'.join(never['name_key']))}")

# ------------------------------------------------------------- records
with ui.opened(f"公开课明细（{len(lessons)} 节）", "open_lessons_rows_open") as shown:
    if shown:
        ui.table(lessons[list(ol.LESSON_COLUMNS)].rename(columns=ol.LESSON_COLUMNS), f, key="open_lessons_rows",
                 filename="公开课明细", title="公开课明细")
if len(parts.others) and not f.teacher:
    with ui.opened(f"不计入的公开课：授课教师不在本学期名册中（{len(parts.others)} 节）", "open_others_open") as shown:
        if shown:
            ui.table(parts.others[list(ol.UNMATCHED_COLUMNS)].rename(columns=ol.UNMATCHED_COLUMNS), f,
                     key="open_others", filename="不计入的公开课", title="授课教师不在名册中的公开课")
