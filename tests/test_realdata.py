"""The real tables a school published: every data row imported or reported.

Row counts are the ground truth in ../shared/realdata/README.md.
"""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard.loaders import load_file
from dashboard.problems import ImportRejected

from .conftest import REALDATA, needs_realdata

pytestmark = needs_realdata()

#: file number -> (kind, true data rows, term to import with)
TABLES = {
    "691": ("papers", 141, None),
    "7106": ("papers", 22, "2017-2018-1"),
    "11900": ("papers", 43, "2020-2021-1"),
    "4506": ("papers", 30, "2011-2012-2"),
    "631": ("projects", 15, "2008-2009-1"),
    "1175": ("projects", 14, "2010-2011-1"),
    "1436": ("projects", 8, "2010-2011-1"),
    "3749": ("projects", 18, "2010-2011-1"),
    "10966": ("projects", 9, "2020-2021-1"),
    "17138": ("projects", 14, "2023-2024-1"),
    "15824": ("projects", 7, "2021-2022-1"),
    "8993": ("roster", 220, None),
    "22503": ("roster", 12, "2025-2026-1"),
    "20101": ("roster", 10, "2024-2025-1"),
    "990": ("observations", 34, "2009-2010-1"),
}


def _path(number: str):
    return next(REALDATA.glob(f"*_{number}_*.xlsx"))


def _load(number: str, **options):
    kind, _, term = TABLES[number]
    path = _path(number)
    return load_file(path.read_bytes(), path.name, term=term, **options)


@pytest.mark.parametrize("number", sorted(TABLES))
def test_every_data_row_is_imported_or_reported(number):
    """No row silently dropped: imported rows ∪ rows reported as not imported = the true count."""
    kind, expected_rows, _ = TABLES[number]
    result = _load(number)
    assert result.kind == kind
    imported = set(zip(result.frame["source_sheet"], result.frame["source_row"]))
    not_imported = {(p.sheet, p.row) for p in result.problems if p.row and p.severity in ("error", "skipped")
                    and "合计" not in p.message}
    assert not imported & not_imported, "a row both imported and reported as not imported"
    assert len(imported | not_imported) == expected_rows
    for problem in result.problems:
        assert problem.file == _path(number).name and problem.message


def test_papers_691_three_stacked_tables():
    result = _load("691")
    frame = result.frame
    assert result.term == "2006-2007-1"  # from the title 2006学年第一学期
    awards, publications = frame[frame.kind == "award"], frame[frame.kind == "publication"]
    assert awards.source_row.nunique() == 65  # 71 award rows less 6 marked （课题）
    assert len(awards) == 89  # 22 cells hold 2 or 3 awards: one record per paper-award
    assert len(publications) == 47 and set(publications.grade) == {"发表"}
    reasons = Counter(p.message[:4] for p in result.problems if p.severity == "skipped")
    assert reasons["著作（主"] == 23 and reasons["标注为（"] == 6
    row_32 = awards[awards.source_row == 32]
    assert sorted(zip(row_32.level, row_32.grade)) == [("市级", "一等奖"), ("市级", "二等奖"), ("省级", "三等奖")]
    assert frame.loc[frame.source_row == 45, "authors"].iloc[0] == "傅丽娜、王小红、杨瑞敏"
    assert "市级" in set(awards.level) and awards.level.notna().all()


def test_papers_7106_headerless_with_grades_in_section_text():
    frame = _load("7106").frame
    assert len(frame) == 22
    assert Counter(frame.grade) == {"一等奖": 7, "二等奖": 6, "三等奖": 9}
    assert set(frame.level) == {"市级"}
    assert "高英" in set(frame.authors) and "徐雯" in set(frame.authors)


def test_papers_11900_skips_team_awards_and_reads_32_papers():
    result = _load("11900")
    assert Counter(result.frame.grade) == {"一等奖": 9, "二等奖": 11, "三等奖": 12}
    assert set(result.frame.level) == {"市级"}
    assert sum(1 for p in result.problems if p.severity == "skipped" and "不是论文名单" in p.message) == 11
    assert {"王芳", "张超", "杨炀"} <= set(result.frame.authors)


def test_papers_4506_merged_names_and_mixed_award_or_journal_column():
    frame = _load("4506").frame
    assert frame.source_row.nunique() == 29  # row 30 is a （课题） award, reported and not counted
    assert (frame.authors == "").sum() == 0
    assert Counter(frame.kind)["publication"] >= 15
    assert frame.loc[frame.source_row == 10, ["level", "grade"]].values.tolist() == [["市级", "一等奖"]]


def test_projects_631_one_sheet_per_level():
    frame = _load("631").frame
    assert Counter(frame.source_sheet) == {"2008年度省级教研课题": 2, "2008年度省级规划课题": 1, "2008学年市级规划课题": 2,
                                           "第一批学科教改项目": 5, "2008学年市属级规划课题": 4,
                                           "中国教育学会2008年-2010年全国物理教育科研重点课题": 1}
    assert Counter(frame.level) == {"省级": 3, "市级": 11, "国家级": 1}


def test_projects_1175_repeated_header_and_padded_names():
    frame = _load("1175").frame
    assert len(frame) == 14
    assert (frame.leader_key == "陈锋").sum() == 2
    assert Counter(frame.stage)["延期"] == 2


def test_projects_3749_level_from_title_other_schools_kept_for_matching():
    frame = _load("3749").frame
    assert len(frame) == 18 and set(frame.level) == {"市级"} and set(frame.stage) == {"结题"}
    assert (frame.unit == "绍兴市第一中学").sum() == 3


def test_projects_headerless_lists():
    assert len(_load("10966").frame) == 9
    frame = _load("17138").frame
    assert len(frame) == 14
    assert {"杨琼", "徐雪梅", "杨云焱", "朱垭烨"} <= set(frame.leader_key)


def test_rosters():
    result = _load("22503")
    assert len(result.frame) == 12
    row = result.frame.set_index("name_key").loc["马丹娜"]
    assert str(row.birth_date) == "1988-02-01" and str(row.work_start) == "2010-08-01" and row.title == "一级教师"
    frame = _load("20101").frame
    assert str(frame.set_index("name_key").loc["丁素琴"].birth_date) == "1971-05-01"
    result = _load("8993")
    assert result.term == "2018-2019-1" and len(result.frame) == 220


def test_observation_lists_that_are_not_logs_are_reported():
    result = _load("990")
    assert result.frame.empty and len(result.errors) == 34
    path = _path("21583")
    with pytest.raises(ImportRejected) as caught:
        load_file(path.read_bytes(), path.name, kind="observations")
    assert path.name in str(caught.value)
