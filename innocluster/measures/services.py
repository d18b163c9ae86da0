"""Writes for support measures: applications with their cost items and documents, the grant on
approval under the annual-cap ledger's row lock, the agreement, payments and yearly cost reports.
Every amount comes from `quote.compute_quote`."""

import datetime as dt
import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from innocluster.core.money import round_kopecks, to_money
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.core.uploads import check_upload
from innocluster.measures import quote as engine
from innocluster.measures.enums import (
    ApplicantKind,
    PaymentKind,
    PaymentStatus,
    ReportStatus,
)
from innocluster.measures.models import (
    Agreement,
    AnnualLedger,
    ApplicationItem,
    CostReport,
    Document,
    Measure,
    MeasureApplication,
    MeasureVersion,
    Payment,
)
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import EDITABLE_STATUSES, ReviewStatus
from innocluster.reviews.rules import is_supervisor

KIND = "measure"
MAX_ITEMS = 200
INN_RE = re.compile(r"^[0-9]{10}([0-9]{2})?$", re.ASCII)
ZERO = Decimal("0.00")


# ---- versions and facts -------------------------------------------------------------------------


def version_on(measure: Measure, on: dt.date) -> MeasureVersion:
    version = measure.versions.filter(effective_from__lte=on).order_by("-effective_from").first()
    if version is None:
        raise Conflict(
            _("The measure has no rules in force on %(date)s.") % {"date": on.isoformat()}, code="no_rules"
        )
    return version


def applicant_facts(*, measure: Measure, organization=None) -> engine.Applicant:
    if organization is None:
        return engine.Applicant(kind=ApplicantKind.PERSON)
    from innocluster.membership.services import is_participant

    return engine.Applicant(
        kind=ApplicantKind.ORGANIZATION,
        participant=is_participant(organization),
        sme_category=organization.sme_category,
    )


def in_register(inn: str, on: dt.date) -> bool:
    from innocluster.registry.services import was_in_register

    return was_in_register(inn=inn, on=on)


def _annual_cap(rules: list[dict]) -> dict | None:
    caps = engine.rules_of(rules, "annual_cap")
    return caps[0] if caps else None


def used_this_year(
    *, measure: Measure, rules: list[dict], year: int, organization=None, person=None
) -> Decimal | None:
    """What the holder received under the annual cap in `year`; None when the measure has none."""
    cap = _annual_cap(rules)
    if cap is None:
        return None
    holder = {"organization": organization} if cap["per"] == "organization" else {"person": person}
    if next(iter(holder.values())) is None:
        return None
    row = (
        AnnualLedger.objects.filter(measure=measure, year=year, **holder)
        .values_list("used", flat=True)
        .first()
    )
    return row if row is not None else ZERO


# ---- items --------------------------------------------------------------------------------------


