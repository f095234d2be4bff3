"""Normalising functions, one per concern: term, name, date, level/grade, stage.

Each takes a raw cell value and returns the canonical value (or ``None``
when the value cannot be read); none of them mutates its input.  The rules
are the data contract's (see :mod:`dashboard.contract`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dataclasses import dataclass

from .contract import (CATEGORY_SPELLINGS, GRADES, LEVELS, MUNICIPALITIES, NATIONAL_ISSUERS, PROVINCIAL_ISSUERS, ROLE_WORDS,
                       SCHOOL_ISSUER_ENDINGS, STAGE_WORDS, STAGES)

# ---------------------------------------------------------------- whitespace

#: Every kind of blank a published table puts inside a cell.
_BLANKS = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


def squash(value: object) -> str:
    """Cell text with every kind of whitespace removed.

    >>> squash(" 姓  名\\n")
    '姓名'
    >>> squash("课\\u3000题\\u200b名称")
    '课题名称'
    >>> squash(None)
    ''
    """
    if value is None:
        return ""
    return _BLANKS.sub("", str(value))


def clean_text(value: object) -> str:
    """Cell text with runs of blanks folded to one space and ends trimmed.

    >>> clean_text("  王勃<腾王阁诗>   赏析 \\u3000")
    '王勃<腾王阁诗> 赏析'
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _BLANKS.sub(" ", str(value)).strip()


# --------------------------------------------------------------------- terms

_HALF = {"一": 1, "1": 1, "上": 1, "二": 2, "2": 2, "下": 2}
_TERM_PATTERNS = (
    # 2024-2025学年第一学期, 2024~2025学年度第一学期, 2024—2025学年上学期, 2024-25学年, 24-25学年
    re.compile(r"(?<!\d)(?P<y1>\d{4}|\d{2})[-~～—–_至到/](?P<y2>\d{4}|\d{2})学年度?(?:第)?(?P<h>[一二12上下])学期"),
    # 2024-2025-1
    re.compile(r"(?<!\d)(?P<y1>\d{4})[-~～—–_](?P<y2>\d{4})[-~～—–_](?P<h>[12])(?!\d)"),
    # 2024学年第一学期 (school year named by its first year)
    re.compile(r"(?P<y1>\d{4})学年度?(?:第)?(?P<h>[一二12上下])学期"),
)
_SEASON = re.compile(r"(?P<y>\d{4})年?(?P<s>[秋春])季?(?:学期)?")


@lru_cache(maxsize=4096)
def normalize_term(value: object) -> str | None:
    """Canonical term id ``YYYY-YYYY-N`` from any accepted spelling.

    The spelling may stand inside longer text such as a title.

    >>> normalize_term("2024-2025学年第一学期")
    '2024-2025-1'
    >>> normalize_term("2024~2025学年第一学期")
    '2024-2025-1'
    >>> normalize_term("2024—2025学年度第一学期")
    '2024-2025-1'
    >>> normalize_term("2024学年第一学期")
    '2024-2025-1'
    >>> normalize_term("XX中学2023学年第二学期教师名册")
    '2023-2024-2'
    >>> normalize_term("2024-2025-2")
    '2024-2025-2'
    >>> normalize_term("2024年秋季学期"), normalize_term("2024秋")
    ('2024-2025-1', '2024-2025-1')
    >>> normalize_term("2025年春季学期"), normalize_term("2025春")
    ('2024-2025-2', '2024-2025-2')
    >>> normalize_term("2024学年上学期"), normalize_term("2024学年下学期")
    ('2024-2025-1', '2024-2025-2')
    >>> normalize_term("24-25学年第一学期"), normalize_term("2024-25学年第二学期"), normalize_term("23-24学年第2学期")
    ('2024-2025-1', '2024-2025-2', '2023-2024-2')
    >>> normalize_term("24-26学年第一学期") is None
    True
    >>> normalize_term("2024-2026学年第一学期") is None
    True
    >>> normalize_term("听课记录") is None
    True
    """
    text = squash(value)
    if not text:
        return None
    for pattern in _TERM_PATTERNS:
        match = pattern.search(text)
        if match:
            first, second = _school_years(match["y1"], match.groupdict().get("y2"))
            if second != first + 1:
                return None
            return f"{first}-{second}-{_HALF[match['h']]}"
    match = _SEASON.search(text)
    if match:
        year = int(match["y"])
        if match["s"] == "秋":
            return f"{year}-{year + 1}-1"
        return f"{year - 1}-{year}-2"
    return None


