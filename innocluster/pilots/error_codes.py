"""The stable error codes of pilots (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class PilotErrorCode(ErrorCode):
    NOT_PARTICIPANT = "not_participant", "Only participants of the cluster ask for pilots."
    SITE_UNATTENDED = (
        "site_unattended",
        "Nobody answers for the site now (its organisation has no owner or manager); the coordinators are told.",
    )
    SITE_FULL = (
        "site_full",
        "The site has no place left for the period; `details.pilots` names the pilots that fill it.",
    )
