import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.core.errors import PermissionDenied
from innocluster.registry import services
from innocluster.registry.models import RegistryEntry
from tests import factories


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def participant_org(organization):
    factories.participant(organization)
    return organization


def _payload(organization, **extra):
    return {"organization_id": organization.pk, **factories.REGISTRY_FORM, **extra}


def _approve(api, coordinator, application_id, on):
    with time_machine.travel(f"{on} 12:00 +03:00", tick=False):
        response = api.as_(coordinator).post(
            f"/registry/applications/{application_id}/decision", {"decision": "approve"}
        )
    assert response.json()["status"] == "approved"


@pytest.mark.django_db
class TestRegistryApplications:
    def test_only_participants_apply(self, api, organization, owner):
        response = api.as_(owner).post("/registry/applications", _payload(organization))
        assert response.status_code == 409 and response.json()["code"] == "not_participant"

    def test_apply_and_be_included(self, api, participant_org, owner, coordinator):
        with time_machine.travel("2025-03-03 10:00 +03:00", tick=False):
            response = api.as_(owner).post("/registry/applications", _payload(participant_org))
        body = response.json()
        assert response.status_code == 201
        assert (body["status"], body["review_due"], body["revenue_last_year"]) == (
            "submitted",
            "2025-03-17",
            "12500000.00",
        )
        _approve(api, coordinator, body["id"], "2025-03-10")
        entry = RegistryEntry.objects.get(organization=participant_org)
        assert (entry.category, entry.included_on, entry.excluded_on) == (
            "startup",
            dt.date(2025, 3, 10),
            None,
        )
        assert (
            api.as_(owner).get(f"/registry/applications/{body['id']}").json()["register_number"]
            == entry.number
        )
        again = api.as_(owner).post("/registry/applications", _payload(participant_org))
        assert again.status_code == 409 and again.json()["code"] == "already_registered"

    @pytest.mark.parametrize(
        ("override", "field"),
        [
            ({"category": "giant"}, "category"),
            ({"revenue_last_year": "abc"}, "revenue_last_year"),
            ({"revenue_last_year": "-5"}, "revenue_last_year"),
            ({"revenue_last_year": "1e400"}, "revenue_last_year"),
            ({"rnd_spending_last_year": "5.001"}, "rnd_spending_last_year"),
            ({"rnd_spending_last_year": "１０００"}, "rnd_spending_last_year"),
            ({"technology": ""}, "technology"),
        ],
    )
    def test_bad_facts_name_the_field(self, api, participant_org, owner, override, field):
        response = api.as_(owner).post("/registry/applications", _payload(participant_org, **override))
        assert response.status_code == 422
        assert response.json()["details"]["field"] == field

    def test_strangers_get_404_everywhere(self, api, participant_org, owner, stranger):
        application_id = api.as_(owner).post("/registry/applications", _payload(participant_org)).json()["id"]
        assert api.as_(stranger).get(f"/registry/applications/{application_id}").status_code == 404
        assert api.get(f"/registry/applications/{application_id}").status_code == 404
        assert (
            api.as_(stranger)
            .post(f"/registry/applications/{application_id}/decision", {"decision": "approve"})
            .status_code
            == 404
        )
        assert api.as_(stranger).post("/registry/applications", _payload(participant_org)).status_code == 404
        client = Client()
        factories.sign_in(client, stranger)
        assert client.get(f"/registry/apply/{participant_org.pk}/").status_code == 404
        assert (
            client.post(f"/registry/apply/{participant_org.pk}/autosave/", {"technology": "x"}).status_code
            == 404
        )


