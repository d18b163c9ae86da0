"""Production orders (the "prototype factory"): a customer posts an order, the platform suggests
matching manufacturers through partner search and notifies the best ones, manufacturers quote,
the customer compares and awards one. Industrial designers are found the same way."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound, Refusals
from innocluster.core.money import AmountError, to_money
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.core.uploads import DRAWINGS, check_upload
from innocluster.organizations.enums import OrganizationRole
from innocluster.organizations.models import Region
from innocluster.organizations.selectors import people_in_roles
from innocluster.partners import search
from innocluster.partners.error_codes import PartnerErrorCode
from innocluster.partners.models import (
    AccessStatus,
    FileAccessRequest,
    FileVisibility,
    OrderFile,
    OrderQuote,
    OrderStatus,
    Process,
    ProductionOrder,
    QuoteStatus,
)

NOTIFY_BEST = 5
PROCESS_WORDS = {
    "machining": "механическая обработка machining",
    "turning": "токарная обработка turning",
    "milling": "фрезерная обработка milling",
    "cnc": "обработка на станках с ЧПУ CNC machining",
    "casting": "литьё casting",
    "sheet_metal": "лазерная резка и гибка листового металла sheet metal",
    "3d_printing": "3D-печать аддитивное производство 3D printing",
    "instrument_making": "приборостроение instrument making",
    "electronics_assembly": "монтаж и сборка электроники SMD electronics assembly",
    "industrial_design": "промышленный дизайн industrial design",
}


def get_order(pk) -> ProductionOrder:
    try:
        return ProductionOrder.objects.select_related("customer", "region").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, ProductionOrder.DoesNotExist) as exc:
        raise NotFound() from exc


def open_orders():
    return (
        ProductionOrder.objects.filter(status=OrderStatus.OPEN)
        .select_related("customer", "region")
        .order_by("-created_at")
    )


def suggest_manufacturers(order: ProductionOrder, *, limit: int = 10) -> list[search.Hit]:
    """Partner search with the order's process, material and text; the preferred region first."""
    query = " ".join([PROCESS_WORDS.get(order.process, ""), order.material, order.title])
    hits: list[search.Hit] = []
    if order.region_id:
        hits = search.search(
            query, filters=search.Filters(region=order.region_id, exclude=(order.customer_id,)), limit=limit
        ).hits
    seen = {h.organization_id for h in hits}
    if len(hits) < limit:
        more = search.search(
            query, filters=search.Filters(exclude=(order.customer_id, *seen)), limit=limit - len(hits)
        ).hits
        hits += more
    return hits


def _process(value):
    if value not in Process.values:
        raise InvalidInput(_("Choose a process from the list."), field="process")
    return value


def _deadline(value) -> dt.date:
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise InvalidInput(_("Enter the date as YYYY-MM-DD."), field="deadline") from exc
    if value <= timezone.localdate():
        raise InvalidInput(_("The deadline must be in the future."), field="deadline")
    return value


