"""Sign-in through every door (our pages, the API, the Django admin) counts failures per address
and IP (accounts/services/limits.py); while a limit holds no password is even checked."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from innocluster.accounts.services.limits import check_sign_in_allowed, client_ip, record_sign_in_failure
from innocluster.accounts.services.sign_in import is_protected, normalise_email
from innocluster.core.errors import RateLimited


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = normalise_email(username or kwargs.get("email"))
        if not email:
            return None
        ip = client_ip(request)
        try:
            check_sign_in_allowed(email, ip, protected=is_protected(email))
        except RateLimited as exc:
            raise PermissionDenied("locked") from exc  # stops Django from trying other backends
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            record_sign_in_failure(email, ip)
        return user
