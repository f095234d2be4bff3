"""课题管理: stage pipeline, projects by level, in progress / new / concluded / overdue over terms, the overdue list."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, ui
from dashboard.charts import LEVEL_COLORS, STAGE_COLORS, STATUS_COLORS
from dashboard.safe import md

f = ui.page_filters("课题管理", needs=("roster", "projects"))
view = ui.view(f)
projects = bd.scope_projects(view, f.group, f.teacher)
kpi = bd.kpis(ui.figures(f))
if f.teacher:
    st.caption(f"含 {md(f.teacher)} 作为负责人或成员的课题。")

FLAGS = {"in_progress": "在研课题", "new": "新立项", "concluded": "本学期结题", "overdue": "逾期未结题"}

cards = st.columns(5)
for column, (flag, label) in zip(cards, FLAGS.items()):
    column.metric(label, kpi[flag], border=True)
cards[4].metric("结题率", ui.percent(kpi["close_rate"]), border=True,
                help="本学期结题 ÷（本学期结题 + 逾期未结题）")

if projects.empty:
    st.info("本学期暂无课题记录（只统计负责人在本学期名册中的课题）。")
else:
    with ui.opened("查看各项指标背后的课题", "projects_drill_open") as shown:
        if shown:
            chosen = st.selectbox("指标", list(FLAGS.values()), key="projects_drill")
            flag = next(key for key, label in FLAGS.items() if label == chosen)
            rows = projects[projects[flag].astype(bool)]
            st.caption(f"{chosen}：共 {len(rows)} 项")
            ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_drill_rows", filename=f"课题_{chosen}",
                     title=f"{chosen}课题")

    # ---------------------------------------------------------- pipeline
    left, right = st.columns(2)
    stages = bd.stage_counts(projects)
    with left:
        st.subheader("阶段分布")
        ui.show_chart(charts.bar(stages["stage"], stages["projects"], title="课题阶段分布（按最新台账）", x_title="阶段",
                                 y_title="课题数", colors=STAGE_COLORS),
                      key="projects_stage_chart", filename="课题阶段分布")
        picked = ui.selected_row(ui.table(stages.rename(columns={"stage": "阶段", "projects": "课题数"}), f,
                                          key="projects_stages", filename="课题阶段分布", title="课题阶段分布",
                                          select="single-row"))
    levels = bd.level_counts(projects[projects["in_progress"].astype(bool)])
    with right:
        st.subheader("在研课题级别")
        ui.show_chart(charts.bar(levels["level"], levels["projects"], title="在研课题（按级别）", x_title="级别",
                                 y_title="课题数", colors=LEVEL_COLORS),
                      key="projects_level_chart", filename="在研课题级别")
        picked_level = ui.selected_row(ui.table(levels.rename(columns={"level": "级别", "projects": "在研课题数"}), f,
                                                key="projects_levels", filename="在研课题级别", title="在研课题（按级别）",
                                                select="single-row"))
    if picked is not None:
        stage = stages["stage"].iloc[picked]
        rows = projects[projects["stage"].fillna(bd.UNKNOWN) == stage]
        st.markdown(f"**阶段为「{md(stage)}」的课题（{len(rows)} 项）**")
        ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_stage_rows", filename=f"课题_{stage}",
                 title=f"阶段为{stage}的课题")
    if picked_level is not None:
        level = levels["level"].iloc[picked_level]
        rows = projects[projects["in_progress"].astype(bool) & (projects["level"].fillna(bd.UNKNOWN_LEVEL) == level)]
        st.markdown(f"**{md(level)}在研课题（{len(rows)} 项）**")
        ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_level_rows", filename=f"在研课题_{level}",
                 title=f"{level}在研课题")

    # ----------------------------------------------------------- overdue
    st.subheader("逾期未结题")
    overdue = bd.overdue_list(projects, f.term, ui.today())
    if overdue.empty:
        st.success("本学期没有逾期未结题的课题。")
    else:
        st.caption("计划结题时间早于学期末、尚未结题且未终止的课题；逾期天数按今天（不晚于学期末）计算。")
        ui.table(bd.display(overdue, bd.OVERDUE_COLUMNS), f, key="projects_overdue", filename="逾期未结题课题",
                 title="逾期未结题课题")

# ------------------------------------------------------------------ trend
st.subheader("各学期课题情况")
trend = ui.trends(f)
labels = list(trend["label"])
left, right = st.columns(2)
with left:
    ui.show_chart(charts.trend(labels, {label: trend[flag] for flag, label in FLAGS.items()}, title="在研、新立项、结题、逾期",
                               y_title="课题数", colors=STATUS_COLORS),
                  key="projects_trend_chart", filename="各学期课题情况")
with right:
    ui.show_chart(charts.trend(labels, {"结题率": trend["close_rate"]}, title="结题率", y_title="结题率", percent=True,
                               colors={"结题率": charts.RATE_COLOR}),
                  key="projects_rate_chart", filename="各学期结题率")
shown = bd.display(trend, {"label": "学期", **FLAGS, "close_rate": "结题率"})
shown["结题率"] = trend["close_rate"].map(ui.percent)
st.caption("点选一个学期，查看该学期的课题及其状态。")
picked = ui.selected_row(ui.table(shown, f, key="projects_trend", filename="各学期课题情况", title="各学期课题情况",
                                  select="single-row"))
if picked is not None:
    term, label = trend["term"].iloc[picked], trend["label"].iloc[picked]
    rows = bd.scope_projects(ui.view(f, term), f.group, f.teacher)
    ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key="projects_trend_rows", filename=f"课题_{label}",
             title=f"{label}的课题")

if not projects.empty:
    with ui.opened(f"全部课题（{len(projects)} 项）", "projects_all_open") as shown:
        if shown:
            ui.table(bd.display(projects, bd.PROJECT_COLUMNS), f, key="projects_all", filename="课题", title="课题")
if len(view.other_projects):
    with ui.opened(f"不计入的课题：负责人不在本学期名册中（{len(view.other_projects)} 项）", "projects_other_open") as shown:
        if shown:
            ui.table(bd.display(view.other_projects, bd.PROJECT_COLUMNS), f, key="projects_other",
                     filename="不计入课题", title="负责人不在名册中的课题")