def _school_years(first: str, second: str | None) -> tuple[int, int]:
    """The two calendar years of a school year written with four or two digits each
    (``2024-25``, ``24-25``; a two-digit first year is of this century)."""
    start = int(first) + (2000 if len(first) == 2 else 0)
    if second is None:
        return start, start + 1
    end = int(second)
    if len(second) == 2:
        end += start // 100 * 100
        if end < start:
            end += 100
    return start, end


def term_bounds(term: str) -> tuple[dt.date, dt.date]:
    """First and last day of a canonical term.

    >>> term_bounds("2024-2025-1")
    (datetime.date(2024, 9, 1), datetime.date(2025, 1, 31))
    >>> term_bounds("2024-2025-2")
    (datetime.date(2025, 2, 1), datetime.date(2025, 8, 31))
    """
    first, second, half = term.split("-")
    if half == "1":
        return dt.date(int(first), 9, 1), dt.date(int(second), 1, 31)
    return dt.date(int(second), 2, 1), dt.date(int(second), 8, 31)


def term_of_date(day: dt.date) -> str:
    """The one term a date belongs to.

    >>> term_of_date(dt.date(2024, 9, 1)), term_of_date(dt.date(2025, 1, 31))
    ('2024-2025-1', '2024-2025-1')
    >>> term_of_date(dt.date(2025, 2, 1)), term_of_date(dt.date(2025, 8, 31))
    ('2024-2025-2', '2024-2025-2')
    """
    if day.month >= 9:
        return f"{day.year}-{day.year + 1}-1"
    if day.month == 1:
        return f"{day.year - 1}-{day.year}-1"
    return f"{day.year - 1}-{day.year}-2"


def previous_term(term: str) -> str:
    """The term before ``term``.

    >>> previous_term("2024-2025-1"), previous_term("2024-2025-2")
    ('2023-2024-2', '2024-2025-1')
    """
    first, second, half = (int(part) for part in term.split("-"))
    if half == 2:
        return f"{first}-{second}-1"
    return f"{first - 1}-{second - 1}-2"


# --------------------------------------------------------------------- names

_BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]"})
#: A bracket after a name; what it holds decides whether it is part of the name.
_BRACKET = re.compile(r"[(（]([^()（）]*)[)）]")
#: Bracket contents that are a role (and perhaps other people), never a disambiguator.
_ROLE_IN_BRACKET = re.compile(
    r"^(?:等|执笔|第.作者|主持人?|负责人?|组长|组员|独立|合作|主研|成员|参与者?|老师|教师|排名第?\d+|第\d+|"
    r"指导(?:老师|教师)?|通讯作者|[^:：]*[:：])"
)
#: "等" (and others) closing a list: the people before it are named, the rest are not.
_AND_OTHERS = re.compile(r"\s*等(?:\s*\d*\s*人)?\s*$")
_TITLE_WORDS = ("老师", "教师")


@lru_cache(maxsize=65536)
def name_key(value: object) -> str:
    """The key a teacher is matched by.

    Whitespace of every kind goes, full-width brackets become half-width,
    a trailing 老师 (also in brackets) is dropped; a bracketed disambiguator stays.

    >>> name_key("王  月")
    '王月'
    >>> name_key("王莉（大）")
    '王莉(大)'
    >>> name_key(" 张伟老师 "), name_key("张伟（老师）"), name_key("张伟 老师")
    ('张伟', '张伟', '张伟')
    >>> name_key(None)
    ''
    """
    key = squash(value).translate(_BRACKETS)
    if key.endswith("(老师)") and len(key) > 4:
        key = key[:-4]
    if key.endswith("老师") and len(key) > 2:
        key = key[:-2]
    return key


