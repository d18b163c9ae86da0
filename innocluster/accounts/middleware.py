"""The second factor gate for sessions: a staff account acts as staff only in a session that
passed its second factor (SPEC C1). Until then the request's user is demoted to an applicant,
and the staff-only pages (the back office, the review desk, the admin) send it to the second
factor first."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

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
