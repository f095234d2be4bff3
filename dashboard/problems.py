"""Problems found while reading a file, and the typed errors that reject one.

A :class:`Problem` always says where it came from (file, sheet, row,
column) and what is wrong, in Chinese, so a user can act on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing a user should know about a row, a block or a whole file.

    ``severity`` is ``"error"`` (the row was not imported: fix and import
    again), ``"skipped"`` (not data of this kind, left out on purpose, such
    as a 合计 row or a list of books), ``"warning"`` (imported, but something
    was guessed or is doubtful) or ``"info"`` (imported; a note on how).
    """

    file: str
    sheet: str
    row: int | None
    column: str
    message: str
    severity: str = "warning"

    def where(self) -> str:
        """Where the problem is, in the words a user reads.

        >>> Problem("a.xlsx", "Sheet1", 5, "出生年月", "x").where()
        '文件「a.xlsx」工作表「Sheet1」第5行「出生年月」列'
        """
        parts = [f"文件「{self.file}」"]
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
        if self.row:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"「{self.column}」列")
        return "".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}：{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class ImportRejected(Exception):
    """A whole file cannot be imported; its message is for the user."""

    def __init__(self, filename: str, message: str):
        self.filename = filename
        self.reason = message
        super().__init__(f"文件「{filename}」{message}")


class CorruptFile(ImportRejected):
    """Damaged, truncated, or not a spreadsheet at all."""


class EncryptedFile(ImportRejected):
    """Password-protected workbook."""


class TooLarge(ImportRejected):
    """Too large, or unpacks to too much (a zip bomb)."""


class EmptyFile(ImportRejected):
    """No cells with data."""


class NoHeader(ImportRejected):
    """No table this program recognises."""


class UnsavedFormulas(ImportRejected):
    """Formula cells without a saved value."""


class WrongKind(ImportRejected):
    """The file is not of the kind the user said it is."""
