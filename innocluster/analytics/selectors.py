"""What the analytics pages need besides the datasets: who sees the staff dashboards, and the codes
a filter may name."""

from django.utils import timezone

from innocluster.measures import selectors as measures
from innocluster.organizations import selectors as organizations
from innocluster.organizations.rules import is_active_staff


def sees_staff_data(user) -> bool:
    return bool(user) and is_active_staff(user)


def known_codes() -> dict:
    return {
        "regions": {r.code for r in organizations.regions()},
        "measures": {m.code for m in measures.catalogue()},
    }


def current_year() -> int:
    return timezone.localdate().year
