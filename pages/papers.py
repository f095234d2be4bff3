"""获奖与发表: by category (论文, 教学设计, 优质课 …), the level × grade matrix, per 教研组 and per teacher with
项 and 人次, the 论文 trend over terms, and the records behind each number."""

import streamlit as st

from dashboard import awards as aw
from dashboard import breakdowns as bd
from dashboard import charts, ui
from dashboard.charts import GRADE_COLORS, LEVEL_COLORS
from dashboard.contract import DISTRICT_AND_ABOVE
from dashboard.labels import papers as words

f = ui.page_filters(aw.HEADING, needs=("roster", "papers"))
view = ui.view(f)
every = aw.scoped(ui.awards(f).records, f.group, f.teacher)


def _records_table(rows, key: str, filename: str, title: str) -> None:
    st.caption(f"{title}：共 {len(rows)} 条")
    ui.table(aw.records_table(rows), f, key=key, filename=filename, title=title)


def _trend() -> None:
    """论文 per term by level: chart, table, and the papers of the term picked."""
    trend = ui.trends(f)
    if trend["papers"].sum() == 0:
        st.info("各学期都暂无论文记录")
    else:
        levels = trend.set_index("label")[[f"level:{level}" for level in LEVEL_COLORS if f"level:{level}" in trend]]
        levels.columns = [column.removeprefix("level:") for column in levels.columns]
        ui.show_chart(charts.stacked(levels, title=words.TRENDS_CHART, category_title=words.TERM_AXIS, series_title=words.LEVEL_AXIS,
                                     value_title=words.PAPERS_AXIS, colors=LEVEL_COLORS),
                      key="papers_trend_chart", filename=words.TRENDS_SECTION)
        shown = levels.assign(合计=trend["papers"].to_numpy(), 获奖=trend["awards"].to_numpy(), 发表=trend["published"].to_numpy())
        st.caption("点选一个学期查看该学期的论文。")
        picked = ui.selected_row(ui.table(shown.rename_axis(words.TERM_AXIS), f, key="papers_trend", filename=words.TRENDS_SECTION,
                                          title=words.TRENDS_SECTION, index=True, select="single-row"))
        if picked is not None:
            term = trend["term"].iloc[picked]
            rows = bd.scope_papers(ui.view(f, term), f.group, f.teacher)
            st.caption(f"{trend['label'].iloc[picked]}的论文：共 {len(rows)} 条")
            ui.table(bd.display(rows, bd.PAPER_COLUMNS), f, key="papers_trend_rows",
                     filename=words.TERM_PAPERS_FILE.format(trend['label'].iloc[picked]), title=words.TERM_PAPERS_TABLE.format(trend['label'].iloc[picked]))


if every.empty:
    st.info("本学期暂无获奖与发表记录")
    st.subheader(words.TRENDS_SECTION)
    _trend()
