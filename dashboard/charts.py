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

from .contract import GRADES, LEVEL_UNKNOWN, LEVELS, STAGES
from .labels import KPI_LABELS, UNKNOWN
from .labels import charts as words

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

#: One colour per level (dark = high) on every page.
LEVEL_COLORS = dict(zip((*LEVELS, LEVEL_UNKNOWN), ("#08306b", "#2171b5", "#4eb3d3", "#7fcdbb", "#c7e9b4", "#bdbdbd")))
#: One colour per grade on every page.
GRADE_COLORS = dict(zip((*GRADES, UNKNOWN), ("#7f0000", "#d7301f", "#fc8d59", "#fdcc8a", "#c2a56b", "#6a51a3", "#969696",
                                             "#d9d9d9")))
#: One colour per project stage.
STAGE_COLORS = dict(zip((*STAGES, UNKNOWN), ("#bdbdbd", "#9ecae1", "#6baed6", "#3182bd", "#31a354", "#fd8d3c", "#636363",
                                             "#d9d9d9")))
#: Project states of a term (the 总览 card labels).
STATUS_COLORS = {KPI_LABELS[flag]: color for flag, color in (
    ("in_progress", "#3182bd"), ("new", "#9ecae1"), ("concluded", "#31a354"), ("overdue", "#e6550d"))}
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


GRID = "#e5e9f0"
_AXIS = {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID, "automargin": True, "ticks": ""}


def figure(traces: list[dict], *, title: str, x_title: str | None = None, y_title: str | None = None,
           xaxis: dict | None = None, yaxis: dict | None = None, height: int = 380, **layout) -> go.Figure:
    """The shared look (CJK font, white background, title top left, legend between title and plot),
    built in one go: no plotly template, no updates afterwards (both cost more than the chart)."""
    base = {
        "template": "none",
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        "font": {"family": FONT_FAMILY, "size": 13},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 80, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": {"text": ""}},
        "separators": ".,",
        "xaxis": {**_AXIS, "showgrid": False, "title": {"text": x_title or ""}, **(xaxis or {})},
        "yaxis": {**_AXIS, "showgrid": True, "title": {"text": y_title or ""}, **(yaxis or {})},
    }
    return go.Figure(data=traces, layout={**base, **layout})


def _term_ticks(categories: Sequence) -> dict:
    """Axis settings putting term labels (2024-2025学年第一学期) on two lines, so they need no rotation."""
    labels = [str(c) for c in categories]
    if any("学年" in label for label in labels):
        return {"tickvals": labels, "ticktext": [label.replace("学年", "学年<br>") for label in labels], "tickangle": 0}
    return {}


#: More categories than this and a bar chart turns horizontal (one row each, labels never overlap) and sorted.
MANY = 12
ROW_HEIGHT = 26


def _rows_height(count: int) -> int:
    """Height of a horizontal chart with one row per category."""
    return max(300, ROW_HEIGHT * count + 140)


def bar(categories: Sequence, values: Sequence, *, title: str, x_title: str, y_title: str,
        color: str = PRIMARY, colors: dict[str, str] | None = None, percent: bool = False,
        texts: Sequence[str] | None = None, hover: Sequence[str] | None = None, in_order: bool = False) -> go.Figure:
    """One bar per category; ``percent`` values are 0..1 and drawn as %; ``hover`` adds a line to each hover.

    With more than :data:`MANY` categories (26 schools, 40 教研组) the bars are horizontal, largest
    first, one row per category, so no label overlaps another.  ``in_order`` categories (weeks, terms)
    keep their order and stay vertical; with many of them the values are left to the hover and the
    table beside the chart instead of being written on bars too narrow to hold them.
    """
    names = _plain(categories)
    shown = [None if v is None else (round(v * 100, 1) if percent else v) for v in _plain(values)]
    labels = list(texts) if texts is not None else [
        "" if v is None else (f"{v:.1f}%" if percent else f"{v}") for v in shown]
    extra = list(hover) if hover is not None else None
    horizontal = len(names) > MANY and not in_order
    if horizontal:
        order = sorted(range(len(names)), key=lambda i: (shown[i] is None, -(shown[i] or 0)))
        names, shown = [names[i] for i in order], [shown[i] for i in order]
        labels = [str(labels[i]).replace("<br>", " ") for i in order]
        extra = [extra[i] for i in order] if extra is not None else None
    elif len(names) > MANY:
        labels = None
    cat, val = ("y", "x") if horizontal else ("x", "y")
    unit = "%" if percent else ""
    trace = {"type": "bar", cat: names, val: shown, "orientation": "h" if horizontal else "v",
             "marker": {"color": [colors.get(c, color) for c in names] if colors else color},
             "hovertemplate": f"{x_title}：%{{{cat}}}{'（%{customdata}）' if extra is not None else ''}<br>"
                              f"{y_title}：%{{{val}}}{unit}<extra></extra>"}
    if labels is not None:
        trace.update({"text": labels, "textposition": "outside", "cliponaxis": False, "constraintext": "none"})
    if extra is not None:
        trace["customdata"] = extra
    if not horizontal:
        yaxis = {"range": [0, 110], "ticksuffix": "%"} if percent else {"rangemode": "tozero"}
        return figure([trace], title=title, x_title=x_title, y_title=y_title, xaxis={"type": "category"}, yaxis=yaxis)
    top = max([v for v in shown if v is not None] or [0])
    xaxis = ({"range": [0, 135], "ticksuffix": "%", "tickvals": [0, 20, 40, 60, 80, 100]} if percent  # room for labels
             else {"range": [0, top * 1.3 + 1]})
    return figure([trace], title=title, x_title=y_title, y_title=x_title, height=_rows_height(len(names)),
                  xaxis={**xaxis, "showgrid": True}, yaxis={"type": "category", "autorange": "reversed", "showgrid": False})


