import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.core.models import AuditEvent, Notification
from innocluster.organizations import services
from innocluster.organizations.models import Invitation, OrganizationPerson
from tests import factories


def invitation_path(message) -> str:
    return re.search(r"/organizations/invitations/[^\s/]+/", message.body).group(0)


@pytest.mark.django_db(transaction=True)
def test_an_invitation_is_accepted_outside_a_tests_transaction():
    """As on a real server, where a request has no transaction around it: the acceptance locks
    the invitation inside its own (a 500 once its decorator moved to another function)."""
    owner = factories.person(email="own@example.org")
    organization = factories.organization(owner=owner)
    colleague = factories.person(email="colleague@example.org")
    _, token = services.invite_person(
        actor=owner, organization=organization, email="colleague@example.org", role="member"
    )
    client = Client()
    factories.sign_in(client, colleague)
    response = client.post(f"/organizations/invitations/{token}/")
    assert response.status_code == 302
    assert OrganizationPerson.objects.get(organization=organization, person=colleague).role == "member"


@pytest.mark.django_db
class TestInvitations:
    def test_owner_invites_a_colleague_as_manager(
        self, organization, owner, django_capture_on_commit_callbacks
    ):
        colleague = factories.person(email="colleague@example.org")
        client = Client()
        factories.sign_in(client, owner)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/organizations/{organization.pk}/people/",
                {"email": "Colleague@example.org", "role": "manager"},
            )
        assert response.status_code == 302
        assert mail.outbox[-1].to == ["colleague@example.org"]
        path = invitation_path(mail.outbox[-1])

        other = Client()
        factories.sign_in(other, colleague)
        other.cookies["django_language"] = "en"
        # the page says who invites, to which organisation, as what and until when
        page = other.get(path).content.decode()
        expected = f"{owner.full_name} invites you to {organization.short_name} as its manager."
        assert expected in page.replace("&quot;", '"').replace("&#x27;", "'") and "valid until" in page
        # to anyone else the link tells nothing
        nosy = Client()
        factories.sign_in(nosy, factories.person())
        assert (
            nosy.get(path).status_code == 404
            and organization.short_name not in nosy.get(path).content.decode()
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert other.post(path).status_code == 302
        link = OrganizationPerson.objects.get(organization=organization, person=colleague)
        assert link.role == "manager"
        assert colleague.has_perm("organizations.edit_profile", organization)
        assert not colleague.has_perm("organizations.manage_people", organization)
        assert Notification.objects.filter(recipient=owner, kind="organization.person_joined").exists()
        assert AuditEvent.objects.filter(action="organization.person_joined", actor=colleague).exists()

        # the link works once
        assert other.post(path).status_code == 409

    def test_the_invitation_speaks_the_invitees_language(
        self, organization, owner, django_capture_on_commit_callbacks
    ):
        # an English-speaking colleague invited from a Russian page got a Russian e-mail
        factories.person(email="colleague@example.org", language="en")
        client = Client()
        factories.sign_in(client, owner)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/organizations/{organization.pk}/people/",
                {"email": "colleague@example.org", "role": "member"},
            )
            client.post(
                f"/organizations/{organization.pk}/people/", {"email": "new@example.org", "role": "member"}
            )
        to_colleague, to_new = mail.outbox[-2:]
        assert to_colleague.subject == f"Invitation to {organization.short_name} on InnoCluster"
        assert to_new.subject == f"Приглашение в {organization.short_name} на InnoCluster"

    def test_the_owner_withdraws_a_pending_invitation_and_its_link_stops(self, organization, owner, stranger):
        colleague = factories.person(email="typo@example.org")
        invitation, token = services.invite_person(
            actor=owner, organization=organization, email="typo@example.org", role="owner"
        )
        client = Client()
        factories.sign_in(client, owner)
        page = client.get(f"/organizations/{organization.pk}/people/").content.decode()
        assert f"/organizations/{organization.pk}/invitations/{invitation.pk}/withdraw/" in page
        response = client.post(f"/organizations/{organization.pk}/invitations/{invitation.pk}/withdraw/")
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.status == "revoked"
        assert AuditEvent.objects.filter(action="organization.invitation_withdrawn", actor=owner).exists()
        with pytest.raises(Conflict):
            services.accept_invitation(actor=colleague, token=token)
        listed = client.get(f"/organizations/{organization.pk}/people/").content.decode()
        assert 'data-testid="withdraw-invitation"' not in listed  # no pending invitation is left
        # nobody else withdraws it
        other, _ = services.invite_person(
            actor=owner, organization=organization, email="x@example.org", role="member"
        )
        with pytest.raises(NotFound):
            services.withdraw_invitation(actor=stranger, organization=organization, invitation_id=other.pk)

    def test_someone_else_cannot_use_the_link(self, organization, owner, stranger):
        _, token = services.invite_person(
            actor=owner, organization=organization, email="right@example.org", role="member"
        )
        with pytest.raises(NotFound):
            services.accept_invitation(actor=stranger, token=token)
        assert not OrganizationPerson.objects.filter(person=stranger).exists()

    def test_unconfirmed_address_cannot_accept(self, organization, owner):
        squatter = factories.person(email="target@example.org", confirmed=False)
        _, token = services.invite_person(
            actor=owner, organization=organization, email="target@example.org", role="owner"
        )
        with pytest.raises(PermissionDenied):
            services.accept_invitation(actor=squatter, token=token)

    def test_expired_invitation_is_refused(self, organization, owner):
        invited = factories.person(email="late@example.org")
        invitation, token = services.invite_person(
            actor=owner, organization=organization, email="late@example.org", role="member"
        )
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
        with pytest.raises(Conflict) as exc:
            services.accept_invitation(actor=invited, token=token)
        assert exc.value.code == "invitation_expired"

    def test_a_new_invitation_revokes_the_old_one(self, organization, owner):
        invited = factories.person(email="twice@example.org")
        _, old = services.invite_person(
            actor=owner, organization=organization, email="twice@example.org", role="member"
        )
        _, new = services.invite_person(
            actor=owner, organization=organization, email="twice@example.org", role="manager"
        )
        with pytest.raises(Conflict):
            services.accept_invitation(actor=invited, token=old)
        assert services.accept_invitation(actor=invited, token=new).role == "manager"

    def test_manager_cannot_invite(self, organization):
        manager = factories.person()
        OrganizationPerson.objects.create(organization=organization, person=manager, role="manager")
        with pytest.raises(NotFound):
            services.invite_person(
                actor=manager, organization=organization, email="x@example.org", role="owner"
            )


@pytest.mark.django_db
class TestRoles:
    def test_last_owner_cannot_leave(self, organization, owner):
        with pytest.raises(Conflict):
            services.change_role(actor=owner, organization=organization, person_id=owner.pk, role="member")
        with pytest.raises(Conflict):
            services.change_role(actor=owner, organization=organization, person_id=owner.pk, role=None)
        assert OrganizationPerson.objects.get(person=owner).role == "owner"

    def test_owner_removes_a_member(self, organization, owner):
        member = factories.person()
        OrganizationPerson.objects.create(organization=organization, person=member, role="member")
        services.change_role(actor=owner, organization=organization, person_id=member.pk, role=None)
        assert not OrganizationPerson.objects.filter(person=member).exists()
        assert AuditEvent.objects.get(action="organization.role_changed").to_state == "removed"
