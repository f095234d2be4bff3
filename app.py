"""Streamlit entry point: page configuration, sign-in and the pages each role may open.

The filters every page shares (学期, 教研组, 教师; 学校 in district mode) are
drawn in the sidebar by ``dashboard.ui.page_filters`` at the top of each
page, kept in ``st.session_state`` and in the URL.  Each page also checks
the sign-in itself, and receives only the data its viewer may see.
"""

from pathlib import Path

import streamlit as st

from dashboard import login
from dashboard.navigation import PAGES, pages_for

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="教师发展数据看板", page_icon=":material/dashboard:", layout="wide")

user = login.current_user()
# Signed out, every page is registered (each shows the sign-in form in its place, so a link to a page
# still opens that page after signing in) and the menu is hidden.
entries = pages_for(user) if user is not None else list(PAGES)
pages = [st.Page(HERE / "pages" / entry.file, title=entry.title, icon=f":material/{entry.icon}:",
                 url_path=entry.url_path, default=index == 0)
         for index, entry in enumerate(entries)]
st.navigation(pages, position="sidebar" if user is not None else "hidden").run()
