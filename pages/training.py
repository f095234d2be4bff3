"""培训学时: each teacher's hours against the 学年 target, 90学时 participants, hours by level, the records."""

import streamlit as st

from dashboard import charts, training, ui
from dashboard.charts import LEVEL_COLORS
from dashboard.contract import LEVEL_UNKNOWN, LEVELS
from dashboard.labels import training as words
from dashboard.safe import md


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(_f, url, version, scope, term, group) -> training.TrainingView:
    """The term's view, once per store version and viewer (the arguments after ``_f`` are the key)."""
    return training.training_view(ui.dataset(_f), term, group, training.load_rules())


f = ui.page_filters(words.TITLE, needs=("roster",))
rules = training.load_rules()  # page_filters has checked every rule file: a broken one stopped the page there
view = training.for_teacher(_view(f, f.url, f.version, f.scope, f.term, f.group), f.teacher)
found = training.training_figures(view)["training"]
if ui.dataset(f).training.empty:
    st.info("还没有培训记录：请在“数据导入”页上传培训学时登记表（每行一位教师的一次培训：姓名、培训项目、级别、学时或学分、日期）。")

elapsed = training.year_elapsed(f.term, min(ui.today(), training.term_end(f.term)))
cards = st.columns(5)
cards[0].metric(words.HOURS_TERM_CARD, training.fmt(found["hours_term"]), border=True, help="学期内结束的培训，学分已按规则折算")
cards[1].metric(words.HOURS_PER_TEACHER_CARD, training.fmt(found["hours_per_teacher"]), border=True, help="本学期学时 ÷ 名册教师数")
cards[2].metric(words.TARGET_MET_CARD, f"{found['target_met']}/{found['target_teachers']}", border=True,
                help="本学年截至学期末累计学时达到学年目标的教师")
share = found["ninety_hour_teachers"] / found["target_teachers"] if found["target_teachers"] else 0.0
cards[3].metric(words.NINETY_HOURS_CARD, words.NINETY_HOURS_VALUE.format(found['ninety_hour_teachers'], share), border=True,
                help=f"本学年有一个不少于{training.fmt(rules.ninety_hours)}学时的培训项目")
cards[4].metric(words.YEAR_ELAPSED_CARD, f"{elapsed:.0%}", border=True, help="每学期算半个学年；按进度应完成 = 学年目标 × 此比例")
st.caption("学年目标：" + "；".join(md(rule.describe()) for rule in rules.targets)
           + f"。1学分折合{training.fmt(rules.credit_hours)}学时。规则文件：data/training_rules.toml。")

left, right = st.columns(2)
with left:
    st.subheader(words.BY_LEVEL_SECTION)
    levels = [*LEVELS, LEVEL_UNKNOWN]
    hours = training.hours_by_level(view)
    ui.show_chart(charts.bar(levels, [hours.get(level, 0) for level in levels], title=words.BY_LEVEL_CHART,
                             x_title=words.LEVEL_AXIS, y_title=words.HOURS_AXIS, colors=LEVEL_COLORS, in_order=True),
                  key="training_level_chart", filename=words.BY_LEVEL_FILE)
with right:
    st.subheader(words.GROUPS_SECTION)
    ui.table(training.group_table(view), f, key="training_groups", filename=words.GROUPS_FILE, title=words.GROUPS_TABLE)

st.subheader(words.TEACHERS_SECTION)
behind = training.behind(view.teachers)
if behind.empty:
    st.success("本学年截至学期末，每位教师都达到了学年目标。")
else:
    st.caption(f"{len(behind)} 位教师未达到学年目标（学年已过{elapsed:.0%}，按进度应完成学年目标的{elapsed:.0%}）。")
ui.table(training.teacher_table(view), f, key="training_teachers", filename=words.TEACHERS_FILE, title=words.TEACHERS_TABLE)

records = view.records[view.records["in_term"]]
with ui.opened(words.RECORDS_EXPANDER.format(len(records)), "training_records_open") as shown:
    if shown:
        ui.table(training.record_table(records), f, key="training_records", filename=words.RECORDS_FILE, title=words.RECORDS_TABLE)
if len(view.unknown_hours):
    with ui.opened(words.UNKNOWN_HOURS_EXPANDER.format(len(view.unknown_hours)), "training_unknown_open") as shown:
        if shown:
            ui.table(training.record_table(view.unknown_hours), f, key="training_unknown", filename=words.UNKNOWN_HOURS_FILE,
                     title=words.UNKNOWN_HOURS_TABLE)
if len(view.unmatched):
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(view.unmatched)), "training_other_open") as shown:
        if shown:
            ui.table(training.record_table(view.unmatched), f, key="training_other", filename=words.UNMATCHED_FILE,
                     title=words.UNMATCHED_TABLE)
