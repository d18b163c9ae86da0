"""Applications for a measure: the draft with its items and quote, and the submission."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, PlatformError
from innocluster.core.text import clean_text
from innocluster.measures import quote as engine
from innocluster.measures.enums import ApplicantKind
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.links import link_of, parse_id
from innocluster.measures.models import ApplicationItem, Measure, MeasureApplication
from innocluster.measures.selectors import version_on
from innocluster.measures.services.quotes import stored_quote_for
from innocluster.measures.validators import parse_items
from innocluster.organizations.models import Organization
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import EDITABLE_STATUSES, ReviewStatus
from innocluster.reviews.error_codes import ReviewErrorCode

KIND = "measure"


def _check_applicant(*, actor, measure: Measure, organization, drafting: bool = False) -> None:
    """`drafting`: any of the organisation's people may write a draft (SPEC §1: a member drafts);
    otherwise a manager or the owner."""
    if not measure.is_active:
        raise Conflict(
            _("This measure does not take applications now."), code=MeasureErrorCode.MEASURE_CLOSED
        )
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
        if not actor.has_perm(
            "organizations.draft_for" if drafting else "organizations.act_for", organization
        ):
            raise NotFound()


def _linked_id(*, measure: Measure, organization, pilot_id) -> int | None:
    """The id of what the application names in another programme (a `pilot-testing` grant: the
    applicant's own accepted, running or completed pilot), checked now. A missing, malformed or
    unknown id and another organisation's object get the same refusal: it tells nothing of them."""
    link = link_of(measure)
    if link is None:
        if pilot_id is not None:
            raise InvalidInput(
                _("This measure does not name a pilot: leave the pilot out."), field="pilot_id"
            )
        return None
    pk = parse_id(pilot_id)
    if pk is None or organization is None or link.check(organization, pk) is None:
        raise InvalidInput(str(link.required_message), code=link.error_code, field=link.field)
    return pk


# An application in these states no longer holds what it names: another may name it.
RELEASED = (ReviewStatus.DRAFT, ReviewStatus.REJECTED, ReviewStatus.TERMINATED, ReviewStatus.WITHDRAWN)


def linked_elsewhere(measure: Measure, linked_ids, *, exclude_pk=None) -> dict[int, int]:
    """Of `linked_ids`, those another live application of the measure already names: {id: the
    number of that application}. One pilot test, one grant: the cap is per pilot test (SPEC C5)."""
    others = (
        MeasureApplication.objects.filter(measure=measure, pilot_id__in=list(linked_ids))
        .exclude(case__status__in=RELEASED)
        .exclude(pk=exclude_pk)
        .values_list("pilot_id", "case_id")
    )
    return dict(others)


def _titles(measure: Measure, organization, person) -> dict:
    """The case's title in Russian and in English: the measure's name and who applies."""
    who = organization.short_name if organization else person.full_name
    return {"title": f"{measure.title_ru}: {who}", "title_en": f"{measure.title_en}: {who}"}


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
    pilot_id=None,
    application: MeasureApplication | None = None,
) -> MeasureApplication:
    """Create a draft (or change a draft or returned application): items, project, the quote, and
    the pilot a `pilot-testing` grant names (`pilot_required` unless it is the applicant's own
    accepted, running or completed pilot). Any of the organisation's people may (a member drafts);
    submitting takes a manager or the owner. Side effects: a review case in draft for a new
    application."""
    _check_applicant(actor=actor, measure=measure, organization=organization, drafting=True)
    today = timezone.localdate()
    version = version_on(measure, today)
    items = parse_items(raw_items, version.rules)
    project_title = clean_text(project_title, field="project_title", max_length=300)
    description = clean_text(description, field="description", max_length=5000)
    linked = _linked_id(measure=measure, organization=organization, pilot_id=pilot_id)
    if application is None:
        case = reviews.create_case(
            kind=KIND, organization=organization, applicant=actor, **_titles(measure, organization, actor)
        )
        application = MeasureApplication(measure=measure, case=case, organization=organization, person=actor)
    elif application.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("The application is under review; it cannot be changed now."), code=ReviewErrorCode.UNDER_REVIEW
        )
    person = actor if measure.applicant_kind == ApplicantKind.PERSON else None
    _version, result, stored = stored_quote_for(
        measure=measure, items=items, on=today, organization=organization, person=person
    )
    application.version = version
    application.project_title, application.description = project_title, description
    application.pilot_id = linked
    application.requested_amount = result.amount
    application.quote = stored
    application.save()
    _store_items(application, items, raw_items)
    return application


def submit_application(*, actor, application: MeasureApplication) -> MeasureApplication:
    """Send for review with the rules in force today. Refused, changing nothing, when the quote is
    not eligible, or when the pilot it names is no longer the applicant's accepted, running or
    completed pilot (cancelled meanwhile). Side effects: the review transition (due date, audit,
    notifications)."""
    with transaction.atomic():
        application = (
            MeasureApplication.objects.select_for_update(of=("self",))
            .select_related("measure", "case")
            .get(pk=application.pk)
        )
        measure = application.measure
        link = link_of(measure)
        if link is not None:
            # two submissions naming one pilot wait for each other here (a pilot is one
            # organisation's, so its row is the lock)
            Organization.objects.select_for_update().filter(pk=application.organization_id).first()
            _linked_id(measure=measure, organization=application.organization, pilot_id=application.pilot_id)
            taken = linked_elsewhere(measure, [application.pilot_id], exclude_pk=application.pk)
            if taken:
                raise InvalidInput(
                    _("This pilot is already named by application No. %(number)s: one pilot test, one grant.")
                    % {"number": taken[application.pilot_id]},
                    code=link.error_code,
                    field=link.field,
                )
        person = application.person if measure.applicant_kind == ApplicantKind.PERSON else None
        version, result, stored = stored_quote_for(
            measure=measure,
            items=stored_items(application),
            on=timezone.localdate(),
            organization=application.organization,
            person=person,
        )
        if not result.eligible:
            raise InvalidInput(
                " ".join(result.reasons),
                code=MeasureErrorCode.NOT_ELIGIBLE,
                details={"reasons": result.reasons},
                field="items",
            )
        application.version, application.requested_amount, application.quote = (
            version,
            result.amount,
            stored,
        )
        application.save(update_fields=["version", "requested_amount", "quote", "updated_at"])
        reviews.transition(application.case, ReviewStatus.SUBMITTED, actor=actor)
    application.case.refresh_from_db()
    return application


def apply(
    *, actor, measure: Measure, organization=None, raw_items, draft=False, **fields
) -> MeasureApplication:
    """The API's one step: save the application, then submit it unless `draft`. A refused
    submission keeps the draft (nothing typed is lost) and names it in the refusal's
    `details.draft_id`, so that the caller can submit it once the cause is mended."""
    application = save_application(
        actor=actor, measure=measure, organization=organization, raw_items=raw_items, **fields
    )
    if not draft:
        try:
            submit_application(actor=actor, application=application)
        except PlatformError as refusal:
            refusal.details.setdefault("draft_id", application.pk)
            raise
    return application
