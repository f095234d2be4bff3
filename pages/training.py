"""培训学时: each teacher's hours against the 学年 target, 90学时 participants, hours by level, the records."""

import streamlit as st

from dashboard import charts, training, ui
from dashboard.charts import LEVEL_COLORS
from dashboard.contract import LEVEL_UNKNOWN, LEVELS
from dashboard.safe import md


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(_f, url, version, scope, term, group) -> training.TrainingView:
    """The term's view, once per store version and viewer (the arguments after ``_f`` are the key)."""
    return training.training_view(ui.dataset(_f), term, group, training.load_rules())


f = ui.page_filters("培训学时", needs=("roster",))
try:
    rules = training.load_rules()
except training.RulesError as error:
    st.error(str(error))
    st.stop()
view = training.for_teacher(_view(f, f.url, f.version, f.scope, f.term, f.group), f.teacher)
found = training.training_figures(view)["training"]
if ui.dataset(f).training.empty:
    st.info("还没有培训记录：请在“数据导入”页上传培训学时登记表（每行一位教师的一次培训：姓名、培训项目、级别、学时或学分、日期）。")

elapsed = training.year_elapsed(f.term, min(ui.today(), training.term_end(f.term)))
cards = st.columns(5)
cards[0].metric("本学期学时", training.fmt(found["hours_term"]), border=True, help="学期内结束的培训，学分已按规则折算")
cards[1].metric("人均学时", training.fmt(found["hours_per_teacher"]), border=True, help="本学期学时 ÷ 名册教师数")
cards[2].metric("学年达标", f"{found['target_met']}/{found['target_teachers']}", border=True,
                help="本学年截至学期末累计学时达到学年目标的教师")
share = found["ninety_hour_teachers"] / found["target_teachers"] if found["target_teachers"] else 0.0
cards[3].metric("90学时培训", f"{found['ninety_hour_teachers']}人（{share:.0%}）", border=True,
                help=f"本学年有一个不少于{training.fmt(rules.ninety_hours)}学时的培训项目")
cards[4].metric("学年已过", f"{elapsed:.0%}", border=True, help="每学期算半个学年；按进度应完成 = 学年目标 × 此比例")
st.caption("学年目标：" + "；".join(md(rule.describe()) for rule in rules.targets)
           + f"。1学分折合{training.fmt(rules.credit_hours)}学时。规则文件：data/training_rules.toml。")

left, right = st.columns(2)
with left:
    st.subheader("本学期学时（按级别）")
    levels = [*LEVELS, LEVEL_UNKNOWN]
    hours = training.hours_by_level(view)
    ui.show_chart(charts.bar(levels, [hours.get(level, 0) for level in levels], title="本学期培训学时（按级别）",
                             x_title="级别", y_title="学时", colors=LEVEL_COLORS, in_order=True),
                  key="training_level_chart", filename="培训学时按级别")
with right:
    st.subheader("各教研组")
    ui.table(training.group_table(view), f, key="training_groups", filename="培训学时_各教研组", title="各教研组培训学时")

st.subheader("每位教师")
behind = training.behind(view.teachers)
if behind.empty:
    st.success("本学年截至学期末，每位教师都达到了学年目标。")
else:
    st.caption(f"{len(behind)} 位教师未达到学年目标（学年已过{elapsed:.0%}，按进度应完成学年目标的{elapsed:.0%}）。")
ui.table(training.teacher_table(view), f, key="training_teachers", filename="培训学时_每位教师", title="每位教师培训学时")

records = view.records[view.records["in_term"]]
with ui.opened(f"本学期的培训记录（{len(records)} 条）", "training_records_open") as shown:
    if shown:
        ui.table(training.record_table(records), f, key="training_records", filename="培训记录", title="本学期培训记录")
if len(view.unknown_hours):
    with ui.opened(f"学时不明的培训（{len(view.unknown_hours)} 条，不计入合计）", "training_unknown_open") as shown:
        if shown:
            ui.table(training.record_table(view.unknown_hours), f, key="training_unknown", filename="学时不明的培训",
                     title="学时不明的培训")
if len(view.unmatched):
    with ui.opened(f"不计入的培训：姓名不在本学期名册中（{len(view.unmatched)} 条）", "training_other_open") as shown:
        if shown:
            ui.table(training.record_table(view.unmatched), f, key="training_other", filename="不计入的培训",
                     title="姓名不在名册中的培训")
