"""Twelve more real published tables, from six other institutions: every data row imported or reported.

Row counts and hand counts are those of ../shared/realdata2/README.md.
"""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard.loaders import load_file
from dashboard.problems import ImportRejected

from .conftest import REALDATA2, needs_realdata2

pytestmark = needs_realdata2()

#: file prefix -> (kind, true data rows, term to import with)
TABLES = {
    "A2": ("papers", 23, "2013-2014-1"),
    "A3": ("papers", 23, "2013-2014-1"),
    "A4": ("projects", 23, None),
    "A5": ("projects", 23, None),
    "B1": ("papers", 10, "2013-2014-1"),
    "B2": ("papers", 10, "2013-2014-1"),
    "C1": ("papers", 29, "2015-2016-1"),
    "C2": ("papers", 7, "2014-2015-1"),
    "D1": ("papers", 10, "2019-2020-1"),
}


def _path(prefix: str):
    return next(REALDATA2.glob(f"{prefix}_*"))


def _load(prefix: str, **options):
    kind, _, term = TABLES.get(prefix, (None, 0, None))
    path = _path(prefix)
    options.setdefault("term", term)
    return load_file(path.read_bytes(), path.name, **options)


@pytest.mark.parametrize("prefix", sorted(TABLES))
def test_every_data_row_is_imported_or_reported(prefix):
    """imported rows + rows reported as not imported = the README's count, and no row is both."""
    kind, expected_rows, _ = TABLES[prefix]
    result = _load(prefix, kind=kind)
    assert result.kind == kind
    imported = set(zip(result.frame["source_sheet"], result.frame["source_row"]))
    not_imported = {(p.sheet, p.row) for p in result.problems if p.row and p.severity in ("error", "skipped")}
    assert not imported & not_imported, "a row both imported and reported as not imported"
    assert len(imported | not_imported) == expected_rows
    for problem in result.problems:
        assert problem.file == _path(prefix).name and problem.message


@pytest.mark.parametrize("prefix", ["B1", "B2"])
def test_award_list_levels_from_the_award_name(prefix):
    """教育部… → 国家级; 上海市… (a 直辖市) and 广西壮族自治区… → 省级; "葛  岩" is 葛岩."""
    result = _load(prefix)  # the kind is found from the header
    frame = result.frame
    assert result.kind == "papers" and len(frame) == 10
    assert Counter(frame.level) == {"国家级": 4, "省级": 6}
    assert Counter(frame.grade) == {"二等奖": 2, "三等奖": 8}
    assert (frame.authors == "葛岩").sum() == 2
    year_only = [p for p in result.problems if "只写了年份" in p.message]
    assert len(year_only) == 10 and all(p.column == "获奖年度" for p in year_only)


def test_award_list_with_bare_years_and_no_term_is_refused_saying_why():
    path = _path("B1")
    result = load_file(path.read_bytes(), path.name)
    assert result.rows == 0
    assert "只写了年份" in result.nothing_to_store() and "指定学期" in result.nothing_to_store()


@pytest.mark.parametrize("prefix", ["A4", "A5"])
def test_project_ledger_levels_from_the_issuing_body(prefix):
    """项目来源 教育部/四川省/学校 gives the level; role words are not 负责人; 序号 is not a 课题编号."""
    result = _load(prefix)
    frame = result.frame
    assert len(frame) == 23
    assert Counter(frame.level) == {"国家级": 7, "省级": 5, "校级": 11}
    assert frame.leader_key.notna().sum() == 18
    assert not {"主研", "负责", "负责、主研"} & set(frame.leader_key.dropna())
    role_rows = sorted(p.row for p in result.problems if "（角色）" in p.message)
    assert len(role_rows) == 5
    assert frame.code.isna().all()
    two_leaders = frame[frame.title.str.contains("中等规模企业级IP网络")]
    assert two_leaders[["leader_key", "members"]].values.tolist() == [["吴凡", "张科"]]
    spans = frame[frame.title == "网络设备原型实验平台建设"]
    assert spans.approved_date.astype(str).tolist() == ["2005-01-01"]  # 起止时间 2005-2008: 立项 2005


def test_publications_with_bare_years_and_unnamed_coauthors():
    result = _load("A3")
    frame = result.frame
    assert len(frame) == 23 and set(frame.grade) == {"发表"}
    authors = Counter(name for cell in frame.authors for name in cell.split("、"))
    # The README's hand count says 段景山 10, 马立香 7; the published cells name them 9 and 6 times
    # (counted below straight from the cells), 雷维礼 9.
    path = _path("A3")
    from dashboard.reading import read_workbook
    cells = [str(row[3]) for row in read_workbook(path.read_bytes(), path.name).sheets[0].rows[3:]]
    for name in ("段景山", "马立香", "雷维礼"):
        assert authors[name] == sum(name in cell for cell in cells)
    assert (authors["段景山"], authors["马立香"], authors["雷维礼"]) == (9, 6, 9)
    assert not any(name.endswith("等") for name in authors)
    others = [p.row for p in result.problems if "以“等”结尾" in p.message]
    assert sorted(others) == [16, 19, 24, 25, 26]
    assert frame.level.isna().all()
    assert sum("级别不明" in p.message for p in result.problems) == 23


