"""Writes of the KPI of participants (SPEC C9): indicators, targets, reports (a correction is a new
version, the old one kept) and the coordinators' decision on a report."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit
from innocluster.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Refusals,
    TransitionNotAllowed,
)
from innocluster.core.formats import human_date
from innocluster.core.input import NotANumber, NotFinite, OutOfBounds, TooManyPlaces, parse_decimal
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.core.uploads import check_upload
from innocluster.kpi import known
from innocluster.kpi.enums import CASE_STATUS, REPORT_TRANSITIONS, Better, PeriodKind, ReportStatus, ValueKind
from innocluster.kpi.error_codes import KpiErrorCode
from innocluster.kpi.models import Evidence, Indicator, Report, ReportDraft, ReportValue, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.targets import MISSED, status
from innocluster.organizations.rules import is_organization_person
from innocluster.organizations.selectors import people_in_roles
from innocluster.reviews import services as reviews
from innocluster.reviews.rules import is_supervisor

MAX_VALUE = Decimal("999999999999999999.99")  # 18 digits before the point, 2 after
MAX_VALUES = 50
MAX_EVIDENCE_FILES = 10  # per indicator of a report
MAX_TEXT = 5000
DRAFT_FIELDS = ("value", "explanation", "corrective_action", "evidence_link")


def _coordinator(actor) -> None:
    if not is_supervisor(actor):
        raise PermissionDenied(_("Only coordinators manage KPI."))


def parse_period(value, *, field: str = "period", kind: str | None = None) -> Period:
    try:
        period = Period.parse(value)
    except ValueError:
        raise InvalidInput(_("A period is a year (2026) or a quarter (2026-Q3)."), field=field) from None
    if kind is not None and period.kind != kind:
        raise InvalidInput(
            _("This indicator is reported by the year (2026).")
            if kind == PeriodKind.YEAR
            else _("This indicator is reported by the quarter (2026-Q3)."),
            field=field,
        )
    return period


def parse_amount(value, *, field: str, low: Decimal = -MAX_VALUE, high: Decimal = MAX_VALUE) -> Decimal:
    """A finite number with at most 2 decimal places (kopecks, people, pieces)."""
    try:
        return parse_decimal(value, places=2, low=low, high=high).quantize(Decimal("0.01"))
    except (NotANumber, NotFinite):
        raise InvalidInput(_("Enter a number."), field=field) from None
    except TooManyPlaces:
        raise InvalidInput(_("Enter a number with at most 2 decimal places."), field=field) from None
    except OutOfBounds:
        if low == 0 and high == MAX_VALUE and Decimal(str(value).strip()) < 0:
            message = _("The value cannot be negative.")
        elif high < MAX_VALUE:
            message = _("Enter a number from %(low)s to %(high)s.") % {"low": f"{low:f}", "high": f"{high:f}"}
        else:
            message = _("The number is too large.")
        raise InvalidInput(message, field=field) from None


def parse_value(value, *, indicator: Indicator, field: str) -> Decimal:
    """A value or target of the indicator, as its kind allows: an amount or a count is not
    negative, a count is whole."""
    signed = indicator.value_kind == ValueKind.SIGNED
    number = parse_amount(value, field=field, low=-MAX_VALUE if signed else Decimal(0))
    if indicator.value_kind == ValueKind.COUNT and number != number.to_integral_value():
        raise InvalidInput(_("This indicator is counted in whole numbers."), field=field)
    return number


@transaction.atomic
def create_indicator(
    *,
    actor,
    code: str,
    name: str,
    unit: str = "",
    better: str,
    period: str,
    value_kind: str = ValueKind.AMOUNT,
    name_en: str = "",
    unit_en: str = "",
) -> Indicator:
    """Side effects: audit `kpi.indicator_created`."""
    _coordinator(actor)
    code = clean_text(code, field="code", max_length=40, required=True).lower()
    if not code.replace("_", "").replace("-", "").isalnum() or not code.isascii():
        raise InvalidInput(_("A code is Latin letters, digits, '-' and '_'."), field="code")
    if better not in Better.values:
        raise InvalidInput(_("Choose one of the listed values."), field="better")
    if period not in PeriodKind.values:
        raise InvalidInput(_("Choose one of the listed values."), field="period")
    if value_kind not in ValueKind.values:
        raise InvalidInput(_("Choose one of the listed values."), field="value_kind")
    if Indicator.objects.filter(code=code).exists():
        raise InvalidInput(_("An indicator with this code exists."), field="code")
    indicator = Indicator.objects.create(
        code=code,
        name=clean_text(name, field="name", max_length=200, required=True),
        unit=clean_text(unit, field="unit", max_length=30),
        name_en=clean_text(name_en, field="name_en", max_length=200),
        unit_en=clean_text(unit_en, field="unit_en", max_length=30),
        better=better,
        period=period,
        value_kind=value_kind,
    )
    audit.record(actor=actor, action="kpi.indicator_created", obj=indicator, data={"code": code})
    return indicator


def indicator_by_code(code, *, field: str) -> Indicator:
    indicator = Indicator.objects.filter(code=str(code or "").strip().lower()).first()
    if indicator is None:
        raise InvalidInput(_("There is no indicator with this code."), field=field)
    return indicator


def clean_target(
    indicator: Indicator, period, value, tolerance_percent, *, prefix: str = ""
) -> tuple[Period, Decimal, Decimal]:
    """A target's period, value and tolerance, each refusal said at once (`details.fields`,
    each field named after `prefix`: "rows.2.")."""
    refusals = Refusals()
    with refusals.check():
        period = parse_period(period, field=f"{prefix}period", kind=indicator.period)
    with refusals.check():
        value = parse_value(value, indicator=indicator, field=f"{prefix}value")
    with refusals.check():
        tolerance = parse_amount(
            tolerance_percent, field=f"{prefix}tolerance_percent", low=Decimal(0), high=Decimal(100)
        )
    refusals.raise_any()
    return period, value, tolerance


@transaction.atomic
def set_target(
    *, actor, indicator: Indicator, organization, period, value, tolerance_percent=0
) -> tuple[Target, bool]:
    """A target for an organisation and a period of the indicator's kind; setting it again
    changes it. Returns (target, created). Side effects: audit `kpi.target_set`."""
    _coordinator(actor)
    period, value, tolerance = clean_target(indicator, period, value, tolerance_percent)
    target, created = Target.objects.update_or_create(
        indicator=indicator,
        organization=organization,
        period=str(period),
        defaults={"value": value, "tolerance_percent": tolerance, "set_by": actor},
    )
    audit.record(
        actor=actor,
        action="kpi.target_set",
        obj=target,
        data={
            "indicator": indicator.code,
            "period": str(period),
            "value": str(value),
            "tolerance": str(tolerance),
        },
    )
    return target, created


@transaction.atomic
def set_targets(*, actor, rows) -> list[Target]:
    """Many targets at once, as `set_target` sets one: `rows` are dicts of `indicator`
    (an Indicator), `organization`, `period`, `value`, `tolerance_percent`; each is checked the
    same way, and one that exists is changed. Side effects: audit `kpi.target_set` per target."""
    _coordinator(actor)
    cleaned, refusals = {}, Refusals()
    for index, row in enumerate(rows):
        indicator = row["indicator"]
        try:
            period, value, tolerance = clean_target(
                indicator,
                row["period"],
                row["value"],
                row.get("tolerance_percent", 0),
                prefix=f"rows.{index}.",
            )
        except InvalidInput as exc:
            refusals.add_all(exc)  # every row's refusals at once
            continue
        cleaned[(indicator.pk, row["organization"].pk, str(period))] = Target(
            indicator=indicator,
            organization=row["organization"],
            period=str(period),
            value=value,
            tolerance_percent=tolerance,
            set_by=actor,
        )
    refusals.raise_any()
    Target.objects.bulk_create(
        list(cleaned.values()),
        update_conflicts=True,
        unique_fields=["indicator", "organization", "period"],
        update_fields=["value", "tolerance_percent", "set_by", "updated_at"],
    )
    saved = list(
        Target.objects.filter(
            organization__in={key[1] for key in cleaned}, period__in={key[2] for key in cleaned}
        ).select_related("indicator")
    )
    saved = [t for t in saved if (t.indicator_id, t.organization_id, t.period) in cleaned]
    audit.record_many(
        actor=actor,
        action="kpi.target_set",
        objects=saved,
        data_of=lambda t: {
            "indicator": t.indicator.code,
            "period": t.period,
            "value": str(t.value),
            "tolerance": str(t.tolerance_percent),
        },
    )
    return saved


def targets_of(organization, period: Period) -> dict[int, Target]:
    return {t.indicator_id: t for t in Target.objects.filter(organization=organization, period=str(period))}


def _may_report(actor, organization) -> None:
    if not is_organization_person(actor, organization):
        raise NotFound()


def open_for_reporting(organization, period: Period) -> Report | None:
    """The organisation's latest version for the period; a `Conflict` unless a new version may be
    submitted (none yet, or the latest one returned for correction), a refusal naming the period
    before it has begun (there is nothing to report yet; a year or quarter under way may be)."""
    if period.first_day > timezone.localdate():
        raise InvalidInput(
            _("%(period)s has not begun: its report gives what was achieved, from %(start)s on.")
            % {"period": str(period), "start": human_date(period.first_day)},
            code=KpiErrorCode.PERIOD_NOT_BEGUN,
            field="period",
        )
    last = Report.objects.filter(organization=organization, period=str(period)).order_by("-version").first()
    if last is not None and last.status != ReportStatus.RETURNED:
        raise Conflict(
            _("The report for %(period)s is already submitted; it is corrected once returned.")
            % {"period": str(period)},
            code=KpiErrorCode.REPORT_PENDING,
            details={"report_id": last.pk},
        )
    return last


def _report_row(item, index: int, period: Period, indicators, targets, seen: set, require_action: bool):
    """One value of a report, checked: (indicator, value, explanation, action, link). Raises
    InvalidInput naming its field (`values.N.…`); a missed target names its indicator, since a
    report's refusals are listed together."""
    if not isinstance(item, dict):
        raise InvalidInput(_("Each value names its indicator."), field=f"values.{index}")
    indicator = indicators.get(str(item.get("indicator") or "").strip().lower())
    if indicator is None:
        raise InvalidInput(_("There is no indicator with this code."), field=f"values.{index}.indicator")
    if indicator.period != period.kind:
        raise InvalidInput(
            _("This indicator is reported by the year (2026).")
            if indicator.period == PeriodKind.YEAR
            else _("This indicator is reported by the quarter (2026-Q3)."),
            field=f"values.{index}.indicator",
        )
    if indicator.pk in seen:
        raise InvalidInput(_("This indicator has a value already."), field=f"values.{index}.indicator")
    seen.add(indicator.pk)
    value = parse_value(item.get("value"), indicator=indicator, field=f"values.{index}.value")
    explanation = clean_text(
        item.get("explanation"), field=f"values.{index}.explanation", max_length=MAX_TEXT
    )
    action = clean_text(
        item.get("corrective_action"), field=f"values.{index}.corrective_action", max_length=MAX_TEXT
    )
    target = targets.get(indicator.pk)
    outcome = status(
        value,
        target.value if target else None,
        target.tolerance_percent if target else 0,
        indicator.better,
    )
    missing = Refusals()  # a missed target's explanation and action are asked for together
    if outcome == MISSED and not explanation:
        with missing.check():
            raise InvalidInput(
                _("The target for “%(indicator)s” is missed: explain why and what is being done.")
                % {"indicator": indicator.label},
                field=f"values.{index}.explanation",
            )
    if outcome == MISSED and require_action and not action:
        with missing.check():
            raise InvalidInput(
                _("The target for “%(indicator)s” is missed: say what is being done about it.")
                % {"indicator": indicator.label},
                field=f"values.{index}.corrective_action",
            )
    missing.raise_any()
    return indicator, value, explanation, action, clean_link(item.get("evidence_link"), index)


