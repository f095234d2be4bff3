"""数据质量: for the chosen term, what did not count and how to fix it.

Thin: the tables and the advice come from :func:`dashboard.quality.quality_sections`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import metrics, quality
from dashboard.contract import term_label
from dashboard.store import Store, resolve_url


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(url: str, version: int):
    return _store(url).dataset()


url = resolve_url()
store = _store(url)
ds = _dataset(url, store.version())

st.title("🩺 数据质量")
st.caption("没有计入统计的数据、需要核对的数据，以及修正的方法。")

terms = metrics.data_terms(ds)
if not terms:
    st.info("还没有任何数据。请先在「数据导入」页导入教师名册和听课、论文、课题文件。")
    st.page_link("pages/import_data.py", label="去导入数据", icon="📥")
    st.stop()

term = st.sidebar.selectbox("学期", terms[::-1], format_func=term_label, key="quality_term")
include_not_ours = st.toggle("也列出已标记为“不是本校教师”的姓名", key="quality_not_ours")
sections = quality.quality_sections(ds, store.problems(), store.history(), term, include_not_ours=include_not_ours)

st.subheader(term_label(term))
for column, section in zip(st.columns(len(sections)), sections):
    column.metric(section.title, len(section.table))

for section in sections:
    st.header(f"{section.title}（{len(section.table)}）")
    if section.table.empty:
        st.success(section.all_clear)
        continue
    st.markdown(f"**如何处理**：{section.fix}")
    st.dataframe(section.table, hide_index=True, width="stretch")
    if section.key == "unmatched":
        st.page_link("pages/import_data.py", label="去「数据导入」页为这些姓名指定对应教师", icon="📥")
