"""Every page of the site map in a real browser, in Russian and in English, on a phone (360 px, the
narrowest common Android screen) and on an office laptop (1,366 px): no page may scroll sideways
(`document.documentElement.scrollWidth > window.innerWidth`), and none may have a serious or
critical axe-core violation (checked at both widths: the phone's folded menu and tables are other
markup). A full-page screenshot is kept of every visit that failed, and of every visit when
$INNOCLUSTER_ARTIFACTS names a folder (the screenshots of every visit are a fifth of the test's
time).

The pages are the GET routes of the access matrix (tests/access/routes.py) with its world
(tests/access/world.py), each seen by the person who uses it: anonymous for the public pages, the
owner of an organisation for the cabinet's, a coordinator whose session passed the second factor
for the staff's (signed in as tests/access signs people in: `factories.sign_in`), and a person
whose password was right and whose authenticator's code is asked for the second step. What is not a
page, and why, is in SKIPPED and in `actions()` below; a new route fails
`test_every_route_is_on_the_site_map_or_skipped_with_a_reason` until it is placed in one of them.

Every failure of every page is collected and reported at once (page, width, language, what), and
the list is also written next to the screenshots as failures.txt.

Screenshots: `<role>-<lang>-<width>-<slug>.png` in $INNOCLUSTER_ARTIFACTS (default
var/artifacts/screens/, git-ignored, for the failed visits only). To take them all, for a look at the
pages:

    bench/screens.sh [directory]
    # or: INNOCLUSTER_ARTIFACTS=var/screens .venv/bin/pytest tests/e2e/test_site_map.py

(they are written whether or not the test passes; INNOCLUSTER_SITEMAP_AXE=0 leaves axe out for a
faster run).

axe-core is vendored under tests/e2e/vendor/axe-core/ (version and origin in its README.md) and is
never served by the platform. It is put into the page by Playwright's evaluate, which goes through
the DevTools protocol and is not subject to the page's Content-Security-Policy, so the pages run
under their real policy (no `bypass_csp`): an inline style or script the policy refuses is refused
here as in a person's browser, and reported.
"""

import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from django.conf import settings
from django.test import Client

from innocluster.accounts.services import second_factor
from innocluster.accounts.views import PENDING_KEY
from tests import factories
from tests.access import routes
from tests.access.test_matrix import fill
from tests.access.world import build

