"""The benchmark's report when 总览 cannot be measured yet: it says why instead of failing."""

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
