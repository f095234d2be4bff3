"""Headers understood by meaning: the same 听课 log and summary written the ways schools and form tools
export them give the same figures; every other shape is read or reported, never silently counted."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics
from dashboard.cli import main
from dashboard.loaders import load_file
from dashboard.problems import ImportRejected
from dashboard.store import Store

from .conftest import csv_bytes, xls_bytes, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["2024-2025学年第一学期教师名册"], ["姓名", "教研组"],
          ["王莉", "语文组"], ["张伟", "数学组"], ["李娜", "英语组"], ["赵强", "数学组"], ["陈静", "英语组"]]

#: the log: (observer, teacher, day, class, period, lessons)
LOG = [("王莉", "张伟", dt.date(2024, 10, 12), "初一(1)班", 2, 1),
       ("王莉", "李娜", dt.date(2024, 10, 15), "初二(3)班", 3, 2),
       ("张伟", "王莉", dt.date(2024, 11, 2), "初一(2)班", 1, 1),
       ("李娜", "赵强", dt.date(2024, 12, 1), "初三(1)班", 4, 1),
       ("张伟", "李娜", dt.date(2025, 1, 6), "初二(1)班", 5, 1)]
#: the summary: teacher -> lessons per month (9月 .. 1月); 陈静 has no log rows, so her summary counts
SUMMARY = {"陈静": [1, 2, 0, 3, 1], "王莉": [0, 1, 1, 0, 0]}


def _log_layouts() -> dict[str, tuple[str, bytes]]:
    """Eight (and more) ways the same log reaches a 教科室: name -> (file name, bytes)."""
    plain = [["日期", "听课人", "授课教师", "班级", "节次", "节数"],
             *[[d, o, t, c, p, n] for o, t, d, c, p, n in LOG]]
    layouts = {
        "plain": ("听课记录.xlsx", xlsx_bytes(plain)),
        "spaces and line breaks": ("听课登记.xlsx", xlsx_bytes([
            ["2024学年第一学期听课登记表"],
            ["听 课\n日 期", "听课\n教师", "执 教\n教 师", "上课班级", "第几节", "听课节数"],
            *[[d, o, t, c, p, n] for o, t, d, c, p, n in LOG]])),
        "问卷星 numbered questions": ("问卷星_听课.xlsx", xlsx_bytes([
            ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、听课日期", "2、听课教师（填写本人姓名）",
             "3、授课教师姓名", "4、班级", "5、节次", "6、节数（节）"],
            *[[i + 1, "2025/1/10 10:00:00", "52秒", "微信", "N/A", "112.1.1.1(浙江-杭州)", d.isoformat(), o, t, c, p, n]
              for i, (o, t, d, c, p, n) in enumerate(LOG)]])),
        "腾讯问卷 Q-numbers and stars": ("腾讯问卷.csv", csv_bytes([
            ["编号", "开始答题时间", "结束答题时间", "答题时长", "Q1. 听课时间*", "Q2. 听课人姓名*", "Q3. 上课老师*",
             "Q4. 授课班级", "Q5. 第几节", "Q6. 听课次数", "地理位置国家和地区"],
            *[[i + 1, "2025-01-10 10:00:00", "2025-01-10 10:01:00", "60秒", d.strftime("%Y/%m/%d"), o, t, c, p, n, "中国"]
              for i, (o, t, d, c, p, n) in enumerate(LOG)]])),
        "金数据 submitter is observer": ("金数据导出.xlsx", xlsx_bytes([
            ["序号", "听课日期", "被听课教师", "授课班级", "节次", "本次听课节数", "提交人", "提交时间", "修改时间", "IP",
             "来源渠道", "微信昵称"],
            *[[i + 1, d, t, c, p, n, o, dt.datetime(2025, 1, 10, 9), dt.datetime(2025, 1, 10, 9), "1.2.3.4", "链接", "x"]
              for i, (o, t, d, c, p, n) in enumerate(LOG)]])),
        "钉钉 智能填表 with 部门": ("钉钉智能填表.xlsx", xlsx_bytes([
            ["提交人", "提交人部门", "提交时间", "更新时间", "听课日期", "上课老师", "班级", "节次", "听课节数"],
            *[[o, "教师", "2025-01-10 10:00", "2025-01-10 10:00", d, t, c, p, n] for o, t, d, c, p, n in LOG]])),
        "企业微信 收集表 with （一）": ("企业微信收集表.xlsx", xlsx_bytes([
            ["提交者", "提交时间", "（一）听课日期：", "（二）执教老师：", "（三）班级：", "（四）节次：", "（五）节数："],
            *[[o, "2025/01/10 10:00", d, t, c, p, n] for o, t, d, c, p, n in LOG]])),
        "WPS 表单 with full-width and hints": ("WPS表单.xls", xls_bytes([
            ["填写人", "填写时间", "填写设备", "＊听课日期（必填）", "＊授课人", "＊班级", "＊节次（第几节）", "＊听课次数（次）"],
            *[[o, "2025-01-10 10:00:00", "手机", d, t, c, p, n] for o, t, d, c, p, n in LOG]])),
        "问卷星 in a stacked workbook": ("听课汇总.xlsx", xlsx_bytes({
            "说明": [["本表由问卷星导出，请勿改动列名。"]],
            "答卷数据": [["序号", "提交答卷时间", "所用时间", "Q1.听课日期", "Q2.您是（听课人）", "Q3.执教者", "Q4.班级",
                      "Q5.节次", "Q6.本节听了几节（节数）"],
                     *[[i + 1, "2025/1/10", "40秒", d, o, t, c, p, n] for i, (o, t, d, c, p, n) in enumerate(LOG)]]})),
        "腾讯问卷 您的姓名 beside 授课教师": ("腾讯问卷2.xlsx", xlsx_bytes([
            ["编号", "1. 您的姓名", "2. 听课日期", "3. 授课教师", "4. 班级", "5. 节次", "6. 听课节数", "答题时长"],
            *[[i + 1, o, d, t, c, p, n, "30秒"] for i, (o, t, d, c, p, n) in enumerate(LOG)]])),
        # layouts first tried after the vocabulary was written (评课教师, 课节, bilingual headers)
        "评课教师 / 讲课教师 / 课节": ("评课记录.xlsx", xlsx_bytes([
            ["评课教师", "讲课教师", "听课班级", "课节", "日期(年/月/日)", "节数"],
            *[[o, t, c, p, d, n] for o, t, d, c, p, n in LOG]])),
        "bilingual headers under a title": ("听课记录表.xlsx", xlsx_bytes([
            ["教师听课记录表"], ["序", "听课教师 Observer", "授课教师 Teacher", "班级 Class", "节次 Period", "日期 Date",
                           "节数 Lessons"],
            *[[i + 1, o, t, c, p, d.isoformat(), n] for i, (o, t, d, c, p, n) in enumerate(LOG)]])),
    }
    return layouts


def _summary_layouts() -> dict[str, tuple[str, bytes, str | None]]:
    """The same per-teacher summary in many spellings: name -> (file name, bytes, term option)."""
    totals = {name: sum(months) for name, months in SUMMARY.items()}
    return {
        "plain": ("听课统计.xlsx", xlsx_bytes([["姓名", "听课节数"], *map(list, totals.items())]), TERM),
        "unit in brackets, title term": ("2024-2025学年第一学期听课统计.xlsx", xlsx_bytes(
            [["2024-2025学年第一学期教师听课节数统计"], ["教师姓名", "听课节数（节）"], *map(list, totals.items())]), None),
        "老师姓名 / 本学期听课节数, 学期 column": ("统计.xlsx", xlsx_bytes(
            [["老师姓名", "本学期听课节数", "学期"], *[[n, c, "2024学年第一学期"] for n, c in totals.items()]]), None),
        "spaced 姓 名 / 听课次数, sheet named by term": ("汇总.xlsx", xlsx_bytes(
            {"2024-2025学年第一学期": [["姓  名", "听课次数"], *map(list, totals.items())]}), None),
        "form tool summary": ("问卷星汇总.csv", csv_bytes(
            [["序号", "提交时间", "1、教师姓名（填写本人姓名）", "2、本学期听课总节数（节）", "IP地址"],
             *[[i + 1, "2025/1/10", n, c, "1.1.1.1"] for i, (n, c) in enumerate(totals.items())]]), TERM),
        "教研组 and 累计节数": ("组内统计.xlsx", xlsx_bytes(
            [["姓名", "教研组", "累计节数"], *[[n, "语文组" if n == "王莉" else "英语组", c] for n, c in totals.items()]]), TERM),
        "month matrix with 合计": ("按月统计.xlsx", xlsx_bytes(
            [["2024学年第一学期听课按月统计"], ["姓名", "9月", "10月", "11月", "12月", "1月", "合计"],
             *[[n, *m, sum(m)] for n, m in SUMMARY.items()], ["合计", 2, 3, 1, 3, 1, 10]]), None),
        "month matrix without 合计": ("按月统计2.xlsx", xlsx_bytes(
            [["序号", "教师", "9月份", "10月份", "11月份", "12月份", "1月份"],
             *[[i + 1, n, *m] for i, (n, m) in enumerate(SUMMARY.items())]]), TERM),
        # layouts first tried after the vocabulary was written
        "教职工姓名 / 学期听课总数": ("教职工听课.xlsx", xlsx_bytes([["教职工姓名", "学期听课总数"], *map(list, totals.items())]),
                                 TERM),
        "听课（节） beside 所在教研组": ("听课情况.xlsx", xlsx_bytes(
            [["序号", "姓名", "所在教研组", "听课（节）"], *[[i + 1, n, "英语组", c] for i, (n, c) in enumerate(totals.items())]]),
            TERM),
        "months in Chinese numerals": ("按月.xlsx", xlsx_bytes(
            [["教师姓名", "九月", "十月", "十一月", "十二月", "一月", "合计"], *[[n, *m, sum(m)] for n, m in SUMMARY.items()]]),
            TERM),
        "months with the year, no 合计": ("按月2.xlsx", xlsx_bytes(
            [["姓名", "2024年9月", "2024年10月", "2024年11月", "2024年12月", "2025年1月"], *[[n, *m] for n, m in SUMMARY.items()]]),
            TERM),
    }


def _figures(tmp_path, files: list[tuple[str, bytes, str | None]]) -> dict:
    store = Store(f"sqlite:///{tmp_path / 'figures.db'}")
    for name, data, term in [("教师名册.xlsx", xlsx_bytes(ROSTER), None), *files]:
        result = load_file(data, name, term=term)
        assert_every_row_accounted(result, data, name)
        assert not result.errors, [str(p) for p in result.errors]
        store.import_result(result)
    found = metrics.figures(store.dataset(), TERM)
    store.engine.dispose()
    return found


def assert_every_row_accounted(result, data: bytes, name: str) -> None:
    """Imported rows + reported rows = the rows under each table's header (no row silently dropped)."""
    imported = set(zip(result.frame["source_sheet"], result.frame["source_row"]))
    reported = {(p.sheet, p.row) for p in result.problems if p.row and p.severity in ("error", "skipped")
                and "（合计/小计/备注）" not in p.message}
    expected = {(table.sheet, row) for table in result.tables for row in _table_rows(data, name, table)}
    assert not imported & reported
    assert imported | reported == expected


