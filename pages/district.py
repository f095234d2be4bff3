"""区域对比: the schools of a district side by side for the chosen term."""

import streamlit as st

from dashboard import charts, ui
from dashboard.accounts import ALL_DATA_ROLES
from dashboard.contract import LEVELS

f = ui.page_filters("区域对比", roles=ALL_DATA_ROLES)
table = ui.district(f)
if len(table) < 2:
    st.info("库里只有一所学校。导入时用 `--school 学校名` 放入两所以上学校后，这里并排比较各校。")
    st.stop()

st.caption("各校按同一口径统计；侧栏的“学校”只影响其他页面。")
ui.table(table, f, key="district", filename="区域对比", title="各校对比",
         column_config={"听课达标率": st.column_config.NumberColumn(format="percent"),
                        "结题率": st.column_config.NumberColumn(format="percent")})
left, right = st.columns(2)
with left:
    ui.show_chart(charts.bar(table["学校"], table["听课达标率"], title="各校听课达标率", x_title="学校",
                             y_title="达标率", color=charts.RATE_COLOR, percent=True),
                  key="district_rate", filename="各校听课达标率")
with right:
    levels = table.set_index("学校")[[f"论文·{level}" for level in LEVELS]]
    levels.columns = list(LEVELS)
    ui.show_chart(charts.stacked(levels, title="各校论文（按级别）", category_title="学校", series_title="级别",
                                 value_title="篇数", colors=charts.LEVEL_COLORS),
                  key="district_papers", filename="各校论文按级别")
