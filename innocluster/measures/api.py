import datetime as dt
from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import File, Router
from ninja.files import UploadedFile
from pydantic import Field

from innocluster.core import audit
from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound, PermissionDenied
from innocluster.core.files import serve_private_file
from innocluster.measures import pdf, quote, selectors, services, validators
from innocluster.measures.enums import ApplicantKind
from innocluster.measures.models import CostReport, Document, MeasureApplication, Payment
from innocluster.measures.schemas import QuoteOut, in_reader_language, quote_as_dict
from innocluster.organizations import selectors as organizations
from innocluster.reviews import selectors as review_selectors
from innocluster.reviews import services as reviews

router = Router(tags=["measures"])
applications_router = Router(tags=["measures"])


class MeasureOut(Schema):
    code: str
    title: str
    title_ru: str
    title_en: str
    summary: str
    applicant: str
    review_days: int
    effective_from: dt.date
    categories: list[str]
    item_attributes: list[str]
    rules: list[dict]


def _measure_out(measure, on: dt.date) -> dict:
    # versions are prefetched by the catalogue: pick the one in force without another query
    in_force = [v for v in measure.versions.all() if v.effective_from <= on]
    version = max(in_force, key=lambda v: v.effective_from) if in_force else selectors.version_on(measure, on)
    return {
        "code": measure.code,
        "title": measure.title,
        "title_ru": measure.title_ru,
        "title_en": measure.title_en,
        "summary": measure.summary,
        "applicant": measure.applicant_kind,
        "review_days": measure.review_days,
        "effective_from": version.effective_from,
        "categories": quote.eligible_categories(version.rules),
        "item_attributes": quote.item_attributes(version.rules),
        "rules": version.rules,
    }


@router.get("", response=answers({200: list[MeasureOut]}), auth=None)
def list_measures(request):
    """The catalogue, each measure with the rules in force today."""
    today = timezone.localdate()
    return [_measure_out(m, today) for m in selectors.catalogue()]


class ItemIn(Schema):
    """A cost item. Which attributes a measure asks for is in its `item_attributes`; amounts are
    decimal strings (or whole numbers) of rubles."""

    category: str = Field(max_length=40, description="one of the measure's `categories`")
    amount: str | int = Field(
        description="rubles with at most two decimal places, e.g. `150000.00`; more than zero, at most "
        "999999999999.99",
        examples=["150000.00"],
    )
    origin: str | None = Field(None, max_length=20, json_schema_extra={"enum": ["domestic", "imported"]})
    jurisdiction: str | None = Field(None, max_length=20, json_schema_extra={"enum": ["ru", "foreign"]})
    # longer than a date, so that the parser of items says what is wrong («2023-05-01T10:00») by name
    date: str | None = Field(None, max_length=40, description="YYYY-MM-DD, not in the future")
    investee_inn: str | None = Field(None, max_length=12)
    description: str | None = Field(None, max_length=300)


def raw_items(items: list[ItemIn]) -> list[dict]:
    """The items as the one parser of cost items takes them (it names every refusal)."""
    return [item.dict(exclude_none=True) for item in items]


class QuoteIn(Schema):
    organization_id: Id | None = None
    on: dt.date | None = None
    items: list[ItemIn] = Field(
        max_length=200,
        description="required, as in the contract: cost items as in ItemIn; each refusal names items.N.field",
    )


@router.post(
    "/{code}/quote", response=answers({200: QuoteOut}, 401, 404, 409), auth=anyone, exclude_none=True
)
def quote_measure(request, code: str, payload: QuoteIn):
    """What the measure would pay for these items, with the derivation. With `organization_id` (and
    the right to act for it) the annual caps count what the organisation already received in the
    year of `on`."""
    measure = selectors.get_measure(code)
    if measure is None:
        raise NotFound()
    on = payload.on or timezone.localdate()
    user = request.auth
    organization = None
    if payload.organization_id is not None:
        organization = organizations.get_organization_for(
            user=user, pk=payload.organization_id, perm="organizations.act_for"
        )
        if organization is None:
            raise NotFound()
    person = (
        user
        if (measure.applicant_kind == ApplicantKind.PERSON and user.is_authenticated and organization is None)
        else None
    )
    version = selectors.version_on(measure, on)
    items = validators.parse_items(raw_items(payload.items), version.rules)
    _, result = services.quote_for(
        measure=measure,
        items=items,
        on=on,
        organization=organization,
        person=person,
        count_used=bool(organization or person),
    )
    return quote_as_dict(result)


