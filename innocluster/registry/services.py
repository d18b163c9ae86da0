"""Writes for the register of startups and high-tech companies: applications (through the review
desk), inclusion on approval, exclusion with a reason; and the question C5 asks of it."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Refusals
from innocluster.core.formats import lazy_human_date
from innocluster.core.money import AmountError, to_money
from innocluster.core.notifications import notify
from innocluster.core.sequences import next_value
from innocluster.core.text import clean_text
from innocluster.membership.services import is_participant
from innocluster.registry.enums import RegistryCategory
from innocluster.registry.error_codes import RegistryErrorCode
from innocluster.registry.models import RegistryApplication, RegistryEntry
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus
from innocluster.reviews.rules import is_supervisor

KIND = "registry"
TEXT_FIELDS = {"technology": 5000, "novelty": 5000}
MONEY_FIELDS = ("revenue_last_year", "rnd_spending_last_year")
FORM_FIELDS = ("category", *MONEY_FIELDS, "ip_objects", *TEXT_FIELDS)


def latest_application(organization) -> RegistryApplication | None:
    return (
        RegistryApplication.objects.filter(organization=organization)
        .select_related("case")
        .order_by("-created_at", "-pk")
        .first()
    )


def active_entry(organization) -> RegistryEntry | None:
    return RegistryEntry.objects.filter(organization=organization, excluded_on__isnull=True).first()


def check_may_apply(actor, organization) -> None:
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    if not is_participant(organization):
        raise Conflict(
            _("Only participants of the cluster apply for the register."),
            code=RegistryErrorCode.NOT_PARTICIPANT,
        )
    if active_entry(organization) is not None:
        raise Conflict(
            _("The organisation is already in the register."), code=RegistryErrorCode.ALREADY_REGISTERED
        )


def _money_or_none(value, field: str):
    if value in (None, ""):
        return None
    try:
        return to_money(value if not isinstance(value, int) else str(value))
    except AmountError as exc:
        raise InvalidInput(exc.message, field=field) from exc


def _count_or_none(value, field: str):
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) > 1_000_000:
        raise InvalidInput(_("Enter a whole number from 0 to 1000000."), field=field)
    return int(text)


@transaction.atomic
def save_registry_draft(*, actor, organization, data: dict) -> RegistryApplication:
    """Keep what the applicant typed; amounts and counts must already be numbers.
    Side effects: a review case in draft for a new application."""
    check_may_apply(actor, organization)
    application = reviews.editable_application(
        RegistryApplication, kind=KIND, organization=organization, actor=actor, title=organization.short_name
    )
    if application.pk is None:
        application.category = ""
    refusals = Refusals()  # every refused field at once, nothing saved while one is refused
    if "category" in data:
        with refusals.check():
            category = data.get("category") or ""
            if category and category not in RegistryCategory.values:
                raise InvalidInput(_("Choose a category: startup or high-tech company."), field="category")
            application.category = category
    for name in MONEY_FIELDS:
        if name in data:
            with refusals.check():
                setattr(application, name, _money_or_none(data.get(name), name))
    if "ip_objects" in data:
        with refusals.check():
            application.ip_objects = _count_or_none(data.get("ip_objects"), "ip_objects")
    for name, max_length in TEXT_FIELDS.items():
        if name in data:
            with refusals.check():
                setattr(application, name, clean_text(data.get(name), field=name, max_length=max_length))
    refusals.raise_any()
    application.save()
    return application


def submit_registry_application(*, actor, application: RegistryApplication) -> RegistryApplication:
    """Side effects: the review transition (due date in 10 working days, audit, notifications)."""
    refusals = Refusals()
    with refusals.check():
        if application.category not in RegistryCategory.values:
            raise InvalidInput(_("Choose a category: startup or high-tech company."), field="category")
    for name in ("technology", "novelty"):
        with refusals.check():
            if not getattr(application, name):
                raise InvalidInput(_("This field is required."), field=name)
    refusals.raise_any()
    check_may_apply(actor, application.organization)
    reviews.transition(application.case, ReviewStatus.SUBMITTED, actor=actor)
    application.case.refresh_from_db()
    return application


def apply_for_registry(*, actor, organization, data: dict, draft: bool = False) -> RegistryApplication:
    application = save_registry_draft(actor=actor, organization=organization, data=data)
    if not draft:
        submit_registry_application(actor=actor, application=application)
    return application


def include(*, organization, category: str, on: dt.date, application=None, actor=None) -> RegistryEntry:
    """Side effects: a register entry with the next number; audit `registry.included`."""
    if active_entry(organization) is not None:
        raise Conflict(
            _("The organisation is already in the register."), code=RegistryErrorCode.ALREADY_REGISTERED
        )
    number = next_value("registry_entry_number_seq")
    entry = RegistryEntry.objects.create(
        organization=organization, number=number, category=category, included_on=on, application=application
    )
    audit.record(
        actor=actor,
        action="registry.included",
        obj=entry,
        to_state="included",
        data={"number": number, "on": on.isoformat()},
    )
    return entry


def on_registry_transition(case, application, before: str, to: str, actor) -> None:
    if to == ReviewStatus.APPROVED:
        include(
            organization=application.organization,
            category=application.category,
            on=timezone.localdate(),
            application=application,
            actor=actor,
        )


@transaction.atomic
def exclude(*, actor, entry: RegistryEntry, reason: str, on: dt.date | None = None) -> RegistryEntry:
    """End an entry: from `on` (default today, or the day after the inclusion for an entry
    included today: it was in the register that day) the organisation is no longer in the
    register. Side effects: audit `registry.excluded`; the organisation's people are notified."""
    if not is_supervisor(actor):
        raise PermissionDenied()
    entry = RegistryEntry.objects.select_for_update().select_related("organization").get(pk=entry.pk)
    if entry.excluded_on is not None:
        raise Conflict(_("This entry was already excluded."), code=RegistryErrorCode.ALREADY_EXCLUDED)
    reason = clean_text(reason, field="reason", max_length=5000, required=True)
    on = on or max(timezone.localdate(), entry.included_on + dt.timedelta(days=1))
    if on <= entry.included_on:
        raise InvalidInput(_("The exclusion date must come after the inclusion date."), field="on")
    entry.excluded_on, entry.exclusion_reason, entry.excluded_by = on, reason, actor
    entry.save(update_fields=["excluded_on", "exclusion_reason", "excluded_by", "updated_at"])
    audit.record(
        actor=actor,
        action="registry.excluded",
        obj=entry,
        from_state="included",
        to_state="excluded",
        comment=reason,
    )
    notify(
        recipients=[link.person for link in entry.organization.people.select_related("person")],
        kind="registry.excluded",
        subject=format_lazy(
            gettext_lazy("{organization} is excluded from the register from {on}"),
            organization=entry.organization.short_name,
            on=lazy_human_date(on),
        ),
        body=reason,
    )
    return entry


def entry_on(*, inn: str, on: dt.date) -> RegistryEntry | None:
    """The register entry of the organisation with this INN that was in force on `on`, if any
    (the business-angel refund of C5 asks this)."""
    return (
        RegistryEntry.objects.select_related("organization")
        .filter(organization__inn=inn, included_on__lte=on)
        .exclude(excluded_on__lte=on)
        .first()
    )


def was_in_register(*, inn: str, on: dt.date) -> bool:
    return entry_on(inn=inn, on=on) is not None