_NAME_SEPARATORS = re.compile(r"[、，,;；/\n]+")
_ROLE_MARK = "\x01"


@dataclass(frozen=True)
class People:
    """What a person cell says: the names, and what stands beside them.

    ``roles``: (name, role) for a role written in brackets after a name
    ("王五（执笔）", "段景山（排名2）", "蔡晓庆(指导老师:孙玉林)");
    ``others``: people named inside such a bracket (the 指导老师 孙玉林), who
    are not the cell's people; ``unnamed_others``: the list ends in 等;
    ``role_words``: role words standing where a name should be (主研, 负责).
    """

    names: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    others: tuple[str, ...] = ()
    unnamed_others: bool = False
    role_words: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def read_people(value: object) -> People:
    """The people in an author, leader, member or observer cell.

    >>> read_people("韦云凯，马立香，杨宁 等")
    People(names=('韦云凯', '马立香', '杨宁'), roles=(), others=(), unnamed_others=True, role_words=())
    >>> read_people("杨宁等").names, read_people("杨宁等").unnamed_others
    (('杨宁',), True)
    >>> read_people("蔡晓庆(指导老师:孙玉林)")
    People(names=('蔡晓庆',), roles=(('蔡晓庆', '指导老师:孙玉林'),), others=('孙玉林',), unnamed_others=False, role_words=())
    >>> read_people("但梦琳(指导老师:曾莉、王海燕)").others
    ('曾莉', '王海燕')
    >>> read_people("王五（执笔）").roles, read_people("赵六（排名2）").roles
    ((('王五', '执笔'),), (('赵六', '排名2'),))
    >>> read_people("负责、主研")
    People(names=(), roles=(), others=(), unnamed_others=False, role_words=('负责', '主研'))
    >>> read_people("汪欣刚 老师").names, read_people("张三（老师）").names, read_people("王莉(大)").names
    (('汪欣刚',), ('张三',), ('王莉(大)',))
    """
    text = "" if value is None else str(value).replace(_ROLE_MARK, "")
    roles: list[tuple[int, str]] = []
    others: list[str] = []

    def bracket(match: re.Match) -> str:
        inside = squash(match[1])
        if not inside or (len(inside) <= 2 and not _ROLE_IN_BRACKET.match(inside)):
            return match[0]  # a disambiguator such as 王莉(大): part of the name
        if inside in _TITLE_WORDS:
            return " "
        role, _, rest = inside.replace("：", ":").partition(":")
        if rest:
            others.extend(read_people(rest).names)
            role = f"{role}:{rest}"
        roles.append((len(roles), role))
        return f" {_ROLE_MARK}{len(roles) - 1}{_ROLE_MARK} "

    if "(" in text or "（" in text:
        text = _BRACKET.sub(bracket, text)
    text = text.replace("*", " ")
    names: list[str] = []
    named_roles: list[tuple[str, str]] = []
    role_words: list[str] = []
    unnamed = False
    for part in _NAME_SEPARATORS.split(text):
        if "等" in part:
            if squash(part) == "等":
                unnamed = True
                continue
            if _AND_OTHERS.search(part):
                part, unnamed = _AND_OTHERS.sub("", part), True
        tokens = [token for token in _BLANKS.split(part) if token]
        found: list[str] = []
        pending = ""
        for token in tokens:
            if token.startswith(_ROLE_MARK):
                number = int(token.strip(_ROLE_MARK))
                role = roles[number][1]
                if role == "等":
                    unnamed = True
                elif found:
                    named_roles.append((found[-1], role))
                continue
            if token in _TITLE_WORDS and (found or pending):
                continue
            if token.startswith(("(", "（")) and found and not pending:
                found[-1] = name_key(found[-1] + token)
                continue
            pending += token
            if len(pending) >= 2:
                found.append(name_key(pending))
                pending = ""
        if pending:
            if found:
                found[-1] = found[-1] + pending
            else:
                found.append(name_key(pending))
        for name in found:
            if name in ROLE_WORDS:
                role_words.append(name)
            elif name:
                names.append(name)
    return People(tuple(names), tuple(named_roles), tuple(others), unnamed, tuple(role_words))


