"""The district-scale benchmark: ``python -m bench`` prints the machine and a table of ratios.

Every ratio is measured in the same run, against a baseline measured on
the same machine at the same time (so a slow or busy machine moves both):

- P1  import of a 200 000-row 听课 log (read + header detection +
  normalisation + store, on an open SQLite store) ÷ the raw python-calamine
  parse of the same file (target ≤ 1.5), and ÷ ``pd.read_excel(path)`` with
  openpyxl (target ≤ 0.12).  Each timing is the best of ``--repeat`` runs,
  the two alternating; read_excel runs once (it takes half a minute).
- P2  the 总览 page (AppTest of app.py, district store, signed in as an
  administrator) ÷ an empty Streamlit page: warm rerun, best of several
  (target ≤ 3); and cold first render (target ≤ 10): a fresh process,
  timed from before ``import streamlit`` to the end of the first run, so
  both sides include what a first page view costs a new server process.
  The district store has had Store.dataset() called once after its last
  import (as the dashboard's first view does), leaving the on-disk copy
  of the frames that a new process reads; the cold render of a process
  that finds no copy is printed too, for reference.
- P3  peak RSS of one dashboard process at district scale: the warm-up a
  served dashboard runs at start, every page rendered, then a 200 000-row
  log undone and imported again and the 总览 rendered on the new data
  (target ≤ 1 GiB).

Cold, warm and memory figures come from fresh subprocesses.  Data lives in
bench/out/ (git-ignored) and is generated once per seed (bench/generate.py).
This is not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil

from . import generate

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
OVERVIEW = ROOT / "pages" / "overview.py"
FLOOR_PAGE = Path(__file__).resolve().parent / "floor_page.py"
#: Element types P2 compares between 总览 and the reference page (containers differ and don't count).
ELEMENTS = ("title", "caption", "markdown", "metric", "button", "download_button", "selectbox", "plotly_chart",
            "dataframe", "expander", "tab")
PLACEHOLDER = "此页面正在建设中"
GIB = 1024 ** 3


def machine() -> list[str]:
    """What the numbers were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "—"
    return [
        f"CPU：{model}；{psutil.cpu_count(logical=False) or '?'} 个物理核，{os.cpu_count()} 个逻辑核",
        f"内存：{memory.total / GIB:.1f} GiB（可用 {memory.available / GIB:.1f} GiB）",
        f"Python：{platform.python_version()}（{platform.python_implementation()}），{platform.platform()}",
        f"开始时系统负载（1/5/15 分钟）：{load}",
    ]


# ---------------------------------------------------------------- P1

