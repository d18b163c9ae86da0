"""The declared datasets (SPEC C10). Each reads the other apps only through their selectors; the
JSON, CSV, XLSX, Table Schema, chart and passport of each come from its declaration."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.analytics.datasets import (
    BOOLEAN,
    DATE,
    INTEGER,
    MIN_KPI_ORGANIZATIONS,
    MONEY,
    STRING,
    Chart,
    Dataset,
    Field,
    Filters,
    declare,
)
from innocluster.consortia import selectors as consortia
from innocluster.contests import selectors as contests
from innocluster.contests.enums import ContestStatus
from innocluster.kpi import selectors as kpi
from innocluster.measures import selectors as measures
from innocluster.membership import selectors as membership
from innocluster.pilots import selectors as pilots
from innocluster.registry import selectors as registry

LIVE = _("Live: computed from the platform's data when asked")


def _lang() -> str:
    return "en" if get_language() == "en" else "ru"


def _participants_by_region(filters: Filters) -> list[dict]:
    lang = _lang()
    return [
        {"region_code": r["region_code"], "region": r[f"region_{lang}"], "count": r["count"]}
        for r in membership.participants_by_region(year=filters.year, region=filters.region)
    ]


declare(
    Dataset(
        code="participants-by-region",
        title=_("Participants by region"),
        description=_(
            "The cluster's participants by the region of their registration (the subject of the Russian "
            "Federation); with a year, those admitted that year."
        ),
        fields=(
            Field("region_code", STRING, _("Region code"), _("The two-digit code of the subject (FNS)")),
            Field("region", STRING, _("Region")),
            Field("count", INTEGER, _("Participants")),
        ),
        query=_participants_by_region,
        filters=("year", "region"),
        chart=Chart("hbar", x="region", y=("count",), limit=15),
        frequency=LIVE,
        primary_key=("region_code",),
    )
)


# ---- participants over time --------------------------------------------------------------------


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _participants_by_month(filters: Filters) -> list[dict]:
    """Every month from the first admission to this one (months with none included, so that the
    line is drawn to scale); `total` counts from the beginning whatever the year shown."""
    joined = {r["month"]: r["joined"] for r in membership.participants_by_month(region=filters.region)}
    if not joined:
        return []
    month, last = min(joined), max(max(joined), timezone.localdate().replace(day=1))
    rows, total = [], 0
    while month <= last:
        total += joined.get(month, 0)
        if not filters.year or month.year == filters.year:
            rows.append({"month": month, "joined": joined.get(month, 0), "total": total})
        month = _next_month(month)
    return rows


declare(
    Dataset(
        code="participants-by-month",
        title=_("Participants over time"),
        description=_(
            "How many organisations the cluster admitted each month and how many participants it had "
            "at the month's end; with a year, that year's months (the total still counts from the "
            "beginning), with a region, its participants only."
        ),
        fields=(
            Field("month", DATE, _("Month"), _("The first day of the month")),
            Field("joined", INTEGER, _("Admitted in the month")),
            Field("total", INTEGER, _("Participants"), _("Participants at the month's end")),
        ),
        query=_participants_by_month,
        filters=("year", "region"),
        chart=Chart("line", x="month", y=("total",)),
        frequency=LIVE,
        primary_key=("month",),
    )
)


# ---- participants by OKVED class ----------------------------------------------------------------


def _participants_by_okved(filters: Filters) -> list[dict]:
    lang = _lang()
    return [
        {"okved_code": r["okved_code"], "okved": r[f"okved_{lang}"], "count": r["count"]}
        for r in membership.participants_by_okved(year=filters.year, region=filters.region)
    ]


declare(
    Dataset(
        code="participants-by-okved",
        title=_("Participants by OKVED class"),
        description=_(
            "The cluster's participants by the class of their main activity (OKVED 2); with a year, "
            "those admitted that year."
        ),
        fields=(
            Field("okved_code", STRING, _("OKVED class code"), _("The two-digit class of OKVED 2")),
            Field("okved", STRING, _("Activity")),
            Field("count", INTEGER, _("Participants")),
        ),
        query=_participants_by_okved,
        filters=("year", "region"),
        chart=Chart("hbar", x="okved", y=("count",), limit=15),
        frequency=LIVE,
        primary_key=("okved_code",),
    )
)


# ---- intersectoral clusters ---------------------------------------------------------------------


def _consortia(filters: Filters) -> list[dict]:
    moscow = timezone.get_default_timezone()
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "members": r["participants_count"],
            "partners": r["partners_count"],
            "projects": r["projects_count"],
            "areas": ", ".join(r["areas"]),
            "approved_on": timezone.localdate(r["approved_at"], moscow) if r["approved_at"] else None,
        }
        for r in consortia.approved_consortia_sizes(year=filters.year)
    ]


declare(
    Dataset(
        code="consortia",
        title=_("Intersectoral clusters"),
        description=_(
            "The approved intersectoral clusters with their size: member organisations (the "
            "coordinator included; every one a participant of the cluster), partners and joint "
            "projects; with a year, those approved that year."
        ),
        fields=(
            Field("id", INTEGER, _("Number")),
            Field("name", STRING, _("Name")),
            Field(
                "members", INTEGER, _("Members"), _("Active member organisations, the coordinator included")
            ),
            Field("partners", INTEGER, _("Partners"), _("Active partners (not counted among the members)")),
            Field("projects", INTEGER, _("Joint projects")),
            Field("areas", STRING, _("Adjacent areas"), _("OKVED classes and technology areas")),
            Field("approved_on", DATE, _("Approved on")),
        ),
        query=_consortia,
        filters=("year",),
        chart=Chart("hbar", x="name", y=("members",), limit=15),
        frequency=LIVE,
        primary_key=("id",),
    )
)


# ---- grants ---------------------------------------------------------------------------------------


def _grants_by_measure_year(filters: Filters) -> list[dict]:
    lang = _lang()
    return [
        {
            "measure_code": r["measure_code"],
            "measure": r[f"title_{lang}"],
            "year": r["approved_year"],
            "count": r["count"],
            "amount": r["amount"],
        }
        for r in measures.grants_by_measure_year(
            year=filters.year, region=filters.region, measure=filters.measure
        )
    ]


declare(
    Dataset(
        code="grants-by-measure-year",
        title=_("Grants by support measure and year"),
        description=_(
            "The grants approved under each support measure by the year of approval: how many and "
            "their sum. A grant terminated later no longer counts. With a region, the grants of its "
            "organisations (a grant to a person has no region)."
        ),
        fields=(
            Field("measure_code", STRING, _("Measure code")),
            Field("measure", STRING, _("Support measure")),
            Field("year", INTEGER, _("Year"), _("The year of approval")),
            Field("count", INTEGER, _("Grants")),
            Field("amount", MONEY, _("Amount, ₽"), _("The sum of the amounts granted, in rubles")),
        ),
        query=_grants_by_measure_year,
        filters=("year", "region", "measure"),
        chart=Chart("bar", x="year", y=("amount",), series_by="measure"),
        frequency=LIVE,
        primary_key=("measure_code", "year"),
    )
)


# ---- pilots ---------------------------------------------------------------------------------------


def _pilots_by_category_year(filters: Filters) -> list[dict]:
    labels = pilots.site_category_labels()
    return [
        {**r, "category_code": r["category"], "category": labels.get(r["category"], r["category"])}
        for r in pilots.pilots_by_category_year(year=filters.year, region=filters.region)
    ]


declare(
    Dataset(
        code="pilots-by-category-year",
        title=_("Pilot tests by site category and year"),
        description=_(
            "Requests for pilot tests by the category of the test site and the year the request was "
            "made, and what came of them: accepted (running and completed ones included), declined, "
            "completed, and completed with the conclusion “recommended”. With a region, the pilots "
            "of its companies."
        ),
        fields=(
            Field("category_code", STRING, _("Category code")),
            Field("category", STRING, _("Site category")),
            Field("year", INTEGER, _("Year"), _("The year the pilot was requested")),
            Field("requested", INTEGER, _("Requested")),
            Field("accepted", INTEGER, _("Accepted"), _("Accepted, running or completed")),
            Field("declined", INTEGER, _("Declined")),
            Field("completed", INTEGER, _("Completed")),
            Field("recommended", INTEGER, _("Recommended"), _("Completed, the latest protocol recommends")),
        ),
        query=_pilots_by_category_year,
        filters=("year", "region"),
        chart=Chart("bar", x="category", y=("requested", "completed")),
        frequency=LIVE,
        primary_key=("category_code", "year"),
    )
)


# ---- contests -------------------------------------------------------------------------------------


def _contests(filters: Filters) -> list[dict]:
    moscow = timezone.get_default_timezone()
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "organiser": r["organiser"],
            "status": r["status"],
            "deadline": timezone.localdate(r["deadline"], moscow),
            "solutions": r["solutions_count"],
            "winners": r["winners_count"],
        }
        for r in contests.published_contests_summary(year=filters.year)
    ]


declare(
    Dataset(
        code="contests",
        title=_("Technology contests"),
        description=_(
            "The published technology contests: the solutions submitted and, once the results are "
            "published, the winners; with a year, the contests whose deadline falls in it."
        ),
        fields=(
            Field("id", INTEGER, _("Number")),
            Field("title", STRING, _("Contest")),
            Field("organiser", STRING, _("Organiser")),
            Field(
                "status",
                STRING,
                _("Status"),
                _("open, scoring, results_published or cancelled"),
                choices=ContestStatus,
            ),
            Field("deadline", DATE, _("Deadline"), _("The last day for solutions, Moscow time")),
            Field("solutions", INTEGER, _("Solutions")),
            Field("winners", INTEGER, _("Winners"), _("Once the results are published; 0 before")),
        ),
        query=_contests,
        filters=("year",),
        chart=Chart("hbar", x="title", y=("solutions",), limit=15),
        frequency=LIVE,
        primary_key=("id",),
    )
)


# ---- investments and contracts (KPI reports) ------------------------------------------------------

KPI_INDICATORS = ("investments", "contracts")


def _kpi_investments_contracts(filters: Filters) -> list[dict]:
    lang = _lang()
    return [
        {
            "year": r["year"],
            "indicator": r["indicator"],
            "indicator_name": r[f"name_{lang}"],
            "organizations": r["organizations"],
            "total": r["total"],
            "withheld": r["withheld"],
        }
        for r in kpi.summed_yearly_values(
            KPI_INDICATORS,
            minimum_organizations=MIN_KPI_ORGANIZATIONS,
            year=filters.year,
            region=filters.region,
            measure_ids=measures.recipient_ids(filters.measure) if filters.measure else None,
        )
    ]


declare(
    Dataset(
        code="kpi-investments-contracts",
        title=_("Investments attracted and contracts concluded"),
        description=_(
            "The sums of the investments attracted and of the contracts concluded that participants "
            "reported in their accepted yearly KPI reports (the latest accepted version of each). A "
            "sum is shown only over at least 3 organisations; with fewer it is withheld. With a "
            "measure, the organisations that hold a grant of it."
        ),
        fields=(
            Field("year", INTEGER, _("Year")),
            Field("indicator", STRING, _("Indicator code"), _("investments or contracts")),
            Field("indicator_name", STRING, _("Indicator")),
            Field(
                "organizations", INTEGER, _("Organisations"), _("How many organisations' values are summed")
            ),
            Field("total", MONEY, _("Total, ₽"), _("Empty where withheld")),
            Field("withheld", BOOLEAN, _("Withheld"), _("Fewer than 3 organisations: the sum is not shown")),
        ),
        query=_kpi_investments_contracts,
        filters=("year", "region", "measure"),
        chart=Chart("bar", x="year", y=("total",), series_by="indicator_name"),
        frequency=LIVE,
        primary_key=("year", "indicator"),
    )
)


# ---- the register of startups and high-tech companies ----------------------------------------


def _register(filters: Filters) -> list[dict]:
    """The register in force today (as its public page shows it by default), or at the end of the
    year asked for; by region."""
    today = timezone.localdate()
    on = today if not filters.year or filters.year >= today.year else dt.date(filters.year, 12, 31)
    lang = _lang()
    return [
        {
            "number": entry.number,
            "organization_id": entry.organization_id,
            "organization": entry.organization.short_name,
            "category_code": entry.category,
            "category": str(entry.get_category_display()),
            "region_code": entry.organization.region_id,
            "region": getattr(entry.organization.region, f"name_{lang}"),
            "included_on": entry.included_on,
        }
        for entry in registry.register_on(on=on, region=filters.region or "")
    ]


declare(
    Dataset(
        code="register",
        title=_("Register of startups and high-tech companies"),
        description=_(
            "The companies in the cluster's register: its number, the company, the category and "
            "the region, and since when; today's register, or with a year, the register at that "
            "year's end."
        ),
        fields=(
            Field("number", INTEGER, _("Register number")),
            Field(
                "organization_id", INTEGER, _("Organisation"), _("The organisation's number on the platform")
            ),
            Field("organization", STRING, _("Company")),
            Field("category_code", STRING, _("Category code")),
            Field("category", STRING, _("Category")),
            Field("region_code", STRING, _("Region code"), _("The two-digit code of the subject (FNS)")),
            Field("region", STRING, _("Region")),
            Field("included_on", DATE, _("Included on")),
        ),
        query=_register,
        filters=("year", "region"),
        frequency=LIVE,
        primary_key=("number",),
    )
)
