"""Every Chinese label lives in :mod:`dashboard.labels`: a scan of the pages and the cleaned modules.

A label is Chinese text in a place a user reads as a name: the label of a Streamlit widget or
element (``st.metric``, ``st.subheader``, ``st.selectbox`` …, and the project's ``ui.page_filters``
and ``ui.opened``), a ``title=``/``x_title=``/``name=``/``labels=``/``filename=``/``format=``/
``columns=`` argument (charts, tables, downloads), a 总览 card or a report/profile section heading,
the keys and values of a column-rename dict, or a module-level constant.  Sentences (``st.info``,
``st.caption``, ``help=`` …) are not labels and may stay where they are written.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard import labels
from dashboard.accounts import ROLES

ROOT = Path(__file__).resolve().parent.parent

CJK = re.compile(r"[\u4e00-\u9fff]")

#: Calls whose first argument is a label (``metric``: also its value, which carries the unit).
LABEL_CALLS = {
    "metric", "subheader", "header", "title", "selectbox", "multiselect", "radio", "text_input", "text_area",
    "number_input", "date_input", "time_input", "button", "download_button", "file_uploader", "checkbox",
    "toggle", "expander", "popover", "slider", "select_slider", "form_submit_button", "tabs", "page_link",
    "page_filters", "opened", "Card", "TextColumn", "NumberColumn", "ProgressColumn", "DateColumn",
    "LinkColumn", "CheckboxColumn", "SelectboxColumn", "ListColumn", "Column",
}
#: How many leading arguments of a call are labels, where not one (``Chart``: key, download name;
#: ``ui._select``: query parameter, label).
LEADING_LABELS = {"metric": 2, "Card": 2, "Section": 1, "Chart": 2, "_select": 2}
LABEL_KEYWORDS = {
    "label", "title", "x_title", "y_title", "category_title", "series_title", "value_title", "name", "labels",
    "filename", "file_name", "page_title", "format", "format_func", "columns", "column_config", "placeholder",
    "heading", "texts", "hover",
}

#: The files kept free of inline labels.
CHECKED = sorted(
    [*ROOT.glob("pages/*.py")]
    + [ROOT / "dashboard" / f"{name}.py" for name in (
        "quality", "charts", "district", "awards", "open_lessons_view", "profile_tables", "lesson_tables",
        "paper_tables", "project_tables", "account_admin", "navigation", "excel", "report_xlsx",
        "training", "activities", "mentoring", "tasks", "ui", "overview_panels", "report_docx", "declared", "reminders", "open_lessons", "importing",
    )]
)

#: Chinese text in a label place that is a sentence, not a label: (file, the text's start).
SENTENCES: set[tuple[str, str]] = {
    ("quality.py", "在「数据导入」页的“未匹配的姓名”中"),  # FIXES: how to fix each concern, a paragraph each
}


def _chinese(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
               for n in ast.walk(node))


def _text(node: ast.AST) -> str:
    return " / ".join(n.value for n in ast.walk(node)
                      if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value))


def inline_labels(source: str) -> list[tuple[int, str, str]]:
    """(line, where, text) of every Chinese label written inline in ``source``.

    >>> inline_labels('st.subheader("各教研组")\\nst.info("还没有数据。")')
    [(1, 'subheader', '各教研组')]
    """
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in LABEL_CALLS or name in LEADING_LABELS:
                for arg in node.args[:LEADING_LABELS.get(name, 1)]:
                    if _chinese(arg):
                        found.append((arg.lineno, name, _text(arg)))
            for keyword in node.keywords:
                if keyword.arg in LABEL_KEYWORDS and _chinese(keyword.value):
                    found.append((keyword.value.lineno, f"{name}({keyword.arg}=)", _text(keyword.value)))
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, str) and CJK.search(node.slice.value):
            found.append((node.lineno, "column", node.slice.value))  # frame["姓名"]: a column label
        elif isinstance(node, ast.Dict):
            keys = [key for key in node.keys if key is not None]
            if keys and all(isinstance(key, ast.Constant) and isinstance(key.value, str) for key in keys) and (
                    any(CJK.search(key.value) for key in keys)
                    or any(isinstance(value, (ast.Constant, ast.JoinedStr)) and _chinese(value)
                           for value in node.values)):
                found.append((node.lineno, "dict", _text(node)))
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            # role names (管理员, 教师 …) are values an account holds, not labels
            if node.value is not None and any(n.isupper() for n in names) and any(
                    isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                    and n.value not in ROLES for n in ast.walk(node.value)):
                found.append((node.lineno, f"constant {names[0]}", _text(node.value)))
    return sorted(set(found))


#: Files that read another module's table by its Chinese column names: ``report_docx`` reads the
#: tables of ``report_text``, whose labels move with that module.
READS_COLUMNS_OF_REPORT_TEXT = {"report_docx.py"}


def _allowed(path: Path, hit: tuple[int, str, str]) -> bool:
    if hit[1] == "column" and path.name in READS_COLUMNS_OF_REPORT_TEXT:
        return True
    return any(path.name == name and hit[2].startswith(start) for name, start in SENTENCES)


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_inline_labels(path):
    found = [hit for hit in inline_labels(path.read_text(encoding="utf-8")) if not _allowed(path, hit)]
    assert not found, f"{path.relative_to(ROOT)}: Chinese labels written inline (move them to dashboard/labels/): " \
        + "; ".join(f"line {line} {where}: {text}" for line, where, text in found)


@pytest.mark.parametrize("snippet, where", [
    ('st.metric("达标人数", 3)', "metric"),
    ('cards[0].metric(words.MET, f"{n} 节")', "metric"),
    ('x = st.selectbox("教研组", groups, key="g")', "selectbox"),
    ('with st.expander(f"本学期记录（{n} 条）"):\n    pass', "expander"),
    ('ui.table(t, f, key="k", filename="听课记录", title=words.T)', "table(filename=)"),
    ('fig = charts.bar(a, b, title=words.T, x_title="教研组", y_title=words.Y)', "bar(x_title=)"),
    ('go.Bar(x=a, y=b, name="已听节数")', "Bar(name=)"),
    ('frame.rename(columns={"name": "姓名"})', "dict"),
    ('pd.DataFrame({"姓名": names})', "dict"),
    ('COLUMNS = ["姓名", "教研组"]', "constant COLUMNS"),
    ('Card("人均学时", value)', "Card"),
    ('Section("培训学时", text)', "Section"),
    ('shown["达标率"] = rates["rate"].map(percent)', "column"),
    ('st.selectbox(words.KIND, kinds, format_func=lambda k: "自动识别" if k is None else k)', "selectbox(format_func=)"),
    ('st.download_button(words.BACKUP, data, file_name=f"看板备份-{day}.db")', "download_button(file_name=)"),
    ('st.column_config.NumberColumn("完成进度", format="%d 节")', "NumberColumn"),
])
def test_the_scan_catches_a_planted_label(snippet, where):
    assert where in [hit[1] for hit in inline_labels(snippet)]


@pytest.mark.parametrize("snippet", [
    'st.info("还没有培训记录：请在“数据导入”页上传。")',
    'st.caption(f"{n} 位教师未达到学年目标。")',
    'st.metric(words.MET, 3, help="本学期结题 ÷ 项数")',
    'st.subheader(words.GROUPS)',
    'raise RulesError(f"找不到规则文件 {path}。")',
    'def f():\n    columns = ["姓名"]\n    return columns',
])
def test_the_scan_leaves_sentences_and_moved_labels_alone(snippet):
    assert inline_labels(snippet) == []


def test_every_label_module_loads_without_streamlit_or_the_store():
    """The labels are plain constants: the pure layers may import them."""
    import subprocess
    import sys

    code = ("import sys, pkgutil, importlib, dashboard.labels as l\n"
            "[importlib.import_module('dashboard.labels.' + m.name) for m in pkgutil.iter_modules(l.__path__)]\n"
            "print(sorted(m for m in ('streamlit', 'sqlalchemy', 'python_calamine', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    assert labels.percent_text(0.5) == "50.0%"
