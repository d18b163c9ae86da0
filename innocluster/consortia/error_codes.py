"""The stable error codes of consortia (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class ConsortiumErrorCode(ErrorCode):
    ALREADY_INVITED = "already_invited", "The organisation already has a pending invitation."
    ALREADY_MEMBER = "already_member", "The organisation is already a member."
    ALREADY_REQUESTED = "already_requested", "The organisation already asked to join."
    COORDINATOR_STAYS = "coordinator_stays", "The coordinator cannot leave its consortium."
    INVITATION_EXPIRED = "invitation_expired", "The invitation has expired."
    INVITATION_USED = "invitation_used", "The invitation was already answered."
    NOT_ACTIVE = "not_active", "The consortium is not active."
    NOT_PARTICIPANT = "not_participant", "Only participants of the cluster count as members."
    REQUEST_ANSWERED = "request_answered", "The join request was already answered."
    RULES_UNMET = "rules_unmet", "The consortium does not meet every rule; `details.unmet` lists them."
