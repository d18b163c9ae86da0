import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core import audit
from innocluster.core.errors import InvalidInput, PlatformError, raise_for_page
from innocluster.core.files import serve_private_file
from innocluster.core.text import clean_text
from innocluster.measures import pdf, quote, selectors, services, validators
from innocluster.measures.enums import ATTRIBUTE_LABELS, CATEGORY_LABELS, VALUE_LABELS, ApplicantKind
from innocluster.measures.links import link_of
from innocluster.measures.models import CostReport, Document, MeasureApplication, Payment
from innocluster.organizations import selectors as organizations
from innocluster.reviews import selectors as review_selectors
from innocluster.reviews.enums import EDITABLE_STATUSES, ReviewStatus
from innocluster.reviews.rules import is_supervisor
from innocluster.reviews.timeline import case_timeline

ROW = re.compile(r"^items-(\d{1,3})-category$")
ITEM_ROW = re.compile(r"^items\.(\d{1,3})\.")
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


def _calculator_key(measure) -> str:
    return f"measures:calculator:{measure.code}"


def _remember_calculation(request, measure, rows: list[dict], org_id: str) -> None:
    """The calculator's last lines, for the application form that "Apply" opens (the same
    session whether the person signs in in between or not)."""
    if rows:
        remembered = {
            "rows": [{f: str(row.get(f, ""))[:300] for f in ITEM_FIELDS} for row in rows[:50]],
            "organization_id": org_id if org_id.isdigit() else "",
        }
        # the calculator answers as the person types: the session is written only when it changes
        if request.session.get(_calculator_key(measure)) != remembered:
            request.session[_calculator_key(measure)] = remembered


def _form_errors(
    *, measure, version, post, organization_needed: bool, organization, action: str, link_options=()
):
    """Every field in error of the application form at once, as [(field id, message)]: nothing
    is written while one remains. A draft may be saved with only part of it typed, not empty;
    a `pilot-testing` application, a draft too, names its pilot."""
    errors: list[tuple[str, str]] = []
    rows = items_from_post(post)
    if organization_needed and organization is None:
        errors.append(("organization_id", _("Choose the organisation that applies.")))
    link = link_of(measure)
    if link is not None:
        chosen = post.get(link.field, "")
        offered = {str(pk): org for org, options in link_options for pk, _label in options}
        if not offered:
            errors.append((link.field, str(link.none_message)))
        elif chosen not in offered:
            errors.append((link.field, _("Choose the pilot this grant is for.")))
        elif organization is not None and offered[chosen] != organization:
            errors.append((link.field, _("Choose a pilot of the organisation that applies.")))
    texts = {}
    for field, max_length in (("project_title", 300), ("description", 5000)):
        try:
            texts[field] = clean_text(post.get(field, ""), field=field, max_length=max_length)
        except InvalidInput as exc:
            errors.append((field, str(exc.message)))
            texts[field] = "typed"
    complete = action != "save"
    if complete and not texts["project_title"]:
        errors.append(("project_title", _("Name the project.")))
    if complete and not rows:
        errors.append(("items-0-category", _("Add at least one cost item with its category and amount.")))
    if not complete and not rows and not texts["project_title"] and not texts["description"]:
        errors.append(("project_title", _("Type something before saving the draft: the project or an item.")))
    for index, row in enumerate(rows):
        try:
            validators.parse_items([row], version.rules)
        except InvalidInput as exc:
            field = str(exc.details.get("field", "")).replace("items.0.", "")
            errors.append(
                (
                    f"items-{index}-{field if field in ITEM_FIELDS else 'category'}",
                    _("Item %(number)d: %(message)s") % {"number": index + 1, "message": exc.message},
                )
            )
    return errors


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


def _acting_organizations(user, *, drafting: bool = False):
    """The organisations the person applies for: as a manager or the owner, or, to write a draft,
    as any of its people (SPEC §1: a member drafts)."""
    if not user.is_authenticated:
        return []
    roles = ("owner", "manager", "member") if drafting else ("owner", "manager")
    return [link.organization for link in organizations.organizations_of(user) if link.role in roles]


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
    _remember_calculation(request, measure, items_from_post(request.POST), org_id)
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
        field = str(exc.details.get("field", ""))
        row = ITEM_ROW.match(field)
        if row:  # which line, as people count
            context["error"] = _("Item %(number)d: %(message)s") % {
                "number": int(row.group(1)) + 1,
                "message": exc.message,
            }
    return render(request, "measures/_quote.html", context)


