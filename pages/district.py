"""区域对比: the schools of a district side by side for the chosen term: the table, 达标率 and 论文 by level
(each a lazy tab: only the one shown runs and draws)."""

import streamlit as st

from dashboard import charts, ui
from dashboard.accounts import ALL_DATA_ROLES
from dashboard.contract import LEVELS
from dashboard.labels import district as words

f = ui.page_filters(words.TITLE, roles=ALL_DATA_ROLES)
table = ui.district(f)
if len(table) < 2:
    st.info("库里只有一所学校。导入时用 `--school 学校名` 放入两所以上学校后，这里并排比较各校。")
    st.stop()

st.caption("各校按同一口径统计；侧栏的“学校”只影响其他页面。")
# Lazy tabs: only the tab shown runs and is drawn (each chart has a row per school).
table_tab, rate_tab, papers_tab = st.tabs([words.SCHOOLS_TABLE, words.MET_RATE_CHART, words.PAPERS_CHART], key="district_tab",
                                          on_change="rerun")
with table_tab:
    if table_tab.open:
        ui.table(table, f, key="district", filename=words.SCHOOLS_FILE, title=words.SCHOOLS_TABLE,
                 column_config={words.MET_RATE_COLUMN: st.column_config.NumberColumn(format="percent"),
                                words.CLOSE_RATE_COLUMN: st.column_config.NumberColumn(format="percent")})
with rate_tab:
    if rate_tab.open:
        ui.show_chart(charts.bar(table[words.SCHOOL_COLUMN], table[words.MET_RATE_COLUMN], title=words.MET_RATE_CHART,
                                 x_title=words.SCHOOL_AXIS, y_title=words.RATE_AXIS, color=charts.RATE_COLOR, percent=True),
                      key="district_rate", filename=words.MET_RATE_FILE)
with papers_tab:
    if papers_tab.open:
        levels = table.set_index(words.SCHOOL_COLUMN)[[words.PAPERS_LEVEL_COLUMN.format(level) for level in LEVELS]]
        levels.columns = list(LEVELS)
        ui.show_chart(charts.stacked(levels, title=words.PAPERS_CHART, category_title=words.SCHOOL_AXIS, series_title=words.LEVEL_AXIS,
                                     value_title=words.PAPERS_AXIS, colors=charts.LEVEL_COLORS),
                      key="district_papers", filename=words.PAPERS_FILE)
