"""The second factor gate for sessions: a staff account acts as staff only in a session that
passed its second factor (SPEC C1). Until then the request's user is demoted to an applicant,
and the staff-only pages (the back office, the review desk, the admin) send it to the second
factor first."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from innocluster.accounts import consent

SESSION_KEY = "second_factor_verified_at"
STAFF_PREFIXES = ("/staff/", "/admin/")


def session_verified(request) -> bool:
    return bool(request.session.get(SESSION_KEY))


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and not session_verified(request):
            user.demote_until_second_factor()
            if request.path_info.startswith(STAFF_PREFIXES):
                target = reverse("accounts:second_factor")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


# Pages a person without a current consent still reaches: the consent and its document, signing
# out, the language, their rights under 152-FZ ("My data": download, correct, withdraw, which need
# no consent), and the API (it answers integrators by its contract; see `consent` in register).
CONSENT_FREE_PREFIXES = ("/accounts/consent/", "/accounts/sign-out/", "/i18n/", "/accounts/my-data/", "/api/")


class ConsentMiddleware:
    """152-FZ art. 9: a signed-in person whose consent is not to the current version of the
    consent document (none yet, an older version, or withdrawn) is sent to give it before any
    page, staff included, and then on to where they were going. One query per signed-in request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not _consent_free(request) and consent.needs_consent(user) is not None:
            return _ask_for_consent(request)
        return self.get_response(request)


def _consent_free(request) -> bool:
    path = request.path_info
    if path.startswith(CONSENT_FREE_PREFIXES) or path.startswith(settings.STATIC_URL or "/static/"):
        return True
    # the Django admin stays open to a superuser, the one who may have to mend the document itself
    superuser = getattr(request.user, "_real_staff", (False, request.user.is_superuser))[1]
    return superuser and path.startswith("/admin/")


def _ask_for_consent(request):
    target = reverse("accounts:consent")
    if request.headers.get("HX-Request"):  # a fragment would not show the page: htmx goes there
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        if current.path:
            target = f"{target}?{urlencode({'next': urlunsplit(('', '', current.path, current.query, ''))})}"
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    if request.method in ("GET", "HEAD"):
        target = f"{target}?{urlencode({'next': request.get_full_path()})}"
    return redirect(target)
