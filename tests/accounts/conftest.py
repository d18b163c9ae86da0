import time

import pyotp
import pytest

from innocluster.accounts.services import second_factor


def code_for(person, *, steps_ahead: int = 0) -> str:
    """The code the person's authenticator shows now (or a step later, for a second use)."""
    secret = person.second_factor.secret
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


@pytest.fixture
def enrol():
    """Turn the second factor on for a person, as the setup page does; returns the recovery codes."""

    def _enrol(person):
        device = second_factor.start_setup(person=person)
        return second_factor.confirm_setup(person=person, code=pyotp.TOTP(device.secret).now())

    return _enrol
