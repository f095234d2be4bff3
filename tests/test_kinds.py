"""A kind is declared once and every part of the dashboard picks it up: a throw-away kind (家访记录,
declared in ``tests/throwaway_kind.py``, nowhere in the application) is registered here and seen in
the templates, imported through the command line into a store, in history, in the figures, on the
import page, 总览, 工作总结 (page, .docx, .xlsx), 教师档案 and the 教研组长's reminder list.

Also the house rules that keep a new kind cheap: the pure layers load neither SQLAlchemy nor the Excel
readers, pages make no store calls, the README lists every declared kind.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import importing, kinds, metrics
from dashboard.breakdowns import scoped_figures, term_view
from dashboard.cli import import_files
from dashboard.declared import overview_cards, profile_sections
from dashboard.loaders import load_file
from dashboard.reminders import reminder_for, reminder_xlsx
from dashboard.report_docx import write_docx
from dashboard.report_text import build_report
from dashboard.report_xlsx import report_xlsx
from dashboard.store import Store
from dashboard.templates import TEMPLATES, template_bytes

from . import throwaway_kind
from .conftest import ROOT, sign_in, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = xlsx_bytes([
    ["姓名", "教研组", "职务", "出生年月", "学期"],
    ["张三", "语文组", "", "1990-01", "2024-2025学年第一学期"],
    ["李四", "语文组", "", "1970-03", "2024-2025学年第一学期"],
    ["王五", "数学组", "", "1975-06", "2024-2025学年第一学期"],
])
VISITS = xlsx_bytes([
    ["2024-2025学年第一学期家访登记"],
    ["家访日期", "家访教师", "学生姓名"],
    ["2024-10-08", "张三", "小明"],
    ["2024-10-09", "张三", "小红"],
    ["2024-11-02", "王五", "小刚"],
])


@pytest.fixture
def throwaway():
    """The throw-away kind, registered for one test and removed after it."""
    kinds.register(throwaway_kind.KIND)
    try:
        yield throwaway_kind.KIND
    finally:
        kinds.unregister(throwaway_kind.KIND.key)


@pytest.fixture
def filled(throwaway, store, tmp_path):
    """A store with a roster and a 家访 list, imported through the command line."""
    paths = []
    for name, data in (("教师名册.xlsx", ROSTER), ("家访登记.xlsx", VISITS)):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    out = io.StringIO()
    assert import_files(store, paths, out=out) == 0, out.getvalue()
    assert "「家访登记.xlsx」已作为家访记录导入" in out.getvalue()
    return store


def test_the_throwaway_kind_is_not_declared_outside_this_test():
    assert "home_visits" not in kinds.KINDS


def test_a_declared_kind_gets_a_template_that_imports_cleanly(throwaway):
    template = TEMPLATES["home_visits"]
    assert template.filename == "家访记录模板.xlsx" and template.headers == ["学期", "家访日期", "家访教师", "学生姓名"]
    result = load_file(template_bytes("home_visits"), "上传.xlsx")
    assert result.kind == "home_visits" and len(result.frame) == 1
    assert result.frame["visitor"].iloc[0] == "王小明" and result.frame["date"].iloc[0] == dt.date(2024, 10, 12)
    assert [p for p in result.problems if p.severity in ("error", "warning")] == []


def test_a_declared_kind_is_recognised_by_its_headers_once_registered(throwaway):
    """The header index follows the declarations: the file is guessed as 家访记录 with no option."""
    result = load_file(VISITS, "登记表.xlsx")
    assert result.kind == "home_visits" and result.term == TERM
    assert list(result.frame["visitor"]) == ["张三", "张三", "王五"]


def test_imported_through_the_cli_it_is_in_history_figures_and_report(filled):
    history = importing.history_table(filled.history())
    assert "家访记录" in set(history["类型"])
    ds = filled.dataset()
    assert len(ds.home_visits) == 3
    figures = metrics.figures(ds, TERM)
    assert figures["home_visits"] == {"total": 3, "teachers": 2}
    assert metrics.figures(ds, TERM, "语文组")["home_visits"] == {"total": 2, "teachers": 1}
    # the pages' cached figures include the declared keys too, also for one teacher
    view = term_view(ds, TERM)
    assert scoped_figures(view)["home_visits"] == figures["home_visits"]
    assert scoped_figures(view, None, "王五")["home_visits"] == {"total": 1, "teachers": 1}
    assert overview_cards(ds, figures) == [("家访记录", [kinds.Card("家访次数", "3"), kinds.Card("家访教师", "2人")])]

    report = build_report(ds, TERM)
    part = next(p for p in report.paragraphs if p.key == "home_visits_0")
    assert part.heading == "四、家访工作" and part.text == "本学期共家访3次。"
    table = report.table("家访工作")
    assert list(table.frame["家访教师"]) == ["张三", "张三", "王五"] and table.section == "home_visits_0"
    document = zipfile.ZipFile(io.BytesIO(write_docx(report))).read("word/document.xml").decode()
    assert "四、家访工作" in document and "本学期共家访3次。" in document and "小刚" in document
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    assert "家访工作" in book.sheetnames
    assert "本学期共家访3次。" in [cell.value for row in book["工作总结"].iter_rows() for cell in row]


def test_a_declared_kinds_unknown_names_are_on_the_quality_list(filled):
    """A 家访教师 not on the roster is listed with where it appears; the roster's teachers are not."""
    from dashboard import quality

    filled.import_result(load_file(xlsx_bytes([["家访日期", "家访教师", "学生姓名"], ["2024-10-20", "赵六", "小东"]]),
                                   "补登.xlsx", term=TERM))
    found = quality.unmatched_names(filled.dataset(), TERM)
    assert list(found["姓名"]) == ["赵六"] and list(found["出现在"]) == ["家访记录（家访教师）"]
    assert list(found["行"]) == [2] and list(found["文件"]) == ["补登.xlsx"]


