"""The words 工作总结 compares and counts in: a rate, a change against the previous term
(比上学期增加5篇), counts joined (国家级1篇、省级4篇).  Pure."""

from __future__ import annotations


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` or None when ``whole`` is 0."""
    return part / whole if whole else None


def change(now: int, before: int | None, unit: str) -> str:
    """'比上学期增加5篇' and the like; '' when there is nothing to compare with.

    >>> change(20, 15, "篇"), change(3, 5, "项"), change(4, 4, "节"), change(4, None, "节")
    ('比上学期增加5篇', '比上学期减少2项', '与上学期持平', '')
    """
    if before is None:
        return ""
    if now > before:
        return f"比上学期增加{now - before}{unit}"
    if now < before:
        return f"比上学期减少{before - now}{unit}"
    return "与上学期持平"


def rate_change(now: float | None, before: float | None) -> str:
    """'比上学期提高3.2个百分点' and the like.

    >>> rate_change(0.75, 0.7), rate_change(0.7, 0.75), rate_change(0.5, 0.5), rate_change(0.5, None)
    ('比上学期提高5个百分点', '比上学期下降5个百分点', '与上学期持平', '')
    """
    if now is None or before is None:
        return ""
    points = round((now - before) * 100, 1)
    text = f"{abs(points):.1f}".removesuffix(".0")
    if points > 0:
        return f"比上学期提高{text}个百分点"
    if points < 0:
        return f"比上学期下降{text}个百分点"
    return "与上学期持平"


def joined(counts: dict[str, int], keys, unit: str, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    return "、".join(f"{labels.get(key, key)}{counts[key]}{unit}" for key in keys if counts.get(key))


def clause(text: str) -> str:
    return f"，{text}" if text else ""
