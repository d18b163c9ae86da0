"""Reads of the KPI: the monitoring board (a fixed number of queries whatever the number of
organisations), the reports an organisation owes, a report's versions, the coordinators' queue."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from innocluster.kpi.enums import Better, ReportStatus
from innocluster.kpi.models import Evidence, Indicator, Report, ReportDraft, ReportValue, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.targets import MISSING, band, status
from innocluster.organizations.models import Organization  # the type of the rows only
from innocluster.organizations.selectors import all_organizations

BOARD_PAGE_SIZE = 50
# ?sort= keys of the board: the organisation's name, its region, its report's state
BOARD_SORTS = {
    "name": ("short_name", "pk"),
    "-name": ("-short_name", "-pk"),
    "region": ("region__name_{lang}", "short_name", "pk"),
    "-region": ("-region__name_{lang}", "short_name", "pk"),
    "report": ("report_rank", "short_name", "pk"),
    "-report": ("-report_rank", "short_name", "pk"),
}
# report filter of the board
LATE, MISSING_REPORT, NOT_YET_DUE = "late", "missing", "not_due"
REPORT_FILTERS = (ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED, LATE, MISSING_REPORT)


def _latest(period: str):
    return Report.objects.filter(organization=OuterRef("pk"), period=period).order_by("-version")


def board(period: Period, *, indicator=None) -> list[dict]:
    """A row per target of the period: the value of the organisation's latest report version,
    met / missed / missing, and whether that report was late. Two queries."""
    latest = Report.objects.filter(organization=OuterRef("organization"), period=str(period)).order_by(
        "-version"
    )
    targets = (
        Target.objects.filter(period=str(period))
        .select_related("indicator")
        .annotate(report_id=Subquery(latest.values("pk")[:1]), late=Subquery(latest.values("late")[:1]))
        .order_by("organization_id", "indicator_id")
    )
    if indicator is not None:
        targets = targets.filter(indicator=indicator)
    targets = list(targets)
    values = {
        (v.report_id, v.indicator_id): v.value
        for v in ReportValue.objects.filter(report_id__in={t.report_id for t in targets if t.report_id})
    }
    rows = []
    for target in targets:
        value = values.get((target.report_id, target.indicator_id))
        outcome = status(value, target.value, target.tolerance_percent, target.indicator.better)
        rows.append(
            {
                "organization_id": target.organization_id,
                "indicator": target.indicator.code,
                "target": target.value,
                "value": value,
                "status": outcome if value is not None else MISSING,
                "late": bool(target.late),
            }
        )
    return rows


@dataclass
class BoardCell:
    indicator: Indicator
    target: object = None  # Decimal or None: no target of this indicator
    tolerance_percent: object = None
    value: object = None
    band: str = "no_target"  # met / tolerance / missed / missing / no_target


@dataclass
class BoardRow:
    organization: Organization
    report_id: int | None
    report_status: str | None
    report_version: int | None
    late: bool
    state: str  # submitted / returned / accepted / missing / not_due
    cells: list[BoardCell] = field(default_factory=list)


@dataclass
class BoardPage:
    period: Period
    indicators: list[Indicator]
    rows: list[BoardRow]
    page: Page  # Django's page of organisations: its number, count, neighbours (the pager)

    @property
    def total(self) -> int:
        return self.page.paginator.count


def board_organizations(
    period: Period,
    *,
    measure_ids=None,
    consortium_ids=None,
    region: str = "",
    report: str = "",
    today: dt.date | None = None,
) -> QuerySet[Organization]:
    """The organisations with a target in the period, filtered, each annotated with its latest
    report of the period (id, status, version, late) and `report_rank` for sorting. `measure_ids`
    and `consortium_ids` are subqueries of organisation ids (the measures' and consortia's
    selectors)."""
    today = today or timezone.localdate()
    text = str(period)
    latest = _latest(text)
    queryset = (
        all_organizations()
        .filter(Exists(Target.objects.filter(organization=OuterRef("pk"), period=text)))
        .annotate(
            report_id=Subquery(latest.values("pk")[:1]),
            report_status=Subquery(latest.values("status")[:1]),
            report_version=Subquery(latest.values("version")[:1]),
            report_late=Subquery(latest.values("late")[:1]),
        )
    )
    # missing first, then late, returned, submitted, accepted: what needs a coordinator's eye
    # (ranked inside one subquery of the latest version: three would each run per row)
    ranked = latest.annotate(
        rank=Case(
            When(late=True, then=Value(1)),
            When(status=ReportStatus.RETURNED, then=Value(2)),
            When(status=ReportStatus.SUBMITTED, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
    )
    queryset = queryset.annotate(
        report_rank=Coalesce(Subquery(ranked.values("rank")[:1]), Value(0), output_field=IntegerField())
    )
    if measure_ids is not None:
        queryset = queryset.filter(pk__in=measure_ids)
    if consortium_ids is not None:
        queryset = queryset.filter(pk__in=consortium_ids)
    if region:
        queryset = queryset.filter(region_id=region)
    if report == LATE:
        queryset = queryset.filter(report_late=True)
    elif report == MISSING_REPORT:
        queryset = queryset.filter(report_id__isnull=True) if today > period.due else queryset.none()
    elif report in (ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED):
        queryset = queryset.filter(report_status=report)
    return queryset


def board_page(
    period: Period,
    *,
    page: int = 1,
    per_page: int = BOARD_PAGE_SIZE,
    sort: str = "name",
    today: dt.date | None = None,
    **filters,
) -> BoardPage:
    """One page of the monitoring board: rows of organisations, a column per indicator with a
    target in the period, each cell the target, the latest version's value and its band. Five
    queries whatever the number of organisations (indicators, count, the page, its targets, its
    values)."""
    today = today or timezone.localdate()
    text = str(period)
    indicators = list(
        Indicator.objects.filter(Exists(Target.objects.filter(period=text, indicator=OuterRef("pk"))))
    )
    lang = "en" if get_language() == "en" else "ru"
    order = [f.format(lang=lang) for f in BOARD_SORTS.get(sort, BOARD_SORTS["name"])]
    organizations = board_organizations(period, today=today, **filters).order_by(*order)
    page_obj = Paginator(organizations, per_page).get_page(page)
    chosen = list(page_obj.object_list)
    targets = {
        (t.organization_id, t.indicator_id): t
        for t in Target.objects.filter(period=text, organization_id__in=[o.pk for o in chosen])
    }
    values = {
        (v.report_id, v.indicator_id): v.value
        for v in ReportValue.objects.filter(report_id__in=[o.report_id for o in chosen if o.report_id])
    }
    rows, due = [], period.due
    for organization in chosen:
        state = (
            (MISSING_REPORT if today > due else NOT_YET_DUE)
            if organization.report_id is None
            else organization.report_status
        )
        row = BoardRow(
            organization=organization,
            report_id=organization.report_id,
            report_status=organization.report_status,
            report_version=organization.report_version,
            late=bool(organization.report_late),
            state=state,
        )
        for indicator in indicators:
            target = targets.get((organization.pk, indicator.pk))
            value = values.get((organization.report_id, indicator.pk))
            row.cells.append(
                BoardCell(
                    indicator=indicator,
                    target=target.value if target else None,
                    tolerance_percent=target.tolerance_percent if target else None,
                    value=value,
                    band=band(value, target.value, target.tolerance_percent, indicator.better)
                    if target
                    else "no_target",
                )
            )
        rows.append(row)
    return BoardPage(period, indicators, rows, page_obj)


def board_periods() -> list[str]:
    """The periods that have targets, newest first."""
    periods = {Period.parse(p) for p in Target.objects.order_by().values_list("period", flat=True).distinct()}
    return [str(p) for p in sorted(periods, reverse=True)]


def due_reports(person, *, today: dt.date | None = None) -> list[dict]:
    """The reports the person's organisations owe or have filed: per organisation and period with
    a target (or a report), the due date and the latest version's state. Three queries."""
    today = today or timezone.localdate()
    if not getattr(person, "is_authenticated", False):
        return []
    mine = all_organizations().filter(people__person=person)
    pairs = set(
        Target.objects.filter(organization__in=mine).values_list("organization_id", "period").distinct()
    ) | set(Report.objects.filter(organization__in=mine).values_list("organization_id", "period").distinct())
    if not pairs:
        return []
    names = dict(mine.values_list("pk", "short_name"))
    latest: dict[tuple[int, str], Report] = {}
    for report in Report.objects.filter(organization__in=mine).order_by("version"):
        latest[(report.organization_id, report.period)] = report
    rows = []
    for organization_id, text in pairs:
        period = Period.parse(text)
        report = latest.get((organization_id, text))
        if report is None and period.first_day > today:
            continue  # a target set ahead: nothing to report before the period begins
        state = ("overdue" if today > period.due else "due") if report is None else report.status
        rows.append(
            {
                "organization_id": organization_id,
                "organization": names.get(organization_id, ""),
                "period": text,
                "period_value": period,
                "due": period.due,
                "report": report,
                "state": state,
                "days_left": (period.due - today).days,
            }
        )
    order = {"returned": 0, "overdue": 1, "due": 2, "submitted": 3, "accepted": 4}
    rows.sort(key=lambda r: (order.get(r["state"], 5), r["due"], r["organization"]))
    return rows


