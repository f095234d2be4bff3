"""The term report: paragraphs trace to metrics.figures, .docx and .xlsx contents, the CLI."""

from __future__ import annotations

import io
import time

import docx
import openpyxl
import pytest

from dashboard import metrics
from dashboard.cli import demo_files, import_files, main
from dashboard.contract import DISTRICT_AND_ABOVE, GRADES, LEVELS
from dashboard.loaders import load_file
from dashboard.normalize import previous_term
from dashboard.png import png_size
from dashboard.report_docx import build_docx, report_charts, write_docx
from dashboard.report_text import build_report, paragraphs, percent, school_name
from dashboard.report_xlsx import report_xlsx
from dashboard.store import Store

from .conftest import csv_bytes, xlsx_bytes

TERM = "2024-2025-2"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo school in a store of its own: (store url, dataset)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    assert import_files(Store(url), demo_files(), out=io.StringIO()) == 0
    return url, Store(url).dataset()


def _text(report) -> dict[str, str]:
    return {p.key: p.text for p in report.paragraphs}


# ------------------------------------------------------------------ paragraphs

@pytest.mark.parametrize("term", ["2023-2024-1", "2023-2024-2", "2024-2025-1", "2024-2025-2"])
def test_paragraphs_state_the_demo_figures_exactly(demo, term):
    _, ds = demo
    report = build_report(ds, term, school="明远中学")
    fig = metrics.figures(ds, term)
    assert report.figures == fig
    text = _text(report)
    obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
    district = sum(papers["by_level"][level] for level in DISTRICT_AND_ABOVE)

    assert f"{fig['teachers']}位教师共听课{obs['total']}节" in text["observations"]
    assert f"{obs['quota_teachers']}位教师中{obs['quota_met']}人达标" in text["observations"]
    assert f"达标率为{percent(obs['quota_met'] / obs['quota_teachers'])}" in text["observations"]
    for group, count in obs["by_group"].items():
        assert f"{group}{count}节" in text["observations"]
    assert f"尚有{len(obs['behind'])}位教师未完成听课任务" in text["observations"]
    assert f"共差{sum(b['quota'] - b['count'] for b in obs['behind'])}节" in text["observations"]

    assert f"共有{district}篇论文在区级及以上获奖或发表" in text["papers"]
    assert f"共计{papers['total']}篇" in text["papers"]
    for level in LEVELS:
        if papers["by_level"][level]:
            assert f"{level}{papers['by_level'][level]}篇" in text["papers"]
    for grade in GRADES[:5]:
        if papers["by_grade"][grade]:
            assert f"{grade}{papers['by_grade'][grade]}篇" in text["papers"]
    if papers["by_grade"]["发表"]:
        assert f"公开发表论文{papers['by_grade']['发表']}篇" in text["papers"]

    assert f"在研课题{projects['in_progress']}项" in text["projects"]
    assert f"新立项课题{projects['new']}项" in text["projects"]
    assert f"结题{projects['concluded']}项" in text["projects"]
    if projects["overdue"]:
        rate = percent(projects["concluded"] / (projects["concluded"] + projects["overdue"]))
        assert f"另有{projects['overdue']}项课题已过计划结题时间仍未结题，结题率为{rate}" in text["projects"]

    numbers = {p.key: p.numbers for p in report.paragraphs}
    assert numbers["observations"]["total"] == obs["total"] and numbers["papers"]["district_above"] == district
    assert numbers["papers"]["by_level"] == papers["by_level"] and numbers["projects"]["by_level"] == projects["by_level"]


def test_changes_against_the_previous_term_come_from_its_figures(demo):
    _, ds = demo
    report = build_report(ds, TERM)
    now, before = metrics.figures(ds, TERM), metrics.figures(ds, previous_term(TERM))
    text = _text(report)

    def said(diff: int, unit: str) -> str:
        return f"比上学期增加{diff}{unit}" if diff > 0 else f"比上学期减少{-diff}{unit}" if diff < 0 else "与上学期持平"

    assert f"共听课{now['observations']['total']}节，{said(now['observations']['total'] - before['observations']['total'], '节')}" in text["observations"]
    assert f"共计{now['papers']['total']}篇，{said(now['papers']['total'] - before['papers']['total'], '篇')}" in text["papers"]
    district = [sum(f["papers"]["by_level"][lv] for lv in DISTRICT_AND_ABOVE) for f in (now, before)]
    assert f"区级及以上获奖或发表，{said(district[0] - district[1], '篇')}" in text["papers"]
    ongoing = [f["projects"]["in_progress"] for f in (now, before)]
    assert f"在研课题{ongoing[0]}项，{said(ongoing[0] - ongoing[1], '项')}" in text["projects"]
    first = _text(build_report(ds, "2023-2024-1"))
    assert "上学期" not in first["observations"] + first["papers"] + first["projects"]
    assert "未与上学期比较" in first["intro"]


