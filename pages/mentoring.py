"""师徒结对: this term's pairs, how often each observed the other, the pairs to remind, the pairs not counted."""

import streamlit as st

from dashboard import mentoring, ui
from dashboard.safe import md
from dashboard.labels import mentoring as words

f = ui.page_filters(words.TITLE, needs=("roster",))


@st.cache_resource(show_spinner="正在计算……", max_entries=32)
def _pairs(filters: ui.Filters):
    ds = ui.term_dataset(filters)
    table = mentoring.pair_table(ds, filters.term, filters.group)
    if filters.teacher:
        table = table[(table["mentor"] == filters.teacher) | (table["mentee"] == filters.teacher)]
    flagged = table[table["flagged"].astype(bool)]
    unmatched = mentoring.unmatched_pairs(ds, filters.term)
    unmatched = unmatched[["mentor", "mentee", "period", "sources"]].rename(
        columns=words.PAGE_PAIR_COLUMNS)
    return table, flagged, mentoring.display(table), mentoring.display(flagged), unmatched, ds.mentoring.empty


pairs, flagged, shown_pairs, shown_flagged, unmatched, nothing = _pairs(f)
if f.teacher:
    st.caption(f"含 {md(f.teacher)} 作为师傅或徒弟的结对。")
if nothing:
    st.info("还没有师徒结对名单：请在“数据导入”页上传师徒结对名单（每行师傅、徒弟、学年或起止学期）。",
            icon=":material/upload_file:")
    st.stop()

cards = st.columns(4)
cards[0].metric(words.PAIRS_CARD, words.PAIRS_VALUE.format(len(pairs)), border=True)
cards[1].metric(words.NOT_MUTUAL_CARD, words.PAIRS_VALUE.format(len(flagged)), border=True, help="徒弟没听师傅的课，或师傅没听徒弟的课")
cards[2].metric(words.MENTEE_OBSERVED_CARD, words.LESSONS_VALUE.format(int(pairs['mentee_observed_mentor'].sum())), border=True)
cards[3].metric(words.MENTOR_OBSERVED_CARD, words.LESSONS_VALUE.format(int(pairs['mentor_observed_mentee'].sum())), border=True)

if pairs.empty:
    st.info("本学期没有适用的师徒结对（按学年列出的结对适用于该学年的两个学期）。")
else:
    st.subheader(words.FLAGGED_SECTION)
    if flagged.empty:
        st.success("本学期每一对师徒都互相听了课。")
    else:
        ui.table(shown_flagged, f, key="mentoring_flagged", filename=words.FLAGGED_FILE,
                 title=words.FLAGGED_TABLE)
    st.subheader(words.ALL_PAIRS_SECTION)
    st.caption("听课节数取自本学期听课记录：徒弟为听课人、师傅为授课教师（及反之），重复记录只算一次。")
    ui.table(shown_pairs, f, key="mentoring_pairs", filename=words.ALL_PAIRS_FILE, title=words.ALL_PAIRS_TABLE)

if len(unmatched) and f.scope.group is None and f.scope.teacher is None:
    with ui.opened(words.UNMATCHED_EXPANDER.format(len(unmatched)), "mentoring_other_open") as shown:
        if shown:
            ui.table(unmatched, f, key="mentoring_other", filename=words.UNMATCHED_FILE, title=words.UNMATCHED_TABLE)