else:
    category = st.selectbox(words.CATEGORY_PICKER, [aw.ALL, *aw.categories_present(every)], key="awards_category",
                            help="论文、教学设计、教学案例、课件、微课、优质课、基本功、说课、其他；类别不明的记录只在“全部”里")
    records = aw.scoped(every, category=category)
    named = f"{category}" if category != aw.ALL else aw.HEADING
    cards = st.columns(4)
    cards[0].metric(words.ITEMS_CARD.format(named), len(records), border=True, help="项 = 记录数：一件作品的一次获奖或发表")
    cards[1].metric(words.TIMES_CARD, int(records["times"].sum()), border=True, help="人次 = 每条记录的本校作者各计一次"
                    + ("（本组作者）" if f.group else ""))
    cards[2].metric(words.DISTRICT_UP_CARD, int(records["level"].isin(DISTRICT_AND_ABOVE).sum()), border=True)
    cards[3].metric(words.CATEGORY_CARD, len(aw.categories_present(records)), border=True)

    def _breakdown(column: str, who: str, order, times_of, horizontal: bool, key: str, note: str) -> None:
        """Records per 教研组 or per teacher: chart, table (levels, 项, 人次), and the records of the row picked."""
        by = aw.by_people_table(records, column, order, times_of)
        ui.show_chart(charts.stacked(by.drop(columns=[aw.ITEMS, aw.TIMES]), title=words.BY_WHO_CHART.format(who, named),
                                     category_title=who, series_title=words.LEVEL_AXIS, value_title=words.ITEMS_AXIS, colors=LEVEL_COLORS,
                                     horizontal=horizontal),
                      key=f"{key}_chart", filename=words.BY_WHO_FILE.format(who, named))
        st.caption(note)
        picked = ui.selected_row(ui.table(by.rename_axis(who), f, key=key, filename=words.BY_WHO_FILE.format(who, named),
                                          title=words.BY_WHO_FILE.format(who, named), select="single-row", index=True))
        if picked is not None:
            name = by.index[picked]
            _records_table(bd.papers_of(records, column, name), f"{key}_rows", words.ROW_FILE.format(name, named), words.ROW_TABLE.format(name, named))

    # Lazy tabs: only the tab shown runs and is drawn (the 教师 chart alone has a bar per author).
    matrix_tab, groups_tab, teachers_tab, trend_tab = st.tabs(
        [words.MATRIX_SECTION, words.GROUPS_SECTION, words.TEACHERS_SECTION, words.TRENDS_SECTION], key="papers_tab",
        on_change="rerun")
    with matrix_tab:
        if matrix_tab.open:
            matrix = aw.level_grade_table(records)
            ui.show_chart(charts.stacked(matrix.drop(index=aw.TOTAL, columns=[aw.ITEMS, aw.TIMES]),
                                         title=words.MATRIX_CHART.format(named), category_title=words.LEVEL_AXIS, series_title=words.GRADE_AXIS,
                                         value_title=words.ITEMS_AXIS, colors=GRADE_COLORS),
                          key="papers_matrix_chart", filename=words.MATRIX_CHART_FILE.format(named))
            st.caption("每格为项数；右侧为每个级别的项数与人次。点选一个格子（或一行、一列；“合计”行为全部）查看对应的记录。")
            selection = ui.table(matrix, f, key="papers_matrix", filename=words.MATRIX_FILE.format(named), title=words.MATRIX_TABLE.format(named),
                                 select=["single-cell", "single-row", "single-column"], index=True)
            level = grade = None
            cell = ui.selected_cell(selection)
            if cell is not None:
                level, grade = matrix.index[cell[0]], cell[1]
            elif ui.selected_row(selection) is not None:
                level = matrix.index[ui.selected_row(selection)]
            elif selection is not None and list(selection.columns):
                grade = list(selection.columns)[0]
            # Nothing picked, no list: every record is in the expander below (a second table drawn on every
            # visit kept this page near 0.9 s at district scale).
            if level is not None or grade is not None:
                chosen = "、".join(part for part in (level, grade) if part and part not in (aw.TOTAL, aw.ITEMS, aw.TIMES, aw.LABELS["level"]))
                _records_table(aw.cell_records(records, level, grade), "papers_cell_rows", words.CELL_FILE.format(named, chosen or aw.ALL),
                               words.CELL_TABLE.format(named, chosen or aw.ALL))
    with groups_tab:
        if groups_tab.open:
            _breakdown("groups", aw.LABELS["group"], bd.group_order(view.roster), "author_groups", False, "papers_groups",
                       "作者来自几个教研组，就计入每个教研组 1 项；人次为该组的作者数。点选一行查看该组的记录。")
    with teachers_tab:
        if teachers_tab.open:
            _breakdown("matched_authors", aw.LABELS["teacher"], None, None, True, "papers_teachers",
                       "合作的作品计入每位本校作者（项 = 人次）。点选一行查看该教师的记录。")
    with trend_tab:
        if trend_tab.open:
            _trend()

if not every.empty:
    with ui.opened(words.RECORDS_EXPANDER.format(len(every)), "papers_all_open") as shown:
        if shown:
            _records_table(every, "papers_all", words.RECORDS_FILE, words.RECORDS_TABLE)
other = ui.awards(f).other_school
if len(other):
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(other)), "papers_other_open") as shown:
        if shown:
            _records_table(other, "papers_other", words.UNMATCHED_FILE, words.UNMATCHED_TABLE)
