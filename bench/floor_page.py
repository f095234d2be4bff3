"""P2's reference page: the elements 总览 draws on a warm rerun, with fixed content and no data work.

Same Streamlit calls as the first view of 总览 at district scale (sidebar:
who is signed in, sign-out button, 学校/学期/教研组/教师 filters; title,
six KPI cards, five declared kinds' headings with two cards each, the
drill-down expander, four tabs, one chart with its PNG button, one table
with its Excel button), built once and cached.
Its warm rerun is what Streamlit itself needs for those elements; the
benchmark checks that the element counts match the real page's.
"""

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st


@st.cache_resource
def content():
    groups = [f"第{i}组" for i in range(12)]
    figures = [go.Figure(data=[{"type": "bar", "x": groups, "y": list(range(12)), "text": [str(i) for i in range(12)]}],
                         layout={"title": {"text": f"图{k}"}, "template": "none", "height": 380}) for k in range(1)]
    table = pa.Table.from_pandas(pd.DataFrame({"教研组": groups, "教师数": range(12), "达标率": ["70.5%"] * 12,
                                               "听课节数": range(12)}), preserve_index=False)
    teachers = {f"教师{i}": f"教师{i} · 第{i % 12}组 · js" for i in range(190)}
    return figures, table, teachers


figures, table, teachers = content()
with st.sidebar:
    st.caption("当前用户：bench（管理员，全部数据）")
    st.button("退出登录", key="sign_out")
    st.markdown("#### 筛选")
    st.selectbox("学校", [f"学校{i}" for i in range(26)], key="school")
    st.selectbox("学期", [f"学期{i}" for i in range(6)], key="term")
    st.selectbox("教研组", ["", *[f"第{i}组" for i in range(12)]], key="group", format_func=lambda g: g or "全部教研组")
    st.selectbox("教师", ["", *teachers], key="teacher", format_func=lambda k: teachers.get(k, "全部教师"))
    st.caption("筛选条件已写入网址")
st.title("总览")
st.caption("当前筛选：……")
for index, card in enumerate(st.columns(6)):
    card.metric(f"指标{index}", index, f"+{index}", border=True, delta_description="较上学期", help="说明")
for kind in range(5):  # the declared kinds with data (公开课, 培训学时 …): a heading and their cards
    st.markdown(f"**种类{kind}**")
    for index, card in enumerate(st.columns(4)[:2]):
        card.metric(f"指标{kind}-{index}", index, f"+{index}", border=True, delta_description="较上学期")
st.caption("变化均与上学期相比")
st.expander("查看指标背后的记录", key="drill", on_change="rerun")
first, *_ = st.tabs(["教研组对比", "各组听课节数", "各组论文", "各学期趋势"], key="tab", bind="query-params")
with first:
    st.plotly_chart(figures[0], key="chart0", theme=None, width="stretch", config={"displaylogo": False})
    st.download_button("下载 PNG", data=lambda: b"", file_name="图.png", key="png0", on_click="ignore",
                       icon=":material/image:")
    st.caption("点选一行")
    st.dataframe(table, key="groups", hide_index=True, on_select="rerun", selection_mode="single-row")
    st.download_button("下载 Excel", data=lambda: b"", file_name="表.xlsx", key="xlsx", on_click="ignore",
                       icon=":material/download:")