def split_names(value: object) -> list[str]:
    """The names in an author or member cell, annotations and role words removed.

    Names are separated by 、 ， ; / line breaks or runs of spaces; a
    single character padded with spaces is part of its neighbour
    (``"王  月"`` is one name).  See :func:`read_people` for what is dropped.

    >>> split_names("叶建红、钟慧军、 吴巍巍")
    ['叶建红', '钟慧军', '吴巍巍']
    >>> split_names("傅丽娜       王小红       杨瑞敏")
    ['傅丽娜', '王小红', '杨瑞敏']
    >>> split_names("王  月")
    ['王月']
    >>> split_names("丁弘正（执笔）、王学文")
    ['丁弘正', '王学文']
    >>> split_names("凌晓锋(第二   作者)"), split_names("董秋成（等）")
    (['凌晓锋'], ['董秋成'])
    >>> split_names("董秋成*      唐海燕")
    ['董秋成', '唐海燕']
    >>> split_names("王莉（大）"), split_names("乙、丙")
    (['王莉(大)'], ['乙', '丙'])
    >>> split_names("柯诗婷、张锦绣   (指导老师:乔翠兰)"), split_names("主研")
    (['柯诗婷', '张锦绣'], [])
    """
    return list(read_people(value).names)


# --------------------------------------------------------------------- dates

_YMD = re.compile(r"(?<!\d)(\d{4})\s*[.\-/年．]\s*(\d{1,2})\s*[.\-/月．]\s*(\d{1,2})(?!\d)")
_YM = re.compile(r"(?<!\d)(\d{4})\s*[.\-/年．]\s*(\d{1,2})(?!\d)")
_DIGITS8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DIGITS6 = re.compile(r"^(\d{4})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})年?(?:度)?$")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: A time of day after a date ("2024-10-12 14:30", "2024/10/9 上午10:00:00", "…14时30分"): not part of the day.
_CLOCK = r"(?:上午|下午|早上|中午|晚上)?\s*\d{1,2}\s*[:：时点]\s*\d{0,2}\s*(?:[:：分]\s*(?:\d{1,2}(?:\.\d+)?\s*秒?)?)?\s*(?:[AaPp][Mm])?"
_TIME_OF_DAY = re.compile(rf"(?<=[\d日号])(?:\s*T|\s+|(?<=[日号]))\s*{_CLOCK}(?:\s*[-~～—–至到]\s*{_CLOCK})?\s*$")


_ID_NUMBER = re.compile(r"^\d{6}(\d{8})\d{3}[\dXx]$|^\d{6}(\d{6})\d{3}$")


def birth_date_from_id(value: object) -> dt.date | None:
    """The birth date a 居民身份证 number states (18 digits: the 7th–14th; the old 15: the 7th–12th,
    19YYMMDD), or None when the cell is not such a number or its date does not exist.

    >>> birth_date_from_id("330602198503120011"), birth_date_from_id(" 33060219950718002x ")
    (datetime.date(1985, 3, 12), datetime.date(1995, 7, 18))
    >>> birth_date_from_id("330602850312001"), birth_date_from_id("330602198513450011"), birth_date_from_id(1985)
    (datetime.date(1985, 3, 12), None, None)
    """
    if not isinstance(value, str):
        return None
    match = _ID_NUMBER.match(value.strip())
    if not match:
        return None
    digits = match[1] or "19" + match[2]
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return born if born.year >= 1900 else None


