"""Every data row of the real published tables accounted for, per file and sheet, as a Markdown table.

    .venv/bin/python scripts/realdata_accounting.py [folder …]     # default: ../shared/realdata ../shared/realdata2

For every file of each folder (the ones its README.md lists), the file is loaded as the tests load it
(the kind and the import term below) and each sheet's rows are counted: imported (rows that gave a
record), reported (rows named by a problem that says they were not imported: an error, or a row that is
not data of the kind), and the README's true count of data rows.  A file refused as a whole (prose, a
list that is not of its kind) has reported every one of its rows, with the reason shown.  Rows marked
合计/小计/备注 are not data rows and are not counted.  Exit status 1 when a sheet's imported + reported
differs from the README, or a row is both imported and reported.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FOLDERS = (ROOT.parent / "shared" / "realdata", ROOT.parent / "shared" / "realdata2")

#: How the tests load each file: a file-name part (its number or prefix) -> (kind, import term).
#: A kind of None lets the importer guess, as a user who chooses nothing.
OPTIONS: dict[str, tuple[str | None, str | None]] = {
    # ../shared/realdata (tests/test_realdata.py)
    "691": ("papers", None), "7106": ("papers", "2017-2018-1"), "11900": ("papers", "2020-2021-1"),
    "4506": ("papers", "2011-2012-2"), "631": ("projects", "2008-2009-1"), "1175": ("projects", "2010-2011-1"),
    "1436": ("projects", "2010-2011-1"), "3749": ("projects", "2010-2011-1"), "10966": ("projects", "2020-2021-1"),
    "17138": ("projects", "2023-2024-1"), "15824": ("projects", "2021-2022-1"), "8993": ("roster", None),
    "22503": ("roster", "2025-2026-1"), "20101": ("roster", "2024-2025-1"), "990": ("observations", "2009-2010-1"),
    "21583": ("observations", None),
    # ../shared/realdata2 (tests/test_realdata2.py)
    "A1": ("roster", "2024-2025-1"), "A2": ("papers", "2013-2014-1"), "A3": ("papers", "2013-2014-1"),
    "A4": ("projects", None), "A5": ("projects", None), "B1": ("papers", "2013-2014-1"),
    "B2": ("papers", "2013-2014-1"), "C1": ("papers", "2015-2016-1"), "C2": ("papers", "2014-2015-1"),
    "D1": ("papers", "2019-2020-1"), "E1": (None, None), "F1": (None, None),
}

HEADER = ("文件", "工作表", "类型", "数据行（README）", "导入", "报告", "相等")


@dataclass
class Line:
    """One sheet of one file, counted."""

    file: str
    sheet: str
    kind: str
    expected: int | None  # None: the README gives no count for this sheet alone
    imported: int
    reported: int
    overlap: int = 0
    note: str = ""

    @property
    def equal(self) -> bool:
        return (self.expected is None or self.imported + self.reported == self.expected) and not self.overlap

    def cells(self) -> list[str]:
        if self.expected is None and not self.overlap:
            equal = "—"
        else:
            equal = "是" if self.equal else ("否（有行既导入又报告）" if self.overlap else "否")
        sheet = self.sheet + (f"（{self.note}）" if self.note else "")
        expected = "—" if self.expected is None else str(self.expected)
        return [self.file, sheet, self.kind, expected, str(self.imported), str(self.reported), equal]


def readme_counts(folder: Path) -> dict[str, dict[str, int] | int]:
    """file name -> {sheet: data rows} (several sheets listed) or the file's data rows, from README.md."""
    found: dict[str, dict[str, int] | int] = {}
    columns: list[str] | None = None
    for line in (folder / "README.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        lowered = [cell.lower() for cell in cells]
        if "data rows" in lowered:
            columns = lowered
            continue
        if columns is None or set(line) <= set("|-: "):
            continue
        name = cells[columns.index("file")]
        sheets = [sheet.strip() for sheet in cells[columns.index("sheets")].split(";")]
        rows = re.sub(r"\(.*?\)", "", cells[columns.index("data rows")])
        numbers = [int(re.match(r"\s*(\d+)", part)[1]) for part in rows.split(";")]
        found[name] = dict(zip(sheets, numbers)) if len(sheets) > 1 and len(sheets) == len(numbers) else numbers[0]
    return found


def options_for(name: str) -> tuple[str | None, str | None]:
    """The kind and term a file is loaded with (by its number or prefix)."""
    for part in re.split(r"[_.]", name):
        if part in OPTIONS:
            return OPTIONS[part]
    return None, None


def account(path: Path, expected: dict[str, int] | int) -> list[Line]:
    """The lines of one file: one per sheet (one for the whole file when it was refused)."""
    from dashboard.loaders import load_file
    from dashboard.problems import ImportRejected
    from dashboard.reading import read_workbook

    kind, term = options_for(path.name)
    data = path.read_bytes()
    total = sum(expected.values()) if isinstance(expected, dict) else expected
    try:
        result = load_file(data, path.name, kind=kind, term=term)
    except ImportRejected as refused:
        reason = re.sub(r"^文件「[^」]*」", "", str(refused)).replace("|", "／").replace("\n", " ")
        return [Line(path.name, "（整个文件被拒绝）", kind or "—", total, 0, total, note=reason[:60])]
    sheets = [sheet.name for sheet in read_workbook(data, path.name).sheets]
    imported = set(zip(result.frame["source_sheet"], result.frame["source_row"]))
    reported = {(p.sheet, p.row) for p in result.problems
                if p.row and p.severity in ("error", "skipped") and "合计" not in p.message}
    lines = []
    for sheet in sheets:
        mine = {row for name, row in imported if name == sheet}
        told = {row for name, row in reported if name == sheet}
        # one count for several sheets: each sheet has none of its own, the file's total line below checks it
        wanted = expected.get(sheet, 0) if isinstance(expected, dict) else (expected if len(sheets) == 1 else None)
        lines.append(Line(path.name, sheet, result.kind, wanted, len(mine), len(told - mine), len(mine & told)))
    if isinstance(expected, int) and len(sheets) > 1:
        lines.append(Line(path.name, "（全部工作表）", result.kind, expected, sum(line.imported for line in lines),
                          sum(line.reported for line in lines), sum(line.overlap for line in lines)))
    return lines


def accounting(folders: list[Path]) -> list[Line]:
    """Every listed file of every folder, counted."""
    lines: list[Line] = []
    for folder in folders:
        for name, expected in readme_counts(folder).items():
            lines.extend(account(folder / name, expected))
    return lines


def markdown(lines: list[Line]) -> str:
    """The lines as a Markdown table."""
    rows = [HEADER, ["---"] * len(HEADER), *[line.cells() for line in lines]]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def main(argv: list[str] | None = None) -> int:
    folders = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)] or list(FOLDERS)
    missing = [str(folder) for folder in folders if not (folder / "README.md").is_file()]
    if missing:
        print(f"找不到真实表格目录（或其中的 README.md）：{'、'.join(missing)}", file=sys.stderr)
        return 2
    lines = accounting(folders)
    print(markdown(lines))
    wrong = [line for line in lines if not line.equal]
    print()
    print(f"{len(lines)} 行，{len(wrong)} 行不相等。" if wrong else f"{len(lines)} 行，全部相等：导入 + 报告 = README 的数据行数。")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
