"""The browser benchmark: ``python -m bench --only browser`` (or ``python -m bench.browser``).

What a user feels, measured in headless chromium (Playwright, the system
``/usr/bin/chromium``, as the browser tests use) against ``streamlit run
app.py`` on the district store: sign in, change 学期 and 教研组, open every
page.  The same steps run on a floor app (:mod:`bench.floor_app`: the
cheapest Streamlit app with the same kinds of elements) served by the same
Python, each product step followed by the floor's, so the machine's load
hits both alike.  A third app, the same-content floor (the floor app with
``BENCH_FLOOR_SHAPE=overview``), draws on every page as many elements of
each kind as 总览 shows, from fixed values: the dashboard's filter changes
divided by its times say how much of them is the dashboard's own work and
how much is Streamlit and the browser drawing that content.  The dashboard
is started as ``scripts/run.sh`` starts it (:mod:`dashboard.serve`: its
first views are computed as soon as it serves);
round 0 begins once the server says that is done, and the time it took is printed.

An interaction is timed from the click to the last visible change: it ends
when the app is idle (the script has run since the click and is not running,
no element is stale, no skeleton or spinner shows) and nothing in the page
has changed for 400 ms; its time is that of the last change.  Round 0 runs
on freshly started servers (every page's first view after a start); rounds
1..N are warm and give the medians.  All three servers and the browser run on
this machine, so the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from .serving import served

ROOT = Path(__file__).resolve().parent.parent
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        # two tabs take turns: the one not in front must not be slowed down as a background tab
        "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
        "--disable-renderer-backgrounding"]
QUIET_MS = 400
SETTLE_MS = 1500  # the sign-in form is left this long without a change before the benchmark types
#: The apps each step runs on, in turn: the dashboard, the floor, the same-content floor.
APPS = {"product": "看板", "floor": "底线应用", "twin": "同内容底线"}
RETRIES: list[int] = []  # clicks made again because the first started no run
FAILED: list[str] = []  # steps that never finished (left out of the medians, listed under the table)
#: The pages as the administrator's menu lists them (总览 is where sign-in lands, so it is opened last);
#: the floor app serves the same titles (bench/floor_app.py), checked when the benchmark starts.
PAGES = ("听课达标", "获奖与发表", "课题管理", "公开课", "培训学时", "教研活动", "师徒结对", "个人任务", "教师档案", "工作总结",
         "区域对比", "数据导入", "数据质量", "账号管理", "总览")


def menu_matches() -> None:
    """The benchmark opens every page of the administrator's menu, and the floor app has the same pages."""
    from dashboard.accounts import User
    from dashboard.navigation import pages_for

    from .floor_app_titles import TITLES

    menu = [entry.title for entry in pages_for(User("bench", "管理员"))]
    if sorted(menu) != sorted(PAGES) or sorted(TITLES) != sorted(PAGES):
        raise SystemExit(f"基准的页面表与管理员菜单不一致：菜单 {menu}，基准 {list(PAGES)}，底线应用 {list(TITLES)}")

#: Installed in every document: the time of the last DOM change, and whether the script ran since a mark.
_WATCH = """
window.__lastChange = performance.now();
window.__ranAt = 0;
// What a canvas holds is its fallback content, never drawn (the tables keep an accessible copy of their
// cells there, updated a few hundred ms after the picture): a change there is not a visible change.
const hidden = (r) => {
  const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
  if (!node) return false;
  if (node.tagName === 'CANVAS') return r.type !== 'attributes';
  return !!(node.closest && node.closest('canvas'));
};
new MutationObserver((records) => {
  const now = performance.now();
  if (records.some((r) => !hidden(r))) window.__lastChange = now;
  for (const r of records) {
    if (r.attributeName === 'data-test-script-state' &&
        (r.oldValue === 'running' || r.target.getAttribute('data-test-script-state') === 'running')) {
      window.__ranAt = now;
    }
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true});
"""
_IDLE = f"""() => {{
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || window.__ranAt < window.__t0) return false;
  const state = app.getAttribute('data-test-script-state');
  if (state === 'running' || state === 'rerunRequested' || state === 'initial') return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"], [data-testid="stSpinner"]')) return false;
  return performance.now() - window.__lastChange >= {QUIET_MS};
}}"""