def versions(organization, period: str) -> list[Report]:
    """Every version of an organisation's report for a period, newest first, with their values."""
    return list(
        Report.objects.filter(organization=organization, period=period)
        .select_related("submitted_by", "decided_by")
        .prefetch_related("values__indicator", "values__evidence")
        .order_by("-version")
    )


def draft_of(organization, period: str) -> ReportDraft | None:
    return ReportDraft.objects.filter(organization=organization, period=period).first()


def current_evidence(organization, period: str) -> dict[int, list[Evidence]]:
    """The files of the next version, by indicator id."""
    files: dict[int, list[Evidence]] = {}
    for evidence in Evidence.objects.filter(
        organization=organization, period=period, removed_at__isnull=True
    ):
        files.setdefault(evidence.indicator_id, []).append(evidence)
    return files


def review_queue(*, status: str = ReportStatus.SUBMITTED) -> QuerySet[Report]:
    """Reports for the coordinators, oldest submission first."""
    return (
        Report.objects.filter(status=status)
        .select_related("organization", "case")
        .annotate(value_count=Count("values"), missed=Count("values", filter=Q(values__explanation__gt="")))
        .order_by("submitted_at", "pk")
    )


# --- the public aggregates (the analytics read these) ----------------------------------------


def summed_yearly_values(
    codes, *, minimum_organizations: int, year: int | None = None, region: str = "", measure_ids=None
) -> list[dict]:
    """[{year, indicator, name_ru, name_en, organizations, total, withheld}] per year and
    indicator (of `codes`): the values of each organisation's latest accepted version of its
    yearly report summed over the organisations (`organizations` of them). A group of fewer
    than `minimum_organizations` has `total` None and `withheld` True: its sum never leaves here
    (SPEC C10: KPI values appear only summed over at least 3 organisations). Only `year`, the
    organisations of a region and those of `measure_ids` (a subquery of organisation ids, the
    measures' selectors) when given. A filtered group is withheld as well where its sum and those
    of other filters would subtract down to one or two organisations (`_withheld_by_filters`).
    One query; three with a region, two with a measure, four with both."""
    newer = Report.objects.filter(
        organization=OuterRef("organization"),
        period=OuterRef("period"),
        status=ReportStatus.ACCEPTED,
        version__gt=OuterRef("version"),
    )
    latest = Report.objects.filter(status=ReportStatus.ACCEPTED, period__regex=r"^[0-9]{4}$").exclude(
        Exists(newer)
    )
    if year:
        latest = latest.filter(period=str(year))
    filtered = latest
    if region:
        filtered = filtered.filter(organization__region_id=region)
    if measure_ids is not None:
        filtered = filtered.filter(organization_id__in=measure_ids)

    def groups(reports) -> dict[tuple[str, str], dict]:
        return {
            (g["period"], g["code"]): g
            for g in ReportValue.objects.filter(report__in=reports, indicator__code__in=list(codes))
            .values(
                period=F("report__period"),
                code=F("indicator__code"),
                name=F("indicator__name"),
                name_en=F("indicator__name_en"),
            )
            .annotate(organizations=Count("report__organization_id", distinct=True), total=Sum("value"))
            .order_by("period", "code")
        }

    shown = groups(filtered)
    # A filter leaving out one or two organisations of a group would give away their sum (the
    # whole minus the filtered part): such a filtered group is withheld too; so is one that the
    # other regions' sums would give away (`_suppressed`), and, with both filters, a region whose
    # organisations outside the measure are one or two.
    parent = latest if measure_ids is None else latest.filter(organization_id__in=measure_ids)
    larger = [groups(latest) if filtered is not latest else shown]
    if region and measure_ids is not None:
        larger.append(groups(latest.filter(organization__region_id=region)))
    hidden_regions = _hidden_regions(parent, codes, minimum_organizations) if region else {}
    rows = []
    for key, group in shown.items():
        left_out = [whole[key]["organizations"] - group["organizations"] for whole in larger if key in whole]
        withheld = (
            group["organizations"] < minimum_organizations
            or any(0 < n < minimum_organizations for n in left_out)
            or region in hidden_regions.get(key, ())
        )
        rows.append(
            {
                "year": int(group["period"]),
                "indicator": group["code"],
                "name_ru": group["name"],
                "name_en": group["name_en"] or group["name"],
                "organizations": group["organizations"],
                "total": None if withheld else group["total"],
                "withheld": withheld,
            }
        )
    return rows


