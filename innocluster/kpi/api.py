"""The KPI API (SPEC C9): indicators, targets, reports and the monitoring board."""

from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from pydantic import Field

from innocluster.core.api_auth import holding, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.kpi import selectors, services
from innocluster.kpi.models import Report
from innocluster.organizations.selectors import all_organizations
from innocluster.reviews.rules import is_supervisor

kpi_router = Router(tags=["kpi"])
# KPI indicators, targets and the board: coordinators only, refused before the body is read
COORDINATORS = holding(is_supervisor, gettext_lazy("Only coordinators manage KPI."))


class IndicatorIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(max_length=30, description="required, as in the contract; may be empty")
    name_en: str = Field("", max_length=200, description="the name on English pages; empty: `name`")
    unit_en: str = Field("", max_length=30, description="the unit on English pages; empty: `unit`")
    better: Literal["higher", "lower"]
    period: Literal["quarter", "year"]
    value_kind: Literal["amount", "count", "signed"] = Field(
        "amount",
        description="amount: not negative, 2 decimal places; count: a whole number, not negative; "
        "signed: may be negative",
    )


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    name_en: str
    unit_en: str
    better: str
    period: str
    value_kind: str


class TargetIn(Schema):
    indicator: str = Field(min_length=1, max_length=40, description="the indicator's code")
    organization_id: Id
    period: str = Field(min_length=1, max_length=20, description="2026 or 2026-Q3, as the indicator reports")
    value: Any = Field(description="a number, at most 2 decimal places")
    tolerance_percent: Any = Field(0, description="0 to 100")


class TargetOut(Schema):
    id: int
    indicator: str
    organization_id: int
    period: str
    value: str
    tolerance_percent: str


class ValueIn(Schema):
    indicator: str = Field(min_length=1, max_length=40)
    value: Any = Field(description="a number, at most 2 decimal places")
    explanation: str = Field("", max_length=5000, description="required where the target is missed")
    corrective_action: str = Field("", max_length=5000, description="what is being done about a miss")
    evidence_link: str = Field("", max_length=500)


class ReportIn(Schema):
    organization_id: Id
    period: str = Field(min_length=1, max_length=20)
    values: list[ValueIn] = Field(min_length=1, max_length=services.MAX_VALUES)


class ValueOut(Schema):
    indicator: str
    value: str
    target: str | None
    status: str
    known: str | None = Field(description="the value the platform's own records give, where it has one")


class ReportOut(Schema):
    id: int
    status: str
    version: int
    due: str
    late: bool
    values: list[ValueOut]


class DecisionIn(Schema):
    decision: Literal["accept", "return"]
    comment: str = Field("", max_length=5000)
    reasons: dict[str, str] = Field(
        default_factory=dict, description="a reason for correction per indicator code (when returning)"
    )


class BoardQuery(Schema):
    period: str = Field(min_length=1, max_length=20)
    indicator: str | None = Field(None, max_length=40)


class BoardRow(Schema):
    organization_id: int
    indicator: str
    target: str
    value: str | None
    status: str
    late: bool


def money(value) -> str | None:
    return None if value is None else f"{value:f}"


def _report_out(report: Report) -> dict:
    return {
        "id": report.pk,
        "status": report.status,
        "version": report.version,
        "due": report.due.isoformat(),
        "late": report.late,
        "values": [
            {
                "indicator": r["indicator"],
                "value": money(r["value"]),
                "target": money(r["target"]),
                "status": r["status"],
                "known": money(r["known"]),
            }
            for r in services.report_rows(report)
        ],
    }


@kpi_router.post("/indicators", response=answers({201: IndicatorOut}, 401, 403), auth=COORDINATORS)
def create_indicator(request, payload: IndicatorIn):
    indicator = services.create_indicator(actor=request.auth, **payload.dict())
    fields = ("id", "code", "name", "unit", "name_en", "unit_en", "better", "period", "value_kind")
    return 201, {f: getattr(indicator, f) for f in fields}


