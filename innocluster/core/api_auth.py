"""How the API knows the caller: a bearer token, or the browser's session (with its CSRF check
for writes). Public endpoints accept anonymous callers and look at `request.user`.

A call with neither a valid token nor a signed-in session is a 401 `not_authenticated`: the CSRF
check concerns only a signed-in browser session (it protects the session, and there is none to
protect), so an integrator who forgot the token never sees a misleading CSRF 403."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from innocluster.core.errors import CoreErrorCode, NotAuthenticated, NotFound, PermissionDenied


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from innocluster.accounts.services import person_for_token

        user = person_for_token(token, request=request)
        if user is not None:
            request.user = user
        return user


class BrowserSession(APIKeyCookie):
    """The signed-in session of our own pages (htmx calls the API with it)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=False)  # checked below, and only for a signed-in session

    def authenticate(self, request, key):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise PermissionDenied(
                _("The page's security token is missing or stale: reload the page and try again."),
                code=CoreErrorCode.CSRF_FAILED,
            )
        return request.user


class OptionalAuth:
    """Lets anonymous callers through, but still resolves a bearer token or a session."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = BearerToken().authenticate(request, header[7:].strip())
            if user is None:  # a wrong token is a 401, never a silent anonymous call
                raise NotAuthenticated(_("The bearer token is not valid or has expired."))
            return user
        return request.user if request.user.is_authenticated else AnonymousUser()


signed_in = [BearerToken(), BrowserSession()]
anyone = [OptionalAuth()]


class _Holding:
    """Signed in and holding a staff power (`allowed(user)`): anyone else is refused with a 403
    before the body is read, so the answer depends on who calls, not on what they sent (a body
    the route refuses told an applicant which fields a coordinator's form has)."""

    def __init__(self, allowed, message, strangers_404=False):
        super().__init__()
        self.allowed = allowed
        self.message = message
        self.strangers_404 = strangers_404

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user and not self.allowed(user):
            if self.strangers_404 and not user.is_staff:
                raise NotFound()  # the route's object is none of theirs to know of
            raise PermissionDenied(str(self.message))
        return user


class _HoldingToken(_Holding, BearerToken):
    pass


class _HoldingSession(_Holding, BrowserSession):
    pass


# the OpenAPI document names a route's security by its class: these are the same two schemes
_HoldingToken.__name__ = BearerToken.__name__
_HoldingSession.__name__ = BrowserSession.__name__


def holding(allowed, message, *, strangers_404: bool = False) -> list:
    """The `auth=` of a staff-only route: `signed_in`, and `allowed(user)` checked at once; with
    `strangers_404` a caller who is not staff gets the 404 the route gives for an object they may
    not see (staff without the power: 403)."""
    return [_HoldingToken(allowed, message, strangers_404), _HoldingSession(allowed, message, strangers_404)]
