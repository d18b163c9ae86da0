"""What every answer carries (OWASP ASVS V3.4): a Content-Security-Policy with a nonce and no
inline code, private answers for signed-in people, and the production settings' HSTS."""

import importlib
import re

import pytest
from django.test import Client

from tests import factories


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_with_a_fresh_nonce():
    first, second = Client().get("/"), Client().get("/")
    policy = first["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=_-]{16,}'", directives["script-src"])
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["script-src"] != second["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert first["X-Content-Type-Options"] == "nosniff" and first["X-Frame-Options"] == "DENY"
    assert first["Referrer-Policy"] == "same-origin" and "camera=()" in first["Permissions-Policy"]


@pytest.mark.django_db
def test_no_page_has_inline_script_or_style(organization, owner):
    client = Client()
    factories.sign_in(client, owner)
    for path in (
        "/",
        "/partners/",
        f"/organizations/{organization.pk}/",
        "/cabinet/",
        "/measures/pilot-testing/",
    ):
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", html), path
        assert "<style" not in html and ' style="' not in html and " onclick=" not in html, path


@pytest.mark.django_db
def test_signed_in_answers_are_private_and_public_ones_not(owner, api):
    assert "no-store" not in Client().get("/").get("Cache-Control", "")
    client = Client()
    factories.sign_in(client, owner)
    for response in (client.get("/"), client.get("/cabinet/"), api.as_(owner).get("/me")):
        assert response["Cache-Control"] == "private, no-store"
        assert "Cookie" in response["Vary"] and "Authorization" in response["Vary"]


def test_production_settings_send_hsts_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("INNOCLUSTER_SECRET_KEY", "x" * 60)
    production = importlib.import_module("innocluster.config.production")
    production = importlib.reload(production)
    assert production.SECURE_HSTS_SECONDS >= 31536000 and production.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE and not production.DEBUG


def test_debug_is_off_and_the_key_is_not_the_development_one():
    from django.conf import settings

    assert not settings.DEBUG
    assert "dev-only" not in settings.SECRET_KEY and len(settings.SECRET_KEY) >= 50
