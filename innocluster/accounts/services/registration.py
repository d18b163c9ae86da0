"""Sign-up and e-mail confirmation. Registering an address that already has an account answers
exactly as for a new one and e-mails the owner instead (OWASP ASVS V6.3.8: no enumeration of
accounts by sign-up)."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innocluster.accounts import consent
from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import ConsentDocument, User
from innocluster.accounts.services.limits import limit_registration
from innocluster.core import audit, links
from innocluster.core.errors import InvalidInput
from innocluster.core.text import clean_text

CONFIRM_SALT = "innocluster.accounts.confirm-email"


@dataclass(frozen=True)
class Registration:
    """What a sign-up answers: the same shape whether the address was new or not."""

    id: int
    email: str


def _clean(email: str, full_name: str, password: str) -> tuple[str, str]:
    email = clean_text(email, field="email", max_length=254).lower()
    full_name = clean_text(full_name, field="full_name", max_length=200)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput(_("Enter a valid e-mail address."), field="email") from exc
    if not full_name:
        raise InvalidInput(_("Enter your full name."), field="full_name")
    try:
        password_validation.validate_password(password or "", user=User(email=email, full_name=full_name))
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="password") from exc
    return email, full_name


def _reserved_id() -> int:
    """An id from the people's own sequence, as a new account would have had."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [User._meta.db_table])
        return cursor.fetchone()[0]


def register_person(
    *,
    email: str,
    password: str,
    full_name: str,
    language: str = "ru",
    ip: str = "-",
    consent_to: ConsentDocument | None = None,
    next_url: str = "",
) -> Registration:
    """Create an unconfirmed account and e-mail the confirmation link; for an address that has an
    account, e-mail its owner a note instead and answer the same. Limited per IP and per address.
    `consent_to`: the consent document the person consented to in the form (the current version),
    recorded with the new account; nothing is recorded for an address that has an account (whoever
    typed it is not known to be its owner). `next_url`: a path of the site the confirmation link
    leads on to (an invitation the person was opening).
    Side effects: audit `person.registered` (or `person.registration_repeated`), and
    `accounts.consent_given` with `consent_to`; an e-mail after commit."""
    email, full_name = _clean(email, full_name, password)
    limit_registration(email, ip)
    site = links.base_url()  # read now: the e-mail leaves after commit
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email, password=password, full_name=full_name, language=language
                )
                audit.record(actor=user, action="person.registered", obj=user)
                if consent_to is not None:
                    consent.give_consent(actor=user, person=user, document=consent_to, ip=ip)
        except IntegrityError:  # registered a moment ago by a concurrent request
            existing = User.objects.get(email__iexact=email)
        else:
            transaction.on_commit(lambda: send_confirmation_email(user, site, next_url=next_url))
            return Registration(user.pk, user.email)
    make_password(password)  # the same work as a new account, so timing tells nothing either
    audit.record(actor=None, action="person.registration_repeated", obj=existing)
    transaction.on_commit(lambda: send_already_registered_email(existing, site))
    return Registration(_reserved_id(), email)


def confirmation_token(user: User) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def send_confirmation_email(user: User, site: str = "", *, next_url: str = "") -> None:
    """`site`: the address the person signed up at (SITE_URL when empty); `next_url`: the path
    the confirmation leads on to after signing in."""
    url = (site or links.base_url()) + reverse("accounts:confirm", args=[confirmation_token(user)])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    with translation.override(user.language):
        send_mail(
            subject=_("Confirm your e-mail for InnoCluster"),
            message=render_to_string("accounts/email_confirm.txt", {"user": user, "url": url}),
            from_email=None,
            recipient_list=[user.email],
        )


def send_already_registered_email(user: User, site: str = "") -> None:
    site = site or links.base_url()
    with translation.override(user.language):
        send_mail(
            subject=_("Someone tried to sign up to InnoCluster with your e-mail"),
            message=render_to_string(
                "accounts/email_already_registered.txt",
                {
                    "user": user,
                    "sign_in_url": site + reverse("accounts:login"),
                    "reset_url": site + reverse("accounts:password_reset"),
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )


def confirm_email(*, token: str) -> User:
    """Side effects: sets `email_confirmed_at`; audit `person.email_confirmed`."""
    max_age = dt.timedelta(days=settings.EMAIL_CONFIRMATION_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature as exc:
        raise InvalidInput(
            _("This confirmation link is invalid or has expired."), code=AccountErrorCode.BAD_LINK
        ) from exc
    user = User.objects.filter(pk=data.get("id"), email=data.get("email")).first()
    if user is None:
        raise InvalidInput(
            _("This confirmation link is invalid or has expired."), code=AccountErrorCode.BAD_LINK
        )
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        audit.record(actor=user, action="person.email_confirmed", obj=user)
    return user