def timed(page, action) -> float:
    """Seconds from ``action`` (a click) to the last visible change of the run it starts."""
    page.evaluate("() => { window.__t0 = performance.now(); }")
    action()
    try:  # a click that started nothing at all (it landed while the page was still settling) is made again
        page.wait_for_function("() => window.__ranAt >= window.__t0 || performance.now() - window.__lastChange > 30000",
                               polling=100, timeout=120_000)
        if not page.evaluate("() => window.__ranAt >= window.__t0"):
            RETRIES.append(1)
            page.evaluate("() => { window.__t0 = performance.now(); }")
            action()
        page.wait_for_function(_IDLE, polling=50, timeout=120_000)
    except Exception as error:  # say what kept it busy
        state = page.evaluate(_WHY_BUSY)
        raise RuntimeError(f"两分钟内没有空闲：{state}") from error
    return page.evaluate("() => window.__lastChange - window.__t0") / 1000


_WHY_BUSY = """() => ({
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  ranSinceClick: window.__ranAt >= window.__t0,
  stale: document.querySelectorAll('[data-stale="true"]').length,
  skeleton: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  spinner: document.querySelectorAll('[data-testid="stSpinner"]').length,
  quietMs: performance.now() - window.__lastChange,
})"""


class Session:
    """One browser tab signed in to one app (the dashboard or the floor)."""

    def __init__(self, browser, base: str, name: str, credentials: tuple[str, str]):
        self.name = name
        self.credentials = credentials
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
        self.context.add_init_script(_WATCH)
        self.page = self.context.new_page()
        self.page.goto(base, wait_until="domcontentloaded")
        self.page.get_by_label("用户名").wait_for(state="visible", timeout=120_000)
        # A person reads the form and types a name and a password: a second at the very least.  The page has
        # settled by then (what it loads in the background while the form shows is loaded).
        self.page.wait_for_function(f"() => performance.now() - window.__lastChange >= {SETTLE_MS}", polling=100,
                                    timeout=120_000)

    def sign_in(self) -> float:
        self.page.get_by_label("用户名").fill(self.credentials[0])
        self.page.get_by_label("密码").fill(self.credentials[1])
        return timed(self.page, lambda: self.page.get_by_role("button", name="登录").click())

    def open(self, title: str) -> float:
        link = self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
        more = self.page.get_by_test_id("stSidebarNavViewButton")
        if not link.is_visible() and more.is_visible():  # a menu of more than 10 pages shows the rest on request
            more.click()
            link.wait_for(state="visible", timeout=10_000)
        took = timed(self.page, link.click)
        self.page.get_by_role("heading", name=title).first.wait_for(state="visible", timeout=10_000)
        return took

    def choose(self, label: str, index: int) -> float:
        """Pick option ``index`` of the sidebar select ``label``."""
        box = self.page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label).first
        listbox = self.page.get_by_role("listbox")

        def opened():
            if not listbox.is_visible():
                box.get_by_role("combobox").click()
                listbox.wait_for(state="visible", timeout=10_000)
                self.page.wait_for_timeout(300)  # the list slides open; a click on a moving option is lost
            return listbox

        name = opened().get_by_role("option").nth(index).inner_text().strip()
        return timed(self.page, lambda: opened().get_by_role("option", name=name, exact=True).click())

    def close(self) -> None:
        self.context.close()


