"""个人任务: this term's 读书笔记, 教学反思, 随笔, 博文, 微课 per category and teacher against data/task_rules.toml."""

import streamlit as st

from dashboard import tasks, ui
from dashboard.task_rules import TaskRulesError, load_task_rules

f = ui.page_filters("个人任务", needs=("roster",))


@st.cache_resource(show_spinner="正在计算……", max_entries=32)
def _page(filters: ui.Filters):
    ds = ui.term_dataset(filters)
    return tasks.task_page(tasks.group_status(ds, filters.term, filters.group), filters.teacher), ds.tasks.empty


try:
    rules = load_task_rules()
    page, nothing = _page(f)
except TaskRulesError as error:
    st.error(f"个人任务要求文件有误，无法计算：{error}")
    st.stop()
if nothing:
    st.info("还没有个人任务记录：请在“数据导入”页上传个人任务登记表或每人篇数统计表。", icon=":material/upload_file:")
    st.stop()

by_category = page.figures["tasks"]["by_category"]
shown = [category for category, values in by_category.items() if values["total"] or values["target_teachers"]]
cards = st.columns(max(len(shown), 1))
for column, category in zip(cards, shown):
    values = by_category[category]
    met = f"{values['met']}/{values['target_teachers']} 人达标" if values["target_teachers"] else "无要求"
    column.metric(category, f"{values['total']} 篇", met, delta_color="off", border=True)

st.subheader("各类别完成情况")
ui.table(page.categories, f, key="tasks_categories", filename="个人任务_各类别", title="个人任务各类别完成情况")

st.subheader("未达要求")
if page.behind.empty:
    st.success("有要求的教师全部达到本学期要求。")
else:
    ui.table(page.behind, f, key="tasks_behind", filename="个人任务未达要求", title="个人任务未达要求")

st.subheader("每位教师")
ui.table(page.matrix, f, key="tasks_matrix", filename="个人任务_每位教师", title="个人任务（每位教师）")
with st.expander("本校的要求（data/task_rules.toml）"):
    st.markdown("\n".join(f"- {rule.describe()}" for rule in rules.rules) or "（没有规则）")
    st.caption(f"按月的要求 = 每月篇数 × 本学期计入的月数（第一学期 {rules.months_first} 个月，第二学期 {rules.months_second} 个月）。")
with ui.opened(f"本学期的记录（{len(page.records)} 条）", "tasks_records_open") as opened:
    if opened:
        ui.table(page.records, f, key="tasks_records", filename="个人任务记录", title="个人任务记录")
