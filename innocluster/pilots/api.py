"""The pilot testing programme's API (SPEC C6): the catalogue of test sites, pilot requests, the
site's decision, the protocol, a pilot's card."""

from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from pydantic import Field

from innocluster.core.api_auth import anyone, holding, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.organizations import selectors as organizations
from innocluster.pilots import selectors, services

test_sites_router = Router(tags=["pilots"])
pilots_router = Router(tags=["pilots"])

Category = Literal[
    "healthcare",
    "social",
    "culture",
    "leisure",
    "education",
    "technopark",
    "housing_utilities",
    "transport",
    "other",
]
# what Criterion.target and ProtocolResult.value hold
Measure = Annotated[Decimal, Field(max_digits=18, decimal_places=4, allow_inf_nan=False)]


class TestSiteIn(Schema):
    __test__ = False

    organization_id: Id = Field(description="the site's organisation; its owners and managers represent it")
    name: str = Field(min_length=1, max_length=300)
    category: Category
    address: str = Field(min_length=1, max_length=500)
    district: str | None = Field(None, max_length=100)
    testable: str = Field(min_length=1, max_length=5000, description="what can be tested there")
    capacity: int = Field(ge=1, le=services.MAX_CAPACITY, description="pilots at once")
    contact_email: str = Field(min_length=3, max_length=254)


class TestSiteOut(Schema):
    __test__ = False

    id: int
    organization_id: int
    name: str
    category: str
    address: str
    district: str
    testable: str
    capacity: int
    contact_email: str


class TestSiteBrief(Schema):
    __test__ = False

    id: int
    name: str
    category: str
    organization_id: int
    district: str
    capacity: int
    acceptance_rate: float | None = Field(description="accepted, running and completed over decided requests")
    median_answer_days: float | None = Field(description="working days from the request to the decision")


class CatalogueQuery(Schema):
    # `?category=` (a form's "any" choice) is no filter, as an absent one
    category: Category | Literal[""] | None = None
    district: str = Field("", max_length=100)


class CriterionIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(max_length=50, description="required, as in the contract; may be empty")
    better: Literal["higher", "lower"]
    target: Measure


class PilotIn(Schema):
    organization_id: Id = Field(description="the company (a participant you act for)")
    site_id: Id
    product: str = Field(min_length=1, max_length=300)
    goals: str = Field(min_length=1, max_length=5000)
    starts_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    ends_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD, not before starts_on")
    criteria: list[CriterionIn] = Field(min_length=1, max_length=services.MAX_CRITERIA)


class PilotCreatedOut(Schema):
    id: int
    status: str
    answer_due: str


class DecisionIn(Schema):
    decision: Literal["accept", "decline"]
    comment: str = Field("", max_length=5000, description="required to decline: the reasons")


class StatusOut(Schema):
    id: int
    status: str


class ResultIn(Schema):
    criterion: str = Field(min_length=1, max_length=200, description="the criterion's name")
    value: Measure


class FeedbackIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field(max_length=2000, description="required, as in the contract; may be empty")


class ProtocolIn(Schema):
    results: list[ResultIn] = Field(max_length=services.MAX_CRITERIA, description="one per criterion")
    feedback: list[FeedbackIn] = Field(max_length=services.MAX_FEEDBACK, description="[] for none")
    conclusion: Literal["recommended", "needs_work", "not_recommended"]
    comment: str = Field(max_length=10000, description="required, as in the contract; may be empty")


class CriterionOut(Schema):
    name: str
    unit: str
    better: str
    target: str


class ResultOut(CriterionOut):
    value: str
    met: bool


class ProtocolOut(Schema):
    id: int = Field(description="the pilot")
    status: str
    version: int
    conclusion: str
    comment: str
    criteria: list[ResultOut]
    feedback_count: int
    average_rating: str | None = Field(description="half-up to two places; null without feedback")
    distribution: dict[str, int]


class ProtocolBrief(Schema):
    version: int
    conclusion: str
    comment: str
    criteria: list[ResultOut]
    feedback_count: int
    average_rating: str | None
    distribution: dict[str, int]


class PilotOut(Schema):
    id: int
    status: str
    organization_id: int
    site_id: int
    product: str
    goals: str
    starts_on: str
    ends_on: str
    requested_on: str
    answer_due: str
    decided_at: str | None
    decision_comment: str
    criteria: list[CriterionOut]
    protocol: ProtocolBrief | None = Field(description="the latest version")
    protocol_versions: list[int]


