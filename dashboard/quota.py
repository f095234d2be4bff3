"""听课 quota rules: read the school's TOML file and give each teacher a quota.

Rules are ordered; the first whose conditions all hold wins.  A rule may
name ``roles`` (matched exactly against 职务) and ``age_below`` (whole
years on the term's first day); a rule with neither matches everyone.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from . import rule_files
from .labels import AGE_UNKNOWN_RULE
from .rule_files import RulesError

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "quota_rules.toml"


@dataclass(frozen=True)
class QuotaRule:
    label: str
    quota: int
    roles: tuple[str, ...] = ()
    age_below: int | None = None

    def matches(self, role: str | None, age: int | None) -> bool:
        return rule_files.person_matches(role, age, roles=self.roles, age_below=self.age_below)

    @property
    def conditional(self) -> bool:
        return bool(self.roles) or self.age_below is not None

    def describe(self) -> str:
        """The rule as a page shows it, e.g. '35周岁以下: 20节'."""
        return f"{self.label}: {self.quota}节"


def load_rules(path: str | Path | None = None) -> tuple[QuotaRule, ...]:
    """The rules from ``path``, else ``DASHBOARD_QUOTA_RULES``, else data/quota_rules.toml; read
    again only when the file changed (:mod:`dashboard.rule_files`).  A file that cannot be used
    raises :class:`~dashboard.rule_files.RulesError` with a Chinese message."""
    return rule_files.load(Path(path or os.environ.get("DASHBOARD_QUOTA_RULES") or DEFAULT_RULES), parse_rules)


def parse_rules(document: dict, path: Path) -> tuple[QuotaRule, ...]:
    """The rules of a parsed quota file, in order.

    >>> parse_rules({"rule": [{"label": "其他教师", "quota": 10}]}, Path("q.toml"))
    (QuotaRule(label='其他教师', quota=10, roles=(), age_below=None),)
    >>> parse_rules({"rule": [{"label": "其他教师", "quota": "十"}]}, Path("q.toml"))
    Traceback (most recent call last):
    dashboard.rule_files.RulesError: 规则文件「q.toml」第1条规则（其他教师）的 quota 应为整数节数，现为“十”。
    """
    rules = []
    for number, rule in enumerate(document.get("rule", []), start=1):
        label = str(rule.get("label") or f"第{number}条规则")
        quota, age = rule.get("quota"), rule.get("age_below")
        if not isinstance(quota, int) or isinstance(quota, bool) or quota < 0:
            raise RulesError(f"规则文件「{path}」第{number}条规则（{label}）的 quota 应为整数节数，现为“{quota}”。")
        if age is not None and (not isinstance(age, int) or isinstance(age, bool)):
            raise RulesError(f"规则文件「{path}」第{number}条规则（{label}）的 age_below 应为整数周岁，现为“{age}”。")
        roles = rule.get("roles", ())
        if isinstance(roles, str) or not all(isinstance(role, str) for role in roles):
            raise RulesError(f"规则文件「{path}」第{number}条规则（{label}）的 roles 应为职务列表，如 [\"主任\"]。")
        rules.append(QuotaRule(label, quota, tuple(roles), age))
    if not rule_files.ends_with_catch_all(rules, lambda rule: rule.conditional):
        raise RulesError(f"规则文件「{path}」：最后一条规则必须不带条件（匹配所有教师）。")
    return tuple(rules)


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
    return rule_files.first_match(rules, role, age)


def describe_for(rules: tuple[QuotaRule, ...], rule: QuotaRule, age: int | None) -> str:
    """The 任务依据 a page shows for a teacher ``rule`` matched: the rule, and when the age is unknown
    and an age rule came before it (the quota could be another), that it is provisional.

    >>> rules = load_rules()
    >>> describe_for(rules, quota_for(rules, None, None), None), describe_for(rules, quota_for(rules, "主任", None), None)
    ('出生年月不明，暂按35周岁以上: 10节', '校级领导、中层干部: 20节')
    >>> describe_for(rules, quota_for(rules, None, 50), 50)
    '35周岁以上: 10节'
    """
    if age is None and any(earlier.age_below is not None for earlier in rules[:rules.index(rule)]):
        return AGE_UNKNOWN_RULE.format(rule=rule.describe())
    return rule.describe()