def _table_rows(data: bytes, name: str, table) -> list[int]:
    from dashboard.reading import read_workbook
    from dashboard.tables import _distinct_values, _is_marker

    sheet = next(sheet for sheet in read_workbook(data, name).sheets if sheet.name == table.sheet)
    start = table.header_row or 0
    return [index + 1 for index, cells in enumerate(sheet.rows) if index >= start
            and (values := _distinct_values(cells)) and not _is_marker(values[0])][:table.rows]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    layouts, summaries = _log_layouts(), _summary_layouts()
    log_name, log_data = layouts["plain"]
    name, data, term = summaries["plain"]
    return _figures(tmp_path_factory.mktemp("reference"), [(log_name, log_data, None), (name, data, term)])


def test_reference_figures_are_the_hand_counted_ones(reference):
    """王莉 observed 1 + 2 lessons, 张伟 2, 李娜 1, 赵强 none; 陈静 only in the summary (7)."""
    counts = {row["name"]: row["count"] for row in reference["observations"]["behind"]}  # quota 10: all behind
    assert counts == {"王莉": 3, "张伟": 2, "李娜": 1, "赵强": 0, "陈静": 7}
    assert reference["observations"]["total"] == 13


@pytest.mark.parametrize("layout", list(_log_layouts()))
def test_the_same_log_in_every_spelling_gives_the_same_figures(layout, reference, tmp_path):
    name, data = _log_layouts()[layout]
    summary_name, summary_data, term = _summary_layouts()["plain"]
    assert _figures(tmp_path, [(name, data, None), (summary_name, summary_data, term)]) == reference


