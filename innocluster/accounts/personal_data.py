"""A person's rights over their personal data (152-FZ arts. 14, 20, 21; SPEC §3): see everything the
platform holds about them ("My data", as JSON and PDF), correct it, and withdraw the consent, which
stops the processing at once (the destruction 30 days later is `accounts.destruction`); and the
administrator's search of the staff reads of one person's data (art. 19).

Accounts sits at the bottom of the apps, yet a person's data lie in the tables of the apps above
(applications, reports, pilots, uploaded files). Those are read here by model name
(`apps.get_model`), never imported: what is read is listed once, in this module, and each app's
own services stay the only writers of its tables.

"My data" of one person never holds another person's data: organisations appear by name only, an
application by its number, kind and status (never its other people), and the texts of the
person's notifications are shown with the names and e-mails of others hidden."""

import datetime as dt
import re
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.accounts.enums import StaffRole
from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import ApiToken, Consent, RecoveryCode, SecondFactor, User
from innocluster.core import audit
from innocluster.core.audit_actions import describe_event, object_label, with_object_numbers
from innocluster.core.errors import Conflict, InvalidInput
from innocluster.core.formats import lazy_human_date
from innocluster.core.models import AuditEvent, Notification
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text

FORMAT = "innocluster.my-data/1"
# 152-FZ art. 21 part 5: the data are destroyed within 30 days of the withdrawal (calendar days)
DESTRUCTION_DAYS = 30
HIDDEN = "***"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# The categories of "My data", in the order the page, the JSON and the PDF show them.
CATEGORIES = [
    ("account", gettext_lazy("Account")),
    ("consents", gettext_lazy("Consents to the processing of personal data")),
    ("organizations", gettext_lazy("Organisations and roles")),
    ("applications", gettext_lazy("Applications you submitted")),
    ("kpi_reports", gettext_lazy("KPI reports you submitted")),
    ("pilots", gettext_lazy("Pilot requests you made")),
    ("contest_solutions", gettext_lazy("Contest solutions you submitted")),
    ("documents", gettext_lazy("Files you uploaded")),
    ("notifications", gettext_lazy("Notifications to you")),
    ("api_tokens", gettext_lazy("Your API tokens")),
    ("events", gettext_lazy("History of your account")),
    ("other_records", gettext_lazy("Other records that name you")),
]


def _model(label: str):
    return apps.get_model(label)


# -- "My data": the selector ------------------------------------------------------------------


def my_data(person: User) -> dict:
    """Everything the platform holds about `person`, by category, JSON-ready (dates as objects,
    for the encoder): their account, consents, organisations and roles, what they submitted and
    uploaded, notifications, the history of their account and the tokens (never a digest)."""
    redact = _redactor(person)
    return {
        "format": FORMAT,
        "generated_at": timezone.now(),
        "account": _account(person),
        "consents": _consents(person),
        "organizations": _organizations(person),
        "applications": _applications(person),
        "kpi_reports": _kpi_reports(person),
        "pilots": _pilots(person),
        "contest_solutions": _contest_solutions(person),
        "documents": _documents(person),
        "notifications": _notifications(person, redact),
        "api_tokens": _api_tokens(person),
        "events": _events(person),
        "other_records": _other_records(person),
    }


def _account(person: User) -> dict:
    device = SecondFactor.objects.filter(person=person, confirmed_at__isnull=False).first()
    return {
        "id": person.pk,
        "email": person.email,
        "full_name": person.full_name,
        "language": person.language,
        "date_joined": person.date_joined,
        "email_confirmed_at": person.email_confirmed_at,
        "last_login": person.last_login,
        "staff_roles": person.roles(),
        "second_factor_on_since": device.confirmed_at if device else None,
        "recovery_codes_left": RecoveryCode.objects.filter(person=person, used_at__isnull=True).count()
        if device
        else 0,
        "processing_stopped_at": person.processing_stopped_at,
        "destroy_after": person.destroy_after,
    }


