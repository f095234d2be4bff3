"""公开课: lessons given per 教研组 and teacher against the rule, by 课型, and who was never observed."""

import streamlit as st

from dashboard import open_lessons as ol
from dashboard import open_lessons_view as olv
from dashboard import ui
from dashboard.safe import md

f = ui.page_filters("公开课", needs=("roster",))
try:
    parts = olv.parts(f)
except ol.RulesError as error:
    st.error(f"{error} 修改后刷新本页即可。")
    st.stop()

for column, (label, value, help_text) in zip(st.columns(4), parts.cards):
    column.metric(label, value, border=True, help=help_text)
st.caption("公开课来自公开课名单，以及听课记录中“课型”为公开课、示范课、研究课、汇报课、观摩课、一人一课的记录；"
           "要求见 data/open_lesson_rules.toml（默认：45周岁以下每学期至少 1 节）。")

if not f.teacher:
    st.subheader("各教研组公开课")
    ui.show_chart(parts.groups_chart, key="open_groups_chart", filename="各教研组公开课节数")
    ui.table(parts.groups, f, key="open_groups", filename="各教研组公开课", title="各教研组公开课")

st.subheader("课型")
ui.show_chart(parts.types_chart, key="open_types_chart", filename="公开课课型")

st.subheader("教师公开课进度")
st.caption("还差最多的教师排在最前；“被听课节数”按听课记录统计（同一节课只计一次，连堂按节数）。")
ui.table(parts.teachers, f, key="open_teachers", filename="教师公开课进度", title="教师公开课进度")

st.subheader("被听课")
if parts.never:
    st.markdown(f"**本学期从未被听课的教师（{len(parts.never)} 人）**：{md('、'.join(parts.never))}")
else:
    st.success("本学期每位教师都被听过课。")

with ui.opened(f"公开课明细（{len(parts.lessons)} 节）", "open_lessons_rows_open") as shown:
    if shown:
        ui.table(parts.lessons, f, key="open_lessons_rows", filename="公开课明细", title="公开课明细")
if len(parts.others):
    with ui.opened(f"不计入的公开课：授课教师不在本学期名册中（{len(parts.others)} 节）", "open_others_open") as shown:
        if shown:
            ui.table(parts.others, f, key="open_others", filename="不计入的公开课", title="授课教师不在名册中的公开课")