def test_profile_and_reminder_take_the_declared_kind(filled):
    ds = filled.dataset()
    [(kind, sections)] = profile_sections(ds, "张三")
    assert kind.key == "home_visits" and sections[0].text == "共家访2次。"
    reminder = reminder_for(ds, TERM, "语文组", dt.date(2024, 11, 1))
    others = reminder.others
    assert list(others["姓名"]) == ["李四"] and list(others["还差"]) == ["2"]  # text: the column mixes numbers and words
    assert "李四：家访，要求2次，已完成0，还差2。" in reminder.text
    assert "语文组其他待完成事项" in openpyxl.load_workbook(io.BytesIO(reminder_xlsx(reminder))).sheetnames


def test_a_kind_with_no_rows_shows_nothing(throwaway, store):
    ds = store.dataset()
    assert ds.home_visits.empty and overview_cards(ds, {}) == []


def _app(monkeypatch, url: str, page: str, role: str = "教科室", **fields) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=90), role, **fields)
    at.run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_pages_show_the_declared_kind(throwaway, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kinds.db'}"
    store = Store(url)
    for name, data in (("教师名册.xlsx", ROSTER), ("家访登记.xlsx", VISITS)):
        assert importing.import_bytes(store, data, name).ok
    store.engine.dispose()

    at = _app(monkeypatch, url, "overview.py")
    assert {m.label: m.value for m in at.metric}["家访次数"] == "3"

    at = _app(monkeypatch, url, "report.py")
    assert "本学期共家访3次。" in [area.value for area in at.text_area if area.label == "四、家访工作"]
    assert "李四：家访，要求2次，已完成0，还差2。" in at.code[0].value

    at = _app(monkeypatch, url, "teacher.py")
    at.query_params["teacher"] = "张三"
    at.run()
    assert "共家访2次。" in [element.value for element in at.markdown]

    at = _app(monkeypatch, url, "import_data.py")
    assert "template_home_visits" in [button.key for button in at.get("download_button")]
    history = next(frame.value for frame in at.dataframe if "类型" in frame.value.columns)
    assert "家访记录" in set(history["类型"])
    more = xlsx_bytes([["家访日期", "家访教师", "学生姓名"], ["2024-12-01", "李四", "小亮"]])
    at.file_uploader[0].set_value([("家访.xlsx", more, "application/octet-stream")]).run()
    kinds_offered = next(box for box in at.selectbox if box.label == "文件类型")
    assert "家访记录" in kinds_offered.options


# ------------------------------------------------------------------ house rules

PURE = ("metrics", "breakdowns", "quality", "scope", "report_text", "reminders", "declared", "dataset", "kinds")


def test_the_pure_layers_load_neither_sqlalchemy_nor_the_excel_readers():
    code = ("import sys\n" + "".join(f"import dashboard.{name}\n" for name in PURE)
            + "print(sorted(m for m in ('sqlalchemy', 'python_calamine', 'streamlit') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


#: What a page may not do: open a store, reach its engine, call a store method.
STORE_CALLS = re.compile(r"\bStore\(|\.engine\b|\bstore\.[a-z_]+\(|get_store\([^)]*\)\.")


def test_pages_make_no_store_calls():
    found = {page.name: STORE_CALLS.findall(page.read_text(encoding="utf-8"))
             for page in sorted((ROOT / "pages").glob("*.py"))}
    assert {name: calls for name, calls in found.items() if calls} == {}
    assert STORE_CALLS.search("rows = store.history()") and STORE_CALLS.search("ui.get_store(url).problems()")


def test_the_readme_lists_every_declared_kind():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [kind.label for kind in kinds.KINDS.values() if f"| {kind.label} | `{kind.key}` |" not in readme]
    assert not missing, f"README 的“数据种类”表缺少：{missing}"


# ------------------------------------------------------------------ rule files

def _rules(path, quota: int) -> None:
    path.write_text(f'[[rule]]\nlabel = "全体教师"\nquota = {quota}\n', encoding="utf-8")


def test_an_edited_rule_file_counts_at_the_next_click_and_a_broken_one_is_said(tmp_path, monkeypatch):
    rules = tmp_path / "quota_rules.toml"
    _rules(rules, 1)
    monkeypatch.setenv("DASHBOARD_QUOTA_RULES", str(rules))
    url = f"sqlite:///{tmp_path / 'rules.db'}"
    store = Store(url)
    log = xlsx_bytes([["日期", "听课人", "授课教师", "班级"], ["2024-10-08", "张三", "李四", "高一(1)班"],
                      ["2024-10-09", "李四", "张三", "高一(2)班"]])
    for name, data in (("教师名册.xlsx", ROSTER), ("听课记录.xlsx", log)):
        assert importing.import_bytes(store, data, name).ok
    store.engine.dispose()
    at = _app(monkeypatch, url, "overview.py")
    assert {m.label: m.value for m in at.metric}["听课达标率"] == "66.7%"  # 张三 and 李四 heard 1 of 1

    _rules(rules, 12)  # an edit: the next click counts with it
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["听课达标率"] == "0.0%"

    rules.write_text('[[rule]]\nlabel = "全体教师"\nquota = \n', encoding="utf-8")  # broken TOML
    at.run()
    assert not at.exception
    assert any("规则文件" in error.value and "格式有误" in error.value for error in at.error)
    assert not at.metric

    _rules(rules, 100)
    rules.write_text('[[rule]]\nlabel = "全体教师"\nquota = "十节"\n', encoding="utf-8")  # a wrong value
    at.run()
    assert not at.exception
    assert any("quota 应为整数节数" in error.value for error in at.error)


@pytest.mark.parametrize("variable,page", [("DASHBOARD_TRAINING_RULES", "overview.py"),
                                           ("DASHBOARD_ACTIVITY_RULES", "report.py"),
                                           ("DASHBOARD_OPEN_LESSON_RULES", "overview.py"),
                                           ("DASHBOARD_TASK_RULES", "teacher.py")])
def test_a_broken_rule_file_of_any_kind_is_said_on_every_page(tmp_path, monkeypatch, variable, page):
    """A kind's own rule file (its declaration's rules_hook) is checked before a page computes: a broken
    one is a Chinese message, never a failure of 总览, 工作总结 or 教师档案 when their figures reach it."""
    broken = tmp_path / "broken.toml"
    broken.write_text("[[rule]\nlabel = ", encoding="utf-8")
    monkeypatch.setenv(variable, str(broken))
    url = f"sqlite:///{tmp_path / 'rules.db'}"
    store = Store(url)
    assert importing.import_bytes(store, ROSTER, "教师名册.xlsx").ok
    store.engine.dispose()
    at = _app(monkeypatch, url, page)
    assert not at.exception
    assert any("broken.toml" in error.value for error in at.error), [error.value for error in at.error]


def test_a_declared_kinds_own_checks_refuse_a_file_through_the_declaration(throwaway):
    """The loaders call the kind's ``sheets_hook`` and ``tables_hook``: a 家访须知 and a 家访 list
    without its 学生 column are refused with the kind's own words, a one-column list with its
    ``one_column`` text; once the kind is gone, nothing of it is left in the loaders."""
    from dashboard.problems import ImportRejected

    notice = xlsx_bytes([[throwaway_kind.NOTICE], ["一、提前约好时间"], ["二、带好联系册"]])
    no_student = xlsx_bytes([["家访日期", "家访教师", "备注"], ["2024-10-08", "张三", ""], ["2024-10-09", "王五", ""]])
    names = xlsx_bytes([["家访"], ["张三"], ["李四"]])
    for data, kind, words in ((notice, None, "这是家访须知"), (no_student, None, "家访记录没有学生列"),
                              (no_student, "home_visits", "家访记录没有学生列"),
                              (names, "home_visits", "只有一列文字（如“张三”），不是家访记录")):
        with pytest.raises(ImportRejected) as caught:
            load_file(data, "上传.xlsx", kind=kind)
        assert words in str(caught.value)
    assert load_file(VISITS, "登记表.xlsx").rows == 3  # a list with its students passes both checks
    kinds.unregister(throwaway_kind.KIND.key)
    with pytest.raises(ImportRejected) as caught:
        load_file(notice, "上传.xlsx")
    assert "家访" not in str(caught.value).replace("家访须知", "")


def test_the_builtin_kinds_refusals_come_through_their_declarations():
    """听课's ``tables_hook`` and the roster's ``sheets_hook``/``one_column``, as a user meets them."""
    from dashboard.problems import ImportRejected

    assert kinds.KINDS["observations"].tables_hook and kinds.KINDS["roster"].sheets_hook
    teachers = xlsx_bytes([["姓名", "教研组"], ["张三", "语文组"], ["李四", "数学组"]])
    with_titles = xlsx_bytes([["导师介绍"], ["毛玉明 教授"], ["于秦 副教授"], ["段景山 高级工程师"]])
    one_column = xlsx_bytes([["教师"], ["张三 语文组"], ["李四 数学组"]])
    for data, kind, words in ((teachers, "observations", "只是一份教师名单"),
                              (with_titles, None, "只是一份人员名单"), (with_titles, "roster", "只是一份人员名单"),
                              (one_column, "roster", "不能作为教师名册导入")):
        with pytest.raises(ImportRejected) as caught:
            load_file(data, "上传.xlsx", kind=kind)
        assert words in str(caught.value), (kind, str(caught.value))
