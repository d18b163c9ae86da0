"""The second factor (OWASP ASVS V6.5, V6.6): a TOTP authenticator (RFC 6238) with one-time
recovery codes. Every staff account must turn it on before it acts as staff; applicants may.

A code is accepted within one step (30 s) of the server's clock and never twice (`last_step`);
failures are limited per person and per IP; recovery codes carry 120 random bits and are stored
as SHA-256 only."""

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import RecoveryCode, SecondFactor, User
from innocluster.accounts.services.limits import limit
from innocluster.core import audit, throttle
from innocluster.core.errors import Conflict, InvalidInput, NotAuthenticated, RateLimited
from innocluster.core.notifications import notify

STEP_SECONDS = 30
RECOVERY_CODES = 10
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def has_second_factor(person) -> bool:
    if person is None or not getattr(person, "pk", None):
        return False
    return SecondFactor.objects.filter(person_id=person.pk, confirmed_at__isnull=False).exists()


def _digest(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(24))  # 24 × 5 bits = 120 bits
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


@transaction.atomic
def start_setup(*, person: User) -> SecondFactor:
    """A new secret, not yet in force: the authenticator is turned on by `confirm_setup` with a
    code it shows. Replaces an unconfirmed secret; refused when one is already on."""
    current = SecondFactor.objects.select_for_update().filter(person=person).first()
    if current is not None and current.confirmed_at is not None:
        raise Conflict(_("The second factor is already on."), code=AccountErrorCode.SECOND_FACTOR_ON)
    if current is not None:
        current.delete()
    return SecondFactor.objects.create(person=person, secret=pyotp.random_base32(32))


def provisioning_uri(device: SecondFactor) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.person.email, issuer_name=settings.OTP_ISSUER
    )


