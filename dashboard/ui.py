"""Streamlit glue the pages share: sidebar filters, the cached store and figures, tables, downloads, charts.

The filters (学期, 教研组, 教师) live in ``st.session_state`` and in the URL
query string (``?term=…&group=…&teacher=…``) so a link opens the same
view.  The store engine is created once per URL (``st.cache_resource``);
every computed table is cached on the store version, which each import or
undo bumps, so numbers are never stale: the big read-only results (the
dataset, term views, figures) with ``st.cache_resource`` (shared, not
copied on every rerun), small ones with ``st.cache_data``.  Nothing is
opened at import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from . import breakdowns, login, metrics, quota, rule_files
from .accounts import Scope, User
from .contract import term_label
from .kinds import KINDS, Section, hook, live
from .labels import common as words
from .excel import excel_bytes
from .normalize import previous_term
from .overview_panels import Chart, OverviewPanels, overview_panels
from .rule_files import RulesError
from .safe import callback, md
from .scope import scope_dataset, with_term_projects
from .store import Dataset, Store, resolve_url

ALL = ""  # "全部" in a filter
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PAGE = "pages/import_data.py"
DEMO_COMMAND = "python -m dashboard demo"

#: query parameter -> session state key that keeps the filter across pages
STATE = {"school": "filter_school", "term": "filter_term", "group": "filter_group", "teacher": "filter_teacher"}
#: query parameter -> key of its sidebar widget
WIDGETS = {"school": "flt_school", "term": "flt_term", "group": "flt_group", "teacher": "flt_teacher"}


@dataclass(frozen=True)
class Filters:
    """The sidebar's choice, and the store state it was made on."""

    url: str
    version: int
    scope: Scope  # what the signed-in user may see (and the chosen school, in district mode)
    terms: tuple[str, ...]  # terms with data, oldest first
    term: str | None
    group: str | None
    teacher: str | None

    @property
    def empty(self) -> bool:
        return self.term is None

    @property
    def previous(self) -> str | None:
        """The term before, when it has data."""
        if self.term is None:
            return None
        before = previous_term(self.term)
        return before if before in self.terms else None

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) of each filter, as an export states them."""
        school = [(words.SCHOOL_FILTER, self.scope.school)] if self.scope.school else []
        return [*school, (words.TERM_FILTER, term_label(self.term) if self.term else "—"),
                (words.GROUP_FILTER, self.group or words.ALL_GROUPS),
                (words.TEACHER_FILTER, self.teacher or words.ALL_TEACHERS)]

    @property
    def caption(self) -> str:
        return " · ".join(value for _, value in self.describe())


# ------------------------------------------------------------------ caches

@st.cache_resource(show_spinner=False)
def get_store(url: str) -> Store:
    """One store (engine) per database URL for the whole server."""
    return Store(url)


@st.cache_resource(show_spinner="正在读取数据（导入或撤销后第一次打开，大库需要几秒）……", max_entries=4)
def _store_dataset(url: str, version: int) -> Dataset:
    # shared and read-only: nothing may modify its frames
    return get_store(url).dataset()


@st.cache_resource(show_spinner=False, max_entries=16)
def _dataset(url: str, version: int, scope: Scope) -> Dataset:
    """The only way pages get data: already narrowed to what the viewer may see."""
    return scope_dataset(_store_dataset(url, version), scope)


def dataset(f: Filters) -> Dataset:
    return _dataset(f.url, f.version, f.scope)


@st.cache_resource(show_spinner=False, max_entries=32)
def _term_dataset(url: str, version: int, scope: Scope, term: str) -> Dataset:
    """As :func:`_dataset`, with the 课题 of the term's members only (课题 have no term of their own)."""
    return with_term_projects(_dataset(url, version, scope), _store_dataset(url, version), scope, term)


def term_dataset(f: Filters) -> Dataset:
    """What the viewer may see, for the chosen term."""
    return _term_dataset(f.url, f.version, f.scope, f.term)


#: kind of data -> what a user calls it, in the order a school imports them (live: every declared kind)
KIND_NAMES = live(lambda kind: kind.upload_name)


