import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.consortia import selectors, services
from innocluster.consortia.models import Consortium, ConsortiumInvitation, ConsortiumMember, ProjectRole
from innocluster.core.errors import Conflict, InvalidInput, NotFound
from innocluster.core.models import Notification
from innocluster.organizations.models import OrganizationPerson
from innocluster.partners import search
from tests import factories

PROJECT = {"title": "Отечественный силовой модуль", "description": "От кристалла до инвертора"}


def participants(n, **extra):
    """n participant organisations, each with its owner."""
    result = []
    for _ in range(n):
        owner = factories.person()
        organization = factories.organization(owner=owner, **extra)
        factories.participant(organization)
        result.append((organization, owner))
    return result


@pytest.fixture
def coordinator_org(organization):
    factories.participant(organization)
    return organization


@pytest.fixture
def forming(api, coordinator_org, owner):
    body = {
        "coordinator_id": coordinator_org.pk,
        "name": "Зеленоградский кластер микроэлектроники",
        "description": "Полный цикл: от проектирования микросхем до серийного выпуска модулей.",
        "areas": ["26", "микроэлектроника"],
        "projects": [PROJECT],
    }
    response = api.as_(owner).post("/consortia", body)
    assert response.status_code == 201 and response.json()["status"] == "draft"
    return Consortium.objects.get(pk=response.json()["id"])


def invite_and_accept(api, owner, consortium, members, role="member"):
    for organization, member_owner in members:
        invitation = api.as_(owner).post(
            f"/consortia/{consortium.pk}/invitations", {"organization_id": organization.pk, "as": role}
        )
        assert invitation.status_code == 201, invitation.json()
        accepted = api.as_(member_owner).post(f"/consortium-invitations/{invitation.json()['id']}/accept")
        assert accepted.json() == {"id": invitation.json()["id"], "status": "accepted"}


@pytest.mark.django_db
class TestFormingAndSubmitting:
    def test_coordinator_is_the_first_member(self, api, forming, coordinator_org, owner):
        body = api.as_(owner).get(f"/consortia/{forming.pk}").json()
        assert body["members"] == [
            {
                "organization_id": coordinator_org.pk,
                "role": "coordinator",
                "short_name": coordinator_org.short_name,
            }
        ]
        assert body["status"] == "draft"

    def test_29_participants_are_refused_and_30_accepted(self, api, forming, owner):
        invite_and_accept(api, owner, forming, participants(28))
        response = api.as_(owner).post(f"/consortia/{forming.pk}/submit")
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "rules_unmet"
        (unmet,) = body["details"]["unmet"]  # only the count is short
        assert "30" in unmet and "29" in unmet
        invite_and_accept(api, owner, forming, participants(1))
        with time_machine.travel("2025-02-03 10:00 +03:00", tick=False):
            response = api.as_(owner).post(f"/consortia/{forming.pk}/submit")
        assert response.json() == {"id": forming.pk, "status": "submitted", "review_due": "2025-02-17"}

    def test_every_unmet_rule_is_listed(self, api, coordinator_org, owner):
        body = {
            "coordinator_id": coordinator_org.pk,
            "name": "Пустой",
            "description": "—",
            "areas": [],
            "projects": [],
        }
        consortium_id = api.as_(owner).post("/consortia", body).json()["id"]
        unmet = api.as_(owner).post(f"/consortia/{consortium_id}/submit").json()["details"]["unmet"]
        assert len(unmet) == 3

    def test_a_partner_never_counts(self, api, forming, owner):
        invite_and_accept(api, owner, forming, participants(28))
        outsider_owner = factories.person()
        outsider = factories.organization(owner=outsider_owner)  # not a participant
        invite_and_accept(api, owner, forming, [(outsider, outsider_owner)], role="partner")
        assert (
            services.progress(forming)["participants"] == 29 and services.progress(forming)["partners"] == 1
        )
        assert api.as_(owner).post(f"/consortia/{forming.pk}/submit").status_code == 422

    def test_a_non_participant_cannot_be_a_member(self, api, forming, owner):
        outsider = factories.organization()
        response = api.as_(owner).post(
            f"/consortia/{forming.pk}/invitations", {"organization_id": outsider.pk, "as": "member"}
        )
        # 409, as every not_participant (the guide lists it there), still naming the field
        assert response.status_code == 409 and response.json()["code"] == "not_participant"
        assert response.json()["details"] == {"field": "organization_id"}

    def test_only_participants_start_one(self, api, organization, owner):
        body = {
            "coordinator_id": organization.pk,
            "name": "X",
            "description": "Y",
            "areas": ["26"],
            "projects": [PROJECT],
        }
        assert api.as_(owner).post("/consortia", body).status_code == 409

    def test_approval_makes_it_public(self, api, forming, owner):
        invite_and_accept(api, owner, forming, participants(29))
        api.as_(owner).post(f"/consortia/{forming.pk}/submit")
        assert api.get(f"/consortia/{forming.pk}").status_code == 404  # not public while forming
        coordinator = factories.staff("coordinator")
        assert (
            api.as_(coordinator)
            .post(f"/consortia/{forming.pk}/decision", {"decision": "approve"})
            .json()["status"]
            == "approved"
        )
        public = api.get(f"/consortia/{forming.pk}").json()
        assert public["status"] == "approved" and len(public["members"]) == 30
        assert forming.pk in [c["id"] for c in api.get("/consortia").json()]


