"""Reads of the KPI: the monitoring board, a fixed number of queries whatever the number of
organisations."""

from django.db.models import OuterRef, Subquery

from innocluster.kpi.models import Report, ReportValue, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.targets import MISSING, status


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
