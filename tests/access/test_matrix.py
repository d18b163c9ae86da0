"""The access matrix (Zulip's public-URL test and pretalx's access tests are the models): every
page route from the URL resolver and every API operation from the OpenAPI document, called as
each of nine roles, must answer as tests/access/routes.py says. A route without an entry fails;
a 500 anywhere fails."""

import pytest

from tests.access import harness, routes
from tests.access.world import ROLES, build


def fill(value, ids):
    """Put the world's ids into a path or a body (`"{org}"` becomes the organisation's id)."""
    if isinstance(value, str):
        text = value.format(**ids)
        return int(text) if value.startswith("{") and value.endswith("}") and text.isdigit() else text
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, ids) for item in value]
    return value


def test_every_route_has_an_entry():
    assert sorted(set(harness.web_routes()) - set(routes.WEB)) == []
    assert sorted(set(harness.api_routes()) - set(routes.API)) == []
    assert sorted(set(routes.API) - set(harness.api_routes())) == []  # no entry for a route that is gone
    assert sorted(set(routes.WEB) - set(harness.web_routes()) - {"admin/"}) == []


@pytest.mark.django_db
def test_every_route_answers_every_role_as_expected():
    world = build()
    caller = harness.Caller(world)
    wrong = []
    cells = 0
    for route, (method, path, data, expected) in routes.WEB.items():
        for role in ROLES:
            got = harness.classify_page(
                caller.page(role, method, fill(path, world.ids), fill(data, world.ids))
            )
            cells += 1
            if got != expected[role]:
                wrong.append(f"{method} /{route} as {role}: {got}, expected {expected[role]}")
    for route, (path, body, expected) in routes.API.items():
        method = route.split()[0]
        body = body if body == harness.UPLOAD else fill(body, world.ids)
        for role in ROLES:
            got = harness.classify_api(caller.api(role, method, fill(path, world.ids), body))
            cells += 1
            if got != expected[role]:
                wrong.append(f"{route} as {role}: {got}, expected {expected[role]}")
    assert wrong == []
    assert cells == len(ROLES) * (len(routes.WEB) + len(routes.API))
    print(
        f"access matrix: {len(routes.WEB)} pages + {len(routes.API)} API operations × {len(ROLES)} roles = {cells}"
    )