def parse_date(value: object, *, year_only: bool = False) -> dt.date | None:
    """A date from a cell; year and month alone mean the 1st of that month; a time of day after
    the date is dropped (form tools and Excel write one).

    ``year_only=True`` also reads a bare year as 1 January of that year.

    >>> parse_date("2024.10.12"), parse_date("2024年10月12日")
    (datetime.date(2024, 10, 12), datetime.date(2024, 10, 12))
    >>> parse_date("2006年11月"), parse_date("1988.05"), parse_date("198805")
    (datetime.date(2006, 11, 1), datetime.date(1988, 5, 1), datetime.date(1988, 5, 1))
    >>> parse_date(dt.datetime(2024, 3, 5, 8, 0)), parse_date(1988.05)
    (datetime.date(2024, 3, 5), datetime.date(1988, 5, 1))
    >>> parse_date("2006年8月第1版"), parse_date("20241012"), parse_date(45577)
    (datetime.date(2006, 8, 1), datetime.date(2024, 10, 12), datetime.date(2024, 10, 12))
    >>> parse_date("2010"), parse_date("2010", year_only=True)
    (None, datetime.date(2010, 1, 1))
    >>> parse_date(""), parse_date("见习期"), parse_date("2024.13")
    (None, None, None)
    >>> parse_date("2024-10-12 14:30"), parse_date("2024/10/12 8:05:00"), parse_date("2024年10月12日 14时30分")
    (datetime.date(2024, 10, 12), datetime.date(2024, 10, 12), datetime.date(2024, 10, 12))
    >>> parse_date("2024/10/9 上午10:00"), parse_date("2024-10-12T14:30:00"), parse_date(45577.6041)
    (datetime.date(2024, 10, 9), datetime.date(2024, 10, 12), datetime.date(2024, 10, 12))
    >>> parse_date("2024.10.12 14:30-15:10"), parse_date("2024年10月12日下午2点")
    (datetime.date(2024, 10, 12), datetime.date(2024, 10, 12))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if 20000 <= number < 80000:  # an Excel date serial in a cell formatted as a number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
        if number.is_integer():
            text = str(int(number))
        else:
            year = int(number)
            month = round((number - year) * 100)
            return _safe_date(year, month, 1)
    else:
        text = str(value)
        if ":" in text or "：" in text or "时" in text or "点" in text:
            text = _TIME_OF_DAY.sub("", text.strip())
        text = squash(text)
    for pattern in (_DIGITS8, _DIGITS6):
        match = pattern.match(text)
        if match:
            parts = [int(group) for group in match.groups()] + [1]
            return _safe_date(parts[0], parts[1], parts[2])
    match = _YMD.search(text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = _YM.search(text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), 1)
    if year_only:
        match = _YEAR.match(text)
        if match:
            return _safe_date(int(match[1]), 1, 1)
    return None


_YEARS = re.compile(r"^(\d{4})年?度?(?:[-~～—–_至到、,，/]+(\d{4})年?度?)?$")


def parse_years(value: object) -> tuple[int, int] | None:
    """A date that gives only a year or a span of years: (first, last).

    A full or year-month date is not this (see :func:`parse_date`).

    >>> parse_years("2005"), parse_years(2013.0), parse_years("2005-2008"), parse_years("2006～2007")
    ((2005, 2005), (2013, 2013), (2005, 2008), (2006, 2007))
    >>> parse_years("2009年"), parse_years("2007、2012"), parse_years("2010.9"), parse_years("2005-2004")
    ((2009, 2009), (2007, 2012), None, None)
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or value is None:
        return None
    match = _YEARS.match(squash(value))
    if not match:
        return None
    first = int(match[1])
    last = int(match[2] or first)
    if not (1900 <= first <= last <= 2100):
        return None
    return first, last


_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[.\-/月．]\s*(\d{1,2})\s*日?$")


