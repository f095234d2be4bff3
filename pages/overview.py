"""总览: the term's KPI cards against the previous term, 教研组 comparison, trends over all terms."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import ui
from dashboard.contract import term_label
from dashboard.safe import md
from dashboard.labels import overview as words

f = ui.page_filters(words.TITLE, needs=("roster", "observations", "papers", "projects"), stop=False)
panels = ui.overview(f)
now, before = panels.now, panels.before
against = words.AGAINST_PREVIOUS if f.previous else None


def _delta(name: str, points: bool = False):
    change = bd.delta(now[name], before.get(name))
    if change is None:
        return None
    return f"{change * 100:+.1f}个百分点" if points else f"{change:+d}"


# ---------------------------------------------------------------- KPI cards
cards = st.columns(6)
cards[0].metric(words.TEACHERS_CARD, now["teachers"], _delta("teachers"), border=True, delta_description=against,
                help="本学期适用名册中的教师（按筛选条件）")
cards[1].metric(words.LESSONS_CARD, now["lessons"], _delta("lessons"), border=True, delta_description=against)
cards[2].metric(words.MET_RATE_CARD, ui.percent(now["met_rate"]), _delta("met_rate", points=True), border=True,
                delta_description=against, help=f"达标 {now['met']} 人 / 共 {now['teachers']} 人")
cards[3].metric(words.PAPERS_CARD, now["papers"], _delta("papers"), border=True, delta_description=against,
                help=f"获奖 {now['awards']} 篇，发表 {now['published']} 篇（一条记录 = 一篇论文的一次获奖或发表）")
cards[4].metric(words.IN_PROGRESS_CARD, now["in_progress"], _delta("in_progress"), border=True, delta_description=against,
                help="负责人在名册中的课题；学期内处于立项后、未终止、未在学期前结题")
cards[5].metric(words.CONCLUDED_CARD, now["concluded"], _delta("concluded"), border=True, delta_description=against)
for label, declared in panels.declared:  # every declared kind with data whose declaration gives 总览 cards
    st.markdown(f"**{md(label)}**")
    for column, card in zip(st.columns(max(len(declared), 4)), declared):
        column.metric(card.label, card.value, card.delta, border=True, help=card.help or None,
                      delta_description=against if card.delta is not None else None)
if f.previous:
    st.caption(f"变化均与上学期（{term_label(f.previous)}）相比，筛选条件相同。")
else:
    st.caption("上一学期没有数据，无法显示变化。")

KPIS = {label: name for name, label in bd.KPI_LABELS.items() if name not in ("new", "overdue")}
# Lazy: a closed expander and the tab not shown run nothing (Streamlit runs only what is open).
with ui.opened(words.DRILL_EXPANDER, "overview_drill_open") as shown:
    if shown:
        chosen = st.selectbox(words.KPI_PICKER, list(KPIS), key="overview_drill")
        rows = bd.kpi_rows(ui.view(f), KPIS[chosen], f.group, f.teacher, ui.today())
        st.caption(f"{chosen}：共 {len(rows)} 行")
        ui.table(rows, f, key="overview_drill_rows", filename=words.DRILL_FILE.format(chosen.replace('/', words.SLASH_IN_FILENAME)),
                 title=words.DRILL_TABLE.format(chosen))

comparison, shown = panels.comparison, panels.charts
# One chart per tab: a second chart beside the first cost every filter change about 0.3 s of drawing in the
# browser (measured at district scale); the table under the rate chart holds each group's 听课节数 too.
by_group_tab, lessons_tab, papers_tab, trends_tab = st.tabs(
    [words.GROUPS_TAB, words.GROUP_LESSONS_TAB, words.GROUP_PAPERS_TAB, words.TRENDS_TAB], key="tab", bind="query-params")

# -------------------------------------------------------- 教研组 comparison
with by_group_tab:
    if by_group_tab.open:
        ui.draw(shown["overview_group_rate"])
        st.caption("点选一行，可在下方查看该教研组的教师。")
        picked = ui.selected_row(ui.table(comparison.table, f, key="overview_groups", filename=words.GROUPS_TAB,
                                          title=words.GROUPS_TAB, select="single-row"))
        if picked is not None:
            name = comparison.rates["group"].iloc[picked]
            teachers = bd.scope_teachers(ui.view(f), f.group, f.teacher)
            st.markdown(f"**{md(name)}的教师**")
            members = bd.pace(teachers[teachers["group"] == name], f.term, ui.today())
            ui.table(bd.display(members, bd.PACE_COLUMNS), f, key="overview_group_members", filename=words.GROUP_TEACHERS_FILE.format(name),
                     title=words.GROUP_TEACHERS_TABLE.format(name))

# ----------------------------------------------------- 听课节数 per 教研组
with lessons_tab:
    if lessons_tab.open:
        ui.draw(shown["overview_group_lessons"])

# ------------------------------------------------------- papers per 教研组
with papers_tab:
    if papers_tab.open:
        if "overview_group_papers" in shown:
            ui.draw(shown["overview_group_papers"])
            st.caption("一篇论文的作者来自几个教研组，就计入每个教研组；各组相加可能多于全校篇数。")
        else:
            st.info("本学期暂无论文记录")

# -------------------------------------------------------------------- trends
with trends_tab:
    if trends_tab.open:
        for pair in (("overview_trend_lessons", "overview_trend_rate"),
                     ("overview_trend_papers", "overview_trend_projects")):
            for column, key in zip(st.columns(2), pair):
                with column:
                    ui.draw(shown[key])
        st.caption("点选一个学期，查看该学期某项指标背后的记录。")
        picked = ui.selected_row(ui.table(panels.trend_table, f, key="overview_trends", filename=words.TRENDS_TAB,
                                          title=words.TRENDS_TAB, select="single-row"))
        if picked is not None:
            term = panels.trend["term"].iloc[picked]
            chosen = st.selectbox(words.KPI_PICKER, list(KPIS), key="overview_trend_drill")
            rows = bd.kpi_rows(ui.view(f, term), KPIS[chosen], f.group, f.teacher, ui.today())
            st.caption(f"{term_label(term)}，{chosen}：共 {len(rows)} 行")
            ui.table(rows, f, key="overview_trend_rows", filename=words.TERM_DRILL_FILE.format(term_label(term), chosen.replace('/', words.SLASH_IN_FILENAME)),
                     title=words.TERM_DRILL_TABLE.format(term_label(term), chosen))
