"""The stable error codes of partners (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class PartnerErrorCode(ErrorCode):
    ALREADY_QUOTED = "already_quoted", "The organisation has already quoted for this order."
    ALREADY_REQUESTED = "already_requested", "The organisation already sees the file or has asked to."
    ORDER_CLOSED = "order_closed", "The order is closed."
    REQUEST_ANSWERED = "request_answered", "The request was already answered."
    SEARCH_TIMEOUT = (
        "search_timeout",
        "The search took too long and was stopped; try fewer or more specific words.",
    )