@st.cache_data(show_spinner=False, max_entries=32)
def _missing(url: str, version: int, school: str | None) -> tuple[str, ...]:
    ds = _dataset(url, version, Scope(school))
    return tuple(kind for kind in KIND_NAMES if getattr(ds, kind).empty)


@st.cache_data(show_spinner=False, max_entries=16)
def _schools(url: str, version: int) -> list[str]:
    return _store_dataset(url, version).schools


@st.cache_data(show_spinner=False, max_entries=16)
def _district(url: str, version: int, scope: Scope, term: str) -> pd.DataFrame:
    from .district import district_table

    return district_table(_dataset(url, version, scope), term)


def district(f: Filters) -> pd.DataFrame:
    """Every school side by side (district mode), for the users who may see them all."""
    return _district(f.url, f.version, Scope(f.scope.school if user().school else None), f.term)


@st.cache_data(show_spinner=False, max_entries=32)
def _terms(url: str, version: int, scope: Scope) -> list[str]:
    return metrics.data_terms(_dataset(url, version, scope))


@st.cache_resource(show_spinner="正在计算……", max_entries=64)
def _view(url: str, version: int, scope: Scope, term: str) -> breakdowns.TermView:
    # shared and read-only (no copy on every rerun): nothing may modify its frames
    return breakdowns.term_view(_term_dataset(url, version, scope, term), term)


def view(f: Filters, term: str | None = None) -> breakdowns.TermView:
    """What metrics computes for the term (default: the chosen one)."""
    return _view(f.url, f.version, f.scope, term or f.term)


@st.cache_resource(show_spinner=False, max_entries=256)
def _figures(url: str, version: int, scope: Scope, term: str, group: str | None, teacher: str | None) -> dict:
    return breakdowns.scoped_figures(_view(url, version, scope, term), group, teacher)


def figures(f: Filters, term: str | None = None) -> dict:
    """metrics.figures for the filters (narrowed to the teacher when one is chosen)."""
    return _figures(f.url, f.version, f.scope, term or f.term, f.group, f.teacher)


@st.cache_resource(show_spinner=False, max_entries=64)
def _group_comparison(url: str, version: int, scope: Scope, term: str, group: str | None,
                      teacher: str | None) -> breakdowns.GroupComparison:
    return breakdowns.group_comparison(_view(url, version, scope, term), group, teacher)


@st.cache_resource(show_spinner=False, max_entries=64)
def _trends(url: str, version: int, scope: Scope, group: str | None, teacher: str | None) -> pd.DataFrame:
    views = [_view(url, version, scope, term) for term in _terms(url, version, scope)]
    return breakdowns.term_trends(views, group, teacher)


def trends(f: Filters) -> pd.DataFrame:
    """The KPIs of every term with data, same 教研组/教师."""
    return _trends(f.url, f.version, f.scope, f.group, f.teacher)


@st.cache_resource(show_spinner=False, max_entries=64)
def _overview(url: str, version: int, scope: Scope, term: str, previous: str | None, group: str | None,
              teacher: str | None) -> OverviewPanels:
    return overview_panels(_figures(url, version, scope, term, group, teacher),
                           _figures(url, version, scope, previous, group, teacher) if previous else None,
                           _group_comparison(url, version, scope, term, group, teacher),
                           _trends(url, version, scope, group, teacher),
                           _term_dataset(url, version, scope, term))


def overview(f: Filters) -> OverviewPanels:
    """总览's cards, figures and tables for the filters: one cached call per rerun (shared, read-only)."""
    return _overview(f.url, f.version, f.scope, f.term, f.previous, f.group, f.teacher)


@st.cache_resource(show_spinner="正在生成工作总结……", max_entries=32)
def _report(url: str, version: int, scope: Scope, term: str, group: str | None, school: str) -> tuple:
    from .report_docx import report_charts
    from .report_text import build_report

    built = build_report(_term_dataset(url, version, scope, term), term, group, school)
    return built, report_charts(built)


