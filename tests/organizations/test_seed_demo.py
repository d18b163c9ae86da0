import pytest
from django.core.management import call_command

from innocluster.accounts.models import User
from innocluster.organizations.identifiers import validate_inn, validate_kpp, validate_ogrn
from innocluster.organizations.models import Organization, OrganizationPerson


def snapshot():
    return list(
        Organization.objects.order_by("inn").values_list(
            "inn", "ogrn", "short_name", "region_id", "okved_main_id"
        )
    )


@pytest.mark.django_db
def test_seed_demo_builds_a_valid_deterministic_cluster():
    call_command("seed_demo", organizations=120, seed=7, quiet=True)
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
        assert User.objects.get(email__startswith=role if role != "administrator" else "admin").has_role(role)
    first = snapshot()

    Organization.objects.all().delete()
    call_command("seed_demo", organizations=120, seed=7, quiet=True)
    assert snapshot() == first
    Organization.objects.all().delete()
    call_command("seed_demo", organizations=120, seed=8, quiet=True)
    assert snapshot() != first


@pytest.mark.django_db
def test_seed_demo_appends_without_clashing():
    call_command("seed_demo", organizations=30, quiet=True)
    call_command("seed_demo", organizations=30, quiet=True)
    assert Organization.objects.count() == 60
