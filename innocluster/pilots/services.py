"""Writes for the pilot testing programme (SPEC C6): test sites, pilot requests, the site's
decision under its capacity, the start of accepted pilots, the protocol and its versions. Every
change of a pilot's status goes through `transition`."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from innocluster.core import audit
from innocluster.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Refusals,
    TransitionNotAllowed,
)
from innocluster.core.input import NotANumber, OutOfBounds, parse_decimal
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.membership.models import Participation
from innocluster.organizations.selectors import people_in_roles
from innocluster.pilots.enums import (
    COMPANY,
    HOLDING_PLACE,
    PILOT_TRANSITIONS,
    SITE,
    Better,
    Conclusion,
    FeedbackSource,
    PilotStatus,
    SiteCategory,
)
from innocluster.pilots.error_codes import PilotErrorCode
from innocluster.pilots.models import Criterion, Feedback, Pilot, Protocol, ProtocolResult, TestSite
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus

MAX_CRITERIA = 20
MAX_FEEDBACK = 1000
MAX_CAPACITY = 1000
# A request's answer, as the review case records it (the desk's board and reminders read the case).
CASE_STATUS = {
    PilotStatus.ACCEPTED: ReviewStatus.APPROVED,
    PilotStatus.DECLINED: ReviewStatus.REJECTED,
    PilotStatus.CANCELLED: ReviewStatus.WITHDRAWN,
}


def pilot_link(pilot) -> str:
    """Where a pilot's notifications lead: its page."""
    return f"/pilots/{pilot.pk}/"


# 14 digits before the point and 4 after: what Criterion.target and ProtocolResult.value hold
MAX_MEASURE = Decimal("99999999999999.9999")
TWO_PLACES = Decimal("0.01")

# the audit action of each status a pilot moves to
TRANSITION_AUDIT = {
    PilotStatus.ACCEPTED: "pilot.accepted",
    PilotStatus.DECLINED: "pilot.declined",
    PilotStatus.CANCELLED: "pilot.cancelled",
    PilotStatus.RUNNING: "pilot.running",
    PilotStatus.COMPLETED: "pilot.completed",
}


class SiteFull(Conflict):
    code = PilotErrorCode.SITE_FULL
    default_message = gettext_lazy("The site has no place left for this period.")


def _choice(value, choices, *, field: str) -> str:
    if value not in choices.values:
        raise InvalidInput(_("Choose one of the listed values."), field=field)
    return value


def _measure(value, *, field: str) -> Decimal:
    """A target or a measured value: a finite number with at most 4 decimal places."""
    try:
        return parse_decimal(value, places=4, low=-MAX_MEASURE, high=MAX_MEASURE)
    except NotANumber:
        raise InvalidInput(_("Enter a number."), field=field) from None
    except OutOfBounds:
        raise InvalidInput(
            _("Enter a number with at most 14 digits before the point and 4 after."), field=field
        ) from None


def _date(value, *, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), field=field) from None


def company_people(pilot) -> list:
    return people_in_roles(pilot.organization)


def site_representatives(pilot_or_site) -> list:
    site = pilot_or_site.site if isinstance(pilot_or_site, Pilot) else pilot_or_site
    return people_in_roles(site.organization)


# --- test sites -------------------------------------------------------------------------------


