"""The platform as a user starts it: `innocluster run` on an empty data folder, and the embedded
database shared by processes that start at the same moment."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from innocluster.core import audit
from innocluster.core.models import AuditEvent
from tests import factories

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INNOCLUSTER_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["INNOCLUSTER_DATA_DIR"] = str(data_dir)
    return env


def _postgres_running(data_dir: Path) -> bool:
    pid_file = data_dir / "postgres" / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except (ProcessLookupError, ValueError):
        return False
    return True


def test_run_serves_the_platform_and_stops_the_database(tmp_path):
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "innocluster"), "run", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as response:
                    body = json.loads(response.read())
            except OSError:
                time.sleep(0.5)
        assert body == {"status": "ok"}
        url = f"http://127.0.0.1:{port}/api/v1/calendar/deadline?start=2024-12-25&working_days=10"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert json.loads(response.read())["deadline"] == "2025-01-17"
        assert _postgres_running(tmp_path)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "Stopped." in output
    assert not _postgres_running(tmp_path)


def test_processes_starting_together_share_one_embedded_server(tmp_path):
    script = (
        "import sys; from pathlib import Path; from innocluster.core.embedded_db import ensure_server; "
        "import psycopg; p = ensure_server(Path(sys.argv[1])); "
        "c = psycopg.connect(host=p['HOST'], port=p['PORT'], user='postgres', dbname=p['NAME']); "
        "print(c.execute(\"SELECT lower('ЯНДЕКС')\").fetchone()[0])"
    )
    processes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", script, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert [out.strip() for out, _ in results] == ["яндекс"] * 3
    assert not _postgres_running(tmp_path)  # the last one out stopped it


@pytest.mark.django_db
class TestBackOfficeAndApiDocs:
    def test_staff_dashboard_is_for_staff_only(self):
        client = Client()
        assert client.get("/staff/")["Location"].startswith("/accounts/sign-in/")
        factories.sign_in(client, factories.person())
        assert client.get("/staff/").status_code == 404
        coordinator = factories.person(roles=["coordinator"], email="coord@example.org")
        factories.sign_in(client, coordinator)
        page = client.get("/staff/")
        assert page.status_code == 200 and "Ваши роли: Координатор" in page.content.decode()
        audit.record(actor=coordinator, action="kpi.indicator_created", obj=coordinator, data={})
        client.cookies["django_language"] = "en"
        page = client.get("/staff/").content.decode()
        assert "coord@example.org" in page and "Latest events" in page
        # an expert or a reviewer does not read the audit log: nor its latest events, nor who acted
        for role in ("expert", "reviewer"):
            factories.sign_in(client, factories.person(roles=[role]))
            page = client.get("/staff/").content.decode()
            assert "coord@example.org" not in page and "Latest events" not in page

    def test_openapi_and_docs(self, api):
        schema = api.get("/openapi.json").json()
        for path in (
            "/api/v1/health",
            "/api/v1/calendar/deadline",
            "/api/v1/auth/token",
            "/api/v1/organizations",
        ):
            assert path in schema["paths"]
        docs = Client().get("/api/v1/docs")
        html = docs.content.decode()
        assert docs.status_code == 200 and "/static/ninja/swagger-ui-bundle.js" in html
        assert "cdn" not in html.lower() and "unpkg" not in html.lower()  # served from here (DESIGN.md)
        assert "'unsafe-inline'" in docs["Content-Security-Policy"].split("style-src")[1].split(";")[0]

    def test_health(self, api):
        assert api.get("/health").json() == {"status": "ok"}

    def test_language_switch(self):
        client = Client()
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        assert response.status_code == 302
        assert "single electronic window" in client.get("/").content.decode()

    def test_a_signed_in_persons_choice_of_language_is_their_accounts(self):
        """Notifications and e-mails follow the account's language, and the next sign-in restores
        it: the switch alone changed neither."""
        person = factories.person(language="en")
        client = Client()
        factories.sign_in(client, person)
        assert (
            client.post("/i18n/setlang/", {"language": "ru", "next": "/cabinet/"})["Location"] == "/cabinet/"
        )
        person.refresh_from_db()
        assert person.language == "ru"
        event = AuditEvent.objects.get(action="accounts.personal_data_corrected", object_id=str(person.pk))
        assert event.data == {"fields": ["language"]}
        client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # no such language: nothing changes
        person.refresh_from_db()
        assert person.language == "ru"
