"""数据质量: for the chosen term, what did not count and how to fix it.

Thin: the tables and the advice come from :func:`dashboard.quality.quality_sections`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import quality, ui
from dashboard.accounts import MANAGING_ROLES
from dashboard.contract import term_label
from dashboard.labels import quality as words


@st.cache_data(show_spinner="正在检查数据…", max_entries=32)
def _sections(url: str, version: int, scope, term: str, include_not_ours: bool, _ds) -> list[quality.Section]:
    return quality.store_sections(ui.get_store(url), _ds, scope.school, term, include_not_ours=include_not_ours)


f = ui.page_filters(words.TITLE, roles=MANAGING_ROLES)
st.caption("本学期没有计入统计的数据、需要核对的数据，以及修正的方法（按侧栏所选学期；教研组、教师筛选不影响本页）。")
include_not_ours = st.toggle(words.NOT_OURS_TOGGLE, key="quality_not_ours")
sections = _sections(f.url, f.version, f.scope, f.term, include_not_ours, ui.dataset(f))

st.subheader(term_label(f.term))
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
        st.page_link("pages/import_data.py", label=words.FIX_NAMES_LINK, icon="📥")
