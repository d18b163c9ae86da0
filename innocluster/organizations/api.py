import datetime as dt

from ninja import Router, Schema

from innocluster.core import audit
from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.errors import NotFound
from innocluster.organizations import selectors, services

router = Router(tags=["organizations"])


class OrganizationIn(Schema):
    kind: str
    inn: str
    ogrn: str
    kpp: str | None = None
    full_name: str
    short_name: str
    region_code: str
    okved_main: str
    sme_category: str
    okved_additional: list[str] = []
    address: str | None = None
    year_founded: int | None = None
    staff_count: int | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    capabilities: list[str] = []
    products: list[str] = []


class OrganizationPublic(Schema):
    id: int
    kind: str
    full_name: str
    short_name: str
    region_code: str
    region_name: str
    okved_main: str
    okved_additional: list[str]
    sme_category: str
    year_founded: int | None
    website: str
    description_ru: str
    description_en: str
    capabilities: list[str]
    products: list[str]
    created_on: dt.date


class OrganizationPrivate(OrganizationPublic):
    inn: str
    ogrn: str
    kpp: str
    address: str
    staff_count: int | None
    email: str
    phone: str
    my_role: str | None


def _public(organization) -> dict:
    return {
        "id": organization.pk,
        "kind": organization.kind,
        "full_name": organization.full_name,
        "short_name": organization.short_name,
        "region_code": organization.region_id,
        "region_name": organization.region.name,
        "okved_main": organization.okved_main_id,
        "okved_additional": [o.code for o in organization.okved_additional.all()],
        "sme_category": organization.sme_category,
        "year_founded": organization.year_founded,
        "website": organization.website,
        "description_ru": organization.description_ru,
        "description_en": organization.description_en,
        "capabilities": organization.capabilities,
        "products": organization.products,
        "created_on": organization.created_at.date(),
    }


def _private(organization, user) -> dict:
    from innocluster.organizations.rules import role_of

    return {
        **_public(organization),
        "inn": organization.inn,
        "ogrn": organization.ogrn,
        "kpp": organization.kpp,
        "address": organization.address,
        "staff_count": organization.staff_count,
        "email": organization.email,
        "phone": organization.phone,
        "my_role": role_of(user, organization),
    }


@router.post("", response={201: OrganizationPrivate}, auth=signed_in)
def register_organization(request, payload: OrganizationIn):
    """Register an organisation; the caller becomes its owner."""
    organization = services.register_organization(actor=request.auth, data=payload.dict())
    organization = selectors.get_visible_organization(pk=organization.pk)
    return 201, _private(organization, request.auth)


@router.get("/{org_id}", response={200: OrganizationPrivate | OrganizationPublic}, auth=anyone)
def read_organization(request, org_id: int):
    """The public profile; its people and staff also get the private fields."""
    organization = selectors.get_visible_organization(pk=org_id)
    if organization is None:
        raise NotFound()
    user = request.auth
    if user.is_authenticated and user.has_perm("organizations.view_private", organization):
        audit.record_personal_data_access(actor=user, obj=organization, reason="api.organization.read")
        return _private(organization, user)
    return OrganizationPublic(**_public(organization))
