"""Sign-in with the limits of `limits.py`, and the question every door asks after the password:
does this account need its second factor now?"""

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _

from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import User
from innocluster.accounts.services.limits import check_sign_in_allowed, client_ip, sign_in_succeeded
from innocluster.accounts.services.second_factor import has_second_factor
from innocluster.core.errors import NotAuthenticated


def normalise_email(email) -> str:
    return (str(email or "")).strip().lower()[:254].replace("\x00", "")


def is_protected(email: str) -> bool:
    """The account at this address has the second factor on (then nobody can lock it out)."""
    return has_second_factor(User.objects.filter(email__iexact=email).only("pk").first())


def sign_in(*, request, email: str, password: str, require_confirmed: bool = True) -> User:
    """Check the credentials, refusing (429 `locked`, with Retry-After) while a limit holds; the
    authentication backend counts the failures, so every door (our pages, the API, the admin)
    shares them. The API issues tokens before confirmation (integrations script sign-up); what
    depends on owning the address (accepting an invitation) checks the confirmation itself.
    The second factor, where needed, is the caller's next step (`needs_second_factor`)."""
    email = normalise_email(email)
    ip = client_ip(request)
    protected = is_protected(email)
    check_sign_in_allowed(email, ip, protected=protected)
    try:
        user = authenticate(request, username=email, password=password or "")
    except DjangoPermissionDenied as exc:  # locked between the check above and the backend's own
        check_sign_in_allowed(email, ip, protected=protected)
        raise NotAuthenticated(
            _("The e-mail or the password is wrong."), code=AccountErrorCode.BAD_CREDENTIALS
        ) from exc
    if user is None:  # this failure may be the one that locks: say so at once
        check_sign_in_allowed(email, ip, protected=protected)
        raise NotAuthenticated(
            _("The e-mail or the password is wrong."), code=AccountErrorCode.BAD_CREDENTIALS
        )
    if require_confirmed and not user.email_confirmed:
        raise NotAuthenticated(
            _("Confirm your e-mail first: follow the link we sent you."),
            code=AccountErrorCode.EMAIL_UNCONFIRMED,
        )
    sign_in_succeeded(email, ip)
    return user


def needs_second_factor(user: User) -> bool:
    """Staff always (they act as staff only after it), others once they turned it on."""
    return user.is_staff_account or has_second_factor(user)