@kpi_router.post("/targets", response=answers({200: TargetOut, 201: TargetOut}, 401, 403), auth=COORDINATORS)
def set_target(request, payload: TargetIn):
    organization = all_organizations().filter(pk=payload.organization_id).first()
    if organization is None:
        raise InvalidInput(_("No such organisation."), field="organization_id")
    target, created = services.set_target(
        actor=request.auth,
        indicator=services.indicator_by_code(payload.indicator, field="indicator"),
        organization=organization,
        period=payload.period,
        value=payload.value,
        tolerance_percent=payload.tolerance_percent,
    )
    return 201 if created else 200, {
        "id": target.pk,
        "indicator": target.indicator.code,
        "organization_id": target.organization_id,
        "period": target.period,
        "value": money(target.value),
        "tolerance_percent": money(target.tolerance_percent),
    }


@kpi_router.post("/reports", response=answers({201: ReportOut}, 401, 404, 409), auth=signed_in)
def submit_report(request, payload: ReportIn):
    """The organisation's people: a value per indicator, an explanation where a target is missed."""
    organization = all_organizations().filter(pk=payload.organization_id).first()
    if organization is None:
        raise NotFound()
    report = services.submit_report(
        actor=request.auth,
        organization=organization,
        period=payload.period,
        values=[v.dict() for v in payload.values],
    )
    return 201, _report_out(report)


@kpi_router.get("/reports/{report_id}", response=answers({200: ReportOut}, 401, 404), auth=signed_in)
def read_report(request, report_id: Id):
    report = Report.objects.select_related("organization").filter(pk=report_id).first()
    if report is None or not (
        is_supervisor(request.auth) or report.organization.people.filter(person=request.auth).exists()
    ):
        raise NotFound()
    return _report_out(report)


@kpi_router.post(
    "/reports/{report_id}/decision", response=answers({200: ReportOut}, 401, 403, 404, 409), auth=signed_in
)
def decide(request, report_id: Id, payload: DecisionIn):
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not is_supervisor(request.auth):
        raise NotFound()
    report = services.decide_report(
        actor=request.auth,
        report=report,
        decision=payload.decision,
        comment=payload.comment,
        reasons=payload.reasons,
    )
    return _report_out(report)


@kpi_router.get("/board", response=answers({200: list[BoardRow]}, 401, 403), auth=COORDINATORS)
def board(request, query: Query[BoardQuery]):
    """Coordinators: a row per target of the period."""
    period = services.parse_period(query.period)
    indicator = services.indicator_by_code(query.indicator, field="indicator") if query.indicator else None
    return [
        {**row, "target": money(row["target"]), "value": money(row["value"])}
        for row in selectors.board(period, indicator=indicator)
    ]


class BulkTargetsIn(Schema):
    measure: str = Field(min_length=1, max_length=40, description="the support measure's code")
    year: int = Field(description="the year the grants were approved, 2000 to 2100")
    indicator: str = Field(min_length=1, max_length=40, description="the indicator's code")
    periods: list[str] = Field(
        max_length=20, description="2026 or 2026-Q3 each, as the indicator reports; at least one"
    )
    value: Any = Field(description="a number, at most 2 decimal places")
    tolerance_percent: Any = Field(0, description="0 to 100")
    replace: bool = Field(False, description="change the targets already set (else they are kept)")


class BulkTargetsOut(Schema):
    organizations: int
    created: int
    updated: int
    kept: int


@kpi_router.post("/targets/bulk", response=answers({200: BulkTargetsOut}, 401, 403), auth=COORDINATORS)
def set_targets_for_recipients(request, payload: BulkTargetsIn):
    """Coordinators: the indicator's target for each period, for every organisation granted the
    measure in the year."""
    # imported here only because this route was appended to the module; it belongs at the top
    from innocluster.kpi.bulk_targets import set_targets_for_recipients as set_for_recipients

    return set_for_recipients(
        actor=request.auth,
        measure_code=payload.measure,
        year=payload.year,
        indicator=services.indicator_by_code(payload.indicator, field="indicator"),
        periods=payload.periods,
        value=payload.value,
        tolerance_percent=payload.tolerance_percent,
        replace=payload.replace,
    )
