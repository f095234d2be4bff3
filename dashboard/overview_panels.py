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
from .labels import KPI_LABELS, TREND_COLUMNS
from .labels import overview as words


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
        Chart("overview_group_lessons", words.GROUP_LESSONS_CHART,
              charts.bar(rates["group"], rates["lessons"], title=words.GROUP_LESSONS_CHART, x_title=words.GROUP_AXIS, y_title=words.LESSONS_AXIS)),
        Chart("overview_group_rate", words.GROUP_RATE_CHART,
              charts.bar(rates["group"], rates["rate"], title=words.GROUP_RATE_CHART, x_title=words.GROUP_AXIS, y_title=words.RATE_AXIS,
                         color=charts.RATE_COLOR, percent=True,
                         texts=[words.GROUP_RATE_BAR_TEXT.format(bd.percent_text(r), m, n)
                                for r, m, n in zip(rates["rate"], rates["met"], rates["teachers"])])),
    ]
    if len(by_group):
        shown.append(Chart("overview_group_papers", words.GROUP_PAPERS_FILE,
                           charts.stacked(by_group.drop(columns=bd.TOTAL), title=words.GROUP_PAPERS_CHART,
                                          category_title=words.GROUP_AXIS, series_title=words.LEVEL_AXIS, value_title=words.PAPERS_AXIS,
                                          colors=LEVEL_COLORS)))
    return shown


def trend_charts(trend: pd.DataFrame) -> list[Chart]:
    """Every term with data: 听课 total and rate, papers by level, projects."""
    labels = list(trend["label"])
    levels = trend.set_index("label")[[f"level:{level}" for level in LEVEL_COLORS if f"level:{level}" in trend]]
    levels.columns = [column.removeprefix("level:") for column in levels.columns]
    return [
        Chart("overview_trend_lessons", words.LESSONS_TREND_FILE,
              charts.trend(labels, {KPI_LABELS["lessons"]: trend["lessons"]}, title=KPI_LABELS["lessons"], y_title=words.LESSONS_TREND_AXIS)),
        Chart("overview_trend_rate", words.RATE_TREND_FILE,
              charts.trend(labels, {KPI_LABELS["met_rate"]: trend["met_rate"]}, title=KPI_LABELS["met_rate"], y_title=words.RATE_AXIS, percent=True,
                           colors={KPI_LABELS["met_rate"]: charts.RATE_COLOR})),
        Chart("overview_trend_papers", words.PAPERS_TREND_FILE,
              charts.stacked(levels, title=words.PAPERS_TREND_CHART, category_title=words.TERM_AXIS, series_title=words.LEVEL_AXIS,
                             value_title=words.PAPERS_AXIS, colors=LEVEL_COLORS)),
        Chart("overview_trend_projects", words.PROJECTS_TREND_FILE,
              charts.trend(labels, {KPI_LABELS["in_progress"]: trend["in_progress"], KPI_LABELS["concluded"]: trend["concluded"],
                                    KPI_LABELS["overdue"]: trend["overdue"]},
                           title=words.PROJECTS_TREND_CHART, y_title=words.PROJECTS_AXIS, colors=charts.STATUS_COLORS)),
    ]


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend as the page's table shows it (rates as 70.5%)."""
    shown = bd.display(trend, bd.TREND_COLUMNS)
    shown[TREND_COLUMNS["met_rate"]] = trend["met_rate"].map(bd.percent_text)
    shown[TREND_COLUMNS["close_rate"]] = trend["close_rate"].map(bd.percent_text)
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
