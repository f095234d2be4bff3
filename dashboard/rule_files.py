"""Rule files (TOML a school edits, such as ``data/quota_rules.toml``): read once per change of content.

:func:`load` parses a file with the caller's ``parse`` function and keeps the result until the file's
modification time or size changes, so a page that asks on every click costs one ``stat``, and an
edit shows at the next click (:func:`stamp` changes; :mod:`dashboard.ui` then computes again).  A file
that cannot be read or parsed raises :class:`RulesError` with a Chinese message naming the file and
what is wrong, for the page to show instead of a traceback.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path


class RulesError(ValueError):
    """A rule file that cannot be used; the message is Chinese and names the file."""


_lock = threading.Lock()
#: path -> (its (mtime_ns, size) when read, what ``parse`` made of it)
_READ: dict[str, tuple[tuple[int, int], object]] = {}
#: parse function -> the path it last read (one file per kind of rules: when the quota file in use
#: changes, the old one is no longer checked)
_CURRENT: dict[Callable[[dict, Path], object], str] = {}


def _signature(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError as error:
        raise RulesError(f"规则文件「{path}」无法读取（{error.strerror or error}）。请检查文件是否存在。") from None
    return info.st_mtime_ns, info.st_size


def load(path: str | Path, parse: Callable[[dict, Path], object]):
    """``parse(document, path)`` of the TOML file at ``path``, read again only when it changed.

    ``parse`` raises :class:`RulesError` (or ``KeyError``/``TypeError``/``ValueError``, reported as
    a wrong rule) for content it cannot use.
    """
    path = Path(path)
    key = str(path)
    signature = _signature(path)
    with _lock:
        found = _READ.get(key)
        _CURRENT[parse] = key
    if found is not None and found[0] == signature:
        return found[1]
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise RulesError(f"规则文件「{path}」无法读取（{error.strerror or error}）。") from None
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"规则文件「{path}」格式有误：{error}。请按文件里的示例改正后保存，页面在下次点击时使用新规则。"
                         ) from None
    try:
        made = parse(document, path)
    except RulesError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        what = f"缺少“{error.args[0]}”" if isinstance(error, KeyError) else str(error)
        raise RulesError(f"规则文件「{path}」中有一条规则写得不对：{what}。请改正后保存。") from None
    with _lock:
        _READ[key] = (signature, made)
    return made


def stamp() -> tuple:
    """The (path, mtime, size) of every rule file in use: it changes when one is edited."""
    with _lock:
        paths = sorted(set(_CURRENT.values()))
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
    for parse, path in known.items():
        try:
            load(path, parse)
        except RulesError as error:
            problems.append(str(error))
    return problems