def _form_of(request, code: str, application_id: int | None):
    """The measure and, for a saved one, the application whose form this is: a 404 to whoever
    may not write its draft (any of the applicant's people may)."""
    measure = selectors.get_measure(code)
    if measure is None:
        raise Http404
    application = None
    if application_id is not None:
        application = selectors.application_for(
            request.user, application_id, perm="reviews.draft_as_applicant"
        )
        if application is None or application.measure_id != measure.pk:
            raise Http404
    return measure, application


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, code: str, application_id: int | None = None):
    measure, application = _form_of(request, code, application_id)
    context = _form_context(measure)
    orgs = (
        _acting_organizations(request.user, drafting=True)
        if measure.applicant_kind == ApplicantKind.ORGANIZATION
        else []
    )
    context.update(organizations=orgs, application=application, **_link_context(measure, application, orgs))
    if application is not None:
        context["loaded_at"] = application.updated_at.isoformat()
    if request.method == "POST":
        return _apply_post(request, measure, application, orgs, context)
    kept = services.form_draft_of(request.user, measure, application)
    if kept is not None:  # typed here before and not saved: it comes back as typed
        context["rows"] = items_from_post(kept.data) or [{}]
        context["typed"] = kept.data
        context["restored_at"] = kept.updated_at
    elif application is not None:
        context["rows"] = [
            {f: (str(getattr(i, f)) if getattr(i, f) is not None else "") for f in ITEM_FIELDS}
            for i in application.items.all()
        ]
        context["typed"] = {
            "project_title": application.project_title,
            "description": application.description,
            "pilot_id": str(application.pilot_id or ""),
        }
    else:
        carried = request.session.get(_calculator_key(measure)) or {}
        context["rows"] = carried.get("rows") or [{}]
        context["carried"] = bool(carried.get("rows"))
        context["typed"] = {"organization_id": carried.get("organization_id", "")}
    return render(request, "measures/apply.html", context)


@login_required
@require_POST
def autosave(request, code: str, application_id: int | None = None):
    """Keeps what is typed into the application form as it is typed (htmx); a small status line."""
    measure, application = _form_of(request, code, application_id)
    try:
        services.save_form_draft(
            actor=request.user, measure=measure, application=application, typed=request.POST
        )
    except PlatformError as exc:
        raise_for_page(exc)
        return render(request, "membership/_autosave.html", {"error": exc.message})
    return render(request, "membership/_autosave.html", {"saved_at": timezone.localtime()})


def _link_context(measure, application, orgs) -> dict:
    """What the form offers to name (a `pilot-testing` grant: the organisations' eligible pilots),
    grouped by organisation: [(organisation, [(id, label)])], only those with something to name."""
    link = link_of(measure)
    if link is None:
        return {"link": None, "link_options": []}
    holders = [application.organization] if application is not None else orgs
    options = [(org, link.eligible(org)) for org in holders if org is not None]
    # a pilot another live application already names is not offered (one pilot test, one grant)
    taken = services.linked_elsewhere(
        measure,
        [pk for _org, choices in options for pk, _label in choices],
        exclude_pk=application and application.pk,
    )
    options = [(org, [c for c in choices if c[0] not in taken]) for org, choices in options]
    options = [(org, choices) for org, choices in options if choices]
    return {
        "link": link,
        "link_options": options,
        "link_only_choice": options[0][1][0][0] if len(options) == 1 and len(options[0][1]) == 1 else None,
    }