@transaction.atomic
def create_site(
    *,
    actor,
    organization,
    name: str,
    category: str,
    address: str,
    district: str = "",
    testable: str,
    capacity: int,
    contact_email: str,
) -> TestSite:
    """A coordinator adds a test site and names its organisation, whose owners and managers become
    its representatives. Side effects: audit `pilot.site_created`; the representatives are told."""
    if not actor.has_perm("pilots.create_site"):
        raise PermissionDenied(_("Only coordinators add test sites."))
    category = _choice(category, SiteCategory, field="category")
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput(
            _("Between 1 and %(max)d pilots at once.") % {"max": MAX_CAPACITY}, field="capacity"
        )
    contact_email = clean_text(contact_email, field="contact_email", max_length=254, required=True)
    try:
        validate_email(contact_email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid e-mail address."), field="contact_email") from None
    site = TestSite.objects.create(
        organization=organization,
        name=clean_text(name, field="name", max_length=300, required=True),
        category=category,
        address=clean_text(address, field="address", max_length=500, required=True),
        district=clean_text(district, field="district", max_length=100),
        testable=clean_text(testable, field="testable", max_length=5000, required=True),
        capacity=capacity,
        contact_email=contact_email,
        created_by=actor,
    )
    audit.record(actor=actor, action="pilot.site_created", obj=site, data={"organization": organization.pk})
    notify(
        recipients=site_representatives(site),
        kind="pilot.site_created",
        subject=format_lazy(
            gettext_lazy("{organization} is now the test site {name}"),
            organization=organization.short_name,
            name=site.name,
        ),
        url="/cabinet/",
    )
    return site


# --- the one transition function --------------------------------------------------------------


def _may(actor, by: str, pilot) -> bool:
    if by == SITE:
        return actor is not None and actor.has_perm("pilots.represent_site", pilot)
    if by == COMPANY:
        return actor is not None and actor.has_perm("pilots.act_for_company", pilot)
    return True  # SYSTEM: the platform itself (the start of accepted pilots on their first day)


def check_may_act(actor, pilot, by: str) -> None:
    """404 for those who may not see the pilot, 403 for those who see it but are not its `by` side."""
    if actor is None or not actor.has_perm("pilots.view_pilot", pilot):
        raise NotFound()
    if not _may(actor, by, pilot):
        raise PermissionDenied()


def transition(pilot: Pilot, to: str, *, actor, comment: str = "", data: dict | None = None) -> Pilot:
    """The one way a pilot changes status: checks the table (who, whether a comment is needed),
    saves, writes the audit event and tells the other side. The caller holds the pilot's row lock.
    Side effects: audit `pilot.<status>`; notifications to the company or the site."""
    before = pilot.status
    rule = PILOT_TRANSITIONS.get((before, to))
    if rule is None:
        raise TransitionNotAllowed(
            _("A pilot cannot go from “%(from)s” to “%(to)s”.")
            % {"from": PilotStatus(before).label, "to": PilotStatus(to).label},
            details={"from": before, "to": to},
        )
    if not _may(actor, rule["by"], pilot):
        raise PermissionDenied()
    comment = clean_text(comment, field="comment", max_length=5000)
    if rule["comment"] and not comment:
        raise InvalidInput(_("Give the reasons: they are sent to the company."), field="comment")
    pilot.status = to
    fields = ["status", "updated_at"]
    if before == PilotStatus.REQUESTED and to in (PilotStatus.ACCEPTED, PilotStatus.DECLINED):
        pilot.decided_at, pilot.decided_by, pilot.decision_comment = timezone.now(), actor, comment
        fields += ["decided_at", "decided_by", "decision_comment"]
    pilot.save(update_fields=fields)
    if before == PilotStatus.REQUESTED and pilot.case_id:
        reviews.settle_app_case(pilot.case, CASE_STATUS[to], actor=actor, comment=comment)
    audit.record(
        actor=actor,
        action=TRANSITION_AUDIT[to],
        obj=pilot,
        from_state=before,
        to_state=to,
        comment=comment,
        data=data,
    )
    if rule["by"] == SITE:
        recipients = company_people(pilot)
    elif rule["by"] == COMPANY:
        recipients = site_representatives(pilot)
    else:
        recipients = [*company_people(pilot), *site_representatives(pilot)]
    notify(
        recipients=recipients,
        kind=TRANSITION_AUDIT[to],
        subject=format_lazy(
            gettext_lazy("Pilot of {product} at {site}: {status}"),
            product=pilot.product,
            site=pilot.site.name,
            status=PilotStatus(to).label,
        ),
        body=comment,
        url=pilot_link(pilot),
    )
    return pilot


def _locked(pilot: Pilot) -> Pilot:
    return (
        Pilot.objects.select_for_update(of=("self",))
        .select_related("site", "organization", "site__organization")
        .get(pk=pilot.pk)
    )


# --- requests and decisions -------------------------------------------------------------------


def _clean_criteria(criteria, refusals: Refusals) -> list[dict]:
    """The success criteria, every refused field of every criterion kept in `refusals`."""
    if not isinstance(criteria, list | tuple) or not criteria:
        with refusals.check():
            raise InvalidInput(_("Name at least one success criterion."), field="criteria")
        return []
    if len(criteria) > MAX_CRITERIA:
        with refusals.check():
            raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_CRITERIA}, field="criteria")
        return []
    cleaned, names = [], set()
    for index, item in enumerate(criteria):
        if not isinstance(item, dict):
            with refusals.check():
                raise InvalidInput(
                    _("Each criterion has a name, a unit, a direction and a target."),
                    field=f"criteria.{index}",
                )
            continue
        row = {}
        with refusals.check():
            row["name"] = clean_text(
                item.get("name"), field=f"criteria.{index}.name", max_length=200, required=True
            )
            if row["name"].casefold() in names:
                raise InvalidInput(_("Two criteria have the same name."), field=f"criteria.{index}.name")
            names.add(row["name"].casefold())
        with refusals.check():
            row["unit"] = clean_text(item.get("unit"), field=f"criteria.{index}.unit", max_length=50)
        with refusals.check():
            row["better"] = _choice(item.get("better"), Better, field=f"criteria.{index}.better")
        with refusals.check():
            if item.get("target") in (None, "") or not str(item.get("target")).strip():
                raise InvalidInput(_("This field is required."), field=f"criteria.{index}.target")
            row["target"] = _measure(item.get("target"), field=f"criteria.{index}.target")
        cleaned.append(row)
    return cleaned


