"""听课达标: each teacher's 听课 against quota and pace, per-group 达标率, the weekly timeline (each a lazy tab:
only the one shown runs and draws)."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, open_lessons_view, ui
from dashboard.safe import md
from dashboard.labels import GROUP_RATE_COLUMNS
from dashboard.labels import observations as words

f = ui.page_filters(words.TITLE, needs=("roster", "observations"))
view = ui.view(f)
share, day = bd.term_progress(f.term, ui.today())
teachers = bd.scope_teachers(view, f.group, f.teacher)
paced = bd.pace(teachers, f.term, ui.today())

st.caption(f"学期已过 {share * 100:.0f}%（按 {day:%Y-%m-%d} 计算；学期结束后按整学期计算）。"
           "按进度应完成 = 任务节数 × 已过比例（四舍五入）。")
cards = st.columns(4)
cards[0].metric(words.MET_CARD, f"{int(teachers['met'].sum())} / {len(teachers)}", border=True)
cards[1].metric(words.MET_RATE_CARD, ui.percent(bd.rate(int(teachers["met"].sum()), len(teachers))), border=True)
cards[2].metric(words.BEHIND_CARD, int((paced["pace_gap"] > 0).sum()), border=True,
                help="已听节数少于按进度应完成节数的教师")
cards[3].metric(words.OWED_CARD, int(paced["owed"].sum()), border=True, help="距离任务节数还差的节数之和")
if f.scope.group:  # a 教研组长: members no 听课 record of the term observed
    never = open_lessons_view.never_observed(f)
    st.markdown(f"**本学期从未被听课的组员（{len(never)} 人）**：{md('、'.join(never)) if never else '无'}")

# Lazy tabs: only the tab shown runs and is drawn.
teachers_tab, groups_tab, weekly_tab = st.tabs([words.PACE_SECTION, words.GROUP_RATES_SECTION, words.WEEKLY_TAB],
                                               key="obs_tab", on_change="rerun")
with teachers_tab:
    if teachers_tab.open:
        st.caption("落后进度最多的教师排在最前。点选一行，可在下方查看计入该教师的听课记录。")
        table = bd.display(paced, bd.PACE_COLUMNS)
        selection = ui.table(table, f, key="obs_teachers", filename=words.TITLE, title=words.PACE_TABLE, select="single-row",
                             column_config={words.PROGRESS_COLUMN: st.column_config.ProgressColumn(
                                 words.PROGRESS_COLUMN, format="percent", min_value=0.0, max_value=1.0,
                                 help=words.PROGRESS_HELP)})
        picked = ui.selected_row(selection)
        if picked is not None:
            name = paced["name_key"].iloc[picked]
            rows = bd.teacher_rows(view, name)
            st.markdown(f"**{md(name)}**：{md(paced['source'].iloc[picked])}，计 {int(paced['count'].iloc[picked])} 节")
            ui.table(rows, f, key="obs_teacher_rows", filename=words.TEACHER_LESSONS_FILE.format(name), title=words.TEACHER_LESSONS_TABLE.format(name))
with groups_tab:
    if groups_tab.open:
        rates = bd.group_rates(teachers, bd.group_order(view.roster))
        ui.show_chart(charts.bar(rates["group"], rates["rate"], title=words.GROUP_RATES_CHART, x_title=words.GROUP_AXIS, y_title=words.RATE_AXIS,
                                 color=charts.RATE_COLOR, percent=True,
                                 texts=[words.RATE_BAR_TEXT.format(ui.percent(r), m, n) for r, m, n in zip(rates["rate"], rates["met"], rates["teachers"])]),
                      key="obs_group_rate", filename=words.GROUP_RATES_CHART)
        shown = bd.display(rates, bd.GROUP_RATE_COLUMNS)
        shown[GROUP_RATE_COLUMNS["rate"]] = rates["rate"].map(ui.percent)
        picked = ui.selected_row(ui.table(shown, f, key="obs_groups", filename=words.GROUP_RATES_SECTION, title=words.GROUP_RATES_SECTION,
                                          select="single-row"))
        if picked is not None:
            name = rates["group"].iloc[picked]
            st.markdown(f"**{md(name)}未达标的教师**")
            behind = paced[(paced["group"] == name) & ~paced["met"]]
            ui.table(bd.display(behind, bd.PACE_COLUMNS), f, key="obs_group_behind", filename=words.GROUP_BEHIND_FILE.format(name),
                     title=words.GROUP_BEHIND_TABLE.format(name))
with weekly_tab:
    if weekly_tab.open:
        scope = f.teacher or f.group or words.WHOLE_SCHOOL
        lessons = bd.scope_lessons(view, f.group, f.teacher)
        weekly = bd.weekly_lessons(lessons, f.term)
        if weekly.empty:
            st.info("本学期没有带日期的听课明细（只有汇总表的教师不在时间线中）。")
        else:
            ui.show_chart(charts.bar(weekly["label"], weekly["lessons"], title=words.WEEKLY_SECTION.format(scope), x_title=words.WEEK_AXIS,
                                     y_title=words.LESSONS_AXIS, hover=[words.WEEK_FROM.format(day) for day in weekly["week_start"]], in_order=True),
                          key="obs_weekly", filename=words.WEEKLY_FILE.format(scope))
            st.caption("按听课明细的日期统计（周一为一周开始）；只有汇总表的教师不在时间线中。点选一周查看当周记录。")
            picked = ui.selected_row(ui.table(bd.display(weekly, bd.WEEK_COLUMNS), f, key="obs_weeks", filename=words.WEEKLY_CHART,
                                              title=words.WEEKLY_SECTION.format(scope), select="single-row"))
            if picked is not None:
                start = weekly["week_start"].iloc[picked]
                rows = bd.lessons_in_week(lessons, start).sort_values("date", kind="stable")
                ui.table(bd.display(rows, bd.LESSON_COLUMNS), f, key="obs_week_rows", filename=words.TEACHER_LESSONS_FILE.format(weekly['label'].iloc[picked]),
                         title=words.TEACHER_LESSONS_TABLE.format(weekly['label'].iloc[picked]))

# ------------------------------------------------------------ not counted
with ui.opened(words.NOT_COUNTED_EXPANDER.format(len(view.unmatched), len(view.duplicates)),
               "obs_not_counted_open") as shown:
    if shown:
        st.caption("听课人不在本学期名册中（或同名无法区分）的记录不计数；同日期、听课人、授课教师、班级、节次相同的记录只算一次。")
        ui.table(bd.display(view.unmatched, bd.UNMATCHED_COLUMNS), f, key="obs_unmatched", filename=words.UNMATCHED_FILE,
                 title=words.UNMATCHED_TABLE)
        ui.table(bd.display(view.duplicates, bd.LESSON_COLUMNS), f, key="obs_duplicates", filename=words.DUPLICATES_FILE,
                 title=words.DUPLICATES_TABLE)
