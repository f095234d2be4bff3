"""The browser benchmark's floor: the cheapest Streamlit app with the same kinds of elements as the dashboard.

A sign-in form, the same fifteen pages in the sidebar navigation, sidebar
filters (学校, 学期, 教研组, 教师), and on every page a title, a caption,
six metric cards, a Plotly bar chart and a table, built once per filter
choice and cached: no data work at all.  Their values differ from one
filter choice to another, so a filter change redraws them as on the
dashboard (until 2026-12-01 they were the same for every choice, and a
filter change redrew only the caption).  Served by the same Python as the dashboard,
it measures what Streamlit and the browser need for those elements.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from floor_app_titles import TITLES  # (the script's folder is on the path of `streamlit run`)


GROUPS = [f"第{i}组" for i in range(12)]
ALL_GROUPS = ["全部教研组", *GROUPS]
TERMS = [f"2024-2025学年第{i}学期" for i in "一二"] + [f"学期{i}" for i in range(4)]


@st.cache_resource
def content(term: str, group: str):
    """Fixed values for each filter choice (built once each, no data work): a filter change shows other
    numbers, so the browser redraws the chart, the table and the cards as it must on the dashboard."""
    # From the options' positions, so any two choices differ (a sum of character codes mod 7 gave the two
    # 学年 terms, 第一/第二学期, the same values: the benchmark's 学期 change then redrew one caption).
    shift = 1 + (TERMS.index(term) * 5 + ALL_GROUPS.index(group)) % 11
    values = [(i * 3 + shift) % 13 for i in range(12)]
    figure = go.Figure(data=[{"type": "bar", "x": GROUPS, "y": values, "text": [str(v) for v in values]}],
                       layout={"title": {"text": "图"}, "template": "none", "height": 380})
    table = pd.DataFrame({"教研组": GROUPS, "教师数": values, "达标率": [f"{60 + v}.5%" for v in values], "听课节数": values})
    return figure, table, shift


def sign_in():
    with st.form("login"):
        st.subheader("登录")
        st.text_input("用户名", key="login_username")
        st.text_input("密码", type="password", key="login_password")
        if st.form_submit_button("登录", type="primary"):
            st.session_state["user"] = st.session_state["login_username"]
            st.rerun()


def page_body(title: str):
    with st.sidebar:
        st.caption(f"当前用户：{st.session_state['user']}")
        st.selectbox("学校", [f"学校{i}" for i in range(26)], key="school")
        st.selectbox("学期", TERMS, key="term")
        st.selectbox("教研组", ALL_GROUPS, key="group")
        st.selectbox("教师", ["全部教师", *[f"教师{i}" for i in range(190)]], key="teacher")
    figure, table, shift = content(st.session_state["term"], st.session_state["group"])
    st.title(title)
    st.caption(f"当前筛选：{st.session_state['term']} · {st.session_state['group']}")
    for index, card in enumerate(st.columns(6)):
        card.metric(f"指标{index}", index + shift, f"+{index + shift}", border=True)
    st.plotly_chart(figure, key="chart", theme=None, width="stretch", config={"displaylogo": False})
    st.dataframe(table, hide_index=True)


if "user" not in st.session_state:
    st.title("教师发展数据看板")
    sign_in()
    st.stop()
pages = [st.Page(lambda title=title: page_body(title), title=title, url_path=f"p{index}", default=index == 0)
         for index, title in enumerate(TITLES)]
st.navigation(pages, position="sidebar").run()