def _hidden_regions(reports, codes, minimum: int) -> dict[tuple[str, str], set[str]]:
    """Per (period, indicator) of `reports`, the regions whose sums are withheld: each with fewer
    than `minimum` organisations, and, where those together are fewer than `minimum` (the total
    less the regions shown would give their sum away: 20 in Moscow, 5 in Saint Petersburg and 1
    in the Moscow region), the smallest of the others until they are not. One query."""
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for row in (
        ReportValue.objects.filter(report__in=reports, indicator__code__in=list(codes))
        .values(
            period=F("report__period"), code=F("indicator__code"), region=F("report__organization__region_id")
        )
        .annotate(organizations=Count("report__organization_id", distinct=True))
    ):
        cells.setdefault((row["period"], row["code"]), {})[row["region"]] = row["organizations"]
    return {key: _suppressed(counts, minimum) for key, counts in cells.items()}


def _suppressed(counts: dict[str, int], minimum: int) -> set[str]:
    """The cells of a partition to withhold: those below `minimum` (primary), then, while the
    withheld ones hold between 1 and `minimum` - 1 organisations together, the smallest shown one
    (secondary), so that no sum of shown cells subtracts down to fewer than `minimum`."""
    hidden = {cell for cell, n in counts.items() if n < minimum}
    inside = sum(counts[cell] for cell in hidden)
    shown = sorted((n, cell) for cell, n in counts.items() if cell not in hidden)
    while 0 < inside < minimum and shown:
        n, cell = shown.pop(0)
        hidden.add(cell)
        inside += n
    return hidden


