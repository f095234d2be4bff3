"""A throw-away kind for tests: 家访记录 (home visits), declared, read and counted here alone.

Nothing in the application names it: ``tests/test_kinds.py`` registers :data:`KIND` and sees it
on the import page, in the templates, in the store and history, in the figures, on 总览 and in
工作总结 through its declaration and the hooks below.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kinds import Card, Field, Kind, Section
from dashboard.loaders.common import FileContext, text
from dashboard.normalize import name_key, normalize_term, parse_date
from dashboard.tables import Block

KIND = Kind(
    key="home_visits",
    label="家访记录",
    file_label="家访记录",
    order=90,
    reader="tests.throwaway_kind",
    fields=(
        Field("term", "学期"),
        Field("date", "家访日期", "date"),
        Field("visitor", "家访教师"),
        Field("student", "学生"),
    ),
    synonyms={"date": ("家访日期",), "visitor": ("家访教师",), "student": ("学生姓名", "学生"),
              "term": ("学期",)},
    header_words={"date": ("家访日期",), "visitor": ("家访教师",), "student": ("学生",), "term": ("学期",)},
    required=("visitor",),
    hints=("家访",),
    people=("visitor",),
    figures_hook="tests.throwaway_kind:figures",
    overview_hook="tests.throwaway_kind:cards",
    report_hook="tests.throwaway_kind:sections",
    profile_hook="tests.throwaway_kind:profile",
    reminder_hook="tests.throwaway_kind:owed",
    example={"date": "2024-10-12", "term": "2024-2025-1"},
    sheets_hook="tests.throwaway_kind:not_a_visit_list",
    tables_hook="tests.throwaway_kind:check_tables",
    one_column="只有一列文字（如“{example}”），不是家访记录：家访记录要有家访教师和学生两列。",
)

#: the first line of a school's 家访须知 (rules for visits, in sentences): no list of visits
NOTICE = "家访须知"


def not_a_visit_list(sheets) -> str | None:
    """The kind's ``sheets_hook``: a 家访须知 is refused before any table is looked for."""
    first = next((cells[0] for sheet in sheets for cells in sheet.rows if cells and cells[0]), "")
    return "这是家访须知，不是家访名单，未保存。" if str(first).strip() == NOTICE else None


def check_tables(blocks, filename: str) -> None:
    """The kind's ``tables_hook``: a 家访 table must name the student visited."""
    from dashboard.problems import WrongKind

    if not any("student" in block.fields for block in blocks):
        raise WrongKind(filename, "家访记录没有学生列（学生姓名），不知道访了谁，未导入。")


def read_block(block: Block, ctx: FileContext) -> list[dict]:
    records = []
    for row in block.rows:
        visitor = text(block, row, "visitor")
        if not visitor:
            ctx.reject_row(block, row, "家访教师", "没有家访教师，未导入。")
            continue
        day = parse_date(text(block, row, "date")) if text(block, row, "date") else None
        term = normalize_term(text(block, row, "term")) if text(block, row, "term") else ctx.term_for(block)
        records.append({"term": term, "date": day, "visitor": name_key(visitor), "student": text(block, row, "student"),
                        "source_sheet": block.sheet, "source_row": row.number})
    return records


def _rows(ds, term: str) -> pd.DataFrame:
    frame = ds.frame("home_visits")
    return frame[frame["term"] == term]


def figures(ds, term: str, group: str | None) -> dict:
    rows = _rows(ds, term)
    if group is not None:
        from dashboard import metrics

        roster = metrics.roster_for(ds, term)
        members = set(roster.loc[roster["group"] == group, "name_key"])
        rows = rows[rows["visitor"].isin(members)]
    return {"home_visits": {"total": int(len(rows)), "teachers": int(rows["visitor"].nunique())}}


def cards(fig: dict) -> list[Card]:
    return [Card("家访次数", str(fig["home_visits"]["total"])), Card("家访教师", f"{fig['home_visits']['teachers']}人")]


def sections(ds, term, group, fig, previous) -> list[Section]:
    rows = _rows(ds, term)
    table = pd.DataFrame({"家访教师": rows["visitor"], "学生": rows["student"]})
    return [Section("家访工作", f"本学期共家访{fig['home_visits']['total']}次。", table, "按家访记录统计。")]


def profile(ds, teacher: str) -> list[Section]:
    frame = ds.frame("home_visits")
    mine = frame[frame["visitor"] == teacher]
    return [Section("家访", f"共家访{len(mine)}次。", pd.DataFrame({"学期": mine["term"], "学生": mine["student"]}))]


def owed(ds, term, group, day) -> pd.DataFrame:
    from dashboard import metrics

    roster = metrics.roster_for(ds, term)
    members = roster.loc[roster["group"] == group, "name_key"]
    done = _rows(ds, term)["visitor"].value_counts()
    rows = [{"姓名": name, "事项": "家访", "要求": "2次", "已完成": int(done.get(name, 0)),
             "还差": 2 - int(done.get(name, 0))} for name in members if done.get(name, 0) < 2]
    return pd.DataFrame(rows, columns=["姓名", "事项", "要求", "已完成", "还差"])
