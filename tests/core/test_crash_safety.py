"""Nothing half-made when a process dies (SPEC §3 "Nothing is lost, also when things fail").

The platform's own processes run against the test database: a task worker (`innocluster worker`)
and a web server (granian, as `innocluster run` starts it). Each is caught in the middle of a state
change — this test holds a lock on the audit table, so the change has written its status and waits
to write its audit event — and killed there with SIGKILL. Then: the status, its audit event and its
money moved together or not at all; the worker's task runs again under the next worker and does its
work once; the decision asked again is made once. The embedded PostgreSQL killed under a running
web server is started again by that server, and by the next process that needs it."""

import contextlib
import os
import re
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from innocluster.core import worker_liveness
from innocluster.core.audit_actions import CoreAuditAction
from innocluster.core.models import AuditEvent
from innocluster.measures import services as measures
from innocluster.measures.audit_actions import MeasureAuditAction
from innocluster.measures.models import Measure, Payment
from innocluster.pilots.audit_actions import PilotAuditAction
from innocluster.reviews import services as reviews
from tests import factories
from tests.processes import VENV_BIN, Printing, clean_env, free_port, raw_connection, url_of, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

START_DUE_PILOTS = "innocluster.pilots.tasks.start_due_pilots"
SELECT_ONE = (
    "from django.db import connection; c = connection.cursor(); c.execute('SELECT 1'); "
    "print(f'answered {c.fetchone()[0]}')"
)


@contextmanager
def audit_table_locked():
    """While this holds, every transaction that writes an audit event waits at that write."""
    holder = raw_connection()
    holder.execute("LOCK TABLE core_auditevent IN SHARE MODE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def backends_waiting_on_a_lock() -> list[int]:
    with raw_connection(autocommit=True) as watcher:
        rows = watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchall()
    return [pid for (pid,) in rows]


def backends_gone(pids: list[int]) -> bool:
    with raw_connection(autocommit=True) as watcher:
        left = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]).fetchone()
    return left[0] == 0


def process_env(tmp_path: Path) -> dict:
    return clean_env() | {
        "INNOCLUSTER_DATABASE_URL": url_of(),
        "INNOCLUSTER_DATA_DIR": str(tmp_path),
        "INNOCLUSTER_SECRET_KEY": settings.SECRET_KEY,  # sessions signed by the test are read there
    }


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process and everything it started (granian's worker processes)."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill(process)


def start_worker(tmp_path: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "innocluster"), "worker"],
        env=process_env(tmp_path),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def orphan_of_first_run() -> DBTaskResult | None:
    return DBTaskResult.objects.filter(task_path=START_DUE_PILOTS).order_by("enqueued_at").first()


def test_a_worker_killed_in_the_middle_of_a_task_leaves_nothing_half_done_and_the_task_runs_again(
    tmp_path, organization
):
    factories.participant(organization)
    pilot = factories.pilot(organization, status="accepted", starts_on=timezone.localdate())
    worker = start_worker(tmp_path)
    try:
        with audit_table_locked():
            # the worker enqueues its periodic tasks at start; the pilot's start waits at its audit event
            waiting = wait_for(backends_waiting_on_a_lock, what="the task to reach its audit event")
            task = orphan_of_first_run()
            assert task.status == "RUNNING" and len(task.worker_ids) == 1
            kill(worker)
        wait_for(lambda: backends_gone(waiting), what="PostgreSQL to end the killed worker's transaction")
    finally:
        stop(worker)

    pilot.refresh_from_db()
    assert pilot.status == "accepted"
    assert not AuditEvent.objects.filter(action=PilotAuditAction.RUNNING).exists()
    orphan = DBTaskResult.objects.get(pk=task.pk)
    assert orphan.status == "RUNNING"  # as the killed worker left it

    second = start_worker(tmp_path)
    try:
        wait_for(
            lambda: DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL",
            what="the next worker to run the task again",
        )
    finally:
        stop(second)
    pilot.refresh_from_db()
    assert pilot.status == "running"
    started = AuditEvent.objects.filter(action=PilotAuditAction.RUNNING, object_id=str(pilot.pk))
    assert started.count() == 1
    orphan.refresh_from_db()
    assert len(orphan.worker_ids) == 2 and orphan.worker_ids[0] != orphan.worker_ids[1]
    assert orphan.return_value == 1  # this run started the pilot; the killed one did not
    requeued = AuditEvent.objects.get(action=CoreAuditAction.TASK_REQUEUED, object_id=str(task.pk))
    assert (requeued.from_state, requeued.to_state) == ("RUNNING", "READY")
    assert requeued.data == {"task": START_DUE_PILOTS, "worker": orphan.worker_ids[0], "runs": 1}