def test_one_teachers_honours_only_awards_of_a_category_are_imported():
    """Her 论文 are the four they always were; her 说课, 教学设计 and 课件 awards are now imported under
    their categories; her other honours (优秀教师 …) are still reported as not papers."""
    result = _load("C1")
    frame = result.frame
    assert set(frame.authors) == {"张小清"}  # the name is only in the title
    papers = frame[frame.category == "论文"]
    assert Counter(zip(papers.level.fillna("级别不明"), papers.grade)) == {
        ("省级", "三等奖"): 2, ("校级", "一等奖"): 1, ("级别不明", "发表"): 1}
    assert sorted(papers.source_row) == [19, 24, 27, 31]
    others = frame[frame.category != "论文"]
    assert others[["source_row", "category", "level", "grade"]].values.tolist() == [
        [22, "说课", "校级", "三等奖"], [25, "教学设计", "校级", "一等奖"], [28, "课件", "校级", "一等奖"]]
    not_papers = [p for p in result.problems if p.severity == "skipped"]
    assert len(not_papers) == 22 and all(p.message.startswith("不是论文") for p in not_papers)


def test_honours_list_with_two_awards_in_a_cell_keeps_the_paper_and_the_competitions():
    result = _load("C2")
    frame = result.frame
    assert frame.loc[frame.category == "论文", "source_row"].tolist() == [8] and set(frame.authors) == {"王怀术"}
    assert frame.loc[frame.category == "论文", "grade"].tolist() == ["其他"]
    assert frame.loc[frame.source_row == 3, "category"].tolist() == ["课件"]
    assert set(frame.loc[frame.source_row == 7, "category"]) == {"基本功"}  # 技能大赛: 团体二等奖 and 个人二等奖
    assert [p.row for p in result.problems if p.message.startswith("不是论文")] == [6]  # 优秀科研成果: no category


def test_works_list_brackets_units_and_title_level():
    result = _load("D1")
    frame = result.frame
    assert len(frame) == 10 and set(frame.level) == {"国家级"}
    assert Counter(frame.grade) == {"特等奖": 4, "一等奖": 6}
    assert frame.loc[frame.source_row == 4, "authors"].item() == "蔡晓庆"
    assert frame.loc[frame.source_row == 11, "authors"].item() == "但梦琳"
    assert frame.loc[frame.source_row == 13, "authors"].item() == "柯诗婷、张锦绣"
    assert "孙玉林" not in "、".join(frame.authors)
    assert frame.school.isna().all()
    assert frame.loc[frame.source_row == 6, "unit"].item() == "成都市新都区桂湖小学、广东技术师范大学"


def test_mixed_achievements_only_the_paper_award_is_imported():
    result = _load("A2", kind="papers")
    frame = result.frame
    assert frame[["source_row", "authors", "level", "grade"]].values.tolist() == [[21, "颜凯、杨宁、段景山", "国家级", "一等奖"]]
    reported = {p.row for p in result.problems if p.severity == "skipped"}
    assert len(reported) == 22 and 21 not in reported
    assert any(p.row == 25 and p.message.startswith("不是论文") for p in result.problems)
    assert any(p.row == 18 and p.message.startswith("不是论文") for p in result.problems)  # 教学成果奖, 段景山（排名2）


def test_store_of_a_district_award_list_stays_one_school(store):
    """D1's 学校 column names the authors' units: the store does not become a district of ten schools."""
    store.import_result(_load("D1"))
    ds = store.dataset()
    assert ds.schools == [] and len(ds.papers) == 10
    assert ds.papers["unit"].notna().all()


def test_list_of_names_and_titles_is_refused_as_no_usable_roster():
    path = _path("A1")
    for kind in (None, "roster"):
        with pytest.raises(ImportRejected) as refused:
            load_file(path.read_bytes(), path.name, kind=kind, term="2024-2025-1")
        assert "教研组" in str(refused.value) and "名册" in str(refused.value)


@pytest.mark.parametrize("prefix", ["E1", "F1"])
def test_prose_only_is_refused_saying_the_list_is_prose(prefix):
    path = _path(prefix)
    with pytest.raises(ImportRejected) as refused:
        load_file(path.read_bytes(), path.name)
    assert "文字" in str(refused.value) and "没有数据行" not in str(refused.value)


def test_honours_list_without_a_term_is_refused_for_the_term_not_for_its_honours():
    path = _path("C1")
    result = load_file(path.read_bytes(), path.name)
    assert result.rows == 0
    said = result.nothing_to_store()
    assert "只写了年份" in said and "指定学期" in said and "不是论文" not in said
