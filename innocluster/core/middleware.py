"""Middleware of the platform's own: input refused at the edge (sizes, forbidden characters), and
the headers every answer carries."""

import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from innocluster.core.errors import CoreErrorCode, error_body
from innocluster.core.formats import format_measure
from innocluster.core.input import (
    forbidden_in_mapping,
    has_forbidden_line,
    has_forbidden_text,
    without_forbidden,
)

API_PREFIX = "/api/"
MULTIPART_OVERHEAD = 1024 * 1024  # boundaries and the other fields of an upload form


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_answer(request, status: int, code: str, message, field: str | None = None):
    """The API's `{"code", "message", "details"}`, or an error page for the site."""
    details = {"field": field} if field else {}
    if is_api(request):
        return JsonResponse(error_body(code, message, details), status=status)
    return render(
        request, "error.html", {"status": status, "message": message, "field": field}, status=status
    )


def body_limit(request) -> int:
    if request.content_type == "multipart/form-data":
        return settings.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class InputGuardMiddleware:
    """A body over the limit is a 413 before it is read; a control character (a NUL, an escape, a
    lone surrogate) in the path, a query parameter or a field of the API is a 422 naming the field.
    In a page's form the characters are taken out of what was typed instead (`without_forbidden`):
    they are invisible, come with text pasted from a word processor, and a refusal on a page of its
    own lost the whole form. JSON bodies of the API are checked by its parser (config/api.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit(request):
            return self._too_large(request)
        if has_forbidden_line(request.path_info):
            return self._forbidden(request, "path")
        field = forbidden_in_mapping(request.GET, strict=True)
        if field is None and request.method in ("POST", "PUT", "PATCH"):
            try:
                field = forbidden_in_mapping(request.POST, strict=False)
            except RequestDataTooBig:
                return self._too_large(request)
            if field not in (None, "body") and not is_api(request):
                request.POST = _cleaned(request.POST)
                field = None
        if field is not None:
            return self._forbidden(request, field)
        return self.get_response(request)

    def _too_large(self, request):
        return error_answer(
            request,
            413,
            CoreErrorCode.PAYLOAD_TOO_LARGE,
            _("The request is larger than %(mb)s MB.")
            % {"mb": format_measure(Decimal(str(round(body_limit(request) / 1024 / 1024, 1))))},  # 21, 20,5
        )

    def _forbidden(self, request, field: str):
        return error_answer(
            request,
            422,
            CoreErrorCode.INVALID,
            _("The field “%(field)s” contains a control character, which is not allowed.") % {"field": field},
            field=field,
        )


def _cleaned(data):
    """A copy of a form's fields with the control characters taken out of every value."""
    cleaned = data.copy()
    for key in cleaned:
        values = cleaned.getlist(key)
        if any(isinstance(v, str) and has_forbidden_text(v) for v in values):
            cleaned.setlist(key, [without_forbidden(v) if isinstance(v, str) else v for v in values])
    cleaned._mutable = False
    return cleaned


class PrivateAnswersMiddleware:
    """What a signed-in person sees is theirs: never kept by a shared cache or the browser's
    back-forward store (`Cache-Control: private, no-store`). Every answer also refuses the
    browser features the platform never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "Authorization" in request.headers:
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie", "Authorization"))
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        return response


class HtmxToastsMiddleware:
    """An htmx action replaces a part of the page, so Django's messages would wait for the next
    full page: hand them to the browser instead as `HX-Trigger: {"toast": [...]}`, which ds.js
    shows as toasts (an aria-live region). A redirect keeps them for the page it leads to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or 300 <= response.status_code < 400:
            return response
        storage = getattr(request, "_messages", None)
        if storage is None:
            return response
        toasts = [{"message": str(m), "level": m.level_tag or "info"} for m in storage]
        if toasts:
            triggers = {}
            if response.get("HX-Trigger"):
                try:
                    triggers = json.loads(response["HX-Trigger"])
                except ValueError:
                    triggers = {response["HX-Trigger"]: None}
            triggers["toast"] = toasts
            response["HX-Trigger"] = json.dumps(triggers, ensure_ascii=True)
        return response


class ApiEdgesMiddleware:
    """The API's paths as integrators write them, and its refusals always in its own shape:
    - a path with a trailing slash is the path without it (`/api/v1/measures/`), where that exists;
    - HEAD is answered as GET without the body (a monitor's `curl -I /api/v1/health`);
    - an unknown path (404) and a method the path does not take (405, with `Allow`) answer
      `{"code", "message", "details"}` instead of an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        path = request.path_info
        if path.endswith("/") and path.count("/") > 3 and _resolves(path.rstrip("/")):
            request.path_info = path.rstrip("/")
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        if response.status_code in (404, 405) and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            if response.status_code == 404:
                answer = JsonResponse(
                    error_body(CoreErrorCode.NOT_FOUND, _("No such API path."), {"path": request.path}),
                    status=404,
                )
            else:
                allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
                answer = JsonResponse(
                    error_body(
                        CoreErrorCode.METHOD_NOT_ALLOWED,
                        _("This path does not take %(method)s.") % {"method": request.method},
                        {"allowed": allowed},
                    ),
                    status=405,
                )
                if allowed:
                    answer["Allow"] = ", ".join(allowed)
            return answer
        return response


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