# -- a web request killed in the middle of a decision ----------------------------------------------


@pytest.fixture
def scheduled_payment(owner, organization):
    coordinator = factories.staff("coordinator")
    factories.participant(organization)
    application = measures.apply(
        actor=owner,
        measure=Measure.objects.get(code="import-substitution"),
        organization=organization,
        raw_items=[{"category": "equipment", "amount": "800000"}],
    )
    reviews.decide(application.case, "approve", actor=coordinator)
    measures.sign_agreement(actor=owner, application=application)
    return coordinator, application.payments.get()


class Browser:
    """The coordinator's signed-in session, sent to the real server with its CSRF token."""

    def __init__(self, base: str, user):
        client = Client()
        factories.sign_in(client, user)
        self.base = base
        self.cookies = {"sessionid": client.cookies[settings.SESSION_COOKIE_NAME].value}
        self.token = None

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def get(self, path: str) -> str:
        request = urllib.request.Request(self.base + path, headers={"Cookie": self._cookie_header()})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name == settings.CSRF_COOKIE_NAME:
                    self.cookies[name] = rest.split(";")[0]
            body = response.read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        return body

    def post(self, path: str, timeout: float = 30) -> int | None:
        data = f"csrfmiddlewaretoken={self.token}".encode()
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=data,
            headers={"Cookie": self._cookie_header(), "Content-Type": "application/x-www-form-urlencoded"},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as answer:
            return answer.code
        except OSError:  # the server was killed while answering
            return None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start_web(tmp_path: Path, port: int, env: dict | None = None) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "granian"),
            *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", "1", "--blocking-threads", "2", "--no-ws", "--log-level", "warning"),
            "innocluster.config.wsgi:application",
        ],
        # static files as in the tests, from the package (no `collectstatic` manifest to build)
        env=(env or process_env(tmp_path)) | {"INNOCLUSTER_TESTING": "1"},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "web.log", "a"),  # noqa: SIM115 (written while the server runs; read on a failure)
    )
    wait_for(lambda: status_of(f"http://127.0.0.1:{port}/api/v1/health") == 200, what="the web server")
    return server


def status_of(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as answer:
        return answer.code
    except OSError:
        return None


def test_a_web_request_killed_in_the_middle_of_a_decision_leaves_no_half_made_change(
    tmp_path, scheduled_payment
):
    coordinator, payment = scheduled_payment
    application = payment.application
    port = free_port()
    server = start_web(tmp_path, port)
    paid = f"/measures/applications/{application.pk}/payments/{payment.pk}/paid/"
    try:
        browser = Browser(f"http://127.0.0.1:{port}", coordinator)
        page = browser.get(f"/measures/applications/{application.pk}/")
        assert paid in page  # the coordinator is offered the payment
        with audit_table_locked():
            request = threading.Thread(target=browser.post, args=(paid, 60), daemon=True)
            request.start()
            waiting = wait_for(backends_waiting_on_a_lock, what="the decision to reach its audit event")
            kill(server)
        wait_for(lambda: backends_gone(waiting), what="PostgreSQL to end the killed request's transaction")
        request.join(timeout=30)
    finally:
        stop(server)

    payment.refresh_from_db()
    application.case.refresh_from_db()
    assert payment.status == "scheduled" and payment.paid_on is None
    assert application.case.status == "agreement_signed"
    assert not AuditEvent.objects.filter(action=MeasureAuditAction.PAYMENT_PAID).exists()

    # asked again on a server started again: made once, with its one audit event
    server = start_web(tmp_path, port)
    try:
        browser.get(f"/measures/applications/{application.pk}/")
        assert browser.post(paid) == 302
    finally:
        stop(server)
    payment.refresh_from_db()
    application.case.refresh_from_db()
    assert payment.status == "paid" and payment.paid_on == timezone.localdate()
    assert application.case.status == "paying"  # the first payment made; the yearly reports follow
    assert Payment.objects.filter(application=application, status="paid").count() == 1
    made = AuditEvent.objects.filter(action=MeasureAuditAction.PAYMENT_PAID)  # recorded on the application
    assert list(made.values_list("object_type", "object_id")) == [
        ("measures.measureapplication", str(application.pk))
    ]


# -- the embedded server killed --------------------------------------------------------------------


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])


def kill_postmaster(data_dir: Path) -> int:
    pid = postmaster_pid(data_dir)
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not psutil.pid_exists(pid), what="the postmaster to die")
    return pid