@pytest.mark.parametrize("layout", list(_summary_layouts()))
def test_the_same_summary_in_every_spelling_gives_the_same_figures(layout, reference, tmp_path):
    log_name, log_data = _log_layouts()["plain"]
    name, data, term = _summary_layouts()[layout]
    result = load_file(data, name, term=term)
    assert result.kind == "observations" and result.term == TERM
    assert set(result.frame["shape"]) == {"summary"}
    assert _figures(tmp_path, [(log_name, log_data, None), (name, data, term)]) == reference


# ------------------------------------------------------------------ form tools

FORMS = {
    "金数据": ["序号", "听课日期", "授课教师", "班级", "提交人", "提交时间", "IP"],
    "钉钉": ["提交人", "提交人部门", "提交时间", "授课老师", "上课班级"],
    "企业微信": ["提交者", "提交时间", "1.执教教师", "2.班级"],
    "WPS": ["填写人", "填写时间", "填写设备", "授课人（姓名）", "班级"],
    "腾讯问卷": ["编号", "提交时间", "填写人", "授课教师", "班级", "来源IP"],
}


@pytest.mark.parametrize("label", ["来源IP", "填写IP", "IP地址", "来自IP", "所用时间", "提交者设备", "答卷编号"])
def test_form_metadata_columns_are_recognised_and_ignored(label):
    from dashboard.importing import meaning_note

    for kind in ("observations", "open_lessons", "papers"):
        assert meaning_note(label, kind, None, None, 0) == "表单工具的信息列，不导入", (label, kind)