@transaction.atomic
def request_pilot(
    *,
    actor,
    organization,
    site: TestSite,
    product: str,
    goals: str,
    starts_on,
    ends_on,
    criteria,
    requested_on: dt.date | None = None,
) -> Pilot:
    """A participant company asks a site to pilot its product; the answer is due on the 10th
    working day after today. The pilot starts on the day of the request or later (`requested_on`,
    today unless history is being loaded, as the demo does). Side effects: audit `pilot.requested`;
    the site's representatives are told."""
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    if not Participation.objects.filter(organization=organization).exists():
        raise Conflict(
            _("Only participants of the cluster ask for pilots."), code=PilotErrorCode.NOT_PARTICIPANT
        )
    if not site_representatives(site):
        # its only representative left (withdrew consent, left the organisation): a request would
        # wait for nobody; the coordinators were told when the last one left
        raise Conflict(
            _("Nobody answers for this site at the moment: ask again later, or choose another site."),
            code=PilotErrorCode.SITE_UNATTENDED,
        )
    # every refused field is said at once, each on its own field
    refusals = Refusals()
    with refusals.check():
        product = clean_text(product, field="product", max_length=300, required=True)
    with refusals.check():
        goals = clean_text(goals, field="goals", max_length=5000, required=True)
    with refusals.check():
        starts_on = _date(starts_on, field="starts_on")
    with refusals.check():
        if isinstance(starts_on, dt.date) and starts_on < (requested_on or timezone.localdate()):
            raise InvalidInput(_("A pilot cannot start before the day it is asked for."), field="starts_on")
    with refusals.check():
        ends_on = _date(ends_on, field="ends_on")
        # the period is checked whenever the start is a date, one in the past included
        if isinstance(starts_on, dt.date):
            if ends_on < starts_on:
                raise InvalidInput(_("The pilot cannot end before it starts."), field="ends_on")
            if (ends_on - starts_on).days > 3 * 366:
                raise InvalidInput(_("A pilot lasts at most three years."), field="ends_on")
    cleaned = _clean_criteria(criteria, refusals)
    refusals.raise_any()
    # the request is an application of the review machinery: its due date, reminders, the board
    case = reviews.open_app_case(
        kind="pilot", organization=organization, applicant=actor, title=f"{product} — {site.name}"
    )
    pilot = Pilot.objects.create(
        organization=organization,
        site=site,
        product=product,
        goals=goals,
        starts_on=starts_on,
        ends_on=ends_on,
        requested_on=case.submitted_on,
        answer_due=case.review_due,
        requested_by=actor,
        case=case,
    )
    Criterion.objects.bulk_create([Criterion(pilot=pilot, **c) for c in cleaned])
    audit.record(actor=actor, action="pilot.requested", obj=pilot, to_state=PilotStatus.REQUESTED)
    notify(
        recipients=site_representatives(site),
        kind="pilot.requested",
        subject=format_lazy(
            gettext_lazy("{organization} asks to pilot {product} at {site}"),
            organization=organization.short_name,
            product=product,
            site=site.name,
        ),
        url=pilot_link(pilot),
    )
    return pilot


def pilots_filling(site: TestSite, starts_on: dt.date, ends_on: dt.date, *, exclude_pk=None):
    """The accepted and running pilots of the site whose period overlaps [starts_on, ends_on].
    Both ends count: a pilot ending on the day another starts shares that day with it, so periods
    that touch on the same day overlap."""
    qs = site.pilots.filter(status__in=HOLDING_PLACE, starts_on__lte=ends_on, ends_on__gte=starts_on)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("starts_on", "pk")


