"""Plotly figure builders: one look and one fixed colour per level, grade and stage on every page.

Builders take plain tables (from :mod:`dashboard.breakdowns`) and return a
``go.Figure`` with Chinese titles, axis titles and hover text, and the
value written on each bar so nothing is only readable from the picture.
Values are passed as plain lists so the figure JSON stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .contract import GRADES, LEVELS, STAGES

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

#: One colour per level (dark = high) on every page.
LEVEL_COLORS = {"国家级": "#08306b", "省级": "#2171b5", "市级": "#4eb3d3", "区县级": "#7fcdbb", "校级": "#c7e9b4",
                "未注明": "#bdbdbd"}
#: One colour per grade on every page.
GRADE_COLORS = {"特等奖": "#7f0000", "一等奖": "#d7301f", "二等奖": "#fc8d59", "三等奖": "#fdcc8a", "优秀奖": "#c2a56b",
                "发表": "#6a51a3", "其他": "#969696", "未注明": "#d9d9d9"}
#: One colour per project stage.
STAGE_COLORS = {"申报": "#bdbdbd", "立项": "#9ecae1", "开题": "#6baed6", "中期": "#3182bd", "结题": "#31a354",
                "延期": "#fd8d3c", "终止": "#636363", "未注明": "#d9d9d9"}
#: Project states of a term.
STATUS_COLORS = {"在研课题": "#3182bd", "新立项": "#9ecae1", "本学期结题": "#31a354", "逾期未结题": "#e6550d"}
PRIMARY = "#2171b5"
RATE_COLOR = "#31a354"
QUOTA_COLOR = "#e6550d"

assert set(LEVELS) <= set(LEVEL_COLORS) and set(GRADES) <= set(GRADE_COLORS) and set(STAGES) <= set(STAGE_COLORS)


def _plain(values: Sequence) -> list:
    """Python scalars (ints stay ints) so plotly writes plain JSON arrays."""
    out = []
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            out.append(None)
        elif hasattr(value, "item"):
            out.append(value.item())
        else:
            out.append(value)
    return out


def style(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
          height: int = 380) -> go.Figure:
    """The shared look: CJK font, white template, title, axis titles, legend below."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        font={"family": FONT_FAMILY, "size": 13},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        # legend between the title and the plot, so it never covers either
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": {"text": ""}},
        separators=".,",
    )
    if x_title is not None:
        fig.update_xaxes(title={"text": x_title})
    if y_title is not None:
        fig.update_yaxes(title={"text": y_title})
    return fig


def _term_ticks(fig: go.Figure, categories: Sequence, axis: str = "x") -> None:
    """Term labels (2024-2025学年第一学期) on two lines so they need no rotation."""
    labels = [str(c) for c in categories]
    if any("学年" in label for label in labels):
        ticks = {"tickvals": labels, "ticktext": [label.replace("学年", "学年<br>") for label in labels], "tickangle": 0}
        (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**ticks)


def bar(categories: Sequence, values: Sequence, *, title: str, x_title: str, y_title: str,
        color: str = PRIMARY, colors: dict[str, str] | None = None, percent: bool = False,
        texts: Sequence[str] | None = None, hover: Sequence[str] | None = None) -> go.Figure:
    """One bar per category; ``percent`` values are 0..1 and drawn as %; ``hover`` adds a line to each hover."""
    shown = [None if v is None else (round(v * 100, 1) if percent else v) for v in _plain(values)]
    labels = list(texts) if texts is not None else [
        "" if v is None else (f"{v:.1f}%" if percent else f"{v}") for v in shown]
    unit = "%" if percent else ""
    marker = [colors.get(c, color) for c in categories] if colors else color
    fig = go.Figure(go.Bar(
        x=_plain(categories), y=shown, text=labels, textposition="outside", marker_color=marker, cliponaxis=False,
        constraintext="none",
        customdata=list(hover) if hover is not None else None,
        hovertemplate=f"{x_title}：%{{x}}{'（%{customdata}）' if hover is not None else ''}<br>"
                      f"{y_title}：%{{y}}{unit}<extra></extra>"))
    style(fig, title, x_title, y_title)
    if percent:
        fig.update_yaxes(range=[0, 110], ticksuffix="%")
    fig.update_xaxes(type="category")
    return fig


