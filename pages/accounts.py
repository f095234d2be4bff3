"""账号管理: list, add, disable and remove accounts; download a backup; read the audit (管理员 only)."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import accounts, backup, ui
from dashboard.safe import md

AUDIT_SHOWN = 500

f = ui.page_filters("账号管理", roles=("管理员",), allow_empty=True)
user = ui.user()
store = ui.get_store(f.url)

rows = accounts.list_users(store)
if rows:
    frame = pd.DataFrame(rows).rename(columns={"username": "用户名", "role": "角色", "school": "学校",
                                               "group_name": "教研组", "teacher_key": "教师", "disabled": "已停用"})
    st.dataframe(frame, hide_index=True)
else:
    st.info("还没有账号。" + ("（演示模式下可用演示账号登录。）" if accounts.demo_mode(store) else ""))

with st.form("add_user", clear_on_submit=True):
    st.subheader("新建账号")
    left, right = st.columns(2)
    username = left.text_input("用户名")
    password = right.text_input("初始密码（8–72 个字节，不能是常见密码）", type="password")
    role = left.selectbox("角色", accounts.ROLES, index=3)
    group = right.text_input("教研组（教研组长必填）")
    teacher = left.text_input("教师姓名（教师账号必填）")
    school = right.text_input("学校（区级多校模式，可不填）")
    if st.form_submit_button("新建", type="primary"):
        try:
            accounts.add_user(store, username.strip(), password, role, school=school.strip() or None,
                              group=group.strip() or None, teacher_key=teacher.strip() or None)
            st.success(f"已新建账号“{md(username)}”。")
        except accounts.AccountError as error:
            st.error(md(error))

if rows:
    st.subheader("修改账号")
    name = st.selectbox("账号", [row["username"] for row in rows])
    left, middle, right = st.columns(3)
    new_password = left.text_input("新密码", type="password", key="new_password")
    try:
        if left.button("修改密码"):
            accounts.set_password(store, name, new_password)
            st.success("密码已修改。")
        disabled = next(row["disabled"] for row in rows if row["username"] == name)
        if middle.button("启用" if disabled else "停用"):
            accounts.set_disabled(store, name, not disabled)
            st.rerun()
        if right.button("删除账号", type="secondary"):
            if name == user.username:
                st.error("不能删除正在使用的账号。")
            else:
                accounts.remove_user(store, name)
                st.rerun()
    except accounts.AccountError as error:
        st.error(md(error))

st.subheader("备份")
st.caption("下载整个数据库的备份（每个导入批次及其原始文件、姓名对应、账号、操作记录），是运行中的一致快照。"
           "恢复：python -m dashboard restore 备份文件 --db 新的空数据库。")
st.download_button("下载备份", lambda: backup.backup_bytes(store, user.username), key="accounts_backup",
                   file_name=f"看板备份-{dt.date.today():%Y%m%d}.db", mime="application/vnd.sqlite3", on_click="ignore")

st.subheader("操作记录")
# The audit names every school's files: an account bound to one school does not read it.
log = store.audit_log(limit=AUDIT_SHOWN) if not user.school else None
if log is None:
    st.info("操作记录涉及所有学校的文件，只有不属于某一所学校的管理员可以查看。")
elif log.empty:
    st.info("还没有操作记录。")
else:
    st.caption(f"谁在什么时候导入、撤销、替换、纠正姓名、备份或修改账号；最新的在前，最多显示 {AUDIT_SHOWN} 条。")
    st.dataframe(backup.audit_view(log), hide_index=True, width="stretch")