def parse_month_day(value: object, term: str) -> dt.date | None:
    """A date written without its year ("10月12日", "3.5"), placed in ``term``.

    >>> parse_month_day("10月12日", "2024-2025-1"), parse_month_day("1.8", "2024-2025-1")
    (datetime.date(2024, 10, 12), datetime.date(2025, 1, 8))
    >>> parse_month_day("3/5", "2024-2025-2"), parse_month_day("3/5", "2024-2025-1") is None
    (datetime.date(2025, 3, 5), True)
    """
    match = _MONTH_DAY.match(squash(value))
    if not match:
        return None
    month, day = int(match[1]), int(match[2])
    start, end = term_bounds(term)
    for year in (start.year, end.year):
        found = _safe_date(year, month, day)
        if found and start <= found <= end:
            return found
    return None


# ------------------------------------------------------- periods and classes

_CN_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
_PERIOD_NUMBER = re.compile(r"第?([0-9]+)节?")


def normalize_period(value: object) -> str | None:
    """A lesson period (节次) as its number, so "第3节", "第三节" and 3 agree.

    >>> normalize_period("第3节"), normalize_period("第三节"), normalize_period(3.0)
    ('3', '3', '3')
    >>> normalize_period("上午"), normalize_period("") is None
    ('上午', True)
    """
    text = clean_text(value).replace(" ", "").translate(_CN_DIGITS)
    if not text:
        return None
    match = _PERIOD_NUMBER.fullmatch(text)
    return match[1] if match else text


def normalize_class(value: object) -> str | None:
    """A class name with blanks removed and brackets half-width.

    >>> normalize_class("高一（3）班"), normalize_class("高一(3) 班")
    ('高一(3)班', '高一(3)班')
    """
    text = squash(value).translate(_BRACKETS)
    return text or None


# ------------------------------------------------------------ levels, grades

_NOT_CITY = "".join(f"(?<!{city[:-1]})" for city in MUNICIPALITIES)
_LEVEL_PATTERNS = (  # lowest level first: the lowest level named wins
    ("校级", re.compile(r"校级|^校|校内|学校")),
    ("区县级", re.compile(r"(?<![地社学治])区(?!域)|县")),
    ("市级", re.compile(_NOT_CITY + r"市")),
    ("省级", re.compile("|".join(PROVINCIAL_ISSUERS))),
    ("国家级", re.compile("|".join(NATIONAL_ISSUERS))),
)
_GRADE_PATTERNS = (
    ("特等奖", re.compile(r"特等")),
    ("一等奖", re.compile(r"一等|[省市区县国]级?一(?!等)|^一$")),
    ("二等奖", re.compile(r"二等|[省市区县国]级?二(?!等)|^二$")),
    ("三等奖", re.compile(r"三等|[省市区县国]级?三(?!等)|^三$")),
    ("优秀奖", re.compile(r"优秀奖|优胜奖|鼓励奖|^优秀$")),
    ("发表", re.compile(r"发表|刊登|刊发")),
)


def _first_named(value: object, canonical: tuple[str, ...], patterns) -> str | None:
    """The canonical word itself, else the word of the first pattern the text matches."""
    text = squash(value)
    if text in canonical:
        return text
    return next((word for word, pattern in patterns if pattern.search(text)), None)


@lru_cache(maxsize=8192)
def normalize_level(value: object) -> str | None:
    """The canonical level named in a text, the lowest if several are.

    The text may name the level (省级) or who issued it (教育部, 四川省教育厅).

    >>> normalize_level("市属级"), normalize_level("省级规划"), normalize_level("区")
    ('市级', '省级', '区县级')
    >>> normalize_level("县级"), normalize_level("中国教育学会全国物理教育科研重点课题")
    ('区县级', '国家级')
    >>> normalize_level("2010年绍兴一中校级立项课题"), normalize_level("一等奖") is None
    ('校级', True)
    >>> normalize_level("教育部"), normalize_level("四川省教育厅"), normalize_level("学校")
    ('国家级', '省级', '校级')
    >>> normalize_level("上海市第十届哲学社会科学优秀成果奖"), normalize_level("广西壮族自治区哲学社会科学优秀成果奖")
    ('省级', '省级')
    >>> normalize_level("上海市浦东新区教育局"), normalize_level("内江市教育科学研究所"), normalize_level("区教师发展中心")
    ('区县级', '市级', '区县级')
    """
    return _first_named(value, LEVELS, _LEVEL_PATTERNS)


