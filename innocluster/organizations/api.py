import datetime as dt
from typing import Literal

from ninja import Query, Router
from pydantic import Field

from innocluster.core import audit
from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.api_schemas import Id, Inn, RegionCode, Schema, answers
from innocluster.core.errors import NotFound
from innocluster.organizations import selectors, services

router = Router(tags=["organizations"])


Okved = Field(
    pattern=r"^[0-9]{2}(\.[0-9]{1,2}){0,2}$",
    max_length=8,
    description="an OKVED class, e.g. `26`; a finer code such as `25.62` is "
    "recorded as its class (`25`), the level of the platform's reference data",
)


class OrganizationIn(Schema):
    kind: Literal["legal_entity", "sole_proprietor"]
    inn: Inn = Field(
        description="10 digits for a legal entity, 12 for a sole proprietor; check digits verified"
    )
    ogrn: str = Field(pattern=r"^[0-9]{13}([0-9]{2})?$", description="OGRN (13 digits) or OGRNIP (15)")
    kpp: str | None = Field(
        None,
        pattern=r"^([0-9]{4}[0-9A-Z]{2}[0-9]{3})?$",
        description="legal entities only; optional (absent or blank)",
    )
    full_name: str = Field(min_length=1, max_length=500)
    short_name: str = Field(min_length=1, max_length=200)
    region_code: RegionCode
    okved_main: str = Okved
    sme_category: Literal["micro", "small", "medium", "large"]
    okved_additional: list[str] = Field(default_factory=list, max_length=30)
    address: str | None = Field(None, max_length=500)
    year_founded: int | None = Field(None, ge=1800, le=2100)
    staff_count: int | None = Field(None, ge=0, le=10_000_000)
    website: str | None = Field(None, max_length=200, description="http:// or https://")
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    description_ru: str | None = Field(None, max_length=5000)
    description_en: str | None = Field(None, max_length=5000)
    capabilities: list[str] = Field(default_factory=list, max_length=50)
    products: list[str] = Field(default_factory=list, max_length=50)


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
    """The public profile plus what only its people, and staff with a reason, see."""

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


@router.post("", response=answers({201: OrganizationPrivate}, 401, 409), auth=signed_in)
def register_organization(request, payload: OrganizationIn):
    """Register an organisation; the caller becomes its owner."""
    organization = services.register_organization(actor=request.auth, data=payload.dict())
    organization = selectors.get_visible_organization(pk=organization.pk)
    return 201, _private(organization, request.auth)


class ReadQuery(Schema):
    reason: str = Field(
        "",
        max_length=300,
        description="staff without a case of this organisation assigned to them: why they read its "
        "private data (10+ characters; kept in the audit log)",
    )


@router.get(
    "/{org_id}", response=answers({200: OrganizationPrivate | OrganizationPublic}, 401, 404), auth=anyone
)
def read_organization(request, org_id: Id, query: Query[ReadQuery]):
    """The public profile; its people also get the private fields, and so do staff with a reason:
    a case of the organisation assigned to them, or `reason` (logged)."""
    organization = selectors.get_visible_organization(pk=org_id)
    if organization is None:
        raise NotFound()
    user = request.auth
    reason = selectors.private_access(user, organization, typed_reason=query.reason)
    if reason is None:
        return OrganizationPublic(**_public(organization))
    if reason:
        audit.record_personal_data_access(actor=user, obj=organization, reason=reason)
    return _private(organization, user)
