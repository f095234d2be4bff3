"""A real browser on a real server: `streamlit run app.py` on the demo school, driven by Playwright (Debian chromium).

Screenshots go to artifacts/ (git-ignored) so a person can check that the
Chinese text is readable.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from dashboard.accounts import mark_demo_store
from dashboard.cli import DEMO_DIR, demo_files, import_files
from dashboard.store import Store

from .conftest import ROOT, streamlit_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"
SERVED_DB: list[str] = []  # the served store's URL, for tests that compare with its data

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="没有 /usr/bin/chromium（apt-get install chromium）")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run app.py` on 127.0.0.1 with the demo loaded; always terminated."""
    if not DEMO_DIR.is_dir() or not demo_files():
        pytest.skip("data/demo 还没有示例数据")
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'demo.db'}"
    store = Store(url)
    assert mark_demo_store(store)  # what `python -m dashboard demo` does: demo accounts sign in only here
    import_files(store, demo_files(), out=io.StringIO())
    store.engine.dispose()
    SERVED_DB[:] = [url]
    with streamlit_server(folder, {**os.environ, "DASHBOARD_DB": url, "DASHBOARD_DEMO": "1"}) as base:
        yield base


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
            yield context.new_page()
        finally:
            browser.close()


def _sign_in(page, username: str) -> None:
    """Sign in with a demo account through the form every page shows to a new session."""
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo")
    page.get_by_role("button", name="登录").click()


def _open(page, url: str, heading: str, username: str = "admin") -> None:
    page.context.clear_cookies()  # no session cookie: the new Streamlit session is signed out
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_label("用户名").wait_for(state="visible", timeout=60_000)
    _sign_in(page, username)
    page.get_by_role("heading", name=heading).first.wait_for(state="visible", timeout=60_000)
    page.wait_for_function(  # Streamlit shows this while a run is in progress
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.locator(".js-plotly-plot, [data-testid='stDataFrame']").first.wait_for(state="visible", timeout=60_000)


def _screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main container, so grow the window to its height first."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1500, "height": min(max(int(height), 1000), 12_000)})
    page.wait_for_timeout(1500)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size({"width": 1500, "height": 1000})


def test_overview_in_a_real_browser(server, page):
    _open(page, f"{server}/", "总览")
    _screenshot(page, "overview.png")
    for text in ("听课总节数", "听课达标率", "论文获奖/发表篇数", "在研课题", "教研组对比", "各学期趋势"):
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    assert "term=" in page.url  # the filters are in the address
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("学期").first.is_visible() and sidebar.get_by_text("教研组").first.is_visible()
    assert not page.get_by_text("论文篇数（按级别）", exact=True).count()  # the closed tab is not drawn
    page.get_by_role("tab", name="各学期趋势").click()  # opening it runs it, and the address keeps it
    page.get_by_text("论文篇数（按级别）", exact=True).first.wait_for(state="visible", timeout=60_000)
    assert "tab=" in page.url
    assert page.get_by_role("button", name="Deploy").count() == 0


def test_a_template_is_built_when_clicked_and_arrives_whole(server, page):
    """数据导入 makes a template only when its button is clicked (not on every visit): the file that
    arrives is that template, under its own name, with its headers."""
    from openpyxl import load_workbook

    from dashboard.templates import TEMPLATES, template_bytes

    _open(page, f"{server}/", "总览")
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name="数据导入", exact=True)
    if not link.is_visible():  # a menu of more than 10 pages shows the rest on request
        page.get_by_test_id("stSidebarNavViewButton").click()
    link.click()
    page.get_by_role("heading", name="数据导入").first.wait_for(state="visible", timeout=60_000)
    template = TEMPLATES["roster"]
    with page.expect_download(timeout=60_000) as caught:
        page.get_by_role("button", name=template.title, exact=True).click()
    arrived = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes())).active
    expected = load_workbook(io.BytesIO(template_bytes("roster"))).active
    assert caught.value.suggested_filename == template.filename
    assert [cell.value for cell in arrived[1]] == [cell.value for cell in expected[1]]
    assert arrived.max_row == expected.max_row >= 2  # the headers and the example row