def one_round(browser, bases: dict[str, str], record, credentials: tuple[str, str]) -> None:
    """Every step on the dashboard, each followed by the same step on the floor and the same-content floor.

    Each app's tab is opened just before its sign-in, as a person opens the one tab they use: the
    product signs in with no other freshly loaded tab in the browser (until 2026-12-01 every tab
    was opened first, and each sign-in shared the browser with the other freshly opened tabs)."""
    sessions: dict[str, Session] = {}
    steps = [("登录 → 总览", lambda s: s.sign_in()),
             ("换学期", lambda s: s.choose("学期", 1)),
             ("换教研组", lambda s: s.choose("教研组", 2)),
             ("教研组改回全部", lambda s: s.choose("教研组", 0)),
             *[(f"打开{title}", lambda s, title=title: s.open(title)) for title in PAGES]]
    try:
        for step, act in steps:
            for name, base in bases.items():
                if name not in sessions:
                    sessions[name] = Session(browser, base, name, credentials)
                session = sessions[name]
                session.page.bring_to_front()
                try:
                    record(step, name, act(session))
                except Exception as error:  # noqa: BLE001 - one lost click must not lose the whole run
                    FAILED.append(f"{step}（{APPS[name]}）：{str(error).splitlines()[0][:160]}")
                    print(f"    未测得 {FAILED[-1]}", flush=True)
                    session.page.keyboard.press("Escape")
    finally:
        for session in sessions.values():
            session.close()


