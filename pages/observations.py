"""听课达标: each teacher's 听课 against quota and pace, per-group 达标率, the weekly timeline."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, open_lessons_view, ui
from dashboard.safe import md

f = ui.page_filters("听课达标", needs=("roster", "observations"))
view = ui.view(f)
share, day = bd.term_progress(f.term, ui.today())
teachers = bd.scope_teachers(view, f.group, f.teacher)
paced = bd.pace(teachers, f.term, ui.today())

st.caption(f"学期已过 {share * 100:.0f}%（按 {day:%Y-%m-%d} 计算；学期结束后按整学期计算）。"
           "按进度应完成 = 任务节数 × 已过比例（四舍五入）。")
cards = st.columns(4)
cards[0].metric("达标人数", f"{int(teachers['met'].sum())} / {len(teachers)}", border=True)
cards[1].metric("听课达标率", ui.percent(bd.rate(int(teachers["met"].sum()), len(teachers))), border=True)
cards[2].metric("落后于进度的教师", int((paced["pace_gap"] > 0).sum()), border=True,
                help="已听节数少于按进度应完成节数的教师")
cards[3].metric("尚欠节数合计", int(paced["owed"].sum()), border=True, help="距离任务节数还差的节数之和")
if f.scope.group:  # a 教研组长: members no 听课 record of the term observed
    never = open_lessons_view.never_observed(f)
    st.markdown(f"**本学期从未被听课的组员（{len(never)} 人）**：{md('、'.join(never)) if never else '无'}")

# ------------------------------------------------------------- per teacher
st.subheader("教师听课进度")
st.caption("落后进度最多的教师排在最前。点选一行，可在下方查看计入该教师的听课记录。")
table = bd.display(paced, bd.PACE_COLUMNS)
selection = ui.table(table, f, key="obs_teachers", filename="听课达标", title="教师听课进度", select="single-row",
                     column_config={"完成进度": st.column_config.ProgressColumn(
                         "完成进度", format="percent", min_value=0.0, max_value=1.0,
                         help="已听节数 ÷ 任务节数（达标即 100%）")})
picked = ui.selected_row(selection)
if picked is not None:
    name = paced["name_key"].iloc[picked]
    rows = bd.teacher_rows(view, name)
    st.markdown(f"**{md(name)}**：{md(paced['source'].iloc[picked])}，计 {int(paced['count'].iloc[picked])} 节")
    ui.table(rows, f, key="obs_teacher_rows", filename=f"{name}听课记录", title=f"{name}的听课记录")

# ------------------------------------------------------------ per group
st.subheader("各教研组达标率")
rates = bd.group_rates(teachers, bd.group_order(view.roster))
ui.show_chart(charts.bar(rates["group"], rates["rate"], title="各教研组听课达标率", x_title="教研组", y_title="达标率",
                         color=charts.RATE_COLOR, percent=True,
                         texts=[f"{ui.percent(r)}<br>{m}/{n}人" for r, m, n in zip(rates["rate"], rates["met"], rates["teachers"])]),
              key="obs_group_rate", filename="各教研组听课达标率")
shown = bd.display(rates, bd.GROUP_RATE_COLUMNS)
shown["达标率"] = rates["rate"].map(ui.percent)
picked = ui.selected_row(ui.table(shown, f, key="obs_groups", filename="各教研组达标率", title="各教研组达标率",
                                  select="single-row"))
if picked is not None:
    name = rates["group"].iloc[picked]
    st.markdown(f"**{md(name)}未达标的教师**")
    behind = paced[(paced["group"] == name) & ~paced["met"]]
    ui.table(bd.display(behind, bd.PACE_COLUMNS), f, key="obs_group_behind", filename=f"{name}未达标教师",
             title=f"{name}未达标的教师")

# --------------------------------------------------------------- timeline
scope = f.teacher or f.group or "全校"
st.subheader(f"每周听课节数（{md(scope)}）")
lessons = bd.scope_lessons(view, f.group, f.teacher)
weekly = bd.weekly_lessons(lessons, f.term)
if weekly.empty:
    st.info("本学期没有带日期的听课明细（只有汇总表的教师不在时间线中）。")
else:
    ui.show_chart(charts.bar(weekly["label"], weekly["lessons"], title=f"每周听课节数（{scope}）", x_title="周次",
                             y_title="听课节数", hover=[f"{day:%Y-%m-%d}起" for day in weekly["week_start"]], in_order=True),
                  key="obs_weekly", filename=f"每周听课节数_{scope}")
    st.caption("按听课明细的日期统计（周一为一周开始）；只有汇总表的教师不在时间线中。点选一周查看当周记录。")
    picked = ui.selected_row(ui.table(bd.display(weekly, bd.WEEK_COLUMNS), f, key="obs_weeks", filename="每周听课节数",
                                      title=f"每周听课节数（{scope}）", select="single-row"))
    if picked is not None:
        start = weekly["week_start"].iloc[picked]
        rows = bd.lessons_in_week(lessons, start).sort_values("date", kind="stable")
        ui.table(bd.display(rows, bd.LESSON_COLUMNS), f, key="obs_week_rows", filename=f"{weekly['label'].iloc[picked]}听课记录",
                 title=f"{weekly['label'].iloc[picked]}的听课记录")

# ------------------------------------------------------------ not counted
with ui.opened(f"未计入的记录：听课人不匹配 {len(view.unmatched)} 条，重复 {len(view.duplicates)} 条",
               "obs_not_counted_open") as shown:
    if shown:
        st.caption("听课人不在本学期名册中（或同名无法区分）的记录不计数；同日期、听课人、授课教师、班级、节次相同的记录只算一次。")
        ui.table(bd.display(view.unmatched, bd.UNMATCHED_COLUMNS), f, key="obs_unmatched", filename="未匹配听课记录",
                 title="听课人不匹配的记录")
        ui.table(bd.display(view.duplicates, bd.LESSON_COLUMNS), f, key="obs_duplicates", filename="重复听课记录",
                 title="重复的听课记录")
