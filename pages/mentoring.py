"""师徒结对: this term's pairs, how often each observed the other, the pairs to remind, the pairs not counted."""

import streamlit as st

from dashboard import mentoring, ui
from dashboard.safe import md

f = ui.page_filters("师徒结对", needs=("roster",))


@st.cache_resource(show_spinner="正在计算……", max_entries=32)
def _pairs(filters: ui.Filters):
    ds = ui.term_dataset(filters)
    table = mentoring.pair_table(ds, filters.term, filters.group)
    if filters.teacher:
        table = table[(table["mentor"] == filters.teacher) | (table["mentee"] == filters.teacher)]
    flagged = table[table["flagged"].astype(bool)]
    unmatched = mentoring.unmatched_pairs(ds, filters.term)
    unmatched = unmatched[["mentor", "mentee", "period", "sources"]].rename(
        columns={"mentor": "师傅", "mentee": "徒弟", "period": "结对期间", "sources": "来源"})
    return table, flagged, mentoring.display(table), mentoring.display(flagged), unmatched, ds.mentoring.empty


pairs, flagged, shown_pairs, shown_flagged, unmatched, nothing = _pairs(f)
if f.teacher:
    st.caption(f"含 {md(f.teacher)} 作为师傅或徒弟的结对。")
if nothing:
    st.info("还没有师徒结对名单：请在“数据导入”页上传师徒结对名单（每行师傅、徒弟、学年或起止学期）。",
            icon=":material/upload_file:")
    st.stop()

cards = st.columns(4)
cards[0].metric("本学期结对", f"{len(pairs)} 对", border=True)
cards[1].metric("未互相听课", f"{len(flagged)} 对", border=True, help="徒弟没听师傅的课，或师傅没听徒弟的课")
cards[2].metric("徒弟听师傅课", f"{int(pairs['mentee_observed_mentor'].sum())} 节", border=True)
cards[3].metric("师傅听徒弟课", f"{int(pairs['mentor_observed_mentee'].sum())} 节", border=True)

if pairs.empty:
    st.info("本学期没有适用的师徒结对（按学年列出的结对适用于该学年的两个学期）。")
else:
    st.subheader("需要提醒的结对")
    if flagged.empty:
        st.success("本学期每一对师徒都互相听了课。")
    else:
        ui.table(shown_flagged, f, key="mentoring_flagged", filename="未互相听课的师徒结对",
                 title="本学期未互相听课的师徒结对")
    st.subheader("全部结对")
    st.caption("听课节数取自本学期听课记录：徒弟为听课人、师傅为授课教师（及反之），重复记录只算一次。")
    ui.table(shown_pairs, f, key="mentoring_pairs", filename="师徒结对", title="师徒结对")

if len(unmatched) and f.scope.group is None and f.scope.teacher is None:
    with ui.opened(f"不计入的结对：师傅和徒弟都不在本学期名册中（{len(unmatched)} 对）", "mentoring_other_open") as shown:
        if shown:
            ui.table(unmatched, f, key="mentoring_other", filename="不计入的师徒结对", title="不计入的师徒结对")