_SCHOOL_ISSUER = re.compile(f"(?:{'|'.join(SCHOOL_ISSUER_ENDINGS)})$")


@lru_cache(maxsize=8192)
def issuer_level(value: object) -> str | None:
    """The level of an award or project from the body that issued it.

    A body that is itself a school is 校级 wherever it is; otherwise as
    :func:`normalize_level`.

    >>> issuer_level("广东省高级技工学校"), issuer_level("广东省技师学院"), issuer_level("广东省职业技术教研室")
    ('校级', '校级', '省级')
    >>> issuer_level("教育部"), issuer_level("惠州市人力资源和社会保障局"), issuer_level("模具制造杂志社") is None
    ('国家级', '市级', True)
    """
    if _SCHOOL_ISSUER.search(squash(value)):
        return "校级"
    return normalize_level(value)


# ---------------------------------------------------------- award categories

_CATEGORY_OF = {spelling: category for category, spellings in CATEGORY_SPELLINGS.items() for spelling in spellings}
_CATEGORY_WORD = re.compile("|".join(sorted(map(re.escape, _CATEGORY_OF), key=len, reverse=True)))


def categories_named(value: object) -> tuple[str, ...]:
    """The 获奖与发表 categories a text names, in order of first mention (the longest spelling wins
    where two overlap).

    >>> categories_named("2024年区优质课评比获奖名单"), categories_named("教学设计与课件评比")
    (('优质课',), ('教学设计', '课件'))
    >>> categories_named("市级一等奖")
    ()
    """
    found = [_CATEGORY_OF[match] for match in _CATEGORY_WORD.findall(squash(value))]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def normalize_category(value: object) -> str | None:
    """The one award category (:data:`dashboard.contract.AWARD_CATEGORIES`) a cell, title or
    section text names; None when it names none, or several (it then states none).

    >>> normalize_category("2024年区优质课评比获奖名单"), normalize_category("课堂教学评比"), normalize_category("赛课")
    ('优质课', '优质课', '优质课')
    >>> normalize_category("教案"), normalize_category("德育案例"), normalize_category("微视频")
    ('教学设计', '教学案例', '微课')
    >>> normalize_category("青年教师基本功大赛"), normalize_category("技能大赛"), normalize_category(" 说 课 ")
    ('基本功', '基本功', '说课')
    >>> normalize_category("多媒体课件"), normalize_category("教育教学论文"), normalize_category("其它")
    ('课件', '论文', '其他')
    >>> normalize_category("教学设计与课件评比") is None, normalize_category("一等奖") is None, normalize_category(None)
    (True, True, None)
    """
    named = categories_named(value)
    return named[0] if len(named) == 1 else None


_LEVEL_WORD = re.compile(r"(国家|部|省|市|区|县|校)级")


def states_one_level(value: object) -> bool:
    """Whether a heading or caption names a level for what is under it.

    Prose that names several levels ("部省级以上7项，校级12项") names none.

    >>> states_one_level("2008年度省级规划课题"), states_one_level("各级教改项目19项，其中部省级以上的7项，校级12项。")
    (True, False)
    """
    text = squash(value)
    return len(set(_LEVEL_WORD.findall(text))) < 2 and normalize_level(text) is not None


@lru_cache(maxsize=8192)
def normalize_grade(value: object) -> str | None:
    """The canonical grade named in a text.

    A bare ``一``/``二``/``三`` (as under a 奖次 header) reads as that prize.

    >>> normalize_grade("省一等奖"), normalize_grade("区二"), normalize_grade("市级一等级")
    ('一等奖', '二等奖', '一等奖')
    >>> normalize_grade("一"), normalize_grade("三"), normalize_grade("发表")
    ('一等奖', '三等奖', '发表')
    >>> normalize_grade("优秀论文一等奖"), normalize_grade("绍兴市优秀党课教案") is None
    ('一等奖', True)
    """
    return _first_named(value, GRADES, _GRADE_PATTERNS)


