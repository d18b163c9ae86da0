"""The stable error codes of registry (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class RegistryErrorCode(ErrorCode):
    ALREADY_EXCLUDED = "already_excluded", "The register entry was already excluded."
    ALREADY_REGISTERED = "already_registered", "The organisation is already in the register."
    NOT_PARTICIPANT = "not_participant", "Only participants of the cluster may apply."
