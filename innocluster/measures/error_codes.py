"""The stable error codes of measures (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class MeasureErrorCode(ErrorCode):
    CAP_EXHAUSTED = "cap_exhausted", "Nothing remains of an annual cap."
    MEASURE_CLOSED = "measure_closed", "The measure does not take applications now."
    NO_REPORTS = "no_reports", "The measure pays once; it has no yearly reports."
    NO_RULES = "no_rules", "The measure has no rules in force on that date."
    NOT_ELIGIBLE = "not_eligible", "The quote is not eligible; `details.reasons` says why."
    NOT_IN_PAYMENT = "not_in_payment", "Reports follow the signed agreement."
    PILOT_REQUIRED = (
        "pilot_required",
        "A `pilot-testing` application names in `pilot_id` the applicant's own pilot, accepted, running "
        "or completed.",
    )
    PAYMENT_NOT_SCHEDULED = "payment_not_scheduled", "The payment is not scheduled."
    REPORT_DECIDED = "report_decided", "The report was already decided."
    REPORT_PENDING = "report_pending", "The previous report is still being checked."
    REPORTS_COMPLETE = "reports_complete", "Every yearly report is in."
