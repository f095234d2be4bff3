"""PNG export: real chromium and CJK fonts (CI installs both), one browser per call, Chinese errors."""

from __future__ import annotations

import kaleido
import plotly.graph_objects as go
import pytest

from dashboard import png


def _figure(title: str, values: list[int]) -> go.Figure:
    return go.Figure(go.Bar(x=["语文组", "数学组", "英语组"], y=values), layout={"title": {"text": title}})


def test_chromium_and_the_cjk_font_are_there():
    assert png.browser_path() is not None, "CI 应当安装 chromium（scripts/system_deps.sh）"
    assert png.cjk_font_installed(), "CI 应当安装 fonts-noto-cjk（scripts/system_deps.sh）"


def test_figures_become_pngs_of_their_size_with_one_browser(monkeypatch):
    opened = []

    class Counting(kaleido.Kaleido):
        def __init__(self, *args, **kwargs):
            opened.append(kwargs.get("path"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(kaleido, "Kaleido", Counting)
    figs = [_figure("各教研组听课节数", [120, 95, 101]), _figure("论文篇数", [3, 5, 2]),
            _figure("课题", [1, 2, 3])]
    figs[1].update_layout(width=600, height=300)
    images = png.to_png(figs)
    assert len(opened) == 1 and opened[0] == png.browser_path()
    assert [png.png_size(image) for image in images] == [
        (png.WIDTH * png.SCALE, png.HEIGHT * png.SCALE), (600 * png.SCALE, 300 * png.SCALE),
        (png.WIDTH * png.SCALE, png.HEIGHT * png.SCALE)]
    assert images[0] != images[2]  # each figure drawn, in order
    assert png.to_png([]) == []


def test_the_cjk_font_is_set_explicitly_on_a_copy():
    fig = _figure("标题", [1, 2, 3])
    fig.update_layout(title_font_family="Arial", legend_font_family="Arial")
    styled = png.with_cjk_font(fig)
    assert styled.layout.font.family.startswith("Noto Sans CJK SC")
    assert styled.layout.title.font.family.startswith("Noto Sans CJK SC")
    assert styled.layout.legend.font.family.startswith("Noto Sans CJK SC")
    assert fig.layout.font.family is None  # the caller's figure is untouched


def test_chinese_text_is_drawn_with_glyphs_not_boxes():
    # A missing font draws every character as the same box: two different
    # titles would then give (almost) the same image.
    first, second = png.to_png([_figure("听课达标率", [1, 2, 3]), _figure("论文获奖数", [1, 2, 3])])
    assert first != second


def test_missing_browser_says_so_in_chinese(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(png.PngExportError, match="BROWSER_PATH.*不是可执行的浏览器.*apt-get install chromium"):
        png.to_png([_figure("图", [1, 2, 3])])
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setattr(png, "_CANDIDATES", ())
    monkeypatch.setattr(png.shutil, "which", lambda name: None)
    with pytest.raises(png.PngExportError, match="没有找到 Chromium 浏览器"):
        png.figure_png(_figure("图", [1, 2, 3]))


def test_png_size_rejects_other_bytes():
    with pytest.raises(ValueError):
        png.png_size(b"GIF89a" + b"\0" * 30)