def qr_svg(device: SecondFactor) -> str:
    """The provisioning URI as an inline SVG QR code (no image request, nothing leaves the server)."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(
        scale=4, dark="#1b1b1b", light="#ffffff"
    )


def _matching_step(device: SecondFactor, code: str) -> int | None:
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(device.secret)
    now_step = int(time.time()) // STEP_SECONDS
    for step in (now_step - 1, now_step, now_step + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _failure_limits(person: User, ip: str) -> None:
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    limits = (
        (f"second-factor:{person.pk}", settings.SECOND_FACTOR_FAILURE_LIMIT),
        (f"second-factor-ip:{ip}", settings.LOGIN_IP_FAILURE_LIMIT),
    )
    for key, most in limits:
        state = throttle.peek(key, window=window)
        if state.count >= most:
            raise RateLimited(
                _("Too many wrong codes. Try again in %(minutes)d min.")
                % {"minutes": max(1, round(state.retry_after / 60))},
                code=AccountErrorCode.LOCKED,
                retry_after=state.retry_after,
            )


def _record_failure(person: User, ip: str) -> None:
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    throttle.hit(f"second-factor:{person.pk}", window=window)
    throttle.hit(f"second-factor-ip:{ip}", window=window)


def verify(*, person: User, code: str, ip: str = "-", allow_recovery: bool = True) -> str:
    """Check a TOTP code (or, when allowed, an unused recovery code). Returns "totp" or "recovery".
    Refused with 401 `second_factor_invalid`; while too many wrong codes were sent, 429 `locked`.
    Never call it inside a transaction that its refusal would roll back: the failure it counts
    must stay counted. Side effects: `last_step` moves on; a recovery code is used up, audited and
    notified."""
    _failure_limits(person, ip)
    if not has_second_factor(person):
        raise NotAuthenticated(
            _("Turn on the second factor first (in the cabinet, under Security)."),
            code=AccountErrorCode.SECOND_FACTOR_REQUIRED,
        )
    how = _accept(person, code, allow_recovery=allow_recovery)
    if how is None:
        _record_failure(person, ip)
        raise NotAuthenticated(
            _(
                "The code is not right, or it was already used. Enter the current code from your authenticator."
            ),
            code=AccountErrorCode.SECOND_FACTOR_INVALID,
        )
    throttle.clear(f"second-factor:{person.pk}")
    return how


@transaction.atomic
def _accept(person: User, code: str, *, allow_recovery: bool) -> str | None:
    device = (
        SecondFactor.objects.select_for_update().filter(person=person, confirmed_at__isnull=False).first()
    )
    if device is None:
        return None
    step = _matching_step(device, code)
    if step is not None and step > device.last_step:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return "totp"
    if not allow_recovery or len(normalise_recovery_code(code)) != 24:
        return None
    recovery = (
        RecoveryCode.objects.select_for_update()
        .filter(person=person, digest=_digest(code), used_at__isnull=True)
        .first()
    )
    if recovery is None:
        return None
    recovery.used_at = timezone.now()
    recovery.save(update_fields=["used_at"])
    left = RecoveryCode.objects.filter(person=person, used_at__isnull=True).count()
    audit.record(actor=person, action="person.recovery_code_used", obj=person, data={"left": left})
    notify(
        recipients=[person],
        kind="accounts.recovery_code_used",
        subject=gettext_lazy("A recovery code of your account was used"),
        body=gettext_lazy(
            "Someone signed in with one of your recovery codes. If it was not you, change your "
            "password and set up the second factor again."
        ),
        url="/accounts/security/",
    )
    return "recovery"


def _issue_recovery_codes(person: User) -> list[str]:
    RecoveryCode.objects.filter(person=person).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create([RecoveryCode(person=person, digest=_digest(c)) for c in codes])
    return codes


def confirm_setup(*, person: User, code: str, ip: str = "-") -> list[str]:
    """Turn the authenticator on with a code it shows; returns the recovery codes (shown once).
    Attempts are limited (counted outside the transaction, so that a refusal stays counted).
    Side effects: audit `person.second_factor_on`; the person is notified."""
    limit(f"second-factor-setup:{person.pk}", most=20, window=3600)
    return _confirm_setup(person, code)


@transaction.atomic
def _confirm_setup(person: User, code: str) -> list[str]:
    device = SecondFactor.objects.select_for_update().filter(person=person).first()
    if device is None:
        raise InvalidInput(_("Start the setup again."), field="code")
    if device.confirmed_at is not None:
        raise Conflict(_("The second factor is already on."), code=AccountErrorCode.SECOND_FACTOR_ON)
    step = _matching_step(device, code)
    if step is None:
        raise InvalidInput(
            _("The code is not right. Check the time on your phone and enter the current code."),
            field="code",
            code=AccountErrorCode.SECOND_FACTOR_INVALID,
        )
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save(update_fields=["confirmed_at", "last_step"])
    codes = _issue_recovery_codes(person)
    audit.record(actor=person, action="person.second_factor_on", obj=person)
    _tell(person, "second_factor_on", gettext_lazy("The second factor of your account is on"))
    return codes


def new_recovery_codes(*, person: User, code: str, ip: str = "-") -> list[str]:
    """Replace the recovery codes (after a current TOTP code). Side effects: audit."""
    verify(person=person, code=code, ip=ip, allow_recovery=False)
    with transaction.atomic():
        codes = _issue_recovery_codes(person)
        audit.record(actor=person, action="person.recovery_codes_renewed", obj=person)
    return codes


def turn_off(*, person: User, code: str, ip: str = "-") -> None:
    """An applicant turns the second factor off (after a current code). Staff cannot: they act as
    staff only with it. Side effects: audit `person.second_factor_off`; the person is notified."""
    if person.is_staff_account:
        raise Conflict(
            _("Staff accounts keep the second factor on."), code=AccountErrorCode.SECOND_FACTOR_REQUIRED
        )
    verify(person=person, code=code, ip=ip)
    with transaction.atomic():
        _forget(person)
        audit.record(actor=person, action="person.second_factor_off", obj=person)
    _tell(person, "second_factor_off", gettext_lazy("The second factor of your account is off"))


def reset(*, person: User, reason: str) -> bool:
    """Whoever administers the server forgets a person's authenticator and recovery codes, when the
    person lost both (`innocluster manage reset_second_factor`): the next sign-in asks them to set up
    the second factor again, and staff act as staff only after that. Returns whether there was one.
    Side effects: audit `person.second_factor_reset` with the reason; the person is notified, so an
    owner who did not ask for it learns of it."""
    with transaction.atomic():
        had = _forget(person)
        audit.record(
            actor=None,
            action="person.second_factor_reset",
            obj=person,
            data={"by": "command", "reason": reason, "had_second_factor": had},
        )
    _tell(
        person,
        "second_factor_reset",
        gettext_lazy("The second factor of your account was reset by the platform's administrator"),
    )
    return had


def _forget(person: User) -> bool:
    """Delete the person's authenticator and recovery codes; whether there was an authenticator."""
    had = SecondFactor.objects.filter(person=person).delete()[0] > 0
    RecoveryCode.objects.filter(person=person).delete()
    return had


def _tell(person: User, kind: str, subject) -> None:
    """Notify the person of a change to their second factor, linking to their security page."""
    notify(recipients=[person], kind=f"accounts.{kind}", subject=subject, url="/accounts/security/")


def recovery_codes_left(person: User) -> int:
    return RecoveryCode.objects.filter(person=person, used_at__isnull=True).count()
