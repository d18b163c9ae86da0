"""The staff's datasets (signed-in staff only; not in the open-data catalogue): the review desk's
throughput, grants paid per measure and year, the KPI board's summary per period. Each reads the
other apps only through their selectors, which aggregate in the database."""

from decimal import Decimal

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from innocluster.analytics.datasets import (
    DATE,
    INTEGER,
    MONEY,
    NUMBER,
    STRING,
    Chart,
    Dataset,
    Field,
    Filters,
    declare,
)
from innocluster.kpi import selectors as kpi
from innocluster.measures import selectors as measures
from innocluster.reviews import selectors as reviews

LIVE = _("Live: computed from the platform's data when asked")
SHARE = Decimal("0.0001")
ZERO = Decimal("0.00")


def _lang() -> str:
    return "en" if get_language() == "en" else "ru"


def share(part, whole) -> Decimal | None:
    """part / whole to four places, None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE)


# ---- the review desk ---------------------------------------------------------------------------


def _desk_throughput(filters: Filters) -> list[dict]:
    rows = reviews.desk_throughput(
        year=filters.year,
        region=filters.region,
        case_ids=measures.case_ids_of(filters.measure) if filters.measure else None,
    )
    return [
        {
            "week": row["week"],
            "submitted": row["submitted"],
            "decided": row["decided"],
            "answered_in_time": share(row["in_time"], row["decided_with_due"]),
            "median_working_days": row["median_working_days"],
        }
        for row in rows
    ]


declare(
    Dataset(
        code="desk-throughput",
        title=_("Review desk throughput"),
        description=_(
            "Applications of every kind per week: submitted, decided (approved, rejected or returned "
            "for revision), the share of the decided ones answered by their due date, and the median "
            "number of working days from the submission to the decision."
        ),
        fields=(
            Field("week", DATE, _("Week"), _("The Monday the week starts on")),
            Field(
                "submitted",
                INTEGER,
                pgettext_lazy("staff figures", "Submitted"),
                _("Applications submitted that week"),
            ),
            Field(
                "decided",
                INTEGER,
                pgettext_lazy("staff figures", "Decided"),
                _("Applications decided that week"),
            ),
            Field(
                "answered_in_time",
                NUMBER,
                _("Share answered in time"),
                _(
                    "From 0 to 1, four decimal places: of the applications decided that week, those "
                    "decided on or before their answer's due date"
                ),
            ),
            Field(
                "median_working_days",
                NUMBER,
                _("Median working days to a decision"),
                _(
                    "Of the applications decided that week, by the production calendar: the day of "
                    "submission does not count, the day of the decision does"
                ),
            ),
        ),
        query=_desk_throughput,
        filters=("year", "region", "measure"),
        chart=Chart("line", x="week", y=("submitted", "decided")),
        public=False,
        frequency=LIVE,
        primary_key=("week",),
    )
)


# ---- grants ------------------------------------------------------------------------------------


def _grants_paid_vs_budget(filters: Filters) -> list[dict]:
    lang = _lang()
    asked = {"year": filters.year, "region": filters.region, "measure": filters.measure}
    rows: dict[tuple[str, int], dict] = {}
    place: dict[str, tuple] = {}  # the catalogue's order of measures

    def row(found: dict, year: int) -> dict:
        place[found["measure_code"]] = (found["order"], found["measure_code"])
        return rows.setdefault(
            (found["measure_code"], year),
            {
                "measure": found[f"title_{lang}"],
                "measure_code": found["measure_code"],
                "year": year,
                "budget": None,
                "approved": ZERO,
                "paid": ZERO,
            },
        )

    # a budget is the measure's, not a region's: against one region's payments it would mislead
    for budget in (
        [] if filters.region else measures.budgets_by_measure_year(year=filters.year, measure=filters.measure)
    ):
        row(budget, budget["year"])["budget"] = budget["amount"]
    for grant in measures.grants_by_measure_year(**asked):
        row(grant, grant["approved_year"])["approved"] = grant["amount"]
    for payment in measures.paid_by_measure_year(**asked):
        row(payment, payment["year"])["paid"] = payment["amount"]
    table = [rows[key] for key in sorted(rows, key=lambda key: (key[1], place[key[0]]))]
    for entry in table:
        entry["share_paid"] = share(entry["paid"], entry["budget"])
    return table


declare(
    Dataset(
        code="grants-paid-vs-budget",
        title=_("Grants paid against the budget"),
        description=_(
            "Per support measure and year: the grants approved that year (those still held: a "
            "terminated grant no longer counts) and the payments made that year, whatever became of "
            "their grant since."
        ),
        fields=(
            Field("measure", STRING, _("Support measure")),
            Field("measure_code", STRING, _("Measure code")),
            Field("year", INTEGER, _("Year")),
            Field(
                "budget",
                MONEY,
                _("Budget, ₽"),
                _(
                    "The measure's budget for the year, as coordinators set it in the back office; empty "
                    "when not set, and with a region chosen"
                ),
            ),
            Field("approved", MONEY, _("Approved, ₽"), _("Grants approved that year")),
            Field("paid", MONEY, _("Paid, ₽"), _("Payments made that year")),
            Field(
                "share_paid",
                NUMBER,
                _("Share of the budget paid"),
                _("Paid divided by the budget, four decimal places; empty without a budget"),
            ),
        ),
        query=_grants_paid_vs_budget,
        filters=("year", "region", "measure"),
        chart=Chart("bar", x="measure", y=("paid",), series_by="year"),
        public=False,
        frequency=LIVE,
        primary_key=("measure_code", "year"),
    )
)


# ---- KPI ---------------------------------------------------------------------------------------


def _kpi_summary(filters: Filters) -> list[dict]:
    rows = kpi.period_summary(
        year=filters.year,
        region=filters.region,
        organization_ids=measures.recipient_ids(filters.measure) if filters.measure else None,
    )
    return [
        {
            "period": row["period"],
            "organizations": row["organizations"],
            "reports": row["reports"],
            "late": row["late"],
            "missing": row["missing"],
            "accepted": row["accepted"],
            "met_share": share(row["met"], row["valued"]),
        }
        for row in rows
    ]


declare(
    Dataset(
        code="kpi-summary",
        title=_("KPI reports per period"),
        description=_(
            "The monitoring board in figures: per reporting period, the organisations with targets, "
            "how many reported, late, not at all, how many reports were accepted, and the share of "
            "targets met."
        ),
        fields=(
            Field("period", STRING, _("Period"), _("A year (2026) or a quarter (2026-Q3)")),
            Field("organizations", INTEGER, _("Organisations with targets")),
            Field(
                "reports",
                INTEGER,
                pgettext_lazy("staff figures", "Reported"),
                _("Organisations with targets that submitted at least one version of the report"),
            ),
            Field(
                "late",
                INTEGER,
                pgettext_lazy("staff figures", "Late"),
                _("Organisations whose latest version came after the due date"),
            ),
            Field(
                "missing",
                INTEGER,
                pgettext_lazy("staff figures", "Missing"),
                _("Organisations with no report once the due date has passed"),
            ),
            Field(
                "accepted",
                INTEGER,
                pgettext_lazy("staff figures", "Accepted"),
                _("Organisations whose latest version is accepted"),
            ),
            Field(
                "met_share",
                NUMBER,
                _("Share of targets met"),
                _(
                    "From 0 to 1, four decimal places: of the targets with a value in the latest version "
                    "of the report, those met (within the tolerance)"
                ),
            ),
        ),
        query=_kpi_summary,
        filters=("year", "region", "measure"),
        chart=Chart("bar", x="period", y=("reports", "late", "missing")),
        public=False,
        frequency=LIVE,
        primary_key=("period",),
    )
)
