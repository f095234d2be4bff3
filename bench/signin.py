"""``python -m bench.signin``: how long one sign-in takes with the throttle on, against bcrypt alone.

A sign-in is one throttle look-up (failures per user name and per client), one bcrypt check (at
``accounts.PASSWORD_COST``, against a dummy hash for unknown names) and the failure record or its
clearing.  Printed as a ratio to one bare ``bcrypt.checkpw`` at that cost measured in the same run, for a
right password, a wrong one and an unknown name.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time

import bcrypt

from dashboard import accounts, sessions
from dashboard.store import Store

RUNS = 7


def _median(action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    store = Store(f"sqlite:///{tempfile.mkdtemp()}/signin.db")  # a throw-away store, never a school's
    accounts.add_user(store, "bench-user", "right-pass-1", "校长")
    hashed = bcrypt.hashpw(b"right-pass-1", bcrypt.gensalt(accounts.PASSWORD_COST))
    accounts._dummy_hash()  # made once per process, not part of a sign-in

    def attempt(username: str, password: str) -> None:
        try:
            accounts.authenticate(store, username, password, "10.0.0.1")
        except accounts.AccountError:
            pass
        with store.engine.begin() as conn:  # keep the throttle from ending the measurement
            conn.execute(sessions.signin_failures.delete())

    bare = _median(lambda: bcrypt.checkpw(b"right-pass-1", hashed))
    print(f"bcrypt.checkpw 单独一次：{bare * 1000:.0f} 毫秒（{RUNS} 次的中位数）")
    for label, username, password in (("正确密码", "bench-user", "right-pass-1"), ("错误密码", "bench-user", "wrong-pass-1"),
                                      ("不存在的用户名", "nobody", "wrong-pass-1")):
        took = _median(lambda: attempt(username, password))
        print(f"登录（{label}，含节流检查）：{took * 1000:.0f} 毫秒，÷ bcrypt = {took / bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
