"""PNG export of Plotly figures with kaleido and Debian's chromium.

One browser renders every figure of a call (:func:`to_png` takes a list),
so a report with several charts starts chromium once.  The browser is
``BROWSER_PATH`` if set, else /usr/bin/chromium, else one on PATH; Chinese
text is drawn in the CJK font set on each figure (Noto Sans CJK SC from
Debian's fonts-noto-cjk).  No network: plotly.js comes from the installed
plotly package and MathJax is off.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import struct
import subprocess
import threading
from collections.abc import Sequence
from functools import lru_cache

import plotly.graph_objects as go

CJK_FONT = "Noto Sans CJK SC"
FONT_FAMILY = f"{CJK_FONT}, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
WIDTH, HEIGHT, SCALE = 900, 500, 2
_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
_INSTALL_HINT = ("请安装 Chromium 和中文字体：sudo apt-get install chromium fonts-noto-cjk"
                 "（或运行 bash scripts/system_deps.sh），或用环境变量 BROWSER_PATH 指定 Chrome/Chromium 的路径。")


class PngExportError(RuntimeError):
    """Charts could not be drawn as PNG; the message says why, in Chinese."""


def browser_path() -> str | None:
    """The Chrome/Chromium kaleido will drive, or None when there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in _CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def cjk_font_installed() -> bool:
    """Whether fontconfig knows the CJK font (without it Chinese shows as boxes)."""
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return CJK_FONT.lower() in listed.lower()


def check_ready() -> str:
    """The browser path; PngExportError (Chinese) when the browser or the font is missing."""
    path = browser_path()
    if path is None:
        where = os.environ.get("BROWSER_PATH")
        first = f"环境变量 BROWSER_PATH 指向的“{where}”不是可执行的浏览器。" if where else "没有找到 Chromium 浏览器。"
        raise PngExportError(f"无法把图表导出为 PNG 图片：{first}{_INSTALL_HINT}")
    if not cjk_font_installed():
        raise PngExportError(f"无法把图表导出为 PNG 图片：没有找到中文字体“{CJK_FONT}”，图中的中文会显示成方框。{_INSTALL_HINT}")
    return path


def problem() -> str | None:
    """Why PNG export cannot work here (Chinese), or None when it can."""
    try:
        check_ready()
    except PngExportError as error:
        return str(error)
    return None


def with_cjk_font(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` whose text (layout, title, legend) uses the CJK font, with a white
    border of at least 30 px so nothing touches the edge of the picture."""
    fig = go.Figure(fig)
    margin = fig.layout.margin
    fig.update_layout(font_family=FONT_FAMILY, title_pad_l=30, margin={
        side: max(getattr(margin, side) or 0, 30) for side in ("l", "r", "b")} | {"t": max(margin.t or 0, 60)})
    if fig.layout.title.font.family:
        fig.update_layout(title_font_family=FONT_FAMILY)
    if fig.layout.legend.font.family:
        fig.update_layout(legend_font_family=FONT_FAMILY)
    return fig


def _size(fig: go.Figure, width: int | None, height: int | None) -> dict:
    return {"format": "png", "width": width or fig.layout.width or WIDTH, "height": height or fig.layout.height or HEIGHT,
            "scale": SCALE}


async def _render(figs: list[go.Figure], path: str, width: int | None, height: int | None) -> list[bytes]:
    import kaleido

    async with kaleido.Kaleido(path=path, n=1, mathjax=False, timeout=60) as browser:
        return list(await asyncio.gather(*(browser.calc_fig(fig, opts=_size(fig, width, height)) for fig in figs)))


def to_png(figs: Sequence[go.Figure], width: int | None = None, height: int | None = None) -> list[bytes]:
    """Each figure as PNG bytes, all drawn by one browser, in order."""
    if not figs:
        return []
    path = check_ready()
    figs = [with_cjk_font(fig) for fig in figs]
    outcome: dict = {}

    def run() -> None:  # own thread and event loop: works under Streamlit and inside a running loop
        try:
            outcome["images"] = asyncio.run(_render(figs, path, width, height))
        except BaseException as error:  # noqa: BLE001 - re-raised below in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="png-export")
    thread.start()
    thread.join()
    if "error" in outcome:
        error = outcome["error"]
        raise PngExportError(f"图表导出为 PNG 失败（浏览器 {path}）：{error}。{_INSTALL_HINT}") from error
    return outcome["images"]


def figure_png(fig: go.Figure, width: int | None = None, height: int | None = None) -> bytes:
    """One figure as PNG bytes."""
    return to_png([fig], width, height)[0]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of PNG bytes; ValueError when they are not a PNG.

    >>> png_size(b"\\x89PNG\\r\\n\\x1a\\n" + b"\\x00\\x00\\x00\\rIHDR" + (3).to_bytes(4, "big") + (2).to_bytes(4, "big"))
    (3, 2)
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("不是 PNG 图片")
    return struct.unpack(">II", data[16:24])
