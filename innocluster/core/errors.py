"""The platform's errors: a small hierarchy with stable codes. The API turns them into
`{"code", "message", "details"}` with the status below; forms turn them into field errors."""

from django.utils.translation import gettext_lazy as _


class PlatformError(Exception):
    code = "error"
    status = 400
    default_message = _("The request cannot be done.")

    def __init__(self, message=None, *, code: str | None = None, details: dict | None = None, field=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.details = dict(details or {})
        self.field = field
        if field and "field" not in self.details:
            self.details["field"] = field
        super().__init__(str(self.message))


class InvalidInput(PlatformError):
    code = "invalid"
    status = 422
    default_message = _("Some fields are not valid.")


class NotFound(PlatformError):
    """Also what a person gets for an object they may not see: they learn nothing of it."""

    code = "not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(PlatformError):
    code = "forbidden"
    status = 403
    default_message = _("You may not do this.")


class NotAuthenticated(PlatformError):
    code = "not_authenticated"
    status = 401
    default_message = _("Sign in first.")


class Conflict(PlatformError):
    code = "conflict"
    status = 409
    default_message = _("The object was changed by someone else; reload it and try again.")


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"
    default_message = _("This change of status is not allowed now.")


class RateLimited(PlatformError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many attempts; try again later.")
