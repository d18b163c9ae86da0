"""Writes for people: sign-up and e-mail confirmation, sign-in under attempt limits, the second
factor, API tokens and staff roles. Callers use this package's names."""

from innocluster.accounts.services.limits import client_ip
from innocluster.accounts.services.registration import (
    Registration,
    confirm_email,
    confirmation_token,
    register_person,
    send_confirmation_email,
)
from innocluster.accounts.services.roles import is_administrator, set_roles
from innocluster.accounts.services.sign_in import needs_second_factor, normalise_email, sign_in
from innocluster.accounts.services.tokens import issue_token, person_for_token, revoke_token, tokens_of

__all__ = [
    "Registration",
    "client_ip",
    "confirm_email",
    "confirmation_token",
    "is_administrator",
    "issue_token",
    "needs_second_factor",
    "normalise_email",
    "person_for_token",
    "register_person",
    "revoke_token",
    "send_confirmation_email",
    "set_roles",
    "sign_in",
    "tokens_of",
]
