"""教师档案: one teacher across all terms — 听课 against quota, papers, projects as 负责人 and as member."""

import streamlit as st

from dashboard import breakdowns as bd
from dashboard import charts, ui
from dashboard.contract import term_label
from dashboard.safe import md
from dashboard.labels import profile as words

f = ui.page_filters(words.TITLE, needs=("roster",))
if f.teacher is None:
    st.info("请在左侧「教师」中选择一位教师（可输入姓名或拼音首字母搜索）。")
    st.stop()

profile = ui.profile(f)
info = profile.info
name = f.teacher
if info is not None:
    st.subheader(md(name))
    st.markdown("　".join(f"**{label}**：{md(value)}" for label, value in bd.profile_facts(info)))
    st.caption(f"名册来源：{md(info['source_file'])} · {md(info['source_sheet'])} · 第{info['source_row']}行（{term_label(f.term)}适用名册）")

cards = st.columns(4)
obs = profile.observations
cards[0].metric(words.MET_TERMS_CARD, f"{int(obs['met'].sum())} / {len(obs)}", border=True)
cards[1].metric(words.PAPERS_CARD, len(profile.papers), border=True)
cards[2].metric(words.LEADER_PROJECTS_CARD, len(profile.led), border=True)
cards[3].metric(words.MEMBER_PROJECTS_CARD, len(profile.member), border=True)

# ------------------------------------------------------------------ 听课
st.subheader(words.OBSERVATIONS_SECTION)
if obs.empty:
    st.info("该教师不在任何学期的名册中。")
else:
    ui.show_chart(charts.count_vs_quota(obs["label"], obs["count"], obs["quota"], title=words.OBSERVATIONS_CHART.format(name),
                                        x_title=words.TERM_AXIS),
                  key="teacher_obs_chart", filename=words.OBSERVATIONS_FILE.format(name))
    st.caption("点选一个学期，查看计入的听课记录。")
    picked = ui.selected_row(ui.table(bd.display(obs, bd.PROFILE_OBS_COLUMNS), f, key="teacher_obs",
                                      filename=words.OBSERVATIONS_FILE.format(name), title=words.OBSERVATIONS_FILE.format(name), select="single-row"))
    if picked is not None:
        term = obs["term"].iloc[picked]
        rows = bd.teacher_rows(ui.view(f, term), name)
        st.markdown(f"**{md(obs['label'].iloc[picked])}**：{md(obs['source'].iloc[picked])}，共 {len(rows)} 行")
        ui.table(rows, f, key="teacher_obs_rows", filename=words.TERM_LESSONS_FILE.format(name, obs['label'].iloc[picked]),
                 title=words.TERM_LESSONS_TABLE.format(name, obs['label'].iloc[picked]))

# ------------------------------------------------------------------ 论文
st.subheader(words.PAPERS_SECTION)
if profile.papers.empty:
    st.info("暂无论文记录")
else:
    by_term = profile.papers.assign(label=profile.papers["term"].map(term_label))
    labels = [term_label(term) for term in f.terms]
    table = bd.papers_by(by_term, "label", labels).reindex(labels, fill_value=0)  # every term, 0 where none
    ui.show_chart(charts.stacked(table.drop(columns=bd.TOTAL), title=words.PAPERS_CHART.format(name), category_title=words.TERM_AXIS,
                                 series_title=words.LEVEL_AXIS, value_title=words.PAPERS_AXIS, colors=charts.LEVEL_COLORS),
                  key="teacher_papers_chart", filename=words.PAPERS_FILE.format(name))
    ui.table(bd.display(profile.papers, bd.PAPER_COLUMNS), f, key="teacher_papers", filename=words.PAPERS_FILE.format(name),
             title=words.PAPERS_TABLE.format(name))

# ------------------------------------------------------------------ 课题
st.subheader(words.PROJECTS_SECTION)
for role, rows, key, what in ((words.AS_LEADER, profile.led, "teacher_led", words.LEADER_PROJECTS_CARD),
                              (words.AS_MEMBER, profile.member, "teacher_member", words.MEMBER_PROJECTS_CARD)):
    st.markdown(f"**{role}**")
    if rows.empty:
        st.caption("无")
    else:
        ui.table(bd.display(rows, bd.PROJECT_COLUMNS), f, key=key, filename=f"{name}{what}", title=f"{name}{what}")
st.caption(f"课题的阶段与本学期状态按所选学期（{term_label(f.term)}）计算。")

# ------------------------------------------------- every other declared kind
for kind, sections in ui.profile_sections(f):
    st.subheader(md(kind.label))
    for number, section in enumerate(sections):
        ui.section(section, f, key=f"teacher_{kind.key}_{number}", filename=f"{name}{section.heading or kind.label}")
