"""The `pilot-testing` grant's link to its pilot (SPEC C5, C6): what measures asks of pilots through
its registry (`measures/links.py`), registered in `apps.py`. Measures never imports pilots; this
module answers it in plain values."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.formats import human_date
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.links import ApplicationLink
from innocluster.pilots.enums import Conclusion, PilotStatus
from innocluster.pilots.models import Pilot, Protocol
from innocluster.pilots.selectors import protocol_summary

# The pilots a grant may name: the site said yes and the company did not withdraw (SPEC C6).
GRANT_STATUSES = (PilotStatus.ACCEPTED, PilotStatus.RUNNING, PilotStatus.COMPLETED)


def pilot_url(pk: int) -> str:
    return f"/pilots/{pk}/"


def protocol_pdf_url(pk: int, version: int) -> str:
    return f"/pilots/{pk}/protocol/{version}.pdf"


def period(pilot: Pilot) -> str:
    return f"{human_date(pilot.starts_on)} – {human_date(pilot.ends_on)}"


def label(pilot: Pilot) -> str:
    """How a form lists the pilot: "product — site, period"."""
    return _("%(product)s — %(site)s, %(period)s") % {
        "product": pilot.product,
        "site": pilot.site.name,
        "period": period(pilot),
    }


def eligible(organization) -> list[tuple[int, str]]:
    """The organisation's pilots a grant may name now, the latest first."""
    pilots = (
        Pilot.objects.filter(organization=organization, status__in=GRANT_STATUSES)
        .select_related("site")
        .order_by("-starts_on", "-pk")
    )
    return [(pilot.pk, label(pilot)) for pilot in pilots]


def check(organization, pk: int) -> Pilot | None:
    """The pilot when it is the organisation's own and accepted, running or completed; else None."""
    return Pilot.objects.filter(pk=pk, organization=organization, status__in=GRANT_STATUSES).first()


def describe(pk: int, user) -> dict | None:
    """What the application's pages show of the pilot: for the reviewer and the applicant, whoever
    may see the application. `url` only for those who may open the pilot's page."""
    pilot = Pilot.objects.select_related("site", "organization").filter(pk=pk).first()
    if pilot is None:
        return None
    latest = (
        Protocol.objects.filter(pilot=pilot)
        .select_related("pilot")
        .prefetch_related("results")
        .order_by("-version")
        .first()
    )
    protocol = None
    if latest is not None:
        summary = protocol_summary(latest)
        protocol = {
            "version": latest.version,
            "submitted_at": latest.submitted_at,
            "conclusion": latest.conclusion,
            "conclusion_label": Conclusion(latest.conclusion).label,
            "criteria_met": sum(1 for c in summary["criteria"] if c["met"]),
            "criteria_count": len(summary["criteria"]),
            "average_rating": summary["average_rating"],
            "feedback_count": summary["feedback_count"],
            "pdf_url": protocol_pdf_url(pilot.pk, latest.version),
        }
    may_open = user is not None and user.is_authenticated and user.has_perm("pilots.view_pilot", pilot)
    return {
        "id": pilot.pk,
        "product": pilot.product,
        "site": pilot.site.name,
        "starts_on": pilot.starts_on,
        "ends_on": pilot.ends_on,
        "period": period(pilot),
        "status": pilot.status,
        "status_label": PilotStatus(pilot.status).label,
        # a pilot cancelled after the application named it no longer carries a grant
        "eligible": pilot.status in GRANT_STATUSES,
        "url": pilot_url(pilot.pk) if may_open else "",
        "protocol": protocol,
    }


PILOT_LINK = ApplicationLink(
    key="pilot",
    field="pilot_id",
    label=gettext_lazy("Pilot"),
    eligible=eligible,
    check=check,
    describe=describe,
    required_message=gettext_lazy(
        "Name the pilot of this grant (pilot_id): your organisation's own pilot that the site "
        "accepted, that runs or that is completed."
    ),
    error_code=MeasureErrorCode.PILOT_REQUIRED,
    none_message=gettext_lazy(
        "Your organisation has no accepted, running or completed pilot yet: this grant pays for a "
        "pilot test. Ask a test site for a pilot first."
    ),
    catalogue_url="/pilots/",
)
