import pytest
from django.core.management import call_command
from django.db import transaction

from innocluster.accounts.models import User
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.models import Participation
from innocluster.organizations.identifiers import validate_inn, validate_kpp, validate_ogrn
from innocluster.organizations.models import Organization, OrganizationPerson
from innocluster.registry.models import RegistryEntry
from innocluster.reviews.models import ReviewCase


def snapshot():
    return list(
        Organization.objects.order_by("inn").values_list(
            "inn", "ogrn", "short_name", "region_id", "okved_main_id"
        )
    )


class _Rollback(Exception):
    pass


def seeded_snapshot(seed: int, check=None) -> list:
    """What seeding an empty database with `seed` creates, after `check` has looked at it; then
    rolled back."""
    result = []
    try:
        with transaction.atomic():
            call_command("seed_demo", organizations=120, seed=seed, quiet=True)
            if check:
                check()
            result = snapshot()
            raise _Rollback
    except _Rollback:
        return result


@pytest.mark.django_db
def test_seed_demo_builds_a_valid_cluster_the_same_for_the_same_seed():
    # each seeding of 120 organisations with every app's part takes some 20 s: the first is
    # checked for validity as well
    first = seeded_snapshot(7, check=a_valid_cluster_of_120)
    assert len(first) == 120
    assert seeded_snapshot(7) == first
    assert seeded_snapshot(8) != first


def a_valid_cluster_of_120():
    organizations = list(Organization.objects.all())
    assert len(organizations) == 120
    for organization in organizations:
        validate_inn(organization.inn, kind=organization.kind)
        validate_ogrn(organization.ogrn, kind=organization.kind)
        if organization.kind == "legal_entity":
            validate_kpp(organization.kpp)
        assert organization.description_en and organization.capabilities
    moscow = sum(o.region_id == "77" for o in organizations)
    assert moscow > 120 * 0.4  # weighted to Moscow
    assert OrganizationPerson.objects.filter(role="owner").count() == 120
    for role in ("reviewer", "expert", "coordinator", "administrator"):
        local = role if role != "administrator" else "admin"
        assert User.objects.get(email=f"{local}@{DEMO_DOMAIN}").has_role(role)
    # and the apps' parts: participants, applications in every state, the register
    statuses = set(ReviewCase.objects.filter(kind="membership").values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "in_review", "returned", "rejected", "approved"}
    assert Participation.objects.count() >= 120 * 0.6
    assert RegistryEntry.objects.exists()


@pytest.mark.django_db
def test_seed_demo_appends_without_clashing():
    call_command("seed_demo", organizations=30, quiet=True)
    call_command("seed_demo", organizations=30, quiet=True)
    assert Organization.objects.count() == 60