def clean_report_values(organization, period: Period, values, *, require_action: bool = False) -> list:
    """A report's values checked as `submit_report` checks them, saving nothing: the rows, or one
    InvalidInput with every value's refusal at once (`details.fields`, field → message; `field`
    names the first), not one per attempt."""
    if not isinstance(values, list | tuple) or not values:
        raise InvalidInput(_("Give at least one value."), field="values")
    if len(values) > MAX_VALUES:
        raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_VALUES}, field="values")
    targets = targets_of(organization, period)
    indicators = {i.code: i for i in Indicator.objects.all()}
    cleaned, seen, refusals = [], set(), Refusals()
    for index, item in enumerate(values):
        try:
            cleaned.append(_report_row(item, index, period, indicators, targets, seen, require_action))
        except InvalidInput as exc:
            refusals.add_all(exc)
    refusals.raise_any()
    return cleaned


def _case_titles(period: Period, version: int) -> dict:
    """The report's case title in Russian and in English, whoever's language submitted it."""
    titles = {}
    for field, language in (("title", "ru"), ("title_en", "en")):
        with translation.override(language):
            titles[field] = _("KPI report for %(period)s, version %(version)d") % {
                "period": str(period),
                "version": version,
            }
    return titles


def submit_report(*, actor, organization, period, values, require_action: bool = False) -> Report:
    """The organisation's people report a period: a value per indicator, an explanation where a
    target is missed (and a corrective action where `require_action`: the page asks for it),
    evidence as links or the files
    uploaded for the period. Due on the 15th working day after a quarter, the 30th after a year;
    later is `late`. A report returned for correction is corrected by the next version; one
    waiting for its review is not reported again (`report_pending`). What the platform knows of a
    value (grants paid, pilots completed, ...) is kept beside the typed one. Side effects: a review
    case (the desk's due date and reminders); the draft deleted; audit `kpi.report_submitted`."""
    _may_report(actor, organization)
    period = parse_period(period)
    cleaned = clean_report_values(organization, period, values, require_action=require_action)
    knowns = known.known_values([organization.pk], period)
    now = timezone.now()
    try:
        with transaction.atomic():
            # the organisation's row serialises two submissions of its reports
            type(organization).objects.select_for_update().filter(pk=organization.pk).first()
            last = open_for_reporting(organization, period)
            version = (last.version + 1) if last else 1
            report = Report.objects.create(
                organization=organization,
                period=str(period),
                version=version,
                status=ReportStatus.SUBMITTED,
                due=period.due,
                late=timezone.localdate(now) > period.due,
                submitted_at=now,
                submitted_by=actor,
                case=reviews.open_app_case(
                    kind="kpi_report",
                    organization=organization,
                    applicant=actor,
                    **_case_titles(period, version),
                ),
            )
            rows = ReportValue.objects.bulk_create(
                [
                    ReportValue(
                        report=report,
                        indicator=i,
                        value=v,
                        explanation=e,
                        corrective_action=a,
                        evidence_link=link,
                        known_value=knowns.get((organization.pk, i.code)),
                    )
                    for i, v, e, a, link in cleaned
                ]
            )
            files = Evidence.objects.filter(
                organization=organization, period=str(period), removed_at__isnull=True
            )
            by_indicator: dict[int, list[int]] = {}
            for file_id, indicator_id in files.values_list("pk", "indicator_id"):
                by_indicator.setdefault(indicator_id, []).append(file_id)
            ReportValue.evidence.through.objects.bulk_create(
                [
                    ReportValue.evidence.through(reportvalue_id=row.pk, evidence_id=file_id)
                    for row in rows
                    for file_id in by_indicator.get(row.indicator_id, [])
                ]
            )
            ReportDraft.objects.filter(organization=organization, period=str(period)).delete()
            audit.record(
                actor=actor,
                action="kpi.report_submitted",
                obj=report,
                data={"period": str(period), "version": version, "late": report.late},
            )
    except IntegrityError:  # two first reports at once
        raise Conflict(
            _("The report for this period is already submitted."), code=KpiErrorCode.REPORT_PENDING
        ) from None
    return report


