"""The pilots' pages as people use them: the public catalogue and its filters, a site's page with
its computed figures, the request form, the pilot's page where the site answers, records feedback
and writes the protocol, and where the company withdraws or agrees to publish."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from innocluster.organizations.models import OrganizationPerson
from innocluster.pilots import services
from innocluster.pilots.models import Feedback, Pilot
from tests import factories

pytestmark = pytest.mark.django_db


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def other_site(make_site, coordinator):
    owner = factories.person(full_name="Ольга Музейная")
    museum = factories.organization(owner=owner, short_name="ГБУК «Музей Москвы»")
    return services.create_site(
        actor=coordinator,
        organization=museum,
        name="Музей Москвы",
        category="culture",
        address="Москва, Зубовский бульвар, 2",
        district="Хамовники",
        testable="Аудиогиды, навигация по залам",
        capacity=2,
        contact_email="pilot@museum.example.org",
    )


class TestCatalogue:
    def test_filters_by_category_district_and_words(self, site, other_site):
        page = text(client_of().get("/pilots/"))
        assert "Поликлиника № 1" in page and "Музей Москвы" in page
        only_culture = text(client_of().get("/pilots/", {"category": "culture"}))
        assert "Музей Москвы" in only_culture and "Поликлиника № 1" not in only_culture
        by_district = text(client_of().get("/pilots/", {"district": "хамовники"}))
        assert "Музей Москвы" in by_district and "Поликлиника № 1" not in by_district
        by_word = text(client_of().get("/pilots/", {"q": "телемедицина"}))
        assert "Поликлиника № 1" in by_word and "Музей Москвы" not in by_word

    def test_nothing_found_says_what_to_do_and_bad_filters_are_ignored(self, site):
        response = client_of().get("/pilots/", {"q": "дирижабли", "category": "nonsense"})
        assert response.status_code == 200
        assert "Nothing found." in text(response) or "Ничего не найдено" in text(response)
        assert client_of().get("/pilots/", {"q": "дирижабли", "page": "x"}).status_code == 200
        assert client_of().get("/pilots/", {"q": "\x00"}).status_code == 422  # named, as everywhere

    def test_a_sites_page_shows_its_computed_figures(self, site, ask, site_owner):
        with time_machine.travel("2026-11-02 10:00 +03:00", tick=False):
            first = ask(site, starts_on="2027-03-01", ends_on="2027-03-31")
            second = ask(site, starts_on="2027-04-01", ends_on="2027-04-30")
        with time_machine.travel("2026-11-05 10:00 +03:00", tick=False):  # 2 working days (4 Nov off)
            services.decide(actor=site_owner, pilot=first, decision="accept")
        with time_machine.travel("2026-11-09 10:00 +03:00", tick=False):  # 4 working days
            services.decide(actor=site_owner, pilot=second, decision="decline", comment="Занято.")
        response = client_of().get(f"/pilots/sites/{site.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        figures = re.search(r'data-testid="site-statistics">(.*?)</dl>', text(response)).group(1)
        assert "50%" in figures and "<dd>3</dd>" in figures  # median of 2 and 4
        assert client_of().get("/pilots/sites/999999/").status_code == 404


class TestRequestForm:
    def form(self, organization, **overrides):
        data = {
            "organization": organization.pk,
            "product": "Умный дозатор лекарств",
            "goals": "Проверить, что пациенты не пропускают приём.",
            "starts_on": "2027-03-01",
            "ends_on": "2027-05-31",
            "criteria-TOTAL_FORMS": "3",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-name": "Пропущенные приёмы",
            "criteria-0-unit": "%",
            "criteria-0-better": "lower",
            "criteria-0-target": "5,5",
        }
        for index in range(1, 3):
            data[f"criteria-{index}-better"] = "higher"
        data.update(overrides)
        return data

    def test_a_participant_asks_and_sees_the_answers_date(self, site, owner, company):
        with time_machine.travel("2025-12-26 10:00 +03:00", tick=False):
            response = client_of(owner).post(
                f"/pilots/sites/{site.pk}/request/", self.form(company), follow=True
            )
        pilot = Pilot.objects.get()
        assert response.redirect_chain[-1][0] == f"/pilots/{pilot.pk}/"
        assert (pilot.product, pilot.answer_due, pilot.status) == (
            "Умный дозатор лекарств",
            dt.date(2026, 1, 21),
            "requested",
        )
        assert [(c.name, c.unit, c.better, c.target) for c in pilot.criteria.all()] == [
            ("Пропущенные приёмы", "%", "lower", Decimal("5.5"))
        ]
        assert re.search(r'data-testid="answer-due">.*21.*2026', text(response))

    @pytest.mark.parametrize(
        ("overrides", "field_text"),
        [
            ({"criteria-0-name": "", "criteria-0-unit": "", "criteria-0-target": ""}, "criterion"),
            ({"ends_on": "2027-02-01"}, "end before it starts"),
            ({"starts_on": "2020-01-01", "ends_on": "2020-02-01"}, "before the day it is asked for"),
            ({"product": "П" * 2000}, "300"),
            ({"criteria-0-target": "много"}, "number"),
        ],
    )
    def test_bad_input_is_a_clear_422_and_keeps_what_was_typed(
        self, site, owner, company, overrides, field_text
    ):
        response = client_of(owner).post(
            f"/pilots/sites/{site.pk}/request/", self.form(company, **overrides), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 422
        page = text(response)
        assert 'data-testid="error-summary"' in page and field_text.lower() in page.lower()
        assert "Умный дозатор" in page or "П" * 300 in page
        assert not Pilot.objects.exists()

    def test_every_refusal_is_said_at_once_each_beside_its_field(self, site, owner, company):
        form = self.form(
            company,
            ends_on="2027-02-01",
            **{"criteria-0-target": "много", "criteria-1-name": "Время отклика", "criteria-1-unit": "мс"},
        )
        with time_machine.travel("2026-12-08 10:00 +03:00", tick=False):
            response = client_of(owner).post(f"/pilots/sites/{site.pk}/request/", form)
        assert response.status_code == 422
        page = text(response)
        # the dates and both criteria on the first answer, in Russian, on their own fields
        assert "Пилотное тестирование не может закончиться раньше, чем начнётся." in page
        # the summary links each to its cell (it said them in words only)
        assert (
            '<a href="#id_criteria-0-target">Критерии: строка 1: целевое значение — Введите число.</a>'
            in page
        )
        assert '<a href="#id_criteria-1-target">' in page
        row = re.search(
            r'aria-label="Критерий 1">(.*?)</div>\s*<div class="criterion-row"', page, re.S
        ).group(1)
        assert "Введите число." in row
        second = re.search(
            r'aria-label="Критерий 2">(.*?)</div>\s*<div class="criterion-row"', page, re.S
        ).group(1)
        assert "Обязательное поле." in second and "Время отклика" in second
        # no path of the API in words (the links' anchors are ids, not words)
        before = re.sub(r'href="[^"]*"', "", page.split('data-testid="criteria"')[0].split("<main")[-1])
        assert "target" not in before
        assert not Pilot.objects.exists()

    def test_no_criterion_is_said_at_the_criteria_and_linked_to_them(self, site, owner, company):
        form = self.form(company, **{"criteria-0-name": "", "criteria-0-unit": "", "criteria-0-target": ""})
        page = text(
            client_of(owner).post(f"/pilots/sites/{site.pk}/request/", form, HTTP_ACCEPT_LANGUAGE="en")
        )
        summary = page.split('data-testid="error-summary"')[1].split("</div>")[0]
        assert '<a href="#criteria">Criteria — ' in summary
        group = page.split('<fieldset class="criteria"')[1].split("</fieldset>")[0]
        assert (
            'aria-describedby="criteria-error"' in group
            and '<p class="errorlist" id="criteria-error">' in group
        )

    def test_a_nul_in_a_field_is_taken_out_and_the_request_goes_on(self, site, owner, company):
        response = client_of(owner).post(
            f"/pilots/sites/{site.pk}/request/",
            self.form(company, goals="цель\x00"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 302 and Pilot.objects.get().goals == "цель"

    def test_someone_acting_for_no_participant_gets_the_way_to_membership(self, site, stranger):
        response = client_of(stranger).get(f"/pilots/sites/{site.pk}/request/", HTTP_ACCEPT_LANGUAGE="en")
        assert "You act for no organisation that is a participant" in text(response)
        assert client_of().get(f"/pilots/sites/{site.pk}/request/").status_code == 302  # sign in first

    def test_another_organisations_id_is_refused(self, site, owner, company, other_site):
        foreign = other_site.organization
        response = client_of(owner).post(f"/pilots/sites/{site.pk}/request/", self.form(foreign))
        assert response.status_code == 422 and not Pilot.objects.exists()


class TestPilotPage:
    def test_the_company_the_site_and_the_desk_see_it_a_stranger_gets_404(
        self, ask, site, owner, site_owner, stranger, coordinator
    ):
        pilot = ask(site)
        for person in (owner, site_owner, coordinator):
            assert client_of(person).get(f"/pilots/{pilot.pk}/").status_code == 200
        assert client_of(stranger).get(f"/pilots/{pilot.pk}/").status_code == 404
        assert client_of(factories.staff("expert")).get(f"/pilots/{pilot.pk}/").status_code == 404
        assert client_of().get(f"/pilots/{pilot.pk}/")["Location"].startswith("/accounts/sign-in/")
        for path in ("decision/", "feedback/", "cancel/", "publish/"):
            assert client_of(stranger).post(f"/pilots/{pilot.pk}/{path}", {}).status_code == 404
        assert client_of(stranger).get(f"/pilots/{pilot.pk}/protocol/").status_code == 404

    def test_a_staff_read_is_in_the_history_once_in_words(self, ask, site, coordinator):
        pilot = ask(site)
        client_of(coordinator).get(f"/pilots/{pilot.pk}/")
        page = text(client_of(coordinator).get(f"/pilots/{pilot.pk}/"))
        # it read "причина — «pilot page» — «pilot page»"
        assert "причина — «открыта страница пилотного тестирования»</li>" in page
        assert "pilot page" not in page

    def test_a_declined_pilot_offers_no_publication(self, ask, site, site_owner, owner):
        pilot = ask(site)
        client_of(site_owner).post(
            f"/pilots/{pilot.pk}/decision/", {"decision": "decline", "comment": "Занято."}
        )
        pilot.refresh_from_db()
        assert pilot.status == "declined"
        assert f"/pilots/{pilot.pk}/publish/" not in text(client_of(owner).get(f"/pilots/{pilot.pk}/"))

    def test_the_site_declines_only_with_reasons_then_accepts(self, ask, site, site_owner, owner):
        pilot = ask(site)
        page = text(client_of(site_owner).get(f"/pilots/{pilot.pk}/"))
        assert 'data-testid="decision-form"' in page
        assert 'data-testid="decision-form"' not in text(client_of(owner).get(f"/pilots/{pilot.pk}/"))
        refused = client_of(site_owner).post(
            f"/pilots/{pilot.pk}/decision/", {"decision": "decline", "comment": ""}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert refused.status_code == 422 and "Give the reasons" in text(refused)
        # the company may publish a pilot that takes place, never a declined one
        assert f"/pilots/{pilot.pk}/publish/" in text(client_of(owner).get(f"/pilots/{pilot.pk}/"))
        pilot.refresh_from_db()
        assert pilot.status == "requested"
        done = client_of(site_owner).post(f"/pilots/{pilot.pk}/decision/", {"decision": "accept"})
        assert done["Location"] == f"/pilots/{pilot.pk}/"
        pilot.refresh_from_db()
        assert pilot.status == "accepted"
        assert (
            client_of(owner).post(f"/pilots/{pilot.pk}/decision/", {"decision": "accept"}).status_code == 403
        )

    def test_a_full_site_names_the_pilots_that_fill_it(self, ask, site, site_owner):
        first = ask(site, starts_on="2027-03-01", ends_on="2027-03-31", product="Первый")
        second = ask(site, starts_on="2027-03-31", ends_on="2027-04-30", product="Второй")
        services.decide(actor=site_owner, pilot=first, decision="accept")
        response = client_of(site_owner).post(
            f"/pilots/{second.pk}/decision/", {"decision": "accept"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 422
        assert "no place left for this period: 1 accepted or running pilot overlaps it" in text(response)
        second.refresh_from_db()
        assert second.status == "requested"

    def test_the_site_records_feedback_and_writes_the_protocol_in_versions(
        self, ask, site, site_owner, owner
    ):
        pilot = ask(site)
        services.decide(actor=site_owner, pilot=pilot, decision="accept")
        site_client = client_of(site_owner)
        for rating, comment in (("5", "Удобно"), ("4", "")):
            assert (
                site_client.post(
                    f"/pilots/{pilot.pk}/feedback/", {"rating": rating, "comment": comment}
                ).status_code
                == 302
            )
        assert site_client.post(f"/pilots/{pilot.pk}/feedback/", {"rating": "6"}).status_code == 422
        assert client_of(owner).post(f"/pilots/{pilot.pk}/feedback/", {"rating": "5"}).status_code == 403
        assert list(Feedback.objects.values_list("rating", "source", "protocol")) == [
            (5, "site", None),
            (4, "site", None),
        ]

        criteria = list(pilot.criteria.all())
        form = site_client.get(f"/pilots/{pilot.pk}/protocol/")
        assert form.status_code == 200 and "Время ожидания" in text(form)
        assert "Цель: 95,5 %" in text(form)  # the target as a Russian page writes numbers
        english = site_client.get(f"/pilots/{pilot.pk}/protocol/", HTTP_ACCEPT_LANGUAGE="en")
        assert "Target: 95.5 %" in text(english)
        assert client_of(owner).get(f"/pilots/{pilot.pk}/protocol/").status_code == 403
        data = {
            f"value_{criteria[0].pk}": "15",
            f"value_{criteria[1].pk}": "95,4",
            "conclusion": "needs_work",
        }
        bad = site_client.post(
            f"/pilots/{pilot.pk}/protocol/",
            {**data, f"value_{criteria[1].pk}": "почти"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert bad.status_code == 422 and "Enter a number" in text(bad)
        assert site_client.post(f"/pilots/{pilot.pk}/protocol/", data)["Location"] == f"/pilots/{pilot.pk}/"
        pilot.refresh_from_db()
        protocol = pilot.protocols.get()
        # exactly at a lower-is-better target is met; 95.4 against 95.5 higher-is-better is not
        assert [(r.value, r.met) for r in protocol.results.order_by("criterion_id")] == [
            (Decimal("15"), True),
            (Decimal("95.4"), False),
        ]
        page = text(client_of(owner).get(f"/pilots/{pilot.pk}/", HTTP_ACCEPT_LANGUAGE="en"))
        assert "2 ratings, average 4.50" in page and "Needs work" in page
        # a correction: version 2, the first kept unchanged
        site_client.post(
            f"/pilots/{pilot.pk}/protocol/",
            {**data, f"value_{criteria[1].pk}": "96", "conclusion": "recommended"},
        )
        assert list(pilot.protocols.order_by("version").values_list("version", "conclusion")) == [
            (1, "needs_work"),
            (2, "recommended"),
        ]

    def test_the_company_withdraws_and_agrees_to_publish(self, ask, site, site_owner, owner):
        pilot = ask(site)
        member = factories.person(full_name="Сотрудник Компании")
        OrganizationPerson.objects.create(organization=pilot.organization, person=member, role="member")
        assert client_of(member).post(f"/pilots/{pilot.pk}/cancel/").status_code == 403
        assert (
            client_of(site_owner).post(f"/pilots/{pilot.pk}/publish/", {"publish": "on"}).status_code == 403
        )
        client_of(owner).post(f"/pilots/{pilot.pk}/publish/", {"publish": "on"})
        pilot.refresh_from_db()
        assert pilot.publish is True
        client_of(owner).post(f"/pilots/{pilot.pk}/cancel/", {"comment": "Передумали."})
        pilot.refresh_from_db()
        assert (pilot.status, pilot.case.status) == ("cancelled", "withdrawn")


def accept_and_complete(pilot, site_owner):
    """The site accepts the pilot and files its protocol: both criteria met, recommended."""
    services.decide(actor=site_owner, pilot=pilot, decision="accept")
    services.submit_protocol(
        actor=site_owner,
        pilot=pilot,
        results=[
            {"criterion": "Время ожидания", "value": "10"},
            {"criterion": "Доля успешных распознаваний", "value": "99"},
        ],
        feedback=[],
        conclusion="recommended",
    )


def test_completed_pilots_are_public_only_with_the_companys_consent(ask, site, site_owner, owner):
    shown, hidden = (
        ask(site, product="Показанный"),
        ask(site, product="Скрытый", starts_on="2027-06-01", ends_on="2027-06-30"),
    )
    for pilot in (shown, hidden):
        accept_and_complete(pilot, site_owner)
    services.set_publish(actor=owner, pilot=shown, publish=True)
    page = text(client_of().get("/pilots/completed/"))
    assert "Показанный" in page and "Скрытый" not in page
    assert "Показанный" in text(client_of().get(f"/pilots/sites/{site.pk}/"))
    assert "Показанный" not in text(client_of().get("/pilots/completed/", {"category": "culture"}))


def test_the_cabinet_shows_the_site_what_to_answer_and_by_when(ask, site, site_owner, owner):
    with time_machine.travel("2026-11-02 10:00 +03:00", tick=False):
        pilot = ask(site)
    with time_machine.travel("2026-11-20 10:00 +03:00", tick=False):
        page = text(client_of(site_owner).get("/cabinet/", HTTP_ACCEPT_LANGUAGE="en"))
    rows = re.search(r'data-testid="site-pilots">(.*?)</table>', page).group(1)
    assert (
        f'href="/pilots/{pilot.pk}/"' in rows and "Answer by 17 November 2026" in rows and "overdue" in rows
    )
    assert f'href="/pilots/{pilot.pk}/"' in text(client_of(owner).get("/cabinet/"))


class TestNewSite:
    def form(self, site_org, **overrides):
        return {
            "organization": site_org.inn,
            "name": "Музей транспорта Москвы",
            "category": "culture",
            "address": "Москва, Рижская пл., 3",
            "district": "Мещанский",
            "testable": "Навигация, аудиогиды",
            "capacity": "2",
            "contact_email": "pilot@museum.example.org",
            **overrides,
        }

    def test_a_coordinator_adds_a_site_whose_owners_become_representatives(
        self, coordinator, site_org, site_owner
    ):
        response = client_of(coordinator).post("/pilots/sites/new/", self.form(site_org))
        site = site_org.test_sites.get()
        assert response["Location"] == f"/pilots/sites/{site.pk}/"
        assert (site.name, site.category, site.capacity, site.created_by_id) == (
            "Музей транспорта Москвы",
            "culture",
            2,
            coordinator.pk,
        )
        assert "Музей транспорта Москвы" in text(client_of(site_owner).get("/cabinet/"))

    def test_bad_input_and_who_may(self, coordinator, site_org, owner):
        c = client_of(coordinator)
        unknown = c.post(
            "/pilots/sites/new/", self.form(site_org, organization="7700000000"), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert unknown.status_code == 422 and "No organisation on the platform has this INN" in text(unknown)
        # with other refusals, all on the same answer
        many = text(
            c.post(
                "/pilots/sites/new/",
                self.form(site_org, organization="999999", capacity="0", contact_email="nope"),
                HTTP_ACCEPT_LANGUAGE="en",
            )
        )
        assert "No organisation on the platform has this INN" in many
        assert "Ensure this value is greater than or equal to 1." in many and "valid email" in many
        for bad in ({"capacity": "0"}, {"category": "zoo"}, {"name": "М" * 2000}, {"contact_email": "nope"}):
            assert c.post("/pilots/sites/new/", self.form(site_org, **bad)).status_code == 422
        assert not site_org.test_sites.exists()
        assert client_of(factories.staff("reviewer")).get("/pilots/sites/new/").status_code == 403
        assert client_of(owner).get("/pilots/sites/new/").status_code == 404
        assert client_of().get("/pilots/sites/new/").status_code == 302


def test_the_back_office_lists_pilots_read_only(ask, site, coordinator):
    pilot = ask(site)
    c = client_of(coordinator)
    assert c.get("/admin/pilots/pilot/").status_code == 200
    assert c.get(f"/admin/pilots/pilot/{pilot.pk}/change/").status_code == 200
    assert c.post(f"/admin/pilots/pilot/{pilot.pk}/delete/").status_code == 403
    # the model permission without an object is nobody's in particular, not an error
    assert factories.person().has_perm("pilots.view_pilot") is False


def test_completed_pilots_are_listed_the_last_ended_first(ask, site, site_owner, owner):
    # the protocols come in the other order: the list follows the days it shows
    later = ask(site, product="Позже", starts_on="2027-06-01", ends_on="2027-06-05")
    earlier = ask(site, product="Раньше", starts_on="2027-06-01", ends_on="2027-06-04")
    for pilot in (later, earlier):
        accept_and_complete(pilot, site_owner)
        services.set_publish(actor=owner, pilot=pilot, publish=True)
    page = text(client_of().get("/pilots/completed/"))
    assert page.index("Позже") < page.index("Раньше")
