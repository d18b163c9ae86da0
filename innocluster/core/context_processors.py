from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The sections of the main navigation: (URL name, label). The header marks the one the page is in.
PUBLIC_SECTIONS = (
    ("partners:search", _("Find partners")),
    ("consortia:list", _("Intersectoral clusters")),
    ("measures:catalogue", _("Support measures")),
    ("pilots:catalogue", pgettext_lazy("main navigation", "Pilots")),
    ("contests:catalogue", pgettext_lazy("main navigation", "Contests")),
    ("registry:list", pgettext_lazy("the registry", "Register")),
    ("core:calendar", _("Calendar")),
)
STAFF_SECTIONS = (
    ("core:staff_dashboard", _("Back office")),
    ("reviews:desk", _("Review desk")),
)


def _sections(path, names):
    """The sections with the one the page is in marked: the longest prefix of the path, so that
    the desk (/staff/desk/) is current and the back office (/staff/) is not."""
    items = [{"url": reverse(name), "label": label, "current": False} for name, label in names]
    within = [item for item in items if item["url"] != "/" and path.startswith(item["url"])]
    if within:
        max(within, key=lambda item: len(item["url"]))["current"] = True
    return items


def platform(request):
    unread = 0
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    staff = False
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
        staff = user.is_staff
    sections = _sections(path, PUBLIC_SECTIONS + (STAFF_SECTIONS if staff else ()))
    return {
        # what a page's file field may take in one request (the middleware's 413 past it)
        "upload_max_bytes": settings.UPLOAD_MAX_BYTES,
        "upload_max_mb": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024, 1),
        "unread_notifications": unread,
        "nav_sections": sections[: len(PUBLIC_SECTIONS)],
        "nav_staff_sections": sections[len(PUBLIC_SECTIONS) :],
    }
