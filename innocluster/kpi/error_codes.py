"""The stable error codes of KPI (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class KpiErrorCode(ErrorCode):
    PERIOD_NOT_BEGUN = (
        "period_not_begun",
        "The period has not begun: a report gives what was achieved in it, so it waits for the period.",
    )
    REPORT_PENDING = (
        "report_pending",
        "A report for this period is waiting for its review; it is corrected once returned.",
    )