def decide(*, actor, pilot: Pilot, decision: str, comment: str = "") -> Pilot:
    """The site's representatives accept or decline a request (a decline carries reasons). An
    acceptance takes the site's row lock and is refused with `site_full` when the period overlaps
    `capacity` or more accepted or running pilots of the site, naming them."""
    if decision not in ("accept", "decline"):
        raise InvalidInput(_("Choose one of the listed values."), field="decision")
    with transaction.atomic():
        pilot = _locked(pilot)
        check_may_act(actor, pilot, SITE)
        if decision == "decline":
            return transition(pilot, PilotStatus.DECLINED, actor=actor, comment=comment)
        if pilot.status != PilotStatus.REQUESTED:
            return transition(pilot, PilotStatus.ACCEPTED, actor=actor, comment=comment)  # refused
        # Two acceptances at one site wait for each other here, so the second one counts the first.
        site = TestSite.objects.select_for_update().get(pk=pilot.site_id)
        filling = list(pilots_filling(site, pilot.starts_on, pilot.ends_on, exclude_pk=pilot.pk))
        if len(filling) >= site.capacity:
            raise SiteFull(
                ngettext(
                    "The site has no place left for this period: %(count)d accepted or running pilot overlaps it.",
                    "The site has no place left for this period: %(count)d accepted or running pilots overlap it.",
                    len(filling),
                )
                % {"count": len(filling)},
                details={
                    "capacity": site.capacity,
                    "pilots": [
                        {
                            "id": p.pk,
                            "product": p.product,
                            "starts_on": p.starts_on.isoformat(),
                            "ends_on": p.ends_on.isoformat(),
                        }
                        for p in filling
                    ],
                },
            )
        return transition(pilot, PilotStatus.ACCEPTED, actor=actor, comment=comment)


def cancel(*, actor, pilot: Pilot, comment: str = "") -> Pilot:
    """The company withdraws a request, or an accepted pilot before it runs."""
    with transaction.atomic():
        pilot = _locked(pilot)
        check_may_act(actor, pilot, COMPANY)
        if pilot.status == PilotStatus.ACCEPTED and pilot.starts_on <= timezone.localdate():
            # it runs from its first day, whether or not the hourly task has marked it yet
            raise TransitionNotAllowed(
                _("The pilot has started: it can no longer be cancelled."),
                details={"from": PilotStatus.RUNNING, "to": PilotStatus.CANCELLED},
            )
        return transition(pilot, PilotStatus.CANCELLED, actor=actor, comment=comment)


