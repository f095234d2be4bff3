"""个人任务 targets: read the school's TOML rules and give each teacher a target per category.

Rules are ordered and read per category: for a teacher and a category the
first rule of that category whose conditions all hold wins; with none the
teacher has no target for it.  A rule may name ``roles`` (职务, exactly),
``age_below`` / ``age_at_least`` (whole years on the term's first day) and
``titles`` (a word the 职称 contains).  ``per = "月"`` makes ``count`` a
monthly target: the term's target is ``count`` × the months the file counts
for that term (``[months] first`` / ``second``, 5 and 5 by default: 9–1月
and 2–6月).  A broken file raises :class:`TaskRulesError` with a Chinese message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import rule_files
from .kinds.tasks import CATEGORIES

DEFAULT_TASK_RULES = Path(__file__).resolve().parent.parent / "data" / "task_rules.toml"
PERIODS = ("学期", "月")


class TaskRulesError(rule_files.RulesError):
    """The rule file cannot be used; the message (Chinese) says where and why."""


@dataclass(frozen=True)
class TaskRule:
    label: str
    category: str
    count: int
    per: str = "学期"
    roles: tuple[str, ...] = ()
    age_below: int | None = None
    age_at_least: int | None = None
    titles: tuple[str, ...] = ()

    def matches(self, role: str | None, age: int | None, title: str | None) -> bool:
        if not rule_files.person_matches(role, age, roles=self.roles, age_below=self.age_below,
                                         age_from=self.age_at_least):
            return False
        return not self.titles or any(word in (title or "") for word in self.titles)

    def target(self, months: int) -> int:
        """The term's target: ``count``, or ``count`` × ``months`` for a monthly rule."""
        return self.count * months if self.per == "月" else self.count

    def describe(self) -> str:
        """The rule as a page shows it, e.g. '40周岁以下: 博文每月3篇'."""
        return f"{self.label}: {self.category}每{self.per}{self.count}篇"


@dataclass(frozen=True)
class TaskRules:
    rules: tuple[TaskRule, ...]
    months_first: int = 5
    months_second: int = 5

    def months(self, term: str) -> int:
        """How many months term ``term`` counts for a monthly target."""
        return self.months_first if term.endswith("-1") else self.months_second

    def rule_for(self, category: str, role: str | None, age: int | None, title: str | None) -> TaskRule | None:
        """The first rule of ``category`` that matches, or None."""
        return rule_files.first_match([rule for rule in self.rules if rule.category == category], role, age, title)


def _whole(document: dict, where: str, key: str, default=None, low: int = 0) -> int | None:
    value = document.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise TaskRulesError(f"{where}：{key} 应为不小于 {low} 的整数，写的是 {value!r}。")
    return value


def _words(document: dict, where: str, key: str) -> tuple[str, ...]:
    value = document.get(key, ())
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise TaskRulesError(f"{where}：{key} 应为文字列表，如 [\"教研组长\"]。")
    return tuple(value)


def _rule(number: int, document: object, path: Path) -> TaskRule:
    where = f"{path.name} 第 {number} 条规则"
    if not isinstance(document, dict):
        raise TaskRulesError(f"{where}：格式不对，应写在 [[rule]] 之下。")
    category = document.get("category")
    if category not in CATEGORIES:
        raise TaskRulesError(f"{where}：category 应为 {'、'.join(CATEGORIES)} 之一，写的是 {category!r}。")
    per = document.get("per", "学期")
    if per not in PERIODS:
        raise TaskRulesError(f"{where}：per 应为 \"学期\" 或 \"月\"，写的是 {per!r}。")
    if "count" not in document:
        raise TaskRulesError(f"{where}：缺少 count（篇数）。")
    return TaskRule(str(document.get("label") or category), category, _whole(document, where, "count"), per,
                    _words(document, where, "roles"), _whole(document, where, "age_below"),
                    _whole(document, where, "age_at_least"), _words(document, where, "titles"))


def load_task_rules(path: str | Path | None = None) -> TaskRules:
    """The rules from ``path``, else ``DASHBOARD_TASK_RULES``, else data/task_rules.toml; read again
    only when the file changed (:func:`dashboard.rule_files.load`).

    >>> rules = load_task_rules()
    >>> rules.rule_for("博文", None, 30, None).target(rules.months("2024-2025-1"))
    15
    >>> rules.rule_for("博文", None, 45, None) is None, rules.rule_for("读书笔记", None, None, None).count
    (True, 2)
    """
    path = Path(path or os.environ.get("DASHBOARD_TASK_RULES") or DEFAULT_TASK_RULES)
    return rule_files.load(path, parse_task_rules, what="个人任务要求文件", error=TaskRulesError)


def parse_task_rules(document: dict, path: Path) -> TaskRules:
    """The rules of a parsed task rule file."""
    rules = document.get("rule", [])
    if not isinstance(rules, list):
        raise TaskRulesError(f"{path.name}：规则应写成 [[rule]]。")
    months = document.get("months", {})
    if not isinstance(months, dict):
        raise TaskRulesError(f"{path.name}：[months] 格式不对。")
    where = f"{path.name} 的 [months]"
    return TaskRules(tuple(_rule(number, rule, path) for number, rule in enumerate(rules, 1)),
                     _whole(months, where, "first", 5, 1), _whole(months, where, "second", 5, 1))