def _figures(term="2024-2025-1", total=120, met=10, teachers=10, behind=(), by_group=None, papers=20, by_level=None,
             by_grade=None, projects=None) -> dict:
    return {"term": term, "teachers": teachers,
            "observations": {"total": total, "by_group": by_group or {"语文组": 60, "数学组": 60}, "quota_met": met,
                             "quota_teachers": teachers, "behind": list(behind)},
            "papers": {"total": papers, "by_level": by_level or {"国家级": 1, "省级": 4, "市级": 5, "区县级": 10, "校级": 0},
                       "by_grade": by_grade or {"特等奖": 0, "一等奖": 5, "二等奖": 5, "三等奖": 5, "优秀奖": 0, "发表": 5,
                                                "其他": 0}},
            "projects": projects or {"in_progress": 6, "new": 2, "concluded": 3, "overdue": 0,
                                     "by_level": {"国家级": 0, "省级": 1, "市级": 2, "区县级": 3, "校级": 0}}}


def test_paragraphs_in_the_register_of_a_school_summary():
    before = _figures(term="2023-2024-2", total=100, met=8, papers=15,
                      by_level={"国家级": 0, "省级": 3, "市级": 4, "区县级": 8, "校级": 0},
                      projects={"in_progress": 6, "new": 2, "concluded": 1, "overdue": 2,
                                "by_level": {"国家级": 0, "省级": 1, "市级": 2, "区县级": 3, "校级": 0}})
    now = _figures(behind=[], by_group={"语文组": 60, "数学组": 60})
    texts = {p.key: p.text for p in paragraphs(now, before, school="明远中学")}
    assert texts["intro"].startswith("2024-2025学年第一学期，明远中学共有教师10人")
    assert "一学期来，我校共有20篇论文在区级及以上获奖或发表，比上学期增加5篇，其中国家级1篇、省级4篇、市级5篇、区县级10篇。" in texts["papers"]
    assert "在刊物上公开发表论文5篇" in texts["papers"]
    assert "共听课120节，比上学期增加20节" in texts["observations"]
    assert "达标率为100%，比上学期提高20个百分点" in texts["observations"]
    assert "各教研组全员完成听课任务" in texts["observations"] and "全校教师全部完成听课任务" in texts["observations"]
    assert "到期课题全部按时结题，结题率100%" in texts["projects"]
    assert "在研课题6项，与上学期持平" in texts["projects"]

    partly = _figures(met=8, behind=[{"name": "甲", "group": "数学组", "count": 5, "quota": 10},
                                     {"name": "乙", "group": "数学组", "count": 8, "quota": 10}])
    texts = {p.key: p.text for p in paragraphs(partly, None, group=None)}
    assert "语文组全员完成听课任务" in texts["observations"]
    assert "尚有2位教师未完成听课任务，共差7节" in texts["observations"]
    assert "上学期" not in texts["observations"]


def test_school_name_from_option_env_or_default(monkeypatch):
    monkeypatch.delenv("DASHBOARD_SCHOOL", raising=False)
    assert school_name() == "示例学校"
    monkeypatch.setenv("DASHBOARD_SCHOOL", "明远中学")
    assert school_name() == "明远中学" and school_name("实验中学") == "实验中学"


# ------------------------------------------------------------------ tables

def test_tables_match_metrics(demo):
    _, ds = demo
    report = build_report(ds, TERM)
    fig = report.figures
    groups = report.tables[0].frame.set_index("教研组")
    assert list(groups.index[:-1]) == list(fig["observations"]["by_group"]) and groups.index[-1] == "全校"
    for name in fig["observations"]["by_group"]:
        one = metrics.figures(ds, TERM, name)
        row = groups.loc[name]
        assert (row["教师数"], row["听课节数"], row["达标人数"]) == (one["teachers"], one["observations"]["total"],
                                                               one["observations"]["quota_met"])
        assert (row["论文数"], row["在研课题"], row["逾期未结题"]) == (one["papers"]["total"], one["projects"]["in_progress"],
                                                                one["projects"]["overdue"])
    assert groups.loc["全校", "听课节数"] == fig["observations"]["total"]
    matrix = report.table("论文级别与等次").frame.set_index("级别")
    assert {lv: matrix.loc[lv, "合计"] for lv in LEVELS} == fig["papers"]["by_level"]
    assert {g: matrix.loc["合计", g] for g in GRADES} == fig["papers"]["by_grade"]
    assert matrix.loc["合计", "合计"] == fig["papers"]["total"]
    behind = report.table("听课未达标教师").frame
    assert behind["姓名"].tolist() == [b["name"] for b in fig["observations"]["behind"]]
    assert behind["还差节数"].tolist() == [b["quota"] - b["count"] for b in fig["observations"]["behind"]]


