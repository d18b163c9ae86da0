"""The approval's grant under the annual-cap ledger's row lock, the agreement and the first payment."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput
from innocluster.core.formats import format_money
from innocluster.core.money import round_kopecks
from innocluster.measures import quote as engine
from innocluster.measures.enums import PaymentKind
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.links import link_of
from innocluster.measures.models import Agreement, AnnualLedger, Measure, MeasureApplication, Payment
from innocluster.measures.schemas import quote_as_dict
from innocluster.measures.selectors import annual_cap_of
from innocluster.measures.services.applications import stored_items
from innocluster.measures.services.payments import cancel_scheduled_payments
from innocluster.measures.services.quotes import applicant_facts, in_register, texts_of
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus


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
    link = link_of(measure)
    if link is not None and (
        application.organization is None or link.check(application.organization, application.pilot_id) is None
    ):
        # the pilot was cancelled after the application named it: no pilot test, no grant
        raise InvalidInput(str(link.required_message), code=link.error_code, field=link.field)
    rules = application.version.rules
    today = timezone.localdate()
    cap = annual_cap_of(rules)
    ledger = (
        _ledger_for_update(measure=measure, cap=cap, year=today.year, application=application)
        if cap
        else None
    )
    items, facts = (
        stored_items(application),
        applicant_facts(measure=measure, organization=application.organization),
    )

    def quote():
        return engine.compute_quote(
            rules,
            items,
            applicant=facts,
            already_used=ledger.used if ledger else None,
            in_register=in_register,
        )

    result = quote()
    texts = texts_of(result, quote)  # before the ledger counts this grant
    if result.amount <= 0:
        if ledger is not None and ledger.used >= ledger.limit:
            raise Conflict(
                _("Nothing remains of the annual limit of %(limit)s for this year.")
                % {"limit": format_money(ledger.limit)},
                code=MeasureErrorCode.CAP_EXHAUSTED,
            )
        raise Conflict(" ".join(result.reasons) or _("Nothing to grant."), code=MeasureErrorCode.NOT_ELIGIBLE)
    if ledger is not None:
        ledger.used += result.amount
        ledger.save(update_fields=["used"])
    application.approved_amount = result.amount
    application.approved_year = today.year
    application.approval_quote = quote_as_dict(result, texts=texts)
    application.save(update_fields=["approved_amount", "approved_year", "approval_quote", "updated_at"])
    number = f"{measure.code.upper()[:3]}-{today.year}-{application.case_id:06d}"
    if Agreement.objects.filter(number=number).exists():
        # numbered by the older scheme (the application's key) before agreements took the case's
        number = f"{number}-{application.pk}"
    Agreement.objects.create(application=application, number=number, amount=result.amount)
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
        cancel_scheduled_payments(actor=actor, application=application)


def sign_agreement(*, actor, application: MeasureApplication) -> MeasureApplication:
    """The applicant accepts the agreement. Side effects: the transition; the first payment scheduled."""
    reviews.transition(application.case, ReviewStatus.AGREEMENT_SIGNED, actor=actor)
    application.case.refresh_from_db()
    return application
