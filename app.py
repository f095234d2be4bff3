"""Streamlit entry point: page configuration, the session check, the pages each role may open, errors with an id.

The filters every page shares (学期, 教研组, 教师; 学校 in district mode) are
drawn in the sidebar by ``dashboard.ui.page_filters`` at the top of each
page, kept in ``st.session_state`` and in the URL.  Each page also checks
the sign-in itself, and receives only the data its viewer may see.

No exception reaches the browser: it is logged with an id, and the page
shows a Chinese message with that id (``dashboard.safe.show_error``); the
same for widget callbacks, which run before the page (``dashboard.safe.callback``).
"""

from pathlib import Path

import streamlit as st

from dashboard import login, safe
from dashboard.navigation import all_pages, pages_for
from dashboard.store import resolve_url
from dashboard.ui import get_store

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="教师发展数据看板", page_icon=":material/dashboard:", layout="wide")

try:
    url = resolve_url()
    store = get_store(url)
    user = login.sync_session(store)
    login.demo_banner(url)
except Exception as error:  # noqa: BLE001 - e.g. the database cannot be reached: a message with an id, no details
    safe.show_error(error, "打开数据库")
    st.stop()

# Signed out, every page is registered (each shows the sign-in form in its place, so a link to a page
# still opens that page after signing in) and the menu is hidden.
entries = pages_for(user) if user is not None else all_pages()
first = entries[0]
# The first page twice: hidden as the default page at "/", and at its own address, so a link to
# /overview opens 总览 rather than Streamlit's "Page not found".
pages = [st.Page(HERE / "pages" / first.file, title=first.title, icon=f":material/{first.icon}:",
                 url_path=f"{first.url_path}-home", default=True, visibility="hidden")]
pages += [st.Page(HERE / "pages" / entry.file, title=entry.title, icon=f":material/{entry.icon}:",
                  url_path=entry.url_path) for entry in entries]
# Any page's failure, or a widget callback's (``safe.callback``), is logged with an id; the viewer sees the id.
safe.run_page(st.navigation(pages, position="sidebar" if user is not None else "hidden"))
