"""The 数据导入 page driven through AppTest with real workbook bytes, and its pure helpers."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import importing, metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, xlsx_bytes, sign_in

TERM = "2024-2025-1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ROSTER = xlsx_bytes([
    ["姓名", "教研组", "职务", "出生年月", "学期"],
    ["张三", "语文组", "", "1990-01", "2024-2025学年第一学期"],
    ["李四", "数学组", "", "1970-03", "2024-2025学年第一学期"],
    ["王五", "数学组", "主任", "1975-06", "2024-2025学年第一学期"],
])

LOG_HEADER = ["日期", "听课人", "授课教师", "班级", "节次"]
LOG_ROWS = [
    ["2024-10-08", "张三", "李四", "高一(1)班", "第1节"],
    ["2024-10-09", "张三", "王五", "高一(2)班", "第2节"],
    ["2024-10-10", "李四", "张三", "高一(1)班", "第3节"],
    ["2024-10-11", "张老三", "李四", "高一(3)班", "第1节"],
    ["2024-10-12", "张老三", "王五", "高一(3)班", "第2节"],
]


def log_bytes(rows=LOG_ROWS, header=LOG_HEADER) -> bytes:
    return xlsx_bytes([["2024学年第一学期听课记录"], header, *rows])


#: Built once: openpyxl stamps the time into a workbook, so two builds may differ in bytes.
LOG = log_bytes()


# ------------------------------------------------------------------ fixtures

@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    return url


@pytest.fixture
def page(db_url) -> AppTest:
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "教科室")
    at.run()
    at.switch_page("pages/import_data.py").run()
    assert not at.exception
    return at


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def commit(at: AppTest) -> AppTest:
    at.button(key="import_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def counts(url: str) -> dict[str, int]:
    teachers = metrics.observation_counts(Store(url).dataset(), TERM).teachers
    return dict(zip(teachers["name_key"], teachers["count"]))


# ------------------------------------------------------------------ the page

def test_preview_shows_rows_and_problems_and_stores_nothing(page, db_url):
    rows = [*LOG_ROWS, ["某日", "李四", "张三", "高一(2)班", "第4节"]]
    upload(page, ("听课记录.xlsx", log_bytes(rows)))
    assert "预览：将导入 5 行" in texts(page.caption)
    tables = [frame.value for frame in page.dataframe]
    preview = next(t for t in tables if "匹配用听课人" in t.columns)
    assert len(preview) == 5 and list(preview["匹配用听课人"][:2]) == ["张三", "张三"]
    found = next(t for t in tables if "问题" in t.columns)
    bad = found[found["处理"] == "未导入"]
    assert list(bad["行"]) == [8] and "某日" in bad["问题"].iloc[0] and bad["文件"].iloc[0] == "听课记录.xlsx"
    assert page.button(key="import_commit").label == "导入 1 个文件（共 5 行）"
    assert Store(db_url).version() == 0 and Store(db_url).history().empty


def test_commit_changes_figures_and_same_bytes_are_refused(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER), ("听课记录.xlsx", LOG))
    commit(page)
    done = texts(page.success)
    assert any("「教师名册.xlsx」已作为教师名册导入：批次" in text for text in done)
    assert any("「听课记录.xlsx」已作为听课记录导入" in text and "5 行" in text for text in done)
    figures = metrics.figures(Store(db_url).dataset(), TERM)
    assert figures["teachers"] == 3 and figures["observations"]["total"] == 3
    version = Store(db_url).version()

    upload(page, ("听课记录.xlsx", LOG))
    log_batch = int(Store(db_url).history()["id"].iloc[-1])
    assert f"此文件已导入（批次 {log_batch}），不会重复导入。" in texts(page.warning)
    assert not [button for button in page.button if button.key == "import_commit"]
    assert Store(db_url).version() == version and len(Store(db_url).history()) == 2
    assert metrics.figures(Store(db_url).dataset(), TERM) == figures


def test_undo_with_confirmation_restores_figures_exactly(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER))
    commit(page)
    before = metrics.figures(Store(db_url).dataset(), TERM)
    upload(page, ("听课记录.xlsx", LOG))
    commit(page)
    assert metrics.figures(Store(db_url).dataset(), TERM) != before
    log_batch = int(Store(db_url).history()["id"].iloc[-1])

    page.selectbox(key="import_undo_choice").set_value(log_batch)
    page.button(key="import_undo").click().run()
    assert any("确定撤销批次" in text for text in texts(page.warning))
    page.button(key="import_undo_cancel").click().run()
    assert len(Store(db_url).history()) == 2  # cancelled: nothing removed

    page.selectbox(key="import_undo_choice").set_value(log_batch)
    page.button(key="import_undo").click().run()
    page.button(key="import_undo_confirm").click().run()
    assert not page.exception
    assert f"已撤销批次 {log_batch}，该文件导入的所有数据已删除。" in texts(page.success)
    assert metrics.figures(Store(db_url).dataset(), TERM) == before
    assert list(Store(db_url).history()["filename"]) == ["教师名册.xlsx"]


def test_mapping_an_unmatched_name_changes_that_teachers_count(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER), ("听课记录.xlsx", LOG))
    commit(page)
    assert counts(db_url)["张三"] == 2
    assert not [box for box in page.selectbox if box.key == "import_alias_张老三"]  # folded until opened
    page.session_state["import_aliases_open"] = True
    page.run()
    box = page.selectbox(key="import_alias_张老三")
    assert box.label == "“张老三”是"
    box.set_value("张三")
    page.button[[b.label for b in page.button].index("保存姓名对应")].click().run()
    assert not page.exception
    assert any("“张老三”已对应到名册教师“张三”" in text for text in texts(page.success))
    assert counts(db_url)["张三"] == 4
    assert Store(db_url).dataset().aliases == {"张老三": "张三"}

    # the correction applies to a file imported later, too
    upload(page, ("补录.xlsx", log_bytes([["2024-11-01", "张老三", "李四", "高一(5)班", "第1节"]])))
    assert not [box for box in page.selectbox if box.key == "import_alias_张老三"]
    commit(page)
    assert counts(db_url)["张三"] == 5

    # deleting the correction: the name counts for no one again
    page.selectbox(key="import_alias_delete_choice").set_value("张老三")
    page.button(key="import_alias_delete").click().run()
    assert counts(db_url)["张三"] == 2


def test_names_in_a_file_not_yet_imported_can_be_mapped_before_commit(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER))
    commit(page)
    upload(page, ("听课记录.xlsx", LOG))
    assert any("1 个姓名在名册中找不到：张老三" in text for text in texts(page.warning))
    page.selectbox(key="import_alias_张老三").set_value(importing_not_ours())
    page.button[[b.label for b in page.button].index("保存姓名对应")].click().run()
    assert Store(db_url).dataset().aliases == {"张老三": None}
    assert len(Store(db_url).history()) == 1  # the file itself is still waiting


def importing_not_ours():
    from dashboard.quality import NOT_OURS

    return NOT_OURS


@pytest.mark.parametrize("name,data,words", [
    ("坏文件.xlsx", ROSTER[:300], "已损坏"),
    ("空表.csv", b"", "空文件"),
    ("随便.csv", csv_bytes([["甲", "乙"], ["1", "2"]]), "找不到可识别的表头"),
], ids=["corrupt", "empty", "no-header"])
def test_a_rejected_file_shows_its_message_and_changes_nothing(page, db_url, name, data, words):
    upload(page, (name, data))
    errors = texts(page.error)
    assert len(errors) == 1 and f"文件「{name}」" in errors[0] and words in errors[0]
    assert not [button for button in page.button if button.key == "import_commit"]
    assert Store(db_url).version() == 0 and Store(db_url).history().empty


def test_a_rejected_file_beside_good_ones_leaves_them_importable(page, db_url):
    upload(page, ("坏文件.xlsx", b"PK\x03\x04 not really"), ("教师名册.xlsx", ROSTER))
    assert any("坏文件.xlsx" in text for text in texts(page.error))
    commit(page)
    assert list(Store(db_url).history()["filename"]) == ["教师名册.xlsx"]


def test_column_meaning_is_corrected_remembered_and_reused(page, db_url):
    header = ["日期", "记录人", "授课教师", "班级", "节次"]
    data = log_bytes(header=header)
    upload(page, ("听课.xlsx", data))
    assert "预览：将导入 0 行" in texts(page.caption)
    sha = importing.sha256_of(data)[:16]
    box = page.selectbox(key=f"{sha}_col_记录人")
    assert box.value == importing.IGNORE
    box.set_value("observer")
    page.button[[b.label for b in page.button].index("保存列的含义并重新识别")].click().run()
    assert not page.exception
    assert Store(db_url).mappings() == {"observations": {"记录人": "observer"}}
    assert "预览：将导入 5 行" in texts(page.caption)

    other = log_bytes(rows=LOG_ROWS[:2], header=header)
    upload(page, ("另一个听课.xlsx", other))
    assert "预览：将导入 2 行" in texts(page.caption)


def test_options_override_kind_term_and_header_row(page, db_url):
    summary = xlsx_bytes([["说明：本表由教务处汇总"], ["教师", "听课节数"], ["张三", 12], ["李四", 8]])
    upload(page, ("统计.xlsx", summary))
    sha = importing.sha256_of(summary)[:16]
    errors = [t for t in page.dataframe if "问题" in t.value.columns]
    assert errors and (errors[0].value["处理"] == "未导入").all()  # no term: rows not importable
    page.text_input(key=f"{sha}_term").set_value("2024-2025学年第一学期").run()
    assert "预览：将导入 2 行" in texts(page.caption)
    page.text_input(key=f"{sha}_term").set_value("明年").run()
    assert any("无法识别的学期“明年”" in text for text in texts(page.error))
    page.text_input(key=f"{sha}_term").set_value("2024-2025-1").run()
    page.selectbox(key=f"{sha}_kind").set_value("roster").run()
    assert any("找不到教师名册的表头" in text and "看起来更像听课记录" in text for text in texts(page.error))
    page.selectbox(key=f"{sha}_kind").set_value("observations")
    page.number_input(key=f"{sha}_header_Sheet1").set_value(2).run()
    assert any("表头**：Sheet1 第2行" in text for text in texts(page.markdown))
    commit(page)
    assert counts(db_url) == {}  # no roster yet: the summary is stored, counts for no one
    stored = Store(db_url).dataset().observations
    assert list(stored["lessons"]) == [12, 8] and set(stored["term"]) == {TERM}


def test_an_updated_file_replaces_its_earlier_batch(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER), ("听课记录.xlsx", LOG))
    commit(page)
    old = int(Store(db_url).history()["id"].iloc[-1])
    updated = log_bytes([*LOG_ROWS, ["2024-10-20", "张三", "李四", "高一(6)班", "第5节"]])
    upload(page, ("听课记录.xlsx", updated))
    sha = importing.sha256_of(updated)[:16]
    assert page.selectbox(key=f"{sha}_replace").value == old
    commit(page)
    assert any(f"替换了批次 {old}" in text for text in texts(page.success))
    history = Store(db_url).history()
    assert list(history["filename"]) == ["教师名册.xlsx", "听课记录.xlsx"]
    assert list(history["rows"]) == [3, 6]  # the old 5-row batch is gone, in the same transaction
    assert counts(db_url)["张三"] == 3


def test_history_download_and_templates_are_offered(page, db_url):
    upload(page, ("教师名册.xlsx", ROSTER))
    commit(page)
    history = [t.value for t in page.dataframe if "批次" in t.value.columns and "导入时间" in t.value.columns][0]
    assert list(history.columns) == ["批次", "导入时间", "文件", "类型", "学期", "行数", "问题数"]
    assert history.iloc[0]["类型"] == "教师名册" and history.iloc[0]["行数"] == 3
    assert page.download_button(key="import_download").label == "下载原始文件"
    assert Store(db_url).raw_file(int(history.iloc[0]["批次"])) == ("教师名册.xlsx", ROSTER)
    keys = {button.key for button in page.download_button}
    assert {"template_roster", "template_observations_log", "template_observations_summary", "template_papers",
            "template_projects"} <= keys


# ------------------------------------------------------------------ pure helpers

def test_prepare_never_raises_and_names_the_file():
    preview = importing.prepare(b"\x00\x01garbage", "乱码.xlsx")
    assert preview.result is None and "乱码.xlsx" in preview.rejected
    assert importing.inspect(b"", "空.csv") == ([], "文件「空.csv」是空文件，没有任何数据。")


def test_commit_reports_progress_and_refuses_duplicates(store):
    previews = [importing.prepare(ROSTER, "教师名册.xlsx"), importing.prepare(ROSTER, "教师名册副本.xlsx"),
                importing.prepare(b"", "空.csv")]
    calls = []
    reports = importing.commit(store, [(p, None) for p in previews], progress=lambda f, t: calls.append((f, t)))
    assert [r.ok for r in reports] == [True, False, False]
    assert reports[1].message == "文件「教师名册副本.xlsx」此文件已导入（批次 1），未作任何改动。"
    assert "空文件" in reports[2].message
    assert [f for f, _ in calls] == [0.0, 1 / 3, 2 / 3, 1.0] and "正在导入「教师名册.xlsx」（1/3）" == calls[0][1]
    assert len(store.history()) == 1


def test_mapping_changes_only_what_differs():
    preview = importing.prepare(log_bytes(header=["日期", "记录人", "授课教师", "班级", "节次"]), "x.xlsx")
    keys = {c.key: c.field for c in preview.columns}
    assert keys == {"日期": "date", "记录人": None, "授课教师": "teacher", "班级": "class_name", "节次": "period"}
    chosen = {**{k: v or importing.IGNORE for k, v in keys.items()}, "记录人": "observer", "节次": importing.IGNORE}
    assert importing.mapping_changes("observations", preview.columns, chosen) == [
        ("observations", "记录人", "observer"), ("observations", "节次", None)]


def test_replace_suggestion_is_same_kind_and_file_name(store):
    store.import_result(load_file(ROSTER, "教师名册.xlsx"))
    store.import_result(load_file(LOG, "听课记录.xlsx"))
    history = store.history()
    assert importing.suggest_replace(history, "听课记录.xlsx", "observations") == 2
    assert importing.suggest_replace(history, "听课记录.xlsx", "roster") is None
    assert importing.replace_candidates(history, "roster") == [1]


def test_undo_message_for_a_missing_batch(store):
    assert importing.undo(store, 9) == (False, "没有批次 9（可能已被撤销）。")


def test_files_imported_for_a_school_in_district_mode(page, db_url):
    roster = xlsx_bytes([["2024学年第一学期教师名册"], ["姓名", "教研组", "出生年月"], ["甲", "语文组", "1990.01"]])
    upload(page, ("名册.xlsx", roster))
    box = next(b for b in page.text_input if b.label == "学校（区级多校模式）")
    box.input("第二中学")
    page.run()
    commit(page)
    history = Store(db_url).dataset()
    assert set(history.roster["school"]) == {"第二中学"}