class ApplicationIn(Schema):
    measure: str = Field(max_length=40, description="a measure's code")
    organization_id: Id | None = Field(
        None, description="absent for angel-refund: the caller applies as a person"
    )
    items: list[ItemIn] = Field(
        max_length=200, description="required, as in the contract: cost items as in ItemIn"
    )
    project_title: str = Field("", max_length=300)
    description: str = Field("", max_length=5000)
    # Any value is taken here and judged by the service, so that every bad one (a string, a
    # number of no pilot, another organisation's pilot) gets the same `pilot_required`.
    pilot_id: Any = Field(
        None,
        description="`pilot-testing` only, and required there: the applicant organisation's own pilot, "
        "accepted, running or completed; otherwise `422 pilot_required`. Other measures refuse it.",
        json_schema_extra={"type": "integer", "minimum": 1},
    )
    draft: bool = Field(False, description="keep it a draft instead of submitting at once")


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "return"]
    comment: str = Field("", max_length=5000, description="required to reject or return")


class ItemOut(Schema):
    category: str
    amount: str
    origin: str | None
    jurisdiction: str | None
    date: str | None
    investee_inn: str | None
    description: str


class DocumentOut(Schema):
    id: int
    name: str
    size: int
    url: str


class AgreementOut(Schema):
    number: str
    amount: str
    signed_at: str | None
    url: str


class PaymentOut(Schema):
    id: int
    kind: Literal["single", "advance", "annual"]
    year: int | None
    amount: str
    status: Literal["scheduled", "paid", "cancelled"]
    paid_on: str | None


class ReportOut(Schema):
    id: int
    year: int
    compensable: str
    status: Literal["submitted", "confirmed", "rejected"]
    comment: str = ""


class ApplicationOut(Schema):
    id: int
    number: int = Field(
        description="The application's number as people see it: on its page, in the cabinet, on the review desk and in e-mails"
    )
    measure: str
    organization_id: int | None
    pilot_id: int | None = Field(
        description="the pilot a `pilot-testing` grant names; null for other measures"
    )
    status: str
    submitted_on: str | None
    review_due: str | None
    decision_comment: str
    requested_amount: str
    approved_amount: str | None
    rules_in_force_from: str
    project_title: str
    items: list[ItemOut]
    quote: QuoteOut | None
    documents: list[DocumentOut]
    agreement: AgreementOut | None
    payments: list[PaymentOut]
    reports: list[ReportOut]


class ApplicationDecisionOut(Schema):
    id: int
    status: str
    approved_amount: str | None


class DocumentCreatedOut(Schema):
    id: int
    name: str
    size: int