def parse_items(raw_items, rules: list[dict]) -> list[engine.Item]:
    """Cost items from user input; every refusal names the item and field (`items.2.amount`)."""
    if not isinstance(raw_items, list | tuple):
        raise InvalidInput(_("Items must be a list."), field="items")
    if len(raw_items) > MAX_ITEMS:
        raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_ITEMS}, field="items")
    wanted = engine.item_attributes(rules)
    items = []
    for index, raw in enumerate(raw_items):
        prefix = f"items.{index}"
        if not isinstance(raw, dict):
            raise InvalidInput(_("Each item is an object with a category and an amount."), field=prefix)
        category = clean_text(raw.get("category"), field=f"{prefix}.category", max_length=40, required=True)
        amount_raw = raw.get("amount")
        try:
            amount = to_money(
                amount_raw
                if not isinstance(amount_raw, int) or isinstance(amount_raw, bool)
                else str(amount_raw)
            )
        except ValueError as exc:
            raise InvalidInput(
                _("Enter the amount in rubles with at most two decimal places, e.g. 150000.00."),
                field=f"{prefix}.amount",
            ) from exc
        if amount <= 0:
            raise InvalidInput(_("The amount must be greater than zero."), field=f"{prefix}.amount")
        values = {}
        for attribute in ("origin", "jurisdiction"):
            values[attribute] = clean_text(raw.get(attribute), field=f"{prefix}.{attribute}", max_length=20)
        date_raw = raw.get("date")
        item_date = None
        if date_raw not in (None, ""):
            try:
                item_date = dt.date.fromisoformat(str(date_raw)[:10]) if len(str(date_raw)) == 10 else None
            except ValueError:
                item_date = None
            if item_date is None or not str(date_raw).isascii():
                raise InvalidInput(_("Enter the date as YYYY-MM-DD."), field=f"{prefix}.date")
            if item_date > timezone.localdate():
                raise InvalidInput(_("The date cannot be in the future."), field=f"{prefix}.date")
        inn = clean_text(raw.get("investee_inn"), field=f"{prefix}.investee_inn", max_length=12)
        if inn and not INN_RE.fullmatch(inn):
            raise InvalidInput(_("An INN is 10 or 12 digits."), field=f"{prefix}.investee_inn")
        if "investee_inn" in wanted and not inn:
            raise InvalidInput(_("State the investee's INN."), field=f"{prefix}.investee_inn")
        if "date" in wanted and item_date is None:
            raise InvalidInput(_("State the date of the cost."), field=f"{prefix}.date")
        items.append(
            engine.Item(category=category, amount=amount, date=item_date, investee_inn=inn, **values)
        )
    return items


# ---- quotes -------------------------------------------------------------------------------------


def quote_for(
    *,
    measure: Measure,
    items: list[engine.Item],
    on: dt.date,
    organization=None,
    person=None,
    count_used=True,
):
    version = version_on(measure, on)
    used = None
    if count_used:
        used = used_this_year(
            measure=measure, rules=version.rules, year=on.year, organization=organization, person=person
        )
    result = engine.compute_quote(
        version.rules,
        items,
        applicant=applicant_facts(measure=measure, organization=organization)
        if (organization or person)
        else None,
        already_used=used,
        in_register=in_register,
    )
    return version, result


def quote_as_dict(result: engine.Quote) -> dict:
    """The API's form of a quote (money as strings with two places)."""
    data = {
        "eligible": result.eligible,
        "amount": f"{result.amount:.2f}",
        "items": [
            {
                "category": r.category,
                "amount": f"{r.amount:.2f}",
                "rate": f"{r.rate:.2f}",
                "compensable": f"{r.compensable:.2f}",
                "cap": f"{r.cap:.2f}" if r.cap is not None else None,
                "note": r.note,
            }
            for r in result.items
        ],
        "caps": [
            {
                "name": c.name,
                "limit": f"{c.limit:.2f}",
                "remaining_before": f"{c.remaining_before:.2f}",
                "applied": c.applied,
                "counted": c.counted,
            }
            for c in result.caps
        ],
        "reasons": result.reasons,
    }
    if result.schedule:
        data["schedule"] = [{"kind": kind, "amount": f"{amount:.2f}"} for kind, amount in result.schedule]
    return data


# ---- applications -------------------------------------------------------------------------------


def _check_applicant(*, actor, measure: Measure, organization) -> None:
    if not measure.is_active:
        raise Conflict(_("This measure does not take applications now."), code="measure_closed")
    if measure.applicant_kind == ApplicantKind.PERSON:
        if organization is not None:
            raise InvalidInput(
                _("A person applies for this measure: leave the organisation out."), field="organization_id"
            )
        if not actor.is_authenticated:
            raise PermissionDenied()
    else:
        if organization is None:
            raise InvalidInput(_("Choose the organisation that applies."), field="organization_id")
        if not actor.has_perm("organizations.act_for", organization):
            raise NotFound()


def _title(measure: Measure, organization, person) -> str:
    return f"{measure.title_ru}: {organization.short_name if organization else person.full_name}"


