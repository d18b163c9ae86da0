"""Sign-in through every door (our pages, the API, the Django admin) counts failures per e-mail;
while an e-mail is locked no password is even checked."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        from innocluster.accounts.services import is_locked, record_failure

        email = (username or kwargs.get("email") or "").strip().lower()[:254].replace("\x00", "")
        if not email:
            return None
        if is_locked(email):
            raise PermissionDenied("locked")  # stops Django from trying other backends
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            record_failure(email, request)
        return user
