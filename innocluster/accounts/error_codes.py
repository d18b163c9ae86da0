"""The stable error codes of accounts (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class AccountErrorCode(ErrorCode):
    BAD_CREDENTIALS = "bad_credentials", "The e-mail or the password is wrong."
    BAD_LINK = "bad_link", "A confirmation link is invalid or has expired."
    EMAIL_UNCONFIRMED = "email_unconfirmed", "The e-mail address is not confirmed yet."
    LAST_ADMINISTRATOR = "last_administrator", "The platform keeps at least one active administrator."
    LOCKED = "locked", "Too many failed sign-ins (or codes); wait for the seconds in Retry-After."
    SECOND_FACTOR_INVALID = "second_factor_invalid", "The second-factor code is wrong or was already used."
    SECOND_FACTOR_ON = "second_factor_on", "The second factor is already on."
    SECOND_FACTOR_REQUIRED = (
        "second_factor_required",
        "This account must send its current TOTP code (`otp`), or turn the second factor on first.",
    )
