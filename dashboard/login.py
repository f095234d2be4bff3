"""The login gate every page passes: sessions, sign in, first administrator, sign out.

The signed-in :class:`~dashboard.accounts.User` lives in ``st.session_state``
for the run; what keeps it across a reload, a new tab or a copied link is
a session token (:mod:`dashboard.sessions`) in a cookie of the browser.
``app.py`` calls :func:`sync_session` at the start of every run: a new
browser session adopts the cookie's token, and an open one checks its
token again, so a sign-out, a password change, a disabled or deleted
account ends the session at the next click.  The user's scope decides
what data the pages receive (see :mod:`dashboard.scope`).
"""

from __future__ import annotations

import json
import logging
import sys

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import accounts, sessions
from .safe import callback
from .store import Store

USER_KEY = "user"
TOKEN_KEY = "session_token"
log = logging.getLogger("dashboard.signin")
_announced: set[str] = set()  # setup codes already printed by this process


def current_user() -> accounts.User | None:
    return st.session_state.get(USER_KEY)


def _text(value: object) -> str:
    """A value of ``st.context`` as text ('' when absent, or not text as under AppTest)."""
    return value if isinstance(value, str) else ""


def _cookie() -> str:
    return _text(st.context.cookies.get(sessions.COOKIE))


def client_address() -> str:
    """Who is signing in, for the throttle: the connection's address, or behind a local reverse proxy
    (the connection comes from this machine) the address the proxy appended to X-Forwarded-For."""
    address = _text(st.context.ip_address)
    if address:
        return address[:100]
    return _text(st.context.headers.get("X-Forwarded-For")).split(",")[-1].strip()[:100]


def sync_session(store: Store) -> accounts.User | None:
    """Check this browser's session once per run; returns the signed-in user, if any.

    A run with a token checks it (the account may have been disabled, deleted or re-passworded since);
    a run without one adopts the cookie's token, which is how a reload or a new tab stays signed in.
    A user put in the session by code (no token) is left as it is.
    """
    state = st.session_state
    token = state.get(TOKEN_KEY)
    if token is None and state.get(USER_KEY) is None:
        cookie = _cookie()
        if cookie and (user := accounts.resume(store, cookie)) is not None:
            state[USER_KEY], state[TOKEN_KEY] = user, cookie
    elif token is not None:
        user = accounts.resume(store, token)
        if user is None:
            state.pop(USER_KEY, None)
            state.pop(TOKEN_KEY, None)
            state["login_error"] = "登录已结束（已退出、账号被停用或删除、密码已修改，或长时间未操作），请重新登录。"
        else:
            state[USER_KEY] = user
    _keep_cookie()
    return current_user()


def _keep_cookie() -> None:
    """Make the browser's cookie match this session: set it after a sign-in, clear a dead one."""
    token = st.session_state.get(TOKEN_KEY)
    cookie = _cookie()
    if token is not None and cookie != token:
        secure = "; Secure" if _text(st.context.url).startswith("https:") else ""
        value = f"{sessions.COOKIE}={token}; Path=/; SameSite=Strict{secure}"
    elif token is None and cookie:
        value = f"{sessions.COOKIE}=; Path=/; Max-Age=0; SameSite=Strict"
    else:
        return
    # The token is ours (URL-safe base64), never text from a user or a file.
    st.html(f"<script>document.cookie = {json.dumps(value)};</script>", unsafe_allow_javascript=True)


@st.cache_data(ttl=60, show_spinner=False, max_entries=8)
def _is_demo_store(url: str) -> bool:
    # The mark is only ever added (to an empty store), never removed: a minute's delay shows nothing wrong.
    from .ui import get_store

    return accounts.is_demo_store(get_store(url))


def demo_banner(url: str) -> None:
    """The permanent 演示模式 banner on every page of a demo store."""
    if _is_demo_store(url):
        st.warning("演示模式：这是示例学校的虚构数据，演示账号对所有人公开。学校正式使用请用 `bash scripts/run.sh school`。",
                   icon=":material/science:")


def require_login(store: Store) -> accounts.User:
    """The signed-in user; otherwise draw the sign-in (or first-admin) form and stop the page."""
    user = current_user()
    if user is not None:
        return user
    st.title("教师发展数据看板")
    if not accounts.has_users(store) and not accounts.demo_mode(store):
        _first_admin(store)
    else:
        _sign_in(store)
    _preload_components()
    st.stop()