def _store_items(application: MeasureApplication, items: list[engine.Item], raw_items: list) -> None:
    application.items.all().delete()
    ApplicationItem.objects.bulk_create(
        [
            ApplicationItem(
                application=application,
                position=index,
                category=item.category,
                amount=item.amount,
                origin=item.origin,
                jurisdiction=item.jurisdiction,
                date=item.date,
                investee_inn=item.investee_inn,
                description=clean_text(
                    (raw_items[index] or {}).get("description") if isinstance(raw_items[index], dict) else "",
                    field=f"items.{index}.description",
                    max_length=300,
                ),
            )
            for index, item in enumerate(items)
        ]
    )


def stored_items(application: MeasureApplication) -> list[engine.Item]:
    return [
        engine.Item(
            category=i.category,
            amount=i.amount,
            origin=i.origin,
            jurisdiction=i.jurisdiction,
            date=i.date,
            investee_inn=i.investee_inn,
        )
        for i in application.items.all()
    ]


@transaction.atomic
def save_application(
    *,
    actor,
    measure: Measure,
    organization=None,
    raw_items,
    project_title: str = "",
    description: str = "",
    application: MeasureApplication | None = None,
) -> MeasureApplication:
    """Create a draft (or change a draft or returned application): items, project, the quote.
    Side effects: a review case in draft for a new application."""
    _check_applicant(actor=actor, measure=measure, organization=organization)
    today = timezone.localdate()
    version = version_on(measure, today)
    items = parse_items(raw_items, version.rules)
    project_title = clean_text(project_title, field="project_title", max_length=300)
    description = clean_text(description, field="description", max_length=5000)
    if application is None:
        case = reviews.create_case(
            kind=KIND, organization=organization, applicant=actor, title=_title(measure, organization, actor)
        )
        application = MeasureApplication(measure=measure, case=case, organization=organization, person=actor)
    elif application.case.status not in EDITABLE_STATUSES:
        raise Conflict(_("The application is under review; it cannot be changed now."), code="under_review")
    person = actor if measure.applicant_kind == ApplicantKind.PERSON else None
    _version, result = quote_for(
        measure=measure, items=items, on=today, organization=organization, person=person
    )
    application.version = version
    application.project_title, application.description = project_title, description
    application.requested_amount = result.amount
    application.quote = quote_as_dict(result)
    application.save()
    _store_items(application, items, raw_items)
    return application


def submit_application(*, actor, application: MeasureApplication) -> MeasureApplication:
    """Send for review with the rules in force today. Refused, changing nothing, when the quote is
    not eligible. Side effects: the review transition (due date, audit, notifications)."""
    with transaction.atomic():
        application = (
            MeasureApplication.objects.select_for_update(of=("self",))
            .select_related("measure", "case")
            .get(pk=application.pk)
        )
        measure = application.measure
        person = application.person if measure.applicant_kind == ApplicantKind.PERSON else None
        version, result = quote_for(
            measure=measure,
            items=stored_items(application),
            on=timezone.localdate(),
            organization=application.organization,
            person=person,
        )
        if not result.eligible:
            raise InvalidInput(
                " ".join(result.reasons),
                code="not_eligible",
                details={"reasons": result.reasons},
                field="items",
            )
        application.version, application.requested_amount, application.quote = (
            version,
            result.amount,
            quote_as_dict(result),
        )
        application.save(update_fields=["version", "requested_amount", "quote", "updated_at"])
        reviews.transition(application.case, ReviewStatus.SUBMITTED, actor=actor)
    application.case.refresh_from_db()
    return application


def apply(
    *, actor, measure: Measure, organization=None, raw_items, draft=False, **fields
) -> MeasureApplication:
    application = save_application(
        actor=actor, measure=measure, organization=organization, raw_items=raw_items, **fields
    )
    if not draft:
        submit_application(actor=actor, application=application)
    return application


