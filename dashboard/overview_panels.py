"""What the 总览 page draws for one filter choice: its KPI cards, figures and display tables.

Pure (no Streamlit).  :mod:`dashboard.ui` caches the result per filter
choice on the store version, so a rerun of 总览 with the same filters
(any click on the page) draws objects already built instead of building
seven Plotly figures and their tables again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from . import breakdowns as bd
from . import charts
from .charts import LEVEL_COLORS
from .dataset import Dataset
from .declared import overview_cards
from .kinds import Card


@dataclass(frozen=True)
class Chart:
    """A figure with the widget key and the download file name it is shown under."""

    key: str
    filename: str
    figure: go.Figure


@dataclass(frozen=True)
class OverviewPanels:
    """Everything 总览 shows (read-only once built: it is shared between reruns)."""

    now: dict  # bd.kpis of the term
    before: dict  # bd.kpis of the term before ({} when it has no data)
    comparison: bd.GroupComparison
    trend: pd.DataFrame  # one row per term with data (bd.term_trends)
    trend_table: pd.DataFrame  # the trend as shown: Chinese titles, rates as text
    charts: dict[str, Chart]  # by key
    #: (kind label, its cards) of every declared kind with data and an overview hook
    declared: tuple[tuple[str, tuple[Card, ...]], ...] = ()


def group_charts(comparison: bd.GroupComparison) -> list[Chart]:
    """The 教研组 comparison: 听课节数 and 达标率 per group, papers per group by level."""
    rates, by_group = comparison.rates, comparison.papers_by_group
    shown = [
        Chart("overview_group_lessons", "各教研组听课节数",
              charts.bar(rates["group"], rates["lessons"], title="各教研组听课节数", x_title="教研组", y_title="听课节数")),
        Chart("overview_group_rate", "各教研组听课达标率",
              charts.bar(rates["group"], rates["rate"], title="各教研组听课达标率", x_title="教研组", y_title="达标率",
                         color=charts.RATE_COLOR, percent=True,
                         texts=[f"{bd.percent_text(r)}<br>{m}/{n}人"
                                for r, m, n in zip(rates["rate"], rates["met"], rates["teachers"])])),
    ]
    if len(by_group):
        shown.append(Chart("overview_group_papers", "各教研组论文篇数",
                           charts.stacked(by_group.drop(columns=bd.TOTAL), title="各教研组论文篇数（按级别）",
                                          category_title="教研组", series_title="级别", value_title="论文篇数",
                                          colors=LEVEL_COLORS)))
    return shown


def trend_charts(trend: pd.DataFrame) -> list[Chart]:
    """Every term with data: 听课 total and rate, papers by level, projects."""
    labels = list(trend["label"])
    levels = trend.set_index("label")[[f"level:{level}" for level in LEVEL_COLORS if f"level:{level}" in trend]]
    levels.columns = [column.removeprefix("level:") for column in levels.columns]
    return [
        Chart("overview_trend_lessons", "听课总节数趋势",
              charts.trend(labels, {"听课总节数": trend["lessons"]}, title="听课总节数", y_title="节数")),
        Chart("overview_trend_rate", "听课达标率趋势",
              charts.trend(labels, {"听课达标率": trend["met_rate"]}, title="听课达标率", y_title="达标率", percent=True,
                           colors={"听课达标率": charts.RATE_COLOR})),
        Chart("overview_trend_papers", "论文篇数趋势",
              charts.stacked(levels, title="论文篇数（按级别）", category_title="学期", series_title="级别",
                             value_title="论文篇数", colors=LEVEL_COLORS)),
        Chart("overview_trend_projects", "课题趋势",
              charts.trend(labels, {"在研课题": trend["in_progress"], "本学期结题": trend["concluded"],
                                    "逾期未结题": trend["overdue"]},
                           title="课题", y_title="项数", colors=charts.STATUS_COLORS)),
    ]


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend as the page's table shows it (rates as 70.5%)."""
    shown = bd.display(trend, bd.TREND_COLUMNS)
    shown["听课达标率"] = trend["met_rate"].map(bd.percent_text)
    shown["结题率"] = trend["close_rate"].map(bd.percent_text)
    return shown


def overview_panels(figures: dict, previous: dict | None, comparison: bd.GroupComparison,
                    trend: pd.DataFrame, ds: Dataset | None = None) -> OverviewPanels:
    """Build every card, figure and table of 总览 from the cached figures (of the term and the
    term before, if it has data), 教研组 comparison and trend; with the term's dataset ``ds``, the
    cards of every declared kind with data in it (:func:`dashboard.declared.overview_cards`)."""
    built = [*group_charts(comparison), *trend_charts(trend)]
    declared = tuple((label, tuple(cards)) for label, cards in overview_cards(ds, figures)) if ds is not None else ()
    return OverviewPanels(bd.kpis(figures), bd.kpis(previous) if previous else {}, comparison, trend,
                          trend_table(trend), {chart.key: chart for chart in built}, declared)
