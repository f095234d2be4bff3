"""Labels of 账号管理: the page's forms, buttons, sections and downloads, and the account list's
headers of :mod:`dashboard.account_admin`."""

TITLE = "账号管理"
CREATE_SECTION = "新建账号"
USERNAME_INPUT = "用户名"
INITIAL_PASSWORD_INPUT = "初始密码（8–72 个字节，不能是常见密码）"
ROLE_INPUT = "角色"
GROUP_INPUT = "教研组（教研组长必填）"
TEACHER_INPUT = "教师姓名（教师账号必填）"
SCHOOL_INPUT = "学校（区级多校模式，可不填）"
CREATE_BUTTON = "新建"
CHANGE_SECTION = "修改账号"
ACCOUNT_INPUT = "账号"
NEW_PASSWORD_INPUT = "新密码"
CHANGE_PASSWORD_BUTTON = "修改密码"
ENABLE_BUTTON = "启用"
DISABLE_BUTTON = "停用"
DELETE_BUTTON = "删除账号"
NEW_ROLE_INPUT = "新角色"
CHANGE_ROLE_BUTTON = "修改角色"
BACKUP_SECTION = "备份"
BACKUP_MAKE_BUTTON = "生成备份"
BACKUP_BUTTON = "下载备份（{megabytes:.1f} MB，{when:%H:%M} 生成）"
AUDIT_SECTION = "操作记录"

# ------------------------------------------------------------ the account list (dashboard/account_admin.py)
#: The account list's headers, as the page shows them.
USER_HEADERS = {"username": "用户名", "role": "角色", "school": "学校", "group_name": "教研组",
                "teacher_key": "教师", "disabled": "已停用"}

#: the backup download, named by its day
BACKUP_FILE = "看板备份-{:%Y%m%d-%H%M}.db"