def test_observations_in_a_real_browser(server, page):
    _open(page, f"{server}/observations?term=2024-2025-1&group=数学组", "听课达标")  # a link opens this view
    _screenshot(page, "observations.png")
    for text in ("当前筛选：2024-2025学年第一学期 · 数学组", "教师听课进度", "各教研组达标率", "每周听课节数", "达标人数"):
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    page.get_by_role("tab", name="每周听课节数").click()  # a tab runs when opened
    page.get_by_text("每周听课节数（数学组）").first.wait_for(state="visible", timeout=60_000)


def test_group_leader_sees_only_their_group_in_a_real_browser(server, page):
    """Signed in as 语文组长: no other group's teacher anywhere on 听课达标, nor in the 教师 list."""
    _open(page, f"{server}/observations?term=2024-2025-1", "听课达标", username="语文组长")
    roster = Store(SERVED_DB[0]).dataset().roster
    ours = set(roster.loc[roster["group"] == "语文组", "name_key"])
    others = set(roster["name_key"]) - ours
    text = page.locator("body").inner_text() + " ".join(page.locator(".js-plotly-plot").all_inner_texts())
    _screenshot(page, "observations_group_leader.png")
    page.get_by_test_id("stSidebar").get_by_role("combobox").last.click()  # the 教师 list
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert "语文组长" in text
    assert [name for name in others if name in text] == []
    shown = {option.split("（")[0].split(" ")[0] for option in options} - {"全部教师"}
    assert shown and shown <= ours, shown - ours


def _signed_in_on(page, heading: str) -> None:
    """The page shows ``heading`` with the sidebar's sign-out button: no sign-in form came in between."""
    page.get_by_role("heading", name=heading).first.wait_for(state="visible", timeout=60_000)
    page.get_by_role("button", name="退出登录").wait_for(state="visible", timeout=60_000)
    assert page.get_by_label("用户名").count() == 0


def test_a_session_survives_a_reload_a_new_tab_and_a_copied_link(server, page):
    _open(page, f"{server}/observations?term=2024-2025-1", "听课达标", username="校长")
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert "dashboard_session" in cookies and cookies["dashboard_session"]["sameSite"] == "Strict"
    page.reload(wait_until="domcontentloaded")
    _signed_in_on(page, "听课达标")
    assert "当前用户：校长" in page.get_by_test_id("stSidebar").inner_text()
    link = page.url
    tab = page.context.new_page()  # a new tab with the copied link
    try:
        tab.goto(link, wait_until="domcontentloaded")
        _signed_in_on(tab, "听课达标")
        tab.goto(f"{server}/papers", wait_until="domcontentloaded")  # and another page typed in by hand
        _signed_in_on(tab, "获奖与发表")
    finally:
        tab.close()
    page.get_by_role("button", name="退出登录").click()
    page.get_by_label("用户名").wait_for(state="visible", timeout=60_000)
    page.reload(wait_until="domcontentloaded")  # signed out stays signed out
    page.get_by_label("用户名").wait_for(state="visible", timeout=60_000)


def test_a_link_to_the_first_page_opens_it(server, page):
    _open(page, f"{server}/overview", "总览")
    assert "Page not found" not in page.locator("body").inner_text()
    assert "/overview" in page.url


@pytest.mark.parametrize("address, heading", [("import", "数据导入"), ("training", "培训学时"), ("quality", "数据质量")])
def test_the_first_visitor_after_a_start_may_arrive_by_a_pages_address(server, page, tmp_path, address, heading):
    """Until a run has called st.navigation, Streamlit took pages/ for old-style pages named by their files:
    the first visitor after a start who opened /import (pages/import_data.py) got "Page not found"."""
    with streamlit_server(tmp_path, {**os.environ, "DASHBOARD_DB": SERVED_DB[0], "DASHBOARD_DEMO": "1"}) as fresh:
        page.context.clear_cookies()
        page.goto(f"{fresh}/{address}", wait_until="domcontentloaded")
        page.get_by_label("用户名").wait_for(state="visible", timeout=60_000)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        page.wait_for_timeout(1000)
        assert "Page not found" not in page.locator("body").inner_text()
        _sign_in(page, "admin")
        page.get_by_role("heading", name=heading).first.wait_for(state="visible", timeout=60_000)
        assert "Page not found" not in page.locator("body").inner_text()
        assert page.url.split("?")[0].endswith(f"/{address}")


def test_a_demo_server_shows_the_banner_and_no_error_details(server, page):
    _open(page, f"{server}/", "总览")
    assert page.get_by_text("演示模式", exact=False).first.is_visible()
