"""The stable error codes of organizations (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class OrganizationErrorCode(ErrorCode):
    ALREADY_MEMBER = "already_member", "The person already belongs to the organisation."
    INN_TAKEN = "inn_taken", "An organisation with this INN is already registered."
    INVITATION_EXPIRED = "invitation_expired", "The invitation has expired."
    INVITATION_USED = "invitation_used", "The invitation was already answered."
    LAST_OWNER = "last_owner", "An organisation keeps at least one owner."
    OGRN_TAKEN = "ogrn_taken", "An organisation with this OGRN is already registered."