def _application_out(application: MeasureApplication) -> dict:
    case = application.case
    agreement = getattr(application, "agreement", None)
    return {
        "id": application.pk,
        "number": application.number,
        "measure": application.measure.code,
        "organization_id": application.organization_id,
        "pilot_id": application.pilot_id,
        "status": case.status,
        "submitted_on": case.submitted_on.isoformat() if case.submitted_on else None,
        "review_due": case.review_due.isoformat() if case.review_due else None,
        "decision_comment": case.decision_comment,
        "requested_amount": f"{application.requested_amount:.2f}",
        "approved_amount": f"{application.approved_amount:.2f}"
        if application.approved_amount is not None
        else None,
        "rules_in_force_from": application.version.effective_from.isoformat(),
        "project_title": application.project_title,
        "items": [
            {
                "category": i.category,
                "amount": f"{i.amount:.2f}",
                "origin": i.origin or None,
                "jurisdiction": i.jurisdiction or None,
                "date": i.date.isoformat() if i.date else None,
                "investee_inn": i.investee_inn or None,
                "description": i.description,
            }
            for i in application.items.all()
        ],
        "quote": in_reader_language(application.approval_quote or application.quote),
        "documents": [
            {
                "id": d.pk,
                "name": d.original_name,
                "size": d.size,
                "url": f"/api/v1/applications/{application.pk}/documents/{d.pk}",
            }
            for d in application.documents.all()
        ],
        "agreement": {
            "number": agreement.number,
            "amount": f"{agreement.amount:.2f}",
            "signed_at": agreement.signed_at.isoformat() if agreement.signed_at else None,
            "url": f"/api/v1/applications/{application.pk}/agreement.pdf",
        }
        if agreement
        else None,
        "payments": [
            {
                "id": p.pk,
                "kind": p.kind,
                "year": p.year_index,
                "amount": f"{p.amount:.2f}",
                "status": p.status,
                "paid_on": p.paid_on.isoformat() if p.paid_on else None,
            }
            for p in application.payments.all()
        ],
        "reports": [
            {
                "id": r.pk,
                "year": r.year_index,
                "compensable": f"{r.compensable:.2f}",
                "status": r.status,
                "comment": r.comment,
            }
            for r in application.reports.all()
        ],
    }


def _get(request, pk, perm="reviews.view_case") -> MeasureApplication:
    application = selectors.application_for(request.auth, pk, perm="reviews.view_case")
    if application is None:
        raise NotFound()
    if perm != "reviews.view_case" and not request.auth.has_perm(perm, application.case):
        raise PermissionDenied()
    return application


@applications_router.post("", response=answers({201: ApplicationOut}, 401, 404, 409), auth=signed_in)
def create_application(request, payload: ApplicationIn):
    """Apply for a measure: submitted at once unless `"draft": true`. For `angel-refund` leave
    `organization_id` out: the caller applies as a person. A `pilot-testing` application names its
    pilot in `pilot_id` (the organisation's own, accepted, running or completed), checked again on
    submission; otherwise `422 pilot_required`."""
    measure = selectors.get_measure(payload.measure)
    if measure is None:
        raise InvalidInput(field="measure")
    organization = None
    if payload.organization_id is not None:
        organization = organizations.get_organization_for(
            user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
        )
        if organization is None:
            raise NotFound()
    application = services.apply(
        actor=request.auth,
        measure=measure,
        organization=organization,
        raw_items=raw_items(payload.items),
        draft=payload.draft,
        project_title=payload.project_title,
        description=payload.description,
        pilot_id=payload.pilot_id,
    )
    return 201, _application_out(selectors.application_for(request.auth, application.pk))


@applications_router.get("/{application_id}", response=answers({200: ApplicationOut}, 401, 404), auth=anyone)
def read_application(request, application_id: Id):
    application = _get(request, application_id)
    if request.auth.is_staff:
        review_selectors.read_for_staff(request.auth, application.case)
    return _application_out(application)


@applications_router.post(
    "/{application_id}/submit", response=answers({200: ApplicationOut}, 401, 403, 404, 409), auth=signed_in
)
def submit(request, application_id: Id):
    application = _get(request, application_id, perm="reviews.act_as_applicant")
    services.submit_application(actor=request.auth, application=application)
    return _application_out(selectors.application_for(request.auth, application.pk))


