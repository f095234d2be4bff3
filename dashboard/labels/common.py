"""Labels every page shares (drawn by :mod:`dashboard.ui`): the sidebar filters and how a filter
choice is described, the link to 数据导入 and the download buttons."""

# ------------------------------------------------------------ filters
FILTERS_HEADING = "#### 筛选"
SCHOOL_FILTER = "学校"
TERM_FILTER = "学期"
GROUP_FILTER = "教研组"
TEACHER_FILTER = "教师"
ALL_GROUPS = "全部教研组"
ALL_TEACHERS = "全部教师"

# ------------------------------------------------------------ links and downloads
IMPORT_LINK = "前往数据导入"
EXCEL_BUTTON = "下载 Excel"
PNG_BUTTON = "下载 PNG"