def stacked(table: pd.DataFrame, *, title: str, category_title: str, series_title: str, value_title: str,
            colors: dict[str, str], horizontal: bool = False, height: int | None = None) -> go.Figure:
    """Stacked bars: rows of ``table`` are the categories, columns the series (coloured by ``colors``).

    Series that are zero everywhere are left out; each segment shows its value.
    """
    fig = go.Figure()
    categories = _plain(table.index)
    for series in table.columns:
        values = _plain(table[series])
        if not any(values):
            continue
        texts = [str(v) if v else "" for v in values]
        if horizontal:
            trace = go.Bar(y=categories, x=values, orientation="h", name=str(series), text=texts,
                           marker_color=colors.get(series, PRIMARY), textposition="inside", textangle=0,
                           insidetextanchor="middle",
                           hovertemplate=f"{category_title}：%{{y}}<br>{series_title}：{series}<br>{value_title}：%{{x}}<extra></extra>")
        else:
            trace = go.Bar(x=categories, y=values, name=str(series), text=texts, marker_color=colors.get(series, PRIMARY),
                           textposition="inside", textangle=0, insidetextanchor="middle",
                           hovertemplate=f"{category_title}：%{{x}}<br>{series_title}：{series}<br>{value_title}：%{{y}}<extra></extra>")
        fig.add_trace(trace)
    totals = _plain(table.sum(axis=1))
    # the total above each stack
    if horizontal:
        fig.add_trace(go.Scatter(y=categories, x=totals, mode="text", text=[f"{t}" for t in totals],
                                 textposition="middle right", showlegend=False, hoverinfo="skip"))
    else:
        fig.add_trace(go.Scatter(x=categories, y=totals, mode="text", text=[f"{t}" for t in totals],
                                 textposition="top center", showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack", uniformtext={"minsize": 10, "mode": "hide"},  # a segment too thin hides its number
                      legend_traceorder="normal")
    style(fig, title, value_title if horizontal else category_title, category_title if horizontal else value_title,
          height=height or (max(300, 28 * len(categories) + 140) if horizontal else 420))
    top = max([t for t in totals if t is not None] or [0])
    counts = {"range": [0, top * 1.15 + 1], "dtick": max(1, math.ceil(top / 8))}  # whole numbers only
    if horizontal:
        fig.update_yaxes(type="category", autorange="reversed")
        fig.update_xaxes(**counts)
    else:
        fig.update_xaxes(type="category")
        fig.update_yaxes(**counts)
        _term_ticks(fig, categories)
    return fig


def trend(labels: Sequence[str], series: dict[str, Sequence], *, title: str, y_title: str, percent: bool = False,
          colors: dict[str, str] | None = None) -> go.Figure:
    """Lines over terms, one per series, each point labelled with its value."""
    fig = go.Figure()
    unit = "%" if percent else ""
    for name, values in series.items():
        shown = [None if v is None else (round(v * 100, 1) if percent else v) for v in _plain(values)]
        fig.add_trace(go.Scatter(
            x=list(labels), y=shown, name=name, mode="lines+markers+text",
            text=["" if v is None else (f"{v:.1f}%" if percent else f"{v}") for v in shown], textposition="top center",
            line={"color": (colors or {}).get(name)} if colors and name in colors else None, cliponaxis=False,
            hovertemplate=f"学期：%{{x}}<br>{name}：%{{y}}{unit}<extra></extra>"))
    style(fig, title, "学期", y_title)
    fig.update_xaxes(type="category")
    _term_ticks(fig, labels)
    if percent:
        fig.update_yaxes(range=[0, 110], ticksuffix="%")
    else:
        fig.update_yaxes(rangemode="tozero")
    return fig


def count_vs_quota(labels: Sequence[str], counts: Sequence[int], quotas: Sequence[int], *, title: str,
                   x_title: str) -> go.Figure:
    """听课节数 bars with each bar's quota as a marker."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=list(labels), y=_plain(counts), name="已听节数", marker_color=PRIMARY,
                         text=[str(c) for c in _plain(counts)], textposition="outside", cliponaxis=False,
                         hovertemplate=f"{x_title}：%{{x}}<br>已听节数：%{{y}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=list(labels), y=_plain(quotas), name="任务节数", mode="markers",
                             marker={"symbol": "line-ew-open", "size": 36, "color": QUOTA_COLOR, "line": {"width": 3}},
                             hovertemplate=f"{x_title}：%{{x}}<br>任务节数：%{{y}}<extra></extra>"))
    style(fig, title, x_title, "节数")
    fig.update_xaxes(type="category")
    _term_ticks(fig, labels)
    return fig