def _form_row(header: list[str], observer: str, teacher: str, klass: str, submitted: dt.datetime) -> list:
    values = []
    for column in header:
        if column in ("提交人", "提交者", "填写人"):
            values.append(observer)
        elif column in ("提交时间", "填写时间"):
            values.append(submitted)
        elif "教师" in column or "老师" in column or "授课人" in column:
            values.append(teacher)
        elif "班级" in column:
            values.append(klass)
        elif column == "听课日期":
            values.append(dt.date(2024, 10, 9))
        else:
            values.append("x")
    return values


@pytest.mark.parametrize("tool", list(FORMS))
def test_form_submitter_is_the_observer_and_a_missing_lesson_date_is_said(tool):
    header = FORMS[tool]
    rows = [header, _form_row(header, "王莉", "张伟", "初一(1)班", dt.datetime(2024, 10, 20, 8, 30)),
            _form_row(header, "李娜", "赵强", "初一(2)班", dt.datetime(2024, 11, 3, 19, 5))]
    result = load_file(xlsx_bytes(rows), f"{tool}听课表单.xlsx")
    assert result.kind == "observations"
    assert list(result.frame["observer_key"]) == ["王莉", "李娜"]
    assert list(result.frame["teacher"]) == ["张伟", "赵强"]
    said = " ".join(p.message for p in result.problems)
    assert "按“提交人”" in said or "按“提交者”" in said or "按“填写人”" in said
    if "听课日期" in header:
        assert list(result.frame["date"]) == [dt.date(2024, 10, 9)] * 2
        assert "提交表单的日期" not in said
    else:
        warning = next(p for p in result.problems if "没有听课日期列" in p.message)
        assert warning.severity == "warning" and "提交表单的日期" in warning.message
        assert list(result.frame["term"]) == [TERM, TERM]


