"""SPEC C5/C6 and §4: a `pilot-testing` grant application names its pilot, the applicant
organisation's own, accepted, running or completed; otherwise `422 pilot_required`, whatever is
wrong with it (so that a refusal tells nothing of another organisation's pilots). The reviewer and
the applicant see the pilot and its latest protocol. The link goes through `measures/links.py`:
measures imports nothing of pilots."""

import ast
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from innocluster.core.errors import InvalidInput
from innocluster.measures import services
from innocluster.measures.models import Measure, MeasureApplication
from innocluster.pilots import services as pilots
from innocluster.reviews import services as reviews
from tests import factories

ITEMS = [{"category": "logistics", "amount": "1500000.50"}]
APPLY = "/measures/pilot-testing/apply/"


@pytest.fixture(autouse=True)
def _language_kept():
    """The pages here are read in English (the strings are this change's msgids until the Russian
    catalogue has them); the active language must not leak into the next test."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def member_org(organization):
    factories.participant(organization)
    return organization


@pytest.fixture
def other_org(db):
    other = factories.organization(owner=factories.person(full_name="Глеб Другой"), short_name="ООО «Другая»")
    factories.participant(other)
    return other


def body(organization, **extra):
    return {"measure": "pilot-testing", "organization_id": organization.pk, "items": ITEMS, **extra}


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def refused_for_pilot(response) -> dict:
    assert response.status_code == 422, response.content
    answer = response.json()
    # a refused one-step application also names the draft it kept (draft_id)
    assert answer["code"] == "pilot_required" and answer["details"]["field"] == "pilot_id"
    assert set(answer["details"]) <= {"field", "draft_id"}
    return answer


@pytest.mark.django_db
class TestTheApiAsksForTheApplicantsOwnPilot:
    @pytest.mark.parametrize("status", ["accepted", "running", "completed"])
    def test_an_accepted_running_or_completed_pilot_is_taken(self, api, member_org, owner, status):
        pilot = factories.pilot(member_org, status=status)
        response = api.as_(owner).post("/applications", body(member_org, pilot_id=pilot.pk))
        assert response.status_code == 201, response.content
        answer = response.json()
        assert (answer["status"], answer["requested_amount"], answer["pilot_id"]) == (
            "submitted",
            "1500000.50",
            pilot.pk,
        )
        assert MeasureApplication.objects.get().pilot_id == pilot.pk
        assert api.as_(owner).get(f"/applications/{answer['id']}").json()["pilot_id"] == pilot.pk

    @pytest.mark.parametrize("value", ["missing", None, "abc", "", True, 0, -3, 1.5, [1], {"id": 1}, 2**70])
    def test_no_pilot_or_a_malformed_one_is_pilot_required(self, api, member_org, owner, value):
        factories.pilot(member_org)  # one to name, not named
        extra = {} if value == "missing" else {"pilot_id": value}
        answer = refused_for_pilot(api.as_(owner).post("/applications", body(member_org, **extra)))
        assert "pilot_id" in answer["message"]
        assert MeasureApplication.objects.count() == 0

    def test_a_draft_names_its_pilot_too(self, api, member_org, owner):
        refused_for_pilot(api.as_(owner).post("/applications", body(member_org, draft=True)))
        pilot = factories.pilot(member_org)
        response = api.as_(owner).post("/applications", body(member_org, draft=True, pilot_id=pilot.pk))
        assert (response.status_code, response.json()["status"]) == (201, "draft")

    @pytest.mark.parametrize("status", ["requested", "declined", "cancelled"])
    def test_a_pilot_the_site_has_not_accepted_or_the_company_withdrew_is_refused(
        self, api, member_org, owner, status
    ):
        pilot = factories.pilot(member_org, status=status)
        refused_for_pilot(api.as_(owner).post("/applications", body(member_org, pilot_id=pilot.pk)))
        assert MeasureApplication.objects.count() == 0

    def test_another_organisations_pilot_is_refused_as_if_it_did_not_exist(
        self, api, member_org, owner, other_org
    ):
        theirs = factories.pilot(other_org, status="completed")
        factories.pilot(member_org)
        foreign = refused_for_pilot(
            api.as_(owner).post("/applications", body(member_org, pilot_id=theirs.pk))
        )
        unknown = refused_for_pilot(api.as_(owner).post("/applications", body(member_org, pilot_id=10**9)))
        assert foreign == unknown
        assert MeasureApplication.objects.count() == 0

    def test_one_pilot_test_one_grant_until_the_first_is_rejected(self, api, member_org, owner):
        pilot = factories.pilot(member_org, status="completed")
        first = api.as_(owner).post("/applications", body(member_org, pilot_id=pilot.pk)).json()
        second = api.as_(owner).post(
            "/applications", body(member_org, pilot_id=pilot.pk), **{"Accept-Language": "en"}
        )
        number = MeasureApplication.objects.get(pk=first["id"]).case.number
        assert refused_for_pilot(second)["message"] == (
            f"This pilot is already named by application No. {number}: one pilot test, one grant."
        )
        assert MeasureApplication.objects.filter(case__status="submitted").count() == 1
        coordinator = factories.staff("coordinator")
        decided = api.as_(coordinator).post(
            f"/applications/{first['id']}/decision", {"decision": "reject", "comment": "Нет бюджета."}
        )
        assert decided.status_code == 200
        again = api.as_(owner).post("/applications", body(member_org, pilot_id=pilot.pk))
        assert again.status_code == 201, again.content

    def test_a_pilot_named_in_digits_is_the_same_pilot(self, api, member_org, owner):
        pilot = factories.pilot(member_org)
        response = api.as_(owner).post("/applications", body(member_org, pilot_id=str(pilot.pk)))
        assert (response.status_code, response.json()["pilot_id"]) == (201, pilot.pk)

    def test_a_pilot_cancelled_after_the_draft_stops_the_submission(self, api, member_org, owner):
        pilot = factories.pilot(member_org)  # accepted, starting in 30 days: the company may cancel
        draft = api.as_(owner).post("/applications", body(member_org, draft=True, pilot_id=pilot.pk)).json()
        pilots.cancel(actor=owner, pilot=pilot, comment="Площадка закрылась на ремонт.")
        refused_for_pilot(api.as_(owner).post(f"/applications/{draft['id']}/submit"))
        application = MeasureApplication.objects.get()
        assert (application.case.status, application.pilot_id) == ("draft", pilot.pk)

    def test_other_measures_name_no_pilot(self, api, member_org, owner):
        pilot = factories.pilot(member_org)
        patent = {
            "measure": "patent-compensation",
            "organization_id": member_org.pk,
            "items": [{"category": "invention", "amount": "50000", "jurisdiction": "ru"}],
        }
        response = api.as_(owner).post("/applications", {**patent, "pilot_id": pilot.pk})
        assert response.status_code == 422
        assert (response.json()["code"], response.json()["details"]) == ("invalid", {"field": "pilot_id"})
        response = api.as_(owner).post("/applications", {**patent, "pilot_id": None})
        assert (response.status_code, response.json()["pilot_id"]) == (201, None)

    def test_the_measure_says_it_names_a_pilot(self):
        links = dict(Measure.objects.values_list("code", "link"))
        assert links == {
            "pilot-testing": "pilot",
            "patent-compensation": "",
            "equipment-cofinancing": "",
            "angel-refund": "",
            "import-substitution": "",
        }


@pytest.mark.django_db
class TestTheApplyForm:
    @pytest.fixture
    def client(self, owner):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        factories.sign_in(client, owner)
        return client

    def test_it_offers_the_eligible_pilots_as_product_site_and_period(self, client, member_org):
        import datetime as dt

        first = factories.pilot(
            member_org, product="Помощник", starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 5, 31)
        )
        site = first.site
        later = factories.pilot(member_org, status="completed", product="Датчики", site=site)
        for status in ("requested", "declined", "cancelled"):
            factories.pilot(member_org, status=status, product=f"Не {status}", site=site)
        html = text(client.get(APPLY))
        select = html.split('<select name="pilot_id"', 1)[1].split("</select>", 1)[0]
        assert re.findall(r'<option value="(\d*)"[^>]*>([^<]*)<', select) == [
            ("", "—"),
            (str(first.pk), "Помощник — Поликлиника № 1, 1 March 2027 – 31 May 2027"),
            (
                str(later.pk),
                f"Датчики — Поликлиника № 1, {human(later.starts_on)} – {human(later.ends_on)}",
            ),
        ]

    def test_the_only_pilot_is_chosen_and_the_application_names_it(self, client, member_org):
        pilot = factories.pilot(member_org)
        html = text(client.get(APPLY))
        assert f'<option value="{pilot.pk}" selected>' in html
        response = client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот",
                "items-0-category": "labor",
                "items-0-amount": "1000",
                "action": "continue",
            },
        )
        application = MeasureApplication.objects.get()
        assert response["Location"] == f"/measures/applications/{application.pk}/"
        assert application.pilot_id == pilot.pk
        check = text(client.get(f"/measures/applications/{application.pk}/check/"))
        assert f"/measures/pilot-testing/apply/{application.pk}/#pilot_id" in check
        edit = text(client.get(f"/measures/pilot-testing/apply/{application.pk}/"))
        assert f'<option value="{pilot.pk}" selected>' in edit

    def test_without_a_pilot_the_field_is_in_error_and_nothing_is_written(
        self, client, member_org, other_org
    ):
        factories.pilot(member_org)
        theirs = factories.pilot(other_org)
        for chosen in ("", str(theirs.pk)):
            response = client.post(
                APPLY,
                {
                    "organization_id": member_org.pk,
                    "pilot_id": chosen,
                    "project_title": "Пилот",
                    "items-0-category": "labor",
                    "items-0-amount": "1000",
                    "action": "submit",
                },
            )
            html = text(response)
            assert re.findall(r'<li><a href="#([\w-]+)">([^<]+)</a></li>', html) == [
                ("pilot_id", "Choose the pilot this grant is for.")
            ]
            assert (
                'id="pilot_id" required aria-describedby="pilot_id_helptext" data-testid="link-select" aria-invalid="true"'
                in html
            )
        assert MeasureApplication.objects.count() == 0

    def test_with_no_pilot_the_form_says_so_and_links_to_the_catalogue(self, client, member_org):
        factories.pilot(member_org, status="requested")
        html = text(client.get(APPLY))
        assert 'name="pilot_id"' not in html
        no_pilot = html.split('data-testid="no-link"', 1)[1].split("</div>", 1)[0]
        assert "Your organisation has no accepted, running or completed pilot yet" in no_pilot
        assert '<a href="/pilots/">Find a test site in the catalogue →</a>' in no_pilot
        response = client.post(
            APPLY, {"organization_id": member_org.pk, "project_title": "Пилот", "action": "save"}
        )
        assert re.findall(r'<li><a href="#([\w-]+)">', text(response)) == ["pilot_id"]
        assert MeasureApplication.objects.count() == 0

    def test_a_pilot_another_live_application_names_is_not_offered(self, client, member_org, owner):
        pilot = factories.pilot(member_org, status="completed")
        services.apply(
            actor=owner,
            measure=Measure.objects.get(code="pilot-testing"),
            organization=member_org,
            raw_items=ITEMS,
            pilot_id=pilot.pk,
        )
        html = text(client.get(APPLY))
        assert 'name="pilot_id"' not in html and 'data-testid="no-link"' in html


def human(day) -> str:
    from innocluster.core.formats import human_date

    return human_date(day, "en")


@pytest.mark.django_db
class TestTheReviewerAndTheApplicantSeeThePilot:
    def application(self, organization, owner, pilot):
        return services.apply(
            actor=owner,
            measure=Measure.objects.get(code="pilot-testing"),
            organization=organization,
            raw_items=[{"category": "labor", "amount": "1000"}],
            project_title="Пилот",
            pilot_id=pilot.pk,
        )

    def page(self, user, path) -> str:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        factories.sign_in(client, user)
        response = client.get(path)
        assert response.status_code == 200
        return text(response)

    def test_the_desk_shows_the_pilot_and_its_latest_protocol(self, member_org, owner):
        pilot = factories.pilot(member_org, status="completed")
        representative = pilot.site.organization.people.get(role="owner").person
        pilots.submit_protocol(  # a correction: version 2, with its own rating
            actor=representative,
            pilot=pilot,
            results=[
                {"criterion": "Время ожидания", "value": "14"},
                {"criterion": "Доля распознаваний", "value": "95"},
            ],
            feedback=[{"rating": 3}],  # in place of the first version's 5 and 4
            conclusion="needs_work",
        )
        application = self.application(member_org, owner, pilot)
        html = self.page(factories.staff("reviewer"), f"/staff/desk/{application.case_id}/")
        card = html.split('data-testid="grant-pilot"', 1)[1].split("</section>", 1)[0]
        assert (
            f'<a href="/pilots/{pilot.pk}/" data-testid="pilot-link">Голосовой помощник регистратуры</a>'
            in card
        )
        assert "<dd>Поликлиника № 1</dd>" in card
        assert f"<dd>{human(pilot.starts_on)} — {human(pilot.ends_on)}</dd>" in card
        assert 'data-status="completed" data-testid="pilot-status">Completed<' in card
        assert "Protocol, version 2" in card
        assert 'data-status="needs_work" data-testid="protocol-conclusion">Needs work<' in card
        assert 'data-testid="criteria-met">2 of 2<' in card
        assert 'data-testid="protocol-rating">1 rating, average 3.00<' in card
        assert f'<a href="/pilots/{pilot.pk}/protocol/2.pdf" download data-testid="protocol-pdf">' in card
        assert 'data-testid="pilot-not-eligible"' not in card

    def test_the_applicant_sees_it_and_a_pilot_cancelled_later_is_flagged(self, member_org, owner):
        pilot = factories.pilot(member_org)
        application = self.application(member_org, owner, pilot)
        html = self.page(owner, f"/measures/applications/{application.pk}/")
        card = html.split('data-testid="grant-pilot"', 1)[1].split("</section>", 1)[0]
        assert 'data-status="accepted" data-testid="pilot-status">Accepted<' in card
        assert 'data-testid="no-protocol"' in card and 'data-testid="protocol-pdf"' not in card
        pilots.cancel(actor=owner, pilot=pilot)
        desk = self.page(factories.staff("reviewer"), f"/staff/desk/{application.case_id}/")
        assert 'data-testid="pilot-not-eligible"' in desk
        assert 'data-status="cancelled" data-testid="pilot-status">Cancelled<' in desk
        # and the approval is refused: no pilot test, no grant
        coordinator = factories.staff("coordinator")
        with pytest.raises(InvalidInput) as refused:
            reviews.decide(application.case, "approve", actor=coordinator)
        assert (refused.value.code, refused.value.details) == ("pilot_required", {"field": "pilot_id"})
        application.case.refresh_from_db()
        assert (application.case.status, application.approved_amount) == ("submitted", None)

    def test_other_measures_show_no_pilot(self, member_org, owner):
        application = services.apply(
            actor=owner,
            measure=Measure.objects.get(code="patent-compensation"),
            organization=member_org,
            raw_items=[{"category": "invention", "amount": "50000", "jurisdiction": "ru"}],
        )
        assert 'data-testid="grant-pilot"' not in self.page(
            owner, f"/measures/applications/{application.pk}/"
        )


def test_measures_imports_nothing_of_pilots():
    """DESIGN.md: measures and pilots sit side by side; the link goes through measures' registry."""
    root = Path(__file__).resolve().parents[2] / "innocluster" / "measures"
    imports = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("innocluster.pilots"))
        or (isinstance(node, ast.Import) and any(a.name.startswith("innocluster.pilots") for a in node.names))
    ]
    assert imports == []
