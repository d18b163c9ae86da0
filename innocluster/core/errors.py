"""The platform's errors: a small hierarchy with stable codes. The API turns them into
`{"code", "message", "details"}` with the status below; forms turn them into field errors."""

from contextlib import contextmanager
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    """A stable error code with what it means; each app declares its own in `error_codes.py`
    (Saleor's `order/error_codes.py`). The API's description lists them all."""

    description: str

    def __new__(cls, value: str, description: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


_ERROR_CODE_ENUMS: list[type[ErrorCode]] = []


def register_error_codes(enum: type[ErrorCode]) -> type[ErrorCode]:
    if enum not in _ERROR_CODE_ENUMS:
        _ERROR_CODE_ENUMS.append(enum)
    return enum


def all_error_codes() -> dict[str, str]:
    """Every code the platform can answer, with its meaning (the first description wins where two
    apps share a code)."""
    codes: dict[str, str] = {}
    for enum in _ERROR_CODE_ENUMS:
        for member in enum:
            codes.setdefault(member.value, member.description)
    return dict(sorted(codes.items()))


@register_error_codes
class CoreErrorCode(ErrorCode):
    CONFLICT = "conflict", "The object was changed by someone else, or the request conflicts with its state."
    CSRF_FAILED = "csrf_failed", "A signed-in browser session sent a write without its CSRF token."
    ERROR = "error", "The request cannot be done."
    FILE_EMPTY = "file_empty", "The uploaded file is empty."
    FILE_INFECTED = "file_infected", "The virus scanner found malware in the uploaded file."
    FILE_SIZE = "file_size", "The uploaded file is larger than the limit."
    FILE_TYPE = "file_type", "The uploaded file's type is not allowed, or its content does not match it."
    FORBIDDEN = "forbidden", "You may see the object but not do this with it."
    INVALID = "invalid", "A field is not valid; `details.field` or `details.fields` name it."
    METHOD_NOT_ALLOWED = (
        "method_not_allowed",
        "The path does not take this method; `details.allowed` lists those it takes.",
    )
    NOT_AUTHENTICATED = "not_authenticated", "Send a valid bearer token (or sign in)."
    NOT_FOUND = "not_found", "No such object, or one you may not see."
    PAYLOAD_TOO_LARGE = "payload_too_large", "The request body is larger than the limit."
    RATE_LIMITED = "rate_limited", "Too many attempts; wait for the seconds in Retry-After."
    SERVICE_UNAVAILABLE = "service_unavailable", "The database is briefly unavailable; try again shortly."
    TRANSITION_NOT_ALLOWED = "transition_not_allowed", "This change of status is not allowed now."


def error_body(code, message, details: dict | None = None) -> dict:
    """The one shape of every API refusal, whoever answers it (the API's handlers, the middleware)."""
    return {"code": str(code), "message": str(message), "details": details or {}}


class PlatformError(Exception):
    code: ErrorCode = CoreErrorCode.ERROR
    status = 400
    default_message = _("The request cannot be done.")

    def __init__(
        self, message=None, *, code: ErrorCode | None = None, details: dict | None = None, field=None
    ):
        self.message = message or self.default_message
        if code is not None:
            if not isinstance(code, ErrorCode):  # a free string would escape the documented set
                raise TypeError(f"error codes are ErrorCode members, not {code!r}")
            self.code = code
        self.details = dict(details or {})
        self.field = field
        if field and "field" not in self.details:
            self.details["field"] = field
        super().__init__(str(self.message))


class InvalidInput(PlatformError):
    code = CoreErrorCode.INVALID
    status = 422
    default_message = _("Some fields are not valid.")


class Refusals:
    """Checks of a form's fields run each on its own, so that every refusal is said at once (not
    one per submission): `with refusals.check(): ...` keeps an InvalidInput, `raise_any()` raises
    one naming them all (`details.fields`, field → message; `field` and the message the first)."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    @contextmanager
    def check(self):
        try:
            yield
        except InvalidInput as exc:
            self.errors.setdefault(exc.field or "", str(exc.message))

    def add_all(self, exc: "PlatformError") -> None:
        """Keep every refusal another check named (a `Refusals` of its own, or one field)."""
        for field, message in field_errors(exc).items():
            self.errors.setdefault(field, message)

    def raise_any(self) -> None:
        if self.errors:
            first = next(iter(self.errors))
            raise InvalidInput(self.errors[first], field=first or None, details={"fields": dict(self.errors)})


def field_errors(exc: PlatformError) -> dict[str, str]:
    """A refusal's messages by field: every one a `Refusals` named, else its one field's."""
    details = exc.details or {}
    return dict(details.get("fields") or {details.get("field") or "": str(exc.message)})


class NotFound(PlatformError):
    """Also what a person gets for an object they may not see: they learn nothing of it."""

    code = CoreErrorCode.NOT_FOUND
    status = 404
    default_message = _("Not found.")


class PermissionDenied(PlatformError):
    code = CoreErrorCode.FORBIDDEN
    status = 403
    default_message = _("You may not do this.")


class NotAuthenticated(PlatformError):
    code = CoreErrorCode.NOT_AUTHENTICATED
    status = 401
    default_message = _("Sign in first.")


class Conflict(PlatformError):
    code = CoreErrorCode.CONFLICT
    status = 409
    default_message = _("The object was changed by someone else; reload it and try again.")


class TransitionNotAllowed(Conflict):
    code = CoreErrorCode.TRANSITION_NOT_ALLOWED
    default_message = _("This change of status is not allowed now.")


class RateLimited(PlatformError):
    """Answered with `Retry-After: <retry_after>` seconds."""

    code = CoreErrorCode.RATE_LIMITED
    status = 429
    default_message = _("Too many attempts; try again later.")

    def __init__(self, message=None, *, retry_after: int = 60, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = max(1, int(retry_after))
        self.details.setdefault("retry_after", self.retry_after)


def raise_for_page(exc: PlatformError) -> None:
    """On a page, a service's NotFound is Django's 404 and its PermissionDenied Django's 403; any
    other refusal returns, for the page to show on its form."""
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
    from django.http import Http404

    if isinstance(exc, NotFound):
        raise Http404 from exc
    if isinstance(exc, PermissionDenied):
        raise DjangoPermissionDenied(str(exc.message)) from exc