@pytest.mark.django_db
class TestRegisterHistory:
    def _entry(self, api, organization, owner, coordinator, on="2025-03-10"):
        application_id = api.as_(owner).post("/registry/applications", _payload(organization)).json()["id"]
        _approve(api, coordinator, application_id, on)
        return RegistryEntry.objects.get(organization=organization, excluded_on__isnull=True)

    def test_lookup_before_inclusion_and_after_exclusion(self, api, participant_org, owner, coordinator):
        entry = self._entry(api, participant_org, owner, coordinator)
        services.exclude(
            actor=coordinator, entry=entry, reason="Выручка превысила порог.", on=dt.date(2025, 9, 1)
        )
        inn = participant_org.inn
        assert not services.was_in_register(inn=inn, on=dt.date(2025, 3, 9))  # the day before inclusion
        assert services.was_in_register(inn=inn, on=dt.date(2025, 3, 10))
        assert services.was_in_register(inn=inn, on=dt.date(2025, 8, 31))
        assert not services.was_in_register(inn=inn, on=dt.date(2025, 9, 1))  # excluded from that day
        for on, total in [("2025-03-09", 0), ("2025-06-01", 1), ("2025-09-02", 0)]:
            body = api.get("/registry", {"on": on, "inn": inn}).json()
            assert (body["on"], body["total"]) == (on, total)

    def test_exclusion_needs_a_coordinator_and_a_reason(self, api, participant_org, owner, coordinator):
        entry = self._entry(api, participant_org, owner, coordinator)
        with pytest.raises(PermissionDenied):
            services.exclude(actor=factories.staff("reviewer"), entry=entry, reason="x")
        response = api.as_(coordinator).post(f"/registry/entries/{entry.number}/exclude", {"reason": "  "})
        assert response.status_code == 422 and response.json()["details"]["field"] == "reason"
        assert (
            api.as_(owner).post(f"/registry/entries/{entry.number}/exclude", {"reason": "x"}).status_code
            == 404
        )

    def test_an_entry_included_today_is_excluded_from_tomorrow_without_a_date(
        self, api, participant_org, owner, coordinator
    ):
        # it answered "the exclusion date must come after the inclusion date", naming `on`, which
        # the coordinator had not sent
        entry = self._entry(api, participant_org, owner, coordinator)
        RegistryEntry.objects.filter(pk=entry.pk).update(included_on=timezone.localdate())
        response = api.as_(coordinator).post(
            f"/registry/entries/{entry.number}/exclude", {"reason": "Ошибка."}
        )
        assert response.status_code == 200
        entry.refresh_from_db()
        assert entry.excluded_on == timezone.localdate() + dt.timedelta(days=1)

    def test_periods_of_one_organisation_never_overlap(self, api, participant_org, owner, coordinator):
        entry = self._entry(api, participant_org, owner, coordinator)
        with pytest.raises(IntegrityError), transaction.atomic():
            RegistryEntry.objects.create(
                organization=participant_org,
                number=99999,
                category="startup",
                included_on=dt.date(2025, 4, 1),
            )
        services.exclude(actor=coordinator, entry=entry, reason="Добровольный выход.", on=dt.date(2025, 5, 1))
        again = services.include(organization=participant_org, category="high_tech", on=dt.date(2025, 6, 1))
        assert again.number > entry.number
        assert [e.number for e in RegistryEntry.objects.filter(organization=participant_org)] == [
            entry.number,
            again.number,
        ]