def report(f: Filters, school: str) -> tuple:
    """工作总结's (report, its charts) for the filters and school name: one cached call per rerun,
    built once per choice and store version (shared, read-only: the page's edits are its own texts)."""
    return _report(f.url, f.version, f.scope, f.term, f.group, school)


@st.cache_resource(show_spinner=False, max_entries=64)
def _reminder(url: str, version: int, scope: Scope, term: str, group: str, day: dt.date):
    from .reminders import reminder_for

    return reminder_for(_term_dataset(url, version, scope, term), term, group, day)


def reminder(f: Filters, group: str, day: dt.date):
    """The 教研组长 reminder list of ``group`` on ``day`` (cached like the report)."""
    return _reminder(f.url, f.version, f.scope, f.term, group, day)


@st.cache_resource(show_spinner=False, max_entries=64)
def _awards(url: str, version: int, scope: Scope, term: str):
    from .awards import award_view

    return award_view(_term_dataset(url, version, scope, term), term, _view(url, version, scope, term).roster)


def awards(f: Filters, term: str | None = None):
    """获奖与发表 of the term, every category (:func:`dashboard.awards.award_view`; shared, read-only)."""
    return _awards(f.url, f.version, f.scope, term or f.term)


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(url: str, version: int, scope: Scope, teacher: str) -> breakdowns.Profile:
    views = [_view(url, version, scope, term) for term in _terms(url, version, scope)]
    return breakdowns.teacher_profile(views, teacher)


def profile(f: Filters) -> breakdowns.Profile:
    return _profile(f.url, f.version, f.scope, f.teacher)


@st.cache_resource(show_spinner=False, max_entries=64)
def _profile_sections(url: str, version: int, scope: Scope, teacher: str) -> list:
    from .declared import profile_sections

    return profile_sections(_dataset(url, version, scope), teacher)


def profile_sections(f: Filters) -> list:
    """(kind, its 教师档案 sections) of every declared kind with data, for the chosen teacher, every term."""
    return _profile_sections(f.url, f.version, f.scope, f.teacher)


@st.cache_resource(show_spinner=False, max_entries=64)
def _term_choices(url: str, version: int, scope: Scope, term: str) -> breakdowns.TermChoices:
    return breakdowns.term_choices(_view(url, version, scope, term).roster)


# ------------------------------------------------------------------ warm-up

def warm_view(url: str) -> None:
    """Compute what the first views after a server start need, in the order a user meets them: the
    store's frames, 总览 of the latest term as a 管理员 first sees it (the first school in district
    mode), the sidebar's choices, 区域对比 and 工作总结 of that term, then 总览 and 区域对比 of the other terms.
    Every result lands in the caches the pages read (same keys), so a user arriving later finds it
    ready, and one arriving meanwhile waits only for the part still being computed (Streamlit
    computes each key once).  Runs again for each new store version (:func:`warm_up`); when the version
    changes while it runs, it stops and leaves nothing of the old version behind."""
    store = get_store(url)
    version = store.version()
    for _ in _warm_steps(url, version):
        if store.version() != version:  # an import or undo meanwhile: its own warm-up computes the new data
            _drop_stale(url, version)
            return


def _warm_steps(url: str, version: int) -> Iterator[None]:
    """:func:`warm_view`'s computations in order, pausing after each so the caller can stop."""
    from .report_text import school_name

    _forget_older_versions(url, version)
    _store_dataset(url, version)
    schools = _schools(url, version)
    scope = Scope(schools[0] if len(schools) >= 2 else None)
    terms = _terms(url, version, scope)
    yield
    if not terms:
        return
    term = terms[-1]
    before = previous_term(term)
    _overview(url, version, scope, term, before if before in terms else None, None, None)
    yield
    _term_choices(url, version, scope, term)
    yield
    if len(schools) >= 2:
        _district(url, version, Scope(None), term)
        yield
    _report(url, version, scope, term, None, school_name())
    yield
    for other in reversed(terms[:-1]):  # a 学期 change is a likely next click: 总览 of the other terms, newest first
        before = previous_term(other)
        _overview(url, version, scope, other, before if before in terms else None, None, None)
        yield
    if len(schools) >= 2:  # and 区域对比 of the other terms (seconds each at district scale)
        for other in reversed(terms[:-1]):
            _district(url, version, Scope(None), other)
            yield