# --- the KPI board's summary per period (the staff dashboards read this) ----------------------

# A report is due on the 15th working day after a quarter, the 30th after a year: never before 15
# days after the period nor, on any calendar the Government decrees, after 90.
_DUE_NOT_BEFORE, _DUE_NOT_AFTER = dt.timedelta(days=15), dt.timedelta(days=90)

# `latest` is written as "no newer version" rather than DISTINCT ON so that the planner keeps the
# report table's statistics through it: with DISTINCT ON it expected a few hundred of 220,000
# target-value pairs and chose nested loops (a second instead of a fifth of one, at 35,000
# organisations with seven targets each).
_SUMMARY_SQL = """
WITH latest AS NOT MATERIALIZED (
    SELECT r.id, r.organization_id, r.period, r.status, r.late
    FROM {report} r
    WHERE NOT EXISTS (
        SELECT 1 FROM {report} newer
        WHERE newer.organization_id = r.organization_id AND newer.period = r.period
            AND newer.version > r.version
    )
),
pairs AS (
    SELECT DISTINCT t.period, t.organization_id FROM {target} t WHERE {where}
),
states AS (
    SELECT p.period,
        count(*) AS organizations,
        count(l.id) AS reports,
        count(*) FILTER (WHERE l.late) AS late,
        count(*) FILTER (WHERE l.id IS NULL) AS without_report,
        count(*) FILTER (WHERE l.status = %s) AS accepted
    FROM pairs p LEFT JOIN latest l ON l.organization_id = p.organization_id AND l.period = p.period
    GROUP BY p.period
),
outcomes AS (
    SELECT t.period,
        count(*) AS valued,
        count(*) FILTER (WHERE CASE WHEN i.better = %s
            THEN v.value * 100 >= t.value * (100 - t.tolerance_percent)
            ELSE v.value * 100 <= t.value * (100 + t.tolerance_percent) END) AS met
    FROM latest l
    JOIN {value} v ON v.report_id = l.id
    JOIN {target} t ON t.organization_id = l.organization_id AND t.period = l.period
        AND t.indicator_id = v.indicator_id
    JOIN {indicator} i ON i.id = t.indicator_id
    WHERE {where}
    GROUP BY t.period
)
SELECT s.period, s.organizations, s.reports, s.late, s.without_report, s.accepted,
    coalesce(o.valued, 0), coalesce(o.met, 0)
FROM states s LEFT JOIN outcomes o ON o.period = s.period
"""


