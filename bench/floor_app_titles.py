"""The floor app's page titles: the administrator's menu of the dashboard (checked by ``bench.browser``)."""

TITLES = ("总览", "听课达标", "获奖与发表", "课题管理", "公开课", "培训学时", "教研活动", "师徒结对", "个人任务", "教师档案",
          "工作总结", "区域对比", "数据导入", "数据质量", "账号管理")