def _ledger_for_update(
    *, measure: Measure, cap: dict, year: int, application: MeasureApplication
) -> AnnualLedger:
    holder = (
        {"organization": application.organization}
        if cap["per"] == "organization"
        else {"person": application.person}
    )
    # Create the year's row if it is the first approval, without racing a concurrent creator.
    AnnualLedger.objects.bulk_create(
        [AnnualLedger(measure=measure, year=year, limit=Decimal(cap["limit"]), **holder)],
        ignore_conflicts=True,
    )
    return AnnualLedger.objects.select_for_update().get(measure=measure, year=year, **holder)


def grant(application: MeasureApplication, actor) -> None:
    """The approval: the computed amount, cut to what remains of every cap now, under the ledger's
    row lock so that simultaneous approvals of one holder can never exceed an annual cap.
    Refused with `cap_exhausted` when nothing remains (the whole transition rolls back).
    Side effects: the ledger's `used`; an agreement ready to sign; audit `measure.granted`."""
    measure = application.measure
    rules = application.version.rules
    today = timezone.localdate()
    cap = _annual_cap(rules)
    ledger = (
        _ledger_for_update(measure=measure, cap=cap, year=today.year, application=application)
        if cap
        else None
    )
    result = engine.compute_quote(
        rules,
        stored_items(application),
        applicant=applicant_facts(measure=measure, organization=application.organization),
        already_used=ledger.used if ledger else None,
        in_register=in_register,
    )
    if result.amount <= 0:
        if ledger is not None and ledger.used >= ledger.limit:
            raise Conflict(
                _("Nothing remains of the annual limit of %(limit)s for this year.")
                % {"limit": f"{ledger.limit:.2f}"},
                code="cap_exhausted",
            )
        raise Conflict(" ".join(result.reasons) or _("Nothing to grant."), code="not_eligible")
    if ledger is not None:
        ledger.used += result.amount
        ledger.save(update_fields=["used"])
    application.approved_amount = result.amount
    application.approved_year = today.year
    application.approval_quote = quote_as_dict(result)
    application.save(update_fields=["approved_amount", "approved_year", "approval_quote", "updated_at"])
    Agreement.objects.create(
        application=application,
        number=f"{measure.code.upper()[:3]}-{today.year}-{application.pk:06d}",
        amount=result.amount,
    )
    audit.record(
        actor=actor, action="measure.granted", obj=application, data={"amount": f"{result.amount:.2f}"}
    )


def _schedule_first_payments(application: MeasureApplication) -> None:
    plan = engine.rules_of(application.version.rules, "payment_schedule")
    if plan:
        advance = round_kopecks(application.approved_amount * Decimal(plan[0]["advance_share"]))
        Payment.objects.create(
            application=application, kind=PaymentKind.ADVANCE, year_index=0, amount=advance
        )
    else:
        Payment.objects.create(
            application=application,
            kind=PaymentKind.SINGLE,
            year_index=None,
            amount=application.approved_amount,
        )


def on_measure_transition(case, application: MeasureApplication, before: str, to: str, actor) -> None:
    if to == ReviewStatus.APPROVED:
        grant(application, actor)
    elif to == ReviewStatus.AGREEMENT_SIGNED:
        Agreement.objects.filter(application=application).update(signed_at=timezone.now(), signed_by=actor)
        _schedule_first_payments(application)
    elif to == ReviewStatus.TERMINATED:
        application.payments.filter(status=PaymentStatus.SCHEDULED).update(status=PaymentStatus.CANCELLED)


def sign_agreement(*, actor, application: MeasureApplication) -> MeasureApplication:
    """The applicant accepts the agreement. Side effects: the transition; the first payment scheduled."""
    reviews.transition(application.case, ReviewStatus.AGREEMENT_SIGNED, actor=actor)
    application.case.refresh_from_db()
    return application


def _years(application) -> int:
    plan = engine.rules_of(application.version.rules, "payment_schedule")
    return int(plan[0]["years"]) if plan else 0


def _committed(application) -> Decimal:
    return sum((p.amount for p in application.payments.exclude(status=PaymentStatus.CANCELLED)), ZERO)


