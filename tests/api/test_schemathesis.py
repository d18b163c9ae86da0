"""A bounded Schemathesis run over /api/v1/openapi.json, in process: generated requests for every
operation, anonymous and with a bearer token of an owner and of a coordinator. No answer may be a
5xx, and every answer must conform to its documented status codes, content type and schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from innocluster.accounts.services import issue_token
from innocluster.config.wsgi import application
from tests import factories

# per operation, caller and phase (examples, coverage, fuzzing): about 10,000 requests in all,
# under two minutes on 2 cores
EXAMPLES = 12
CALLS = {"count": 0}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django closes the database connection as a request starts and finishes; its test client
    unhooks that, and so must a WSGI client running inside the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["anonymous", "owner", "coordinator"])
def caller(request, db):
    if request.param == "anonymous":
        return {}
    if request.param == "owner":
        person = factories.person()
        factories.participant(factories.organization(owner=person))
    else:
        person = factories.staff("coordinator")
    return {"Authorization": f"Bearer {issue_token(user=person, second_factor=True, by='command')}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api(case, caller):
    """Positive data only: the platform refuses more than its schema says (check digits, working
    days, what the database holds), so schema-valid data may rightly be a 422 and negative data is
    not compared with the schema's idea of invalid."""
    CALLS["count"] += 1
    case.call_and_validate(headers=caller, checks=CHECKS)


def test_the_run_made_its_calls():
    if CALLS["count"]:
        print(f"schemathesis: {CALLS['count']} cases")
        assert CALLS["count"] >= 3 * len(list(schema.get_all_operations()))