def test_form_with_a_name_question_and_no_lesson_date():
    """问卷星: "1.姓名" beside 被听课教师 is the observer; the submission time stands in for the date, said."""
    rows = [["序号", "提交答卷时间", "所用时间", "1.姓名", "2.被听课教师", "3.听课班级"],
            [1, "2024/10/9 10:00:00", "30秒", "王莉", "张伟", "初一1班"],
            [2, "2024/11/20 16:30:00", "20秒", "李娜", "张伟", "初一2班"]]
    result = load_file(xlsx_bytes(rows), "问卷星听课.xlsx")
    assert list(result.frame["observer_key"]) == ["王莉", "李娜"]
    assert list(result.frame["date"]) == [dt.date(2024, 10, 9), dt.date(2024, 11, 20)]
    messages = [p.message for p in result.problems]
    assert any("“1.姓名”列与授课教师同在一行，按听课人读取" in m for m in messages)
    assert any("没有听课日期列" in m and "“提交答卷时间”" in m for m in messages)


# ------------------------------------------------------------------ month matrix

@pytest.mark.parametrize("layout", ["合计 last", "序号 first, 月份", "csv"])
def test_month_matrix_counts_its_total_or_the_month_sum(layout):
    header = ["姓名", "9月", "10月", "11月", "12月", "合计"]
    body = [["王莉", 1, 2, "", 1, 4], ["张伟", 2, 0, 1, 1, ""]]
    if layout == "序号 first, 月份":
        header = ["序号", *[h.replace("月", "月份") if h.endswith("月") else h for h in header]]
        body = [[i + 1, *row] for i, row in enumerate(body)]
    data = csv_bytes([header, *body]) if layout == "csv" else xlsx_bytes([header, *body])
    result = load_file(data, "听课按月统计." + ("csv" if layout == "csv" else "xlsx"), term=TERM)
    assert dict(zip(result.frame["observer_key"], result.frame["lessons"])) == {"王莉": 4, "张伟": 4}
    assert not result.errors


def test_month_matrix_disagreement_is_reported_and_the_total_counts():
    rows = [["姓名", "9月", "10月", "11月", "合计"], ["王莉", 1, 2, 3, 5]]
    result = load_file(xlsx_bytes(rows), "听课统计.xlsx", term=TERM)
    assert list(result.frame["lessons"]) == [5]
    problem = next(p for p in result.problems if "不一致" in p.message)
    assert problem.row == 2 and problem.column == "合计" and "5" in problem.message and "6" in problem.message


def test_month_matrix_with_every_cell_blank_is_reported():
    rows = [["姓名", "教研组", "9月", "10月"], ["王莉", "语文组", "", ""], ["张伟", "数学组", 1, 1]]
    result = load_file(xlsx_bytes(rows), "听课统计.xlsx", term=TERM)
    assert list(result.frame["observer_key"]) == ["张伟"]
    assert [p.row for p in result.errors] == [2]


# ------------------------------------------------------------------ group totals