def _preload_components() -> None:
    """One of each kind of element the pages draw, hidden, so the browser loads their scripts while the user
    types (it loads a kind's script only when a page first shows one: about 4.7 MB for Plotly alone).
    The first page after signing in, and each page's first visit, then draw at once (3 s less for the first
    page on a 2-core machine).  Nothing here is read: the elements are gone after signing in."""
    with st.container(key="preload_components"):
        st.html("<style>.st-key-preload_components{display:none}</style>")
        st.plotly_chart(go.Figure(), key="preload_chart")
        st.dataframe(pd.DataFrame({"": []}), key="preload_table", hide_index=True)
        st.metric("-", 0, 0, border=True)
        st.selectbox("-", ["-"], key="preload_select")
        st.multiselect("-", ["-"], key="preload_multiselect")
        st.text_area("-", key="preload_text_area")
        st.date_input("-", key="preload_date")
        st.number_input("-", key="preload_number")
        st.toggle("-", key="preload_toggle")
        st.code("-", language=None)
        st.json({})
        st.info("-")
        st.progress(0)
        st.download_button("-", data=b"", key="preload_download", on_click="ignore")
        with st.expander("-"):
            st.tabs(["-"])


def _sign_in(store: Store) -> None:
    # The check runs in the button's callback, before the page script: nothing the page does
    # afterwards (a rerun) can lose the click.
    with st.form("login"):
        st.subheader("登录")
        st.text_input("用户名", key="login_username", max_chars=100)
        st.text_input("密码", type="password", key="login_password", max_chars=200)
        st.form_submit_button("登录", type="primary", on_click=_check_password, args=(store,))
    if message := st.session_state.pop("login_error", None):
        st.error(message)
    if accounts.demo_mode(store):
        st.info("演示模式：可用账号 admin（管理员）、校长、语文组长、数学组长，密码都是 demo。")


def _begin(store: Store, user: accounts.User) -> None:
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = accounts.start_session(store, user)


@callback("登录")
def _check_password(store: Store) -> None:
    state = st.session_state
    try:
        user = accounts.authenticate(store, state.get("login_username", "").strip(), state.get("login_password", ""),
                                     client_address())
        _begin(store, user)
    except accounts.AccountError as error:
        state["login_error"] = str(error)
    state["login_password"] = ""


def announce_setup_code(store: Store) -> str | None:
    """While no account exists: the setup code, printed once per process on the server's console."""
    code = accounts.setup_code(store)
    if code is not None and code not in _announced:
        _announced.add(code)
        print(f"看板还没有任何账号。管理员建立码：{code}（在网页上建立第一个管理员账号时填写；"
              f"也可以运行 python -m dashboard user add 用户名 --role 管理员）", file=sys.stderr, flush=True)
    return code


def _first_admin(store: Store) -> None:
    announce_setup_code(store)
    st.info("这是第一次使用：还没有任何账号。请先建立管理员账号，之后可在「账号管理」页为校长、教科室、教研组长和教师开账号。"
            "建立时需要填写管理员建立码：它打印在启动看板的控制台（终端或日志）里，只有能登录服务器的人看得到。"
            "也可以在服务器上运行 `python -m dashboard user add 用户名 --role 管理员`。")
    with st.form("first_admin"):
        st.text_input("管理员建立码（见服务器控制台）", key="setup_code", max_chars=20)
        st.text_input("管理员用户名", value="admin", key="admin_username", max_chars=100)
        st.text_input("密码（8–72 个字节，不能是常见密码）", type="password", key="admin_password", max_chars=200)
        st.text_input("再输入一次密码", type="password", key="admin_again", max_chars=200)
        st.form_submit_button("建立管理员账号", type="primary", on_click=_create_admin, args=(store,))
    if message := st.session_state.pop("login_error", None):
        st.error(message)


@callback("建立管理员")
def _create_admin(store: Store) -> None:
    state = st.session_state
    if state.get("admin_password") != state.get("admin_again"):
        state["login_error"] = "两次输入的密码不一致。"
        return
    try:
        user = accounts.create_first_admin(store, state.get("setup_code", ""), state.get("admin_username", "").strip(),
                                           state.get("admin_password", ""), client_address())
        _begin(store, user)
    except accounts.AccountError as error:
        state["login_error"] = str(error)


def sign_out(store: Store) -> None:
    """End this browser's session (the token is revoked in the store; the cookie is cleared on the next run)."""
    if token := st.session_state.pop(TOKEN_KEY, None):
        accounts.end_session(store, token)
    st.session_state.pop(USER_KEY, None)


def sign_out_box(user: accounts.User, store: Store | None = None) -> None:
    """Who is signed in, and a sign-out button (sidebar)."""
    from .safe import md

    scope = user.group or user.teacher_key or "全部数据"
    st.sidebar.caption(f"当前用户：{md(user.username)}（{user.role}，{md(scope)}）")
    if st.sidebar.button("退出登录", key="sign_out"):
        if store is None:
            from .store import resolve_url
            from .ui import get_store

            store = get_store(resolve_url())
        sign_out(store)
        st.rerun()
