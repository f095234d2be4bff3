"""个人任务: this term's 读书笔记, 教学反思, 随笔, 博文, 微课 per category and teacher against data/task_rules.toml."""

import streamlit as st

from dashboard import tasks, ui
from dashboard.task_rules import load_task_rules
from dashboard.labels import tasks as words
from dashboard.labels.tasks import TEXT

f = ui.page_filters(words.TITLE, needs=("roster",))


@st.cache_resource(show_spinner="正在计算……", max_entries=32)
def _page(filters: ui.Filters):
    ds = ui.term_dataset(filters)
    return tasks.task_page(tasks.group_status(ds, filters.term, filters.group), filters.teacher), ds.tasks.empty


rules = load_task_rules()  # page_filters has checked every rule file: a broken one stopped the page there
page, nothing = _page(f)
if nothing:
    st.info("还没有个人任务记录：请在“数据导入”页上传个人任务登记表或每人篇数统计表。", icon=":material/upload_file:")
    st.stop()

by_category = page.figures["tasks"]["by_category"]
shown = [category for category, values in by_category.items() if values["total"] or values["target_teachers"]]
cards = st.columns(max(len(shown), 1))
for column, category in zip(cards, shown):
    values = by_category[category]
    met = words.MET_DELTA.format(values["met"], values["target_teachers"]) if values["target_teachers"] else TEXT["unknown_target"]
    column.metric(category, words.PIECES_VALUE.format(values['total']), met, delta_color="off", border=True)

st.subheader(words.CATEGORIES_SECTION)
ui.table(page.categories, f, key="tasks_categories", filename=words.CATEGORIES_FILE, title=words.CATEGORIES_TABLE)

st.subheader(words.BEHIND_SECTION)
if page.behind.empty:
    st.success("有要求的教师全部达到本学期要求。")
else:
    ui.table(page.behind, f, key="tasks_behind", filename=words.BEHIND_FILE, title=words.BEHIND_TABLE)

st.subheader(words.TEACHERS_SECTION)
ui.table(page.matrix, f, key="tasks_matrix", filename=words.TEACHERS_FILE, title=words.TEACHERS_TABLE)
with st.expander(words.RULES_EXPANDER):
    st.markdown("\n".join(f"- {rule.describe()}" for rule in rules.rules) or "（没有规则）")
    st.caption(f"按月的要求 = 每月篇数 × 本学期计入的月数（第一学期 {rules.months_first} 个月，第二学期 {rules.months_second} 个月）。")
with ui.opened(words.RECORDS_EXPANDER.format(len(page.records)), "tasks_records_open") as opened:
    if opened:
        ui.table(page.records, f, key="tasks_records", filename=words.RECORDS_FILE, title=words.RECORDS_TABLE)