@pytest.mark.parametrize("header", [["教研组", "人数", "听课总节数"], ["教研组", "教师人数", "本学期听课节数"],
                                    ["组别", "听课次数合计"],
                                    # first tried after the rules were written
                                    ["部门", "听课人次", "人均听课节数"], ["教研组", "应听节数", "实听节数", "完成率"]])
def test_group_totals_are_reported_never_counted(header, tmp_path):
    rows = [header, *[["语文组", 12, 150, "83%"][:len(header)], ["数学组", 10, 120, "90%"][:len(header)]]]
    with pytest.raises(ImportRejected) as caught:
        load_file(xlsx_bytes(rows), "各组听课统计.xlsx", term=TERM)
    assert "各教研组的合计" in str(caught.value) and "不计入任何教师" in str(caught.value)
    # beside a log in the same workbook: reported row by row, the log counts alone
    log_name, log_data = _log_layouts()["plain"]
    from dashboard.reading import read_workbook

    log_rows = read_workbook(log_data, log_name).sheets[0].rows
    book = xlsx_bytes({"明细": log_rows, "各组合计": rows})
    result = load_file(book, "听课.xlsx", term=TERM)
    assert set(result.frame["source_sheet"]) == {"明细"} and len(result.frame) == len(LOG)
    assert sorted(p.row for p in result.problems if p.sheet == "各组合计" and p.row) == [2, 3]
    assert any(p.sheet == "各组合计" and p.row is None for p in result.problems)


# ------------------------------------------------------------------ partial workbooks

def test_workbook_with_empty_and_notes_sheets_imports_the_rest_and_names_them(write, tmp_path, capsys):
    log_name, log_data = _log_layouts()["plain"]
    from dashboard.reading import read_workbook

    log_rows = read_workbook(log_data, log_name).sheets[0].rows
    book = xlsx_bytes({"听课记录": log_rows, "Sheet2": [], "填表说明": [["填表说明"], ["节数空白按 1 节计。"]],
                       "各组合计": [["教研组", "人数", "听课总节数"], ["语文组", 3, 40]]})
    path = write("2024学年第一学期听课.xlsx", book)
    assert main(["import", str(path), "--db", f"sqlite:///{tmp_path / 's.db'}"]) == 0
    result = load_file(book, path.name)
    left_out = {p.sheet: p.message for p in result.problems if p.row is None and p.severity == "skipped"}
    assert set(left_out) == {"填表说明", "各组合计", "Sheet2"}
    assert "只有文字" in left_out["填表说明"] and "各教研组的合计" in left_out["各组合计"]
    assert "是空的" in left_out["Sheet2"]
    out = capsys.readouterr().out
    assert "✓" in out and "2024学年第一学期听课.xlsx" in out
    assert len(result.frame) == len(LOG)


# ------------------------------------------------------------------ no table / not the kind

@pytest.mark.parametrize("rows", [
    [["2022年6月9日，市教育科学研究所公布了2022年论文评选结果，我校推荐的11篇论文全部获奖，其中一等奖4篇。"]],
    [["关于本学期领导干部听课情况的通报"],
     ["制度实施后，各位领导率先听课，为全校干部作出了表率，本学期共听课一百余节。"],
     ["生命科学系5人26次，数学系4人20次，外语系6人31次，整体完成情况良好，特此通报。"]],
])
def test_prose_only_file_is_refused_saying_it_has_no_table(rows):
    for name in ("论文评选通讯稿.xlsx", "通报.xlsx"):
        with pytest.raises(ImportRejected) as caught:
            load_file(xlsx_bytes(rows), name)
        assert "没有表格" in str(caught.value) and "文字" in str(caught.value)


@pytest.mark.parametrize("rows", [
    [["导师介绍"], ["毛玉明 教授"], ["冷甦鹏 教授"], ["马立香 副教授"], ["于秦  副教授"]],
    [["王莉"], ["张伟"], ["李娜"]],
])
def test_roster_without_group_is_refused_saying_so(rows):
    with pytest.raises(ImportRejected) as caught:
        load_file(xlsx_bytes(rows), "教师名册.xlsx", kind="roster", term=TERM)
    assert "“教研组”列" in str(caught.value) and "教师名册" in str(caught.value)


