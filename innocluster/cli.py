"""The `innocluster` command: `run` (the whole platform on one machine), `worker` (a task worker
only), `backup` and `restore` (one file with the database and the uploaded files), `manage`
(Django's manage.py)."""

import argparse
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SETTINGS = "innocluster.config.settings"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def manage(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["innocluster manage", *argv])


def _print_sign_ins(host: str, port: int) -> None:
    from innocluster.core.demo import DEMO_PASSWORD, demo_sign_ins

    rows = demo_sign_ins()
    print(f"\nInnoCluster is running at http://{host}:{port}/  (admin: /admin/, API docs: /api/v1/docs)")
    if rows:
        print(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, what in rows:
            print(f"  {email:<42} {what}")
        print(
            "Staff sign-ins first ask to turn on the second factor (any TOTP app; the key is shown as text)."
        )
    print("Press Ctrl+C to stop.\n", flush=True)


def site_url(host: str, port: int) -> str:
    """The address this server is reached at, for links e-mailed with no request at hand (a
    wildcard host is reached through the loopback here)."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - naming the wildcard, not binding to it
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _wait_until_serving(url: str, children: list, timeout: float = 120.0) -> bool:
    """Wait until the web server accepts connections at `url` (False if a child exits first or
    `timeout` passes)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return False
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def configure(host: str, port: int, debug: bool = False) -> None:
    """The environment `run` reads its settings from and passes on to the worker."""
    if debug:  # development only: tracebacks on error pages and a fixed secret key
        os.environ["INNOCLUSTER_DEBUG"] = "1"
    # The worker's e-mails, sent with no request at hand, link to this server unless told otherwise;
    # a default of ours does not pin the links of e-mails sent while answering a request.
    if not os.environ.get("INNOCLUSTER_SITE_URL"):
        os.environ["INNOCLUSTER_SITE_URL"] = site_url(host, port)
        os.environ["INNOCLUSTER_SITE_URL_DEFAULTED"] = "1"


WORKER_RESTARTS_PER_MINUTE = 5


def run(host: str, port: int, demo: bool, threads: int, workers: int = 1, debug: bool = False) -> int:
    configure(host, port, debug)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from innocluster.core.demo import demo_loaded

        if not demo_loaded():
            print("Loading the demo cluster (first start only)…", flush=True)
            call_command("seed_demo")
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    bin_dir = os.path.dirname(sys.executable)
    children = [
        subprocess.Popen([os.path.join(bin_dir, "innocluster"), "worker", "--quiet"], env=env),  # noqa: S603
        subprocess.Popen(  # noqa: S603
            [
                os.path.join(bin_dir, "granian"),
                "--interface",
                "wsgi",
                "--host",
                host,
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--blocking-threads",
                str(threads),
                "--no-ws",
                "--log-level",  # its start-up lines would come after the sign-ins
                "warning",
                "innocluster.config.wsgi:application",
            ],
            env=env,
        ),
    ]
    # The sign-ins are the last lines before the site answers: printed once it accepts connections.
    _wait_until_serving(site_url(host, port), children)
    _print_sign_ins(host, port)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    restarts: list[float] = []
    while not stopping:
        worker_process, web_process = children
        if worker_process.poll() is not None and not stopping:
            # a worker killed (the out-of-memory killer, by hand) is started again: its task is
            # put back in the queue by the next one; one that keeps dying stops the platform
            restarts = [at for at in restarts if at > time.monotonic() - 60] + [time.monotonic()]
            if len(restarts) > WORKER_RESTARTS_PER_MINUTE:
                print("The worker keeps exiting; stopping.", file=sys.stderr)
                code, stopping = worker_process.returncode or 1, True
            else:
                print(
                    f"The worker exited with {worker_process.returncode}; starting it again.", file=sys.stderr
                )
                children[0] = subprocess.Popen(worker_process.args, env=env)  # noqa: S603
        if web_process.poll() is not None:
            print(f"{web_process.args[0]} exited with {web_process.returncode}; stopping.", file=sys.stderr)
            code, stopping = web_process.returncode or 1, True
        time.sleep(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _kill_with_its_children(child)
    print("Stopped.")
    return code  # the embedded database stops when this last holder exits


def _kill_with_its_children(child: subprocess.Popen) -> None:
    """granian's main process now and then does not finish its graceful stop in time (seen about
    one stop in three on a 2-core machine); killing it alone would leave its worker process
    running, holding the port and the embedded database."""
    import psutil

    try:
        descendants = psutil.Process(child.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    child.kill()
    for descendant in descendants:
        with contextlib.suppress(psutil.NoSuchProcess):
            descendant.kill()
    child.wait()


def _only_warnings(record) -> bool:
    return record.levelno >= logging.WARNING


def worker(quiet: bool = False) -> None:
    """`quiet`: only warnings and failures, not a line per task (`run` starts it so: the periodic
    tasks run at start and their lines would print below the sign-ins).

    The worker outlives a database that goes away for a while (restarted, the embedded server
    killed): it starts the embedded server again if that is what stopped, waits, and goes on as a
    new worker, so the task it was running when the database went (rolled back with the
    connection) is put back in the queue under its old id and runs again."""
    _setup()
    if quiet:
        for name in ("django_tasks_db", "django.tasks", "django_tasks"):
            logging.getLogger(name).addFilter(_only_warnings)
    import psycopg
    from django.db import InterfaceError, OperationalError, connections

    from innocluster.core import embedded_db, worker_liveness
    from innocluster.core.periodic import start_scheduler

    log = logging.getLogger("innocluster.worker")
    start_scheduler()
    watching = False
    while True:
        worker_id = worker_liveness.new_worker_id()
        try:
            # held before the first claim, so no task of this worker is ever taken for an orphan
            worker_liveness.hold_liveness(worker_id)
            worker_liveness.requeue_orphaned_tasks()
            if not watching:
                worker_liveness.start_watching()
                watching = True
            manage(["db_worker", "--queue-name", "*", "--no-reload", "--worker-id", worker_id])
            return
        except (OperationalError, InterfaceError, psycopg.OperationalError) as failure:
            log.warning("the database is away (%s); the worker goes on when it is back", failure)
            embedded_db.database_failed()
            connections.close_all()
            time.sleep(WORKER_RETRY_AFTER)


WORKER_RETRY_AFTER = 2.0  # seconds


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def backup(path: str | None, with_secret: bool) -> int:
    _setup()
    from django.conf import settings
    from django.utils import timezone

    from innocluster.core import backup as backups

    try:
        now = timezone.localtime()
        report = backups.create_backup(
            database=backups.Database.from_settings(settings.DATABASES["default"]),
            media_root=Path(settings.MEDIA_ROOT),
            destination=backups.destination_path(path, now),
            now=now,
            secret_key_file=Path(settings.DATA_DIR) / backups.SECRET if with_secret else None,
            progress=backups.printer(),
            say=_say,
        )
    except backups.BackupError as exc:
        _say(str(exc))
        return exc.exit_code
    if with_secret and not report.with_secret:
        _say("The secret key comes from INNOCLUSTER_SECRET_KEY, not a file: keep it with your settings.")
    print(
        f"{report.path}: {_size(report.size)}; database: {report.tables} tables, {report.rows:,} rows; "
        f"uploaded files: {report.files} ({_size(report.files_size)}); secret key: "
        + ("included" if report.with_secret else "not included")
    )
    return 0


def restore(path: str) -> int:
    # Without Django: its settings would make the database and a secret key before the check.
    from innocluster.config import env
    from innocluster.core import backup as backups

    data_dir = env.data_dir()
    try:
        report = backups.restore_backup(
            archive=Path(path),
            data_dir=data_dir,
            database_url=env.database_url(),
            progress=backups.printer(),
            say=_say,
        )
    except backups.BackupError as exc:
        _say(str(exc))
        return exc.exit_code
    manifest = report.manifest
    secret = {
        "restored": "restored",
        "kept": "the backup's differs from this folder's own, which is kept: people sign in again",
        "absent": "not in the backup: this folder makes its own at the first start "
        "(people sign in again; links e-mailed before stop working)",
    }[report.secret]
    print(
        f"Restored {path} (made {manifest['created_at']} by InnoCluster {manifest['platform_version']}):\n"
        f"  database {report.database}: {report.tables} tables, {report.rows:,} rows\n"
        f"  uploaded files: {report.files} ({_size(report.files_size)}) into {report.media_root}\n"
        f"  secret key: {secret}\n"
        "Checked against the manifest: the dump's and every file's SHA-256, every table's row count.\n"
        "Start it with `innocluster run` (a backup of an older version is migrated forward there)."
    )
    return 0


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "manage":
        manage(argv[1:])
        return
    parser = argparse.ArgumentParser(prog="innocluster", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="migrate and serve the site with a task worker alongside")
    run_parser.add_argument("--host", default="127.0.0.1")
    run_parser.add_argument("--port", type=int, default=8000)
    run_parser.add_argument(
        "--demo", action="store_true", help="load the demo cluster into an empty database"
    )
    run_parser.add_argument(
        "--debug",
        action="store_true",
        help="development only: DEBUG on (tracebacks shown to every visitor) and a fixed secret key",
    )
    run_parser.add_argument(
        "--threads", type=int, default=4, help="request threads of each web server process"
    )
    run_parser.add_argument(
        "--workers", type=int, default=1, help="web server processes (one per core on a server)"
    )
    worker_parser = sub.add_parser("worker", help="run a background-task worker")
    worker_parser.add_argument(
        "--quiet", action="store_true", help="print only warnings and failures, not a line per task"
    )
    backup_parser = sub.add_parser(
        "backup",
        help="write one file with a consistent copy of the database and the uploaded files",
        description=(
            "Writes one file (PATH itself when it is a file name with an extension; or, when PATH "
            "is a folder, ends with / or has no extension, innocluster-backup-YYYYMMDD-HHMMSS.tar "
            "in it, made if missing; default: the current folder): a pg_dump "
            "of the database (the embedded one or INNOCLUSTER_DATABASE_URL's) taken in one snapshot, "
            "the uploaded files, and a manifest with every table's row count and every file's "
            "SHA-256. The secret key is not included unless --with-secret is given. The file holds "
            "personal data: it is written readable by its owner only; keep it so."
        ),
    )
    backup_parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="the file to write (a name with an extension), or a folder to write it in",
    )
    backup_parser.add_argument(
        "--with-secret",
        action="store_true",
        help="also include the data folder's secret key (never included otherwise): a restore with it "
        "keeps people signed in and the links e-mailed before (confirmations, pilot feedback) working",
    )
    restore_parser = sub.add_parser(
        "restore",
        help="put a backup into an empty data folder or database",
        description=(
            "Puts a backup into an empty data folder (INNOCLUSTER_DATA_DIR with no database yet) or an "
            "empty server database (INNOCLUSTER_DATABASE_URL), and its files into the data folder's "
            "media. Refuses (exit 2) a target that already has tables or uploaded files; there is no "
            "--force. Checks the dump's and every file's SHA-256 before restoring and every table's row "
            "count after; a mismatch exits 1 naming it. A backup of this version needs no migration; "
            "one of an older version is migrated forward by `innocluster run` as usual."
        ),
    )
    restore_parser.add_argument("path", metavar="PATH", help="the backup file")
    sub.add_parser("manage", help="Django's manage.py: innocluster manage <command>")
    args = parser.parse_args(argv)
    if args.command == "run":
        sys.exit(run(args.host, args.port, args.demo, args.threads, args.workers, args.debug))
    if args.command == "backup":
        sys.exit(backup(args.path, args.with_secret))
    if args.command == "restore":
        sys.exit(restore(args.path))
    worker(args.quiet)


if __name__ == "__main__":
    main()