def start_due_pilots(*, today: dt.date | None = None) -> int:
    """Accepted pilots whose first day has come are running (by the platform; idempotent)."""
    today = today or timezone.localdate()
    started = 0
    for pk in Pilot.objects.filter(status=PilotStatus.ACCEPTED, starts_on__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            pilot = Pilot.objects.select_for_update(of=("self",)).select_related("site").get(pk=pk)
            if pilot.status == PilotStatus.ACCEPTED:
                transition(pilot, PilotStatus.RUNNING, actor=None)
                started += 1
    return started


# --- the protocol -----------------------------------------------------------------------------


def criterion_met(better: str, value: Decimal, target: Decimal) -> bool:
    """Met when the value reaches the target from the better side; exactly at the target is met."""
    return value >= target if better == Better.HIGHER else value <= target


def average_rating(ratings) -> Decimal | None:
    """The mean rating, half-up to two places; None without feedback."""
    ratings = list(ratings)
    if not ratings:
        return None
    return (Decimal(sum(ratings)) / Decimal(len(ratings))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _clean_results(pilot, results) -> dict[int, Decimal]:
    criteria = {c.name.casefold(): c for c in pilot.criteria.all()}
    if not isinstance(results, list | tuple):
        raise InvalidInput(_("Give a measured value for every criterion."), field="results")
    values: dict[int, Decimal] = {}
    for index, item in enumerate(results):
        if not isinstance(item, dict):
            raise InvalidInput(_("Each result names its criterion and its value."), field=f"results.{index}")
        name = clean_text(
            item.get("criterion"), field=f"results.{index}.criterion", max_length=200, required=True
        )
        criterion = criteria.get(name.casefold())
        if criterion is None:
            raise InvalidInput(
                _("The pilot has no criterion of this name."), field=f"results.{index}.criterion"
            )
        if criterion.pk in values:
            raise InvalidInput(_("This criterion has a value already."), field=f"results.{index}.criterion")
        values[criterion.pk] = _measure(item.get("value"), field=f"results.{index}.value")
    missing = [c.name for c in criteria.values() if c.pk not in values]
    if missing:
        raise InvalidInput(
            _("Give a measured value for every criterion; missing: %(names)s.")
            % {"names": ", ".join(missing)},
            field="results",
            details={"missing": missing},
        )
    return values


def clean_rating(value, *, field: str = "rating") -> int:
    """A rating from 1 to 5: a whole number, also typed as text ("4")."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidInput(_("A rating is from 1 to 5."), field=field)
    return value


def _clean_feedback(feedback) -> list[tuple[int, str]]:
    if not isinstance(feedback, list | tuple) or len(feedback) > MAX_FEEDBACK:
        raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_FEEDBACK}, field="feedback")
    cleaned = []
    for index, item in enumerate(feedback):
        rating = item.get("rating") if isinstance(item, dict) else None
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise InvalidInput(_("A rating is from 1 to 5."), field=f"feedback.{index}.rating")
        cleaned.append(
            (rating, clean_text(item.get("comment"), field=f"feedback.{index}.comment", max_length=2000))
        )
    return cleaned


def submit_protocol(
    *, actor, pilot: Pilot, results, feedback, conclusion: str, comment: str = ""
) -> Protocol:
    """The site's protocol of an accepted or running pilot, which completes it; on a completed
    pilot, a correction: the next version, the old one kept unchanged. Side effects: audit
    `pilot.completed` or `pilot.protocol_corrected`; the company is told."""
    with transaction.atomic():
        pilot = _locked(pilot)
        check_may_act(actor, pilot, SITE)
        correcting = pilot.status == PilotStatus.COMPLETED
        if not correcting and (pilot.status, PilotStatus.COMPLETED) not in PILOT_TRANSITIONS:
            return transition(pilot, PilotStatus.COMPLETED, actor=actor)  # refused with its reason
        values = _clean_results(pilot, results)
        entries = _clean_feedback(feedback)
        conclusion = _choice(conclusion, Conclusion, field="conclusion")
        comment = clean_text(comment, field="comment", max_length=10000)
        version = (pilot.protocols.aggregate(last=Max("version"))["last"] or 0) + 1
        protocol = Protocol.objects.create(
            pilot=pilot, version=version, conclusion=conclusion, comment=comment, submitted_by=actor
        )
        criteria = {c.pk: c for c in pilot.criteria.all()}
        ProtocolResult.objects.bulk_create(
            [
                ProtocolResult(
                    protocol=protocol,
                    criterion_id=pk,
                    value=value,
                    met=criterion_met(criteria[pk].better, value, criteria[pk].target),
                )
                for pk, value in values.items()
            ]
        )
        Feedback.objects.bulk_create(
            [
                Feedback(pilot=pilot, protocol=protocol, rating=r, comment=c, source=FeedbackSource.SITE)
                for r, c in entries
            ]
        )
        data = {"protocol": protocol.pk, "version": version, "conclusion": conclusion}
        if not correcting:
            transition(pilot, PilotStatus.COMPLETED, actor=actor, data=data)
        else:
            audit.record(
                actor=actor, action="pilot.protocol_corrected", obj=pilot, comment=comment, data=data
            )
            notify(
                recipients=company_people(pilot),
                kind="pilot.protocol_corrected",
                subject=format_lazy(
                    gettext_lazy("The protocol of the pilot of {product} is corrected (version {version})"),
                    product=pilot.product,
                    version=version,
                ),
                url=pilot_link(pilot),
            )
        return protocol


# --- feedback entered by the site, and the company's consent to publish ---------------------


FEEDBACK_OPEN = (PilotStatus.ACCEPTED, PilotStatus.RUNNING)


def enter_feedback(*, actor, pilot: Pilot, rating, comment: str = "") -> Feedback:
    """A site representative records a user's rating during the pilot (the protocol counts it, as
    it counts the entries left through the public link). Side effects: audit `pilot.feedback_entered`."""
    with transaction.atomic():
        pilot = _locked(pilot)
        check_may_act(actor, pilot, SITE)
        if pilot.status not in FEEDBACK_OPEN:
            raise TransitionNotAllowed(
                _("Feedback is recorded while the pilot is accepted or running."),
                details={"status": pilot.status},
            )
        rating = clean_rating(rating)
        comment = clean_text(comment, field="comment", max_length=2000)
        entry = Feedback.objects.create(
            pilot=pilot, protocol=None, rating=rating, comment=comment, source=FeedbackSource.SITE
        )
        audit.record(actor=actor, action="pilot.feedback_entered", obj=pilot, data={"rating": rating})
        return entry


def set_publish(*, actor, pilot: Pilot, publish: bool) -> Pilot:
    """The company agrees (or no longer agrees) that its completed pilot is shown publicly:
    product, company, site and the protocol's conclusion. Side effects: audit `pilot.publish_set`."""
    with transaction.atomic():
        pilot = _locked(pilot)
        check_may_act(actor, pilot, COMPANY)
        publish = bool(publish)
        if pilot.publish != publish:
            pilot.publish = publish
            pilot.save(update_fields=["publish", "updated_at"])
            audit.record(actor=actor, action="pilot.publish_set", obj=pilot, data={"publish": publish})
        return pilot
