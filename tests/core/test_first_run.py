"""The first run of the platform as a newcomer meets it: e-mailed links that point where the site
was reached, console e-mails that can be read, a demo that does not flood the console with e-mails,
and the sign-ins printed last before the site answers."""

import io
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from innocluster import cli
from innocluster.core.mail import ConsoleBackend
from innocluster.core.models import Notification
from innocluster.core.notifications import notify
from innocluster.organizations import services as organizations
from tests import factories
from tests.processes import Printing, clean_env, free_port, url_of

SIGN_UP = {
    "full_name": "Анна Смирнова",
    "email": "anna@example.org",
    "password": "Correct-Horse-42",
    "password_again": "Correct-Horse-42",
    "consent": "on",  # the consent to the processing of personal data (its own box, never ticked)
}


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.django_db
class TestLinksPointWhereTheSiteWasReached:
    @override_settings(ALLOWED_HOSTS=["localhost"], SITE_URL="http://127.0.0.1:8000")
    def test_confirmation_link_carries_the_host_and_port_of_the_sign_up(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(HTTP_HOST="localhost:8123").post("/accounts/sign-up/", SIGN_UP)
        assert response.status_code == 200
        [link] = links_in(mail.outbox[0])
        assert link.startswith("http://localhost:8123/accounts/confirm/")
        # and the link works there
        assert (
            Client(HTTP_HOST="localhost:8123").get(link.removeprefix("http://localhost:8123")).status_code
            == 302
        )

    @override_settings(ALLOWED_HOSTS=["localhost"], SITE_URL="http://127.0.0.1:8000")
    def test_already_registered_note_links_to_the_same_site(self, django_capture_on_commit_callbacks):
        factories.person(email="anna@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            Client(HTTP_HOST="localhost:8123").post("/accounts/sign-up/", SIGN_UP)
        links = links_in(mail.outbox[0])
        assert links == [
            "http://localhost:8123/accounts/sign-in/",
            "http://localhost:8123/accounts/password/reset/",
        ]

    @override_settings(
        ALLOWED_HOSTS=["localhost", "cluster.example.org"],
        SITE_URL="https://cluster.example.org",
        SITE_URL_FIXED=True,
    )
    def test_a_site_url_the_operator_set_is_used_whatever_host_was_reached(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(HTTP_HOST="localhost:8123").post("/accounts/sign-up/", SIGN_UP)
        assert response.status_code == 200
        [link] = links_in(mail.outbox[0])
        assert link.startswith("https://cluster.example.org/accounts/confirm/")

    @override_settings(ALLOWED_HOSTS=["localhost"], SITE_URL="http://127.0.0.1:8000")
    def test_a_host_not_allowed_gets_no_e_mail(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(HTTP_HOST="evil.example:80").post("/accounts/sign-up/", SIGN_UP)
        assert response.status_code == 400
        assert mail.outbox == []

    @override_settings(ALLOWED_HOSTS=["localhost"], SITE_URL="http://127.0.0.1:8000")
    def test_invitation_and_the_notification_it_causes_link_to_the_same_site(
        self, organization, owner, django_capture_on_commit_callbacks
    ):
        colleague = factories.person(email="colleague@example.org")
        client = Client(HTTP_HOST="localhost:8123")
        factories.sign_in(client, owner)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/organizations/{organization.pk}/people/", {"email": colleague.email, "role": "member"}
            )
        assert response.status_code == 302
        [invitation_link] = links_in(mail.outbox[-1])
        assert re.fullmatch(r"http://localhost:8123/organizations/invitations/[^/]+/", invitation_link)

        other = Client(HTTP_HOST="localhost:8123")
        factories.sign_in(other, colleague)
        with django_capture_on_commit_callbacks(execute=True):
            assert other.post(invitation_link.removeprefix("http://localhost:8123")).status_code == 302
        joined = mail.outbox[-1]  # the owner's e-mail copy of "… joined …", sent by a task
        assert joined.to == [owner.email]
        assert links_in(joined) == [f"http://localhost:8123/organizations/{organization.pk}/people/"]

    @override_settings(SITE_URL="http://cluster.example.org:8443")
    def test_with_no_request_the_site_url_is_used(self, django_capture_on_commit_callbacks):
        person = factories.person()
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients=[person], kind="test", subject="Решение", url="/cabinet/")
        assert links_in(mail.outbox[0]) == ["http://cluster.example.org:8443/cabinet/"]

        owner = factories.person()
        with django_capture_on_commit_callbacks(execute=True):
            organizations.invite_person(
                actor=owner,
                organization=factories.organization(owner=owner),
                email="x@example.org",
                role="member",
            )
        [link] = links_in(mail.outbox[-1])
        assert link.startswith("http://cluster.example.org:8443/organizations/invitations/")


def test_run_links_to_its_own_port_unless_the_site_url_is_set(monkeypatch):
    monkeypatch.delenv("INNOCLUSTER_SITE_URL", raising=False)
    monkeypatch.setenv("INNOCLUSTER_SITE_URL_DEFAULTED", "")  # restored (absent) after the test
    cli.configure("127.0.0.1", 8123)
    assert os.environ["INNOCLUSTER_SITE_URL"] == "http://127.0.0.1:8123"
    assert os.environ["INNOCLUSTER_SITE_URL_DEFAULTED"] == "1"  # ours: requests still name their host
    monkeypatch.delenv("INNOCLUSTER_SITE_URL")
    cli.configure("0.0.0.0", 9000)  # noqa: S104 - every interface: reached here through the loopback
    assert os.environ["INNOCLUSTER_SITE_URL"] == "http://127.0.0.1:9000"
    monkeypatch.setenv("INNOCLUSTER_SITE_URL", "https://cluster.example.org")
    monkeypatch.setenv("INNOCLUSTER_SITE_URL_DEFAULTED", "")
    cli.configure("127.0.0.1", 8123)
    assert os.environ["INNOCLUSTER_SITE_URL"] == "https://cluster.example.org"
    assert os.environ["INNOCLUSTER_SITE_URL_DEFAULTED"] == ""  # the operator's: every link uses it
    assert cli.site_url("::1", 8123) == "http://[::1]:8123"


def test_console_e_mail_is_readable_text():
    stream = io.StringIO()
    backend = ConsoleBackend(stream=stream)
    link = "http://localhost:8123/accounts/confirm/eyJpZCI6MX0:1vQx2a:abc-DEF_123/"
    message = mail.EmailMessage(
        subject="Подтвердите адрес для InnoCluster",
        body=f"Здравствуйте, Анна!\n\nЧтобы подтвердить адрес, откройте ссылку:\n{link}\n",
        from_email="InnoCluster <noreply@innocluster.local>",
        to=["anna@example.org"],
    )
    assert backend.send_messages([message]) == 1
    printed = stream.getvalue()
    assert "To: anna@example.org" in printed
    assert "Subject: Подтвердите адрес для InnoCluster" in printed
    assert "Здравствуйте, Анна!" in printed
    assert f"\n{link}\n" in printed  # whole, on a line of its own: copied or clicked as it is
    assert "base64" not in printed and "=D0" not in printed


def test_the_console_prints_readable_e_mails_when_no_smtp_server_is_set(tmp_path):
    env = clean_env() | {
        "INNOCLUSTER_DATABASE_URL": "postgres://nobody@localhost/none",
        "INNOCLUSTER_DATA_DIR": str(tmp_path),
    }
    code = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    answer = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env | {"DJANGO_SETTINGS_MODULE": "innocluster.config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == "innocluster.core.mail.ConsoleBackend"


@pytest.mark.django_db
def test_seeding_the_demo_e_mails_no_one_but_fills_the_cabinets(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("seed_demo", organizations=60, seed=7, quiet=True)
    assert callbacks  # the transactions did commit their callbacks
    assert Notification.objects.exists()  # the demo's events are in the cabinets
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_demo_people_are_not_e_mailed_but_others_are(django_capture_on_commit_callbacks):
    demo = factories.person(email="person7@demo.innocluster.ru")
    real = factories.person(email="olga@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[demo, real], kind="test", subject="Заявка просрочена", url="/staff/desk/")
    assert Notification.objects.filter(recipient__in=[demo, real]).count() == 2
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_run_prints_the_sign_ins_last_once_the_site_answers(tmp_path):
    factories.person(email="admin@demo.innocluster.ru", staff=True)  # the demo is "loaded"
    port = free_port()
    env = clean_env() | {"INNOCLUSTER_DATABASE_URL": url_of(), "INNOCLUSTER_DATA_DIR": str(tmp_path)}
    run = Printing("run", "--port", str(port), "--debug", "--threads", "1", env=env)
    printed = run.lines
    try:
        deadline = time.monotonic() + 120
        while (
            "Press Ctrl+C to stop." not in printed
            and run.process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass  # the site answers when the sign-ins are printed
        time.sleep(6)  # the worker's start-up and its first periodic tasks
        before_stopping = list(printed)
    finally:
        run.stop()
    assert f"InnoCluster is running at http://127.0.0.1:{port}/" in "\n".join(before_stopping)
    assert any(line.lstrip().startswith("admin@demo.innocluster.ru") for line in before_stopping)
    last = before_stopping.index("Press Ctrl+C to stop.")
    assert [line for line in before_stopping[last + 1 :] if line.strip()] == []


@pytest.mark.django_db
def test_api_docs_load_only_files_served_here():
    from django.contrib.staticfiles import finders

    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    for url in urls:
        assert url.startswith("/static/"), url  # no CDN: the docs work with no internet
        assert finders.find(url.removeprefix("/static/")), url
    assert re.findall(r"https?://|//[a-z]", html) == []
