"""``python -m bench.server``: the server's own time per click, without a browser.

The browser benchmark (:mod:`bench.browser`) measures what a user feels, but
needs a quiet machine.  This one runs the same interactions through
Streamlit's ``AppTest`` in one process on the district store, signed in the
way a browser session is (a session token checked on every run), and prints
for each step the wall time and the process CPU time (``time.process_time``,
far less sensitive to other processes' load than the wall time):

- sign-in → 总览 in a fresh process (first view after a server start);
- the same in a new session on the warm process;
- a 学期 change, a 教研组 change, the 教研组 back to 全部;
- every page of the administrator's menu, first visit (cold) and second visit (warm).

``--profile STEP`` writes a cProfile of that step (its number in the table,
or ``all``) to ``bench/out/server_<n>.prof`` and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def _timed(at, profile: cProfile.Profile | None) -> tuple[float, float, list[str]]:
    wall, cpu = time.perf_counter(), time.process_time()
    if profile is not None:  # the script runs in a thread of its own: profile that thread
        def start(*_):
            sys.setprofile(None)
            profile.enable()

        threading.setprofile(start)
    at.run(timeout=900)
    if profile is not None:
        threading.setprofile(None)
    errors = [str(e.value)[:200] for e in at.exception]
    return time.perf_counter() - wall, time.process_time() - cpu, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description="服务器端每次点击的耗时（AppTest，无浏览器）。")
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "district.db"), help="区级数据库（默认 bench/out/district.db）")
    parser.add_argument("--profile", default="", help="记录第几步的 cProfile（表中序号，逗号分隔，或 all）")
    parser.add_argument("--top", type=int, default=25, help="cProfile 打印前几项（按累计时间）")
    parser.add_argument("--stop", type=int, default=0, help="做完第几步就停（0：全部）")
    parser.add_argument("--warm", type=int, default=1, help="冷的一轮之后再依次打开各页几轮")
    args = parser.parse_args(argv)
    os.environ["DASHBOARD_DB"] = f"sqlite:///{args.db}"
    started = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    from dashboard import accounts, login
    from dashboard.navigation import pages_for
    from dashboard.ui import get_store

    from .run import bench_account

    imported = time.perf_counter() - started
    name, password = bench_account(Path(args.db))
    store = get_store(os.environ["DASHBOARD_DB"])
    user = accounts.authenticate(store, name, password)
    token = accounts.start_session(store, user)
    wanted = {part.strip() for part in args.profile.split(",") if part.strip()}
    rows: list[tuple[str, float, float, list[str]]] = []

    def step(name: str, at) -> None:
        number = len(rows) + 1
        profile = cProfile.Profile() if ("all" in wanted or str(number) in wanted) else None
        wall, cpu, errors = _timed(at, profile)
        rows.append((name, wall, cpu, errors))
        print(f"{number:>2} {name:<22} 墙钟 {wall:7.3f} 秒  CPU {cpu:7.3f} 秒" + (f"  出错 {errors[:1]}" if errors else ""),
              flush=True)
        if profile is not None:
            path = ROOT / "bench" / "out" / f"server_{number}.prof"
            profile.dump_stats(path)
            text = io.StringIO()
            pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(args.top)
            print(text.getvalue())
        if args.stop and number >= args.stop:
            raise SystemExit(1 if any(r[3] for r in rows) else 0)

    def session():
        at = AppTest.from_file(str(APP), default_timeout=900)
        at.session_state[login.USER_KEY] = user
        at.session_state[login.TOKEN_KEY] = token
        return at

    print(f"导入模块 {imported:.2f} 秒；数据库 {args.db}；负载 {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    at = session()
    step("登录 → 总览（新进程）", at)
    step("登录 → 总览（热，新会话）", session())
    step("总览重绘", at)
    terms = at.selectbox(key="flt_term")
    terms.set_value(terms.options[1] if len(terms.options) > 1 else terms.value)
    step("换学期", at)
    groups = at.selectbox(key="flt_group")
    groups.set_value(groups.options[2] if len(groups.options) > 2 else groups.value)
    step("换教研组", at)
    at.selectbox(key="flt_group").set_value(at.selectbox(key="flt_group").options[0])
    step("教研组改回全部", at)
    menu = [*pages_for(user)[1:], pages_for(user)[0]]
    for turn in ("冷", *["热"] * args.warm):
        for entry in menu:
            at.switch_page(f"pages/{entry.file}")
            step(f"打开{entry.title}（{turn}）", at)
    print(f"合计：墙钟 {sum(r[1] for r in rows):.2f} 秒，CPU {sum(r[2] for r in rows):.2f} 秒；"
          f"结束时负载 {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 1 if any(r[3] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