@applications_router.post(
    "/{application_id}/decision",
    response=answers({200: ApplicationDecisionOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def decide(request, application_id: Id, payload: DecisionIn):
    """Staff: approve (the computed amount cut to what remains of every cap now; `cap_exhausted`
    when nothing remains), reject or return (with a comment)."""
    application = _get(request, application_id, perm="reviews.handle_case")
    reviews.decide(application.case, payload.decision, actor=request.auth, comment=payload.comment)
    application = selectors.application_for(request.auth, application.pk)
    return {
        "id": application.pk,
        "status": application.case.status,
        "approved_amount": f"{application.approved_amount:.2f}"
        if application.approved_amount is not None
        else None,
    }


@applications_router.post(
    "/{application_id}/documents",
    response=answers({201: DocumentCreatedOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def upload_document(request, application_id: Id, file: File[UploadedFile]):
    application = _get(request, application_id, perm="reviews.act_as_applicant")
    document = services.add_document(actor=request.auth, application=application, upload=file)
    return 201, {"id": document.pk, "name": document.original_name, "size": document.size}


@applications_router.get(
    "/{application_id}/documents/{document_id}",
    response=answers({200: None}, 401, 404),
    auth=signed_in,
    openapi_extra={
        "responses": {200: {"description": "the file", "content": {"application/octet-stream": {}}}}
    },
)
def download_document(request, application_id: Id, document_id: Id):
    application = _get(request, application_id)
    document = Document.objects.filter(pk=document_id, application=application).first()
    if document is None:
        raise NotFound()
    if request.auth.is_staff:  # a staff read of the applicant's documents is logged (SPEC §1)
        audit.record_personal_data_access(
            actor=request.auth, obj=application.case, reason=f"document #{document.pk} of the application"
        )
    return serve_private_file(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@applications_router.get(
    "/{application_id}/agreement.pdf",
    response=answers({200: None}, 401, 404),
    auth=signed_in,
    openapi_extra={"responses": {200: {"description": "the agreement", "content": {"application/pdf": {}}}}},
)
def agreement_pdf(request, application_id: Id):
    application = _get(request, application_id)
    if not hasattr(application, "agreement"):
        raise NotFound()
    response = HttpResponse(pdf.agreement_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{application.agreement.number}.pdf"'
    return response


@applications_router.post(
    "/{application_id}/agreement/sign",
    response=answers({200: ApplicationOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def sign(request, application_id: Id):
    application = _get(request, application_id, perm="reviews.act_as_applicant")
    services.sign_agreement(actor=request.auth, application=application)
    return _application_out(selectors.application_for(request.auth, application.pk))


class PaidIn(Schema):
    paid_on: dt.date | None = None


@applications_router.post(
    "/{application_id}/payments/{payment_id}/paid",
    response=answers({200: ApplicationOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def payment_paid(request, application_id: Id, payment_id: Id, payload: PaidIn):
    application = _get(request, application_id, perm="reviews.handle_case")
    payment = Payment.objects.filter(pk=payment_id, application=application).first()
    if payment is None:
        raise NotFound()
    services.record_payment(actor=request.auth, payment=payment, paid_on=payload.paid_on)
    return _application_out(selectors.application_for(request.auth, application.pk))


class ReportIn(Schema):
    items: list[ItemIn] = Field(
        default_factory=list, max_length=200, description="the year's actual costs, as in ItemIn"
    )


@applications_router.post(
    "/{application_id}/reports", response=answers({201: ReportOut}, 401, 403, 404, 409), auth=signed_in
)
def submit_report(request, application_id: Id, payload: ReportIn):
    application = _get(request, application_id, perm="reviews.act_as_applicant")
    report = services.submit_cost_report(
        actor=request.auth, application=application, raw_items=raw_items(payload.items)
    )
    return 201, {
        "id": report.pk,
        "year": report.year_index,
        "compensable": f"{report.compensable:.2f}",
        "status": report.status,
    }


class ReportDecisionIn(Schema):
    confirm: bool
    comment: str = Field("", max_length=5000, description="required to reject")


@applications_router.post(
    "/{application_id}/reports/{report_id}/decision",
    response=answers({200: ApplicationOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def decide_report(request, application_id: Id, report_id: Id, payload: ReportDecisionIn):
    application = _get(request, application_id, perm="reviews.handle_case")
    report = CostReport.objects.filter(pk=report_id, application=application).first()
    if report is None:
        raise NotFound()
    services.decide_cost_report(
        actor=request.auth, report=report, confirm=payload.confirm, comment=payload.comment
    )
    return _application_out(selectors.application_for(request.auth, application.pk))
