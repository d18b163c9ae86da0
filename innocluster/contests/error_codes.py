"""The stable error codes of contests (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class ContestErrorCode(ErrorCode):
    DEADLINE_PASSED = "deadline_passed", "The contest's submission deadline (Moscow time) has passed."
    ALREADY_SUBMITTED = (
        "already_submitted",
        "The organisation has already submitted a solution to this contest.",
    )
    NOT_PARTICIPANT = "not_participant", "Only participants of the cluster submit solutions."
    DECLARATION_REQUIRED = (
        "declaration_required",
        "The expert declares conflicts of interest before seeing or scoring any solution.",
    )
