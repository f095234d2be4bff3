"""A role written in brackets after a 课题's 负责人 or 成员 (王五（执笔）, 赵六（排名2）) is kept as the
课题's own field, member_roles; the person alone is the name, and a 教研组长 sees only their group's roles."""

from __future__ import annotations

import pytest

from dashboard import metrics
from dashboard.accounts import Scope
from dashboard.loaders import load_file
from dashboard.scope import scope_dataset

from .conftest import LAYOUTS, layout_file, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["姓名", "教研组"], ["王五", "语文组"], ["赵六", "数学组"], ["杨宁", "数学组"], ["孙玉林", "语文组"]]
PROJECTS = [["课题名称", "负责人", "课题组成员", "级别", "立项时间", "状态"],
            ["阅读教学研究", "王五（执笔）", "赵六（排名2）、杨宁", "市级", "2024-10-01", "立项"],
            ["函数教学研究", "赵六(主持人)", "孙玉林", "区级", "2024-10-01", "立项"],
            ["作文教学研究", "杨宁", "", "校级", "2024-10-01", "立项"]]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_bracketed_role_is_kept_beside_the_name(layout):
    name, data = layout_file(layout, PROJECTS, "课题")
    frame = load_file(data, name, kind="projects").frame
    assert list(frame["leader_key"]) == ["王五", "赵六", "杨宁"]
    assert list(frame["members"].fillna("")) == ["赵六、杨宁", "孙玉林", ""]
    assert list(frame["member_roles"].fillna("")) == ["王五:执笔、赵六:排名2", "赵六:主持人", ""]


def test_roles_are_stored_and_a_group_leader_sees_only_the_roles_of_the_group(store):
    store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx", term=TERM))
    store.import_result(load_file(xlsx_bytes(PROJECTS), "课题.xlsx", kind="projects"))
    ds = store.dataset()
    assert sorted(ds.projects["member_roles"].dropna()) == ["王五:执笔、赵六:排名2", "赵六:主持人"]
    assert metrics.figures(ds, TERM)["projects"]["in_progress"] == 3  # a role changes no count
    scoped = scope_dataset(ds, Scope(group="数学组"), TERM)
    roles = dict(zip(scoped.projects["title"], scoped.projects["member_roles"].fillna("")))
    assert roles == {"阅读教学研究": "赵六:排名2", "函数教学研究": "赵六:主持人", "作文教学研究": ""}
