import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.consortia import selectors as consortia
from innocluster.core.errors import InvalidInput, PlatformError, field_errors, raise_for_page
from innocluster.core.files import serve_private_file
from innocluster.organizations import selectors as organizations
from innocluster.organizations.enums import SmeCategory
from innocluster.organizations.models import OkvedClass, Region
from innocluster.partners import search
from innocluster.partners import services as orders
from innocluster.partners.errors import SearchTimedOut
from innocluster.partners.models import FileVisibility, OrderFile, Process
from innocluster.partners.search import log as search_log


def _flag(value: str):
    return {"1": True, "0": False}.get(value)


def _consortium(value: str) -> int | None:
    """An approved consortium's number from the filter; anything else is no filter."""
    if not value.isascii() or not value.isdigit():
        return None
    return int(value) if consortia.public_consortia().filter(pk=int(value)).exists() else None


def search_page(request):
    q = search.clean_query(request.GET.get("q", ""))
    filters = search.Filters(
        region=request.GET.get("region", "")[:2] if request.GET.get("region", "").isdigit() else "",
        okved=request.GET.get("okved", "")[:2] if request.GET.get("okved", "").isdigit() else "",
        sme=request.GET.get("sme", "") if request.GET.get("sme", "") in SmeCategory.values else "",
        participant=_flag(request.GET.get("participant", "")),
        in_register=_flag(request.GET.get("in_register", "")),
        consortium=_consortium(request.GET.get("consortium", "")),
    )
    page = request.GET.get("page", "1")
    number = int(page) if page.isdigit() and 0 < int(page) < 50 else 1
    asked = q or any(
        [
            filters.region,
            filters.okved,
            filters.sme,
            filters.participant is not None,
            filters.in_register is not None,
            filters.consortium,
        ]
    )
    result, error = None, None
    try:
        result = search.search(q, filters=filters, limit=20, offset=(number - 1) * 20) if asked else None
    except SearchTimedOut as exc:
        error = exc.message
    if result is not None and number == 1:
        search_log.note_search(q, filters, result)
    context = {
        "q": q,
        "filters": filters,
        "result": result,
        "error": error,
        "page_number": number,
        "has_next": bool(result and result.total > number * 20),
        "regions": Region.objects.all(),
        "okveds": OkvedClass.objects.all(),
        "smes": SmeCategory.choices,
        "consortia": consortia.public_consortia(),
    }
    template = "partners/_results.html" if request.htmx else "partners/search.html"
    # htmx swaps in only a 2xx answer: the partial carries the message with a 200
    return render(request, template, context, status=503 if error and not request.htmx else 200)


def order_list(request):
    return render(request, "partners/orders.html", {"orders": orders.open_orders()[:100]})


ORDER_LABELS = {
    "customer_id": gettext_lazy("Ordering organisation"),
    "title": gettext_lazy("What is to be made"),
    "process": gettext_lazy("Process"),
    "material": gettext_lazy("Material"),
    "quantity": gettext_lazy("Quantity"),
    "deadline": gettext_lazy("Deadline"),
    "region_code": gettext_lazy("Preferred region"),
    "description": gettext_lazy("Description"),
    "files": gettext_lazy("Drawings and files"),
    "file": gettext_lazy("Drawings and files"),
}


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request):
    customers = [
        link.organization
        for link in organizations.organizations_of(request.user)
        if link.role in ("owner", "manager")
    ]
    error, errors = None, {}
    if request.method == "POST":
        customer = next((o for o in customers if str(o.pk) == request.POST.get("customer_id")), None)
        uploads = request.FILES.getlist("files")[:10]
        refused_file = orders.check_files(uploads)
        try:
            if customer is None or refused_file:
                # the order's own fields are checked too, so that every refusal shows at once
                try:
                    orders.clean_order(request.POST.dict())
                except InvalidInput as exc:
                    errors = field_errors(exc)
                errors.update(refused_file)
                if customer is None:
                    raise InvalidInput(_("Choose the ordering organisation."), field="customer_id")
                raise InvalidInput(next(iter(errors.values())), field=next(iter(errors)))
            with transaction.atomic():  # a refused file refuses the whole order: nothing half-posted
                order = orders.post_order(actor=request.user, customer=customer, data=request.POST.dict())
                visibility = request.POST.get("visibility", FileVisibility.ADMITTED)
                for upload in uploads:
                    orders.add_file(actor=request.user, order=order, upload=upload, visibility=visibility)
        except PlatformError as exc:
            raise_for_page(exc)
            found = field_errors(exc)
            errors = {**found, **errors} if "customer_id" in found else {**errors, **found}
            error = next(iter(errors.values()))
        else:
            messages.success(request, _("The order is posted; the best-matching manufacturers are notified."))
            return redirect("partners:order", pk=order.pk)
    return render(
        request,
        "partners/order_new.html",
        {
            "customers": customers,
            "processes": Process.choices,
            "regions": Region.objects.all(),
            "typed": request.POST,
            "visibilities": FileVisibility.choices,
            "error": error,
            # each refusal named by its field's label, linked to the field (SPEC §3)
            "errors": [
                (field, ORDER_LABELS.get(field, ""), str(message)) for field, message in errors.items()
            ],
            "error_fields": set(errors),
            "tomorrow": dt.date.today() + dt.timedelta(days=1),
        },
    )


