import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field

from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.core.files import serve_private_file
from innocluster.organizations import selectors as organizations
from innocluster.partners import search
from innocluster.partners import services as orders
from innocluster.partners.models import FileAccessRequest, OrderFile
from innocluster.partners.search import log as search_log

search_router = Router(tags=["partner search"])
orders_router = Router(tags=["production orders"])


class SearchQuery(Schema):
    q: str = Field(
        ...,
        max_length=5000,
        description="free text in Russian or English (required; empty lists by the filters)",
    )
    region_code: str = Field("", pattern=r"^([0-9]{2})?$", description="two digits, e.g. `77`")
    okved: str = Field(
        "", pattern=r"^([0-9]{2}(\.[0-9]{1,2}){0,2})?$", description="an OKVED class, e.g. `25`"
    )
    sme_category: Literal["micro", "small", "medium", "large", ""] = ""
    participant: bool | None = None
    in_register: bool | None = None
    consortium: Id | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1000)


class HitOut(Schema):
    id: int
    short_name: str
    score: float
    highlight: str
    why: list[str]


class RelatedOut(Schema):
    id: int
    short_name: str
    score: float = Field(description="the closeness of meaning, 0 to 1")
    highlight: str


class SearchOut(Schema):
    total: int
    results: list[HitOut]
    corrected: dict[str, str]
    related: list[RelatedOut] = Field(
        description="when the words find fewer than 5, the profiles closest by meaning below them"
    )


def filters_from(query) -> search.Filters:
    # (the schema's patterns allow only ASCII digits; a code such as 25.62 filters by its class, 25)
    for name, value in (("region_code", query.region_code), ("okved", query.okved.split(".")[0])):
        if value and not (value.isascii() and value.isdigit()):
            raise InvalidInput(_("Enter digits, e.g. 77 for a region or 25 for an OKVED class."), field=name)
    if query.sme_category and query.sme_category not in ("micro", "small", "medium", "large"):
        raise InvalidInput(field="sme_category")
    return search.Filters(
        region=query.region_code,
        okved=query.okved.split(".")[0],
        sme=query.sme_category,
        participant=query.participant,
        in_register=query.in_register,
        consortium=query.consortium,
    )


@search_router.get("/search", response=answers({200: SearchOut}, 401), auth=anyone)
def search_organizations(request, query: Query[SearchQuery]):
    """Organisations by free text in Russian or English, best first; each hit with the matched
    words highlighted and why it ranked (text, name, meaning). Typos are corrected (`corrected`)."""
    filters = filters_from(query)
    result = search.search(query.q, filters=filters, limit=query.limit, offset=query.offset)
    if query.offset == 0:
        search_log.note_search(query.q, filters, result)
    return {
        "total": result.total,
        "results": [
            {
                "id": h.organization_id,
                "short_name": h.short_name,
                "score": h.score,
                "highlight": h.highlight,
                "why": h.why,
            }
            for h in result.hits
        ],
        "corrected": result.corrected,
        "related": [
            {"id": h.organization_id, "short_name": h.short_name, "score": h.score, "highlight": h.highlight}
            for h in result.related
        ],
    }


ProcessCode = Literal[
    "machining",
    "turning",
    "milling",
    "cnc",
    "casting",
    "sheet_metal",
    "3d_printing",
    "instrument_making",
    "electronics_assembly",
    "industrial_design",
]


class OrderIn(Schema):
    customer_id: Id
    title: str = Field(min_length=1, max_length=300)
    process: ProcessCode
    material: str = Field("", max_length=200)
    quantity: int = Field(ge=1, le=100_000_000)
    deadline: dt.date = Field(description="in the future")
    region_code: str = Field("", pattern=r"^([0-9]{2})?$", description="a preferred region")
    description: str = Field("", max_length=10000)


class QuoteIn(Schema):
    manufacturer_id: Id
    price: str | int = Field(description="rubles, more than zero, e.g. `150000.00`")
    lead_time_days: int = Field(ge=1, le=3650)
    comment: str = Field("", max_length=5000)


class OrderQuoteOut(Schema):
    id: int
    manufacturer_id: int
    manufacturer: str
    price: str
    lead_time_days: int
    comment: str
    status: Literal["submitted", "awarded", "not_chosen", "withdrawn"]


class OrderFileOut(Schema):
    id: int
    name: str
    url: str
    visibility: Literal["manufacturers", "admitted"]


class RestrictedFileOut(Schema):
    id: int
    access: Literal["ask", "requested", "declined"]


class AccessRequestOut(Schema):
    id: int
    file_id: int
    organization_id: int
    organization: str
    status: Literal["pending", "approved", "declined"]


class OrderBrief(Schema):
    id: int
    customer_id: int
    customer: str
    title: str
    process: str
    material: str
    quantity: int
    deadline: str
    region_code: str | None
    status: Literal["open", "awarded", "cancelled"]


class OrderOut(OrderBrief):
    description: str
    quotes: list[OrderQuoteOut]
    files: list[OrderFileOut] = Field(description="the files the caller may see")
    restricted_files: list[RestrictedFileOut] = Field(
        description="files the customer shows only to manufacturers it lets in: ask to see them"
    )
    access_requests: list[AccessRequestOut] | None = Field(None, description="the customer's people only")
    invited: list[int] | None = Field(None, description="the customer's people only")