def _drop_stale(url: str, version: int) -> None:
    """A warm-up that outlived its version leaves no results of it behind: once a page has seen a newer
    version nothing asks for the old one again, and at district scale it holds hundreds of MB."""
    if _SEEN_VERSION.get(url, version) > version:
        for cached in _VERSIONED:
            cached.clear()


def _served() -> bool:
    """Whether this process is a real Streamlit server (not AppTest, not a bare script)."""
    from streamlit.runtime import Runtime

    return Runtime.exists() and type(Runtime.instance()) is Runtime


@st.cache_resource(show_spinner=False, max_entries=16)
def warm_up(url: str, version: int) -> threading.Thread | None:
    """Start :func:`warm_view` once per server process, store and store version, in a background thread:
    :mod:`dashboard.serve` calls this when the server starts and :func:`sidebar_filters` on every run of a
    page (nothing runs at import), so after an import or undo the first views of the new data are
    computed at once, while the person who imported reads the result.  Off under AppTest and with
    ``DASHBOARD_WARM_UP=0``."""
    if os.environ.get("DASHBOARD_WARM_UP", "1") == "0" or not _served():
        return None

    def run() -> None:
        started = time.perf_counter()
        try:
            warm_view(url)
            print(f"看板已预先算好首屏数据（{time.perf_counter() - started:.1f} 秒）", file=sys.stderr, flush=True)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs the first user time; the page says why
            logging.getLogger("dashboard.warm_up").exception("预先计算失败")

    thread = threading.Thread(target=run, name="dashboard-warm-up", daemon=True)
    thread.start()
    return thread


#: Every result above keyed on the store version.
_VERSIONED = (_store_dataset, _dataset, _term_dataset, _missing, _schools, _district, _terms, _view, _figures,
              _group_comparison, _trends, _overview, _profile, _profile_sections, _term_choices, _report, _reminder,
              _awards)
#: url -> the newest store version this server process has seen
_SEEN_VERSION: dict[str, int] = {}


def _forget_older_versions(url: str, version: int) -> None:
    """After an import or undo no page asks for an older version again: drop those results before
    the new version's are built (at district scale an old copy of the frames is hundreds of MB)."""
    seen = _SEEN_VERSION.get(url)
    if seen is not None and version > seen:
        for cached in _VERSIONED:
            cached.clear()
    if seen is None or version > seen:
        _SEEN_VERSION[url] = version


#: the rule files' (path, mtime, size) when this process last computed with them
_SEEN_RULES: list[tuple | None] = [None]


def check_rule_files() -> None:
    """Stop the page with a Chinese message when a rule file (听课 quota …) cannot be used; when one
    was edited since the last click, drop every cached result so the new rules count at once."""
    try:
        quota.load_rules()  # read here first, so a broken file is said on the page, not in a traceback
    except RulesError as error:
        st.error(str(error), icon=":material/rule:")
        st.stop()
    for kind in KINDS.values():  # each kind's own rule file (培训学时, 教研活动, 公开课, 个人任务 …)
        load = hook(kind, "rules_hook")
        if load is None:
            continue
        try:
            load()
        except RulesError as error:
            st.error(str(error), icon=":material/rule:")
            st.stop()
    problems = rule_files.check()
    if problems:
        for message in problems:
            st.error(message, icon=":material/rule:")
        st.stop()
    stamp = rule_files.stamp()
    if _SEEN_RULES[0] is not None and stamp != _SEEN_RULES[0]:
        for cached in _VERSIONED:
            cached.clear()
    _SEEN_RULES[0] = stamp


# ------------------------------------------------------------------ filters

def _adopt_query_params() -> None:
    """Seed the filters from the URL on a session's first run, or when the URL changed since we wrote it."""
    synced = st.session_state.get("_flt_synced", {})
    for param, key in STATE.items():
        value = st.query_params.get(param)
        if key not in st.session_state:
            st.session_state[key] = value or ALL
        elif value is not None and value != synced.get(param):
            st.session_state[key] = value


