"""API tokens (OWASP ASVS V7, V9): random, stored as SHA-256 only, shown once, with an expiry;
listed and revoked in the cabinet; every use updates "last used". A token acts for staff only if
it was issued after the second factor (or by the server's `issue_token` command)."""

import datetime as dt
import secrets

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.accounts.models import ApiToken, User
from innocluster.accounts.services.limits import client_ip
from innocluster.core import audit
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.core.text import clean_text

MAX_DAYS = 366


def issue_token(
    *, user: User, second_factor: bool = False, name: str = "", days: int | None = None, by: str = "api"
) -> str:
    """A new bearer token, returned once and stored only as a digest.
    Side effects: audit `person.token_issued` (how: api, cabinet or command)."""
    days = settings.API_TOKEN_TTL_DAYS if days is None else days
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise InvalidInput(_("A token lives from 1 to %(max)d days.") % {"max": MAX_DAYS}, field="days")
    token = secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(token),
        prefix=token[:6],
        name=clean_text(name, field="name", max_length=100),
        second_factor=second_factor,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor=user,
        action="person.token_issued",
        obj=user,
        data={"token": row.pk, "by": by, "days": days, "second_factor": second_factor},
    )
    return token


def person_for_token(token: str, *, request=None) -> User | None:
    """The token's person, or None (expired, revoked, unknown, inactive). A staff person whose
    token was not issued after the second factor is demoted for this request."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=ApiToken.digest_of(token),
            expires_at__gt=timezone.now(),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )
    if row is None:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now(), last_used_ip=_ip(request))
    user = row.user
    if user.is_staff and not row.second_factor:
        user.demote_until_second_factor()
    return user


def _ip(request) -> str | None:
    ip = client_ip(request)
    return None if ip == "-" else ip


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens that still work, newest first."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-pk")


def revoke_token(*, actor: User, token_id) -> ApiToken:
    """Side effects: `revoked_at`; audit `person.token_revoked`. Another person's token is a 404."""
    try:
        row = tokens_of(actor).get(pk=int(token_id))
    except (ValueError, TypeError, OverflowError, ApiToken.DoesNotExist) as exc:
        raise NotFound() from exc
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="person.token_revoked", obj=actor, data={"token": row.pk})
    return row
