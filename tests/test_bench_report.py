"""The benchmarks' own promises: P2 says why when 总览 cannot be measured yet, the browser benchmark opens
every page of the menu, and its same-content floor draws what 总览 draws."""

import json
from pathlib import Path

import bench.run as run


def test_p2_without_an_overview_page_reports_why(monkeypatch, capsys):
    monkeypatch.setattr(run.generate, "ensure", lambda out, regenerate=False, log=print: {"files": {"听课记录.xlsx": {"rows": 3}}})
    monkeypatch.setattr(run.generate, "log_files", lambda manifest: ["听课记录.xlsx"])
    monkeypatch.setattr(run, "district_store", lambda out, manifest, log: Path("district.db"))
    monkeypatch.setattr(run, "overview_ready", lambda: "总览页面还是占位页")
    status = run.main(["--only", "P2"])
    shown = capsys.readouterr().out
    assert status == 0
    assert "P2 总览热重绘 ÷ 空页面热重绘 | n/a" in shown
    assert shown.count("总览页面还是占位页") == 2


def test_the_browser_benchmark_opens_every_page_of_the_administrators_menu():
    """A page added to the menu and not to the benchmark (or to the floor app) stops the benchmark."""
    from bench import browser

    browser.menu_matches()  # raises SystemExit naming the difference
    assert browser.PAGES[-1] == "总览" and len(set(browser.PAGES)) == len(browser.PAGES)


def test_the_same_content_floor_draws_what_the_overview_draws(monkeypatch):
    """The browser benchmark's same-content floor shows 总览's elements at district scale: 16 cards, one chart,
    a 12 × 9 table (one row when one 教研组 is chosen), four tabs: if it drew less, its times would flatter Streamlit."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BENCH_FLOOR_SHAPE", "overview")
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "bench"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "bench" / "floor_app.py"), default_timeout=60)
    at.session_state["user"] = "bench"
    at.run()
    assert not at.exception
    assert len(at.metric) == 16 and len(at.tabs) == 4 and len(at.expander) == 1
    (chart,) = at.get("plotly_chart")
    assert len(json.loads(chart.proto.spec)["data"][0]["x"]) == 12
    (frame,) = [table.value for table in at.dataframe]
    assert frame.shape == (12, 9) and list(frame.columns[:4]) == ["教研组", "教师数", "达标人数", "达标率"]
    at.sidebar.selectbox(key="group").select_index(3).run()
    (frame,) = [table.value for table in at.dataframe]
    assert frame.shape == (1, 9) and frame.iloc[0, 0] == "第2组"
    (chart,) = at.get("plotly_chart")
    assert json.loads(chart.proto.spec)["data"][0]["x"] == ["第2组"]