def _consents(person: User) -> list[dict]:
    rows = Consent.objects.filter(person=person).select_related("document").order_by("accepted_at", "pk")
    return [
        {
            "version": consent.document.version,
            "title": consent.document.title_en if person.language == "en" else consent.document.title_ru,
            "purposes": list(consent.document.purposes),
            "accepted_at": consent.accepted_at,
            "accepted_from": consent.accepted_from,
            "withdrawn_at": consent.withdrawn_at,
        }
        for consent in rows
    ]


def _organizations(person: User) -> list[dict]:
    """The organisations by name only: their other people are theirs, not this person's data."""
    links = (
        _model("organizations.OrganizationPerson")
        .objects.filter(person=person)
        .select_related("organization")
        .order_by("organization__short_name", "pk")
    )
    return [
        {
            "id": link.organization_id,
            "name": link.organization.short_name,
            "role": link.role,
            "role_label": str(link.get_role_display()),
            "since": link.created_at,
        }
        for link in links
    ]


def _applications(person: User) -> list[dict]:
    """The cases they submitted (any kind), by number, kind and status. The contact given in a
    membership application is shown where it is theirs (its e-mail is their address)."""
    cases = list(
        _model("reviews.ReviewCase")
        .objects.filter(applicant=person)
        .select_related("organization")
        .order_by("created_at", "pk")
    )
    contacts = {
        row["case_id"]: row
        for row in _model("membership.MembershipApplication")
        .objects.filter(case__applicant=person, contact_email__iexact=person.email)
        .values("case_id", "contact_name", "contact_position", "contact_phone", "contact_email")
    }
    result = []
    for case in cases:
        item = {
            "number": case.pk,
            "kind": case.kind,
            "kind_label": str(case.kind_label),
            "title": case.shown_title,
            "organization": case.organization.short_name if case.organization_id else None,
            "status": case.status,
            "status_label": str(case.shown_status),
            "created_at": case.created_at,
            "submitted_on": case.submitted_on,
            "decided_at": case.decided_at,
        }
        if case.pk in contacts:
            contact = contacts[case.pk]
            item["contact"] = {
                "name": contact["contact_name"],
                "position": contact["contact_position"],
                "phone": contact["contact_phone"],
                "email": contact["contact_email"],
            }
        result.append(item)
    return result


def _kpi_reports(person: User) -> list[dict]:
    reports = (
        _model("kpi.Report")
        .objects.filter(submitted_by=person)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "id": report.pk,
            "organization": report.organization.short_name,
            "period": report.period,
            "version": report.version,
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "submitted_at": report.submitted_at,
        }
        for report in reports
    ]


def _pilots(person: User) -> list[dict]:
    pilots = (
        _model("pilots.Pilot")
        .objects.filter(requested_by=person)
        .select_related("organization", "site")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": pilot.pk,
            "product": pilot.product,
            "organization": pilot.organization.short_name,
            "site": pilot.site.name,
            "status": pilot.status,
            "status_label": str(pilot.get_status_display()),
            "requested_on": pilot.requested_on,
        }
        for pilot in pilots
    ]


def _contest_solutions(person: User) -> list[dict]:
    solutions = (
        _model("contests.Solution")
        .objects.filter(submitted_by=person)
        .select_related("organization", "contest")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "id": solution.pk,
            "title": solution.title,
            "contest": solution.contest.title,
            "organization": solution.organization.short_name,
            "submitted_at": solution.submitted_at,
        }
        for solution in solutions
    ]


def _uploaded_file_models() -> list:
    """Every model of an uploaded file that names its uploader: `uploaded_by`, `original_name`, `size`."""
    found = []
    for model in apps.get_models():
        names = {field.name for field in model._meta.concrete_fields}
        if {"uploaded_by", "original_name", "size"} <= names:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


def _documents(person: User) -> list[dict]:
    """The files they uploaded: names, sizes and dates, never the files themselves."""
    documents = []
    for model in _uploaded_file_models():
        for row in model.objects.filter(uploaded_by=person).values(
            "pk", "original_name", "size", "created_at"
        ):
            documents.append(
                {
                    "kind": str(model._meta.verbose_name),
                    "id": row["pk"],
                    "name": row["original_name"],
                    "size": row["size"],
                    "uploaded_at": row["created_at"],
                }
            )
    return sorted(documents, key=lambda document: (document["uploaded_at"], document["kind"], document["id"]))


