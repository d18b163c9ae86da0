"""Reminders of KPI reports' due dates (SPEC C9): to an organisation that has a target for a period
and has not reported it (or whose latest version was returned for correction, so a correction is
owed), 10 and 2 working days before the due date and once it is overdue, each once.

Run by every worker every hour (`kpi.tasks.send_kpi_reminders`): several may run at once, so each
reminder is claimed by inserting its `ReportReminder` row (unique per organisation, period and
reminder) before anything is sent."""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, pgettext_lazy

from innocluster.core import audit, calendar
from innocluster.core.formats import lazy_human_date
from innocluster.core.notifications import notify
from innocluster.kpi.enums import ReportStatus
from innocluster.kpi.models import Report, ReportReminder, Target
from innocluster.kpi.periods import Period
from innocluster.organizations.enums import OrganizationRole
from innocluster.organizations.models import Organization  # the type of the rows only
from innocluster.organizations.selectors import all_organizations, people_in_roles_of

BEFORE_10, BEFORE_2, OVERDUE = "before_10", "before_2", "overdue"
# the most urgent first: one that applies settles the ones before it in this list's tail
URGENCY = (OVERDUE, BEFORE_2, BEFORE_10)
FIRST_REMINDER_WORKING_DAYS = 10
LAST_REMINDER_WORKING_DAYS = 2
# A period overdue for longer than this gets no reminder any more (nor does one just added).
OVERDUE_REMINDER_DAYS = 60
# A year's report is due about 7 weeks after it ends: a period that ended before this cannot be
# due within the window above.
_LOOKBACK_DAYS = OVERDUE_REMINDER_DAYS + 100
REMINDER_LABELS = {
    BEFORE_10: pgettext_lazy("KPI reminder", "10 working days before the due date"),
    BEFORE_2: pgettext_lazy("KPI reminder", "2 working days before the due date"),
    OVERDUE: pgettext_lazy("KPI reminder", "When overdue"),
}
NOTIFICATION_KIND = {
    BEFORE_10: "kpi.reminder_before",
    BEFORE_2: "kpi.reminder_before",
    OVERDUE: "kpi.reminder_overdue",
}
REMINDER_ROLES = (OrganizationRole.OWNER, OrganizationRole.MANAGER)


def reminder_due(due: dt.date, today: dt.date, *, working_today: bool | None = None) -> str | None:
    """Which reminder a report due on `due` needs `today`, were none sent yet: "before_10" on a
    working day from the 10th working day before it, "before_2" on a working day from the 2nd
    (the due date included), "overdue" from the day after it, for `OVERDUE_REMINDER_DAYS` days."""
    if today > due:
        return OVERDUE if (today - due).days <= OVERDUE_REMINDER_DAYS else None
    if not (calendar.is_working_day(today) if working_today is None else working_today):
        return None
    left = calendar.working_days_between(today, due)
    if left <= LAST_REMINDER_WORKING_DAYS:
        return BEFORE_2
    if left <= FIRST_REMINDER_WORKING_DAYS:
        return BEFORE_10
    return None


def periods_to_remind(today: dt.date) -> list[tuple[Period, str]]:
    """The periods whose reports may need a reminder today, with the one they need: due within
    the next 10 working days, or overdue by at most `OVERDUE_REMINDER_DAYS` days."""
    earliest = today - dt.timedelta(days=_LOOKBACK_DAYS)
    candidates = []
    for year in range(earliest.year, today.year + 1):
        for period in [*Period(year).quarters(), Period(year)]:
            if earliest <= period.last_day < today:
                candidates.append(period)
    found, working_today = [], calendar.is_working_day(today)
    for period in sorted(candidates):
        which = reminder_due(period.due, today, working_today=working_today)
        if which is not None:
            found.append((period, which))
    return found


def organizations_to_remind(period: Period, which: str) -> list[Organization]:
    """The organisations that owe `period`'s report (a target for it, and no report or a latest
    version returned for correction) and have had neither `which` nor a more urgent reminder of
    it. One query."""
    name = str(period)
    latest_status = (
        Report.objects.filter(organization=OuterRef("pk"), period=name)
        .order_by("-version")
        .values("status")[:1]
    )
    settled = URGENCY[: URGENCY.index(which) + 1]
    return list(
        all_organizations()
        .filter(Exists(Target.objects.filter(organization=OuterRef("pk"), period=name)))
        .annotate(latest_status=Subquery(latest_status))
        .filter(Q(latest_status__isnull=True) | Q(latest_status=ReportStatus.RETURNED))
        .exclude(
            Exists(ReportReminder.objects.filter(organization=OuterRef("pk"), period=name, which__in=settled))
        )
        .order_by("pk")
    )


def _recipients(organization_ids) -> dict[int, list]:
    """Organisation id → its owners and managers. One query for all of them."""
    return people_in_roles_of(organization_ids, REMINDER_ROLES)


def _subject(organization: Organization, period: Period, which: str):
    if which == OVERDUE:
        text = gettext_lazy("{organization}: the KPI report for {period} is overdue, it was due {due}")
    else:
        text = gettext_lazy("{organization}: the KPI report for {period} is due {due}")
    return format_lazy(
        text, organization=organization.short_name, period=str(period), due=lazy_human_date(period.due)
    )


def send_report_reminders(*, today: dt.date | None = None) -> int:
    """Remind the owners and managers of each organisation that owes a period's report of its due
    date: 10 and 2 working days before it and when it is overdue, each once. When several are due
    at once (no worker ran for a while) only the most urgent goes and the others are settled with
    it, never to go later. Idempotent, also with several workers at once. Returns how many
    reminders were sent (one per organisation and reminder).
    Side effects: `ReportReminder` rows; notifications `kpi.reminder_before` /
    `kpi.reminder_overdue` (e-mailed after commit); audit `kpi.report_reminded`."""
    today = today or timezone.localdate()
    sent = 0
    for period, which in periods_to_remind(today):
        organizations = organizations_to_remind(period, which)
        if not organizations:
            continue
        recipients = _recipients(o.pk for o in organizations)
        less_urgent = URGENCY[URGENCY.index(which) + 1 :]
        for organization in organizations:
            with transaction.atomic():
                # The row claims the reminder: a worker running beside this one waits on it here
                # and finds it made, so the reminder goes exactly once.
                _reminder, created = ReportReminder.objects.get_or_create(
                    organization=organization, period=str(period), which=which, defaults={"sent_on": today}
                )
                if not created:
                    continue
                ReportReminder.objects.bulk_create(
                    [
                        ReportReminder(organization=organization, period=str(period), which=w, sent_on=today)
                        for w in less_urgent
                    ],
                    ignore_conflicts=True,
                )
                notify(
                    recipients=recipients.get(organization.pk, []),
                    kind=NOTIFICATION_KIND[which],
                    subject=_subject(organization, period, which),
                    url=f"/kpi/report/{organization.pk}/{period}/",
                )
                audit.record(
                    actor=None,
                    action="kpi.report_reminded",
                    obj=organization,
                    data={"period": str(period), "which": which},
                )
                sent += 1
    return sent
