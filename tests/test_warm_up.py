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
    assert ui.warm_up.__wrapped__("sqlite:///nowhere.db") is None  # AppTest and bare scripts start no thread


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