def _redactor(person: User):
    """Hides other people's names and e-mails in texts the platform wrote to this person (a
    notification that a colleague joined names the colleague): every e-mail but their own, and
    the names of the people of their organisations."""
    links = _model("organizations.OrganizationPerson").objects
    colleagues = (
        User.objects.filter(
            organization_roles__organization__in=links.filter(person=person).values("organization")
        )
        .exclude(pk=person.pk)
        .values_list("full_name", flat=True)
        .distinct()
    )
    names = sorted({name for name in colleagues if len(name.strip()) >= 3}, key=len, reverse=True)
    own = person.email.lower()

    def redact(text: str) -> str:
        text = EMAIL.sub(lambda match: match.group(0) if match.group(0).lower() == own else HIDDEN, text)
        for name in names:
            text = re.sub(re.escape(name), HIDDEN, text, flags=re.IGNORECASE)
        return text

    return redact


def _notifications(person: User, redact) -> list[dict]:
    rows = Notification.objects.filter(recipient=person).order_by("created_at", "pk")
    return [
        {
            "created_at": row.created_at,
            "kind": row.kind,
            "subject": redact(row.subject),
            "text": redact(row.body),
            "link": row.url,
            "read_at": row.read_at,
        }
        for row in rows
    ]


def _api_tokens(person: User) -> list[dict]:
    rows = ApiToken.objects.filter(user=person).order_by("created_at", "pk")
    return [
        {
            "name": row.name,
            "created_at": row.created_at,
            "expires_at": row.expires_at,
            "last_used_at": row.last_used_at,
            "last_used_ip": row.last_used_ip,
            "revoked_at": row.revoked_at,
        }
        for row in rows
    ]


def _events(person: User) -> list[dict]:
    """The audit events where they acted or their account is the object: what and when, and who
    only as "you", "staff" or "the platform" (a staff member's name is not this person's data;
    neither are an event's details or comments, which may name others)."""
    rows = with_object_numbers(
        AuditEvent.objects.filter(Q(actor=person) | Q(object_type="accounts.user", object_id=str(person.pk)))
        .only("at", "action", "object_type", "object_id", "actor_id", "from_state", "to_state")
        .order_by("at", "pk")
    )
    return [
        {
            "at": row.at,
            "action": row.action,
            "what": describe_event(
                SimpleNamespace(
                    action=row.action, from_state=row.from_state, to_state=row.to_state, comment=""
                )
            ),
            "object": str(
                object_label(row.object_type, getattr(row, "object_number", None) or row.object_id)
            ),
            "by": "you" if row.actor_id == person.pk else ("staff" if row.actor_id else "platform"),
        }
        for row in rows
    ]


# Foreign keys to the person that a category above already shows.
_SHOWN = {
    "accounts.ApiToken.user",
    "accounts.SecondFactor.person",
    "accounts.RecoveryCode.person",
    "accounts.Consent.person",
    "core.AuditEvent.actor",
    "core.Notification.recipient",
    "organizations.OrganizationPerson.person",
    "reviews.ReviewCase.applicant",
    "kpi.Report.submitted_by",
    "pilots.Pilot.requested_by",
    "contests.Solution.submitted_by",
}


