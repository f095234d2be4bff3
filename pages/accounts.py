"""账号管理: list, add, change, disable and remove accounts; download a backup; read the audit (管理员 only).

Only draws: what is read and changed, and who may, is in ``dashboard.account_admin``.
"""

import datetime as dt

import streamlit as st

from dashboard import account_admin as admin
from dashboard import accounts, navigation, safe, ui
from dashboard.safe import md
from dashboard.labels import accounts as words

f = ui.page_filters(words.TITLE, roles=navigation.ADMIN_ROLES, allow_empty=True)
user = ui.user()
store = ui.get_store(f.url)
_BACKUP = "accounts_backup_made"  # (bytes, when): the backup built on this page, until a newer one replaces it


@safe.callback("账号管理")
def _act(action, *keys: str) -> None:
    """Run an account change with the values of the widgets ``keys`` (a button's callback: it runs before
    the page is drawn, so nothing on the page can lose the click); the outcome is shown by the page."""
    state = st.session_state
    try:
        state["accounts_done"] = action(store, user, *(state.get(key) for key in keys))
    except accounts.AccountError as error:
        state["accounts_refused"] = str(error)


@safe.callback("账号管理·备份")
def _make_backup() -> None:
    """Build the whole store's backup for the download button (it stays until a newer one replaces it)."""
    with st.spinner("正在生成备份……"):
        st.session_state[_BACKUP] = (admin.backup_bytes(store, user), dt.datetime.now())


if message := st.session_state.pop("accounts_done", None):
    st.success(md(message))
if message := st.session_state.pop("accounts_refused", None):
    st.error(md(message))

table = admin.users_table(store, user)
if table.empty:
    st.info(admin.no_accounts_text(store))
else:
    st.dataframe(table, hide_index=True)

with st.form("add_user", clear_on_submit=True):
    st.subheader(words.CREATE_SECTION)
    left, right = st.columns(2)
    left.text_input(words.USERNAME_INPUT, key="add_username")
    right.text_input(words.INITIAL_PASSWORD_INPUT, type="password", key="add_password")
    left.selectbox(words.ROLE_INPUT, accounts.ROLES, index=3, key="add_role")
    right.text_input(words.GROUP_INPUT, key="add_group")
    left.text_input(words.TEACHER_INPUT, key="add_teacher")
    right.text_input(words.SCHOOL_INPUT, key="add_school", value=user.school or "", disabled=bool(user.school))
    st.form_submit_button(words.CREATE_BUTTON, type="primary", on_click=_act, args=(
        admin.add, "add_username", "add_password", "add_role", "add_group", "add_teacher", "add_school"))

if not table.empty:
    st.subheader(words.CHANGE_SECTION)
    name = st.selectbox(words.ACCOUNT_INPUT, list(table[admin.USER_HEADERS["username"]]), key="accounts_name")
    left, middle, right = st.columns(3)
    left.text_input(words.NEW_PASSWORD_INPUT, type="password", key="new_password")
    left.button(words.CHANGE_PASSWORD_BUTTON, key="accounts_passwd", on_click=_act,
                args=(admin.change_password, "accounts_name", "new_password"))
    middle.button(words.ENABLE_BUTTON if admin.is_disabled(store, name) else words.DISABLE_BUTTON, key="accounts_toggle", on_click=_act,
                  args=(admin.toggle, "accounts_name"))
    right.button(words.DELETE_BUTTON, type="secondary", key="accounts_remove", on_click=_act, args=(admin.remove, "accounts_name"))
    with st.form("change_role"):
        st.caption(f"修改“{md(name)}”的角色或范围（账号已登录的地方下一次点击即按新的范围显示）")
        left, right = st.columns(2)
        left.selectbox(words.NEW_ROLE_INPUT, accounts.ROLES, key="accounts_role")
        right.text_input(words.GROUP_INPUT, key="accounts_group")
        left.text_input(words.TEACHER_INPUT, key="accounts_teacher")
        right.text_input(words.SCHOOL_INPUT, key="accounts_school", value=user.school or "",
                         disabled=bool(user.school))
        st.form_submit_button(words.CHANGE_ROLE_BUTTON, on_click=_act, args=(
            admin.change_role, "accounts_name", "accounts_role", "accounts_group", "accounts_teacher", "accounts_school"))

st.subheader(words.BACKUP_SECTION)
st.caption("生成并下载整个数据库的备份（每个导入批次及其原始文件、姓名对应、账号、操作记录），是运行中的一致快照。"
           "恢复：python -m dashboard restore 备份文件 --db 新的空数据库。")
if admin.may_back_up(user):
    # built by the button's callback, not by a callable handed to the download button: Streamlit runs such a
    # callable outside the page and answers its failure in English; here a failure is a Chinese message with an id
    st.button(words.BACKUP_MAKE_BUTTON, key="accounts_backup_make", on_click=_make_backup)
    if made := st.session_state.get(_BACKUP):
        data, when = made
        st.download_button(words.BACKUP_BUTTON.format(megabytes=len(data) / 1_048_576, when=when), data,
                           key="accounts_backup", file_name=words.BACKUP_FILE.format(when), mime="application/vnd.sqlite3",
                           on_click="ignore")
else:
    st.info("整库备份包含所有学校的数据和账号，只有不属于某一所学校的管理员可以下载。")

st.subheader(words.AUDIT_SECTION)
log = admin.audit_table(store, user)
if log is None:
    st.info("操作记录涉及所有学校的文件，只有不属于某一所学校的管理员可以查看。")
elif log.empty:
    st.info("还没有操作记录。")
else:
    st.caption(f"谁在什么时候导入、撤销、替换、纠正姓名、备份或修改账号；最新的在前，最多显示 {admin.AUDIT_SHOWN} 条。")
    st.dataframe(log, hide_index=True, width="stretch")