@orders_router.post("", response=answers({201: OrderOut}, 401, 404), auth=signed_in)
def create_order(request, payload: OrderIn):
    """Post a production order; matching manufacturers are suggested and the best ones notified."""
    customer = organizations.get_organization_for(
        user=request.auth, pk=payload.customer_id, perm="organizations.act_for"
    )
    if customer is None:
        raise NotFound()
    order = orders.post_order(
        actor=request.auth, customer=customer, data=payload.dict(exclude={"customer_id"})
    )
    return 201, orders.order_out(order, request.auth)


@orders_router.get("", response=answers({200: list[OrderBrief]}, 401), auth=signed_in)
def list_orders(request):
    return [orders.order_out(o, request.auth, brief=True) for o in orders.open_orders()[:200]]


@orders_router.get(
    "/{order_id}", response=answers({200: OrderOut}, 401, 404), auth=signed_in, exclude_none=True
)
def read_order(request, order_id: Id):
    return orders.order_out(orders.get_order(order_id), request.auth)


@orders_router.post(
    "/{order_id}/quotes", response=answers({201: OrderQuoteOut}, 401, 404, 409), auth=signed_in
)
def quote(request, order_id: Id, payload: QuoteIn):
    manufacturer = organizations.get_organization_for(
        user=request.auth, pk=payload.manufacturer_id, perm="organizations.act_for"
    )
    if manufacturer is None:
        raise NotFound()
    created = orders.submit_quote(
        actor=request.auth,
        order=orders.get_order(order_id),
        manufacturer=manufacturer,
        price=payload.price,
        lead_time_days=payload.lead_time_days,
        comment=payload.comment,
    )
    return 201, orders.quote_out(created)


@orders_router.post(
    "/{order_id}/quotes/{quote_id}/award", response=answers({200: OrderOut}, 401, 404, 409), auth=signed_in
)
def award(request, order_id: Id, quote_id: Id):
    order = orders.award(actor=request.auth, order=orders.get_order(order_id), quote_id=quote_id)
    return orders.order_out(order, request.auth)


def _file_of(order_id: int, file_id: int) -> OrderFile:
    item = OrderFile.objects.select_related("order__customer").filter(pk=file_id, order_id=order_id).first()
    if item is None:
        raise NotFound()
    return item


@orders_router.get(
    "/{order_id}/files/{file_id}",
    response=answers({200: None}, 401, 404),
    auth=signed_in,
    openapi_extra={
        "responses": {200: {"description": "the file", "content": {"application/octet-stream": {}}}}
    },
)
def download_file(request, order_id: Id, file_id: Id):
    """A drawing, for those the customer shows it to (404 to everyone else); every view is audited."""
    item = _file_of(order_id, file_id)
    if not orders.may_see_file(request.auth, item):
        raise NotFound()
    orders.record_file_view(actor=request.auth, item=item)
    return serve_private_file(item.file, filename=item.original_name, content_type=item.content_type)


class VisibilityIn(Schema):
    visibility: Literal["manufacturers", "admitted"] = Field(
        description="`manufacturers`: anyone acting for a manufacturer; `admitted`: only those notified or let in"
    )


@orders_router.put(
    "/{order_id}/files/{file_id}/visibility", response=answers({200: OrderFileOut}, 401, 404), auth=signed_in
)
def file_visibility(request, order_id: Id, file_id: Id, payload: VisibilityIn):
    """The customer decides who sees the file."""
    item = orders.set_file_visibility(
        actor=request.auth, item=_file_of(order_id, file_id), visibility=payload.visibility
    )
    return {
        "id": item.pk,
        "name": item.original_name,
        "url": f"/api/v1/orders/{order_id}/files/{item.pk}",
        "visibility": item.visibility,
    }


class AccessIn(Schema):
    organization_id: Id = Field(description="the manufacturer you act for")


@orders_router.post(
    "/{order_id}/files/{file_id}/access-requests",
    response=answers({201: AccessRequestOut}, 401, 404, 409),
    auth=signed_in,
)
def ask_for_file(request, order_id: Id, file_id: Id, payload: AccessIn):
    """A manufacturer asks the customer to see a file it shows only to those it lets in."""
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    access = orders.request_file_access(
        actor=request.auth, item=_file_of(order_id, file_id), organization=organization
    )
    return 201, _access_out(access)


class AccessDecisionIn(Schema):
    approve: bool


@orders_router.post(
    "/{order_id}/access-requests/{request_id}/decision",
    response=answers({200: AccessRequestOut}, 401, 404, 409),
    auth=signed_in,
)
def decide_access(request, order_id: Id, request_id: Id, payload: AccessDecisionIn):
    """The customer lets the manufacturer see the file, or declines."""
    if not FileAccessRequest.objects.filter(pk=request_id, file__order_id=order_id).exists():
        raise NotFound()
    access = orders.decide_file_access(actor=request.auth, access_id=request_id, approve=payload.approve)
    return _access_out(access)


def _access_out(access) -> dict:
    return {
        "id": access.pk,
        "file_id": access.file_id,
        "organization_id": access.organization_id,
        "organization": access.organization.short_name,
        "status": access.status,
    }
