"""The stable error codes of reviews (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class ReviewErrorCode(ErrorCode):
    UNDER_REVIEW = "under_review", "The object is under review and cannot be changed now."
