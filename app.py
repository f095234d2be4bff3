"""Streamlit entry point: page configuration and navigation (pages live in pages/).

The filters every page shares (学期, 教研组, 教师) are drawn in the sidebar by
``dashboard.ui.page_filters`` at the top of each page, kept in
``st.session_state`` and in the URL.  Nothing is opened here: the store
(``DASHBOARD_DB``, else the default of ``dashboard.store.resolve_url``) is
opened by the page, once per server (``st.cache_resource``).
"""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="教师发展数据看板", page_icon=":material/dashboard:", layout="wide")

PAGES = [
    st.Page(HERE / "pages" / "overview.py", title="总览", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page(HERE / "pages" / "observations.py", title="听课达标", icon=":material/co_present:", url_path="observations"),
    st.Page(HERE / "pages" / "papers.py", title="论文成果", icon=":material/article:", url_path="papers"),
    st.Page(HERE / "pages" / "projects.py", title="课题管理", icon=":material/science:", url_path="projects"),
    st.Page(HERE / "pages" / "teacher.py", title="教师档案", icon=":material/person:", url_path="teacher"),
    st.Page(HERE / "pages" / "report.py", title="工作总结", icon=":material/summarize:", url_path="report"),
    st.Page(HERE / "pages" / "import_data.py", title="数据导入", icon=":material/upload_file:", url_path="import"),
    st.Page(HERE / "pages" / "quality.py", title="数据质量", icon=":material/fact_check:", url_path="quality"),
]

st.navigation(PAGES).run()
