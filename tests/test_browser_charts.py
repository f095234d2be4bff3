"""Charts at district size in a real browser: 区域对比 with 26 schools, drawn by chromium, no text label
laid over another (bar values, totals, axis labels), and every school named on its chart."""

from __future__ import annotations

import os

import pytest

from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import streamlit_server, xlsx_bytes
from .test_browser import ARGS, ARTIFACTS, CHROMIUM, pytestmark  # noqa: F401 - same skip

SCHOOLS = [f"第{n}实验学校" if n % 3 else f"区第{n}中学附属学校" for n in range(1, 27)]
LEVELS = ("国家级", "省级", "市级", "区县级", "校级")
GRADES = ("一等奖", "二等奖", "三等奖")

#: Every text label of one Plotly chart that overlaps another (boxes as the browser laid them out).
OVERLAPS = """(plot) => {
  const boxes = [];
  for (const el of plot.querySelectorAll('text.bartext, g.textpoint text, g.xtick text, g.ytick text')) {
    const text = el.textContent.trim();
    const r = el.getBoundingClientRect();
    if (!text || r.width === 0 || r.height === 0 || getComputedStyle(el).opacity === '0') continue;
    boxes.push({text, left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  }
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (wide > 1 && high > 1) found.push(a.text + ' / ' + b.text);
  }
  const ticks = [...plot.querySelectorAll('g.ytick text, g.xtick text')].map(el => el.textContent.trim());
  return {labels: boxes.length, overlaps: found, ticks};
}"""


ADMIN, PASSWORD = "区管理员", "district-charts-7Qx"


def district_store(url: str) -> None:
    """26 schools, each with its own roster, 听课 log and papers, so every school has a different 达标率."""
    store = Store(url)
    for index, school in enumerate(SCHOOLS):
        teachers = [f"教师{index}_{k}" for k in range(8)]
        roster = [["2024学年第一学期教师名册"], ["姓名", "教研组", "出生年月"],
                  *[[name, "语文组" if k % 2 else "数学组", "1995.01"] for k, name in enumerate(teachers)]]
        met = index % 9  # 0..8 of the 8 teachers meet the quota of 20
        log = [["日期", "听课人", "授课教师", "班级", "节数"],
               *[["2024.10.08", name, teachers[0], "1班", 20 if k < met else 3 + k] for k, name in enumerate(teachers)]]
        papers = [["2024-2025学年第一学期论文获奖"], ["作者", "论文题目", "级别", "等次"],
                  *[[teachers[k % 8], f"{school}论文{k}", LEVELS[(index + k) % 5], GRADES[k % 3]]
                    for k in range(3 + index % 11)]]
        for name, rows in (("名册.xlsx", roster), ("听课记录.xlsx", log), ("论文.xlsx", papers)):
            store.import_result(load_file(xlsx_bytes(rows), f"{school}{name}"), school=school)
    from dashboard import accounts

    accounts.add_user(store, ADMIN, PASSWORD, "管理员")
    store.engine.dispose()


@pytest.fixture(scope="module")
def district_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    url = f"sqlite:///{folder / 'district.db'}"
    district_store(url)
    env = {**{k: v for k, v in os.environ.items() if k != "DASHBOARD_DEMO"}, "DASHBOARD_DB": url}
    with streamlit_server(folder, env) as base:
        yield base


@pytest.mark.parametrize("width", [1500, 1100])
def test_district_charts_have_no_overlapping_labels(district_server, width):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1000}, locale="zh-CN")
            page.goto(f"{district_server}/district?term=2024-2025-1", wait_until="domcontentloaded")
            page.get_by_label("用户名").wait_for(state="visible", timeout=60_000)
            page.get_by_label("用户名").fill(ADMIN)
            page.get_by_label("密码", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("heading", name="区域对比").first.wait_for(state="visible", timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
            page.get_by_test_id("stDataFrame").first.wait_for(state="visible", timeout=60_000)  # the table's tab
            ARTIFACTS.mkdir(exist_ok=True)
            for tab in ("各校听课达标率", "各校论文（按级别）"):  # each chart in its own tab, drawn when opened
                page.get_by_role("tab", name=tab).click()
                plot = page.locator(".js-plotly-plot")
                page.wait_for_function(  # the tab's chart alone (the other tab's is gone), titled as the tab
                    """(title) => { const plots = document.querySelectorAll('.js-plotly-plot');
                       return plots.length === 1 && !document.querySelector('[data-stale="true"]')
                         && [...plots[0].querySelectorAll('.gtitle')].some(t => t.textContent.trim() === title); }""",
                    arg=tab, timeout=60_000)
                page.wait_for_timeout(500)  # plotly's second layout pass (automargin) settles
                assert plot.count() == 1
                page.screenshot(path=str(ARTIFACTS / f"district_charts_{width}_{tab}.png"), full_page=True)
                plot.scroll_into_view_if_needed()
                found = plot.evaluate(OVERLAPS)
                assert found["labels"] >= len(SCHOOLS), found  # the labels were found and measured
                assert found["overlaps"] == [], (tab, found["overlaps"][:5])
                assert set(SCHOOLS) <= set(found["ticks"]), set(SCHOOLS) - set(found["ticks"])  # every school named
        finally:
            browser.close()
