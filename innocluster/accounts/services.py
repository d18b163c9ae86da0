"""Writes for people: sign-up, e-mail confirmation, sign-in with a limit on failures, API tokens."""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import ApiToken, SignInFailure, User
from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotAuthenticated, RateLimited
from innocluster.core.text import clean_text

CONFIRM_SALT = "innocluster.accounts.confirm-email"


def register_person(*, email: str, password: str, full_name: str, language: str = "ru") -> User:
    """Create an unconfirmed account and e-mail the confirmation link.
    Side effects: audit `person.registered`; a confirmation e-mail after commit."""
    email = clean_text(email, field="email", max_length=254).lower()
    full_name = clean_text(full_name, field="full_name", max_length=200)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput(_("Enter a valid e-mail address."), field="email") from exc
    if not full_name:
        raise InvalidInput(_("Enter your full name."), field="full_name")
    candidate = User(email=email, full_name=full_name)
    try:
        password_validation.validate_password(password or "", user=candidate)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="password") from exc
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            _("An account with this e-mail already exists."), code=AccountErrorCode.EMAIL_TAKEN, field="email"
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, full_name=full_name, language=language
            )
            audit.record(actor=user, action="person.registered", obj=user)
    except IntegrityError as exc:
        raise Conflict(
            _("An account with this e-mail already exists."), code=AccountErrorCode.EMAIL_TAKEN, field="email"
        ) from exc
    transaction.on_commit(lambda: send_confirmation_email(user))
    return user


def confirmation_token(user: User) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def send_confirmation_email(user: User) -> None:
    url = settings.SITE_URL + reverse("accounts:confirm", args=[confirmation_token(user)])
    with translation.override(user.language):
        send_mail(
            subject=_("Confirm your e-mail for InnoCluster"),
            message=render_to_string("accounts/email_confirm.txt", {"user": user, "url": url}),
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


def _recent_failures(email: str) -> int:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return SignInFailure.objects.filter(email=email, at__gte=since).count()


def is_locked(email: str) -> bool:
    return _recent_failures(email) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(email: str, request) -> None:
    """Side effects: a `SignInFailure` row; audit `person.locked` when this failure reaches the limit."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    SignInFailure.objects.create(email=email, ip=ip)
    if _recent_failures(email) == settings.LOGIN_FAILURE_LIMIT:
        audit.record(actor=None, action="person.locked", object_type="accounts.user", object_id=email)


def sign_in(*, request, email: str, password: str, require_confirmed: bool = True) -> User:
    """Check the credentials, refusing while the e-mail is locked after repeated failures (the
    authentication backend counts the failures). The API issues tokens before confirmation
    (integrations script sign-up); what depends on owning the address (accepting an invitation)
    checks the confirmation itself."""
    email = (email or "").strip().lower()[:254].replace("\x00", "")
    locked = RateLimited(
        _("Too many failed sign-ins. Try again in %(minutes)d minutes.")
        % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        code=AccountErrorCode.LOCKED,
    )
    if is_locked(email):
        raise locked
    user = authenticate(request, username=email, password=password or "")
    if user is None:
        if is_locked(email):
            raise locked
        raise NotAuthenticated(
            _("The e-mail or the password is wrong."), code=AccountErrorCode.BAD_CREDENTIALS
        )
    if require_confirmed and not user.email_confirmed:
        raise NotAuthenticated(
            _("Confirm your e-mail first: follow the link we sent you."),
            code=AccountErrorCode.EMAIL_UNCONFIRMED,
        )
    SignInFailure.objects.filter(email=email).delete()
    return user


def issue_token(*, user: User) -> str:
    """A new bearer token for the API; it is returned once and stored only as a digest."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(token),
        expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_TTL_DAYS),
    )
    audit.record(actor=user, action="person.token_issued", obj=user)
    return token


def person_for_token(token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(token), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if row is None:
        return None
    if row.last_used_at is None or timezone.now() - row.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
