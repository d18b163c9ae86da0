"""The consent to the processing of personal data (152-FZ art. 9, as in force from 2025-09-01): a
document of its own, published in versions; a person's consent to one version, with when and from
which address it was given. The current document is the highest version already published; a
person whose consent is not to it (none, an older one, or withdrawn) is asked again
(`accounts.middleware.ConsentMiddleware`)."""

import ipaddress
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.accounts.models import Consent, ConsentDocument, User
from innocluster.core import audit
from innocluster.core.errors import InvalidInput
from innocluster.core.text import clean_text


class ConsentPurpose(models.TextChoices):
    """What the personal data are processed for; a document lists the codes it covers."""

    MEMBERSHIP_AND_SUPPORT = (
        "membership_and_support",
        gettext_lazy("Membership in the cluster and its support measures"),
    )
    NOTIFICATIONS = "notifications", gettext_lazy("Notifications about applications, deadlines and decisions")
    PUBLIC_PROFILES = (
        "public_profiles",
        gettext_lazy("Public registers and partner search profiles of organisations (not of persons)"),
    )
    STATISTICS = "statistics", gettext_lazy("Statistics in aggregated form only")


def purpose_labels(purposes) -> list[str]:
    """The purposes in words, in the active language (a code the platform does not know is shown
    as written)."""
    known = dict(ConsentPurpose.choices)
    return [str(known.get(code, code)) for code in purposes or []]


# -- reads ----------------------------------------------------------------------------------------


def published_documents():
    """Every version already published, the newest first."""
    return ConsentDocument.objects.filter(published_at__lte=timezone.now()).order_by("-version")


def current_document() -> ConsentDocument | None:
    """The version people consent to now: the highest one already published."""
    return published_documents().first()


def published_document(version: int) -> ConsentDocument | None:
    """A version by its number, if it is published (a version not yet published is nobody's)."""
    return published_documents().filter(version=version).first()


def needs_consent(person) -> ConsentDocument | None:
    """The current document when `person` holds no consent to it that was not withdrawn; None when
    they do, or when nothing is published (nothing to ask for). One query."""
    document = (
        published_documents()
        .annotate(
            given=Exists(
                Consent.objects.filter(person=person, document=OuterRef("pk"), withdrawn_at__isnull=True)
            )
        )
        .only("pk", "version")
        .first()
    )
    if document is None or document.given:
        return None
    return document


def has_current_consent(person) -> bool:
    """Whether the person's consent is to the current version and not withdrawn (True where no
    document is published: nothing is asked)."""
    return needs_consent(person) is None


def latest_consent(person) -> Consent | None:
    """The person's consent that stands: the newest not withdrawn, whatever its version."""
    return (
        Consent.objects.filter(person=person, withdrawn_at__isnull=True)
        .select_related("document")
        .order_by("-document__version", "-accepted_at")
        .first()
    )


@dataclass(frozen=True)
class ConsentStatus:
    """What a person's consent stands at: the version they hold (None if none), and whether it is
    the current one."""

    version: int | None
    current: bool


def consent_status(person) -> ConsentStatus:
    held = latest_consent(person)
    current = current_document()
    return ConsentStatus(
        version=held.document.version if held else None,
        current=current is None or (held is not None and held.document_id == current.pk),
    )


def consents_of(person):
    """Every consent the person gave, the newest first, with its document."""
    return Consent.objects.filter(person=person).select_related("document").order_by("-accepted_at")


# -- writes ---------------------------------------------------------------------------------------


def _address(ip) -> str | None:
    try:
        return str(ipaddress.ip_address(str(ip or "").strip()))
    except ValueError:
        return None


@transaction.atomic
def give_consent(*, actor, person: User, document: ConsentDocument, ip: str | None = None) -> Consent:
    """Record that `person` consents to `document`, which must be the current version (the text
    they read). A consent to it they already hold is returned as it is: nothing is written twice.
    Side effects: audit `accounts.consent_given` (the version)."""
    current = current_document()
    if current is None or current.pk != document.pk:
        raise InvalidInput(
            _("The text of the consent has changed: read the current version and give your consent to it."),
            field="consent",
        )
    User.objects.select_for_update().filter(pk=person.pk).first()  # one consent at a time per person
    held = Consent.objects.filter(person=person, document=document, withdrawn_at__isnull=True).first()
    if held is not None:
        return held
    consent = Consent.objects.create(
        person=person, document=document, accepted_at=timezone.now(), accepted_from=_address(ip)
    )
    audit.record(
        actor=actor,
        action="accounts.consent_given",
        obj=person,
        # the address stays on the consent only: the audit log is append-only, and a destruction
        # must be able to reach every personal datum
        data={"consent": consent.pk, "version": document.version},
    )
    return consent


@transaction.atomic
def publish_document(
    *, actor, title_ru: str, title_en: str, text_ru: str, text_en: str, purposes: list[str]
) -> ConsentDocument:
    """Publish a new version of the consent, numbered after the last one; it is current at once,
    and everyone whose consent is to an older version is asked again at their next page. A
    published version is never edited: a change is a new version.
    Side effects: audit `accounts.consent_document_published`."""
    fields = {
        "title_ru": clean_text(title_ru, field="title_ru", max_length=200, required=True),
        "title_en": clean_text(title_en, field="title_en", max_length=200, required=True),
        "text_ru": clean_text(text_ru, field="text_ru", max_length=100_000, required=True),
        "text_en": clean_text(text_en, field="text_en", max_length=100_000, required=True),
    }
    purposes = list(dict.fromkeys(purposes or []))
    unknown = [code for code in purposes if code not in ConsentPurpose.values]
    if not purposes or unknown:
        raise InvalidInput(_("Choose the purposes of the processing from the list."), field="purposes")
    last = ConsentDocument.objects.select_for_update().order_by("-version").first()
    document = ConsentDocument.objects.create(
        version=(last.version + 1) if last else 1, purposes=purposes, published_at=timezone.now(), **fields
    )
    audit.record(
        actor=actor,
        action="accounts.consent_document_published",
        obj=document,
        data={"version": document.version, "purposes": purposes},
    )
    return document
