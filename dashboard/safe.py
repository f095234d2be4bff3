"""What reaches a user safely: text from files shown as text, and errors shown without internals.

:func:`md` escapes a value (a name, a file name, a sheet title …) before it
goes into anything Streamlit renders as Markdown: ``st.markdown``,
``st.caption``, ``st.info``/``st.warning``/``st.error``/``st.success``,
``st.subheader`` and widget labels.  Without it a name like
``![t](http://…)`` makes every viewer's browser fetch that address.

:func:`show_error` is what a page shows instead of a traceback: a Chinese
message with an error id; the traceback goes to the server's log under
the same id.  Database addresses are logged without their password.

A widget's callback (``on_click``/``on_change``) runs before the page
script, outside app.py's wrapper: :func:`callback` gives it the same
treatment (logged with an id; the id is kept in the session and
:func:`run_page` shows the message at the top of that run's page).
"""

from __future__ import annotations

import functools
import logging
import re
import secrets
from collections.abc import Callable

log = logging.getLogger("dashboard.errors")

#: Characters that start Markdown anywhere in a line: emphasis, code, links and images, HTML, math,
#: Streamlit's :colour[…] and :icon: directives, autolinks (``http:``), tables, strikethrough.
_INLINE = re.compile(r"([\\`*_{}\[\]<>!$:~|^])")
#: Block markers, which count only at the start of a line: headings, quotes, lists, rules.
_LEADING = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def md(value: object) -> str:
    """``value`` as text for Markdown: what would format, link or fetch is escaped, line breaks become spaces.

    >>> md("![t](http://example.org/x.png)")
    '\\\\!\\\\[t\\\\](http\\\\://example.org/x.png)'
    >>> md("王莉(大)"), md("2024-2025学年听课记录.xlsx")
    ('王莉(大)', '2024-2025学年听课记录.xlsx')
    >>> md("**粗体** :red[红] $x$ <b>")
    '\\\\*\\\\*粗体\\\\*\\\\* \\\\:red\\\\[红\\\\] \\\\$x\\\\$ \\\\<b\\\\>'
    >>> md("第一行\\n# 第二行"), md("# 标题"), md("1. 列表"), md("- 列表"), md("www.example.org")
    ('第一行 # 第二行', '\\\\# 标题', '1\\\\. 列表', '\\\\- 列表', 'www\\\\.example.org')
    >>> md(None), md(3)
    ('', '3')
    """
    if value is None:
        return ""
    text = re.sub(r"[\r\n\t\v\f]+", " ", str(value))
    text = _INLINE.sub(r"\\\1", text)
    text = re.sub(r"(?i)(?<=www)\.", r"\\.", text)  # GFM turns a bare www.… into a link
    return _LEADING.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                        text, count=1)


def new_error_id() -> str:
    """A short id a user can read out to the administrator (8 hex digits)."""
    return secrets.token_hex(4)


def hide_password(url: str) -> str:
    """A database URL as it may be shown or logged: the password replaced by ***.

    >>> hide_password("postgresql+psycopg://u:s3cret@db.school/dash")
    'postgresql+psycopg://u:***@db.school/dash'
    >>> hide_password("sqlite:///data/dashboard.db")
    'sqlite:///data/dashboard.db'
    """
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL at all: show nothing of it
        return "（无法解析的数据库地址）"


def log_error(error: BaseException, where: str = "") -> str:
    """Log an exception with a new id (no password of any database URL in it); return the id."""
    error_id = new_error_id()
    log.error("错误编号 %s%s", error_id, f"（{where}）" if where else "", exc_info=error)
    return error_id


def error_text(error_id: str) -> str:
    """What a viewer reads when something failed: the id, and what to do with it."""
    return (f"出错了，这一步没有完成。错误编号：{error_id}。请把这个编号告诉管理员，"
            "管理员可以在服务器日志里按编号查到原因。")


def show_error(error: BaseException, where: str = "") -> str:
    """Log the exception and show the viewer a Chinese message with its id, nothing else."""
    import streamlit as st

    error_id = log_error(error, where)
    st.error(error_text(error_id))
    return error_id


#: Session key of the error id a failed callback left for the page to show.
CALLBACK_ERROR = "_callback_error_id"


def callback(where: str | Callable = "") -> Callable:
    """Decorate a widget callback so that an exception in it is logged with an id and the viewer sees the
    Chinese message with that id (see :func:`show_callback_error`), never a traceback.

    Use as ``@callback`` or ``@callback("账号管理")`` (where it happened, for the log).
    """
    if callable(where):
        return callback("")(where)

    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any failure: logged with an id, the viewer sees the id
                import streamlit as st

                st.session_state[CALLBACK_ERROR] = log_error(error, where or getattr(function, "__name__", ""))
        return guarded
    return decorate


def show_callback_error() -> str | None:
    """Show, once, the message of a callback that failed before this run; returns its id."""
    import streamlit as st

    error_id = st.session_state.pop(CALLBACK_ERROR, None)
    if error_id is not None:
        st.error(error_text(error_id))
    return error_id


def run_page(page) -> None:
    """Run a ``st.navigation`` page: its failure is logged and shown with an id.  A callback's failure
    (before this run) is shown above the page; when the page reruns, in the next run instead."""
    import streamlit as st
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

    failed = show_callback_error()
    try:
        page.run()
    except Exception as error:  # noqa: BLE001 - any page's failure: logged with an id, the viewer sees the id
        show_error(error, "页面")
    except RerunException:  # this run is thrown away: the next one shows the message
        if failed is not None:
            st.session_state[CALLBACK_ERROR] = failed
        raise
