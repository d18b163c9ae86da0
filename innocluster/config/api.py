"""The REST API under /api/v1/: the apps' routers, and one handler that turns the platform's
errors into `{"code", "message", "details"}`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from innocluster.accounts.api import router as accounts_router
from innocluster.consortia.api import invitations_router as consortium_invitations_router
from innocluster.consortia.api import router as consortia_router
from innocluster.core.api import router as core_router
from innocluster.core.errors import CoreErrorCode, PlatformError
from innocluster.measures.api import applications_router
from innocluster.measures.api import router as measures_router
from innocluster.membership.api import router as membership_router
from innocluster.organizations.api import router as organizations_router
from innocluster.partners.api import orders_router, search_router
from innocluster.registry.api import router as registry_router

api = NinjaAPI(
    title="InnoCluster API",
    version="1",
    description="The single electronic window of an innovation cluster. Errors: "
    '{"code", "message", "details"}; authenticate with `Authorization: Bearer <token>` '
    "from POST /api/v1/auth/token.",
    urls_namespace="api",
)


def error(request, status: int, code: str, message, details: dict | None = None):
    return api.create_response(
        request, {"code": code, "message": str(message), "details": details or {}}, status=status
    )


@api.exception_handler(PlatformError)
def platform_error(request, exc: PlatformError):
    return error(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    fields = {}
    for item in exc.errors:
        location = [
            str(part) for part in item.get("loc", []) if part not in ("body", "query", "path", "payload")
        ]
        fields[".".join(location) or "body"] = item.get("msg", "")
    return error(request, 422, CoreErrorCode.INVALID, _("Some fields are not valid."), {"fields": fields})


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


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(request, exc.status_code, CoreErrorCode.ERROR, exc.message)


api.add_router("/", core_router)
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
