"""课型 of a lesson: the open-lesson types, and reading a 课型 cell.

The types of an open lesson (公开课 and its kinds) are :data:`LESSON_TYPES`.  A 课型 cell names a type
when it contains the type's word or a synonym (:data:`TYPE_WORDS`, the more specific first: 一人一课
before 公开课, so "一人一课公开课" is 一人一课).  In a 听课 log, only a row whose 课型 names one of
:data:`OPEN_TYPES` is also an open lesson (常态课, 随堂课, 推门课 … are ordinary lessons); in a 公开课
list, a 课型 naming no type is 其他 (reported).
"""

from __future__ import annotations

from .normalize import squash

#: every type of open lesson, in the order figures list them
LESSON_TYPES = ("公开课", "示范课", "研究课", "汇报课", "观摩课", "一人一课", "其他")
#: the types that make a 听课 log row an open lesson
OPEN_TYPES = LESSON_TYPES[:-1]
#: words of a 课型 cell -> the type; tried in this order (more specific first)
TYPE_WORDS = (
    ("一人一课", "一人一课"), ("示范", "示范课"), ("研究课", "研究课"), ("研讨课", "研究课"),
    ("汇报", "汇报课"), ("观摩", "观摩课"), ("公开课", "公开课"), ("公开", "公开课"), ("展示课", "公开课"),
)
#: 课型 words of an ordinary lesson (not an open lesson)
ORDINARY_WORDS = ("常态", "随堂", "推门", "家常", "普通", "随机")


def lesson_type(value: object) -> str | None:
    """The open-lesson type a 课型 cell names, else None (blank, or an ordinary lesson).

    >>> [lesson_type(v) for v in ("公开课", "校级示范课", "一人一课公开课", "研讨课", "常态课", "", None)]
    ['公开课', '示范课', '一人一课', '研究课', None, None, None]
    >>> lesson_type("其他"), lesson_type("优质课展示")
    (None, None)
    """
    text = squash(value)
    if not text or any(word in text for word in ORDINARY_WORDS):
        return None
    return next((kind for word, kind in TYPE_WORDS if word in text), None)


def is_ordinary(value: object) -> bool:
    """Whether a 课型 cell says the lesson was an ordinary one.

    >>> is_ordinary("随堂课"), is_ordinary("公开课"), is_ordinary("")
    (True, False, False)
    """
    text = squash(value)
    return bool(text) and any(word in text for word in ORDINARY_WORDS)
