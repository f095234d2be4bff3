"""Labels the chart builders of :mod:`dashboard.charts` write themselves: the term axis, the 听课
count-against-quota traces and their axis (titles of a chart come from its caller)."""

TERM_AXIS = "学期"
LESSONS_AXIS = "节数"
COUNT_TRACE = "已听节数"
QUOTA_TRACE = "任务节数"