def _due_passed(period: Period, today: dt.date) -> bool:
    """Whether the period's report is overdue today; the calendar is asked only in the weeks
    where the answer depends on it (one query for each such period, at most two or three)."""
    if today <= period.last_day + _DUE_NOT_BEFORE:
        return False
    if today > period.last_day + _DUE_NOT_AFTER:
        return True
    return today > period.due


def period_summary(
    *, year: int | None = None, region: str = "", organization_ids=None, today: dt.date | None = None
) -> list[dict]:
    """[{period, organizations, reports, late, missing, accepted, valued, met}] per period with
    targets, oldest first: `organizations` with a target in the period; of them, `reports` those
    that submitted at least one version, `late` those whose latest version was late, `missing`
    those with no report once its due date has passed (0 before), `accepted` those whose latest
    version is accepted; `valued` the targets with a value in the organisation's latest version
    and `met` those of them met (`targets.status`, the tolerance included). Only the periods of
    `year`, the organisations of a region and of `organization_ids` (a subquery of organisation
    ids, the measures' selectors) when given. One query, and the calendar's for a period whose
    report falls due these weeks."""
    today = today or timezone.localdate()
    where, params = ["TRUE"], []
    if year:
        where.append("t.period LIKE %s")
        params.append(f"{int(year)}%")
    chosen = [] if organization_ids is None else [organization_ids]
    if region:
        chosen.append(all_organizations().filter(region_id=region).values("pk"))
    for ids in chosen:
        sql, sub_params = ids.order_by().query.sql_with_params()
        where.append(f"t.organization_id IN ({sql})")
        params.extend(sub_params)
    statement = _SUMMARY_SQL.format(
        target=Target._meta.db_table,
        report=Report._meta.db_table,
        value=ReportValue._meta.db_table,
        indicator=Indicator._meta.db_table,
        where=" AND ".join(where),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, ReportStatus.ACCEPTED, Better.HIGHER, *params])
        found = cursor.fetchall()
    rows = []
    for text, organizations, reports, late, without_report, accepted, valued, met in found:
        period = Period.parse(text)
        rows.append(
            {
                "period": text,
                "period_value": period,
                "organizations": organizations,
                "reports": reports,
                "late": late,
                "missing": without_report if _due_passed(period, today) else 0,
                "accepted": accepted,
                "valued": valued,
                "met": met,
            }
        )
    rows.sort(key=lambda row: row["period_value"])
    return rows