# ------------------------------------------------------------------ explain, corrections

def test_explain_prints_the_header_row_and_each_columns_meaning(write, tmp_path, capsys):
    name, data = _log_layouts()["问卷星 numbered questions"]
    path = write(name, data)
    assert main(["import", str(path), "--explain", "--db", f"sqlite:///{tmp_path / 'e.db'}"]) == 0
    out = capsys.readouterr().out
    assert "表头行：第 1 行，数据 5 行" in out
    assert "2、听课教师（填写本人姓名） → 听课人（列名）" in out
    assert "3、授课教师姓名 → 授课教师（列名含“授课教师”）" in out
    assert "所用时间 → （不导入此列）（表单工具的信息列，不导入）" in out
    assert "6、节数（节） → 节数" in out


def test_saved_column_correction_applies_to_the_same_school_only(store):
    rows = [["记录人", "授课教师", "日期"], ["王莉", "张伟", dt.date(2024, 10, 9)]]
    data = xlsx_bytes(rows)
    from dashboard import importing

    preview = importing.prepare(data, "听课.xlsx", importing.Options(kind="observations"), store.mappings("一中"))
    assert preview.result is None or preview.result.rows == 0
    importing.save_mappings(store, [("observations", "记录人", "observer")], "一中")
    again = importing.prepare(data, "听课.xlsx", importing.Options(kind="observations"), store.mappings("一中"))
    assert list(again.result.frame["observer_key"]) == ["王莉"]
    column = next(c for c in again.columns if c.header == "记录人")
    assert column.field == "observer" and column.how == "已保存的纠正"
    other = importing.prepare(data, "听课.xlsx", importing.Options(kind="observations"), store.mappings("二中"))
    assert other.result is None or other.result.rows == 0
    # a saved meaning wins over the vocabulary: this school's 授课教师 column is not imported
    store.save_mapping("observations", "授课教师", None, "一中")
    assert store.mappings("一中")["observations"]["授课教师"] == ""
    third = importing.prepare(data, "听课.xlsx", importing.Options(kind="observations"), store.mappings("一中"))
    assert list(third.result.frame["teacher"]) == [None]
    assert "授课教师" not in store.mappings("二中").get("observations", {})


# ------------------------------------------------------------------ the import page

def test_import_preview_shows_each_columns_meaning_and_how_it_was_found(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard import importing

    from .conftest import ROOT, sign_in
    from .test_import_page import upload

    monkeypatch.setenv("DASHBOARD_DB", f"sqlite:///{tmp_path / 'page.db'}")
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "教科室")
    at.run()
    at.switch_page("pages/import_data.py").run()
    name, data = _log_layouts()["问卷星 numbered questions"]
    upload(at, (name, data))
    sha = importing.sha256_of(data)[:16]
    labels = {box.key: box.label for box in at.selectbox if box.key and box.key.startswith(f"{sha}_col_")}
    assert labels[f"{sha}_col_所用时间"] == "「所用时间」（Sheet1 第1行；表单工具的信息列，不导入）"
    assert labels[f"{sha}_col_授课教师姓名"] == "「3、授课教师姓名」（Sheet1 第1行；列名含“授课教师”）"
    assert at.selectbox(key=f"{sha}_col_授课教师姓名").value == "teacher"
    assert "预览：将导入 5 行" in [caption.value for caption in at.caption]


# ------------------------------------------------------------------ published tables of other institutions

def _realdata2(code: str):
    from .conftest import ROOT

    folder = ROOT.parent / "shared" / "realdata2"
    found = sorted(folder.glob(f"{code}_*")) if folder.is_dir() else []
    if not found:
        pytest.skip("../shared/realdata2 不在本机")
    return found[0]


