"""The results a server computes in the background after its start are those the first views read."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard import ui
from dashboard.cli import main

from .conftest import ROOT, sign_in

APP = str(ROOT / "app.py")


def test_after_the_warm_up_the_first_views_compute_nothing_again(tmp_path, monkeypatch):
    import dashboard.district
    import dashboard.report_text

    url = f"sqlite:///{tmp_path / 'district.db'}"
    main(["demo", "--school", "第一中学", "--db", url])
    main(["demo", "--school", "第二中学", "--db", url])
    monkeypatch.setenv("DASHBOARD_DB", url)
    ui.check_rule_files()  # take the rule files in use now as seen (an earlier test may have used others)
    ui.warm_view(url)
    computed = []
    for module, name in ((ui, "overview_panels"), (dashboard.district, "district_table"),
                         (dashboard.report_text, "build_report")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real, name=name, **kwargs: computed.append(name)
                            or real(*args, **kwargs))
    at = sign_in(AppTest.from_file(APP, default_timeout=120)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert next(b for b in at.selectbox if b.label == "学校").value == "第一中学"
    assert [m.label for m in at.metric][:2] == ["教师数", "听课总节数"]
    for page in ("pages/district.py", "pages/report.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    assert computed == []
    at.switch_page("pages/overview.py").run()
    terms = next(b for b in at.selectbox if b.label == "学期").options
    assert len(terms) >= 2
    next(b for b in at.selectbox if b.label == "学期").set_value(terms[-1]).run()  # another term: warmed too
    at.switch_page("pages/district.py").run()  # 区域对比 of that term too
    assert computed == [] and not at.exception
    at.switch_page("pages/overview.py").run()
    at.selectbox(key="flt_school").set_value("第二中学").run()  # not warmed: computed now, and shown
    assert computed == ["overview_panels"] and not at.exception


def test_the_warm_up_runs_only_in_a_real_server():
    assert ui.warm_up.__wrapped__("sqlite:///nowhere.db", 0) is None  # AppTest and bare scripts start no thread


def test_the_server_computes_the_first_views_before_anyone_connects(tmp_path):
    """Started as scripts/run.sh starts it, the server warms up on its own: its log says so, and no
    browser (no session) has connected yet."""
    import os
    import time

    from .conftest import streamlit_server

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    main(["demo", "--db", url])
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    with streamlit_server(tmp_path, {**env, "DASHBOARD_DB": url, "DASHBOARD_DEMO": "1"}):
        log = tmp_path / "streamlit.log"
        deadline = time.monotonic() + 120
        while "看板已预先算好首屏数据" not in log.read_text(encoding="utf-8", errors="replace"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8", errors="replace")[-2000:]
            time.sleep(0.5)


def _join_warm_ups() -> None:
    import threading

    for thread in threading.enumerate():
        if thread.name == "dashboard-warm-up":
            thread.join()


def test_after_an_undo_a_served_dashboard_computes_the_first_views_of_the_new_data(tmp_path, monkeypatch):
    """A run that meets a new store version (an import or undo, here from the command line) starts the
    warm-up for it; 总览 then shows the new figures without computing them."""
    from dashboard import metrics
    from dashboard.store import Store

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    main(["demo", "--db", url])
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.setattr(ui, "_served", lambda: True)  # as in a real server, where the warm-up runs
    store = Store(url)
    warmed = []
    real_warm = ui.warm_view
    monkeypatch.setattr(ui, "warm_view", lambda u: warmed.append(store.version()) or real_warm(u))
    ui.check_rule_files()
    ui.warm_up.clear()
    at = sign_in(AppTest.from_file(APP, default_timeout=120)).run()
    assert not at.exception, [e.value for e in at.exception]
    _join_warm_ups()
    first = store.version()
    assert warmed == [first]
    history = store.history()
    log = int(history.loc[history["kind"] == "observations", "id"].iloc[-1])
    assert main(["undo", str(log), "--db", url]) == 0
    second = store.version()
    computed = []
    real = ui.overview_panels
    monkeypatch.setattr(ui, "overview_panels", lambda *args, **kwargs: computed.append(1) or real(*args, **kwargs))
    at.run()  # the first run after the undo starts the new version's warm-up
    _join_warm_ups()
    assert warmed == [first, second] and second > first
    assert computed  # the warm-up computed 总览 of the new data
    before = len(computed)
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(computed) == before  # 总览 read what the warm-up computed
    term = next(b for b in at.selectbox if b.label == "学期").value
    total = metrics.figures(Store(url).dataset(), term)["observations"]["total"]
    shown = next(m for m in at.metric if m.label == "听课总节数").value
    assert str(total) in shown.replace(",", "")


def test_a_warm_up_that_outlives_its_version_stops_and_keeps_nothing_of_it(tmp_path, monkeypatch):
    """An undo lands while the warm-up runs and a page has already read the new version: the warm-up
    computes no further view of the old data, and what it built of it is gone."""
    import dashboard.report_text
    from dashboard.store import Store

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    main(["demo", "--db", url])
    monkeypatch.setenv("DASHBOARD_DB", url)
    ui.check_rule_files()
    store = Store(url)
    history = store.history()
    log = int(history.loc[history["kind"] == "observations", "id"].iloc[-1])
    old = store.version()
    reports, overviews = [], []
    real_report, real_overview, real_choices = (dashboard.report_text.build_report, ui.overview_panels,
                                                ui.breakdowns.term_choices)
    monkeypatch.setattr(dashboard.report_text, "build_report", lambda *a, **k: reports.append(1) or real_report(*a, **k))
    monkeypatch.setattr(ui, "overview_panels", lambda *a, **k: overviews.append(1) or real_overview(*a, **k))

    chosen = []

    def choices_then_undo(*args, **kwargs):
        chosen.append(1)
        choices = real_choices(*args, **kwargs)
        store.undo(log)  # lands after 总览 of the latest term was warmed
        ui._forget_older_versions(url, store.version())  # and a page has already seen it
        return choices

    monkeypatch.setattr(ui.breakdowns, "term_choices", choices_then_undo)
    ui.warm_view(url)
    assert overviews == [1] and chosen == [1] and reports == []  # stopped before 工作总结 and the other terms
    monkeypatch.setattr(ui.breakdowns, "term_choices", lambda *a, **k: chosen.append(1) or real_choices(*a, **k))
    scope = ui.Scope(None)
    ui._term_choices(url, old, scope, ui._terms(url, old, scope)[-1])
    assert chosen == [1, 1]  # computed again: what the warm-up finished for the old version after the page
    # had seen the new one was dropped, not kept beside the new version's results
