import datetime as dt
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from pydantic import Field

from innocluster.core.api_auth import anyone, holding, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.core.money import format_money
from innocluster.organizations import selectors as organizations
from innocluster.registry import selectors, services
from innocluster.registry.models import RegistryApplication, RegistryEntry
from innocluster.reviews import selectors as review_selectors
from innocluster.reviews import services as reviews
from innocluster.reviews.rules import is_supervisor

router = Router(tags=["registry"])


class RegistryApplicationIn(Schema):
    organization_id: Id
    category: Literal["startup", "high_tech"]
    revenue_last_year: str | int | None = Field(None, description="rubles, e.g. `12500000.00`")
    rnd_spending_last_year: str | int | None = Field(None, description="rubles")
    ip_objects: int | None = Field(None, ge=0, le=1_000_000)
    technology: str | None = Field(None, max_length=5000)
    novelty: str | None = Field(None, max_length=5000)
    draft: bool = False


class RegistryApplicationOut(Schema):
    id: int
    organization_id: int
    status: str
    submitted_on: dt.date | None
    review_due: dt.date | None
    decision_comment: str
    category: str
    revenue_last_year: str | None
    rnd_spending_last_year: str | None
    ip_objects: int | None
    technology: str
    novelty: str
    register_number: int | None


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "return"]
    comment: str = Field("", max_length=5000, description="required to reject or return")


class DecisionOut(Schema):
    id: int
    status: str


class EntryOut(Schema):
    number: int
    organization_id: int
    short_name: str
    category: str
    region_code: str
    included_on: dt.date
    excluded_on: dt.date | None


class RegisterOut(Schema):
    on: dt.date
    total: int
    results: list[EntryOut]


class RegisterQuery(Schema):
    on: dt.date | None = Field(None, description="the register as it stood that day (default today)")
    inn: str | None = Field(
        None, pattern=r"^[0-9]{10}([0-9]{2})?$", description="was this INN in the register"
    )
    q: str | None = Field(None, max_length=200)
    category: Literal["startup", "high_tech"] | None = None
    region_code: str | None = Field(None, pattern=r"^[0-9]{2}$")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)


class ExcludeIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)
    on: dt.date | None = None


def _application_out(application: RegistryApplication) -> dict:
    case = application.case
    entry = getattr(application, "entry", None)
    return {
        "id": application.pk,
        "organization_id": application.organization_id,
        "status": case.status,
        "submitted_on": case.submitted_on,
        "review_due": case.review_due,
        "decision_comment": case.decision_comment,
        "category": application.category,
        "revenue_last_year": format_money(application.revenue_last_year)
        if application.revenue_last_year is not None
        else None,
        "rnd_spending_last_year": format_money(application.rnd_spending_last_year)
        if application.rnd_spending_last_year is not None
        else None,
        "ip_objects": application.ip_objects,
        "technology": application.technology,
        "novelty": application.novelty,
        "register_number": entry.number if entry else None,
    }


def _entry_out(entry: RegistryEntry) -> dict:
    return {
        "number": entry.number,
        "organization_id": entry.organization_id,
        "short_name": entry.organization.short_name,
        "category": entry.category,
        "region_code": entry.organization.region_id,
        "included_on": entry.included_on,
        "excluded_on": entry.excluded_on,
    }


@router.get("", response=answers({200: RegisterOut}, 401), auth=anyone)
def register(request, query: Query[RegisterQuery]):
    """The register as it stood on `on` (default today). With `inn`: was that organisation in the
    register on that date (`total` 1 or 0)."""
    on = query.on or timezone.localdate()
    if query.inn is not None and not (query.inn.isascii() and query.inn.isdigit()):
        raise InvalidInput(field="inn")
    entries = selectors.register_on(
        on=on,
        q=query.q or "",
        category=query.category or "",
        region=query.region_code or "",
        inn=query.inn or "",
    )
    return {
        "on": on,
        "total": entries.count(),
        "results": [_entry_out(e) for e in entries[query.offset : query.offset + query.limit]],
    }


@router.post("/applications", response=answers({201: RegistryApplicationOut}, 401, 404, 409), auth=signed_in)
def apply(request, payload: RegistryApplicationIn):
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    data = payload.dict(exclude={"organization_id", "draft"}, exclude_none=True)
    application = services.apply_for_registry(
        actor=request.auth, organization=organization, data=data, draft=payload.draft
    )
    return 201, _application_out(application)


@router.get(
    "/applications/{application_id}",
    response=answers({200: RegistryApplicationOut}, 401, 404),
    auth=anyone,
)
def read(request, application_id: Id):
    application = review_selectors.application_to_read(RegistryApplication, request.auth, application_id)
    return _application_out(application)


@router.post(
    "/applications/{application_id}/decision",
    response=answers({200: DecisionOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def decide(request, application_id: Id, payload: DecisionIn):
    application = review_selectors.application_to_decide(RegistryApplication, request.auth, application_id)
    case = reviews.decide(application.case, payload.decision, actor=request.auth, comment=payload.comment)
    return {"id": application.pk, "status": case.status}


@router.post(
    "/entries/{number}/exclude",
    response=answers({200: EntryOut}, 401, 403, 404, 409),
    auth=holding(
        is_supervisor, gettext_lazy("Only coordinators exclude from the register."), strangers_404=True
    ),
)
def exclude(request, number: Id, payload: ExcludeIn):
    """Coordinators: end an entry from `on` (default today), with the reason."""
    entry = RegistryEntry.objects.select_related("organization").filter(number=number).first()
    if entry is None:
        raise NotFound()
    entry = services.exclude(actor=request.auth, entry=entry, reason=payload.reason, on=payload.on)
    return _entry_out(entry)