@pytest.mark.django_db
def test_the_application_page_names_every_refused_figure_at_once(participant_org, owner):
    from innocluster.registry.models import RegistryApplication

    client = Client()
    factories.sign_in(client, owner)
    data = {
        **factories.REGISTRY_FORM,
        "revenue_last_year": "abc",
        "rnd_spending_last_year": "-5",
        "novelty": "",
    }
    page = client.post(
        f"/registry/apply/{participant_org.pk}/", data, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    summary = page.split('data-testid="error-summary"')[1].split("</div>")[0]
    for field in ("revenue_last_year", "rnd_spending_last_year"):
        assert f'href="#id_{field}"' in summary, field
    assert not RegistryApplication.objects.filter(case__status="submitted").exists()


@pytest.mark.django_db
class TestPublicRegister:
    def _fill(self, n):
        for _ in range(n):
            organization = factories.organization()
            services.include(organization=organization, category="high_tech", on=dt.date(2025, 1, 20))

    def test_list_queries_do_not_grow(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert Client().get("/registry/?on=2025-02-01").status_code == 200
            return len(captured)

        self._fill(1)
        one = queries()
        self._fill(2)
        assert queries() == one

    def test_search_and_csv(self):
        self._fill(2)
        special = factories.organization(short_name="ООО «Квантовые сенсоры»")
        services.include(organization=special, category="startup", on=dt.date(2025, 1, 21))
        page = Client().get("/registry/", {"q": "квантовые", "on": "2025-02-01"}).content.decode()
        assert "Квантовые сенсоры" in page and page.count("<tr>") == 2
        response = Client().get("/registry/register.csv", {"on": "2025-02-01"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert len(rows) == 4
        assert rows[-1][1] == "ООО «Квантовые сенсоры»" and rows[-1][4] == "2025-01-21"
        assert special.inn not in "".join(",".join(r) for r in rows)

    def test_the_register_is_an_open_dataset(self, api):
        self._fill(2)
        gone = factories.organization(short_name="ООО «Ушедшие»")
        entry = services.include(organization=gone, category="startup", on=dt.date(2025, 1, 21))
        services.exclude(
            actor=factories.staff("coordinator"), entry=entry, reason="Выход.", on=dt.date(2025, 3, 1)
        )
        body = api.get("/datasets/register", **{"Accept-Language": "ru"}).json()
        assert [f["name"] for f in body["fields"]] == [
            "number",
            "organization_id",
            "organization",
            "category_code",
            "category",
            "region_code",
            "region",
            "included_on",
        ]
        assert len(body["rows"]) == 2 and body["rows"][0]["included_on"] == "2025-01-20"
        assert body["rows"][0]["category_code"] == "high_tech"
        # at the end of 2025 the one excluded in March is gone; in 2024 nobody was in
        assert len(api.get("/datasets/register", {"year": 2025}).json()["rows"]) == 2
        assert api.get("/datasets/register", {"year": 2024}).json()["rows"] == []
        assert "register" in [d["code"] for d in api.get("/datasets").json()]
        for fmt in ("csv", "xlsx"):
            assert api.get("/datasets/register", {"format": fmt}).status_code == 200
        package = api.get("/datasets/register/datapackage.json").json()
        assert package["resources"][0]["schema"]["primaryKey"] == ["number"]
        # the register's page leads to it
        assert 'data-testid="register-dataset"' in Client().get("/registry/").content.decode()

    def test_a_date_that_is_not_one_is_said_not_ignored(self):
        page = Client(headers={"accept-language": "ru"}).get("/registry/", {"on": "2030-13-45"})
        assert page.status_code == 200 and 'data-testid="bad-date"' in page.content.decode()
        good = Client().get("/registry/", {"on": "2025-02-01"}).content.decode()
        assert 'data-testid="bad-date"' not in good and 'data-testid="bad-date"' not in (
            Client().get("/registry/").content.decode()
        )

    def test_api_lists_the_register_on_a_date(self, api):
        self._fill(3)
        body = api.get("/registry", {"on": "2025-01-19"}).json()
        assert body["total"] == 0
        body = api.get("/registry", {"on": "2025-01-20", "limit": 2}).json()
        assert body["total"] == 3 and len(body["results"]) == 2
        assert set(body["results"][0]) == {
            "number",
            "organization_id",
            "short_name",
            "category",
            "region_code",
            "included_on",
            "excluded_on",
        }

    @pytest.mark.parametrize(
        "params", [{"on": "2025-13-01"}, {"inn": "７７０７０８３８９３"}, {"limit": 0}, {"on": "x"}]
    )
    def test_bad_queries_are_422(self, api, params):
        assert api.get("/registry", params).status_code == 422