def _quantity(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        text = str(value or "").strip()
        if not (text.isascii() and text.isdigit()):
            raise InvalidInput(_("Enter a whole number from 1."), field="quantity")
        value = int(text)
    if not 1 <= value <= 100_000_000:
        raise InvalidInput(_("Enter a whole number from 1."), field="quantity")
    return value


def _region(value):
    if not value:
        return None
    region = Region.objects.filter(code=str(value)[:2]).first()
    if region is None:
        raise InvalidInput(_("Choose a region from the list."), field="region_code")
    return region


def clean_order(data: dict) -> dict:
    """An order's fields checked, each on its own: the values, or one InvalidInput naming every
    refused field at once (`details.fields`, field → message; `field` the first)."""
    checks = {
        "title": lambda v: clean_text(v, field="title", max_length=300, required=True),
        "process": _process,
        "material": lambda v: clean_text(v, field="material", max_length=200),
        "quantity": _quantity,
        "deadline": _deadline,
        "region_code": _region,
        "description": lambda v: clean_text(v, field="description", max_length=10000),
    }
    cleaned, refusals = {}, Refusals()
    for field, check in checks.items():
        with refusals.check():
            cleaned["region" if field == "region_code" else field] = check(data.get(field))
    refusals.raise_any()
    return cleaned


@transaction.atomic
def post_order(*, actor, customer, data: dict) -> ProductionOrder:
    """Side effects: the order; the best-matching manufacturers invited and notified; audit."""
    if not actor.has_perm("organizations.act_for", customer):
        raise NotFound()
    order = ProductionOrder.objects.create(customer=customer, created_by=actor, **clean_order(data))
    best = suggest_manufacturers(order, limit=NOTIFY_BEST)
    order.invited.set([h.organization_id for h in best])
    from innocluster.organizations.models import Organization

    recipients = []
    for organization in Organization.objects.filter(pk__in=[h.organization_id for h in best]):
        recipients += people_in_roles(organization)
    notify(
        recipients=recipients,
        kind="partners.order_invited",
        subject=format_lazy(gettext_lazy("A production order for you: {title}"), title=order.title),
        url=f"/partners/orders/{order.pk}/",
    )
    audit.record(
        actor=actor,
        action="partners.order_posted",
        obj=order,
        to_state=OrderStatus.OPEN,
        data={"invited": [h.organization_id for h in best]},
    )
    return order


def check_files(uploads) -> dict[str, str]:
    """The order's files checked before the order is posted, so that a refused file is said with
    the order's other refusals: {"files": "name: why"} for the first refused, else {}."""
    for upload in uploads:
        try:
            check_upload(upload, allowed=DRAWINGS)
        except InvalidInput as exc:
            return {"files": f"{upload.name}: {exc.message}"}
        finally:
            upload.seek(0)  # read again when the order keeps it
    return {}


def add_file(
    *, actor, order: ProductionOrder, upload, visibility: str = FileVisibility.ADMITTED
) -> OrderFile:
    """Drawings and files of the order (PDF, images, office files, DXF, STEP, STL), checked; the
    customer decides who sees each (by default only the manufacturers it lets in)."""
    if not actor.has_perm("organizations.act_for", order.customer):
        raise NotFound()
    if visibility not in FileVisibility.values:
        raise InvalidInput(_("Choose who sees the file."), field="visibility")
    checked = check_upload(upload, allowed=DRAWINGS)
    item = OrderFile(
        order=order,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        visibility=visibility,
    )
    item.file.save(checked.name, ContentFile(checked.content), save=False)
    item.save()
    audit.record(actor=actor, action="partners.order_file_added", obj=order, data={"file": item.pk})
    return item


def acting_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        user.organization_roles.filter(
            role__in=[OrganizationRole.OWNER, OrganizationRole.MANAGER]
        ).values_list("organization_id", flat=True)
    )


def _organizations_of(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.organization_roles.values_list("organization_id", flat=True))


def file_access(user, order: ProductionOrder) -> dict[int, str]:
    """File id → how `user` may reach it: "see", "requested", "declined" or "ask" (may ask to be
    let in). Files the person may not even ask for are left out. Three queries, whatever the
    number of files."""
    files = list(order.files.all())
    if not files or not user.is_authenticated:
        return {}
    mine = _organizations_of(user)
    if order.customer_id in mine or user.is_staff:
        return {f.pk: "see" for f in files}
    if not mine:
        return {}
    invited = bool(mine & set(order.invited.values_list("pk", flat=True)))
    requests = {
        r.file_id: r.status
        for r in FileAccessRequest.objects.filter(file__order=order, organization_id__in=mine).order_by("pk")
    }
    access = {}
    for item in files:
        shown = item.visibility == FileVisibility.MANUFACTURERS or invited
        if shown or requests.get(item.pk) == AccessStatus.APPROVED:
            access[item.pk] = "see"
        elif item.pk in requests:
            access[item.pk] = "requested" if requests[item.pk] == AccessStatus.PENDING else "declined"
        else:
            access[item.pk] = "ask"
    return access


def may_see_file(user, item: OrderFile) -> bool:
    return file_access(user, item.order).get(item.pk) == "see"


def record_file_view(*, actor, item: OrderFile) -> None:
    """Every view of an order's file is audited: who, which file, for which of their organisations."""
    audit.record(
        actor=actor,
        action="partners.order_file_viewed",
        obj=item.order,
        data={"file": item.pk, "name": item.original_name, "organizations": sorted(_organizations_of(actor))},
    )


@transaction.atomic
def set_file_visibility(*, actor, item: OrderFile, visibility: str) -> OrderFile:
    """The customer decides who sees a file. Side effects: audit `partners.order_file_visibility`."""
    if not actor.has_perm("organizations.act_for", item.order.customer):
        raise NotFound()
    if visibility not in FileVisibility.values:
        raise InvalidInput(_("Choose who sees the file."), field="visibility")
    before = item.visibility
    item.visibility = visibility
    item.save(update_fields=["visibility", "updated_at"])
    audit.record(
        actor=actor,
        action="partners.order_file_visibility",
        obj=item.order,
        from_state=before,
        to_state=visibility,
        data={"file": item.pk},
    )
    return item


