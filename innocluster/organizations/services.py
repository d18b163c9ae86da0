"""Writes for organisations: registration, profile, people and invitations."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import User
from innocluster.core import audit, links
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.organizations import identifiers
from innocluster.organizations.enums import (
    INVITATION_TTL_DAYS,
    InvitationStatus,
    OrganizationKind,
    OrganizationRole,
    SmeCategory,
)
from innocluster.organizations.error_codes import OrganizationErrorCode
from innocluster.organizations.models import Invitation, OkvedClass, Organization, OrganizationPerson, Region
from innocluster.organizations.selectors import people_in_roles

# Called with the organisation's id whenever its public profile changes (partner search registers
# its re-indexing here: organisations know nothing of the apps above them).
PROFILE_CHANGED_HOOKS: list = []


def _profile_changed(organization) -> None:
    for hook in PROFILE_CHANGED_HOOKS:
        hook(organization.pk)


PROFILE_FIELDS = (
    "full_name",
    "short_name",
    "region_code",
    "address",
    "okved_main",
    "okved_additional",
    "sme_category",
    "year_founded",
    "staff_count",
    "website",
    "email",
    "phone",
    "description_ru",
    "description_en",
    "capabilities",
    "products",
)


def _tags(value, *, field: str, max_items: int, max_length: int) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("Expected a list of texts."), field=field)
    tags = []
    for item in value:
        text = clean_text(item, field=field, max_length=max_length)
        if text and text.lower() not in {t.lower() for t in tags}:
            tags.append(text)
    if len(tags) > max_items:
        raise InvalidInput(_("At most %(max)d items.") % {"max": max_items}, field=field)
    return tags


def _optional_int(value, *, field: str, low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        raise InvalidInput(
            _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}, field=field
        )
    return int(text)


def clean_profile(data: dict, *, partial: bool = False) -> dict:
    """Validate the profile fields present in `data`; every refusal names its field."""
    cleaned: dict = {}
    present = [f for f in PROFILE_FIELDS if f in data] if partial else PROFILE_FIELDS
    for field in present:
        value = data.get(field)
        if field in ("full_name", "short_name"):
            cleaned[field] = clean_text(
                value, field=field, max_length=500 if field == "full_name" else 200, required=True
            )
        elif field == "region_code":
            code = clean_text(value, field=field, max_length=2, required=True)
            region = Region.objects.filter(code=code).first() if code.isascii() else None
            if region is None:
                raise InvalidInput(_("Choose a region from the list."), field=field)
            cleaned["region"] = region
        elif field == "okved_main":
            code = clean_text(value, field=field, max_length=8, required=True).split(".")[0]
            okved = OkvedClass.objects.filter(code=code).first() if code.isascii() else None
            if okved is None:
                raise InvalidInput(_("Choose an OKVED class from the list."), field=field)
            cleaned["okved_main"] = okved
        elif field == "okved_additional":
            codes = _tags(value, field=field, max_items=30, max_length=8)
            codes = [c.split(".")[0] for c in codes]
            found = list(OkvedClass.objects.filter(code__in=[c for c in codes if c.isascii()]))
            if len(found) != len(set(codes)):
                raise InvalidInput(_("Choose OKVED classes from the list."), field=field)
            cleaned["okved_additional"] = found
        elif field == "sme_category":
            if value not in SmeCategory.values:
                raise InvalidInput(_("Choose an SME category: micro, small, medium or large."), field=field)
            cleaned[field] = value
        elif field == "year_founded":
            cleaned[field] = _optional_int(value, field=field, low=1800, high=timezone.localdate().year)
        elif field == "staff_count":
            cleaned[field] = _optional_int(value, field=field, low=0, high=10_000_000)
        elif field == "website":
            url = clean_text(value, field=field, max_length=200)
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError as exc:
                    raise InvalidInput(
                        _("Enter a web address starting with http:// or https://."), field=field
                    ) from exc
            cleaned[field] = url
        elif field == "email":
            address = clean_text(value, field=field, max_length=254)
            if address:
                try:
                    validate_email(address)
                except ValidationError as exc:
                    raise InvalidInput(_("Enter a valid e-mail address."), field=field) from exc
            cleaned[field] = address
        elif field in ("address", "phone"):
            cleaned[field] = clean_text(value, field=field, max_length=500 if field == "address" else 40)
        elif field in ("description_ru", "description_en"):
            cleaned[field] = clean_text(value, field=field, max_length=5000)
        elif field == "capabilities":
            cleaned[field] = _tags(value, field=field, max_items=50, max_length=100)
        elif field == "products":
            cleaned[field] = _tags(value, field=field, max_items=50, max_length=200)
    return cleaned


def clean_identifiers(data: dict) -> dict:
    kind = data.get("kind")
    if kind not in OrganizationKind.values:
        raise InvalidInput(_("Choose a legal entity or a sole proprietor."), field="kind")
    cleaned = {
        "kind": kind,
        "inn": identifiers.validate_inn(data.get("inn"), kind=kind),
        "ogrn": identifiers.validate_ogrn(data.get("ogrn"), kind=kind),
        # optional (the public contract's `"kpp"?`): a legal entity registered without it adds it later
        "kpp": identifiers.validate_kpp_of(kind, data.get("kpp")),
    }
    return cleaned


@transaction.atomic
def register_organization(*, actor, data: dict) -> Organization:
    """Create an organisation from a person's input; the person becomes its owner.
    Side effects: audit `organization.registered`."""
    if not actor.is_authenticated:
        raise PermissionDenied()
    ids = clean_identifiers(data)
    profile = clean_profile(data)
    if Organization.objects.filter(inn=ids["inn"]).exists():
        raise Conflict(
            _("An organisation with this INN is already registered."),
            code=OrganizationErrorCode.INN_TAKEN,
            field="inn",
        )
    if Organization.objects.filter(ogrn=ids["ogrn"]).exists():
        raise Conflict(
            _("An organisation with this OGRN is already registered."),
            code=OrganizationErrorCode.OGRN_TAKEN,
            field="ogrn",
        )
    additional = profile.pop("okved_additional", [])
    try:
        with transaction.atomic():
            organization = Organization.objects.create(**ids, **profile, created_by=actor)
    except IntegrityError as exc:  # a concurrent registration of the same INN
        raise Conflict(
            _("An organisation with this INN is already registered."),
            code=OrganizationErrorCode.INN_TAKEN,
            field="inn",
        ) from exc
    organization.okved_additional.set(additional)
    OrganizationPerson.objects.create(organization=organization, person=actor, role=OrganizationRole.OWNER)
    audit.record(actor=actor, action="organization.registered", obj=organization, to_state="registered")
    _profile_changed(organization)
    return organization


@transaction.atomic
def update_profile(*, actor, organization: Organization, data: dict) -> Organization:
    """Change the public profile (not the identifiers). Side effects: audit with the changed fields."""
    if not actor.has_perm("organizations.edit_profile", organization):
        raise NotFound()
    profile = clean_profile(data, partial=True)
    additional = profile.pop("okved_additional", None)
    changed = [name for name, value in profile.items() if getattr(organization, name) != value]
    for name, value in profile.items():
        setattr(organization, name, value)
    organization.save()
    if additional is not None:
        organization.okved_additional.set(additional)
        changed.append("okved_additional")
    audit.record(
        actor=actor, action="organization.profile_updated", obj=organization, data={"fields": changed}
    )
    _profile_changed(organization)
    return organization


@transaction.atomic
def invite_person(*, actor, organization: Organization, email: str, role: str) -> tuple[Invitation, str]:
    """The owner invites someone by e-mail. Returns the invitation and its one-time token.
    Side effects: audit `organization.person_invited`; an e-mail with the link after commit."""
    if not actor.has_perm("organizations.manage_people", organization):
        raise NotFound()
    email = clean_text(email, field="email", max_length=254, required=True).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput(_("Enter a valid e-mail address."), field="email") from exc
    if role not in OrganizationRole.values:
        raise InvalidInput(_("Choose a role: owner, manager or member."), field="role")
    if organization.people.filter(person__email__iexact=email).exists():
        raise Conflict(
            _("This person already belongs to the organisation."),
            code=OrganizationErrorCode.ALREADY_MEMBER,
            field="email",
        )
    Invitation.objects.filter(organization=organization, email=email, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED
    )
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_digest=invitation_digest(token),
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_TTL_DAYS),
    )
    audit.record(
        actor=actor,
        action="organization.person_invited",
        obj=organization,
        data={"email": email, "role": role},
    )
    url = links.absolute(reverse("organizations:accept_invitation", args=[token]))
    # the invitee's own language where the address has an account; else the inviter's page's
    known = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    language = known or translation.get_language() or "ru"

    def send() -> None:
        with translation.override(language):
            send_mail(
                subject=_("Invitation to %(organization)s on InnoCluster")
                % {"organization": organization.short_name},
                message=render_to_string(
                    "organizations/email_invitation.txt",
                    {
                        "organization": organization,
                        "inviter": actor,
                        "role": invitation.get_role_display(),
                        "url": url,
                    },
                ),
                from_email=None,
                recipient_list=[email],
            )

    transaction.on_commit(send)
    return invitation, token


@transaction.atomic
def withdraw_invitation(*, actor, organization: Organization, invitation_id) -> Invitation:
    """The owner takes back a pending invitation (a wrong address or role): its link stops
    working. Side effects: audit `organization.invitation_withdrawn`."""
    if not actor.has_perm("organizations.manage_people", organization):
        raise NotFound()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organization=organization, pk=invitation_id, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation does not exist or is no longer pending."))
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="organization.invitation_withdrawn",
        obj=organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.REVOKED,
        data={"email": invitation.email, "role": invitation.role},
    )
    return invitation


def invitation_digest(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


def invitation_to(actor, token: str) -> Invitation | None:
    """The invitation the link carries, when it is addressed to the signed-in person (anyone else
    learns nothing of it): what the page shows before they accept."""
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_digest=invitation_digest(token or ""))
        .first()
    )
    if invitation is None or invitation.email.lower() != actor.email.lower():
        return None
    return invitation


@transaction.atomic
def accept_invitation(*, actor, token: str) -> OrganizationPerson:
    """The invited person (signed in with the invited address) takes the role.
    Side effects: audit `organization.person_joined`; the owners are notified."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organization")
        .filter(token_digest=invitation_digest(token or ""))
        .first()
    )
    if invitation is None or invitation.email.lower() != actor.email.lower():
        raise NotFound(_("This invitation does not exist or is not addressed to you."))
    if not actor.email_confirmed:
        raise PermissionDenied(
            _("Confirm your e-mail first: the invitation is for the owner of the address."),
            code=AccountErrorCode.EMAIL_UNCONFIRMED,
        )
    if invitation.status != InvitationStatus.PENDING:
        raise Conflict(
            _("This invitation was already used or revoked."), code=OrganizationErrorCode.INVITATION_USED
        )
    if invitation.expires_at < timezone.now():
        invitation.status = InvitationStatus.EXPIRED
        invitation.save(update_fields=["status", "updated_at"])
        raise Conflict(
            _("This invitation has expired; ask for a new one."),
            code=OrganizationErrorCode.INVITATION_EXPIRED,
        )
    link, created = OrganizationPerson.objects.get_or_create(
        organization=invitation.organization, person=actor, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = actor
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at", "updated_at"])
    audit.record(
        actor=actor,
        action="organization.person_joined",
        obj=invitation.organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.ACCEPTED,
        data={"role": link.role, "new": created},
    )
    notify(
        recipients=people_in_roles(invitation.organization, roles=[OrganizationRole.OWNER]),
        kind="organization.person_joined",
        subject=format_lazy(
            gettext_lazy("{person} joined {organization}"),
            person=actor.full_name,
            organization=invitation.organization.short_name,
        ),
        url=reverse("organizations:people", args=[invitation.organization.pk]),
    )
    return link


@transaction.atomic
def change_role(*, actor, organization: Organization, person_id: int, role: str | None) -> None:
    """Change a person's role, or remove them (role None). An organisation always keeps an owner.
    Side effects: audit `organization.role_changed`."""
    if not actor.has_perm("organizations.manage_people", organization):
        raise NotFound()
    link = (
        OrganizationPerson.objects.select_for_update()
        .filter(organization=organization, person_id=person_id)
        .first()
    )
    if link is None:
        raise NotFound()
    if role is not None and role not in OrganizationRole.values:
        raise InvalidInput(_("Choose a role: owner, manager or member."), field="role")
    owners = OrganizationPerson.objects.select_for_update().filter(
        organization=organization, role=OrganizationRole.OWNER
    )
    if link.role == OrganizationRole.OWNER and role != OrganizationRole.OWNER and owners.count() <= 1:
        raise Conflict(
            _("An organisation must keep at least one owner."), code=OrganizationErrorCode.LAST_OWNER
        )
    before = link.role
    if role is None:
        link.delete()
    else:
        link.role = role
        link.save(update_fields=["role", "updated_at"])
    audit.record(
        actor=actor,
        action="organization.role_changed",
        obj=organization,
        from_state=before,
        to_state=role or "removed",
        data={"person_id": person_id},
    )
