import pytest
from django.core import mail
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from innocluster.core.models import Notification
from innocluster.core.notifications import mark_read, notify
from tests import factories


@pytest.mark.django_db
def test_notification_is_stored_and_emailed_after_commit(django_capture_on_commit_callbacks):
    person = factories.person(email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[person, person], kind="test", subject="Решение по заявке", url="/cabinet/")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert Notification.objects.filter(recipient=person).count() == 1
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert mail.outbox[0].subject == "Решение по заявке"
    assert "/cabinet/" in mail.outbox[0].body
    assert Notification.objects.get(recipient=person).emailed_at is not None


@pytest.mark.django_db
def test_notification_is_written_in_the_recipients_language():
    russian = factories.person(language="ru")
    english = factories.person(language="en")
    subject = format_lazy(
        gettext_lazy("{person} joined {organization}"), person="Анна", organization="ООО «Альфа»"
    )
    notify(recipients=[russian, english], kind="test", subject=subject, email=False)
    assert Notification.objects.get(recipient=english).subject == "Анна joined ООО «Альфа»"
    assert Notification.objects.get(recipient=russian).subject == "Анна теперь в ООО «Альфа»"


@pytest.mark.django_db
def test_the_cabinet_reads_notifications_in_the_language_of_the_page():
    """Written while the person read Russian; the same notifications read in English once they
    switch, on the cabinet and the notifications page (a plain text reads as it was written)."""
    from django.test import Client

    person = factories.person(language="ru")
    subject = format_lazy(
        gettext_lazy("{person} joined {organization}"), person="Анна", organization="ООО «Альфа»"
    )
    notify(recipients=[person], kind="test", subject=subject, email=False)
    notify(recipients=[person], kind="test", subject="Тема как есть", email=False)
    client = Client()
    factories.sign_in(client, person)
    for path in ("/cabinet/", "/cabinet/notifications/"):
        client.cookies["django_language"] = "en"
        english = client.get(path, headers={"Accept-Language": "en"}).content.decode()
        assert "Анна joined ООО «Альфа»" in english and "теперь в" not in english, path
        assert "Тема как есть" in english
        client.cookies["django_language"] = "ru"
        russian = client.get(path, headers={"Accept-Language": "ru"}).content.decode()
        assert "Анна теперь в ООО «Альфа»" in russian, path


@pytest.mark.django_db
def test_mark_read_touches_only_own_notifications():
    mine, theirs = factories.person(), factories.person()
    notify(recipients=[mine, theirs], kind="test", subject="x", email=False)
    assert mark_read(person=mine) == 1
    assert Notification.objects.get(recipient=theirs).read_at is None


@pytest.mark.django_db
def test_a_status_e_mail_says_what_happens_next_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    """The e-mail of a submitted application held only a link: no greeting, no due date."""
    import time_machine

    from innocluster.reviews import services as reviews

    owner = factories.person(full_name="Anna Petrova", email="anna@example.org", language="en")
    organization = factories.organization(owner=owner)
    with (
        time_machine.travel("2026-12-01 12:00 +03:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application = factories.membership_application(organization=organization, actor=owner)
    submitted = Notification.objects.get(recipient=owner, kind="review.submitted")
    # the answer is due on the 10th working day after 1 December 2026
    assert submitted.body == "It was received on 1 December 2026; the answer is due by 15 December 2026."
    [message] = [m for m in mail.outbox if "Submitted" in m.subject]
    assert message.body.startswith("Hello, Anna Petrova!\n\n" + submitted.subject + "\n\n" + submitted.body)
    assert "Open it on the platform: " in message.body
    with django_capture_on_commit_callbacks(execute=True):
        reviews.decide(
            application.case, "return", actor=factories.staff("coordinator"), comment="Уточните цели."
        )
    returned = Notification.objects.get(recipient=owner, kind="review.returned")
    assert returned.body == (
        "It is returned for revision: correct what the reviewer asks and submit it again.\n\nУточните цели."
    )
