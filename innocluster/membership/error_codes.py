"""The stable error codes of membership (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class MembershipErrorCode(ErrorCode):
    ALREADY_PARTICIPANT = "already_participant", "The organisation is already a participant of the cluster."
