"""The stable error codes of accounts (the API's `code`); each with what it means."""

from innocluster.core.errors import ErrorCode, register_error_codes


@register_error_codes
class AccountErrorCode(ErrorCode):
    BAD_CREDENTIALS = "bad_credentials", "The e-mail or the password is wrong."
    BAD_LINK = "bad_link", "A confirmation link is invalid or has expired."
    EMAIL_TAKEN = "email_taken", "An account with this e-mail already exists."
    EMAIL_UNCONFIRMED = "email_unconfirmed", "The e-mail address is not confirmed yet."
    LOCKED = "locked", "Too many failed sign-ins from this address; wait for the time in Retry-After."