@callback("筛选")
def _keep(param: str) -> None:
    st.session_state[STATE[param]] = st.session_state[WIDGETS[param]]


def _select(param: str, label: str, options: list[str], default: str, **kwargs) -> str:
    """A filter selectbox whose value outlives page switches (widget ids differ per page)."""
    if st.session_state.get(STATE[param]) not in options:
        st.session_state[STATE[param]] = default
    st.session_state[WIDGETS[param]] = st.session_state[STATE[param]]
    return st.selectbox(label, options, key=WIDGETS[param], on_change=_keep, args=(param,), **kwargs)


def _write_query_params(f: Filters) -> None:
    wanted = {"school": f.scope.school, "term": f.term, "group": f.group, "teacher": f.teacher}
    for param, value in wanted.items():
        if value:
            if st.query_params.get(param) != value:
                st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]
    st.session_state["_flt_synced"] = {param: value for param, value in wanted.items() if value}


def ensure_app_navigation() -> None:
    """Make app.py run: rerun once if Streamlit started this page on its own.

    With a ``pages/`` folder next to app.py, Streamlit's first run in a
    server process (and every AppTest run) treats the folder as old-style
    pages: a link straight to a page runs that file without app.py, so the
    navigation shows file names.  app.py's ``st.navigation`` ends that mode
    for the process; when the page got here first, end it and rerun.  ``python -m dashboard.serve``
    ends that mode before the first session (:func:`dashboard.serve.end_pages_folder_mode`).
    """
    from .serve import end_pages_folder_mode

    if end_pages_folder_mode():
        st.rerun()


def sidebar_filters() -> Filters:
    """Draw the shared filters (学期, 教研组, 教师) in the sidebar and return the choice.

    Call once per run, at the top of a page.  The filters are drawn by the
    page rather than app.py: widget ids are per page anyway, and the values
    are kept in session state under keys of their own (``STATE``).
    """
    ensure_app_navigation()
    url = resolve_url()
    try:
        store = get_store(url)
        version = store.version()
    except Exception as error:  # noqa: BLE001 - any driver error: logged with an id; no address or password shown
        from .safe import show_error

        show_error(error, "打开数据库")
        st.stop()
    viewer = login.require_login(store)
    check_rule_files()
    _forget_older_versions(url, version)
    warm_up(url, version)  # once per store version: after an import or undo the first views computed in the background
    _store_dataset(url, version)  # read here, so the first read after an import shows its spinner on the page
    _adopt_query_params()
    with st.sidebar:
        login.sign_out_box(viewer, store)
        st.markdown(words.FILTERS_HEADING)
        school = viewer.school
        schools = _schools(url, version)
        if school is None and len(schools) >= 2:
            school = _select("school", words.SCHOOL_FILTER, schools, schools[0], help="库里有多所学校：各页面按所选学校统计")
        scope = Scope(school, viewer.scope.group, viewer.scope.teacher)
        terms = _terms(url, version, scope)
        if not terms:
            st.caption("暂无数据。导入文件后可按学期、教研组、教师筛选。")
            f = Filters(url, version, scope, (), None, None, None)
        else:
            choices = list(reversed(terms))
            term = _select("term", words.TERM_FILTER, choices, choices[0], format_func=term_label, help="默认是最近一个有数据的学期")
            choices = _term_choices(url, version, scope, term)
            group = _select("group", words.GROUP_FILTER, [ALL, *choices.groups], ALL, format_func=lambda g: g or words.ALL_GROUPS)
            labels = choices.teachers[group or None]
            # a teacher's account sees only its own profile: nothing else to choose
            options = list(labels) if scope.teacher is not None and labels else [ALL, *labels]
            teacher = _select("teacher", words.TEACHER_FILTER, options, options[0], format_func=lambda k: labels.get(k, words.ALL_TEACHERS),
                              help="按姓名拼音排序；可输入姓名或拼音首字母搜索")
            f = Filters(url, version, scope, tuple(terms), term, group or None, teacher or None)
            st.caption("筛选条件已写入网址，复制网址即可打开同一视图。")
    _write_query_params(f)
    return f