pytestmark = [pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
LANGUAGES = ("ru", "en")
WIDTHS = {360: 740, 1366: 768}  # width -> height of the window
AXE_WIDTHS = (360, 1366)
SERIOUS = ("serious", "critical")


@dataclass(frozen=True)
class Page:
    route: str  # the key of routes.WEB
    role: str  # anonymous, pending (password given, code not yet), owner, other_owner, expert, coordinator
    path: str  # with the world's {ids}
    status: int = 200
    slug: str = ""  # for a second page of the same route
    lands: str = ""  # where the browser ends up, when the address redirects (with {ids})

    def name(self) -> str:
        if self.slug:
            return self.slug
        words = re.sub(r"<(?:\w+:)?(\w+)>", r"\1", self.route)
        return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "home"


# The site map: every page of routes.WEB, seen by whoever uses it.
PAGES = [
    # public
    Page("", "anonymous", "/"),
    Page("accounts/sign-in/", "anonymous", "/accounts/sign-in/"),
    Page("accounts/sign-up/", "anonymous", "/accounts/sign-up/"),
    Page("accounts/consent/document/", "anonymous", "/accounts/consent/document/"),
    Page("accounts/consent/document/<int:version>/", "anonymous", "/accounts/consent/document/1/"),
    Page("accounts/password/reset/", "anonymous", "/accounts/password/reset/"),  # the form; POST is in WEB
    Page("accounts/password/reset/sent/", "anonymous", "/accounts/password/reset/sent/"),
    Page(
        "accounts/password/reset/<uidb64>/<token>/",
        "anonymous",
        "/accounts/password/reset/{reset_uid}/{reset_token}/",
        lands="/accounts/password/reset/{reset_uid}/set-password/",  # Django keeps the token in the session
    ),
    Page("accounts/password/reset/complete/", "anonymous", "/accounts/password/reset/complete/"),
    # a working confirmation link only redirects (to the cabinet or the sign-in); a stale one is a page
    Page("accounts/confirm/<str:token>/", "anonymous", "/accounts/confirm/stale-link/", status=400),
    Page("calendar/", "anonymous", "/calendar/"),
    Page("consortia/", "anonymous", "/consortia/"),
    Page("measures/", "anonymous", "/measures/"),
    Page("measures/<slug:code>/", "anonymous", "/measures/pilot-testing/"),
    Page("organizations/", "anonymous", "/organizations/"),
    Page("organizations/<int:pk>/", "anonymous", "/organizations/{org}/"),
    Page("partners/", "anonymous", "/partners/?q=микросхемы"),
    Page("partners/orders/", "anonymous", "/partners/orders/"),
    Page("registry/", "anonymous", "/registry/"),
    Page("pilots/", "anonymous", "/pilots/"),
    Page("pilots/completed/", "anonymous", "/pilots/completed/"),
    Page("pilots/sites/<int:pk>/", "anonymous", "/pilots/sites/{site}/"),
    Page("pilots/feedback/<str:token>/", "anonymous", "/pilots/feedback/{feedback_token}/"),
    Page("pilots/feedback/<str:token>/thanks/", "anonymous", "/pilots/feedback/{feedback_token}/thanks/"),
    Page(
        "pilots/feedback/<str:token>/",
        "anonymous",
        "/pilots/feedback/{closed_feedback_token}/",
        status=410,
        slug="pilots-feedback-closed",
    ),
    Page("contests/", "anonymous", "/contests/"),
    Page("analytics/", "anonymous", "/analytics/"),
    Page("opendata/", "anonymous", "/opendata/"),
    Page("opendata/<slug:code>/", "anonymous", "/opendata/participants-by-region/"),
    Page("contests/<int:pk>/", "anonymous", "/contests/{contest}/"),
    Page("", "anonymous", "/no-such-page/", status=404, slug="not-found"),
    # the second step of signing in: the password was right, the authenticator's code is asked
    Page("accounts/sign-in/code/", "pending", "/accounts/sign-in/code/"),
    # the applicant: the owner of a participating organisation
    Page("cabinet/", "owner", "/cabinet/"),
    Page("cabinet/notifications/", "owner", "/cabinet/notifications/"),
    Page("accounts/security/", "owner", "/accounts/security/"),
    Page("accounts/consent/", "owner", "/accounts/consent/"),  # as given; the asking form in test_journey
    Page("organizations/new/", "owner", "/organizations/new/"),
    Page("organizations/<int:pk>/edit/", "owner", "/organizations/{org}/edit/"),
    Page("organizations/<int:pk>/people/", "owner", "/organizations/{org}/people/"),
    Page(
        "organizations/invitations/<str:token>/",
        "other_owner",  # its addressee
        "/organizations/invitations/{org_invitation_token}/",
    ),
    Page("membership/<int:org_id>/", "owner", "/membership/{joining_org}/"),
    Page("registry/apply/<int:org_id>/", "owner", "/registry/apply/{org}/"),
    Page("measures/<slug:code>/apply/", "owner", "/measures/pilot-testing/apply/"),
    Page(
        "measures/<slug:code>/apply/<int:application_id>/",
        "owner",
        "/measures/patent-compensation/apply/{draft}/",
    ),
    Page("measures/applications/<int:pk>/", "owner", "/measures/applications/{draft}/"),
    # the same page for a grant being paid: agreement, payments, cost reports
    Page(
        "measures/applications/<int:pk>/",
        "owner",
        "/measures/applications/{granted}/",
        slug="measures-applications-pk-granted",
    ),
    Page("measures/applications/<int:pk>/check/", "owner", "/measures/applications/{draft}/check/"),
    # the confirmation after sending; a draft's is a redirect to its page
    Page("measures/applications/<int:pk>/submitted/", "owner", "/measures/applications/{granted}/submitted/"),
    Page("consortia/new/", "owner", "/consortia/new/"),
    Page("consortia/<int:pk>/", "owner", "/consortia/{consortium}/"),
    Page("pilots/sites/<int:pk>/request/", "owner", "/pilots/sites/{site}/request/"),
    Page("pilots/<int:pk>/", "owner", "/pilots/{pilot}/"),
    # the site's representative: the answer's form, then the protocol's
    Page("pilots/<int:pk>/", "other_owner", "/pilots/{pilot}/", slug="pilots-pk-site"),
    Page("pilots/<int:pk>/protocol/", "other_owner", "/pilots/{pilot_accepted}/protocol/"),
    Page("contests/<int:pk>/solution/", "owner", "/contests/{contest}/solution/"),
    Page("contests/solutions/<int:pk>/", "owner", "/contests/solutions/{solution}/"),
    # the expert of the contest's pool: the declaration, the queue, the scoring form
    Page("contests/<int:pk>/declaration/", "expert", "/contests/{contest}/declaration/"),
    Page("contests/<int:pk>/review/", "expert", "/contests/{contest}/review/"),
    Page(
        "contests/solutions/<int:pk>/",
        "expert",
        "/contests/solutions/{solution}/",
        slug="contests-solutions-pk-expert",
    ),
    Page("accounts/my-data/", "owner", "/accounts/my-data/"),
    Page("accounts/my-data/withdraw/", "owner", "/accounts/my-data/withdraw/"),
    Page("kpi/", "owner", "/kpi/"),
    Page("kpi/report/<int:org_id>/<str:period>/", "owner", "/kpi/report/{org}/2026/"),
    Page("kpi/reports/<int:pk>/", "owner", "/kpi/reports/{kpi_report}/"),
    Page("partners/orders/new/", "owner", "/partners/orders/new/"),
    Page("partners/orders/<int:pk>/", "owner", "/partners/orders/{order}/"),
    # staff: a coordinator (sees every staff page; the second factor passed)
    Page("staff/", "coordinator", "/staff/"),
    Page("staff/desk/", "coordinator", "/staff/desk/"),
    Page("staff/desk/<int:pk>/", "coordinator", "/staff/desk/{registry_case}/"),
    Page("registry/entries/<int:number>/exclude/", "coordinator", "/registry/entries/{entry}/exclude/"),
    Page("pilots/sites/new/", "coordinator", "/pilots/sites/new/"),
    Page("contests/new/", "coordinator", "/contests/new/"),
    Page("kpi/review/", "coordinator", "/kpi/review/"),
    Page("analytics/staff/", "coordinator", "/analytics/staff/"),
    Page("kpi/board/", "coordinator", "/kpi/board/"),
    Page("kpi/indicators/", "coordinator", "/kpi/indicators/"),
    Page("kpi/targets/", "coordinator", "/kpi/targets/"),
    Page(
        "kpi/reports/<int:pk>/",
        "coordinator",
        "/kpi/reports/{kpi_report}/",
        slug="kpi-reports-pk-coordinator",
    ),
    Page("contests/<int:pk>/edit/", "coordinator", "/contests/{contest_draft}/edit/"),
    Page("contests/<int:pk>/", "coordinator", "/contests/{contest}/", slug="contests-pk-coordinator"),
    Page(
        "contests/solutions/<int:pk>/",
        "coordinator",
        "/contests/solutions/{solution}/",
        slug="contests-solutions-pk-coordinator",
    ),
]

# GET routes of routes.WEB that are not pages of the site map, and why.
SKIPPED = {
    "measures/applications/<int:pk>/agreement.pdf": "a download (PDF)",
    "measures/applications/<int:pk>/documents/<int:document_id>/": "a download (the uploaded file)",
    "partners/orders/<int:pk>/files/<int:file_id>/": "a download (the drawing)",
    "registry/register.csv": "a download (CSV)",
    "consortia/by-case/<int:case_id>/": "a redirect to consortia/<int:pk>/, which is on the map",
    "pilots/by-case/<int:case_id>/": "a redirect to pilots/<int:pk>/, which is on the map",
    "pilots/<int:pk>/protocol/<int:version>.pdf": "a download (PDF)",
    "pilots/<int:pk>/qr.svg": "an image (the QR code of the public feedback link)",
    "measures/applications/by-case/<int:case_id>/": "a redirect to measures/applications/<int:pk>/, on the map",
    "consortia/<int:pk>/progress/": "a fragment that htmx polls into consortia/<int:pk>/ (no <html> of its own)",
    "contests/solutions/<int:pk>/files/<int:file_id>/": "a download (the solution's file)",
    "kpi/evidence/<int:pk>/": "a download (the evidence file)",
    "accounts/my-data/my-data.json": "a download (JSON)",
    "accounts/my-data/my-data.pdf": "a download (PDF)",
    "accounts/personal-data-access/": "administrators only: the map signs in none (tests/accounts/test_my_data.py opens it)",
    "favicon.ico": "a redirect to the site's icon (an image)",
    "admin/": "Django's own admin, styled by Django, not by the platform's design",
}


def actions() -> dict[str, str]:
    """The POST routes of routes.WEB that are no page of their own (their forms are on the pages)."""
    on_map = {page.route for page in PAGES}
    return {
        route: "an action (POST); its form is on a page of the map"
        for route, (method, *_rest) in routes.WEB.items()
        if method == "POST" and route not in on_map
    }


def test_every_route_is_on_the_site_map_or_skipped_with_a_reason():
    on_map = {page.route for page in PAGES}
    assert sorted(set(routes.WEB) - on_map - set(SKIPPED) - set(actions())) == []
    assert sorted(on_map & set(SKIPPED)) == []
    assert sorted((on_map | set(SKIPPED)) - set(routes.WEB)) == []  # nothing listed that is gone
    names = [(page.role, page.name()) for page in PAGES]
    assert len(names) == len(set(names))  # one screenshot name a page


OVERFLOW = """() => {
  const width = window.innerWidth, scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return null;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].slice(0, 2).map((c) => "." + c).join("");
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || clipped(el)) continue;
    const parent = el.parentElement;
    if (parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
    culprits.push(name(el) + " to " + Math.round(box.right) + "px");
  }
  return {by: scroll - width, culprits};
}"""

AXE_RUN = """async (impacts) => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def artifacts_dir() -> Path:
    directory = Path(os.environ.get("INNOCLUSTER_ARTIFACTS") or ROOT / "var" / "artifacts" / "screens")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def session_of(role: str, world) -> str | None:
    """A fresh session cookie for the role, made as tests/access makes its clients."""
    if role == "anonymous":
        return None
    client = Client()
    if role == "pending":
        session = client.session
        session[PENDING_KEY] = {"user": world.people["reviewer"].pk, "at": time.time(), "next": ""}
        session.save()
    else:
        factories.sign_in(client, world.people[role])
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def watch(page, problems: list[str]) -> None:
    """Script errors and whatever the Content-Security-Policy refuses, as the page's problems."""

    def on_console(message):
        if "Content Security Policy" in message.text:
            problems.append(f"refused by CSP: {message.text[:160]}")

    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", on_console)


def listed(items: list[str], most: int = 6) -> str:
    more = f", … {len(items) - most} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more


@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_and_a_laptop_and_passes_axe(browser, live_server):
    started = time.monotonic()
    world = build()
    # the person halfway through signing in has an authenticator
    reviewer = world.people["reviewer"]
    device = second_factor.start_setup(person=reviewer)
    second_factor.confirm_setup(person=reviewer, code=pyotp.TOTP(device.secret).now())

    run_axe = os.environ.get("INNOCLUSTER_SITEMAP_AXE", "1") != "0"
    axe_source = AXE.read_text(encoding="utf-8")
    screens = artifacts_dir()
    every_screen = bool(os.environ.get("INNOCLUSTER_ARTIFACTS"))
    failures: list[str] = []
    causes: Counter[str] = Counter()  # the same problem on many pages, counted once a cause

    def fail(where: str, what: str, cause: str = "") -> None:
        failures.append(f"{where}: {what}")
        causes[cause or what] += 1

    visits = 0
    host = urlsplit(live_server.url).hostname
    roles = sorted({page.role for page in PAGES})

    for lang in LANGUAGES:
        for width, height in WIDTHS.items():
            for role in roles:
                context = browser.new_context(
                    base_url=live_server.url,
                    viewport={"width": width, "height": height},
                    locale="ru-RU" if lang == "ru" else "en-GB",
                )
                cookies = [
                    {"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "domain": host, "path": "/"}
                ]
                session = session_of(role, world)
                if session:
                    cookies.append(
                        {"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}
                    )
                context.add_cookies(cookies)
                page = context.new_page()
                page.set_default_timeout(15_000)
                problems: list[str] = []
                watch(page, problems)
                for entry in (p for p in PAGES if p.role == role):
                    path = fill(entry.path, world.ids)
                    where = f"{path} [{role}, {lang}, {width}px]"
                    problems.clear()
                    failed_before = len(failures)
                    response = page.goto(path, wait_until="load")
                    visits += 1
                    if response is None or response.status != entry.status:
                        fail(where, f"status {response and response.status}, expected {entry.status}")
                    landed = urlsplit(page.url).path
                    if landed != urlsplit(fill(entry.lands or entry.path, world.ids)).path:
                        fail(where, f"landed on {landed}")
                    page_lang = page.evaluate("document.documentElement.lang")
                    if not page_lang.startswith(lang):
                        fail(where, f"<html lang={page_lang!r}>, expected {lang}")
                    overflow = page.evaluate(OVERFLOW)
                    if overflow:
                        culprits = overflow["culprits"]
                        fail(
                            where,
                            f"overflows by {overflow['by']}px: {listed(culprits, 4)}",
                            f"overflow at {width}px: {', '.join(sorted({c.split(' to ')[0] for c in culprits}))}",
                        )
                    if run_axe and width in AXE_WIDTHS:
                        page.evaluate(axe_source)
                        for violation in page.evaluate(AXE_RUN, list(SERIOUS)):
                            fail(
                                where,
                                f"axe {violation['id']} ({violation['impact']}: {violation['help']}): "
                                f"{listed(violation['targets'])}",
                                f"axe {violation['id']}",
                            )
                    for problem in problems:
                        fail(where, problem, problem[:100])
                    if every_screen or len(failures) > failed_before:  # a look at what failed
                        page.screenshot(
                            path=screens / f"{role}-{lang}-{width}-{entry.name()}.png", full_page=True
                        )
                context.close()

    elapsed = time.monotonic() - started
    tally = "\n".join(f"  {count} × {cause}" for cause, count in causes.most_common())
    report = "\n".join(failures) + (f"\n\nBy cause:\n{tally}" if failures else "")
    (screens / "failures.txt").write_text(report + "\n" if report else "", encoding="utf-8")
    print(f"site map: {len(PAGES)} pages, {visits} visits in {elapsed:.0f}s, screenshots in {screens}")
    assert visits == len(PAGES) * len(LANGUAGES) * len(WIDTHS)
    assert not failures, f"{len(failures)} problems on the site map:\n{report}"