@transaction.atomic
def request_file_access(*, actor, item: OrderFile, organization) -> FileAccessRequest:
    """A manufacturer asks to see a file shown only to those let in. Side effects: the customer's
    people are notified; audit `partners.file_access_requested`."""
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    order = item.order
    if order.status != OrderStatus.OPEN:
        raise Conflict(_("The order is closed."), code=PartnerErrorCode.ORDER_CLOSED)
    if organization.pk == order.customer_id:
        raise InvalidInput(_("The customer sees its own files."), field="organization_id")
    if file_access(actor, order).get(item.pk) != "ask":
        raise Conflict(
            _("Your organisation already sees this file or has asked to."),
            code=PartnerErrorCode.ALREADY_REQUESTED,
        )
    access = FileAccessRequest.objects.create(file=item, organization=organization, requested_by=actor)
    audit.record(
        actor=actor,
        action="partners.file_access_requested",
        obj=order,
        to_state=AccessStatus.PENDING,
        data={"file": item.pk, "organization": organization.pk, "request": access.pk},
    )
    notify(
        recipients=people_in_roles(order.customer),
        kind="partners.file_access_requested",
        subject=format_lazy(
            gettext_lazy("{manufacturer} asks to see a file of {title}"),
            manufacturer=organization.short_name,
            title=order.title,
        ),
        url=f"/partners/orders/{order.pk}/",
    )
    return access


@transaction.atomic
def decide_file_access(*, actor, access_id, approve: bool) -> FileAccessRequest:
    """The customer lets a manufacturer see the file, or declines. Side effects: the
    manufacturer's people are notified; audit `partners.file_access_approved|declined`."""
    access = (
        FileAccessRequest.objects.select_for_update()
        .select_related("file__order__customer", "organization")
        .filter(pk=access_id)
        .first()
    )
    if access is None or not actor.has_perm("organizations.act_for", access.file.order.customer):
        raise NotFound()
    if access.status != AccessStatus.PENDING:
        raise Conflict(_("This request was already answered."), code=PartnerErrorCode.REQUEST_ANSWERED)
    to = AccessStatus.APPROVED if approve else AccessStatus.DECLINED
    access.status, access.decided_by, access.decided_at = to, actor, timezone.now()
    access.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    order = access.file.order
    audit.record(
        actor=actor,
        action=f"partners.file_access_{to}",
        obj=order,
        from_state=AccessStatus.PENDING,
        to_state=to,
        data={"file": access.file_id, "organization": access.organization_id, "request": access.pk},
    )
    notify(
        recipients=people_in_roles(access.organization),
        kind="partners.file_access_decided",
        subject=format_lazy(
            gettext_lazy("Your request to see a file of {title}: {answer}"),
            title=order.title,
            answer=AccessStatus(access.status).label,  # lazy: in each recipient's language
        ),
        url=f"/partners/orders/{order.pk}/",
    )
    return access


def access_requests_for_customer(order: ProductionOrder):
    return (
        FileAccessRequest.objects.filter(file__order=order)
        .select_related("file", "organization", "requested_by")
        .order_by("status", "pk")
    )


def visible_quotes(user, order: ProductionOrder):
    """The customer's people see every quote; a manufacturer sees only its own."""
    quotes = order.quotes.select_related("manufacturer").order_by("price", "lead_time_days", "pk")
    mine = (
        set(user.organization_roles.values_list("organization_id", flat=True))
        if user.is_authenticated
        else set()
    )
    if order.customer_id in mine or (user.is_authenticated and user.is_staff):
        return list(quotes)
    return [q for q in quotes if q.manufacturer_id in mine]


@transaction.atomic
def submit_quote(
    *, actor, order: ProductionOrder, manufacturer, price, lead_time_days: int, comment: str = ""
) -> OrderQuote:
    """Side effects: the quote; the customer's people are notified; audit."""
    if not actor.has_perm("organizations.act_for", manufacturer):
        raise NotFound()
    order = ProductionOrder.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.OPEN:
        raise Conflict(_("The order is closed."), code=PartnerErrorCode.ORDER_CLOSED)
    if manufacturer.pk == order.customer_id:
        raise InvalidInput(_("A customer does not quote for its own order."), field="manufacturer_id")
    refusals = Refusals()  # the price, the lead time and the comment said together
    with refusals.check():
        try:
            amount = to_money(price if not isinstance(price, int) else str(price))
        except AmountError as exc:
            raise InvalidInput(exc.message, field="price") from exc
        if amount <= 0:
            raise InvalidInput(_("Enter the price in rubles, e.g. 150000.00."), field="price")
    with refusals.check():
        if not isinstance(lead_time_days, int) or not 1 <= lead_time_days <= 3650:
            raise InvalidInput(_("Enter the lead time in days, from 1 to 3650."), field="lead_time_days")
    with refusals.check():
        comment = clean_text(comment, field="comment", max_length=5000)
    refusals.raise_any()
    if order.quotes.filter(manufacturer=manufacturer, status=QuoteStatus.SUBMITTED).exists():
        raise Conflict(
            _("Your organisation has already quoted for this order."), code=PartnerErrorCode.ALREADY_QUOTED
        )
    quote = OrderQuote.objects.create(
        order=order,
        manufacturer=manufacturer,
        created_by=actor,
        price=amount,
        lead_time_days=lead_time_days,
        comment=comment,
    )
    audit.record(
        actor=actor,
        action="partners.quote_submitted",
        obj=order,
        data={"quote": quote.pk, "manufacturer": manufacturer.pk},
    )
    notify(
        recipients=people_in_roles(order.customer),
        kind="partners.quote_received",
        subject=format_lazy(
            gettext_lazy("A new quote for {title} from {manufacturer}"),
            title=order.title,
            manufacturer=manufacturer.short_name,
        ),
        url=f"/partners/orders/{order.pk}/",
    )
    return quote