def _person_references() -> list:
    """(model, field) for every foreign key to a person that no category above shows."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is not User:
                continue
            key = f"{model._meta.label}.{field.name}"
            if key in _SHOWN or (field.name == "uploaded_by" and model in _uploaded_file_models()):
                continue
            found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1].name))


# How a record names a person, for the foreign keys declared without a verbose name.
ROLE_LABELS = {
    "signed_by": gettext_lazy("signed by"),
    "recorded_by": gettext_lazy("recorded by"),
    "decided_by": gettext_lazy("decided by"),
    "requested_by": gettext_lazy("requested by"),
    "invited_by": gettext_lazy("invited by"),
    "created_by": gettext_lazy("created by"),
    "uploaded_by": gettext_lazy("uploaded by"),
    "added_by": gettext_lazy("added by"),
    "person": gettext_lazy("person"),
    "user": gettext_lazy("person"),
    "expert": gettext_lazy("expert"),
}


def _role_label(field):
    if isinstance(field.verbose_name, Promise):  # declared, and translated
        return field.verbose_name
    return ROLE_LABELS.get(field.name, field.verbose_name)


def _other_records(person: User) -> list[dict]:
    """How many other records name them (as an author, a signatory, a decision maker…): the
    records themselves belong to their organisations and the cluster."""
    result = []
    for model, field in _person_references():
        count = model.objects.filter(**{field.name: person}).count()
        if count:
            result.append(
                {
                    "record": str(model._meta.verbose_name_plural),
                    "as": str(_role_label(field)),
                    "count": count,
                }
            )
    return result


# -- correction ---------------------------------------------------------------------------------


@transaction.atomic
def correct_my_data(*, actor: User, full_name: str, language: str) -> User:
    """The person corrects their own name and language (152-FZ art. 14 part 1; art. 21 part 1).
    Nothing changed writes nothing.
    Side effects: the account; audit `accounts.personal_data_corrected` naming the fields changed
    (never the values: the log keeps no personal data)."""
    full_name = clean_text(full_name, field="full_name", max_length=200, required=True)
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Choose a language from the list."), field="language")
    person = User.objects.select_for_update().get(pk=actor.pk)
    changed = [
        name
        for name, value in (("full_name", full_name), ("language", language))
        if getattr(person, name) != value
    ]
    if not changed:
        return person
    person.full_name, person.language = full_name, language
    person.save(update_fields=changed)
    audit.record(
        actor=person, action="accounts.personal_data_corrected", obj=person, data={"fields": changed}
    )
    actor.full_name, actor.language = full_name, language
    return person


# -- withdrawal ---------------------------------------------------------------------------------


def _is_last_administrator(person: User) -> bool:
    holds = person.is_superuser or person.groups.filter(name=StaffRole.ADMINISTRATOR).exists()
    if not holds:
        return False
    others = User.objects.filter(is_active=True).exclude(pk=person.pk)
    return not (
        others.filter(is_superuser=True).exists()
        or others.filter(is_staff=True, groups__name=StaffRole.ADMINISTRATOR).exists()
    )


@transaction.atomic
def withdraw_consent(*, actor: User, reason: str = "") -> User:
    """The person withdraws their consent (152-FZ art. 9 part 2): the processing stops at once and
    their data are destroyed within 30 calendar days (art. 21 part 5), by `destroy_after`.

    Stopping at once: the account is deactivated (no sign-in through any door, every session ends
    on its next request, tokens are refused and revoked), and an inactive person is left out of
    notifications and of the lists staff assign reviewers and experts from. Their roles in
    organisations are kept, marked by the stopped processing, until the destruction deletes them:
    the organisation has the 30 days to name another owner (an organisation keeps one), and its
    history stays whole.
    Withdrawing twice changes nothing. The last active administrator cannot withdraw (the
    platform keeps one: a new one is named first).

    Side effects: `withdrawn_at` on their consents; `processing_stopped_at`, `destroy_after`,
    `is_active` and an unusable password on the account (which ends every session); their tokens
    revoked; a notification to the owners and managers of each organisation they act for; audit
    `accounts.consent_withdrawn` (with the reason they gave, blanked by the destruction)."""
    reason = clean_text(reason, field="reason", max_length=500)
    person = User.objects.select_for_update().get(pk=actor.pk)
    if person.processing_stopped_at is not None:
        return person
    if _is_last_administrator(person):
        raise Conflict(
            _("The platform keeps at least one administrator: name another one before withdrawing."),
            code=AccountErrorCode.LAST_ADMINISTRATOR,
        )
    now = timezone.now()
    destroy_after = timezone.localdate() + dt.timedelta(days=DESTRUCTION_DAYS)
    withdrawn = Consent.objects.filter(person=person, withdrawn_at__isnull=True).update(withdrawn_at=now)
    person.processing_stopped_at = now
    person.destroy_after = destroy_after
    person.is_active = False
    # a new password hash changes the session hash: every session of theirs ends on its next request
    person.set_unusable_password()
    person.save(update_fields=["processing_stopped_at", "destroy_after", "is_active", "password"])
    revoked = ApiToken.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=now)
    organizations = _tell_organizations(person, destroy_after)
    audit.record(
        actor=person,
        action="accounts.consent_withdrawn",
        obj=person,
        comment=reason,
        data={
            "consents": withdrawn,
            "tokens_revoked": revoked,
            "organizations": organizations,
            "destroy_after": destroy_after.isoformat(),
        },
    )
    actor.is_active = False
    return person


def sole_owner_of(person: User) -> list:
    """The organisations whose only owner the person is: with their withdrawal nobody is left to
    manage the organisation's people (the page says so before they confirm)."""
    people = _model("organizations.OrganizationPerson").objects
    owned = people.filter(person=person, role="owner").values("organization_id")
    shared = (
        people.filter(organization_id__in=owned, role="owner")
        .exclude(person=person)
        .values("organization_id")
    )
    return list(
        _model("organizations.Organization")
        .objects.filter(pk__in=owned)
        .exclude(pk__in=shared)
        .order_by("short_name", "pk")
    )