# -------------------------------------------------------------------- docx

def _images(document) -> list[bytes]:
    return [rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype]


@pytest.mark.parametrize("group", [None, "数学组"])
def test_docx_has_the_paragraphs_tables_and_chart_images(demo, group):
    _, ds = demo
    report = build_report(ds, TERM, group, school="明远中学")
    started = time.perf_counter()
    built = build_docx(report)
    print(f"\n报告（{group or '全校'}）：{time.perf_counter() - started:.2f} 秒，", built.timings)
    document = docx.Document(io.BytesIO(built.data))
    body = [p.text for p in document.paragraphs]
    assert body[0] == f"明远中学2024-2025学年第二学期{group or ''}教科研工作总结"
    for paragraph in report.paragraphs:
        assert paragraph.text in body
    assert len(document.tables) == len(report.tables)
    for table, expected in zip(document.tables, report.tables):
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells[0] == [str(c) for c in expected.frame.columns]
        assert cells[1:] == [[str(v) for v in row] for row in expected.frame.itertuples(index=False)]
    images = _images(document)
    assert len(images) == len(document.inline_shapes) == len(report_charts(report)) == (3 if group else 4)
    for image in images:
        width, height = png_size(image)
        assert 1000 <= width <= 4000 and 500 <= height <= 3000


def test_edited_text_is_what_gets_exported(demo):
    _, ds = demo
    report = build_report(ds, TERM)
    texts = [p.text for p in report.paragraphs]
    texts[1] = "本学期听课工作扎实。\n第二段：教师们互相学习。"
    document = docx.Document(io.BytesIO(write_docx(report, texts)))
    body = [p.text for p in document.paragraphs]
    assert "本学期听课工作扎实。" in body and "第二段：教师们互相学习。" in body
    assert report.paragraphs[1].text not in body
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report, texts)))["工作总结"]
    assert texts[1] in [cell.value for cell in sheet["B"]]


# -------------------------------------------------------------------- xlsx

@pytest.fixture
def formula_school(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'formula.db'}")
    roster = [["姓名", "教研组", "出生年月"], ["=1+1", "数学组", "1980.01"], ["@SUM(A1)", "数学组", "1980.01"],
              ["李四", "数学组", "1980.01"]]
    store.import_result(load_file(csv_bytes(roster), "教师名册2024学年第一学期.csv"))
    log = [["日期", "听课人", "授课教师", "班级", "节次", "节数"], ["2024.09.10", "李四", "-2+3", "1班", "1", 10]]
    store.import_result(load_file(xlsx_bytes(log), "2024学年第一学期听课记录.xlsx"))
    return store


def test_xlsx_text_that_looks_like_a_formula_stays_text(formula_school, monkeypatch):
    monkeypatch.delenv("DASHBOARD_SCHOOL", raising=False)
    report = build_report(formula_school.dataset(), "2024-2025-1")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames == ["工作总结", "各教研组情况", "听课未达标教师", "论文级别与等次"]
    for sheet in book.worksheets:
        assert [sheet.cell(row=r, column=1).value for r in (2, 3, 4)] == ["学校：示例学校", "学期：2024-2025学年第一学期",
                                                                          "教研组：全部教研组"]
        assert sheet["A5"].value.startswith("导出时间：") and sheet["A7"].font.bold and sheet.freeze_panes == "A8"
    behind = book["听课未达标教师"]
    cells = {cell.value: cell for row in behind.iter_rows(min_row=8) for cell in row if cell.value is not None}
    assert cells["=1+1"].data_type == "s" and cells["@SUM(A1)"].data_type == "s"
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


# --------------------------------------------------------------------- CLI

def test_cli_report_writes_docx_and_xlsx(demo, tmp_path, capsys, monkeypatch):
    url, ds = demo
    monkeypatch.setenv("DASHBOARD_SCHOOL", "明远中学")
    out = tmp_path / "总结.xlsx"
    assert main(["report", "--term", "2025春", "--group", "英语组", "--out", str(out), "--db", url]) == 0
    book = openpyxl.load_workbook(out)
    assert book["工作总结"]["A1"].value.startswith("明远中学2024-2025学年第二学期英语组")
    out = tmp_path / "总结.docx"
    assert main(["report", "--term", TERM, "--out", str(out), "--db", url, "--school-name", "实验中学"]) == 0
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "实验中学2024-2025学年第二学期教科研工作总结"
    assert len(_images(document)) == 4
    assert "图表" in capsys.readouterr().out
    assert main(["report", "--term", TERM, "--out", str(tmp_path / "总结.pdf"), "--db", url]) == 2
    assert main(["report", "--term", TERM, "--group", "没有这个组", "--out", str(out), "--db", url]) == 1


