"""Rule files (TOML a school edits, such as ``data/quota_rules.toml``): read once per change of content.

:func:`load` parses a file with the caller's ``parse`` function and keeps the result until the file's
modification time or size changes, so a page that asks on every click costs one ``stat``, and an
edit shows at the next click (:func:`stamp` changes; :mod:`dashboard.ui` then computes again).  A file
that cannot be read or parsed raises :class:`RulesError` with a Chinese message naming the file and
what is wrong, for the page to show instead of a traceback.
"""

from __future__ import annotations

import os
import re
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path


class RulesError(ValueError):
    """A rule file that cannot be used; the message is Chinese and names the file."""


_lock = threading.Lock()
#: path -> (its (mtime_ns, size) when read, what ``parse`` made of it)
_READ: dict[str, tuple[tuple[int, int], object]] = {}
#: parse function -> (the path it last read, the file's name in messages, the error it raises): one
#: file per kind of rules (when the quota file in use changes, the old one is no longer checked)
_CURRENT: dict[Callable[[dict, Path], object], tuple[str, str, type]] = {}


def _signature(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError as error:
        raise RulesError(f"规则文件「{path}」无法读取（{error.strerror or error}）。请检查文件是否存在。") from None
    return info.st_mtime_ns, info.st_size


def load(path: str | Path, parse: Callable[[dict, Path], object], *, what: str = "规则文件",
         error: type[RulesError] = RulesError):
    """``parse(document, path)`` of the TOML file at ``path``, read again only when it changed.

    ``parse`` raises :class:`RulesError` (or ``KeyError``/``TypeError``/``ValueError``, reported as
    a wrong rule) for content it cannot use.  ``what`` names the file in the messages
    ("培训学时规则文件"); ``error`` is the :class:`RulesError` subclass raised (the kind's own).
    """
    path = Path(path)
    key = str(path)
    try:
        info = os.stat(path)
    except OSError as problem:
        raise error(f"{what}「{path}」无法读取（{problem.strerror or problem}）。请检查文件是否存在。") from None
    signature = (info.st_mtime_ns, info.st_size)
    with _lock:
        found = _READ.get(key)
        _CURRENT[parse] = (key, what, error)
    if found is not None and found[0] == signature:
        return found[1]
    try:
        with open(path, "rb") as handle:
            document = tomllib.loads(handle.read().decode("utf-8-sig"))
    except OSError as problem:
        raise error(f"{what}「{path}」无法读取（{problem.strerror or problem}）。") from None
    except UnicodeDecodeError:
        raise error(f"{what}「{path}」不是 UTF-8 编码的文本，请用 UTF-8 保存。") from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{what}「{path}」格式有误：{problem}。请按文件里的说明改正后保存，页面在下次点击时使用新规则。"
                    ) from None
    try:
        made = parse(document, path)
    except RulesError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as problem:
        said = f"缺少“{problem.args[0]}”" if isinstance(problem, KeyError) else str(problem)
        raise error(f"{what}「{path}」中有一条规则写得不对：{said}。请改正后保存。") from None
    with _lock:
        _READ[key] = (signature, made)
    return made


def first_match(rules, *facts):
    """The first of the ordered ``rules`` whose ``matches(*facts)`` holds (first match wins), else None.

    >>> from types import SimpleNamespace as S
    >>> rules = [S(name="青年", matches=lambda age: age < 35), S(name="其他", matches=lambda age: True)]
    >>> first_match(rules, 30).name, first_match(rules, 50).name, first_match(rules[:1], 50)
    ('青年', '其他', None)
    """
    return next((rule for rule in rules if rule.matches(*facts)), None)


#: Between the posts of one 职务 cell ("副校长兼教务处主任", "教研组长、班主任").
_POSTS = re.compile(r"[、，,/；;\s]+|兼")


def role_named(role: str | None, roles) -> bool:
    """Whether a 职务 cell names one of ``roles``: a post of the cell is the role, or ends with it after
    the office it belongs to (教务处主任 is a 主任, 语文教研组长 a 教研组长); 班主任 is a class teacher,
    never a 主任.

    >>> role_named("主任", ("主任",)), role_named("教务处主任", ("主任",)), role_named("政教处副主任", ("副主任",))
    (True, True, True)
    >>> role_named("班主任", ("主任",)), role_named("副校长兼教研组长", ("教研组长",)), role_named(None, ("主任",))
    (False, True, False)
    >>> role_named("备课组长", ("教研组长",)), role_named("语文教研组长、班主任", ("教研组长",))
    (False, True)
    """
    for post in _POSTS.split(role or ""):
        post = post.replace("班主任", "")
        if post and any(post == wanted or (wanted and post.endswith(wanted)) for wanted in roles):
            return True
    return False


def person_matches(role: str | None, age: int | None, *, roles=(), age_below: int | None = None,
                   age_from: int | None = None) -> bool:
    """Whether a teacher of 职务 ``role`` and ``age`` (whole years, None unknown) meets a rule's
    conditions: one of ``roles`` named (:func:`role_named`), ``age_below`` / ``age_from`` (an unknown age meets neither);
    a rule with none of them matches everyone.

    >>> person_matches("主任", 40, roles=("主任",)), person_matches(None, 30, age_below=35)
    (True, True)
    >>> person_matches("教师", None, age_below=35), person_matches("教师", 50, age_from=45), person_matches("教师", 50)
    (False, True, True)
    """
    if roles and not role_named(role, roles):
        return False
    if age_below is not None and (age is None or age >= age_below):
        return False
    if age_from is not None and (age is None or age < age_from):
        return False
    return True


def ends_with_catch_all(rules, conditional) -> bool:
    """Whether ordered ``rules`` are not empty and the last has no condition (``conditional(rule)``
    false): every rule file's last rule must match every teacher (or 教研组)."""
    return bool(rules) and not conditional(rules[-1])


def stamp() -> tuple:
    """The (path, mtime, size) of every rule file in use: it changes when one is edited."""
    with _lock:
        paths = sorted({path for path, _, _ in _CURRENT.values()})
    stamps = []
    for path in paths:
        try:
            stamps.append((path, *_signature(Path(path))))
        except RulesError:
            stamps.append((path, None, None))
    return tuple(stamps)


def check() -> list[str]:
    """The Chinese message of every rule file in use that cannot be used now (none: [])."""
    with _lock:
        known = dict(_CURRENT)
    problems = []
    for parse, (path, what, error) in known.items():
        try:
            load(path, parse, what=what, error=error)
        except RulesError as error:
            problems.append(str(error))
    return problems
