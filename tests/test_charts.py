"""Bar charts at district size: more than 12 categories turn horizontal, largest first, one row each."""

from __future__ import annotations

import json

from dashboard import charts


def spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_many_groups_are_horizontal_and_sorted_with_single_line_labels():
    groups = [f"第{n}教研组" for n in range(40)]
    rates = [(n * 7 % 40) / 40 for n in range(40)]
    texts = [f"{r:.0%}<br>{n}/40人" for n, r in enumerate(rates)]
    trace = spec(charts.bar(groups, rates, title="达标率", x_title="教研组", y_title="达标率", percent=True,
                            texts=texts))["data"][0]
    assert trace["orientation"] == "h" and len(trace["y"]) == 40
    assert trace["x"] == sorted(trace["x"], reverse=True)  # largest first
    best = groups[rates.index(max(rates))]
    assert trace["y"][0] == best and trace["text"][0] == texts[groups.index(best)].replace("<br>", " ")
    assert dict(zip(trace["y"], trace["x"])) == {g: round(r * 100, 1) for g, r in zip(groups, rates)}


def test_a_few_groups_stay_vertical_in_their_order():
    trace = spec(charts.bar(["语文组", "数学组"], [3, 9], title="节数", x_title="教研组", y_title="节数"))["data"][0]
    assert trace["x"] == ["语文组", "数学组"] and trace["y"] == [3, 9] and trace["text"] == ["3", "9"]


def test_many_weeks_keep_their_order_and_leave_values_to_the_hover():
    weeks = [f"第{n}周" for n in range(1, 21)]
    trace = spec(charts.bar(weeks, list(range(20, 0, -1)), title="每周", x_title="周次", y_title="节数",
                            in_order=True))["data"][0]
    assert trace.get("orientation", "v") == "v" and trace["x"] == weeks and "text" not in trace


def test_many_schools_stacked_are_horizontal_most_first():
    import pandas as pd

    table = pd.DataFrame({"市级": range(26), "校级": [1] * 26}, index=[f"学校{n}" for n in range(26)])
    data = spec(charts.stacked(table, title="论文", category_title="学校", series_title="级别", value_title="篇数",
                               colors=charts.LEVEL_COLORS))["data"]
    assert data[0]["orientation"] == "h" and data[0]["y"][:2] == ["学校25", "学校24"]
    assert data[-1]["x"][0] == 26  # the total written at the end of the first row


def test_a_group_of_many_teachers_against_quota_is_horizontal():
    names = [f"教师{n}" for n in range(15)]
    bars, quota = spec(charts.count_vs_quota(names, list(range(15)), [20] * 15, title="节数", x_title="教师"))["data"]
    assert bars["orientation"] == "h" and bars["y"][0] == "教师14" and bars["x"][0] == 14
    assert quota["y"] == bars["y"] and quota["x"] == [20] * 15
