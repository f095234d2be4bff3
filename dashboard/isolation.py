"""Parse an uploaded file in a child process, with a memory limit and a time limit.

The server process never parses an uploaded file itself: whatever a file
holds (a grid of half a terabyte, a parser that never ends, a crash inside
a native reader), the child runs out of memory or time, or dies, and the
user reads a Chinese message naming the file while the server goes on
serving everyone else.

Children are forked from a small server process that has the readers
already imported (multiprocessing's ``forkserver``), so a parse starts in
milliseconds and never inherits the web server's threads.  The child sets
its own address-space limit (``RLIMIT_AS``): what it had at start plus
:data:`MEMORY_LIMIT`.

The command line does not use this path (its files are the administrator's
own, and sending a 200 000-row frame back through a pipe would cost the
import time the benchmark's P1 measures).
"""

from __future__ import annotations

import multiprocessing
import os
import threading

#: Memory a child may use for one file, above what it holds when it starts.
MEMORY_LIMIT = 3 * 1024 ** 3
#: Seconds a child may take for one file.
TIME_LIMIT = 180
#: Largest total of one upload (every file chosen at once).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024

_lock = threading.Lock()
_context = None


def _get_context():
    """The forkserver context, started once per process with the readers imported."""
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["dashboard.importing"])
            _context = context
        return _context


def _limit_memory(extra: int) -> None:
    import resource

    with open("/proc/self/statm") as stats:
        size = int(stats.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))


def _child(conn, task: str, args: tuple, memory: int) -> None:
    """Run one task of :mod:`dashboard.importing` and send back its result (or the exception)."""
    try:
        _limit_memory(memory)
        from . import importing

        if task == "inspect":
            result = importing.inspect(*args)
        elif task == "prepare":
            result = importing.prepare(*args)
        elif task == "sleep":  # used by the tests: a parse that never ends
            import time

            time.sleep(args[0])
            result = None
        elif task == "allocate":  # used by the tests: a parse that wants more memory than allowed
            result = len(bytearray(args[0]))
        else:
            raise ValueError(task)
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


class ChildFailed(Exception):
    """The child ran out of memory or time, or died; ``str()`` is the Chinese message."""


def run(task: str, args: tuple, filename: str, memory: int | None = None, seconds: float | None = None):
    """Run ``task`` on ``args`` in a child; its result, or ChildFailed with a message naming the file.
    ``memory`` and ``seconds`` default to :data:`MEMORY_LIMIT` and :data:`TIME_LIMIT` (read at each call)."""
    memory = MEMORY_LIMIT if memory is None else memory
    seconds = TIME_LIMIT if seconds is None else seconds
    context = _get_context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, task, args, memory), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise ChildFailed(f"文件「{filename}」读取超过 {seconds:g} 秒仍未完成，已停止，未导入任何内容。"
                              "文件可能过大或内容异常，请拆分或检查后再导入。")
        try:
            status, result = receive.recv()
        except (EOFError, OSError):
            status, result = "died", None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "memory" or status == "died":
        limit = f"{memory / 1024 ** 3:.1f} GB" if memory >= 1024 ** 3 else f"{memory / 1024 ** 2:.0f} MB"
        why = "所需内存超过上限" if status == "memory" else f"读取程序异常退出（退出码 {child.exitcode}），通常是所需内存超过上限"
        raise ChildFailed(f"文件「{filename}」{why}（{limit}），已停止，未导入任何内容。"
                          "文件可能过大或内容异常（例如表格外很远处的单元格），请检查或拆分后再导入。")
    return result


def inspect(data: bytes, filename: str, **limits) -> tuple[list[str], str | None]:
    """:func:`dashboard.importing.inspect` in a child: (sheet names, None) or ([], the message)."""
    try:
        return run("inspect", (data, filename), filename, **limits)
    except ChildFailed as failed:
        return [], str(failed)


def prepare(data: bytes, filename: str, options=None, custom=None, known=None, **limits):
    """:func:`dashboard.importing.prepare` in a child: a Preview (``rejected`` set when it failed)."""
    from .importing import Options, Preview, sha256_of

    options = options or Options()
    try:
        return run("prepare", (data, filename, options, custom, known), filename, **limits)
    except ChildFailed as failed:
        return Preview(filename, sha256_of(data), options, rejected=str(failed))


def upload_refusal(sizes: dict[str, int], limit: int | None = None) -> str | None:
    """The message when the files chosen at once are too big together (more than ``limit``,
    by default :data:`MAX_UPLOAD_BYTES`), else None.

    >>> upload_refusal({"a.xlsx": 10, "b.csv": 20}, limit=100) is None
    True
    >>> print(upload_refusal({"a.xlsx": 150 * 1024 ** 2, "b.csv": 60 * 1024 ** 2}))
    一次上传的文件共 210.0 MB（a.xlsx、b.csv），超过 200 MB 的上限，未读取任何文件。请分几次上传。
    """
    limit = MAX_UPLOAD_BYTES if limit is None else limit
    total = sum(sizes.values())
    if total <= limit:
        return None
    return (f"一次上传的文件共 {total / 1024 ** 2:.1f} MB（{'、'.join(sizes)}），超过 {limit // 1024 ** 2} MB 的上限，"
            "未读取任何文件。请分几次上传。")