def user() -> User:
    """The signed-in user (pages run only after :func:`sidebar_filters` let them in)."""
    return login.current_user()


def page_filters(title: str, *, roles: tuple[str, ...] | None = None, allow_empty: bool = False,
                 needs: tuple[str, ...] = (), stop: bool = True) -> Filters:
    """The sidebar filters, the page title, the filters in words.

    ``roles``: only these roles may open the page.  Unless ``allow_empty``,
    an empty store shows the empty state and stops the page.  ``needs``:
    the kinds of data the page counts (``KIND_NAMES``); when the viewer's
    school has none of one, the page says which to import next, and stops
    (always without a roster, nothing counts without one; with ``stop``
    also for the others).
    """
    f = sidebar_filters()
    st.title(title)
    if roles is not None and user().role not in roles:
        st.warning(f"“{user().role}”账号不能打开此页面。")
        st.stop()
    if f.empty and not allow_empty:
        empty_state(f, needs)
        st.stop()
    if not f.empty:
        st.caption(f"当前筛选：{md(f.caption)}")
        lacking = [kind for kind in needs if kind in missing(f)]
        if lacking:
            import_next(lacking)
            if stop or "roster" in lacking:
                st.stop()
    return f


def missing(f: Filters) -> tuple[str, ...]:
    """The kinds of data the viewer's school has no rows of yet (whatever the viewer's own scope)."""
    return _missing(f.url, f.version, f.scope.school)


def import_hint(kinds: list[str] | tuple[str, ...], may_import: bool) -> str:
    """What to import next, and who imports it.

    >>> import_hint(["observations"], True)
    '还没有听课记录：请在“数据导入”页上传听课记录。'
    >>> import_hint(["roster", "papers"], False)
    '还没有教师名册、获奖与发表记录：请管理员或教科室在“数据导入”页上传教师名册、获奖与发表记录。'
    """
    names = "、".join(KIND_NAMES[kind] for kind in kinds)
    who = "请" if may_import else "请管理员或教科室"
    return f"还没有{names}：{who}在“数据导入”页上传{names}。"


def import_next(kinds: list[str] | tuple[str, ...]) -> None:
    """Say which kinds of data are missing and where they are imported (a link for those who may)."""
    may_import = user().may_manage
    st.info(import_hint(kinds, may_import), icon=":material/upload_file:")
    if may_import:
        st.page_link(IMPORT_PAGE, label=words.IMPORT_LINK, icon=":material/upload_file:")


def empty_state(f: Filters | None = None, needs: tuple[str, ...] = ()) -> None:
    """No data to show: say what the school has not imported yet (of what the page ``needs``, and
    always the roster), link to the import page, give the demo command."""
    lacking = missing(f) if f is not None else tuple(KIND_NAMES)
    may_import = user().may_manage
    if len(lacking) == len(KIND_NAMES):
        who = "请" if may_import else "请管理员或教科室"
        where = f"数据库里还没有{f.scope.school}的数据" if f is not None and f.scope.school else "数据库里还没有任何数据"
        st.info(f"{where}：{who}在“数据导入”页上传{'、'.join(KIND_NAMES.values())}，"
                f"或在命令行运行 `{DEMO_COMMAND}` 导入示例学校的数据。")
        if may_import:
            st.page_link(IMPORT_PAGE, label=words.IMPORT_LINK, icon=":material/upload_file:")
            st.code(DEMO_COMMAND, language="bash")
    elif "roster" in lacking:
        import_next([kind for kind in KIND_NAMES if kind in lacking and (kind == "roster" or kind in needs)])
    else:
        st.info("你可以查看的范围内还没有数据（本教研组或本人不在已导入的名册中）。")


def today() -> dt.date:
    return dt.date.today()


# ------------------------------------------------------------------ output