def _tell_organizations(person: User, destroy_after: dt.date) -> list[int]:
    """Notify the owners and managers of each organisation the person acts for; where none is
    left, its members and the cluster's coordinators (who name a new owner), so that somebody
    knows. Their ids."""
    links = (
        _model("organizations.OrganizationPerson")
        .objects.filter(person=person)
        .select_related("organization")
        .order_by("organization_id")
    )
    told = []
    for link in links:
        organization = link.organization
        others = organization.people.select_related("person").exclude(person=person)
        recipients = [other.person for other in others if other.role in ("owner", "manager")]
        if not recipients:
            recipients = [other.person for other in others] + list(
                User.objects.filter(is_active=True, is_staff=True, groups__name=StaffRole.COORDINATOR)
            )
        notify(
            recipients=recipients,
            kind="accounts.consent_withdrawn",
            subject=format_lazy(
                gettext_lazy("{person} has withdrawn the consent to the processing of personal data"),
                person=person.full_name,
            ),
            body=format_lazy(
                gettext_lazy(
                    "Their role in {organization} ends: they can no longer sign in, and their personal data "
                    "will be destroyed by {date}. If they were its only owner, name a new one with the "
                    "cluster's staff."
                ),
                organization=organization.short_name,
                date=lazy_human_date(destroy_after),
            ),
            url=f"/organizations/{organization.pk}/people/",
        )
        told.append(organization.pk)
    return told


# -- the access log by person (administrators) ------------------------------------------------


def find_person(query: str) -> User | None:
    """A person by id (also of one whose data were destroyed) or by e-mail."""
    query = (query or "").strip()
    if query.isascii() and query.isdigit() and len(query) < 19:
        return User.objects.filter(pk=int(query)).first()
    if "@" in query:
        return User.objects.filter(email__iexact=query[:254]).first()
    return None


def personal_data_reads_about(person: User) -> QuerySet[AuditEvent]:
    """The staff reads of this person's data (`personal_data.read`), newest first, with the staff
    member: of their account, of the organisations they act for (their private pages list the
    people), of the applications they submitted (the desk shows the applicant and the contact),
    and of the pilots they requested or whose protocol they signed."""
    organizations = (
        _model("organizations.OrganizationPerson")
        .objects.filter(person=person)
        .values_list("organization_id", flat=True)
    )
    cases = _model("reviews.ReviewCase").objects.filter(applicant=person).values_list("pk", flat=True)
    pilot_model = _model("pilots.Pilot")
    pilots = pilot_model.objects.filter(
        Q(requested_by=person) | Q(protocols__submitted_by=person)
    ).values_list("pk", flat=True)
    about = (
        Q(object_type="accounts.user", object_id=str(person.pk))
        | Q(object_type="organizations.organization", object_id__in=[str(pk) for pk in organizations])
        | Q(object_type="reviews.reviewcase", object_id__in=[str(pk) for pk in cases])
        | Q(object_type="pilots.pilot", object_id__in=[str(pk) for pk in set(pilots)])
    )
    return (
        AuditEvent.objects.filter(action="personal_data.read")
        .filter(about)
        .select_related("actor")
        .order_by("-at", "-pk")
    )
