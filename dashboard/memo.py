"""Results computed once per :class:`~dashboard.dataset.Dataset` object: what every kind's hooks ask of
the same dataset and term (the term's roster, its 听课 counts, the 师徒结对 table of every 教研组).

The pages get each dataset from a cache keyed on the store version and the viewer's scope, and never
modify it; a result kept here lives as long as that dataset object, and a new version (import, undo)
or another scope is another object.  The callers key each result on everything else it depends on
(term, the rules in force).  Results are shared: nothing may modify them.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

#: id(dataset) -> {key: result}; an entry goes when its dataset does
_MEMO: dict[int, dict[Hashable, object]] = {}
_lock = threading.Lock()


def per_dataset(ds: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per dataset object and ``key``.

    >>> class Box: pass
    >>> box, calls = Box(), []
    >>> per_dataset(box, "k", lambda: calls.append(1) or len(calls))
    1
    >>> per_dataset(box, "k", lambda: calls.append(1) or len(calls))
    1
    >>> per_dataset(Box(), "k", lambda: calls.append(1) or len(calls))
    2
    """
    ident = id(ds)
    with _lock:
        found = _MEMO.get(ident)
        if found is None:
            found = _MEMO[ident] = {}
            weakref.finalize(ds, _MEMO.pop, ident, None)
        if key in found:
            return found[key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        if ident in _MEMO:
            _MEMO[ident].setdefault(key, value)
    return value
