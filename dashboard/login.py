"""The login gate every page passes: sign in, first-run admin creation, sign out.

The signed-in :class:`~dashboard.accounts.User` lives in ``st.session_state``;
its scope decides what data the pages receive (see :mod:`dashboard.scope`).
"""

from __future__ import annotations

import streamlit as st

from . import accounts
from .store import Store

USER_KEY = "user"


def current_user() -> accounts.User | None:
    return st.session_state.get(USER_KEY)


def require_login(store: Store) -> accounts.User:
    """The signed-in user; otherwise draw the sign-in (or first-admin) form and stop the page."""
    user = current_user()
    if user is not None:
        return user
    st.title("教师发展数据看板")
    if not accounts.demo_mode() and not accounts.has_users(store):
        _first_admin(store)
    else:
        _sign_in(store)
    st.stop()


def _sign_in(store: Store) -> None:
    # The check runs in the button's callback, before the page script: nothing the page does
    # afterwards (a rerun) can lose the click.
    with st.form("login"):
        st.subheader("登录")
        st.text_input("用户名", key="login_username")
        st.text_input("密码", type="password", key="login_password")
        st.form_submit_button("登录", type="primary", on_click=_check_password, args=(store,))
    if message := st.session_state.pop("login_error", None):
        st.error(message)
    if accounts.demo_mode():
        st.info("演示模式：可用账号 admin（管理员）、校长、语文组长、数学组长，密码都是 demo。")


def _check_password(store: Store) -> None:
    try:
        st.session_state[USER_KEY] = accounts.authenticate(
            store, st.session_state.get("login_username", "").strip(), st.session_state.get("login_password", ""))
    except accounts.AccountError as error:
        st.session_state["login_error"] = str(error)
    st.session_state["login_password"] = ""


def _first_admin(store: Store) -> None:
    st.info("这是第一次使用：还没有任何账号。请先建立管理员账号，之后可在「账号管理」页为校长、教科室、教研组长和教师开账号。")
    with st.form("first_admin"):
        st.text_input("管理员用户名", value="admin", key="admin_username")
        st.text_input("密码（至少 8 位）", type="password", key="admin_password")
        st.text_input("再输入一次密码", type="password", key="admin_again")
        st.form_submit_button("建立管理员账号", type="primary", on_click=_create_admin, args=(store,))
    if message := st.session_state.pop("login_error", None):
        st.error(message)


def _create_admin(store: Store) -> None:
    state = st.session_state
    if state.get("admin_password") != state.get("admin_again"):
        state["login_error"] = "两次输入的密码不一致。"
        return
    try:
        state[USER_KEY] = accounts.add_user(store, state.get("admin_username", "").strip(),
                                            state.get("admin_password", ""), "管理员")
    except accounts.AccountError as error:
        state["login_error"] = str(error)


def sign_out_box(user: accounts.User) -> None:
    """Who is signed in, and a sign-out button (sidebar)."""
    scope = user.group or user.teacher_key or "全部数据"
    st.sidebar.caption(f"当前用户：{user.username}（{user.role}，{scope}）")
    if st.sidebar.button("退出登录", key="sign_out"):
        del st.session_state[USER_KEY]
        st.rerun()