@pytest.mark.django_db
class TestInvitations:
    def test_only_the_invited_organisations_owner_or_manager_accepts(self, api, forming, owner, stranger):
        ((invited, invited_owner),) = participants(1)
        member = factories.person()
        OrganizationPerson.objects.create(organization=invited, person=member, role="member")
        invitation_id = (
            api.as_(owner)
            .post(f"/consortia/{forming.pk}/invitations", {"organization_id": invited.pk, "as": "member"})
            .json()["id"]
        )
        for person in (stranger, member, owner):
            assert api.as_(person).post(f"/consortium-invitations/{invitation_id}/accept").status_code == 404
        assert ConsortiumInvitation.objects.get(pk=invitation_id).status == "pending"
        assert Notification.objects.filter(recipient=invited_owner, kind="consortium.invitation").exists()

    def test_a_second_acceptance_changes_nothing(self, api, forming, owner):
        ((invited, invited_owner),) = participants(1)
        invitation_id = (
            api.as_(owner)
            .post(f"/consortia/{forming.pk}/invitations", {"organization_id": invited.pk, "as": "member"})
            .json()["id"]
        )
        first = api.as_(invited_owner).post(f"/consortium-invitations/{invitation_id}/accept")
        second = api.as_(invited_owner).post(f"/consortium-invitations/{invitation_id}/accept")
        assert first.json() == second.json() == {"id": invitation_id, "status": "accepted"}
        assert ConsortiumMember.objects.filter(consortium=forming, organization=invited).count() == 1
        declined = api.as_(invited_owner).post(f"/consortium-invitations/{invitation_id}/decline")
        assert declined.status_code == 409

    def test_invitations_expire_after_30_days(self, forming, owner):
        ((invited, invited_owner),) = participants(1)
        invitation = services.invite(actor=owner, consortium=forming, organization=invited, role="member")
        assert (invitation.expires_at - timezone.now()).days in (29, 30)
        ConsortiumInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
        with pytest.raises(Conflict) as exc:
            services.accept_invitation(actor=invited_owner, invitation_id=invitation.pk)
        assert exc.value.code == "invitation_expired"

    def test_its_areas_read_as_okved_classes_with_their_names(self, forming, owner):
        # they read "26" alone
        client = Client(headers={"accept-language": "ru"})
        factories.sign_in(client, owner)
        page = client.get(f"/consortia/{forming.pk}/").content.decode()
        assert "<span>26 Производство компьютеров, электронных и оптических изделий</span>" in page
        assert "<span>микроэлектроника</span>" in page  # a technology as it was written

    def test_strangers_cannot_invite_or_see_a_forming_consortium(self, api, forming, stranger):
        ((invited, _owner),) = participants(1)
        assert (
            api.as_(stranger)
            .post(f"/consortia/{forming.pk}/invitations", {"organization_id": invited.pk, "as": "member"})
            .status_code
            == 404
        )
        assert api.as_(stranger).get(f"/consortia/{forming.pk}").status_code == 404
        client = Client()
        factories.sign_in(client, stranger)
        assert client.get(f"/consortia/{forming.pk}/").status_code == 404


