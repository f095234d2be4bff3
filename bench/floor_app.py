"""The browser benchmark's floor: the cheapest Streamlit app with the same kinds of elements as the dashboard.

A sign-in form, the same fifteen pages in the sidebar navigation, sidebar
filters (学校, 学期, 教研组, 教师), and on every page a title, a caption,
six metric cards, a Plotly bar chart and a table, built once per filter
choice and cached: no data work at all.  Their values differ from one
filter choice to another, so a filter change redraws them as on the
dashboard (until 2026-12-01 they were the same for every choice, and a
filter change redrew only the caption).  Served by the same Python as the dashboard,
it measures what Streamlit and the browser need for those elements.

With ``BENCH_FLOOR_SHAPE=overview`` it is the benchmark's second
reference, the same-content floor: every page draws, from fixed values, as
many elements of each kind as the dashboard's 总览 shows at district scale
(counted in the browser on 2026-12-01), in the dashboard's wide layout
(since run 18; runs 12-17 drew it in Streamlit's narrower default): a
sidebar with the user, a sign-out button, a heading, the four selects and a
note; six cards with their change and help, ten more under five headings,
two captions, a closed expander, four tabs, the 达标率 bar chart of twelve
教研组 (built by ``dashboard.charts.bar``, as 总览 builds it) with its PNG
button, a 12 × 9 table with row selection and its Excel button.  Going from one 教研组 back
to all redraws a chart of one bar and a table of one row into twelve, as on
the dashboard.  A step's time here is what Streamlit and the browser need to
draw 总览's content; what the dashboard takes beyond it is its own.
"""

import os

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


SHAPE = os.environ.get("BENCH_FLOOR_SHAPE", "floor")
if SHAPE == "overview":  # the dashboard's layout: its charts and tables are drawn as wide as the window allows
    st.set_page_config(layout="wide")


def filter_selects():
    """The four sidebar selects both shapes have, as on the dashboard."""
    st.selectbox("学校", [f"学校{i}" for i in range(26)], key="school")
    st.selectbox("学期", TERMS, key="term")
    st.selectbox("教研组", ALL_GROUPS, key="group")
    st.selectbox("教师", ["全部教师", *[f"教师{i}" for i in range(190)]], key="teacher")


@st.cache_resource
def overview_content(term: str, group: str):
    """总览's content for one filter choice, from fixed values: the rate chart and the comparison table."""
    from dashboard import charts

    shift = 1 + (TERMS.index(term) * 5 + ALL_GROUPS.index(group)) % 11
    shown = GROUPS if group == ALL_GROUPS[0] else [group]
    teachers = [20 + (i * 7 + shift) % 17 for i in range(len(shown))]
    met = [n - (i + shift) % 9 for i, n in enumerate(teachers)]
    rates = [m / n for m, n in zip(met, teachers)]
    figure = charts.bar(shown, rates, title="各教研组听课达标率", x_title="教研组", y_title="达标率", percent=True,
                        texts=[f"{r * 100:.1f}%<br>{m}/{n}人" for r, m, n in zip(rates, met, teachers)])
    table = pd.DataFrame({"教研组": shown, "教师数": teachers, "达标人数": met, "达标率": [f"{r * 100:.1f}%" for r in rates],
                          "听课节数": [n * 14 for n in teachers], "尚欠节数": [(n - m) * 6 for n, m in zip(teachers, met)],
                          "论文篇数": [m // 3 for m in met], "在研课题": [m // 5 for m in met], "逾期未结题": [m % 3 for m in met]})
    return figure, table, shift


def overview_body(title: str):
    """What 总览 draws, in the same numbers and kinds of elements, from :func:`overview_content`."""
    with st.sidebar:
        st.caption(f"当前用户：{st.session_state['user']}（管理员，全部数据）")
        st.button("退出登录", key="sign_out")
        st.subheader("筛选")
        filter_selects()
        st.caption("筛选条件已写入网址，复制网址即可打开同一视图。")
    figure, table, shift = overview_content(st.session_state["term"], st.session_state["group"])
    st.title(title)
    st.caption(f"当前筛选：{st.session_state['term']} · {st.session_state['group']}")
    for index, card in enumerate(st.columns(6)):
        card.metric(f"指标{index}", index + shift, f"+{index + shift}", border=True, delta_description="较上学期",
                    help="说明")
    for heading, count in (("获奖与发表", 1), ("培训学时", 3), ("教研活动", 2), ("师徒结对", 2), ("个人任务", 2)):
        st.markdown(f"**{heading}**")
        for index, column in zip(range(count), st.columns(4)):
            column.metric(f"{heading}{index}", index * shift, border=True, help="说明")
    st.caption("变化均与上学期相比，筛选条件相同。")
    with st.expander("查看某项指标的明细"):
        st.write("（未展开时不画）")
    tabs = st.tabs(["各教研组达标", "各教研组听课", "各教研组论文", "各学期趋势"])
    with tabs[0]:
        st.plotly_chart(figure, key="chart", theme=None, width="stretch", config={"displaylogo": False})
        st.download_button("下载 PNG", data=b"", file_name="chart.png", key="chart_png", on_click="ignore",
                           icon=":material/image:")
        st.caption("点选一行，可在下方查看该教研组的教师。")
        st.dataframe(table, key="groups", hide_index=True, on_select="rerun", selection_mode="single-row")
        st.download_button("下载 Excel", data=b"", file_name="table.xlsx", key="table_xlsx", on_click="ignore",
                           icon=":material/download:")


def page_body(title: str):
    if SHAPE == "overview":
        return overview_body(title)
    with st.sidebar:
        st.caption(f"当前用户：{st.session_state['user']}")
        filter_selects()
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
