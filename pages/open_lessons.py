"""公开课: lessons given per 教研组 and teacher against the rule, by 课型, and who was never observed."""

import streamlit as st

from dashboard import open_lessons_view as olv
from dashboard import ui
from dashboard.safe import md
from dashboard.labels import open_lessons as words

f = ui.page_filters(words.TITLE, needs=("roster",))
parts = olv.parts(f)  # page_filters has checked every rule file: a broken one stopped the page there

for column, (label, value, help_text) in zip(st.columns(4), parts.cards):
    column.metric(label, value, border=True, help=help_text)
st.caption("公开课来自公开课名单，以及听课记录中“课型”为公开课、示范课、研究课、汇报课、观摩课、一人一课的记录；"
           "要求见 data/open_lesson_rules.toml（默认：45周岁以下每学期至少 1 节）。")

# Lazy tabs, one chart or table each: only the tab shown runs and is drawn (the page opened in 0.8–0.9 s
# at district scale with its two charts and two tables all drawn).
tabs = dict(zip(parts.sections, st.tabs(list(parts.sections), key="open_lessons_tab", on_change="rerun")))
with tabs[words.TEACHERS_SECTION]:
    if tabs[words.TEACHERS_SECTION].open:
        st.caption("还差最多的教师排在最前；“被听课节数”按听课记录统计（同一节课只计一次，连堂按节数）。")
        ui.table(parts.teachers, f, key="open_teachers", filename=words.TEACHERS_FILE, title=words.TEACHERS_TABLE)
if words.GROUPS_SECTION in tabs:
    with tabs[words.GROUPS_SECTION]:
        if tabs[words.GROUPS_SECTION].open:
            ui.show_chart(parts.groups_chart, key="open_groups_chart", filename=words.GROUPS_CHART)
            ui.table(parts.groups, f, key="open_groups", filename=words.GROUPS_FILE, title=words.GROUPS_TABLE)
with tabs[words.TYPES_SECTION]:
    if tabs[words.TYPES_SECTION].open:
        ui.show_chart(parts.types_chart, key="open_types_chart", filename=words.TYPES_FILE)

st.subheader(words.OBSERVED_SECTION)
if parts.never:
    st.markdown(f"**本学期从未被听课的教师（{len(parts.never)} 人）**：{md('、'.join(parts.never))}")
else:
    st.success("本学期每位教师都被听过课。")

with ui.opened(words.LESSONS_EXPANDER.format(len(parts.lessons)), "open_lessons_rows_open") as shown:
    if shown:
        ui.table(parts.lessons, f, key="open_lessons_rows", filename=words.LESSONS_FILE, title=words.LESSONS_TABLE)
if len(parts.others):
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(parts.others)), "open_others_open") as shown:
        if shown:
            ui.table(parts.others, f, key="open_others", filename=words.UNMATCHED_FILE, title=words.UNMATCHED_TABLE)
