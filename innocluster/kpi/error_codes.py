"""The stable error codes of KPI (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class KpiErrorCode(ErrorCode):
    REPORT_PENDING = (
        "report_pending",
        "A report for this period is waiting for its review; it is corrected once returned.",
    )