def download(frame: pd.DataFrame, f: Filters, *, key: str, filename: str, title: str) -> None:
    """An Excel download of ``frame`` whose first rows state the filters; built only when clicked."""
    term = term_label(f.term) if f.term else ""
    st.download_button(words.EXCEL_BUTTON, data=lambda: excel_bytes(frame, f.describe(), title=title),
                       file_name=f"{filename}_{term}.xlsx", mime=XLSX, key=f"{key}_xlsx", on_click="ignore",
                       icon=":material/download:")


def table(frame: pd.DataFrame, f: Filters, *, key: str, filename: str, title: str, select: str | list[str] | None = None,
          column_config: dict | None = None, index: bool = False, height: int | str = "auto"):
    """A table with its Excel download; with ``select`` ("single-row", …) returns the selection."""
    event = st.dataframe(frame if index else arrow_table(frame), key=key, hide_index=not index,
                         column_config=column_config, height=height, on_select="rerun" if select else "ignore",
                         selection_mode=select or "multi-row")
    download(frame.reset_index() if index else frame, f, key=key, filename=filename, title=title)
    return event.selection if select else None


#: id(frame) -> (weak reference to the frame, its Arrow table)
_ARROW: dict[int, tuple[weakref.ref, pa.Table]] = {}


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as the Arrow table ``st.dataframe`` sends, converted once per frame object.

    The cached results (shared and read-only) are drawn again on every
    rerun; converting them once saves most of a table's cost.  A frame
    built during the run is converted each time, and its entry goes when
    the frame does.
    """
    key = id(frame)
    found = _ARROW.get(key)
    if found is not None and found[0]() is frame:
        return found[1]
    table = pa.Table.from_pandas(frame, preserve_index=False)

    def forget(ref: weakref.ref, key: int = key) -> None:
        if _ARROW.get(key, (None,))[0] is ref:
            _ARROW.pop(key, None)

    _ARROW[key] = (weakref.ref(frame, forget), table)
    return table


@contextmanager
def opened(label: str, key: str, expanded: bool = False) -> Iterator[bool]:
    """An expander whose content runs only while it is open (Streamlit's lazy expander):
    ``with ui.opened(label, key) as shown: if shown: …``.  A closed one costs a rerun nothing.
    ``expanded``: open when it first appears."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


def section(part: Section, f: Filters, *, key: str, filename: str, heading: bool = True) -> None:
    """A declared kind's section (教师档案, 工作总结): its heading, paragraph, table (with its Excel
    download) and note."""
    if heading and part.heading:
        st.markdown(f"**{md(part.heading)}**")
    if part.text:
        st.markdown(md(part.text))
    if part.table is not None:
        if len(part.table):
            table(part.table, f, key=key, filename=filename, title=part.heading or filename)
        else:
            st.caption("无")
    if part.note:
        st.caption(f"注：{md(part.note)}")


def selected_row(selection) -> int | None:
    """The one selected row position, if any."""
    rows = list(selection.rows) if selection is not None else []
    return rows[0] if rows else None


def selected_cell(selection) -> tuple[int, str] | None:
    cells = list(selection.cells) if selection is not None else []
    return tuple(cells[0]) if cells else None


def draw(chart: Chart) -> None:
    """A prepared chart, under its own key and download name."""
    show_chart(chart.figure, key=chart.key, filename=chart.filename)


def show_chart(fig: go.Figure, key: str, filename: str) -> None:
    """Every chart goes through here: the figure, and (later) its PNG download."""
    st.plotly_chart(fig, key=key, theme=None, width="stretch",
                    config={"displaylogo": False,
                            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}})
    from .png import figure_png, problem  # PNG drawn by chromium only when the button is clicked

    issue = problem()
    st.download_button(words.PNG_BUTTON, data=(lambda: figure_png(fig)) if issue is None else b"",
                       file_name=f"{filename}.png", mime="image/png", key=f"{key}_png", on_click="ignore",
                       icon=":material/image:", disabled=issue is not None,
                       help=issue or "把这张图下载为 PNG 图片（中文清晰，可插入文档）")


percent = breakdowns.percent_text