@pytest.mark.django_db
class TestActiveConsortium:
    @pytest.fixture
    def active(self, api, forming, owner):
        members = participants(29)
        invite_and_accept(api, owner, forming, members)
        services.submit_consortium(actor=owner, consortium=forming)
        api.as_(factories.staff("coordinator")).post(
            f"/consortia/{forming.pk}/decision", {"decision": "approve"}
        )
        forming.refresh_from_db()
        forming.case.refresh_from_db()
        return forming, members

    def test_a_request_to_join_from_the_page_carries_a_message_and_shows_it_waits(self, active):
        consortium, _members = active
        ((joiner, joiner_owner),) = participants(1)
        client = Client(headers={"accept-language": "ru"})
        factories.sign_in(client, joiner_owner)
        client.post(
            f"/consortia/{consortium.pk}/join/",
            {"organization_id": joiner.pk, "message": "Делаем корпуса для модулей."},
        )
        assert consortium.join_requests.get().message == "Делаем корпуса для модулей."
        page = client.get(f"/consortia/{consortium.pk}/").content.decode()
        # the page kept offering the same button, and a second press said "already waits"
        assert 'data-testid="join-pending"' in page and "ждёт ответа координатора" in page
        assert f'name="organization_id" value="{joiner.pk}"' not in page

    def test_leaving_below_30_flags_it(self, api, active):
        consortium, members = active
        organization, member_owner = members[0]
        coordinator_staff = factories.staff("coordinator")
        body = (
            api.as_(member_owner)
            .post(f"/consortia/{consortium.pk}/leave", {"organization_id": organization.pk})
            .json()
        )
        assert body["below_minimum"] is True and body["participants"] == 29
        assert Notification.objects.filter(
            recipient=coordinator_staff, kind="consortium.below_minimum"
        ).exists()
        assert 'data-testid="below-minimum"' in Client().get(f"/consortia/{consortium.pk}/").content.decode()
        # a participant asks to join, the coordinator admits: the flag goes
        ((joiner, joiner_owner),) = participants(1)
        request_id = (
            api.as_(joiner_owner)
            .post(f"/consortia/{consortium.pk}/join-requests", {"organization_id": joiner.pk})
            .json()["id"]
        )
        consortium_owner = consortium.coordinator.people.get(role="owner").person
        assert (
            api.as_(consortium_owner).post(f"/consortia/join-requests/{request_id}/admit").json()["status"]
            == "admitted"
        )
        consortium.refresh_from_db()
        assert consortium.below_minimum_since is None

    def test_the_coordinator_cannot_leave(self, active, owner):
        consortium, _ = active
        with pytest.raises(Conflict):
            services.leave(actor=owner, consortium=consortium, organization=consortium.coordinator)

    def test_chain_roles_only_for_members_and_partners(self, api, active, owner):
        consortium, members = active
        project = consortium.projects.get()
        outsider = factories.organization()
        response = api.as_(owner).post(
            f"/consortia/projects/{project.pk}/roles", {"kind": "developer", "organization_id": outsider.pk}
        )
        assert response.status_code == 403
        for kind, (organization, _) in zip(
            ["developer", "materials_supplier", "testing"], members, strict=False
        ):
            assert (
                api.as_(owner)
                .post(
                    f"/consortia/projects/{project.pk}/roles",
                    {"kind": kind, "organization_id": organization.pk},
                )
                .status_code
                == 201
            )
        chain = api.get(f"/consortia/{consortium.pk}").json()["projects"][0]["chain"]
        assert [link["kind"] for link in chain] == ["developer", "materials_supplier", "testing"]
        page = Client().get(f"/consortia/{consortium.pk}/").content.decode()
        assert f'data-testid="chain-{project.pk}"' in page and members[0][0].short_name in page