@transaction.atomic
def record_payment(*, actor, payment: Payment, paid_on: dt.date | None = None) -> Payment:
    """Staff record that a scheduled payment was made. The first one moves the application to
    paying; when everything due is paid it is completed. Side effects: audit, notifications."""
    if not is_supervisor(actor):
        raise NotFound()
    payment = (
        Payment.objects.select_for_update()
        .select_related("application", "application__case")
        .get(pk=payment.pk)
    )
    if payment.status != PaymentStatus.SCHEDULED:
        raise Conflict(_("This payment is not scheduled."), code="payment_not_scheduled")
    payment.status, payment.paid_on, payment.recorded_by = (
        PaymentStatus.PAID,
        paid_on or timezone.localdate(),
        actor,
    )
    payment.save(update_fields=["status", "paid_on", "recorded_by", "updated_at"])
    application = payment.application
    audit.record(
        actor=actor,
        action="measure.payment_paid",
        obj=application,
        data={"payment": payment.pk, "amount": f"{payment.amount:.2f}"},
    )
    case = application.case
    if case.status == ReviewStatus.AGREEMENT_SIGNED:
        case = reviews.transition(case, ReviewStatus.PAYING, actor=actor)
    paid = sum((p.amount for p in application.payments.filter(status=PaymentStatus.PAID)), ZERO)
    years_done = application.reports.filter(status=ReportStatus.CONFIRMED).count() >= _years(application)
    if paid >= application.approved_amount or (
        years_done and not application.payments.filter(status=PaymentStatus.SCHEDULED).exists()
    ):
        reviews.transition(case, ReviewStatus.COMPLETED, actor=actor)
    else:
        notify(
            recipients=reviews.applicant_people(case),
            kind="measure.payment_paid",
            subject=format_lazy(
                gettext_lazy("Payment of {amount} ₽ made: {title}"),
                amount=f"{payment.amount:.2f}",
                title=case.title,
            ),
            url=f"/measures/applications/{application.pk}/",
        )
    return payment


def compensable_costs(rules: list[dict], items: list[engine.Item]) -> Decimal:
    """Σ of the items' compensable amounts (rates and per-item caps; the application's caps apply to the grant)."""
    return sum((engine.compute_quote(rules, [item]).items[0].compensable for item in items), ZERO)


@transaction.atomic
def submit_cost_report(*, actor, application: MeasureApplication, raw_items) -> CostReport:
    """The year's actual costs of an import-substitution project (years in order).
    Side effects: audit `measure.report_submitted`; staff handling the case are notified."""
    application = (
        MeasureApplication.objects.select_for_update(of=("self",))
        .select_related("case", "version")
        .get(pk=application.pk)
    )
    if not actor.has_perm("reviews.act_as_applicant", application.case):
        raise NotFound()
    years = _years(application)
    if not years:
        raise Conflict(_("This measure pays once; there are no yearly reports."), code="no_reports")
    if application.case.status not in (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.PAYING):
        raise Conflict(_("Reports follow the signed agreement."), code="not_in_payment")
    live = application.reports.exclude(status=ReportStatus.REJECTED)
    if live.filter(status=ReportStatus.SUBMITTED).exists():
        raise Conflict(_("The previous report is still being checked."), code="report_pending")
    year_index = live.count() + 1
    if year_index > years:
        raise Conflict(_("All %(years)d yearly reports are in.") % {"years": years}, code="reports_complete")
    items = parse_items(raw_items, application.version.rules)
    report = CostReport.objects.create(
        application=application,
        year_index=year_index,
        items=[
            {
                "category": i.category,
                "amount": f"{i.amount:.2f}",
                "date": i.date.isoformat() if i.date else None,
            }
            for i in items
        ],
        compensable=compensable_costs(application.version.rules, items),
    )
    audit.record(actor=actor, action="measure.report_submitted", obj=application, data={"year": year_index})
    if application.case.assignee_id:
        notify(
            recipients=[application.case.assignee],
            kind="measure.report_submitted",
            subject=format_lazy(
                gettext_lazy("Cost report for year {year}: {title}"),
                year=year_index,
                title=application.case.title,
            ),
            url=f"/measures/applications/{application.pk}/",
        )
    return report


