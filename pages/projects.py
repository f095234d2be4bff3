"""课题管理: stage pipeline, projects by level, the overdue list, in progress / new / concluded / overdue over terms
(each a lazy tab: only the one shown runs and draws)."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, ui
from dashboard.charts import LEVEL_COLORS, STAGE_COLORS, STATUS_COLORS
from dashboard.safe import md
from dashboard.labels import TREND_COLUMNS
from dashboard.labels import projects as words

f = ui.page_filters(words.TITLE, needs=("roster", "projects"))
view = ui.view(f)
projects = bd.scope_projects(view, f.group, f.teacher)
kpi = bd.kpis(ui.figures(f))
if f.teacher:
    st.caption(f"含 {md(f.teacher)} 作为负责人或成员的课题。")

FLAGS = words.KPI_CARDS

cards = st.columns(5)
for column, (flag, label) in zip(cards, FLAGS.items()):
    column.metric(label, kpi[flag], border=True)
cards[4].metric(words.CLOSE_RATE_CARD, ui.percent(kpi["close_rate"]), border=True,
                help="本学期结题 ÷（本学期结题 + 逾期未结题）")

if projects.empty:
    st.info("本学期暂无课题记录（只统计负责人在本学期名册中的课题）。")
else:
    with ui.opened(words.KPI_PICKER_EXPANDER, "projects_drill_open") as shown:
        if shown:
            chosen = st.selectbox(words.KPI_PICKER, list(FLAGS.values()), key="projects_drill")
            flag = next(key for key, label in FLAGS.items() if label == chosen)
            rows = projects[projects[flag].astype(bool)]
            st.caption(f"{chosen}：共 {len(rows)} 项")
            ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_drill_rows", filename=words.KPI_FILE.format(chosen),
                     title=words.KPI_TABLE.format(chosen))


# Lazy tabs: only the tab shown runs and is drawn (with no 课题 this term, the message above says so).
stage_tab, level_tab, overdue_tab, terms_tab = st.tabs(
    [words.STAGES_SECTION, words.LEVELS_SECTION, words.OVERDUE_SECTION, words.TERMS_SECTION], key="projects_tab",
    on_change="rerun")
with stage_tab:
    if stage_tab.open and not projects.empty:
        stages = bd.stage_counts(projects)
        ui.show_chart(charts.bar(stages["stage"], stages["projects"], title=words.STAGES_CHART, x_title=words.STAGE_AXIS,
                                 y_title=words.PROJECTS_AXIS, colors=STAGE_COLORS),
                      key="projects_stage_chart", filename=words.STAGES_FILE)
        picked = ui.selected_row(ui.table(stages.rename(columns=words.STAGE_COLUMNS), f,
                                          key="projects_stages", filename=words.STAGES_FILE, title=words.STAGES_FILE,
                                          select="single-row"))
        if picked is not None:
            stage = stages["stage"].iloc[picked]
            rows = projects[projects["stage"].fillna(bd.UNKNOWN) == stage]
            st.markdown(f"**阶段为「{md(stage)}」的课题（{len(rows)} 项）**")
            ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_stage_rows", filename=words.STAGE_FILE.format(stage),
                     title=words.STAGE_TABLE.format(stage))
with level_tab:
    if level_tab.open and not projects.empty:
        levels = bd.level_counts(projects[projects["in_progress"].astype(bool)])
        ui.show_chart(charts.bar(levels["level"], levels["projects"], title=words.LEVELS_CHART, x_title=words.LEVEL_AXIS,
                                 y_title=words.PROJECTS_AXIS, colors=LEVEL_COLORS),
                      key="projects_level_chart", filename=words.LEVELS_FILE)
        picked_level = ui.selected_row(ui.table(levels.rename(columns=words.LEVEL_COLUMNS), f,
                                                key="projects_levels", filename=words.LEVELS_FILE, title=words.LEVELS_CHART,
                                                select="single-row"))
        if picked_level is not None:
            level = levels["level"].iloc[picked_level]
            rows = projects[projects["in_progress"].astype(bool) & (projects["level"].fillna(bd.UNKNOWN_LEVEL) == level)]
            st.markdown(f"**{md(level)}在研课题（{len(rows)} 项）**")
            ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_level_rows", filename=words.LEVEL_FILE.format(level),
                     title=words.LEVEL_TABLE.format(level))
with overdue_tab:
    if overdue_tab.open:
        overdue = bd.overdue_list(projects, f.term, ui.today())
        if overdue.empty:
            st.success("本学期没有逾期未结题的课题。")
        else:
            st.caption("计划结题时间早于学期末、尚未结题且未终止的课题；逾期天数按今天（不晚于学期末）计算。")
            ui.table(bd.display(overdue, bd.OVERDUE_COLUMNS), f, key="projects_overdue", filename=words.OVERDUE_FILE,
                     title=words.OVERDUE_FILE)
with terms_tab:
    if terms_tab.open:
        trend = ui.trends(f)
        labels = list(trend["label"])
        left, right = st.columns(2)
        with left:
            ui.show_chart(charts.trend(labels, {label: trend[flag] for flag, label in FLAGS.items()}, title=words.TERMS_CHART,
                                       y_title=words.PROJECTS_AXIS, colors=STATUS_COLORS),
                          key="projects_trend_chart", filename=words.TERMS_FILE)
        with right:
            ui.show_chart(charts.trend(labels, {words.CLOSE_RATE: trend["close_rate"]}, title=words.CLOSE_RATE, y_title=words.CLOSE_RATE,
                                       percent=True, colors={words.CLOSE_RATE: charts.RATE_COLOR}),
                          key="projects_rate_chart", filename=words.CLOSE_RATE_CHART)
        shown = bd.display(trend, {"label": words.TERM_AXIS, **FLAGS, "close_rate": words.CLOSE_RATE})
        shown[TREND_COLUMNS["close_rate"]] = trend["close_rate"].map(ui.percent)
        st.caption("点选一个学期，查看该学期的课题及其状态。")
        picked = ui.selected_row(ui.table(shown, f, key="projects_trend", filename=words.TERMS_FILE, title=words.TERMS_FILE,
                                          select="single-row"))
        if picked is not None:
            term, label = trend["term"].iloc[picked], trend["label"].iloc[picked]
            rows = bd.scope_projects(ui.view(f, term), f.group, f.teacher)
            ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_trend_rows", filename=words.KPI_FILE.format(label),
                     title=words.TERM_TABLE.format(label))

if not projects.empty:
    with ui.opened(words.ALL_EXPANDER.format(len(projects)), "projects_all_open") as shown:
        if shown:
            ui.table(bd.display(projects, bd.PROJECT_COLUMNS), f, key="projects_all", filename=words.ALL_FILE, title=words.ALL_FILE)
if len(view.other_projects):
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(view.other_projects)), "projects_other_open") as shown:
        if shown:
            ui.table(bd.display(view.other_projects, bd.PROJECT_COLUMNS), f, key="projects_other",
                     filename=words.UNMATCHED_FILE, title=words.UNMATCHED_TABLE)
