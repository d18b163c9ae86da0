import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core import audit
from innocluster.core.errors import InvalidInput, PlatformError
from innocluster.core.files import serve_private_file
from innocluster.measures import pdf, quote, selectors, services, validators
from innocluster.measures.enums import ATTRIBUTE_LABELS, CATEGORY_LABELS, VALUE_LABELS, ApplicantKind
from innocluster.measures.models import CostReport, Document, MeasureApplication, Payment
from innocluster.organizations import selectors as organizations
from innocluster.reviews import selectors as review_selectors
from innocluster.reviews.enums import EDITABLE_STATUSES, ReviewStatus
from innocluster.reviews.rules import is_supervisor

ROW = re.compile(r"^items-(\d{1,3})-category$")
ITEM_FIELDS = ("category", "amount", "origin", "jurisdiction", "date", "investee_inn", "description")


def items_from_post(post) -> list[dict]:
    """The calculator's rows (items-N-field); empty rows are left out."""
    indices = sorted({int(m.group(1)) for key in post for m in [ROW.match(key)] if m})
    rows = []
    for index in indices:
        row = {field: post.get(f"items-{index}-{field}", "") for field in ITEM_FIELDS}
        if row["category"] or row["amount"]:
            rows.append(row)
    return rows


def _form_context(measure, *, on=None):
    version = selectors.version_on(measure, on or timezone.localdate())
    attributes = quote.item_attributes(version.rules)
    return {
        "measure": measure,
        "version": version,
        "categories": [(c, CATEGORY_LABELS.get(c, c)) for c in quote.eligible_categories(version.rules)],
        "attributes": [
            (
                a,
                ATTRIBUTE_LABELS[a],
                [(v, VALUE_LABELS.get(v, v)) for v in quote.attribute_values(version.rules, a)],
            )
            for a in attributes
        ],
    }


def catalogue(request):
    return render(request, "measures/catalogue.html", {"measures": selectors.catalogue()})


def _acting_organizations(user):
    if not user.is_authenticated:
        return []
    return [
        link.organization
        for link in organizations.organizations_of(user)
        if link.role in ("owner", "manager")
    ]


def measure_detail(request, code: str):
    measure = selectors.get_measure(code)
    if measure is None:
        raise Http404
    context = _form_context(measure)
    context["rows"] = [{}]
    context["organizations"] = (
        _acting_organizations(request.user) if measure.applicant_kind == ApplicantKind.ORGANIZATION else []
    )
    return render(request, "measures/measure.html", context)