@login_required
def order_detail(request, pk: int):
    try:
        order = orders.get_order(pk)
    except PlatformError as exc:
        raise Http404 from exc
    return _order_page(request, order)


QUOTE_LABELS = {
    "price": gettext_lazy("Price, ₽"),
    "lead_time_days": gettext_lazy("Lead time, days"),
    "comment": gettext_lazy("Comment"),
}


def _order_page(request, order, *, typed=None, refusals=None, status=200):
    """The order's page; after a refused quote, with what was typed and every refusal at its
    field, and named by its field's label above the form."""
    mine = orders.acting_ids(request.user)
    is_customer = order.customer_id in mine
    access = orders.file_access(request.user, order)
    files = [(item, access[item.pk]) for item in order.files.all() if item.pk in access]
    return render(
        request,
        "partners/order.html",
        {
            "order": order,
            "quotes": orders.visible_quotes(request.user, order),
            "files": files,
            "visibilities": FileVisibility.choices,
            "access_requests": orders.access_requests_for_customer(order) if is_customer else [],
            "is_customer": is_customer,
            "suggestions": orders.suggest_manufacturers(order)
            if is_customer and order.status == "open"
            else [],
            "my_manufacturers": [
                o
                for o in organizations.organizations_of(request.user)
                if o.organization_id in mine and o.organization_id != order.customer_id
            ],
            "typed": typed or {},
            "refusals": refusals or {},
            "refusal_list": [
                {"field": field, "label": QUOTE_LABELS.get(field, ""), "message": message}
                for field, message in (refusals or {}).items()
            ],
        },
        status=status,
    )


@login_required
@require_POST
def order_quote(request, pk: int):
    try:
        order = orders.get_order(pk)
        manufacturer = organizations.get_organization_for(
            user=request.user, pk=request.POST.get("manufacturer_id", ""), perm="organizations.act_for"
        )
        if manufacturer is None:
            raise Http404
        days = request.POST.get("lead_time_days", "")
        orders.submit_quote(
            actor=request.user,
            order=order,
            manufacturer=manufacturer,
            price=request.POST.get("price", ""),
            lead_time_days=int(days) if days.isascii() and days.isdigit() and len(days) < 6 else -1,
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, _("Your quote is sent to the customer."))
    except PlatformError as exc:
        if exc.status == 404:
            raise Http404 from exc
        # the form again, with what was typed and the refusal at its field: nothing is lost
        typed = {
            name: request.POST.get(name, "")
            for name in ("manufacturer_id", "price", "lead_time_days", "comment")
        }
        return _order_page(request, order, typed=typed, refusals=field_errors(exc), status=exc.status)
    return redirect("partners:order", pk=pk)


@login_required
@require_POST
def order_award(request, pk: int, quote_id: int):
    try:
        orders.award(actor=request.user, order=orders.get_order(pk), quote_id=quote_id)
        messages.success(request, _("The order is awarded; the other manufacturers are told."))
    except PlatformError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, str(exc.message))
    return redirect("partners:order", pk=pk)


def _order_file(request, pk: int, file_id: int) -> OrderFile:
    item = OrderFile.objects.select_related("order__customer").filter(pk=file_id, order_id=pk).first()
    if item is None:
        raise Http404
    return item


@login_required
def order_file(request, pk: int, file_id: int):
    """A drawing, for those the customer shows it to; every view is audited."""
    item = _order_file(request, pk, file_id)
    if not orders.may_see_file(request.user, item):
        raise Http404
    orders.record_file_view(actor=request.user, item=item)
    return serve_private_file(item.file, filename=item.original_name, content_type=item.content_type)


def _act_on_order(request, pk: int, action, success):
    try:
        action()
    except PlatformError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)
    return redirect("partners:order", pk=pk)


@login_required
@require_POST
def order_file_visibility(request, pk: int, file_id: int):
    item = _order_file(request, pk, file_id)
    return _act_on_order(
        request,
        pk,
        lambda: orders.set_file_visibility(
            actor=request.user, item=item, visibility=request.POST.get("visibility", "")
        ),
        _("Saved: who sees the file."),
    )


@login_required
@require_POST
def order_file_request(request, pk: int, file_id: int):
    item = _order_file(request, pk, file_id)
    organization = organizations.get_organization_for(
        user=request.user, pk=request.POST.get("organization_id", ""), perm="organizations.act_for"
    )
    if organization is None:
        raise Http404
    return _act_on_order(
        request,
        pk,
        lambda: orders.request_file_access(actor=request.user, item=item, organization=organization),
        _("The customer is asked to let you see the file."),
    )


@login_required
@require_POST
def order_access_decision(request, pk: int, access_id: int):
    approve = request.POST.get("approve") == "1"
    return _act_on_order(
        request,
        pk,
        lambda: orders.decide_file_access(actor=request.user, access_id=access_id, approve=approve),
        _("The manufacturer may now see the file.") if approve else _("The request is declined."),
    )
