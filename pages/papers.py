"""论文成果: level × grade matrix, by 教研组 and by teacher, trend over terms, and the records behind each number."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, ui
from dashboard.charts import GRADE_COLORS, LEVEL_COLORS
from dashboard.contract import DISTRICT_AND_ABOVE

f = ui.page_filters("论文成果", needs=("roster", "papers"))
view = ui.view(f)
records = bd.scope_papers(view, f.group, f.teacher)
figures = ui.figures(f)


def _records_table(rows, key: str, filename: str, title: str) -> None:
    st.caption(f"{title}：共 {len(rows)} 条")
    ui.table(bd.display(rows, bd.PAPER_COLUMNS), f, key=key, filename=filename, title=title)


if records.empty:
    st.info("本学期暂无论文记录")
else:
    kpi = bd.kpis(figures)
    district = sum(figures["papers"]["by_level"][level] for level in DISTRICT_AND_ABOVE)
    cards = st.columns(4)
    cards[0].metric("论文篇数", kpi["papers"], border=True, help="一条记录 = 一篇论文的一次获奖或发表")
    cards[1].metric("获奖", kpi["awards"], border=True)
    cards[2].metric("发表", kpi["published"], border=True)
    cards[3].metric("区级及以上", district, border=True)

    # ------------------------------------------------------ level × grade
    st.subheader("级别 × 等次")
    matrix = bd.level_grade_matrix(records)
    ui.show_chart(charts.stacked(matrix.drop(index=bd.TOTAL, columns=bd.TOTAL), title="各级别论文篇数（按等次）",
                                 category_title="级别", series_title="等次", value_title="论文篇数", colors=GRADE_COLORS),
                  key="papers_matrix_chart", filename="论文级别等次")
    st.caption("点选一个格子（或一行、一列）查看对应的论文记录。")
    selection = ui.table(matrix, f, key="papers_matrix", filename="论文级别等次矩阵", title="论文级别 × 等次",
                         select=["single-cell", "single-row", "single-column"], index=True)
    level = grade = None
    cell = ui.selected_cell(selection)
    if cell is not None:
        level, grade = matrix.index[cell[0]], cell[1]
    elif ui.selected_row(selection) is not None:
        level = matrix.index[ui.selected_row(selection)]
    elif selection is not None and list(selection.columns):
        grade = list(selection.columns)[0]
    if grade == "级别":  # the index column
        grade = None
    chosen = "、".join(part for part in (level, grade) if part and part != bd.TOTAL) or "全部"
    _records_table(bd.paper_cell(records, level, grade), "papers_cell_rows", f"论文_{chosen}", f"论文记录（{chosen}）")

    def _breakdown(column: str, who: str, order: list[str] | None, horizontal: bool, key: str, note: str) -> None:
        """Papers per 教研组 or per teacher: chart, table, and the papers of the row picked."""
        by = bd.papers_by(records, column, order)
        ui.show_chart(charts.stacked(by.drop(columns=bd.TOTAL), title=f"各{who}论文篇数（按级别）", category_title=who,
                                     series_title="级别", value_title="论文篇数", colors=LEVEL_COLORS,
                                     horizontal=horizontal),
                      key=f"{key}_chart", filename=f"各{who}论文篇数")
        st.caption(note)
        picked = ui.selected_row(ui.table(by.rename_axis(who), f, key=key, filename=f"各{who}论文篇数",
                                          title=f"各{who}论文篇数", select="single-row", index=True))
        if picked is not None:
            name = by.index[picked]
            _records_table(bd.papers_of(records, column, name), f"{key}_rows", f"{name}论文", f"{name}的论文")

    st.subheader("各教研组")
    _breakdown("groups", "教研组", bd.group_order(view.roster), False, "papers_groups",
               "作者来自几个教研组，就计入每个教研组。点选一行查看该组的论文。")
    st.subheader("各教师")
    _breakdown("matched_authors", "教师", None, True, "papers_teachers", "合作论文计入每位本校作者。点选一行查看该教师的论文。")

# ------------------------------------------------------------------ trend
st.subheader("各学期论文篇数")
trend = ui.trends(f)
if trend["papers"].sum() == 0:
    st.info("各学期都暂无论文记录")
else:
    levels = trend.set_index("label")[[f"level:{level}" for level in LEVEL_COLORS if f"level:{level}" in trend]]
    levels.columns = [column.removeprefix("level:") for column in levels.columns]
    ui.show_chart(charts.stacked(levels, title="各学期论文篇数（按级别）", category_title="学期", series_title="级别",
                                 value_title="论文篇数", colors=LEVEL_COLORS),
                  key="papers_trend_chart", filename="各学期论文篇数")
    shown = levels.assign(合计=trend["papers"].to_numpy(), 获奖=trend["awards"].to_numpy(), 发表=trend["published"].to_numpy())
    st.caption("点选一个学期查看该学期的论文。")
    picked = ui.selected_row(ui.table(shown.rename_axis("学期"), f, key="papers_trend", filename="各学期论文篇数",
                                      title="各学期论文篇数", index=True, select="single-row"))
    if picked is not None:
        term = trend["term"].iloc[picked]
        rows = bd.scope_papers(ui.view(f, term), f.group, f.teacher)
        _records_table(rows, "papers_trend_rows", f"论文_{trend['label'].iloc[picked]}", f"{trend['label'].iloc[picked]}的论文")

if not records.empty:
    with ui.opened(f"本学期全部论文记录（{len(records)} 条）", "papers_all_open") as shown:
        if shown:
            _records_table(records, "papers_all", "论文记录", "本学期论文记录")
if len(view.other_papers):
    with ui.opened(f"不计入的记录：作者都不在本校名册中（{len(view.other_papers)} 条）", "papers_other_open") as shown:
        if shown:
            _records_table(view.other_papers, "papers_other", "外校论文记录", "不计入的论文记录")