def number(value: Decimal) -> str:
    """A target or a value as typed: no trailing zeros, never an exponent."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def _site_out(site) -> dict:
    return {
        "id": site.pk,
        "organization_id": site.organization_id,
        "name": site.name,
        "category": site.category,
        "address": site.address,
        "district": site.district,
        "testable": site.testable,
        "capacity": site.capacity,
        "contact_email": site.contact_email,
    }


def _summary_out(summary: dict) -> dict:
    return {
        **summary,
        "criteria": [
            {**c, "target": number(c["target"]), "value": number(c["value"])} for c in summary["criteria"]
        ],
        "average_rating": f"{summary['average_rating']:.2f}"
        if summary["average_rating"] is not None
        else None,
    }


def _pilot_for(user, pk):
    pilot = selectors.get_pilot_for(user, pk)
    if pilot is None:
        raise NotFound()
    return pilot


@test_sites_router.post(
    "",
    response=answers({201: TestSiteOut}, 401, 403),
    auth=holding(
        lambda user: user.has_perm("pilots.create_site"), gettext_lazy("Only coordinators add test sites.")
    ),
)
def create_site(request, payload: TestSiteIn):
    """A coordinator adds a test site and names its organisation."""
    organization = organizations.get_visible_organization(pk=payload.organization_id)
    if organization is None:
        raise InvalidInput(_("No such organisation."), field="organization_id")
    site = services.create_site(
        actor=request.auth,
        organization=organization,
        name=payload.name,
        category=payload.category,
        address=payload.address,
        district=payload.district or "",
        testable=payload.testable,
        capacity=payload.capacity,
        contact_email=payload.contact_email,
    )
    return 201, _site_out(site)


@test_sites_router.get("", response=answers({200: list[TestSiteBrief]}, 401), auth=anyone)
def catalogue(request, query: Query[CatalogueQuery]):
    """The public catalogue, with each site's acceptance rate and median answer time."""
    return [
        {
            "id": s.pk,
            "name": s.name,
            "category": s.category,
            "organization_id": s.organization_id,
            "district": s.district,
            "capacity": s.capacity,
            **s.stats,
        }
        for s in selectors.catalogue(category=query.category or "", district=query.district)
    ]


@pilots_router.post("", response=answers({201: PilotCreatedOut}, 401, 404, 409), auth=signed_in)
def request_pilot(request, payload: PilotIn):
    """A participant company asks a site to pilot its product; the answer is due in 10 working days."""
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    site = selectors.get_site(payload.site_id)
    if site is None:
        raise InvalidInput(_("No such test site."), field="site_id")
    pilot = services.request_pilot(
        actor=request.auth,
        organization=organization,
        site=site,
        product=payload.product,
        goals=payload.goals,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        criteria=[c.dict() for c in payload.criteria],
    )
    return 201, {"id": pilot.pk, "status": pilot.status, "answer_due": pilot.answer_due.isoformat()}


@pilots_router.get("/{pilot_id}", response=answers({200: PilotOut}, 401, 404), auth=anyone)
def read(request, pilot_id: Id):
    """The company's people, the site organisation's people and the desk's staff see a pilot."""
    pilot = _pilot_for(request.auth, pilot_id)
    protocols = list(pilot.protocols.all())
    return {
        "id": pilot.pk,
        "status": pilot.status,
        "organization_id": pilot.organization_id,
        "site_id": pilot.site_id,
        "product": pilot.product,
        "goals": pilot.goals,
        "starts_on": pilot.starts_on.isoformat(),
        "ends_on": pilot.ends_on.isoformat(),
        "requested_on": pilot.requested_on.isoformat(),
        "answer_due": pilot.answer_due.isoformat(),
        "decided_at": pilot.decided_at.isoformat() if pilot.decided_at else None,
        "decision_comment": pilot.decision_comment,
        "criteria": [
            {"name": c.name, "unit": c.unit, "better": c.better, "target": number(c.target)}
            for c in pilot.criteria.all()
        ],
        "protocol": _summary_out(selectors.protocol_summary(protocols[0])) if protocols else None,
        "protocol_versions": sorted(p.version for p in protocols),
    }


@pilots_router.post(
    "/{pilot_id}/decision", response=answers({200: StatusOut}, 401, 403, 404, 409), auth=signed_in
)
def decide(request, pilot_id: Id, payload: DecisionIn):
    """The site's representatives accept or decline; `site_full` when the period has no place."""
    pilot = services.decide(
        actor=request.auth,
        pilot=_pilot_for(request.auth, pilot_id),
        decision=payload.decision,
        comment=payload.comment,
    )
    return {"id": pilot.pk, "status": pilot.status}


@pilots_router.post(
    "/{pilot_id}/protocol", response=answers({200: ProtocolOut}, 401, 403, 404, 409), auth=signed_in
)
def protocol(request, pilot_id: Id, payload: ProtocolIn):
    """The site's protocol of an accepted or running pilot (completing it), or its correction."""
    pilot = _pilot_for(request.auth, pilot_id)
    submitted = services.submit_protocol(
        actor=request.auth,
        pilot=pilot,
        results=[{"criterion": r.criterion, "value": r.value} for r in payload.results],
        feedback=[f.dict() for f in payload.feedback],
        conclusion=payload.conclusion,
        comment=payload.comment,
    )
    submitted.pilot.refresh_from_db(fields=["status"])
    return {
        "id": submitted.pilot_id,
        "status": submitted.pilot.status,
        **_summary_out(selectors.protocol_summary(submitted)),
    }
