"""``python -m dashboard.serve [streamlit run options]``: ``streamlit run app.py`` that starts computing the
first views as soon as the server is up.

The pages start the warm-up (:func:`dashboard.ui.warm_up`) on their first run after a start, so without this
the first person to open the dashboard after a start waits for it.  Here a thread waits until Streamlit's
runtime is serving, then starts the same warm-up in the same process (the results land in the caches the
pages read); the first session finds it started, or done.  ``scripts/run.sh`` starts the dashboard this way.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"
log = logging.getLogger("dashboard.serve")


def warm_when_serving(wait_seconds: float = 300) -> None:
    """Start the warm-up once the runtime accepts sessions (gives up after ``wait_seconds``)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    serving = (RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)
    deadline = time.monotonic() + wait_seconds
    while not (Runtime.exists() and Runtime.instance().state in serving):
        if time.monotonic() > deadline:
            return
        time.sleep(0.1)
    try:
        from .store import resolve_url
        from .ui import get_store, warm_up

        url = resolve_url()
        warm_up(url, get_store(url).version())
    except Exception:  # noqa: BLE001 - without the warm-up the first view only takes longer; app.py reports real errors
        log.exception("启动后预先计算没有开始")


def end_pages_folder_mode() -> bool:
    """Tell Streamlit that ``pages/`` is no folder of old-style pages; True when it took it for one.

    Until some run calls ``st.navigation``, Streamlit takes a ``pages/`` folder beside the main script for
    old-style pages named by their file names.  The first visitor after a start who opens a page by its
    address is then served that way: /import (``pages/import_data.py``) matches no file name, so Streamlit
    shows its "Page not found" dialog over the sign-in form.  ``app.py`` always calls ``st.navigation``,
    so the folder is never meant that way: :func:`main` ends the mode before any session, and
    :func:`dashboard.ui.ensure_app_navigation` where a page got to run first (AppTest, a bare ``streamlit run``).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without this class: nothing to correct
        return False
    was_on = bool(getattr(PagesManager, "uses_pages_directory", False))
    if hasattr(PagesManager, "uses_pages_directory"):
        PagesManager.uses_pages_directory = False
    return was_on


def main(argv: list[str] | None = None) -> None:
    """Run ``streamlit run app.py`` with ``argv`` (its options), the warm-up started as soon as it serves."""
    end_pages_folder_mode()
    threading.Thread(target=warm_when_serving, name="dashboard-warm-start", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
