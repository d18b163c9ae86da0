from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The sections of the main navigation: (URL name, label). The header marks the one the page is in.
PUBLIC_SECTIONS = (
    ("partners:search", _("Find partners")),
    ("consortia:list", _("Intersectoral clusters")),
    ("measures:catalogue", _("Support measures")),
    ("registry:list", pgettext_lazy("the registry", "Register")),
    ("core:calendar", _("Calendar")),
)
STAFF_SECTIONS = (
    ("core:staff_dashboard", _("Back office")),
    ("reviews:desk", _("Review desk")),
)


def _sections(path, names):
    items = []
    for name, label in names:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items


def platform(request):
    unread = 0
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    staff = False
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
        staff = user.is_staff
    return {
        "unread_notifications": unread,
        "nav_sections": _sections(path, PUBLIC_SECTIONS),
        "nav_staff_sections": _sections(path, STAFF_SECTIONS) if staff else [],
    }
