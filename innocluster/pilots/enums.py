"""Statuses of a pilot and its transitions table (SPEC C6), the sites' categories, the protocol's
conclusions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ANSWER_WORKING_DAYS = 10  # SPEC C6: the site answers within 10 working days


class SiteCategory(models.TextChoices):
    HEALTHCARE = "healthcare", _("Healthcare")
    SOCIAL = "social", _("Social services")
    CULTURE = "culture", _("Culture")
    LEISURE = "leisure", _("Sport and leisure")
    EDUCATION = "education", _("Education")
    TECHNOPARK = "technopark", _("Technopark")
    HOUSING_UTILITIES = "housing_utilities", _("Housing and utilities")
    TRANSPORT = "transport", pgettext_lazy("test site category", "Transport")
    OTHER = "other", pgettext_lazy("test site category", "Other")


class PilotStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("pilot status", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("pilot status", "Accepted")
    DECLINED = "declined", pgettext_lazy("pilot status", "Declined")
    RUNNING = "running", pgettext_lazy("pilot status", "Running")
    COMPLETED = "completed", pgettext_lazy("pilot status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("pilot status", "Cancelled")


class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Conclusion(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    NEEDS_WORK = "needs_work", _("Needs work")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")


class FeedbackSource(models.TextChoices):
    SITE = "site", _("Entered by the site")
    PUBLIC = "public", _("Left through the public link")


COMPANY, SITE, SYSTEM = "company", "site", "system"

# The only changes of status a pilot may make (rule 3 of DESIGN.md), who makes each, and whether
# it needs a comment; `services.transition` refuses anything else.
PILOT_TRANSITIONS = {
    (PilotStatus.REQUESTED, PilotStatus.ACCEPTED): {"by": SITE, "comment": False},
    (PilotStatus.REQUESTED, PilotStatus.DECLINED): {"by": SITE, "comment": True},
    (PilotStatus.REQUESTED, PilotStatus.CANCELLED): {"by": COMPANY, "comment": False},
    (PilotStatus.ACCEPTED, PilotStatus.CANCELLED): {"by": COMPANY, "comment": False},
    (PilotStatus.ACCEPTED, PilotStatus.RUNNING): {"by": SYSTEM, "comment": False},
    (PilotStatus.ACCEPTED, PilotStatus.COMPLETED): {"by": SITE, "comment": False},
    (PilotStatus.RUNNING, PilotStatus.COMPLETED): {"by": SITE, "comment": False},
}

# The pilots that hold a place at their site.
HOLDING_PLACE = (PilotStatus.ACCEPTED, PilotStatus.RUNNING)
# The requests the site said yes to, for its acceptance rate.
SAID_YES = (PilotStatus.ACCEPTED, PilotStatus.RUNNING, PilotStatus.COMPLETED)