@pytest.mark.django_db
class TestSuggestions:
    def test_never_current_members_and_an_obvious_fit_first(self, api, forming, owner):
        fit_owner = factories.person()
        fit = factories.organization(
            owner=fit_owner, okved_main="26", capabilities=["микроэлектроника", "проектирование СБИС"]
        )
        factories.participant(fit)
        unrelated = factories.organization(
            okved_main="10", capabilities=["хлебопечение"], description_ru="Пекарня", description_en="Bakery"
        )
        factories.participant(unrelated)
        member, member_owner = participants(1, okved_main="26", capabilities=["микроэлектроника"])[0]
        invite_and_accept(api, owner, forming, [(member, member_owner)])
        search.index_all()  # what the workers do after each profile change
        found = api.as_(owner).get(f"/consortia/{forming.pk}/suggestions").json()
        ids = [s["organization_id"] for s in found]
        assert ids[0] == fit.pk
        assert any("микроэлектроника" in why for why in found[0]["why"])
        assert member.pk not in ids and forming.coordinator_id not in ids and unrelated.pk not in ids

    def test_role_suggestions(self, forming):
        maker = factories.organization(
            okved_main="28", capabilities=["станки с ЧПУ", "оборудование для литья"]
        )
        factories.participant(maker)
        found = selectors.suggestions(forming, role_kind="equipment_maker")
        assert found[0]["organization"] == maker

    def test_an_open_role_on_the_page_names_its_candidates(self, forming, owner):
        # the page offered only the members' select; the candidates were in the API alone
        maker = factories.organization(
            okved_main="28", capabilities=["станки с ЧПУ", "оборудование для литья"]
        )
        factories.participant(maker)
        project = forming.projects.first()
        role = ProjectRole.objects.create(project=project, kind="equipment_maker")
        client = Client()
        factories.sign_in(client, owner)
        page = client.get(f"/consortia/{forming.pk}/").content.decode()
        candidates = page.split(f'data-testid="candidates-{role.pk}"')[1].split("</div>")[0]
        assert maker.short_name in candidates and f'name="organization" value="{maker.pk}"' in candidates
        # to anyone else the page shows the chain, not who could fill it
        assert 'data-testid="candidates-' not in Client().get(f"/consortia/{forming.pk}/").content.decode()


@pytest.mark.django_db
def test_list_queries_do_not_grow(api, coordinator_org, owner):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/consortia/").status_code == 200
        return len(captured)

    def approved_one():
        ((organization, organization_owner),) = participants(1)
        consortium = services.create_consortium(
            actor=organization_owner,
            coordinator=organization,
            name="К",
            description="Д",
            areas=["26"],
            projects=[PROJECT],
        )
        from innocluster.reviews.models import ReviewCase

        ReviewCase.objects.filter(pk=consortium.case_id).update(status="approved")

    approved_one()
    one = queries()
    approved_one()
    approved_one()
    assert queries() == one


@pytest.mark.django_db
def test_bad_input_is_4xx(api, coordinator_org, owner):
    for body in (
        {
            "coordinator_id": coordinator_org.pk,
            "name": "x" * 2000,
            "description": "d",
            "areas": [],
            "projects": [],
        },
        {
            "coordinator_id": coordinator_org.pk,
            "name": "a\x00b",
            "description": "d",
            "areas": [],
            "projects": [],
        },
        {"coordinator_id": "abc", "name": "n", "description": "d"},
        {"coordinator_id": coordinator_org.pk, "name": "n", "description": "d", "areas": "26"},
    ):
        assert 400 <= api.as_(owner).post("/consortia", body).status_code < 500
    with pytest.raises(NotFound):
        services.create_consortium(
            actor=factories.person(),
            coordinator=coordinator_org,
            name="n",
            description="d",
            areas=[],
            projects=[],
        )
    with pytest.raises(InvalidInput):
        services.create_consortium(
            actor=owner, coordinator=coordinator_org, name="", description="d", areas=[], projects=[]
        )


@pytest.mark.django_db
def test_suggestions_without_an_index_fall_back_to_overlap(forming):
    fit = factories.organization(okved_main="26", capabilities=["микроэлектроника"])
    factories.participant(fit)  # nothing indexed: the OKVED and capability overlap answers
    found = selectors.suggestions(forming)
    assert found[0]["organization"] == fit and "ОКВЭД 26" in found[0]["reasons"]


@pytest.mark.django_db
def test_the_creation_form_names_every_refused_field_at_once(coordinator_org, owner):
    """A 319-character name said "At most 300 characters (you entered 319)." with no field named,
    and the missing description only on the next submission."""
    from django.test import Client

    client = Client()
    factories.sign_in(client, owner)
    client.cookies["django_language"] = "en"
    page = client.post(
        "/consortia/new/",
        {"coordinator_id": coordinator_org.pk, "name": "Я" * 319, "description": "", "project_title": ""},
    ).content.decode()
    summary = page.split('data-testid="create-error"')[1].split("</div>")[0]
    assert 'href="#id_name">Name — At most 300 characters (you entered 319).' in summary
    assert 'href="#id_description">Description — ' in summary
    assert 'id="id_name" aria-invalid="true"' in page and "Я" * 319 in page
    assert not Consortium.objects.exists()