# -------------------------------------------------------------------- page

def test_report_page_shows_editable_text_tables_charts_and_reminder(demo, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT, sign_in

    url, ds = demo
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_SCHOOL", raising=False)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "校长")
    at.run()
    at.switch_page("pages/report.py").run()
    assert not at.exception, [e.value for e in at.exception]
    report = build_report(ds, TERM)
    assert at.subheader[0].value == report.title
    assert [area.value for area in at.text_area] == [p.text for p in report.paragraphs]
    at.text_area[1].set_value("本学期听课工作扎实。").run()
    assert not at.exception and at.text_area[1].value == "本学期听课工作扎实。"
    labels = [button.proto.label for button in at.get("download_button")]
    assert "下载 Word（.docx，含图表）" in labels and labels.count("下载 PNG") == 0  # tables and charts folded
    assert not at.get("plotly_chart")
    at.session_state["report_tables_open"] = True
    at.session_state["report_charts_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_area[1].value == "本学期听课工作扎实。"  # the edit survives opening the folds
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels.count("下载 PNG") == len(at.get("plotly_chart")) == len(report_charts(report))
    assert labels.count("下载 Excel") >= len(report.tables)
    reminder = at.code[0].value
    first_group = list(report.figures["observations"]["by_group"])[0]
    assert reminder.startswith(f"【{first_group}听课提醒】")
    for row in report.figures["observations"]["behind"]:
        if row["group"] == first_group:
            assert f"{row['name']}：已听{row['count']}节" in reminder


# ------------------------------------------------- every part by its declaration, against the demo's golden figures

EXPECTED = __import__("json").loads((__import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "demo"
                                     / "expected_figures.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("term, group", [("2023-2024-1", None), ("2023-2024-1", "语文组"), ("2024-2025-1", "数学组"),
                                         ("2024-2025-2", None), ("2024-2025-2", "语文组")])
def test_report_parts_come_from_the_declarations_and_state_the_golden_figures(demo, term, group):
    """The 听课, 论文 and 课题 parts are their kinds' summary hooks, numbered in the declarations' order
    before the other kinds' sections; the page, the .docx and the .xlsx state the figures the demo
    generator computed from its own model (not read back from the files), for the school and a 教研组,
    with and without a previous term."""
    from dashboard.kinds import KINDS

    _, ds = demo
    expected = EXPECTED[term][group or "all"]
    report = build_report(ds, term, group, school="明远中学")
    keys = [p.key for p in report.paragraphs]
    standing = [kind.key for kind in KINDS.values() if kind.summary_hook]
    assert standing == ["observations", "papers", "projects"] and keys[:4] == ["intro", *standing]
    assert [p.heading for p in report.paragraphs[1:4]] == ["一、听课情况", "二、论文获奖与发表", "三、课题研究"]
    text = _text(report)
    obs, papers, projects = expected["observations"], expected["papers"], expected["projects"]
    everyone = "全组" if group else "全校"
    assert f"{everyone}{expected['teachers']}位教师共听课{obs['total']}节" in text["observations"]
    assert f"{obs['quota_teachers']}位教师中{obs['quota_met']}人达标" in text["observations"]
    assert f"共计{papers['total']}篇" in text["papers"]
    assert f"新立项课题{projects['new']}项" in text["projects"] and f"结题{projects['concluded']}项" in text["projects"]
    assert ("上学期" in text["observations"]) == (term != "2023-2024-1")
    tables = {t.name: t for t in report.tables}
    behind = tables["听课未达标教师"]
    assert behind.section == "observations" and len(behind.frame) == len(obs["behind"])
    assert tables["论文级别与等次"].section == "papers"
    assert int(tables["论文级别与等次"].frame.iloc[-1]["合计"]) == papers["total"]
    if group:
        mine = tables[f"{group}教师听课情况"]
        assert mine.section == "observations" and len(mine.frame) == expected["teachers"]
    else:
        whole = tables["各教研组情况"].frame.iloc[-1]
        assert whole["教研组"] == "全校" and whole["听课节数"] == obs["total"] and whole["论文数"] == papers["total"]
    docx_text = "\n".join(p.text for p in docx.Document(io.BytesIO(write_docx(report))).paragraphs)
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report))).worksheets[0]
    xlsx_text = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)
    for paragraph in report.paragraphs:
        assert paragraph.text in docx_text and paragraph.text in xlsx_text
