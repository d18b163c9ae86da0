"""The public feedback link of a pilot (SPEC C6): a signed, unguessable address where the people who
use the product rate it without an account, open only while the pilot runs, guarded against a
flood (hourly limits per client and per pilot, a honeypot, a form sent too fast), and its QR code
for the company's people, the site's representatives and the desk."""

import datetime as dt
import time
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.test import Client, RequestFactory

from innocluster.core import throttle
from innocluster.core.errors import InvalidInput
from innocluster.core.models import AuditEvent
from innocluster.organizations.models import OrganizationPerson
from innocluster.pilots import feedback, services
from innocluster.pilots.enums import FeedbackSource
from innocluster.pilots.models import Feedback
from innocluster.pilots.selectors import protocol_summary
from tests import factories
from tests.pilots.conftest import CRITERIA

# the middle of an hour's window of the limits, a week into the pilot (1 March – 31 May 2027)
NOW = dt.datetime(2027, 3, 8, 9, 20, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def running(ask, site, site_owner):
    """An accepted pilot whose first day has come (open), started by the hourly task (running)."""
    pilot = services.decide(actor=site_owner, pilot=ask(site), decision="accept")
    services.start_due_pilots()
    pilot.refresh_from_db()
    assert pilot.status == "running"
    return pilot


def url(pilot) -> str:
    return f"/pilots/feedback/{feedback.token_for(pilot)}/"


def form(pilot, seconds_ago=10, **fields) -> dict:
    """What the page's form sends, served `seconds_ago` seconds before."""
    return {
        "stamp": feedback.form_stamp(pilot, at=time.time() - seconds_ago),
        "website": "",
        "rating": "4",
        "comment": "Удобно, очередь короче.",
        **fields,
    }


def visitor(ip="203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=ip)


@pytest.mark.django_db
class TestThePublicLink:
    def test_the_form_names_the_pilot_and_asks_for_a_rating_not_chosen_in_advance(self, running):
        response = visitor().get(url(running))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Помощник" in page and "Поликлиника № 1" in page
        assert page.count('type="radio" name="rating"') == 5
        assert "checked" not in page
        assert "<legend>" in page  # the five radios are one labelled group
        assert 'maxlength="2000"' in page
        assert response["Cache-Control"].startswith("max-age=0")  # never a stored copy with its stamp

    def test_a_rating_is_stored_as_public_and_the_protocol_counts_it(self, running, site_owner):
        response = visitor().post(url(running), form(running, rating="2", comment=" Долго грузится "))
        assert response.status_code == 302
        assert response["Location"] == f"{url(running)}thanks/"
        entry = Feedback.objects.get(pilot=running)
        assert (entry.rating, entry.comment, entry.source, entry.protocol) == (
            2,
            "Долго грузится",
            FeedbackSource.PUBLIC,
            None,
        )
        event = AuditEvent.objects.get(action="pilot.feedback_left")
        assert (event.actor, event.object_id, event.data["rating"]) == (None, str(running.pk), 2)
        thanks = visitor().get(response["Location"])
        assert thanks.status_code == 200
        assert "Помощник" in thanks.content.decode()
        protocol = services.submit_protocol(
            actor=site_owner,
            pilot=running,
            results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
            feedback=[{"rating": 5}],
            conclusion="recommended",
        )
        summary = protocol_summary(protocol)
        assert summary["feedback_count"] == 2
        assert summary["average_rating"] == Decimal("3.50")
        assert summary["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}

    def test_an_accepted_pilot_is_open_from_its_first_day(self, ask, site, site_owner):
        pilot = services.decide(actor=site_owner, pilot=ask(site), decision="accept")
        assert pilot.status == "accepted"  # the hourly task has not run yet
        assert visitor().post(url(pilot), form(pilot)).status_code == 302
        later = services.decide(
            actor=site_owner, pilot=ask(site, "2027-06-01", "2027-06-30"), decision="accept"
        )
        english = visitor()
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = english.get(url(later))
        assert response.status_code == 410
        assert "The link opens on the pilot's first day, 1 June 2027." in response.content.decode()

    def test_the_link_is_closed_for_a_requested_and_a_completed_pilot(self, ask, site, running, site_owner):
        requested = ask(site, "2027-03-01", "2027-03-02")
        for method in ("get", "post"):
            response = getattr(visitor(), method)(url(requested), form(requested))
            assert response.status_code == 410
            assert 'data-testid="feedback-closed"' in response.content.decode()
        services.submit_protocol(
            actor=site_owner,
            pilot=running,
            results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
            feedback=[],
            conclusion="recommended",
        )
        response = visitor().post(url(running), form(running))
        assert response.status_code == 410
        assert "ratings are no longer accepted" in response.content.decode() or (
            "оценки больше не принимаются" in response.content.decode()
        )
        assert Feedback.objects.filter(source=FeedbackSource.PUBLIC).count() == 0

    def test_the_service_refuses_a_closed_pilot_on_its_own(self, ask, site):
        with pytest.raises(feedback.LinkClosed):
            feedback.leave_public_feedback(ask(site), 5, "", "203.0.113.7")
        assert Feedback.objects.count() == 0

    def test_a_forged_or_changed_token_is_a_404(self, running):
        token = feedback.token_for(running)
        assert feedback.token_for(running) == token  # one link a pilot: the QR code and the page agree
        forged = signing.Signer(salt="another.salt").sign_object(running.pk)
        timestamped = signing.dumps(running.pk, salt=feedback.SALT)
        no_such_pilot = signing.Signer(salt=feedback.SALT).sign_object(running.pk + 1000)
        not_a_number = signing.Signer(salt=feedback.SALT).sign_object(str(running.pk))
        changed = token[:-1] + ("A" if token[-1] != "A" else "B")
        other_number = signing.Signer(salt=feedback.SALT).sign_object(running.pk + 1).split(":")[0] + (
            ":" + token.split(":")[1]
        )
        for bad in (
            forged,
            timestamped,
            no_such_pilot,
            not_a_number,
            changed,
            other_number,
            "1",
            str(running.pk),
        ):
            assert visitor().get(f"/pilots/feedback/{bad}/").status_code == 404
            assert visitor().post(f"/pilots/feedback/{bad}/", form(running)).status_code == 404
            assert visitor().get(f"/pilots/feedback/{bad}/thanks/").status_code == 404
        assert Feedback.objects.count() == 0

    def test_the_page_speaks_english_and_russian(self, running):
        english = visitor()
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert "Rate the product" in english.get(url(running)).content.decode()
        russian = visitor()
        russian.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        page = russian.get(url(running)).content.decode()
        assert 'lang="ru"' in page


@pytest.mark.django_db
class TestFloodAndBadInput:
    def test_one_client_is_refused_after_five_an_hour_with_retry_after(self, running):
        client = visitor("198.51.100.1")
        for _ in range(feedback.PER_CLIENT):
            assert client.post(url(running), form(running)).status_code == 302
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url(running), form(running))
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 3600
        assert "You have already rated this pilot 5 times in an hour" in response.content.decode()
        assert Feedback.objects.filter(pilot=running).count() == 5
        # another client is still welcome
        assert visitor("198.51.100.2").post(url(running), form(running)).status_code == 302
        assert Feedback.objects.filter(pilot=running).count() == 6

    def test_the_pilot_takes_two_hundred_an_hour_from_everyone(self, running):
        for _ in range(feedback.PER_PILOT - 1):  # 199 entries from many clients
            throttle.hit(f"pilot-feedback:{running.pk}", window=feedback.WINDOW)
        assert visitor("192.0.2.1").post(url(running), form(running)).status_code == 302  # the 200th
        refused = visitor("192.0.2.2")
        refused.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        response = refused.post(url(running), form(running))
        assert response.status_code == 429
        assert response["Retry-After"]
        assert Feedback.objects.filter(pilot=running).count() == 1

    def test_the_honeypot_refuses_the_form(self, running):
        response = visitor().post(url(running), form(running, website="https://spam.example"))
        assert response.status_code == 400
        assert 'data-testid="error-summary"' in response.content.decode()
        assert Feedback.objects.count() == 0

    @pytest.mark.parametrize("seconds_ago", [0, 1.5])
    def test_a_form_sent_too_fast_is_refused(self, running, seconds_ago):
        client = visitor()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url(running), form(running, seconds_ago=seconds_ago))
        assert response.status_code == 400
        assert "The form was sent too quickly" in response.content.decode()
        assert Feedback.objects.count() == 0

    def test_a_stale_forged_or_missing_stamp_is_refused(self, ask, site, site_owner, running):
        other = ask(site, "2027-03-01", "2027-03-09")
        for stamp in (
            feedback.form_stamp(running, at=time.time() - feedback.MAX_AGE - 1),  # more than a day old
            feedback.form_stamp(other, at=time.time() - 10),  # another pilot's form
            "forged",
            "",
        ):
            response = visitor().post(url(running), {**form(running), "stamp": stamp})
            assert response.status_code == 400
        assert (
            visitor().post(url(running), form(running, seconds_ago=feedback.MAX_AGE - 60)).status_code == 302
        )
        assert Feedback.objects.count() == 1

    @pytest.mark.parametrize("rating", ["0", "6", "x", "", "4.5"])
    def test_a_bad_rating_is_a_422_naming_the_field(self, running, rating):
        client = visitor()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url(running), form(running, rating=rating))
        assert response.status_code == 422
        page = response.content.decode()
        assert 'href="#id_rating_0">Your rating: Choose a rating from 1 to 5.</a>' in page
        assert "Удобно, очередь короче." in page  # what was typed stays
        assert Feedback.objects.count() == 0

    def test_a_comment_over_2000_characters_is_a_422_naming_the_field(self, running):
        client = visitor()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert client.post(url(running), form(running, comment="я" * 2000)).status_code == 302
        response = client.post(url(running), form(running, comment="я" * 2001))
        assert response.status_code == 422
        assert 'href="#id_comment">Comment: At most 2000 characters (you entered 2001).</a>' in (
            response.content.decode()
        )
        assert Feedback.objects.count() == 1

    def test_a_nul_in_the_comment_is_taken_out_and_the_feedback_kept(self, running):
        client = visitor()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url(running), form(running, comment="a\x00b"))
        assert response.status_code == 302  # taken out at the edge (core.middleware.InputGuardMiddleware)
        assert Feedback.objects.get(pilot=running).comment == "ab"
        with pytest.raises(InvalidInput) as refused:  # the service itself never stores one
            feedback.leave_public_feedback(running, 3, "a\x00b", "203.0.113.9")
        assert refused.value.details["field"] == "comment"
        assert Feedback.objects.count() == 1