_AWARD_SPLIT = re.compile(r"[\s\u3000、；;，,]+")


def parse_awards(value: object, *, default_level: str | None = None) -> list[tuple[str | None, str]]:
    """The (level, grade) awards a cell states; a cell may hold several.

    A piece naming a level but no grade gets 其他; ``default_level`` fills
    in where the text names no level.

    >>> parse_awards("省级三等奖   市级一等奖   市属级二等奖")
    [('省级', '三等奖'), ('市级', '一等奖'), ('市级', '二等奖')]
    >>> parse_awards("一等奖（省级）"), parse_awards("市属级三等奖")
    ([('省级', '一等奖')], [('市级', '三等奖')])
    >>> parse_awards("一", default_level="区县级")
    [('区县级', '一等奖')]
    >>> parse_awards("浙江省2010年高中思想政治教学论文评比一等奖 2010.12")
    [('省级', '一等奖')]
    >>> parse_awards("2006年绍兴市优秀党课教案")
    [('市级', '其他')]
    >>> parse_awards("")
    []
    """
    text = clean_text(value)
    if not text:
        return []
    pieces = [piece for piece in _AWARD_SPLIT.split(text) if piece]
    awards: list[tuple[str | None, str]] = []
    carry_level: str | None = None
    for piece in pieces:
        level = normalize_level(piece)
        grade = normalize_grade(piece)
        if grade is None:
            if level is not None:
                carry_level = level
            continue
        awards.append((level or carry_level or default_level, grade))
        carry_level = None
    if not awards:
        level = normalize_level(text) or default_level
        if level is not None and normalize_level(text) is not None:
            awards.append((level, "其他"))
    return awards


# -------------------------------------------------------------------- stages

_STAGE_PATTERNS = (
    ("终止", re.compile(r"终止|撤销|撤项|取消")),
    ("延期", re.compile(r"延期|延迟")),
    ("申报", re.compile(r"拟立项|待立项|申报|未立项")),
    ("结题", re.compile(r"(?<!未)结题|结项|验收|完成")),
    ("中期", re.compile(r"中期")),
    ("开题", re.compile(r"开题")),
    ("立项", re.compile(r"立项|在研|研究中|进行中")),
)


@lru_cache(maxsize=1024)
def normalize_stage(value: object) -> str | None:
    """The canonical stage of a project.

    >>> normalize_stage("撤项"), normalize_stage("终止研究"), normalize_stage("延期结题"), normalize_stage("已开题")
    ('终止', '终止', '延期', '开题')
    >>> normalize_stage("已立项"), normalize_stage("撤销")
    ('立项', '终止')

    >>> normalize_stage("在研"), normalize_stage("已结题"), normalize_stage("中期检查通过")
    ('立项', '结题', '中期')
    >>> normalize_stage("拟立项"), normalize_stage("延期一年"), normalize_stage("终止")
    ('申报', '延期', '终止')
    >>> normalize_stage("市级一等奖") is None
    True
    """
    text = squash(value)
    if text in STAGE_WORDS:
        return STAGE_WORDS[text]
    return _first_named(text, STAGES, _STAGE_PATTERNS)


# -------------------------------------------------------------------- groups

_GROUP_ENDING = re.compile(r"(?:教研组|学科组|教研室|科组|组)$")


@lru_cache(maxsize=4096)
def group_key(value: object) -> str:
    """The key a 教研组 is matched by: the subject without 教研组/学科组/组 and blanks.

    >>> group_key("语文组"), group_key("语文教研组"), group_key(" 语 文 "), group_key("数学学科组")
    ('语文', '语文', '语文', '数学')
    >>> group_key("艺体组") == group_key("艺体教研组"), group_key(None)
    (True, '')
    """
    return _GROUP_ENDING.sub("", squash(value))
