"""What the tests that start the platform's own processes share: the venv's commands, an
environment without the test run's settings, the test database as a URL, a free port, waiting,
and a database connection of the test's own (as another process would hold)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.db import connection

VENV_BIN = Path(sys.executable).parent


def clean_env() -> dict:
    """This environment without the platform's settings: each command reads its own."""
    prefixes = ("INNOCLUSTER_", "PYTEST", "DJANGO_SETTINGS")
    return {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}


def url_of(name: str | None = None) -> str:
    """The test database (or another database `name` on its server) as INNOCLUSTER_DATABASE_URL."""
    from django.db import connection

    db = connection.settings_dict
    user = f"{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
    return f"postgres://{user}@{quote(db['HOST'] or '', safe='')}:{db['PORT']}/{name or db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, what: str, timeout: float = 60.0, every: float = 0.2):
    """Poll `condition` until it returns something true, and return that; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Printing:
    """A command of the venv started with its output (stdout and stderr) collected line by line
    in `lines` as it prints; `stop()` sends SIGINT, as Ctrl+C does, and waits for it."""

    def __init__(self, *args: str, env: dict, **popen):
        self.process = subprocess.Popen(  # noqa: S603
            [str(VENV_BIN / "innocluster"), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            **popen,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(
            target=lambda: self.lines.extend(line.rstrip("\n") for line in self.process.stdout)
        )
        self._reader.start()

    def stop(self, timeout: float = 60) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)


def raw_connection(**extra) -> psycopg.Connection:
    """A connection of the test's own, beside Django's (which must not wait on the lock)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, **extra)