def clean_link(value, index: int) -> str:
    link = clean_text(value, field=f"values.{index}.evidence_link", max_length=500)
    if link and not link.startswith(("https://", "http://")):
        raise InvalidInput(_("A link starts with https://."), field=f"values.{index}.evidence_link")
    return link


def save_draft(*, actor, organization, period, data: dict) -> ReportDraft:
    """What a participant has typed of the next version, kept as they type: per indicator code,
    the value, explanation, corrective action and link as typed (checked for size and control
    characters only; the numbers are checked when the report is submitted)."""
    _may_report(actor, organization)
    period = parse_period(period)
    open_for_reporting(organization, period)
    codes = set(Indicator.objects.filter(period=period.kind).values_list("code", flat=True))
    kept = {}
    for code, fields in (data or {}).items():
        if code not in codes or not isinstance(fields, dict):
            continue
        typed = {
            name: clean_text(fields.get(name), field=f"{code}.{name}", max_length=MAX_TEXT)
            for name in DRAFT_FIELDS
            if fields.get(name)
        }
        if typed:
            kept[code] = typed
    draft, _created = ReportDraft.objects.update_or_create(
        organization=organization, period=str(period), defaults={"data": kept, "updated_by": actor}
    )
    return draft


def add_evidence(*, actor, organization, period, indicator: Indicator, upload) -> Evidence:
    """A file backing a value of the next version, checked like every upload. Side effects: the
    file in storage; audit `kpi.evidence_added`."""
    _may_report(actor, organization)
    period = parse_period(period, kind=indicator.period)
    open_for_reporting(organization, period)
    current = Evidence.objects.filter(
        organization=organization, period=str(period), indicator=indicator, removed_at__isnull=True
    )
    if current.count() >= MAX_EVIDENCE_FILES:
        raise InvalidInput(_("At most %(max)d files.") % {"max": MAX_EVIDENCE_FILES}, field="file")
    checked = check_upload(upload)
    kept = Evidence(
        organization=organization,
        period=str(period),
        indicator=indicator,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    kept.file.save(checked.name, ContentFile(checked.content), save=False)
    kept.save()
    audit.record(
        actor=actor,
        action="kpi.evidence_added",
        obj=kept,
        data={"period": str(period), "indicator": indicator.code, "name": checked.name},
    )
    return kept


def remove_evidence(*, actor, evidence: Evidence) -> None:
    """Takes a file off the next version. A file a submitted version holds stays with that
    version; one no version holds is deleted. Side effects: audit `kpi.evidence_removed`."""
    _may_report(actor, evidence.organization)
    open_for_reporting(evidence.organization, Period.parse(evidence.period))
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if evidence.removed_at is not None:
            return
        audit.record(
            actor=actor,
            action="kpi.evidence_removed",
            obj=evidence,
            data={"period": evidence.period, "name": evidence.original_name},
        )
        if evidence.values.exists():
            evidence.removed_at = timezone.now()
            evidence.save(update_fields=["removed_at", "updated_at"])
        else:
            storage, path = evidence.file.storage, evidence.file.name
            evidence.delete()
            transaction.on_commit(lambda: storage.delete(path))


def report_rows(report: Report) -> list[dict]:
    """The report's values with their targets and statuses (as the API answers them)."""
    targets = targets_of(report.organization, Period.parse(report.period))
    rows = []
    for value in report.values.select_related("indicator"):
        target = targets.get(value.indicator_id)
        rows.append(
            {
                "indicator": value.indicator.code,
                "value": value.value,
                "target": target.value if target else None,
                "status": status(
                    value.value,
                    target.value if target else None,
                    target.tolerance_percent if target else 0,
                    value.indicator.better,
                ),
                "explanation": value.explanation,
                "known": value.known_value,
            }
        )
    return rows


def decide_report(*, actor, report: Report, decision: str, comment: str = "", reasons=None) -> Report:
    """A coordinator accepts a report or returns it for correction, with reasons (overall and per
    value, by indicator code). Side effects: the review case settled; the organisation's owners and
    managers notified; audit `kpi.report_accepted` / `kpi.report_returned`."""
    _coordinator(actor)
    to = {"accept": ReportStatus.ACCEPTED, "return": ReportStatus.RETURNED}.get(decision)
    if to is None:
        raise InvalidInput(_("The decision is one of: accept, return."), field="decision")
    comment = clean_text(comment, field="comment", max_length=MAX_TEXT)
    if reasons is not None and not isinstance(reasons, dict):
        raise InvalidInput(_("Reasons are given per indicator code."), field="reasons")
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("organization", "case")
            .get(pk=report.pk)
        )
        rule = REPORT_TRANSITIONS.get((report.status, to))
        if rule is None:
            raise TransitionNotAllowed(
                _("This report is already decided."), details={"from": report.status, "to": to}
            )
        values = {v.indicator.code: v for v in report.values.select_related("indicator")}
        per_value = {}
        for code, reason in (reasons or {}).items():
            if code not in values:
                raise InvalidInput(_("This report has no value of this indicator."), field=f"reasons.{code}")
            reason = clean_text(reason, field=f"reasons.{code}", max_length=MAX_TEXT)
            if reason:
                per_value[code] = reason
        if to == ReportStatus.ACCEPTED and per_value:
            raise InvalidInput(_("Reasons per value are given when a report is returned."), field="reasons")
        if rule["comment"] and not (comment or per_value):
            raise InvalidInput(_("Give the reasons: they are sent to the organisation."), field="comment")
        before = report.status
        report.status, report.decided_at, report.decided_by, report.decision_comment = (
            to,
            timezone.now(),
            actor,
            comment,
        )
        report.save(update_fields=["status", "decided_at", "decided_by", "decision_comment", "updated_at"])
        for code, reason in per_value.items():
            values[code].return_reason = reason
        ReportValue.objects.bulk_update([values[c] for c in per_value], ["return_reason"])
        if report.case_id:
            reviews.settle_app_case(
                report.case, CASE_STATUS[to], actor=actor, comment=comment or "; ".join(per_value.values())
            )
        audit.record(
            actor=actor,
            action="kpi.report_accepted" if to == ReportStatus.ACCEPTED else "kpi.report_returned",
            obj=report,
            from_state=before,
            to_state=to,
            comment=comment,
            data={"reasons": per_value} if per_value else None,
        )
        notify(
            recipients=people_in_roles(report.organization),
            kind="kpi.report_decided",
            subject=(
                format_lazy(gettext_lazy("KPI report for {period} accepted"), period=report.period)
                if to == ReportStatus.ACCEPTED
                else format_lazy(
                    gettext_lazy("KPI report for {period} returned for correction"), period=report.period
                )
            ),
            body=comment,
            url=f"/kpi/reports/{report.pk}/",
        )
    return report
