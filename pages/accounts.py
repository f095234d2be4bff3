"""账号管理: list, add, disable and remove accounts (管理员 only)."""

import pandas as pd
import streamlit as st

from dashboard import accounts, ui
from dashboard.safe import md

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