@transaction.atomic
def award(*, actor, order: ProductionOrder, quote_id: int) -> ProductionOrder:
    """The customer chooses one quote; the others are told. Side effects: statuses, audit, notifications."""
    if not actor.has_perm("organizations.act_for", order.customer):
        raise NotFound()
    order = ProductionOrder.objects.select_for_update().select_related("customer").get(pk=order.pk)
    if order.status != OrderStatus.OPEN:
        raise Conflict(_("The order is closed."), code=PartnerErrorCode.ORDER_CLOSED)
    chosen = (
        order.quotes.select_related("manufacturer").filter(pk=quote_id, status=QuoteStatus.SUBMITTED).first()
    )
    if chosen is None:
        raise NotFound()
    chosen.status = QuoteStatus.AWARDED
    chosen.save(update_fields=["status", "updated_at"])
    others = list(
        order.quotes.select_related("manufacturer").filter(status=QuoteStatus.SUBMITTED).exclude(pk=chosen.pk)
    )
    order.quotes.filter(pk__in=[q.pk for q in others]).update(status=QuoteStatus.NOT_CHOSEN)
    order.status = OrderStatus.AWARDED
    order.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="partners.order_awarded",
        obj=order,
        from_state=OrderStatus.OPEN,
        to_state=OrderStatus.AWARDED,
        data={"quote": chosen.pk},
    )
    notify(
        recipients=people_in_roles(chosen.manufacturer),
        kind="partners.quote_awarded",
        subject=format_lazy(gettext_lazy("Your quote for {title} is chosen"), title=order.title),
        url=f"/partners/orders/{order.pk}/",
    )
    for quote in others:
        notify(
            recipients=people_in_roles(quote.manufacturer),
            kind="partners.quote_not_chosen",
            subject=format_lazy(gettext_lazy("Another quote was chosen for {title}"), title=order.title),
            url=f"/partners/orders/{order.pk}/",
        )
    return order


def quote_out(quote: OrderQuote) -> dict:
    return {
        "id": quote.pk,
        "manufacturer_id": quote.manufacturer_id,
        "manufacturer": quote.manufacturer.short_name,
        "price": f"{quote.price:.2f}",
        "lead_time_days": quote.lead_time_days,
        "comment": quote.comment,
        "status": quote.status,
    }


def order_out(order: ProductionOrder, user, *, brief: bool = False) -> dict:
    data = {
        "id": order.pk,
        "customer_id": order.customer_id,
        "customer": order.customer.short_name,
        "title": order.title,
        "process": order.process,
        "material": order.material,
        "quantity": order.quantity,
        "deadline": order.deadline.isoformat(),
        "region_code": order.region_id,
        "status": order.status,
    }
    if brief:
        return data
    data["description"] = order.description
    data["quotes"] = [quote_out(q) for q in visible_quotes(user, order)]
    access = file_access(user, order)
    is_customer = order.customer_id in acting_ids(user)
    data["files"] = [
        {
            "id": f.pk,
            "name": f.original_name,
            "url": f"/api/v1/orders/{order.pk}/files/{f.pk}",
            "visibility": f.visibility,
        }
        for f in order.files.all()
        if access.get(f.pk) == "see"
    ]
    data["restricted_files"] = [
        {"id": f.pk, "access": access[f.pk]} for f in order.files.all() if access.get(f.pk, "see") != "see"
    ]
    if is_customer:
        data["access_requests"] = [
            {
                "id": r.pk,
                "file_id": r.file_id,
                "organization_id": r.organization_id,
                "organization": r.organization.short_name,
                "status": r.status,
            }
            for r in access_requests_for_customer(order)
        ]
    if is_customer:
        data["invited"] = list(order.invited.values_list("pk", flat=True))
    return data
