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

st.set_page_config(page_title="教师发展数据看板", page_icon="📊", layout="wide")

PAGES = [
    st.Page(HERE / "pages" / "overview.py", title="总览", icon="📊", url_path="overview", default=True),
    st.Page(HERE / "pages" / "observations.py", title="听课达标", icon="📝", url_path="observations"),
    st.Page(HERE / "pages" / "papers.py", title="论文成果", icon="📄", url_path="papers"),
    st.Page(HERE / "pages" / "projects.py", title="课题管理", icon="🔬", url_path="projects"),
    st.Page(HERE / "pages" / "teacher.py", title="教师档案", icon="👤", url_path="teacher"),
    st.Page(HERE / "pages" / "report.py", title="工作总结", icon="🗂️", url_path="report"),
    st.Page(HERE / "pages" / "import_data.py", title="数据导入", icon="📥", url_path="import"),
    st.Page(HERE / "pages" / "quality.py", title="数据质量", icon="🩺", url_path="quality"),
]

st.navigation(PAGES).run()