def warmed(server_log: Path, seconds: float = 900) -> float:
    """Wait until the dashboard says its warm-up (started with the server, :mod:`dashboard.serve`) is done;
    its duration as the log states it."""
    import re

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(r"看板已预先算好首屏数据（([\d.]+) 秒）", server_log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return float(found.group(1))
        time.sleep(0.5)
    raise RuntimeError(f"看板服务 {seconds:.0f} 秒内没有算完首屏数据，见 {server_log}")


def measure(db: Path, rounds: int, log, out: Path, verbose: bool = False) -> dict:
    """{"cold": {step: {app: s}}, "warm": {step: {app: [s, …]}}} from fresh servers."""
    from playwright.sync_api import sync_playwright

    from .run import bench_account

    credentials = bench_account(db)
    env = {"DASHBOARD_DB": f"sqlite:///{db}"}
    cold: dict[str, dict[str, float]] = {}
    warm: dict[str, dict[str, list[float]]] = {}
    with served(ROOT / "app.py", env, out / "browser_product.log", 120) as product, \
            served(FLOOR_APP, {}, out / "browser_floor.log", 120) as floor, \
            served(FLOOR_APP, {"BENCH_FLOOR_SHAPE": "overview"}, out / "browser_twin.log", 120) as twin, \
            sync_playwright() as playwright:
        log(f"  看板服务启动后预先计算首屏数据用时 {warmed(out / 'browser_product.log'):.1f} 秒（第 0 轮在此之后开始）")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for turn in range(rounds + 1):
                def record(step, name, seconds, turn=turn):
                    if verbose:
                        log(f"    {step}（{APPS[name]}）{seconds:.2f} 秒")
                    if turn == 0:
                        cold.setdefault(step, {})[name] = seconds
                    else:
                        warm.setdefault(step, {}).setdefault(name, []).append(seconds)
                started = time.perf_counter()
                one_round(browser, {"product": product, "floor": floor, "twin": twin}, record, credentials)
                load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
                log(f"  浏览器第 {turn} 轮{'（服务刚启动，各页第一次打开）' if turn == 0 else ''}完成，"
                    f"{time.perf_counter() - started:.0f} 秒；负载 {load}")
        finally:
            browser.close()
    return {"cold": cold, "warm": warm}


def rows(found: dict) -> list[list[str]]:
    """The table: each step's warm median on the dashboard, the floor and the same-content floor, the ratios, the first view."""
    table = []
    for step, by_app in found["warm"].items():
        if "product" not in by_app or "floor" not in by_app:
            continue
        product, floor = statistics.median(by_app["product"]), statistics.median(by_app["floor"])
        first = found["cold"].get(step, {}).get("product")
        twin = statistics.median(by_app["twin"]) if by_app.get("twin") else None
        table.append([step, f"{product:.2f}", f"{floor:.2f}", f"{product / floor:.2f}",
                      "—" if twin is None else f"{twin:.2f}", "—" if twin is None else f"{product / twin:.2f}",
                      "—" if first is None else f"{first:.2f}",
                      " ".join(f"{v:.2f}" for v in by_app["product"])])
    return table


def verdicts(found: dict) -> list[str]:
    """Each item-2 target, met or not."""
    warm, cold = found["warm"], found["cold"]
    med = {step: {app: statistics.median(v) for app, v in by_app.items()} for step, by_app in warm.items()}
    pages = {step: value["product"] for step, value in med.items() if step.startswith("打开") and "product" in value}
    filters = [med[s]["product"] / med[s]["floor"] for s in ("换学期", "换教研组", "教研组改回全部")
               if s in med and {"product", "floor"} <= set(med[s])] or [float("nan")]
    first_views = {step: value["product"] for step, value in cold.items()
                   if (step.startswith("打开") or step.startswith("登录")) and "product" in value}
    slowest_page = max(pages, key=pages.get)
    slowest_first = max(first_views, key=first_views.get)

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    sign_in = med.get("登录 → 总览", {}).get("product", float("nan"))
    return [
        f"{mark(max(pages.values()) <= 1.0)} 各页导航中位数 ≤ 1.0 秒：最慢 {slowest_page} {pages[slowest_page]:.2f} 秒",
        f"{mark(sign_in <= 1.5)} 登录后第一页 ≤ 1.5 秒：{sign_in:.2f} 秒",
        f"{mark(max(filters) <= 2)} 换筛选 ≤ 底线应用的 2 倍：{' / '.join(f'{r:.2f}' for r in filters)} 倍",
        f"{mark(max(first_views.values()) <= 2.0)} 服务启动后各页第一次打开 ≤ 2 秒：最慢 {slowest_first} "
        f"{first_views[slowest_first]:.2f} 秒",
    ]


def report(found: dict, rounds: int) -> str:
    from .run import table

    header = ["步骤", "看板中位数（秒）", "底线应用（秒）", "比值", "同内容底线（秒）", "看板 ÷ 同内容", "启动后第一次（秒）",
              f"看板 {rounds} 轮"]
    lost = "".join(f"\n未测得：{line}" for line in FAILED)
    return table(rows(found), header) + "\n\n" + "\n".join([*verdicts(found), *content_share(found)]) + lost


def content_share(found: dict) -> list[str]:
    """How much of each filter change is drawing 总览's content (the same-content floor) and how much the dashboard's own."""
    lines = []
    for step in ("换学期", "换教研组", "教研组改回全部"):
        by_app = found["warm"].get(step, {})
        if not all(by_app.get(app) for app in APPS):
            continue
        product, floor, twin = (statistics.median(by_app[app]) for app in APPS)
        lines.append(f"  {step}：同内容底线 {twin:.2f} 秒 = 底线应用的 {twin / floor:.2f} 倍；"
                     f"看板比它多 {product - twin:+.2f} 秒（看板 ÷ 同内容 {product / twin:.2f}）")
    return ["同样内容由 Streamlit 画出所需（同内容底线，不做任何数据计算）：", *lines] if lines else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description="浏览器基准：区级数据上的真实点击耗时。")
    parser.add_argument("--rounds", type=int, default=3, help="热轮数，取中位数（默认 3）")
    parser.add_argument("--verbose", action="store_true", help="逐步打印每次点击的耗时")
    args = parser.parse_args(argv)
    from . import generate
    from .run import district_store, machine

    log = lambda text: print(text, flush=True)  # noqa: E731 - progress lines
    menu_matches()
    print("机器：")
    for line in machine():
        print("  " + line)
    manifest = generate.ensure(generate.OUT, log=log)
    db = district_store(generate.OUT, manifest, log)
    found = measure(db, args.rounds, log, generate.OUT, args.verbose)
    print()
    print(report(found, args.rounds))
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"结束时系统负载（1/5/15 分钟）：{load}（三个 Streamlit 服务和 chromium 都在本机）；"
          f"没有引起运行、重点了一次的点击 {len(RETRIES)} 次")
    return 0 if all(line.startswith("✓") for line in verdicts(found)) else 1


if __name__ == "__main__":
    sys.exit(main())
