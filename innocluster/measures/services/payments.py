"""Payments of a grant and the yearly cost reports they follow (import substitution)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound
from innocluster.core.formats import lazy_money
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.measures import quote as engine
from innocluster.measures.enums import (
    PAYMENT_TRANSITIONS,
    REPORT_TRANSITIONS,
    PaymentKind,
    PaymentStatus,
    ReportStatus,
)
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.models import CostReport, MeasureApplication, Payment
from innocluster.measures.validators import parse_items
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus
from innocluster.reviews.rules import is_supervisor

ZERO = Decimal("0.00")


PAYMENT_AUDIT = {
    PaymentStatus.PAID: "measure.payment_paid",
    PaymentStatus.CANCELLED: "measure.payment_cancelled",
}
REPORT_AUDIT = {
    ReportStatus.CONFIRMED: "measure.report_confirmed",
    ReportStatus.REJECTED: "measure.report_rejected",
}


def transition_payment(payment: Payment, to: str, *, actor, paid_on: dt.date | None = None) -> Payment:
    """The one way a payment changes status: checks the table, saves, writes the audit event. The
    caller holds the payment's row lock. Side effects: audit `measure.payment_<status>`."""
    before = payment.status
    if (before, to) not in PAYMENT_TRANSITIONS:
        raise Conflict(_("This payment is not scheduled."), code=MeasureErrorCode.PAYMENT_NOT_SCHEDULED)
    payment.status = to
    fields = ["status", "updated_at"]
    if to == PaymentStatus.PAID:
        payment.paid_on, payment.recorded_by = paid_on or timezone.localdate(), actor
        fields += ["paid_on", "recorded_by"]
    payment.save(update_fields=fields)
    audit.record(
        actor=actor,
        action=PAYMENT_AUDIT[to],
        obj=payment.application,
        from_state=before,
        to_state=to,
        data={"payment": payment.pk, "amount": f"{payment.amount:.2f}"},
    )
    return payment


def cancel_scheduled_payments(*, actor, application: MeasureApplication) -> None:
    """Termination: every payment still scheduled is cancelled, each with its audit event."""
    for payment in application.payments.select_for_update().filter(status=PaymentStatus.SCHEDULED):
        transition_payment(payment, PaymentStatus.CANCELLED, actor=actor)


def transition_cost_report(
    report: CostReport, to: str, *, actor, comment: str = "", data: dict | None = None
) -> CostReport:
    """The one way a cost report changes status: checks the table, saves, writes the audit event.
    The caller holds the report's row lock. Side effects: audit `measure.report_<status>`."""
    before = report.status
    if (before, to) not in REPORT_TRANSITIONS:
        raise Conflict(_("This report was already decided."), code=MeasureErrorCode.REPORT_DECIDED)
    report.status, report.comment, report.decided_by, report.decided_at = to, comment, actor, timezone.now()
    report.save(update_fields=["status", "comment", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action=REPORT_AUDIT[to],
        obj=report.application,
        from_state=before,
        to_state=to,
        comment=comment,
        data={"year": report.year_index, **(data or {})},
    )
    return report


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
    transition_payment(payment, PaymentStatus.PAID, actor=actor, paid_on=paid_on)
    application = payment.application
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
                gettext_lazy("Payment of {amount} made: {title}"),
                amount=lazy_money(payment.amount),
                title=case.lazy_title,
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
        raise Conflict(
            _("This measure pays once; there are no yearly reports."), code=MeasureErrorCode.NO_REPORTS
        )
    if application.case.status not in (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.PAYING):
        raise Conflict(_("Reports follow the signed agreement."), code=MeasureErrorCode.NOT_IN_PAYMENT)
    live = application.reports.exclude(status=ReportStatus.REJECTED)
    if live.filter(status=ReportStatus.SUBMITTED).exists():
        raise Conflict(_("The previous report is still being checked."), code=MeasureErrorCode.REPORT_PENDING)
    year_index = live.count() + 1
    if year_index > years:
        raise Conflict(
            _("All %(years)d yearly reports are in.") % {"years": years},
            code=MeasureErrorCode.REPORTS_COMPLETE,
        )
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
                title=application.case.lazy_title,
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
    comment = clean_text(comment, field="comment", max_length=5000)
    if not confirm and not comment:
        raise InvalidInput(_("Give the reasons: they are sent to the applicant."), field="comment")
    to = ReportStatus.CONFIRMED if confirm else ReportStatus.REJECTED
    if (report.status, to) not in REPORT_TRANSITIONS:
        raise Conflict(_("This report was already decided."), code=MeasureErrorCode.REPORT_DECIDED)
    application = report.application
    amount = None
    if confirm:
        confirmed = report.compensable + sum(
            (r.compensable for r in application.reports.filter(status=ReportStatus.CONFIRMED)), ZERO
        )
        amount = year_payment(
            grant_amount=application.approved_amount,
            confirmed_to_date=confirmed,
            paid_so_far=_committed(application),
        )
    transition_cost_report(
        report,
        to,
        actor=actor,
        comment=comment,
        data={"payment": f"{amount:.2f}" if amount is not None else None},
    )
    if amount is not None:
        Payment.objects.create(
            application=application, kind=PaymentKind.ANNUAL, year_index=report.year_index, amount=amount
        )
    notify(
        recipients=reviews.applicant_people(application.case),
        kind="measure.report_decided",
        subject=format_lazy(
            gettext_lazy("Cost report for year {year}: {status}"),
            year=report.year_index,
            status=ReportStatus(report.status).label,  # lazy: in each recipient's language
        ),
        body=comment,
        url=f"/measures/applications/{application.pk}/",
    )
    return report
