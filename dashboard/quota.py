"""听课 quota rules: read the school's TOML file and give each teacher a quota.

Rules are ordered; the first whose conditions all hold wins.  A rule may
name ``roles`` (matched exactly against 职务) and ``age_below`` (whole
years on the term's first day); a rule with neither matches everyone.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "quota_rules.toml"


@dataclass(frozen=True)
class QuotaRule:
    label: str
    quota: int
    roles: tuple[str, ...] = ()
    age_below: int | None = None

    def matches(self, role: str | None, age: int | None) -> bool:
        if self.roles and (role or "") not in self.roles:
            return False
        if self.age_below is not None and (age is None or age >= self.age_below):
            return False
        return True

    def describe(self) -> str:
        """The rule as a page shows it, e.g. '35周岁以下: 20节'."""
        return f"{self.label}: {self.quota}节"


def load_rules(path: str | Path | None = None) -> tuple[QuotaRule, ...]:
    """The rules from ``path``, else ``DASHBOARD_QUOTA_RULES``, else data/quota_rules.toml."""
    path = Path(path or os.environ.get("DASHBOARD_QUOTA_RULES") or DEFAULT_RULES)
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    rules = tuple(QuotaRule(str(rule["label"]), int(rule["quota"]), tuple(rule.get("roles", ())),
                            rule.get("age_below")) for rule in document.get("rule", []))
    if not rules or rules[-1].roles or rules[-1].age_below is not None:
        raise ValueError(f"{path}: 最后一条规则必须不带条件（匹配所有教师）")
    return rules


def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    """Whole years from ``birth`` to ``day``.

    >>> age_on(dt.date(1990, 9, 2), dt.date(2025, 9, 1)), age_on(dt.date(1990, 9, 1), dt.date(2025, 9, 1))
    (34, 35)
    >>> age_on(None, dt.date(2025, 9, 1)) is None
    True
    """
    if birth is None or birth != birth:  # None, NaN or NaT: unknown
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def quota_for(rules: tuple[QuotaRule, ...], role: str | None, age: int | None) -> QuotaRule:
    """The first rule that matches.

    >>> rules = load_rules()
    >>> quota_for(rules, "班主任", 40).quota, quota_for(rules, "主任", 50).quota
    (10, 20)
    >>> quota_for(rules, "备课组长", 30).quota, quota_for(rules, "教研组长", 30).quota
    (20, 15)
    """
    return next(rule for rule in rules if rule.matches(role, age))