@pytest.mark.django_db
class TestQrCode:
    def test_the_qr_code_is_an_svg_of_the_absolute_link(self, running, owner):
        client = Client()
        factories.sign_in(client, owner)
        response = client.get(f"/pilots/{running.pk}/qr.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        svg = response.content.decode()
        assert "<svg" in svg and "<path" in svg
        request = RequestFactory().get("/", HTTP_HOST="testserver")
        assert feedback.feedback_url(request, running) == f"http://testserver{url(running)}"

    def test_the_company_site_representatives_and_the_desk_see_it_others_get_404(
        self, running, owner, site_owner, site_manager, site_org, stranger
    ):
        site_member = factories.person(full_name="Мария Регистратор")
        OrganizationPerson.objects.create(organization=site_org, person=site_member, role="member")
        reviewer, coordinator, expert = (factories.staff(r) for r in ("reviewer", "coordinator", "expert"))
        for person, status in (
            (owner, 200),
            (site_owner, 200),
            (site_manager, 200),
            (reviewer, 200),
            (coordinator, 200),
            (site_member, 404),
            (expert, 404),
            (stranger, 404),
            (None, 302),  # to the sign-in, as the pilot's page
        ):
            client = Client()
            if person is not None:
                factories.sign_in(client, person)
            assert client.get(f"/pilots/{running.pk}/qr.svg").status_code == status, person
        client = Client()
        factories.sign_in(client, owner)
        assert client.get(f"/pilots/{running.pk + 1000}/qr.svg").status_code == 404