def _calamine(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    seconds = time.perf_counter() - started
    del sheets, book
    return seconds


def _import(path: Path, url: str) -> float:
    from dashboard.loaders import load_file
    from dashboard.store import Store

    db = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store(url)  # the dashboard opens its store once; opening it is not part of an import
    started = time.perf_counter()
    result = load_file(path.read_bytes(), path.name)
    outcome = store.import_result(result)
    seconds = time.perf_counter() - started
    assert outcome.rows == 200_000, outcome
    store.engine.dispose()
    del result
    return seconds


def _read_excel(path: Path) -> float:
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl")
    seconds = time.perf_counter() - started
    del frame
    return seconds


_RAW_PARSE = ("import sys\nfrom python_calamine import CalamineWorkbook\nbook = CalamineWorkbook.from_path(sys.argv[1])\n"
              "sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]")


def _wall(command: list[str]) -> float:
    """Seconds a whole process takes, from start to exit (interpreter start and imports included)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=1800)
    return time.perf_counter() - started


def p1_process(path: Path, out: Path, repeat: int, log) -> dict:
    """P1 as a user runs it: ``python -m dashboard import`` ÷ a process that only parses with calamine;
    and ``python -m dashboard history`` beside a process that only imports SQLAlchemy."""
    db = out / "p1_process.db"
    calamine, imports, history, sqlalchemy = [], [], [], []
    for turn in range(repeat):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "dashboard", "history", "--db", f"sqlite:///{db}"], cwd=ROOT, check=True,
                       capture_output=True)  # the store exists before the import, as in P1 above
        calamine.append(_wall([sys.executable, "-c", _RAW_PARSE, str(path)]))
        imports.append(_wall([sys.executable, "-m", "dashboard", "import", str(path), "--db", f"sqlite:///{db}"]))
        history.append(_wall([sys.executable, "-m", "dashboard", "history", "--db", f"sqlite:///{db}"]))
        sqlalchemy.append(_wall([sys.executable, "-c", "import sqlalchemy"]))
        log(f"  P1 整个进程第 {turn + 1} 轮：calamine 解析 {calamine[-1]:.2f} 秒，import 命令 {imports[-1]:.2f} 秒；"
            f"history 命令 {history[-1]:.2f} 秒，只 import sqlalchemy {sqlalchemy[-1]:.2f} 秒")
    return {"calamine": min(calamine), "import": min(imports), "history": min(history), "sqlalchemy": min(sqlalchemy)}


def p1(path: Path, out: Path, repeat: int, log) -> dict:
    url = f"sqlite:///{out / 'p1.db'}"
    calamine, imports = [], []
    for turn in range(repeat):
        calamine.append(_calamine(path))
        gc.collect()
        imports.append(_import(path, url))
        gc.collect()
        log(f"  P1 第 {turn + 1} 轮：calamine {calamine[-1]:.2f} 秒，导入 {imports[-1]:.2f} 秒")
    log("  P1 pd.read_excel（openpyxl）……")
    openpyxl = _read_excel(path)
    log(f"  P1 pd.read_excel {openpyxl:.2f} 秒")
    return {"calamine": min(calamine), "import": min(imports), "openpyxl": openpyxl}


# ------------------------------------------------------- district store

def district_store(out: Path, manifest: dict, log) -> Path:
    """bench/out/district.db with every generated file imported (built once per data version)."""
    from dashboard.loaders import load_file
    from dashboard.store import Store

    db = out / "district.db"
    stamp = out / "district.json"
    wanted = {"seed": manifest["seed"], "version": manifest["version"], "files": sorted(manifest["files"])}
    if db.exists() and stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        log("复用已建好的区级数据库 district.db。")
        _warm_copy(db, log)
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store(f"sqlite:///{db}")
    order = {"roster": 0, "observations": 1, "papers": 2, "projects": 3, "mentoring": 4, "tasks": 5, "training": 6,
             "activities": 7}
    started = time.perf_counter()
    for name, info in sorted(manifest["files"].items(), key=lambda item: (order[item[1]["kind"]], item[0])):
        path = out / name
        result = load_file(path.read_bytes(), name)
        store.import_result(result)
        log(f"  导入 {name}：{result.rows} 行")
    store.engine.dispose()
    stamp.write_text(json.dumps(wanted, ensure_ascii=False), encoding="utf-8")
    log(f"区级数据库建好，用时 {time.perf_counter() - started:.1f} 秒。")
    _warm_copy(db, log)
    return db


#: The administrator the browser and server benchmarks sign in as (created in the district store when missing).
BENCH_USER = ("bench-admin", "bench-pass-2026")


def bench_account(db: Path) -> tuple[str, str]:
    """(user name, password) of a 管理员 account in the district store, created once.

    The district store is not a demo store (demo accounts sign in only to a store
    ``python -m dashboard demo`` created), so the benchmarks sign in with an account of their own."""
    from dashboard import accounts
    from dashboard.store import Store

    store = Store(f"sqlite:///{db}")
    if not any(row["username"] == BENCH_USER[0] for row in accounts.list_users(store)):
        accounts.add_user(store, *BENCH_USER, accounts.MANAGING_ROLES[0], who="基准测试")
    store.engine.dispose()
    return BENCH_USER


def _warm_copy(db: Path, log) -> None:
    """Store.dataset() once, as the dashboard's first view after an import does: it leaves the
    on-disk copy of the frames that later processes read (P2's cold render is such a process)."""
    from dashboard.store import Store

    store = Store(f"sqlite:///{db}")
    started = time.perf_counter()
    store.dataset()
    log(f"Store.dataset()（首次读取，写入磁盘副本）用时 {time.perf_counter() - started:.1f} 秒。")
    store.engine.dispose()


# ---------------------------------------------------------- P2 and P3

#: Run in a fresh interpreter; prints one JSON line.  {script}, {repeat} and {timeout} are filled in.
_APPTEST = textwrap.dedent('''
    import json, sys, time
    started = time.perf_counter()
    from streamlit.testing.v1 import AppTest
    at = {script}
    {setup}
    first = time.perf_counter()
    at.run(timeout={timeout})
    cold = time.perf_counter() - first
    problems = [str(e.value) for e in at.exception]
    warm = []
    for _ in range({repeat}):
        t = time.perf_counter()
        at.run(timeout={timeout})
        warm.append(time.perf_counter() - t)
    problems += [str(e.value) for e in at.exception]
    def walk(node):
        yield node
        for child in getattr(node, "children", {{}}).values():
            yield from walk(child)
    elements = {{}}
    for node in walk(at._tree):
        if node.type in {elements!r}:
            elements[node.type] = elements.get(node.type, 0) + 1
    print(json.dumps({{"cold": cold, "cold_with_import": first - started + cold, "warm": min(warm),
                      "exceptions": problems, "elements": elements}}))
''')


def _python(code: str, env: dict[str, str], timeout: float = 1800) -> dict:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env}, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"子进程失败（退出码 {result.returncode}）：\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def overview_ready() -> str | None:
    """None when pages/overview.py shows real content, else why P2 cannot be measured yet."""
    if not OVERVIEW.exists():
        return "pages/overview.py 还不存在"
    if PLACEHOLDER in OVERVIEW.read_text(encoding="utf-8"):
        return "总览页面（pages/overview.py）还是占位页，尚无真实内容"
    return None


#: Signs a benchmark administrator in where the app has a login gate (one line of code, for the templates).
_SIGN_IN = ("exec('try:\\n from dashboard import accounts, login\\n at.session_state[login.USER_KEY] = "
            "accounts.User(\"bench\", accounts.MANAGING_ROLES[0])\\nexcept ImportError:\\n pass')")


def _apptest(script: str, setup: str, repeat: int) -> str:
    return _APPTEST.format(script=script, setup=setup, repeat=repeat, timeout=600, elements=set(ELEMENTS))


def p2(db: Path, repeat: int, log) -> dict:
    env = {"DASHBOARD_DB": f"sqlite:///{db}"}
    empty = _python(_apptest('AppTest.from_string("import streamlit as st", default_timeout=600)', "", repeat), env)
    log(f"  P2 空页面：冷 {empty['cold_with_import']:.3f} 秒（首次运行 {empty['cold']:.3f} 秒），热 {empty['warm'] * 1000:.1f} 毫秒")
    overview = _python(_apptest(f"AppTest.from_file({str(APP)!r}, default_timeout=600)", _SIGN_IN, repeat), env)
    log(f"  P2 总览：冷 {overview['cold_with_import']:.3f} 秒（首次运行 {overview['cold']:.3f} 秒），热 {overview['warm'] * 1000:.1f} 毫秒")
    if overview["exceptions"]:
        log(f"  P2 总览页面出错：{overview['exceptions'][:2]}")
    floor = _python(_apptest(f"AppTest.from_file({str(FLOOR_PAGE)!r}, default_timeout=600)", "", repeat), env)
    log(f"  P2 参考页（总览首屏的同样元素，内容固定、不做任何计算）：热 {floor['warm'] * 1000:.1f} 毫秒")
    if floor["elements"] != overview["elements"]:
        log(f"  P2 注意：参考页与总览的元素数不同：参考页 {floor['elements']}，总览 {overview['elements']}")
    copy = out_copy(db)
    bare = _python(_apptest(f"AppTest.from_file({str(APP)!r}, default_timeout=600)", _SIGN_IN, 1),
                   {"DASHBOARD_DB": f"sqlite:///{copy}"})
    log(f"  （参考）导入后第一次打开、尚无磁盘副本时总览冷首绘 {bare['cold_with_import']:.2f} 秒")
    return {"empty": empty, "overview": overview, "no_copy": bare, "floor": floor}


#: The pages of the kinds added after the first four, measured warm at district scale (``--only pages``).
NEW_PAGES = ("mentoring.py", "tasks.py")


def new_pages(db: Path, repeat: int, log) -> dict:
    """Cold and warm render of each page in :data:`NEW_PAGES`, signed in as an administrator."""
    env = {"DASHBOARD_DB": f"sqlite:///{db}"}
    found = {}
    for page in NEW_PAGES:
        setup = f"{_SIGN_IN}\nat.run(timeout=600)\nat.switch_page('pages/{page}')"
        found[page] = _python(_apptest(f"AppTest.from_file({str(APP)!r}, default_timeout=600)", setup, repeat), env)
        log(f"  {page}：冷 {found[page]['cold']:.2f} 秒，热 {found[page]['warm'] * 1000:.0f} 毫秒"
            + (f"；出错 {found[page]['exceptions'][:1]}" if found[page]["exceptions"] else ""))
    return found


def out_copy(db: Path) -> Path:
    """A copy of the store without the on-disk frames (a store just after an import)."""
    copy = db.with_name("p2_nocopy.db")
    shutil.rmtree(f"{copy}.dataset-cache", ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    return copy


_MEMORY = textwrap.dedent('''
    import json, resource, sys, time
    from pathlib import Path
    from streamlit.testing.v1 import AppTest
    from dashboard.loaders import load_file
    from dashboard.store import Store
    from dashboard.ui import warm_view
    warm_view({url!r})  # what a served dashboard computes at start (dashboard.serve), held in the same caches
    warmed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    at = AppTest.from_file({app!r}, default_timeout=600)
    {sign_in}
    at.run(timeout=600)
    pages = sorted(p.name for p in Path({pages!r}).glob("*.py"))
    errors = []
    for page in pages:
        try:
            at.switch_page("pages/" + page)
            at.run(timeout=600)
            errors += [page + ": " + str(e.value)[:200] for e in at.exception]
        except Exception as error:  # a page another engineer is still building
            errors.append(page + ": " + repr(error)[:200])
    store = Store({url!r})
    history = store.history()
    batch = int(history.loc[history["filename"] == {log_name!r}, "id"].iloc[0])
    store.undo(batch)
    path = Path({log_path!r})
    store.import_result(load_file(path.read_bytes(), path.name))
    started = time.perf_counter()
    warm_view({url!r})  # a served dashboard's next run warms the new version (app.py: ui.warm_up per version)
    rewarm = time.perf_counter() - started
    at.switch_page("pages/overview.py")
    started = time.perf_counter()
    at.run(timeout=600)
    after_import = time.perf_counter() - started
    errors += [str(e.value)[:200] for e in at.exception]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({{"peak": peak, "warmed": warmed, "pages": pages, "errors": errors, "after_import": after_import,
                      "rewarm": rewarm}}))
''')


def p3(db: Path, out: Path, log_file: str, log) -> dict:
    copy = out / "p3.db"
    shutil.rmtree(f"{copy}.dataset-cache", ignore_errors=True)  # the worst case: the first read is from SQL
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    url = f"sqlite:///{copy}"
    code = _MEMORY.format(app=str(APP), pages=str(ROOT / "pages"), url=url, log_name=log_file,
                          log_path=str(out / log_file), sign_in=_SIGN_IN)
    found = _python(code, {"DASHBOARD_DB": url})
    log(f"  P3 峰值内存 {found['peak'] / GIB:.3f} GiB（服务启动时的预先计算之后 {found['warmed'] / GIB:.3f} GiB；"
        f"再渲染了 {len(found['pages'])} 个页面，撤销并再导入 {log_file}），距 1 GiB 还余 {(GIB - found['peak']) / 2 ** 20:.0f} MiB")
    log(f"  （参考）撤销并再导入 20 万行后，预先计算新数据 {found['rewarm']:.2f} 秒，之后总览第一次绘制 {found['after_import']:.2f} 秒")
    for error in found["errors"]:
        log(f"  P3 页面出错：{error}")
    return found


# ------------------------------------------------------------- report

def _row(name: str, value: float | None, target: float, unit: str, detail: str, reason: str = "") -> list[str]:
    if value is None:
        return [name, "n/a", f"≤ {target:g}{unit}", "—", reason]
    ok = "✓ 达标" if value <= target else "✗ 未达标"
    return [name, f"{value:.3g}{unit}", f"≤ {target:g}{unit}", ok, detail]


def table(rows: list[list[str]], header: list[str] | None = None) -> str:
    """A plain-text table (CJK characters counted as two columns wide)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    header = header or ["指标", "测得", "目标", "结果", "依据（同一次运行中测得）"]
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        lines.append(" | ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip())
        if row is header:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="区级规模基准测试：生成数据，测量 P1/P2/P3 并打印比值表。")
    parser.add_argument("--repeat", type=int, default=3, help="每项计时重复次数，取最好的一次（默认 3）")
    parser.add_argument("--regenerate", action="store_true", help="重新生成数据（默认复用 bench/out/ 里同一种子的数据）")
    parser.add_argument("--only", choices=["P1", "P2", "P3", "pages", "browser"], action="append",
                        help="只测这几项（可重复；browser 是浏览器基准，也可单独运行 python -m bench.browser）")
    args = parser.parse_args(argv)
    only = set(args.only or ["P1", "P2", "P3"])
    if only == {"browser"}:
        from .browser import main as browser_main

        return browser_main(["--rounds", str(args.repeat)])
    sys.path.insert(0, str(ROOT))
    log = lambda text: print(text, flush=True)  # noqa: E731 - progress lines

    print("机器：")
    for line in machine():
        print("  " + line)
    out = generate.OUT
    started = time.perf_counter()
    manifest = generate.ensure(out, regenerate=args.regenerate, log=log)
    logs = generate.log_files(manifest)
    log(f"数据就绪（{time.perf_counter() - started:.1f} 秒）：{len(manifest['files'])} 个文件，"
        f"听课记录 {sum(manifest['files'][name]['rows'] for name in logs)} 行。")

    rows: list[list[str]] = []
    if "P1" in only:
        found = p1(out / logs[0], out, args.repeat, log)
        detail = f"导入 {found['import']:.2f} 秒；calamine {found['calamine']:.2f} 秒"
        rows.append(_row("P1 导入 ÷ calamine 原始解析", found["import"] / found["calamine"], 1.5, "", detail))
        rows.append(_row("P1 导入 ÷ pd.read_excel(openpyxl)", found["import"] / found["openpyxl"], 0.12, "",
                         f"导入 {found['import']:.2f} 秒；read_excel {found['openpyxl']:.1f} 秒"))
        whole = p1_process(out / logs[0], out, args.repeat, log)
        rows.append(_row("P1 整个进程：import 命令 ÷ calamine 解析进程", whole["import"] / whole["calamine"], 1.5, "",
                         f"python -m dashboard import {whole['import']:.2f} 秒；只解析的进程 {whole['calamine']:.2f} 秒"))
        rows.append(_row("history 命令整个进程", whole["history"], 0.4, " 秒",
                         f"只 import sqlalchemy 的进程 {whole['sqlalchemy']:.2f} 秒（history 的下限）"))
    db = district_store(out, manifest, log) if only & {"P2", "P3", "pages"} else None
    if "pages" in only:
        for page, found in new_pages(db, max(args.repeat, 3), log).items():
            rows.append([f"{page} 热重绘", f"{found['warm'] * 1000:.0f} 毫秒", "—", "—",
                         f"冷首绘 {found['cold']:.2f} 秒" + ("；页面出错" if found["exceptions"] else "")])
    if "P2" in only:
        reason = overview_ready()
        if reason:
            # nothing was measured: no reference-page row (it would read P2's figures, which do not exist)
            rows.append(_row("P2 总览热重绘 ÷ 空页面热重绘", None, 3, "", "", reason))
            rows.append(_row("P2 总览冷首绘 ÷ 空页面冷首绘", None, 10, "", "", reason))
        else:
            found = p2(db, max(args.repeat, 5), log)
            empty, overview = found["empty"], found["overview"]
            note = "；页面出错" if overview["exceptions"] else ""
            rows.append(_row("P2 总览热重绘 ÷ 空页面热重绘", overview["warm"] / empty["warm"], 3, "",
                             f"总览 {overview['warm'] * 1000:.0f} 毫秒；空页面 {empty['warm'] * 1000:.1f} 毫秒{note}"))
            floor = found["floor"]
            same = "元素数与总览相同" if floor["elements"] == overview["elements"] else "元素数与总览不同！"
            rows.append(["（参考）同样元素的固定内容页 ÷ 空页面热重绘", f"{floor['warm'] / empty['warm']:.3g}", "—", "—",
                         f"参考页 {floor['warm'] * 1000:.1f} 毫秒，{same}；总览 ÷ 参考页 = "
                         f"{overview['warm'] / floor['warm']:.2f}"])
            rows.append(_row("P2 总览冷首绘 ÷ 空页面冷首绘", overview["cold_with_import"] / empty["cold_with_import"], 10, "",
                             f"总览 {overview['cold_with_import']:.2f} 秒；空页面 {empty['cold_with_import']:.2f} 秒"
                             f"（各在新进程中，含 import streamlit）{note}"))
    if "P3" in only:
        found = p3(db, out, logs[-1], log)
        note = f"；{len(found['errors'])} 个页面出错" if found["errors"] else ""
        rows.append(_row("P3 看板进程峰值内存（RSS）", found["peak"] / GIB, 1, " GiB",
                         f"启动时的预先计算 + {len(found['pages'])} 个页面 + 撤销并再导入 20 万行听课；距 1 GiB 还余 "
                         f"{(GIB - found['peak']) / 2 ** 20:.0f} MiB{note}"))
    print()
    print(table(rows))
    status = 0 if all(row[3] != "✗ 未达标" for row in rows) else 1
    if "browser" in only:
        from .browser import main as browser_main

        print()
        status = max(status, browser_main(["--rounds", str(args.repeat)]))
    return status


if __name__ == "__main__":
    sys.exit(main())
