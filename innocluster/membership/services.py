"""Writes for cluster membership: the draft saved as it is typed, submission, and admission of a
participant when the review approves."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PlatformError, Refusals
from innocluster.core.sequences import next_value
from innocluster.core.text import clean_text
from innocluster.membership.error_codes import MembershipErrorCode
from innocluster.membership.models import MembershipApplication, Participation
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus

KIND = "membership"
TEXT_FIELDS = {
    "contact_name": 200,
    "contact_position": 200,
    "contact_phone": 40,
    "contact_email": 254,
    "activity": 5000,
    "innovation_areas": 2000,
    "goals": 5000,
}
FORM_FIELDS = (*TEXT_FIELDS, "consent_personal_data")


def latest_application(organization) -> MembershipApplication | None:
    return (
        MembershipApplication.objects.filter(organization=organization)
        .select_related("case", "case__assignee")
        .order_by("-created_at", "-pk")
        .first()
    )


def _check_may_apply(actor, organization) -> None:
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    if Participation.objects.filter(organization=organization).exists():
        raise Conflict(
            _("The organisation is already a participant of the cluster."),
            code=MembershipErrorCode.ALREADY_PARTICIPANT,
        )


def known_values(*, actor, organization) -> dict:
    """What the platform already knows for the form (SPEC: "all information comes from the user's
    personal account"): the contact person and e-mail from the account, the activity (the
    description, or else the main OKVED class) and the technology areas from the organisation's
    profile."""
    values = {
        "contact_name": actor.full_name,
        "contact_email": actor.email,
        "contact_phone": organization.phone,
        # a profile without a description still has its main OKVED class, which says the activity
        "activity": organization.description_ru
        or organization.description_en
        or f"{organization.okved_main_id} {organization.okved_main.name_ru}",
        "innovation_areas": ", ".join(organization.capabilities or []),
    }
    return {name: (value or "")[: TEXT_FIELDS[name]] for name, value in values.items()}


def _consent(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in {"on", "true", "1", "yes"})


@transaction.atomic
def save_membership_draft(*, actor, organization, data: dict) -> MembershipApplication:
    """Keep what the applicant typed (any subset of the form's fields) in the current draft, or
    in a new one, which starts from what the platform knows (`known_values`) for every field not
    typed. Only lengths and forbidden characters are checked here; the rest at submission.
    Side effects: a review case in draft for a new application (audit `review.created`)."""
    _check_may_apply(actor, organization)
    application = reviews.editable_application(
        MembershipApplication,
        kind=KIND,
        organization=organization,
        actor=actor,
        title=organization.short_name,
    )
    if application.pk is None:
        data = {**known_values(actor=actor, organization=organization), **data}
    for name, max_length in TEXT_FIELDS.items():
        if name in data:
            setattr(application, name, clean_text(data.get(name), field=name, max_length=max_length))
    if "consent_personal_data" in data:
        consent = _consent(data.get("consent_personal_data"))
        if consent and not application.consent_personal_data:
            application.consent_at = timezone.now()
        application.consent_personal_data = consent
    application.save()
    return application


def _validate_for_submission(application: MembershipApplication) -> None:
    """Every refusal at once (`details.fields`), not one per submission."""
    refusals = Refusals()
    with refusals.check():
        if not application.consent_personal_data:
            raise InvalidInput(
                _("Consent to the processing of personal data is required to submit."),
                field="consent_personal_data",
            )
    for name in ("contact_name", "contact_email", "activity"):
        with refusals.check():
            if not getattr(application, name):
                raise InvalidInput(_("This field is required."), field=name)
    if application.contact_email:
        with refusals.check():
            try:
                validate_email(application.contact_email)
            except ValidationError as exc:
                raise InvalidInput(_("Enter a valid e-mail address."), field="contact_email") from exc
    refusals.raise_any()


def submit_membership_application(*, actor, application: MembershipApplication) -> MembershipApplication:
    """Send the draft (or the corrected returned application) for review. A refusal changes
    nothing: the draft stays as it was saved.
    Side effects: the review transition (due date, audit, notifications)."""
    _validate_for_submission(application)
    reviews.transition(application.case, ReviewStatus.SUBMITTED, actor=actor)
    application.case.refresh_from_db()
    return application


def apply_for_membership(*, actor, organization, data: dict, draft: bool = False) -> MembershipApplication:
    """The API's one step: save the form, then submit it unless `draft`. A refused submission
    keeps the draft (the next call completes it) and names it in the refusal's `details.draft_id`."""
    application = save_membership_draft(actor=actor, organization=organization, data=data)
    if not draft:
        try:
            submit_membership_application(actor=actor, application=application)
        except PlatformError as refusal:
            refusal.details.setdefault("draft_id", application.pk)
            raise
    return application


def admit_participant(*, organization, since, application=None, actor=None) -> Participation:
    """Make the organisation a participant with the next number. Side effects: audit
    `membership.participant_admitted`."""
    number = next_value("membership_participant_number_seq")
    participation = Participation.objects.create(
        organization=organization, number=number, since=since, application=application, admitted_by=actor
    )
    audit.record(
        actor=actor,
        action="membership.participant_admitted",
        obj=organization,
        to_state="participant",
        data={"number": number, "since": since.isoformat()},
    )
    return participation


def on_membership_transition(case, application, before: str, to: str, actor) -> None:
    if to == ReviewStatus.APPROVED:
        admit_participant(
            organization=application.organization,
            since=timezone.localdate(),
            application=application,
            actor=actor,
        )


def is_participant(organization) -> bool:
    return Participation.objects.filter(organization=organization).exists()
