"""The limits on attempts that guard accounts (OWASP ASVS V6.3): counted per e-mail address
**and** per client IP in atomic counters, so that

- a guesser at one address from one IP is locked out after a few failures;
- one IP spraying many addresses is stopped;
- an address hammered from many IPs is locked too, unless the account has the second factor: a
  stranger can then never lock its owner out (staff always have it), and a password alone does
  not open it anyway.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import SignInFailure
from innocluster.core import audit, throttle
from innocluster.core.errors import RateLimited


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind INNOCLUSTER_TRUSTED_PROXIES proxies the address the nearest of them
    saw (the n-th from the right of X-Forwarded-For): a client cannot choose its own."""
    if request is None:
        return "-"
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return (request.META.get("REMOTE_ADDR") or "-")[:64]


def _window() -> int:
    return settings.LOGIN_LOCKOUT_MINUTES * 60


def _keys(email: str, ip: str) -> dict[str, str]:
    return {
        "pair": f"sign-in:{email}|{ip}",
        "ip": f"sign-in-ip:{ip}",
        "address": f"sign-in-address:{email}",
    }


def _locked(retry_after: int) -> RateLimited:
    minutes = max(1, round(retry_after / 60))
    return RateLimited(
        _("Too many failed sign-ins. Try again in %(minutes)d min.") % {"minutes": minutes},
        code=AccountErrorCode.LOCKED,
        retry_after=retry_after,
    )


def _limits(protected: bool) -> list[tuple[str, int]]:
    limits = [("pair", settings.LOGIN_FAILURE_LIMIT), ("ip", settings.LOGIN_IP_FAILURE_LIMIT)]
    if not protected:
        limits.append(("address", settings.LOGIN_ADDRESS_FAILURE_LIMIT))
    return limits


def check_sign_in_allowed(email: str, ip: str, *, protected: bool) -> None:
    """Refuse (429 `locked`, with Retry-After) before any password is checked while a lock holds.
    `protected`: the account has the second factor, so the address-wide lock does not apply."""
    keys = _keys(email, ip)
    for name, _most in _limits(protected):
        left = throttle.locked_for(keys[name])
        if left:
            raise _locked(left)


def record_sign_in_failure(email: str, ip: str) -> None:
    """Count the failure for the address and IP, the IP and the address; a count reaching its
    limit within the window locks that key for LOGIN_LOCKOUT_MINUTES.
    Side effects: the counters; a `SignInFailure` row; audit `person.locked` when the address is
    locked for this IP."""
    keys = _keys(email, ip)
    for name, most in _limits(protected=False):
        if throttle.hit(keys[name], window=_window()).count >= most and not throttle.locked_for(keys[name]):
            throttle.lock(keys[name], seconds=_window())
            if name == "pair":
                audit.record(
                    actor=None,
                    action="person.locked",
                    object_type="accounts.user",
                    object_id=email,
                    data={"ip": ip},
                )
    SignInFailure.objects.create(email=email, ip=ip if ip != "-" else None)


def sign_in_succeeded(email: str, ip: str) -> None:
    """A right password forgets the failures of this address from this IP (not the locks)."""
    throttle.clear(_keys(email, ip)["pair"])


def limit(key: str, *, most: int, window: int, message=None) -> None:
    """Count one attempt under `key`; beyond `most` in the window, a 429 with Retry-After."""
    hit = throttle.hit(key, window=window)
    if hit.count > most:
        raise RateLimited(
            message
            or _("Too many attempts. Try again in %(minutes)d min.")
            % {"minutes": max(1, round(hit.retry_after / 60))},
            retry_after=hit.retry_after,
        )


def limit_registration(email: str, ip: str) -> None:
    limit(f"register-ip:{ip}", most=settings.REGISTRATION_LIMIT_PER_IP, window=3600)
    limit(f"register-address:{email}", most=settings.REGISTRATION_LIMIT_PER_ADDRESS, window=3600)


def limit_password_reset(email: str, ip: str) -> None:
    limit(f"reset-ip:{ip}", most=settings.PASSWORD_RESET_LIMIT_PER_IP, window=3600)
    limit(f"reset-address:{email}", most=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, window=3600)