def stacked(table: pd.DataFrame, *, title: str, category_title: str, series_title: str, value_title: str,
            colors: dict[str, str], horizontal: bool = False, height: int | None = None) -> go.Figure:
    """Stacked bars: rows of ``table`` are the categories, columns the series (coloured by ``colors``).

    Series that are zero everywhere are left out; each segment shows its value (hidden when the
    segment is too thin to hold it), the total stands at the end of each stack.
    """
    if not horizontal and len(table) > MANY:  # 26 schools, 40 教研组: one row each, most first
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        horizontal = True
    categories = _plain(table.index)
    cat, val = ("y", "x") if horizontal else ("x", "y")
    traces = []
    for series in table.columns:
        values = _plain(table[series])
        if not any(values):
            continue
        traces.append({"type": "bar", cat: categories, val: values, "orientation": "h" if horizontal else "v",
                       "name": str(series), "text": [str(v) if v else "" for v in values],
                       "marker": {"color": colors.get(series, PRIMARY)}, "textposition": "inside", "textangle": 0,
                       "insidetextanchor": "middle",
                       "hovertemplate": f"{category_title}：%{{{cat}}}<br>{series_title}：{series}<br>"
                                        f"{value_title}：%{{{val}}}<extra></extra>"})
    totals = _plain(table.sum(axis=1))
    traces.append({"type": "scatter", cat: categories, val: totals, "mode": "text", "text": [f"{t}" for t in totals],
                   "textposition": "middle right" if horizontal else "top center", "showlegend": False,
                   "hoverinfo": "skip", "cliponaxis": False})
    top = max([t for t in totals if t is not None] or [0])
    counts = {"range": [0, top * 1.15 + 1], "dtick": max(1, math.ceil(top / 8))}  # whole numbers only
    if horizontal:
        axes = {"xaxis": counts, "yaxis": {"type": "category", "autorange": "reversed"}}
        titles = {"x_title": value_title, "y_title": category_title}
        height = height or _rows_height(len(categories))
    else:
        axes = {"xaxis": {"type": "category", **_term_ticks(categories)}, "yaxis": counts}
        titles = {"x_title": category_title, "y_title": value_title}
        height = height or 420
    return figure(traces, title=title, height=height, barmode="stack", uniformtext={"minsize": 10, "mode": "hide"},
                  legend_traceorder="normal", **titles, **axes)


def trend(labels: Sequence[str], series: dict[str, Sequence], *, title: str, y_title: str, percent: bool = False,
          colors: dict[str, str] | None = None) -> go.Figure:
    """Lines over terms, one per series, each point labelled with its value."""
    unit = "%" if percent else ""
    traces = []
    for name, values in series.items():
        shown = [None if v is None else (round(v * 100, 1) if percent else v) for v in _plain(values)]
        trace = {"type": "scatter", "x": list(labels), "y": shown, "name": name, "mode": "lines+markers+text",
                 "text": ["" if v is None else (f"{v:.1f}%" if percent else f"{v}") for v in shown],
                 "textposition": "top center", "cliponaxis": False,
                 "hovertemplate": f"{words.TERM_AXIS}：%{{x}}<br>{name}：%{{y}}{unit}<extra></extra>"}
        if colors and name in colors:
            trace["line"] = {"color": colors[name]}
        traces.append(trace)
    yaxis = {"range": [0, 110], "ticksuffix": "%"} if percent else {"rangemode": "tozero"}
    return figure(traces, title=title, x_title=words.TERM_AXIS, y_title=y_title,
                  xaxis={"type": "category", **_term_ticks(labels)}, yaxis=yaxis)


def count_vs_quota(labels: Sequence[str], counts: Sequence[int], quotas: Sequence[int], *, title: str,
                   x_title: str) -> go.Figure:
    """听课节数 bars with each bar's quota as a marker; with more than :data:`MANY` bars, horizontal, most first."""
    labels, counts, quotas = list(labels), _plain(counts), _plain(quotas)
    horizontal = len(labels) > MANY
    if horizontal:
        order = sorted(range(len(labels)), key=lambda i: -(counts[i] or 0))
        labels, counts, quotas = [labels[i] for i in order], [counts[i] for i in order], [quotas[i] for i in order]
    cat, val = ("y", "x") if horizontal else ("x", "y")
    traces = [
        {"type": "bar", cat: labels, val: counts, "name": words.COUNT_TRACE, "marker": {"color": PRIMARY},
         "orientation": "h" if horizontal else "v",
         "text": [str(c) for c in counts], "textposition": "outside", "cliponaxis": False,
         "hovertemplate": f"{x_title}：%{{{cat}}}<br>{words.COUNT_TRACE}：%{{{val}}}<extra></extra>"},
        {"type": "scatter", cat: labels, val: quotas, "name": words.QUOTA_TRACE, "mode": "markers",
         "marker": {"symbol": "line-ns-open" if horizontal else "line-ew-open", "size": 18 if horizontal else 36,
                    "color": QUOTA_COLOR, "line": {"width": 3}},
         "hovertemplate": f"{x_title}：%{{{cat}}}<br>{words.QUOTA_TRACE}：%{{{val}}}<extra></extra>"},
    ]
    if horizontal:
        return figure(traces, title=title, x_title=words.LESSONS_AXIS, y_title=x_title, height=_rows_height(len(labels)),
                      xaxis={"rangemode": "tozero", "showgrid": True},
                      yaxis={"type": "category", "autorange": "reversed", "showgrid": False})
    return figure(traces, title=title, x_title=x_title, y_title=words.LESSONS_AXIS, xaxis={"type": "category", **_term_ticks(labels)},
                  yaxis={"rangemode": "tozero"})