@pytest.mark.parametrize("code", ["B1", "B2"])
def test_plain_award_header_under_a_merged_title_is_the_header_not_a_bad_row(code):
    path = _realdata2(code)
    result = load_file(path.read_bytes(), path.name, term="2013-2014-1")
    assert [table.header_row for table in result.tables] == [2]
    assert set(result.tables[0].columns) == {"title", "authors", "date", "award"}
    assert not [p for p in result.problems if p.row == 2]
    assert result.rows == 10


def test_four_stacked_tables_with_section_rows_each_have_their_header_and_every_row_is_accounted():
    path = _realdata2("A2")
    result = load_file(path.read_bytes(), path.name, kind="papers", term="2013-2014-1")
    assert [table.header_row for table in result.tables] == [5, 16, 24, 35]
    assert [table.rows for table in result.tables] == [8, 5, 8, 2]
    imported = set(zip(result.frame["source_sheet"], result.frame["source_row"]))
    reported = {(p.sheet, p.row) for p in result.problems if p.row and p.severity in ("error", "skipped")}
    assert not imported & reported and len(imported | reported) == 23


@pytest.mark.parametrize("code, words", [("E1", "没有表格"), ("F1", "没有表格"), ("A1", "没有“教研组”列")])
def test_published_prose_and_name_lists_are_refused_with_the_true_reason(code, words):
    path = _realdata2(code)
    with pytest.raises(ImportRejected) as caught:
        load_file(path.read_bytes(), path.name)
    assert words in str(caught.value) and "没有数据行" not in str(caught.value)


# ------------------------------------------------------------------ the term of a sheet

@pytest.mark.parametrize("first, second", [("2024-2025学年第一学期", "2024-2025学年第二学期"), ("2024秋", "2025春"),
                                           ("2024学年第一学期", "2024学年第二学期")])
def test_each_sheet_named_by_a_term_gives_its_rows_that_term(first, second):
    book = xlsx_bytes({first: [["姓名", "听课节数"], ["王莉", 8], ["张伟", 6]],
                       second: [["姓名", "听课节数"], ["王莉", 9]]})
    result = load_file(book, "各学期听课统计.xlsx")
    terms = dict(zip(zip(result.frame["source_sheet"], result.frame["observer_key"]), result.frame["term"]))
    assert terms == {(first, "王莉"): "2024-2025-1", (first, "张伟"): "2024-2025-1", (second, "王莉"): "2024-2025-2"}
    assert result.term is None  # two terms: none is the file's
    # the import option still wins over a sheet name
    forced = load_file(book, "各学期听课统计.xlsx", term="2023-2024-2")
    assert set(forced.frame["term"]) == {"2023-2024-2"}


@pytest.mark.parametrize("header, rows", [
    (["作者", "论文题目", "获奖级别", "获奖时间"],
     [["周青年", "论文一", "省一等奖", "2024.10"], ["外校作者", "论文三", "市一等奖", "2024.11"]]),
    (["作者", "题目", "等级", "时间"],
     [["周青年", "课程论文的写法", "省一等奖", "2024.10"], ["外校作者", "论文题目的拟定", "市一等奖", "2024.11"]]),
    (["获奖教师", "论文题目", "获奖等级", "获奖时间"],
     [["周青年", "论文一", "区一等奖", "2024.10"], ["获奖教师代表", "论文题目三", "市二等奖", "2024.11"]]),
])
def test_a_data_row_whose_cells_contain_the_header_words_is_data_not_a_new_header(header, rows):
    """A row is not a repeated header because its cells contain the header's words in the same columns."""
    result = load_file(xlsx_bytes([header, *rows]), "论文.xlsx", term="2024-2025-1")
    assert sorted(result.frame["source_row"].unique()) == [2, 3]
    assert [table.header_row for table in result.tables] == [1]
