"""The REST API under /api/v1/: the apps' routers, a parser that accepts only JSON objects, and
the handlers that turn every failure into `{"code", "message", "details"}` with its status."""

import json
import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.http.request import RawPostDataException
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from innocluster.accounts.api import router as accounts_router
from innocluster.accounts.api import users_router
from innocluster.analytics.api import datasets_router
from innocluster.consortia.api import invitations_router as consortium_invitations_router
from innocluster.consortia.api import router as consortia_router
from innocluster.contests.api import contests_router, solutions_router
from innocluster.core import embedded_db
from innocluster.core.api import router as core_router
from innocluster.core.api_schemas import error_codes_description
from innocluster.core.errors import CoreErrorCode, InvalidInput, PlatformError, error_body
from innocluster.core.input import forbidden_in_json
from innocluster.core.validation_messages import field_message
from innocluster.kpi.api import kpi_router
from innocluster.measures.api import applications_router
from innocluster.measures.api import router as measures_router
from innocluster.membership.api import router as membership_router
from innocluster.organizations.api import router as organizations_router
from innocluster.partners.api import orders_router, search_router
from innocluster.pilots.api import pilots_router, test_sites_router
from innocluster.registry.api import router as registry_router

logger = logging.getLogger("innocluster.api")


class JsonObjectParser(Parser):
    """A body is one JSON object; anything else (a list, a number, broken JSON) is a 422 naming
    the body, and a control character in any string is a 422 naming its field."""

    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidInput(_("The body is not valid JSON."), field="body") from exc
        if not isinstance(data, dict):
            raise InvalidInput(_("The body must be a JSON object."), field="body")
        field = forbidden_in_json(data)
        if field:
            raise InvalidInput(
                _("The field “%(field)s” contains a control character, which is not allowed.")
                % {"field": field},
                field=field,
            )
        return data


# Swagger UI sets style attributes as it draws: its page alone may use inline styles.
DOCS_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

api = NinjaAPI(
    title="InnoCluster API",
    version="1",
    description=(
        "The single electronic window of an innovation cluster. Authenticate with "
        "`Authorization: Bearer <token>` from `POST /api/v1/auth/token` (staff, and accounts with the "
        "second factor on, send `otp`). Dates are `YYYY-MM-DD`, money is a decimal string with two "
        'places. Every error is `{"code", "message", "details"}`; an object you may not see is a '
        "404 whether it exists or not.\n\nError codes:\n" + error_codes_description()
    ),
    urls_namespace="api",
    parser=JsonObjectParser(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=csp_override(DOCS_CSP),
)


def error(request, status: int, code: str, message, details: dict | None = None, headers: dict | None = None):
    response = api.create_response(request, error_body(code, message, details), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(PlatformError)
def platform_error(request, exc: PlatformError):
    headers = {"Retry-After": str(exc.retry_after)} if getattr(exc, "retry_after", None) else None
    return error(request, exc.status, exc.code, exc.message, exc.details, headers)


UNION_TAGS = {"str", "int", "float", "bool", "none", "list", "dict", "date", "datetime", "decimal"}


def _is_union_tag(part) -> bool:
    """Pydantic names the member of a union that failed (`amount.str`); the field is `amount`."""
    text = str(part)
    return text in UNION_TAGS or "[" in text


def _field_path(loc) -> list[str]:
    """The field a pydantic error is about, as the API names it (`items.2.amount`): without the
    request part (`body`, `query`…) and without the union member pydantic adds after a field's
    name (`amount.str`). A union tag right after a list index or at the top is a field of that
    name: the `date` of `items.0.date`."""
    path: list = []
    for part in loc:
        if part in ("body", "query", "path", "payload", "form") and not path:
            continue
        if _is_union_tag(part) and path and isinstance(path[-1], str):
            continue
        path.append(part)
    return [str(part) for part in path]


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    fields = {}
    for item in exc.errors:
        location = _field_path(item.get("loc", []))
        fields.setdefault(".".join(location) or "body", field_message(item))
    first = next(iter(fields), "body")
    return error(
        request,
        422,
        CoreErrorCode.INVALID,
        _("Some fields are not valid: %(fields)s.") % {"fields": ", ".join(fields)},
        {"field": first, "fields": fields},
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return error(
        request, 401, CoreErrorCode.NOT_AUTHENTICATED, _("Sign in first: send a valid bearer token.")
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, CoreErrorCode.NOT_FOUND, _("Not found."))


@api.exception_handler(DjangoPermissionDenied)
def forbidden(request, exc):
    return error(request, 403, CoreErrorCode.FORBIDDEN, _("You may not do this."))


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    return error(request, 413, CoreErrorCode.PAYLOAD_TOO_LARGE, _("The request is larger than the limit."))


@api.exception_handler(RawPostDataException)
def form_body(request, exc):
    """A form (multipart) sent to a route that reads JSON: its body was read as the form's fields
    by the input guard, and there is no JSON to read."""
    return error(
        request,
        422,
        CoreErrorCode.INVALID,
        _("Send the body as JSON (Content-Type: application/json), not as a form."),
        {"field": "body"},
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, PlatformError):  # the parser's refusal, wrapped by ninja
        return platform_error(request, exc.__cause__)
    if exc.status_code == 400:
        return error(request, 422, CoreErrorCode.INVALID, _("The body is not valid JSON."), {"field": "body"})
    return error(request, exc.status_code, CoreErrorCode.ERROR, exc.message)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_away(request, exc):
    logger.warning("database unavailable: %s", exc)
    embedded_db.database_failed()
    return error(
        request,
        503,
        CoreErrorCode.SERVICE_UNAVAILABLE,
        _("The platform is briefly unavailable. Try again in a few seconds."),
        headers={"Retry-After": "5"},
    )


@api.exception_handler(Exception)
def server_error(request, exc):
    logger.exception("API error on %s %s", request.method, request.path)
    return error(request, 500, CoreErrorCode.ERROR, _("Something went wrong on our side; it is logged."))


api.add_router("/", core_router)
api.add_router("/", users_router)
api.add_router("/auth", accounts_router)
api.add_router("/organizations", search_router)  # before /organizations/{id}
api.add_router("/organizations", organizations_router)
api.add_router("/orders", orders_router)
api.add_router("/memberships", membership_router)
api.add_router("/registry", registry_router)
api.add_router("/measures", measures_router)
api.add_router("/applications", applications_router)
api.add_router("/consortia", consortia_router)
api.add_router("/consortium-invitations", consortium_invitations_router)
api.add_router("/test-sites", test_sites_router)
api.add_router("/pilots", pilots_router)
api.add_router("/contests", contests_router)
api.add_router("/solutions", solutions_router)
api.add_router("/kpi", kpi_router)
api.add_router("/datasets", datasets_router)