def _apply_post(request, measure, application, orgs, context):
    """Validate the whole form first; write only a valid one (a draft: with something typed)."""
    action = request.POST.get("action", "continue")
    if action not in ("save", "continue", "submit"):
        action = "continue"
    rows = items_from_post(request.POST)
    organization = application.organization if application else None
    organization_needed = measure.applicant_kind == ApplicantKind.ORGANIZATION and application is None
    if organization_needed:
        org_id = request.POST.get("organization_id", "")
        organization = next((o for o in orgs if str(o.pk) == org_id), None)
    errors = _form_errors(
        measure=measure,
        version=context["version"],
        post=request.POST,
        organization_needed=organization_needed,
        organization=organization,
        action=action,
        link_options=context["link_options"],
    )
    if (
        not errors
        and application is not None
        and request.POST.get("loaded_at", context["loaded_at"]) != context["loaded_at"]
    ):
        # saved in another tab or by a colleague since this form was opened: say so once; saving
        # again (the form now carries the newer time) replaces it
        errors = [
            (
                "project_title",
                _(
                    "This application was saved elsewhere (another tab or a colleague) after you opened it. "
                    "What you typed is kept below; save again to replace that version with yours."
                ),
            )
        ]
    if not errors:
        try:
            # a submission the rules refuse (not eligible) leaves nothing behind: not even the draft
            with transaction.atomic():
                saved = services.save_application(
                    actor=request.user,
                    measure=measure,
                    organization=organization,
                    raw_items=rows,
                    project_title=request.POST.get("project_title", ""),
                    description=request.POST.get("description", ""),
                    pilot_id=request.POST.get("pilot_id") if context["link"] else None,
                    application=application,
                )
                if action == "submit":
                    services.submit_application(actor=request.user, application=saved)
            services.discard_form_draft(request.user, measure, application)
            application = saved
            request.session.pop(_calculator_key(measure), None)
            if action == "submit":
                return redirect("measures:submitted", pk=application.pk)
            if action == "save":
                messages.success(request, _("The draft is saved. You can come back to it from your cabinet."))
            return redirect("measures:application", pk=application.pk)
        except PlatformError as exc:
            field = str(exc.details.get("field", "")).replace(".", "-")
            errors = [(field, str(exc.message))]
    fields_in_error = {field for field, _message in errors}
    said = dict(reversed(errors))  # each field's first message, said beside it
    for index, row in enumerate(rows):
        row["errors"] = {f: said[f"items-{index}-{f}"] for f in ITEM_FIELDS if f"items-{index}-{f}" in said}
    first_row = {"category": said["items-0-category"]} if "items-0-category" in said else {}
    context.update(
        errors=errors,
        error_fields=fields_in_error,
        rows=rows or [{"errors": first_row}],
        typed=request.POST,
    )
    return render(request, "measures/apply.html", context, status=200)


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
    # any of the applicant's people writes the draft; a manager or the owner sends it (can_act)
    editable = request.user.has_perm("reviews.draft_as_applicant", case) and case.status in EDITABLE_STATUSES
    return render(
        request,
        "measures/application.html",
        {
            "application": application,
            "case": case,
            "can_act": can_act,
            "editable": editable,
            "tasks": _tasks(application) if editable else None,
            "steps": case_timeline(case),
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


NOT_STARTED, COMPLETED, CANNOT_START = "not_started", "completed", "cannot_start"


def _tasks(application) -> dict:
    """The parts of an application (GOV.UK's task list), each completed, not started or not yet
    possible, and whether the answers may be checked and sent."""
    project = COMPLETED if application.project_title else NOT_STARTED
    items = COMPLETED if application.items.all() else NOT_STARTED
    ready = project == COMPLETED and items == COMPLETED
    documents = (COMPLETED if application.documents.all() else NOT_STARTED) if ready else CANNOT_START
    return {
        "parts": [
            ("project", _("Project"), project),
            ("items", _("Cost items"), items),
            ("documents", _("Documents"), documents),
        ],
        "ready": ready,
        "done": sum(1 for status in (project, items, documents) if status == COMPLETED),
    }


def _own_editable(request, pk):
    application = selectors.application_for(request.user, pk)
    if application is None:
        raise Http404
    if not request.user.has_perm("reviews.act_as_applicant", application.case):
        raise DjangoPermissionDenied
    return application


@login_required
def check_answers(request, pk: int):
    """Check your answers: every answer with a link to change it, then the one button that sends."""
    application = _own_editable(request, pk)
    if application.case.status not in EDITABLE_STATUSES:
        return redirect("measures:application", pk=application.pk)
    tasks = _tasks(application)
    return render(
        request,
        "measures/check.html",
        {
            "application": application,
            "case": application.case,
            "tasks": tasks,
            "derivation": application.quote,
        },
    )


@login_required
def submitted(request, pk: int):
    """The confirmation after sending: the number, what happens next, when the answer is due."""
    application = selectors.application_for(request.user, pk)
    if application is None:
        raise Http404
    if application.case.status in EDITABLE_STATUSES:
        return redirect("measures:application", pk=application.pk)
    return render(
        request,
        "measures/submitted.html",
        {"application": application, "case": application.case, "steps": case_timeline(application.case)},
    )


def _act(request, pk, action, *, perm: str = "reviews.act_as_applicant", then: str = "measures:application"):
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
    return redirect(then, pk=application.pk)


@login_required
@require_POST
def submit(request, pk: int):
    return _act(
        request,
        pk,
        lambda a: services.submit_application(actor=request.user, application=a),
        then="measures:submitted",
    )


@login_required
@require_POST
def upload(request, pk: int):
    def add(application):
        if "file" not in request.FILES:
            raise InvalidInput(_("Choose a file."), field="file")
        services.add_document(actor=request.user, application=application, upload=request.FILES["file"])
        messages.success(request, _("The document is added."))

    return _act(request, pk, add, perm="reviews.draft_as_applicant")


@login_required
@require_POST
def remove_document(request, pk: int, document_id: int):
    def remove(application):
        document = Document.objects.filter(pk=document_id, application=application).first()
        if document is None:
            raise Http404
        services.remove_document(actor=request.user, document=document)

    return _act(request, pk, remove, perm="reviews.draft_as_applicant")


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
