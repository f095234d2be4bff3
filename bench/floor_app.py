"""The browser benchmark's floor: the cheapest Streamlit app with the same kinds of elements as the dashboard.

A sign-in form, the same fifteen pages in the sidebar navigation, sidebar
filters (学校, 学期, 教研组, 教师), and on every page a title, a caption,
six metric cards, a Plotly bar chart and a table, all built once and
cached: no data work at all.  Served by the same Python as the dashboard,
it measures what Streamlit and the browser need for those elements.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from floor_app_titles import TITLES  # (the script's folder is on the path of `streamlit run`)


@st.cache_resource
def content():
    groups = [f"第{i}组" for i in range(12)]
    figure = go.Figure(data=[{"type": "bar", "x": groups, "y": list(range(12)), "text": [str(i) for i in range(12)]}],
                       layout={"title": {"text": "图"}, "template": "none", "height": 380})
    table = pd.DataFrame({"教研组": groups, "教师数": range(12), "达标率": ["70.5%"] * 12, "听课节数": range(12)})
    return groups, figure, table


def sign_in():
    with st.form("login"):
        st.subheader("登录")
        st.text_input("用户名", key="login_username")
        st.text_input("密码", type="password", key="login_password")
        if st.form_submit_button("登录", type="primary"):
            st.session_state["user"] = st.session_state["login_username"]
            st.rerun()


def page_body(title: str):
    groups, figure, table = content()
    with st.sidebar:
        st.caption(f"当前用户：{st.session_state['user']}")
        st.selectbox("学校", [f"学校{i}" for i in range(26)], key="school")
        st.selectbox("学期", [f"2024-2025学年第{i}学期" for i in "一二"] + [f"学期{i}" for i in range(4)], key="term")
        st.selectbox("教研组", ["全部教研组", *groups], key="group")
        st.selectbox("教师", ["全部教师", *[f"教师{i}" for i in range(190)]], key="teacher")
    st.title(title)
    st.caption(f"当前筛选：{st.session_state['term']} · {st.session_state['group']}")
    for index, card in enumerate(st.columns(6)):
        card.metric(f"指标{index}", index, f"+{index}", border=True)
    st.plotly_chart(figure, key="chart", theme=None, width="stretch", config={"displaylogo": False})
    st.dataframe(table, hide_index=True)


if "user" not in st.session_state:
    st.title("教师发展数据看板")
    sign_in()
    st.stop()
pages = [st.Page(lambda title=title: page_body(title), title=title, url_path=f"p{index}", default=index == 0)
         for index, title in enumerate(TITLES)]
st.navigation(pages, position="sidebar").run()