def year_payment(*, grant_amount: Decimal, confirmed_to_date: Decimal, paid_so_far: Decimal) -> Decimal:
    """SPEC C5: payment of year y = max(0, min(grant, Σ compensable confirmed costs of years 1..y) − paid so far)."""
    return max(ZERO, min(grant_amount, confirmed_to_date) - paid_so_far)


@transaction.atomic
def decide_cost_report(*, actor, report: CostReport, confirm: bool, comment: str = "") -> CostReport:
    """Staff confirm a year's costs (the year's payment is then scheduled by the formula) or reject
    the report with a comment. Side effects: audit; the applicant's people are notified."""
    if not is_supervisor(actor):
        raise NotFound()
    report = (
        CostReport.objects.select_for_update()
        .select_related("application", "application__case")
        .get(pk=report.pk)
    )
    if report.status != ReportStatus.SUBMITTED:
        raise Conflict(_("This report was already decided."), code="report_decided")
    comment = clean_text(comment, field="comment", max_length=5000)
    if not confirm and not comment:
        raise InvalidInput(_("Give the reasons: they are sent to the applicant."), field="comment")
    report.status = ReportStatus.CONFIRMED if confirm else ReportStatus.REJECTED
    report.comment, report.decided_by, report.decided_at = comment, actor, timezone.now()
    report.save(update_fields=["status", "comment", "decided_by", "decided_at", "updated_at"])
    application = report.application
    amount = None
    if confirm:
        confirmed = sum(
            (r.compensable for r in application.reports.filter(status=ReportStatus.CONFIRMED)), ZERO
        )
        amount = year_payment(
            grant_amount=application.approved_amount,
            confirmed_to_date=confirmed,
            paid_so_far=_committed(application),
        )
        Payment.objects.create(
            application=application, kind=PaymentKind.ANNUAL, year_index=report.year_index, amount=amount
        )
    audit.record(
        actor=actor,
        action="measure.report_confirmed" if confirm else "measure.report_rejected",
        obj=application,
        comment=comment,
        data={"year": report.year_index, "payment": f"{amount:.2f}" if amount is not None else None},
    )
    notify(
        recipients=reviews.applicant_people(application.case),
        kind="measure.report_decided",
        subject=format_lazy(
            gettext_lazy("Cost report for year {year}: {status}"),
            year=report.year_index,
            status=report.get_status_display(),
        ),
        body=comment,
        url=f"/measures/applications/{application.pk}/",
    )
    return report


# ---- documents ----------------------------------------------------------------------------------


def add_document(
    *, actor, application: MeasureApplication, upload, report: CostReport | None = None
) -> Document:
    """Keep a supporting document after the platform's upload checks (type, size, first bytes).
    Side effects: the file in storage; audit `measure.document_added`."""
    if not actor.has_perm("reviews.act_as_applicant", application.case):
        raise NotFound()
    if report is None and application.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("Documents are added while the application is a draft or returned."), code="under_review"
        )
    checked = check_upload(upload)
    document = Document(
        application=application,
        report=report,
        original_name=checked.name,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.file.save(checked.name, ContentFile(checked.content), save=False)
    document.save()
    audit.record(
        actor=actor,
        action="measure.document_added",
        obj=application,
        data={"document": document.pk, "name": checked.name},
    )
    return document


def remove_document(*, actor, document: Document) -> None:
    application = document.application
    if not actor.has_perm("reviews.act_as_applicant", application.case):
        raise NotFound()
    if application.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("Documents are removed only while the application is a draft or returned."), code="under_review"
        )
    audit.record(
        actor=actor, action="measure.document_removed", obj=application, data={"document": document.pk}
    )
    document.file.delete(save=False)
    document.delete()
