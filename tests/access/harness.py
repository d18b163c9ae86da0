"""Calling every route as every role, each call rolled back so that none changes the world the
next one sees."""

import copy

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from innocluster.accounts.services import issue_token
from tests import factories, samples
from tests.access.world import ROLES

UPLOAD = "upload a PDF"  # a body that is a multipart upload of a real PDF
SKIPPED_PREFIXES = ("api/v1/", "admin/")  # the API has its own table; the admin's many pages are one door


def web_routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return sorted({r for r in walk(get_resolver().url_patterns) if not r.startswith(SKIPPED_PREFIXES)})


def api_routes() -> list[str]:
    from innocluster.config.api import api

    schema = api.get_openapi_schema()
    return sorted(f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops)


class Caller:
    def __init__(self, world):
        self.world = world
        self.web: dict[str, Client] = {}
        self.tokens: dict[str, str | None] = {}
        for role in ROLES:
            person = world.people[role]
            client = Client()
            if person is not None:
                factories.sign_in(client, person)
            self.web[role] = client
            self.tokens[role] = (
                issue_token(user=person, second_factor=True, by="command") if person is not None else None
            )

    def _rolled_back(self, call):
        with transaction.atomic():
            response = call()
            transaction.set_rollback(True)
        return response

    def page(self, role: str, method: str, path: str, data=None):
        client = self.web[role]
        cookies = copy.deepcopy(client.cookies)  # a sign-out or a language switch must not stay
        send = client.get if method == "GET" else client.post
        try:
            return self._rolled_back(lambda: send(path, data or {}))
        finally:
            client.cookies = cookies

    def api(self, role: str, method: str, path: str, body=None):
        client = Client()
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if self.tokens[role] else {}
        send = getattr(client, method.lower())
        if body == UPLOAD:
            return self._rolled_back(
                lambda: client.post(
                    path, {"file": SimpleUploadedFile("акт.pdf", samples.pdf())}, headers=headers
                )
            )
        if method in ("GET", "DELETE"):
            return self._rolled_back(lambda: send(path, body or {}, headers=headers))
        return self._rolled_back(
            lambda: send(
                path, body if body is not None else {}, content_type="application/json", headers=headers
            )
        )


def classify_page(response) -> str:
    if response.status_code >= 500:
        return "500"
    if response.status_code in (301, 302) and response["Location"].startswith(
        ("/accounts/sign-in/", "/admin/login/")
    ):
        return "login"
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    return "ok"


def classify_api(response) -> str:
    if response.status_code >= 500:
        return "500"
    if response.status_code == 401:
        return "login"
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    if response.status_code == 422 and response.json().get("code") == "invalid":
        # the body in routes.py no longer has the route's shape (a field became required): the
        # call was refused before anything it should check (a rule's 422, `rules_unmet`, is an answer)
        return "422"
    return "ok"