@require_POST
def calculate(request, code: str):
    """The calculator (htmx): the quote with its derivation for the rows typed so far."""
    measure = selectors.get_measure(code)
    if measure is None:
        raise Http404
    context = _form_context(measure)
    organization = None
    org_id = request.POST.get("organization_id", "")
    if org_id.isdigit() and request.user.is_authenticated:
        organization = organizations.get_organization_for(
            user=request.user, pk=org_id, perm="organizations.act_for"
        )
    person = (
        request.user
        if measure.applicant_kind == ApplicantKind.PERSON and request.user.is_authenticated
        else None
    )
    try:
        items = validators.parse_items(items_from_post(request.POST), context["version"].rules)
        _version, result = services.quote_for(
            measure=measure,
            items=items,
            on=timezone.localdate(),
            organization=organization,
            person=person,
            count_used=bool(organization or person),
        )
        context.update(result=result, organization=organization)
    except PlatformError as exc:
        context["error"] = exc.message
        context["error_field"] = exc.details.get("field", "")
    return render(request, "measures/_quote.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, code: str, application_id: int | None = None):
    measure = selectors.get_measure(code)
    if measure is None:
        raise Http404
    application = None
    if application_id is not None:
        application = selectors.application_for(request.user, application_id, perm="reviews.act_as_applicant")
        if application is None or application.measure_id != measure.pk:
            raise Http404
    context = _form_context(measure)
    orgs = _acting_organizations(request.user) if measure.applicant_kind == ApplicantKind.ORGANIZATION else []
    context.update(organizations=orgs, application=application)
    if request.method == "POST":
        rows = items_from_post(request.POST)
        organization = application.organization if application else None
        if measure.applicant_kind == ApplicantKind.ORGANIZATION and application is None:
            org_id = request.POST.get("organization_id", "")
            organization = next((o for o in orgs if str(o.pk) == org_id), None)
        try:
            if measure.applicant_kind == ApplicantKind.ORGANIZATION and organization is None:
                raise InvalidInput(_("Choose the organisation that applies."), field="organization_id")
            application = services.save_application(
                actor=request.user,
                measure=measure,
                organization=organization,
                raw_items=rows,
                project_title=request.POST.get("project_title", ""),
                description=request.POST.get("description", ""),
                application=application,
            )
            if request.POST.get("action") == "submit":
                services.submit_application(actor=request.user, application=application)
                messages.success(request, _("The application is submitted."))
            else:
                messages.success(request, _("The draft is saved. Add documents, then submit."))
            return redirect("measures:application", pk=application.pk)
        except PlatformError as exc:
            context.update(error=exc.message, rows=rows, typed=request.POST)
            return render(request, "measures/apply.html", context, status=200)
    if application is not None:
        context["rows"] = [
            {f: (getattr(i, f) if getattr(i, f) is not None else "") for f in ITEM_FIELDS}
            for i in application.items.all()
        ]
        context["typed"] = {
            "project_title": application.project_title,
            "description": application.description,
        }
    else:
        context["rows"] = [{}]
    return render(request, "measures/apply.html", context)


@login_required
def application_by_case(request, case_id: int):
    """The cabinet's link to a review case: a 404 to whoever may not see the application."""
    application = MeasureApplication.objects.filter(case_id=case_id).select_related("case").first()
    if application is None or not request.user.has_perm("reviews.view_case", application.case):
        raise Http404
    return redirect("measures:application", pk=application.pk)


@login_required
def application_page(request, pk: int):
    application = selectors.application_for(request.user, pk)
    if application is None:
        raise Http404
    case = application.case
    if request.user.is_staff:
        review_selectors.read_for_staff(request.user, case)
    can_act = request.user.has_perm("reviews.act_as_applicant", case)
    years = quote.rules_of(application.version.rules, "payment_schedule")
    derivation = application.approval_quote or application.quote
    return render(
        request,
        "measures/application.html",
        {
            "application": application,
            "case": case,
            "can_act": can_act,
            "editable": can_act and case.status in EDITABLE_STATUSES,
            "derivation": derivation,
            "planned": quote.planned_schedule(
                application.version.rules, application.approved_amount or application.requested_amount
            ),
            "reports_allowed": bool(years)
            and can_act
            and case.status in (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.PAYING),
            "supervisor": is_supervisor(request.user),
            "context_attributes": _form_context(application.measure)["attributes"],
            "blank_rows": [{}],
            "categories": [
                (c, CATEGORY_LABELS.get(c, c)) for c in quote.eligible_categories(application.version.rules)
            ],
        },
    )


def _act(request, pk, action, *, perm: str = "reviews.act_as_applicant"):
    """One step on an application: a 404 to whoever may not see it, a 403 to whoever sees it but
    may not take this step (`perm`), as the API answers."""
    application = selectors.application_for(request.user, pk)
    if application is None:
        raise Http404
    if not request.user.has_perm(perm, application.case):
        raise DjangoPermissionDenied
    try:
        action(application)
    except PlatformError as exc:
        # as the API answers: a 404 to whoever may not act on it at all, a 403 to its own people
        # (or staff) whose role does not allow this step
        if exc.status == 404:
            raise Http404 from exc
        if exc.status == 403:
            raise DjangoPermissionDenied(str(exc.message)) from exc
        messages.error(request, str(exc.message))
    return redirect("measures:application", pk=application.pk)


@login_required
@require_POST
def submit(request, pk: int):
    return _act(request, pk, lambda a: services.submit_application(actor=request.user, application=a))


@login_required
@require_POST
def upload(request, pk: int):
    def add(application):
        if "file" not in request.FILES:
            raise InvalidInput(_("Choose a file."), field="file")
        services.add_document(actor=request.user, application=application, upload=request.FILES["file"])
        messages.success(request, _("The document is added."))

    return _act(request, pk, add)


@login_required
@require_POST
def remove_document(request, pk: int, document_id: int):
    def remove(application):
        document = Document.objects.filter(pk=document_id, application=application).first()
        if document is None:
            raise Http404
        services.remove_document(actor=request.user, document=document)

    return _act(request, pk, remove)


@login_required
def download(request, pk: int, document_id: int):
    application = selectors.application_for(request.user, pk)
    document = (
        Document.objects.filter(pk=document_id, application=application).first() if application else None
    )
    if document is None:
        raise Http404
    if request.user.is_staff:  # a staff read of the applicant's documents is logged (SPEC §1)
        audit.record_personal_data_access(
            actor=request.user, obj=application.case, reason=f"document #{document.pk} of the application"
        )
    return serve_private_file(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
def agreement(request, pk: int):
    application = selectors.application_for(request.user, pk)
    if application is None or not hasattr(application, "agreement"):
        raise Http404
    response = HttpResponse(pdf.agreement_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{application.agreement.number}.pdf"'
    return response


@login_required
@require_POST
def sign(request, pk: int):
    return _act(request, pk, lambda a: services.sign_agreement(actor=request.user, application=a))


@login_required
@require_POST
def report(request, pk: int):
    return _act(
        request,
        pk,
        lambda a: services.submit_cost_report(
            actor=request.user, application=a, raw_items=items_from_post(request.POST)
        ),
    )


@login_required
@require_POST
def payment_paid(request, pk: int, payment_id: int):
    def paid(application):
        payment = Payment.objects.filter(pk=payment_id, application=application).first()
        if payment is None:
            raise Http404
        services.record_payment(actor=request.user, payment=payment)

    return _act(request, pk, paid, perm="reviews.handle_case")


@login_required
@require_POST
def report_decision(request, pk: int, report_id: int):
    def decide(application):
        item = CostReport.objects.filter(pk=report_id, application=application).first()
        if item is None:
            raise Http404
        services.decide_cost_report(
            actor=request.user,
            report=item,
            confirm=request.POST.get("confirm") == "1",
            comment=request.POST.get("comment", ""),
        )

    return _act(request, pk, decide, perm="reviews.handle_case")
