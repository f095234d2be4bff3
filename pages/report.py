"""工作总结: the term's paragraphs (editable), .docx/.xlsx export, its tables and charts (folded, drawn when opened),
教研组长 reminder list."""

import zlib

import streamlit as st

from dashboard import png, ui
from dashboard.contract import term_label
from dashboard.reminders import reminder_xlsx
from dashboard.report_docx import build_docx, write_docx
from dashboard.report_text import school_name
from dashboard.report_xlsx import report_xlsx
from dashboard.safe import md
from dashboard.labels import report as words

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

f = ui.page_filters(words.TITLE, needs=("roster", "observations", "papers", "projects"), stop=False)
if f.teacher:
    st.caption("工作总结按全校或所选教研组生成，“教师”筛选对本页不起作用。")
school = st.text_input(words.SCHOOL_INPUT, value=school_name(), key="report_school",
                       help="默认取环境变量 DASHBOARD_SCHOOL，否则为“示例学校”")

report, report_charts = ui.report(f, school)  # built once per filters, school name and data version

st.subheader(report.title)

# ------------------------------------------------------------------- text
st.markdown("##### 文字稿")
st.caption("以下文字由统计数字自动生成，可直接修改；导出的 Word 和 Excel 使用修改后的文字。")
keys = [f"report_text_{p.key}_{zlib.crc32(p.text.encode())}" for p in report.paragraphs]
if st.button(words.RESET_BUTTON, icon=":material/restart_alt:"):
    for key, paragraph in zip(keys, report.paragraphs):
        st.session_state[key] = paragraph.text
texts = []
for key, paragraph in zip(keys, report.paragraphs):
    st.session_state.setdefault(key, paragraph.text)
    texts.append(st.text_area(paragraph.heading or words.OPENING_HEADING, key=key, height=150 if paragraph.heading else 80))
with st.expander(words.FIGURES_EXPANDER):
    st.json({words.THIS_TERM_FIGURES: report.figures, words.PREVIOUS_TERM_FIGURES: report.previous}, expanded=False)

# ----------------------------------------------------------------- export
st.markdown("##### 导出")
issue = png.problem()
left, right = st.columns(2)
with left:
    if issue is None:
        st.download_button(words.DOCX_WITH_CHARTS_BUTTON, data=lambda: build_docx(report, texts).data,
                           file_name=f"{report.title}.docx", mime=DOCX, key="report_docx", on_click="ignore",
                           icon=":material/description:", type="primary")
    else:
        st.warning(md(issue))
        st.download_button(words.DOCX_BUTTON, data=lambda: write_docx(report, texts),
                           file_name=f"{report.title}.docx", mime=DOCX, key="report_docx", on_click="ignore",
                           icon=":material/description:")
with right:
    st.download_button(words.XLSX_BUTTON, data=lambda: report_xlsx(report, texts),
                       file_name=f"{report.title}.xlsx", mime=ui.XLSX, key="report_xlsx", on_click="ignore",
                       icon=":material/table:")

# ------------------------------------------------------- tables and charts
# Folded, and run only when opened: together they are most of what the page would draw, and the
# Word and Excel files above carry them all the same.
with ui.opened(words.TABLES_EXPANDER.format(len(report.tables)), "report_tables_open") as shown:
    if shown:
        for number, table in enumerate(report.tables, start=1):
            st.markdown(f"**表{number}　{md(table.name)}**")
            ui.table(table.frame, f, key=f"report_table_{number}", filename=table.name, title=table.name)
            if table.note:
                st.caption(f"注：{md(table.note)}")

with ui.opened(words.CHARTS_EXPANDER.format(len(report_charts)), "report_charts_open") as shown:
    if shown:
        columns = st.columns(2)
        for number, chart in enumerate(report_charts):
            with columns[number % 2]:
                ui.show_chart(chart.fig, key=f"report_chart_{number}", filename=f"{chart.title}_{term_label(f.term)}")

# --------------------------------------------------------------- reminders
st.divider()
st.subheader(words.REMINDER_SECTION)
st.caption("所选教研组中听课尚未达标的老师、还差的节数和本学期剩余周数；文字可直接复制到工作群。")
groups = list(report.figures["observations"]["by_group"])
if not groups:
    st.info("本学期名册中没有教师。")
    st.stop()
pick, day_column = st.columns(2)
group = f.group if f.group in groups else pick.selectbox(words.GROUP_PICKER, groups, key="report_reminder_group")
if f.group:
    pick.text_input(words.GROUP_PICKER, value=f.group, disabled=True, key="report_reminder_group_fixed")
day = day_column.date_input(words.DAY_PICKER, value=ui.today(), key="report_reminder_day", format="YYYY-MM-DD")
reminder = ui.reminder(f, group, day)
st.code(reminder.text, language=None, wrap_lines=True)
if not reminder.rows.empty:
    st.dataframe(reminder.rows, hide_index=True, key="report_reminder_rows")
if not reminder.others.empty:  # what the members still owe of the declared kinds (公开课 …)
    st.markdown("**其他待完成事项**")
    st.dataframe(reminder.others, hide_index=True, key="report_reminder_others")
st.download_button(words.REMINDER_BUTTON, data=lambda: reminder_xlsx(reminder),
                   file_name=words.REMINDER_FILE.format(group, term_label(f.term)), mime=ui.XLSX, key="report_reminder_xlsx",
                   on_click="ignore", icon=":material/download:")
