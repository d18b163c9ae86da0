"""Absolute links for e-mails. Where the operator set INNOCLUSTER_SITE_URL, every link uses it.
Otherwise a link sent while answering a request points to the address the person actually reached
(its scheme, host and port; the host checked against ALLOWED_HOSTS by `request.get_host()`), and
one sent with no request at hand (a background task) uses SITE_URL, which `innocluster run --port
N` defaults to that port."""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_request_base: ContextVar[str] = ContextVar("innocluster_request_base", default="")


def base_url() -> str:
    """SITE_URL when the operator set it; otherwise `scheme://host[:port]` of the request being
    answered, or SITE_URL outside a request."""
    if settings.SITE_URL_FIXED:
        return settings.SITE_URL
    return _request_base.get() or settings.SITE_URL


def absolute(path: str) -> str:
    """The absolute URL of a site path (`/accounts/confirm/…`)."""
    return base_url() + path


def request_base(request) -> str:
    """`scheme://host[:port]` of `request`; empty when its Host is not an allowed one."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    return f"{request.scheme}://{host}"


class RequestBaseMiddleware:
    """Remembers, for this request's thread or task, the address it came to (see `base_url`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_base.set(request_base(request))
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