def test_the_embedded_server_killed_under_a_running_site_is_started_again(tmp_path):
    """A web server of the embedded database (no INNOCLUSTER_DATABASE_URL) answers 503 while the
    database is gone, starts it again itself, and answers as usual; with no process left running,
    the next process that needs the database starts it."""
    env = clean_env() | {
        "INNOCLUSTER_DATA_DIR": str(tmp_path)
    }  # a new embedded server (no migrations needed)
    port = free_port()
    health = f"http://127.0.0.1:{port}/api/v1/health"
    server = start_web(tmp_path, port, env)
    try:
        killed = kill_postmaster(tmp_path)
        assert status_of(health) == 503  # and the server starts the database again
        wait_for(lambda: status_of(health) == 200, what="the site to answer again", timeout=30)
        assert postmaster_pid(tmp_path) != killed and psutil.pid_exists(postmaster_pid(tmp_path))
        kill_postmaster(tmp_path)
    finally:
        stop(server)

    # nothing runs now; the next process finds the server stopped and starts it
    answered = subprocess.run(  # noqa: S603
        [str(VENV_BIN / "innocluster"), "manage", "shell", "-c", SELECT_ONE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.strip().splitlines()[-1] == "answered 1"


# -- which RUNNING tasks are orphans ---------------------------------------------------------------


def running_task(worker_ids: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        task_path=START_DUE_PILOTS,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=worker_ids,
        exception_class_path="",
        traceback="",
    )


def test_only_the_tasks_of_workers_that_are_gone_are_requeued_and_a_task_that_keeps_killing_fails():
    alive = running_task(["host-1-aaaa"])
    orphan = running_task(["host-2-bbbb"])
    hopeless = running_task(["host-3-c1", "host-3-c2", "host-3-c3"])  # its worker died in each run
    with raw_connection(autocommit=True) as worker:  # a live worker holds its lock
        worker.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", [worker_liveness.LOCK_CLASS, "host-1-aaaa"]
        )
        assert worker_liveness.requeue_orphaned_tasks() == 2
        assert worker_liveness.requeue_orphaned_tasks() == 0  # done once
    alive.refresh_from_db()
    orphan.refresh_from_db()
    hopeless.refresh_from_db()
    assert alive.status == "RUNNING"
    assert (orphan.status, orphan.started_at, orphan.worker_ids) == ("READY", None, ["host-2-bbbb"])
    assert hopeless.status == "FAILED" and hopeless.finished_at is not None
    assert "3 runs" in hopeless.traceback
    assert import_string(hopeless.exception_class_path) is worker_liveness.WorkerLost  # the admin shows it
    assert AuditEvent.objects.get(action=CoreAuditAction.TASK_ABANDONED).object_id == str(hopeless.pk)
    assert AuditEvent.objects.get(action=CoreAuditAction.TASK_REQUEUED).object_id == str(orphan.pk)


def test_a_worker_whose_database_connection_was_cut_takes_its_lock_again():
    """After PostgreSQL restarts, a live worker holds its lock again at its next look, so its
    tasks are not taken for orphans."""
    worker_liveness.hold_liveness("host-4-dddd")
    try:
        with raw_connection(autocommit=True) as other:
            held_by = worker_liveness._held.info.backend_pid
            other.execute("SELECT pg_terminate_backend(%s)", [held_by])
            wait_for(lambda: backends_gone([held_by]), what="the connection to be cut")
            assert worker_liveness._worker_is_gone(other.cursor(), "host-4-dddd")  # as after a restart
            worker_liveness.keep_holding()
            assert not worker_liveness._worker_is_gone(other.cursor(), "host-4-dddd")
    finally:
        worker_liveness._held.close()
        worker_liveness._held_for = ""


def test_innocluster_run_starts_a_killed_worker_again(tmp_path):
    port = free_port()
    run = Printing(
        "run", "--port", str(port), "--threads", "1", env=process_env(tmp_path), start_new_session=True
    )
    printed = run.lines

    def workers() -> list[psutil.Process]:
        found = []
        for child in psutil.Process(run.process.pid).children():
            with contextlib.suppress(
                psutil.ZombieProcess, psutil.NoSuchProcess
            ):  # the killed one, not yet reaped
                if "worker" in child.cmdline():  # `innocluster worker`, not granian's --workers
                    found.append(child)
        return found

    try:
        wait_for(lambda: "Press Ctrl+C to stop." in printed, what="the platform to serve", timeout=120)
        (first,) = wait_for(workers, what="its worker")
        first.kill()
        (second,) = wait_for(lambda: [w for w in workers() if w.pid != first.pid], what="a new worker")
        assert second.is_running()
        assert run.process.poll() is None
        assert status_of(f"http://127.0.0.1:{port}/api/v1/health") == 200, printed
    finally:
        run.stop()
    assert "The worker exited with -9; starting it again." in printed
