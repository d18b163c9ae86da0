"""Every route of the platform with how to call it and who may: the pages from the URL resolver,
the API from the OpenAPI document. A route missing here fails tests/access/test_matrix.py.

Each route's access is a dict of role → the answer expected (`profile` below):
  ok    the request is served (2xx, a redirect elsewhere than sign-in, or 400/409/422 for a body
        the route refuses on its merits)
  login a page sends to the sign-in; 401 in the API
  404   the route or object does not exist for that person (SPEC: "404, not 403")
  403   the person may see the object but not do this (an applicant deciding on their own case,
        a non-administrator giving roles)
"""

from tests.access.harness import UPLOAD
from tests.access.world import ROLES


def profile(default: str, **cells) -> dict:
    return {role: cells.get(role, default) for role in ROLES}


DJANGO_ADMIN = profile("login", reviewer="ok", expert="ok", coordinator="ok", administrator="ok")
RUNS_CONTESTS = profile(
    "404", anonymous="login", reviewer="403", expert="403", coordinator="ok", administrator="ok"
)
SEES_SOLUTION = profile("ok", anonymous="login", other_owner="404", reviewer="404")
EDITS_SOLUTION = profile(
    "403", anonymous="login", manager="ok", owner="ok", other_owner="404", reviewer="404"
)
ORG_PEOPLE = profile("404", anonymous="login", member="ok", manager="ok", owner="ok")
SEES_KPI_REPORT = profile(
    "404", anonymous="login", member="ok", manager="ok", owner="ok", coordinator="ok", administrator="ok"
)
KPI_STAFF = profile("404", anonymous="login", coordinator="ok", administrator="ok")


A = "/api/v1"
ITEMS = [{"category": "invention", "amount": "1000", "jurisdiction": "ru"}]
DECISION = {"decision": "reject", "comment": "Проверка доступа."}

# route (as the resolver spells it) -> (method, path with {ids} of the world, form data, access)
WEB = {
    "": ("GET", "/", None, profile("ok")),
    "accounts/confirm/<str:token>/": (
        "GET",
        "/accounts/confirm/{confirm_token}/",
        None,
        profile("login", member="ok"),
    ),
    # the consent to the processing of personal data: asked of the signed-in, its document public
    "accounts/consent/": ("GET", "/accounts/consent/", None, profile("ok", anonymous="login")),
    "accounts/consent/document/": ("GET", "/accounts/consent/document/", None, profile("ok")),
    "accounts/consent/document/<int:version>/": (
        "GET",
        "/accounts/consent/document/1/",
        None,
        profile("ok"),
    ),
    "accounts/password/reset/": (
        "POST",
        "/accounts/password/reset/",
        {"email": "nobody@example.org"},
        profile("ok"),
    ),
    "accounts/password/reset/<uidb64>/<token>/": (
        "GET",
        "/accounts/password/reset/{reset_uid}/{reset_token}/",
        None,
        profile("ok"),
    ),
    "accounts/password/reset/complete/": ("GET", "/accounts/password/reset/complete/", None, profile("ok")),
    "accounts/password/reset/sent/": ("GET", "/accounts/password/reset/sent/", None, profile("ok")),
    "accounts/security/": ("GET", "/accounts/security/", None, profile("ok", anonymous="login")),
    "accounts/security/second-factor/confirm/": (
        "POST",
        "/accounts/security/second-factor/confirm/",
        {"code": "1"},
        profile("ok", anonymous="login"),
    ),
    "accounts/security/second-factor/off/": (
        "POST",
        "/accounts/security/second-factor/off/",
        {"code": "1"},
        profile("ok", anonymous="login"),
    ),
    "accounts/security/second-factor/recovery-codes/": (
        "POST",
        "/accounts/security/second-factor/recovery-codes/",
        {"code": "1"},
        profile("ok", anonymous="login"),
    ),
    "accounts/security/second-factor/setup/": (
        "POST",
        "/accounts/security/second-factor/setup/",
        None,
        profile("ok", anonymous="login"),
    ),
    "accounts/security/tokens/": (
        "POST",
        "/accounts/security/tokens/",
        {"name": "x", "days": "5"},
        profile("ok", anonymous="login"),
    ),
    "accounts/security/tokens/<int:token_id>/revoke/": (
        "POST",
        "/accounts/security/tokens/{member_token}/revoke/",
        None,
        profile("ok", anonymous="login"),
    ),
    "accounts/sign-in/": ("GET", "/accounts/sign-in/", None, profile("ok")),
    "accounts/sign-in/code/": ("GET", "/accounts/sign-in/code/", None, profile("login")),
    "accounts/sign-out/": ("POST", "/accounts/sign-out/", None, profile("ok")),
    "accounts/sign-up/": ("GET", "/accounts/sign-up/", None, profile("ok")),
    "cabinet/": ("GET", "/cabinet/", None, profile("ok", anonymous="login")),
    "cabinet/notifications/": ("GET", "/cabinet/notifications/", None, profile("ok", anonymous="login")),
    "calendar/": ("GET", "/calendar/", None, profile("ok")),
    "favicon.ico": ("GET", "/favicon.ico", None, profile("ok")),
    "consortia/": ("GET", "/consortia/", None, profile("ok")),
    # pilots: the catalogue and the sites are public; a pilot is its company's, its site's and the
    # desk's; the site's owner (other_owner) answers and writes the protocol; the company withdraws
    "pilots/": ("GET", "/pilots/", None, profile("ok")),
    "pilots/completed/": ("GET", "/pilots/completed/?category=healthcare", None, profile("ok")),
    "pilots/sites/<int:pk>/": ("GET", "/pilots/sites/{site}/", None, profile("ok")),
    # a coordinator adds sites; other staff may not; the public does not see the page
    "pilots/sites/new/": (
        "POST",
        "/pilots/sites/new/",
        {
            "organization": "{other_org}",
            "name": "Школа № 57",
            "category": "education",
            "address": "Москва",
            "testable": "Образовательные платформы",
            "capacity": "1",
            "contact_email": "school@example.org",
        },
        profile("404", anonymous="login", reviewer="403", expert="403", coordinator="ok", administrator="ok"),
    ),
    "pilots/sites/<int:pk>/request/": (
        "GET",
        "/pilots/sites/{site}/request/",
        None,
        profile("ok", anonymous="login"),
    ),
    "pilots/by-case/<int:case_id>/": (
        "GET",
        "/pilots/by-case/{pilot_case}/",
        None,
        profile("ok", anonymous="login", expert="404"),
    ),
    "pilots/<int:pk>/": ("GET", "/pilots/{pilot}/", None, profile("ok", anonymous="login", expert="404")),
    "pilots/<int:pk>/decision/": (
        "POST",
        "/pilots/{pilot}/decision/",
        {"decision": "decline", "comment": "Проверка доступа."},
        profile("403", anonymous="login", other_owner="ok", expert="404"),
    ),
    "pilots/<int:pk>/feedback/": (
        "POST",
        "/pilots/{pilot_accepted}/feedback/",
        {"rating": "4", "comment": "Удобно"},
        profile("403", anonymous="login", other_owner="ok", expert="404"),
    ),
    "pilots/<int:pk>/cancel/": (
        "POST",
        "/pilots/{pilot}/cancel/",
        {"comment": ""},
        profile("403", anonymous="login", manager="ok", owner="ok", expert="404"),
    ),
    "pilots/<int:pk>/publish/": (
        "POST",
        "/pilots/{pilot}/publish/",
        {"publish": "on"},
        profile("403", anonymous="login", manager="ok", owner="ok", expert="404"),
    ),
    "pilots/<int:pk>/protocol/": (
        "GET",
        "/pilots/{pilot_accepted}/protocol/",
        None,
        profile("403", anonymous="login", other_owner="ok", expert="404"),
    ),
    # the protocol's PDF and the QR code of the public feedback link (pilots/feedback_views.py): the
    # PDF for whoever sees the pilot, the QR code for the company, the site's representatives and
    # the desk; the public link itself for everyone, no account (a running pilot: the form)
    "pilots/<int:pk>/protocol/<int:version>.pdf": (
        "GET",
        "/pilots/{pilot_completed}/protocol/1.pdf",
        None,
        profile("ok", anonymous="login", expert="404"),
    ),
    "pilots/<int:pk>/qr.svg": (
        "GET",
        "/pilots/{pilot_running}/qr.svg",
        None,
        profile("ok", anonymous="login", expert="404"),
    ),
    "pilots/feedback/<str:token>/": ("GET", "/pilots/feedback/{feedback_token}/", None, profile("ok")),
    "pilots/feedback/<str:token>/thanks/": (
        "GET",
        "/pilots/feedback/{feedback_token}/thanks/",
        None,
        profile("ok"),
    ),
    # 152-FZ: one's own data; the access log by person for administrators
    "accounts/my-data/": ("GET", "/accounts/my-data/", None, profile("ok", anonymous="login")),
    "accounts/my-data/my-data.json": (
        "GET",
        "/accounts/my-data/my-data.json",
        None,
        profile("ok", anonymous="login"),
    ),
    "accounts/my-data/my-data.pdf": (
        "GET",
        "/accounts/my-data/my-data.pdf",
        None,
        profile("ok", anonymous="login"),
    ),
    "accounts/my-data/withdraw/": (
        "GET",
        "/accounts/my-data/withdraw/",
        None,
        profile("ok", anonymous="login"),
    ),
    "accounts/personal-data-access/": (
        "GET",
        "/accounts/personal-data-access/?person=1",
        None,
        profile("404", anonymous="login", administrator="ok"),
    ),
    # KPI: the organisation's people report (the world's 2025 report waits for its review, its
    # evidence file is held by it); coordinators review, see the board and set targets
    "kpi/": ("GET", "/kpi/", None, profile("ok", anonymous="login")),
    "kpi/report/<int:org_id>/<str:period>/": ("GET", "/kpi/report/{org}/2026/", None, ORG_PEOPLE),
    "kpi/report/<int:org_id>/<str:period>/draft/": (
        "POST",
        "/kpi/report/{org}/2026/draft/",
        {"revenue__value": "12"},
        ORG_PEOPLE,
    ),
    "kpi/report/<int:org_id>/<str:period>/evidence/": (
        "POST",
        "/kpi/report/{org}/2026/evidence/",
        {"indicator": "revenue"},
        ORG_PEOPLE,
    ),
    "kpi/evidence/<int:pk>/": ("GET", "/kpi/evidence/{kpi_evidence}/", None, SEES_KPI_REPORT),
    "kpi/evidence/<int:pk>/remove/": ("POST", "/kpi/evidence/{kpi_evidence}/remove/", {}, ORG_PEOPLE),
    "kpi/reports/<int:pk>/": ("GET", "/kpi/reports/{kpi_report}/", None, SEES_KPI_REPORT),
    "kpi/reports/<int:pk>/decision/": (
        "POST",
        "/kpi/reports/{kpi_report}/decision/",
        {"decision": "return", "comment": "Проверка доступа."},
        KPI_STAFF,
    ),
    "kpi/review/": ("GET", "/kpi/review/", None, KPI_STAFF),
    "kpi/board/": ("GET", "/kpi/board/", None, KPI_STAFF),
    "kpi/indicators/": ("GET", "/kpi/indicators/", None, KPI_STAFF),
    "kpi/targets/": ("GET", "/kpi/targets/", None, KPI_STAFF),
    # contests: the catalogue and a published contest are public; coordinators run them (other
    # staff 403, the rest 404); a solution is its organisation's, the coordinators' and its
    # assigned expert's; only its owner and managers change it
    # analytics and open data: public; the staff dashboards for any active staff member
    "analytics/": ("GET", "/analytics/", None, profile("ok")),
    "analytics/staff/": (
        "GET",
        "/analytics/staff/",
        None,
        profile("404", anonymous="login", reviewer="ok", expert="ok", coordinator="ok", administrator="ok"),
    ),
    "opendata/": ("GET", "/opendata/", None, profile("ok")),
    "opendata/<slug:code>/": ("GET", "/opendata/participants-by-region/", None, profile("ok")),
    "contests/": ("GET", "/contests/", None, profile("ok")),
    "contests/new/": (
        "POST",
        "/contests/new/",
        {"title": "", "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"},
        RUNS_CONTESTS,
    ),
    "contests/<int:pk>/": ("GET", "/contests/{contest}/", None, profile("ok")),
    "contests/<int:pk>/edit/": ("GET", "/contests/{contest_draft}/edit/", None, RUNS_CONTESTS),
    "contests/<int:pk>/publish/": (
        "POST",
        "/contests/{contest_draft}/publish/",
        None,
        profile("404", anonymous="login", coordinator="ok", administrator="ok"),  # a draft: unseen
    ),
    "contests/<int:pk>/cancel/": ("POST", "/contests/{contest}/cancel/", {"comment": ""}, RUNS_CONTESTS),
    "contests/<int:pk>/experts/": (
        "POST",
        "/contests/{contest}/experts/",
        {"expert": "{expert_user}"},
        RUNS_CONTESTS,
    ),
    "contests/<int:pk>/assign/": (
        "POST",
        "/contests/{contest}/assign/",
        {"experts_per_solution": "1"},
        RUNS_CONTESTS,
    ),
    "contests/<int:pk>/assign-by-hand/": (
        "POST",
        "/contests/{contest}/assign-by-hand/",
        {"solution": "{solution}", "expert": "{expert_user}"},
        RUNS_CONTESTS,
    ),
    "contests/<int:pk>/publish-results/": (
        "POST",
        "/contests/{contest}/publish-results/",
        None,
        RUNS_CONTESTS,
    ),
    "contests/<int:pk>/solution/": (
        "GET",
        "/contests/{contest}/solution/",
        None,
        profile("ok", anonymous="login"),
    ),
    "contests/<int:pk>/declaration/": (
        "GET",
        "/contests/{contest}/declaration/",
        None,
        profile("404", anonymous="login", expert="ok"),
    ),
    "contests/<int:pk>/review/": (
        "GET",
        "/contests/{contest}/review/",
        None,
        profile("404", anonymous="login", expert="ok"),
    ),
    "contests/solutions/<int:pk>/": (
        "GET",
        "/contests/solutions/{solution}/",
        None,
        SEES_SOLUTION,
    ),
    "contests/solutions/<int:pk>/files/": (
        "POST",
        "/contests/solutions/{solution}/files/",
        None,
        EDITS_SOLUTION,
    ),
    "contests/solutions/<int:pk>/files/<int:file_id>/": (
        "GET",
        "/contests/solutions/{solution}/files/{contest_file}/",
        None,
        SEES_SOLUTION,
    ),
    "contests/solutions/<int:pk>/files/<int:file_id>/remove/": (
        "POST",
        "/contests/solutions/{solution}/files/{contest_file}/remove/",
        None,
        EDITS_SOLUTION,
    ),
    "contests/solutions/<int:pk>/scores/": (
        "POST",
        "/contests/solutions/{solution}/scores/",
        {"points_tech": "7", "points_team": "5", "comment": "Проверка доступа."},
        profile("404", anonymous="login", expert="ok"),  # its assigned expert only; a 404 to the rest
    ),
    "contests/solutions/<int:pk>/pilot/": (
        "POST",
        "/contests/solutions/{solution}/pilot/",
        {"site": "{site}"},
        # the organisation's people and the coordinators see it, but it has not won
        profile("403", anonymous="login", other_owner="404", reviewer="404", expert="404"),
    ),
    "consortia/<int:pk>/": (
        "GET",
        "/consortia/{consortium}/",
        None,
        profile("ok", anonymous="404", expert="404", reviewer="404"),
    ),
    "consortia/<int:pk>/invite/": (
        "POST",
        "/consortia/{consortium}/invite/",
        {"organization_id": "{other_org}", "as": "partner"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/<int:pk>/join-requests/<int:request_id>/": (
        "POST",
        "/consortia/{consortium}/join-requests/{join_request}/",
        {"admit": "0"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/<int:pk>/join/": (
        "POST",
        "/consortia/{consortium}/join/",
        None,
        profile("404", anonymous="login"),
    ),
    "consortia/<int:pk>/leave/": (
        "POST",
        "/consortia/{consortium}/leave/",
        None,
        profile("404", anonymous="login"),
    ),
    "consortia/<int:pk>/progress/": (
        "GET",
        "/consortia/{consortium}/progress/",
        None,
        profile("ok", anonymous="404", expert="404", reviewer="404"),
    ),
    "consortia/<int:pk>/projects/": (
        "POST",
        "/consortia/{consortium}/projects/",
        {"title": ""},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/<int:pk>/projects/<int:project_id>/roles/": (
        "POST",
        "/consortia/{consortium}/projects/{project}/roles/",
        {"kind": "testing"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/<int:pk>/roles/<int:role_id>/assign/": (
        "POST",
        "/consortia/{consortium}/roles/{role}/assign/",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/<int:pk>/submit/": (
        "POST",
        "/consortia/{consortium}/submit/",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "consortia/by-case/<int:case_id>/": (
        "GET",
        "/consortia/by-case/{consortium_case}/",
        None,
        profile("ok", anonymous="login", expert="404", reviewer="404"),
    ),
    "consortia/invitations/<int:invitation_id>/answer/": (
        "POST",
        "/consortia/invitations/{invitation}/answer/",
        {"accept": "0"},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "consortia/new/": ("GET", "/consortia/new/", None, profile("ok", anonymous="login")),
    "i18n/setlang/": ("POST", "/i18n/setlang/", {"language": "en", "next": "/"}, profile("ok")),
    "measures/": ("GET", "/measures/", None, profile("ok")),
    "measures/<slug:code>/": ("GET", "/measures/pilot-testing/", None, profile("ok")),
    "measures/<slug:code>/apply/": (
        "GET",
        "/measures/pilot-testing/apply/",
        None,
        profile("ok", anonymous="login"),
    ),
    # a member drafts (SPEC §1): the draft's form and documents; a manager or the owner submits
    "measures/<slug:code>/apply/<int:application_id>/": (
        "GET",
        "/measures/patent-compensation/apply/{draft}/",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok", member="ok"),
    ),
    # what is typed into the form, kept as it is typed: one's own new form; an application's, by
    # those who act for its organisation
    "measures/<slug:code>/apply/autosave/": (
        "POST",
        "/measures/pilot-testing/apply/autosave/",
        {"project_title": "Проверка доступа"},
        profile("ok", anonymous="login"),
    ),
    "measures/<slug:code>/apply/<int:application_id>/autosave/": (
        "POST",
        "/measures/patent-compensation/apply/{draft}/autosave/",
        {"project_title": "Проверка доступа"},
        profile("404", anonymous="login", manager="ok", owner="ok", member="ok"),
    ),
    "measures/<slug:code>/quote/": (
        "POST",
        "/measures/pilot-testing/quote/",
        {"items-0-category": "labor", "items-0-amount": "10"},
        profile("ok"),
    ),
    # the world's application and consortium are drafts: a reviewer never reads one (404), a
    # coordinator does
    "measures/applications/<int:pk>/": (
        "GET",
        "/measures/applications/{draft}/",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404", reviewer="404"),
    ),
    "measures/applications/<int:pk>/agreement.pdf": (
        "GET",
        "/measures/applications/{granted}/agreement.pdf",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404"),
    ),
    "measures/applications/<int:pk>/agreement/sign/": (
        "POST",
        "/measures/applications/{granted}/agreement/sign/",
        None,
        profile("403", anonymous="login", manager="ok", owner="ok", other_owner="404", expert="404"),
    ),
    "measures/applications/<int:pk>/documents/": (
        "POST",
        "/measures/applications/{draft}/documents/",
        None,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
            member="ok",
        ),
    ),
    "measures/applications/<int:pk>/documents/<int:document_id>/": (
        "GET",
        "/measures/applications/{draft}/documents/{document}/",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404", reviewer="404"),
    ),
    "measures/applications/<int:pk>/documents/<int:document_id>/remove/": (
        "POST",
        "/measures/applications/{draft}/documents/{document}/remove/",
        None,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
            member="ok",
        ),
    ),
    "measures/applications/<int:pk>/payments/<int:payment_id>/paid/": (
        "POST",
        "/measures/applications/{granted}/payments/{payment}/paid/",
        None,
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "measures/applications/<int:pk>/reports/": (
        "POST",
        "/measures/applications/{granted}/reports/",
        None,
        profile("403", anonymous="login", manager="ok", owner="ok", other_owner="404", expert="404"),
    ),
    "measures/applications/<int:pk>/reports/<int:report_id>/decision/": (
        "POST",
        "/measures/applications/{granted}/reports/{report}/decision/",
        {"confirm": "0"},
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "measures/applications/<int:pk>/check/": (
        "GET",
        "/measures/applications/{draft}/check/",
        None,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
        ),
    ),
    "measures/applications/<int:pk>/submitted/": (
        "GET",
        "/measures/applications/{draft}/submitted/",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404", reviewer="404"),
    ),
    "measures/applications/<int:pk>/submit/": (
        "POST",
        "/measures/applications/{draft}/submit/",
        None,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
        ),
    ),
    "measures/applications/by-case/<int:case_id>/": (
        "GET",
        "/measures/applications/by-case/{draft_case}/",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404", reviewer="404"),
    ),
    "membership/<int:org_id>/": (
        "GET",
        "/membership/{joining_org}/",
        None,
        profile("404", anonymous="login", member="ok", manager="ok", owner="ok"),
    ),
    "membership/<int:org_id>/autosave/": (
        "POST",
        "/membership/{joining_org}/autosave/",
        {"goals": "x"},
        profile("404", anonymous="login", member="ok", manager="ok", owner="ok"),
    ),
    "organizations/": ("GET", "/organizations/", None, profile("ok")),
    "organizations/<int:pk>/": ("GET", "/organizations/{org}/", None, profile("ok")),
    "organizations/<int:pk>/edit/": (
        "GET",
        "/organizations/{org}/edit/",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "organizations/<int:pk>/people/": (
        "GET",
        "/organizations/{org}/people/",
        None,
        profile("404", anonymous="login", member="ok", manager="ok", owner="ok"),
    ),
    "organizations/<int:pk>/people/<int:person_id>/role/": (
        "POST",
        "/organizations/{org}/people/{member}/role/",
        {"role": "member"},
        profile("404", anonymous="login", owner="ok"),
    ),
    "organizations/<int:pk>/invitations/<int:invitation_id>/withdraw/": (
        "POST",
        "/organizations/{org}/invitations/{org_invitation}/withdraw/",
        {},
        profile("404", anonymous="login", owner="ok"),
    ),
    # the world's invitation is to the other organisation's owner: its page (the organisation,
    # the role, who invites) is for its addressee only
    "organizations/invitations/<str:token>/": (
        "GET",
        "/organizations/invitations/{org_invitation_token}/",
        None,
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "organizations/new/": ("GET", "/organizations/new/", None, profile("ok", anonymous="login")),
    "partners/": ("GET", "/partners/?q=микросхемы", None, profile("ok")),
    "partners/orders/": ("GET", "/partners/orders/", None, profile("ok")),
    "partners/orders/<int:pk>/": ("GET", "/partners/orders/{order}/", None, profile("ok", anonymous="login")),
    "partners/orders/<int:pk>/access-requests/<int:access_id>/decision/": (
        "POST",
        "/partners/orders/{order}/access-requests/{access}/decision/",
        {"approve": "0"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "partners/orders/<int:pk>/files/<int:file_id>/": (
        "GET",
        "/partners/orders/{order}/files/{file}/",
        None,
        profile("ok", anonymous="login", other_owner="404"),
    ),
    "partners/orders/<int:pk>/files/<int:file_id>/request/": (
        "POST",
        "/partners/orders/{order}/files/{file}/request/",
        {"organization_id": "{other_org}"},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "partners/orders/<int:pk>/files/<int:file_id>/visibility/": (
        "POST",
        "/partners/orders/{order}/files/{file}/visibility/",
        {"visibility": "admitted"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "partners/orders/<int:pk>/quote/": (
        "POST",
        "/partners/orders/{order}/quote/",
        {"manufacturer_id": "{other_org}", "price": "5", "lead_time_days": "3"},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "partners/orders/<int:pk>/quotes/<int:quote_id>/award/": (
        "POST",
        "/partners/orders/{order}/quotes/{quote}/award/",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "partners/orders/new/": ("GET", "/partners/orders/new/", None, profile("ok", anonymous="login")),
    "registry/": ("GET", "/registry/", None, profile("ok")),
    "registry/apply/<int:org_id>/": (
        "GET",
        "/registry/apply/{org}/",
        None,
        profile("404", anonymous="login", member="ok", manager="ok", owner="ok"),
    ),
    "registry/apply/<int:org_id>/autosave/": (
        "POST",
        "/registry/apply/{org}/autosave/",
        {"novelty": "x"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "registry/entries/<int:number>/exclude/": (
        "GET",
        "/registry/entries/{entry}/exclude/",
        None,
        profile("404", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "registry/register.csv": ("GET", "/registry/register.csv", None, profile("ok")),
    "staff/": (
        "GET",
        "/staff/",
        None,
        profile("404", anonymous="login", reviewer="ok", expert="ok", coordinator="ok", administrator="ok"),
    ),
    "staff/desk/": (
        "GET",
        "/staff/desk/",
        None,
        profile("404", anonymous="login", reviewer="ok", coordinator="ok", administrator="ok"),
    ),
    "staff/desk/<int:pk>/": (
        "GET",
        "/staff/desk/{registry_case}/",
        None,
        profile("404", anonymous="login", reviewer="ok", coordinator="ok", administrator="ok"),
    ),
    "staff/desk/<int:pk>/assign/": (
        "POST",
        "/staff/desk/{registry_case}/assign/",
        {"assignee": "me"},
        profile("404", anonymous="login", reviewer="ok", coordinator="ok", administrator="ok"),
    ),
    "staff/desk/<int:pk>/decide/": (
        "POST",
        "/staff/desk/{registry_case}/decide/",
        {"decision": "reject", "comment": ""},
        profile("404", anonymous="login", reviewer="ok", coordinator="ok", administrator="ok"),
    ),
    "admin/": (
        "GET",
        "/admin/",
        None,
        profile("login", reviewer="ok", expert="ok", coordinator="ok", administrator="ok"),
    ),
}

# "METHOD path as in the OpenAPI document" -> (path with {ids}, body or query, access)
API = {
    "GET /api/v1/health": (f"{A}/health", None, profile("ok")),
    "GET /api/v1/calendar/deadline": (
        f"{A}/calendar/deadline",
        {"start": "2026-12-01", "working_days": 10},
        profile("ok"),
    ),
    "GET /api/v1/calendar/year/{year}": (f"{A}/calendar/year/2026", None, profile("ok")),
    "POST /api/v1/auth/register": (
        f"{A}/auth/register",
        {"email": "m@example.org", "password": "Correct-Horse-42", "full_name": "M"},
        profile("ok"),
    ),
    "POST /api/v1/auth/token": (
        f"{A}/auth/token",
        {"email": "owner@world.example.org", "password": "wrong"},
        profile("login"),
    ),
    "GET /api/v1/auth/tokens": (f"{A}/auth/tokens", None, profile("ok", anonymous="login")),
    "DELETE /api/v1/auth/tokens/{token_id}": (
        f"{A}/auth/tokens/{{member_token}}",
        None,
        profile("404", anonymous="login", member="ok"),
    ),
    "GET /api/v1/me": (f"{A}/me", None, profile("ok", anonymous="login")),
    "PUT /api/v1/users/{user_id}/roles": (
        f"{A}/users/{{user}}/roles",
        {"roles": ["expert"]},
        profile("403", anonymous="login", administrator="ok"),
    ),
    "GET /api/v1/organizations/search": (f"{A}/organizations/search", {"q": "микросхемы"}, profile("ok")),
    "POST /api/v1/organizations": (
        f"{A}/organizations",
        {
            "kind": "legal_entity",
            "inn": "7707083893",
            "ogrn": "1027700132195",
            "kpp": "773601001",
            "full_name": "Общество с ограниченной ответственностью «Проверка доступа»",
            "short_name": "ООО «Проверка доступа»",
            "region_code": "77",
            "okved_main": "26",
            "sme_category": "small",
        },
        profile("ok", anonymous="login"),
    ),
    "GET /api/v1/organizations/{org_id}": (f"{A}/organizations/{{org}}", None, profile("ok")),
    "POST /api/v1/orders": (
        f"{A}/orders",
        {"customer_id": "{org}", "title": "Т", "process": "milling", "quantity": 1, "deadline": "2099-01-01"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/orders": (f"{A}/orders", None, profile("ok", anonymous="login")),
    "GET /api/v1/orders/{order_id}": (f"{A}/orders/{{order}}", None, profile("ok", anonymous="login")),
    "POST /api/v1/orders/{order_id}/quotes": (
        f"{A}/orders/{{order}}/quotes",
        {"manufacturer_id": "{other_org}", "price": "5", "lead_time_days": 3},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "POST /api/v1/orders/{order_id}/quotes/{quote_id}/award": (
        f"{A}/orders/{{order}}/quotes/{{quote}}/award",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/orders/{order_id}/files/{file_id}": (
        f"{A}/orders/{{order}}/files/{{file}}",
        None,
        profile("ok", anonymous="login", other_owner="404"),
    ),
    "PUT /api/v1/orders/{order_id}/files/{file_id}/visibility": (
        f"{A}/orders/{{order}}/files/{{file}}/visibility",
        {"visibility": "admitted"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/orders/{order_id}/files/{file_id}/access-requests": (
        f"{A}/orders/{{order}}/files/{{file}}/access-requests",
        {"organization_id": "{other_org}"},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "POST /api/v1/orders/{order_id}/access-requests/{request_id}/decision": (
        f"{A}/orders/{{order}}/access-requests/{{access}}/decision",
        {"approve": False},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/memberships": (
        f"{A}/memberships",
        {"organization_id": "{joining_org}", "consent_personal_data": True},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/memberships/{application_id}": (
        f"{A}/memberships/{{membership}}",
        None,
        profile("ok", anonymous="404", other_owner="404", expert="404"),
    ),
    "POST /api/v1/memberships/{application_id}/decision": (
        f"{A}/memberships/{{membership}}/decision",
        DECISION,
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="ok",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "GET /api/v1/registry": (f"{A}/registry", None, profile("ok")),
    "POST /api/v1/registry/applications": (
        f"{A}/registry/applications",
        {"organization_id": "{org}", "category": "startup"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/registry/applications/{application_id}": (
        f"{A}/registry/applications/{{registry_application}}",
        None,
        profile("ok", anonymous="404", other_owner="404", expert="404"),
    ),
    "POST /api/v1/registry/applications/{application_id}/decision": (
        f"{A}/registry/applications/{{registry_application}}/decision",
        DECISION,
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="ok",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/registry/entries/{number}/exclude": (
        f"{A}/registry/entries/{{entry}}/exclude",
        {"reason": "Проверка."},
        profile("404", anonymous="login", reviewer="403", expert="403", coordinator="ok", administrator="ok"),
    ),
    "GET /api/v1/measures": (f"{A}/measures", None, profile("ok")),
    "POST /api/v1/measures/{code}/quote": (
        f"{A}/measures/patent-compensation/quote",
        {"items": ITEMS},
        profile("ok"),
    ),
    "POST /api/v1/applications": (
        f"{A}/applications",
        {"measure": "patent-compensation", "organization_id": "{org}", "items": ITEMS, "draft": True},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/applications/{application_id}": (
        f"{A}/applications/{{draft}}",
        None,
        profile("ok", anonymous="404", other_owner="404", expert="404", reviewer="404"),
    ),
    "POST /api/v1/applications/{application_id}/submit": (
        f"{A}/applications/{{draft}}/submit",
        None,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
        ),
    ),
    "POST /api/v1/applications/{application_id}/decision": (
        f"{A}/applications/{{draft}}/decision",
        DECISION,
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/applications/{application_id}/documents": (
        f"{A}/applications/{{draft}}/documents",
        UPLOAD,
        profile(
            "403",
            anonymous="login",
            manager="ok",
            owner="ok",
            other_owner="404",
            expert="404",
            reviewer="404",
        ),
    ),
    "GET /api/v1/applications/{application_id}/documents/{document_id}": (
        f"{A}/applications/{{draft}}/documents/{{document}}",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404", reviewer="404"),
    ),
    "GET /api/v1/applications/{application_id}/agreement.pdf": (
        f"{A}/applications/{{granted}}/agreement.pdf",
        None,
        profile("ok", anonymous="login", other_owner="404", expert="404"),
    ),
    "POST /api/v1/applications/{application_id}/agreement/sign": (
        f"{A}/applications/{{granted}}/agreement/sign",
        None,
        profile("403", anonymous="login", manager="ok", owner="ok", other_owner="404", expert="404"),
    ),
    "POST /api/v1/applications/{application_id}/payments/{payment_id}/paid": (
        f"{A}/applications/{{granted}}/payments/{{payment}}/paid",
        {},
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/applications/{application_id}/reports": (
        f"{A}/applications/{{granted}}/reports",
        {"items": [{"category": "equipment", "amount": "10"}]},
        profile("403", anonymous="login", manager="ok", owner="ok", other_owner="404", expert="404"),
    ),
    "POST /api/v1/applications/{application_id}/reports/{report_id}/decision": (
        f"{A}/applications/{{granted}}/reports/{{report}}/decision",
        {"confirm": False, "comment": "Нет актов."},
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/consortia": (
        f"{A}/consortia",
        {
            "coordinator_id": "{org}",
            "name": "К",
            "description": "Д",
            "areas": ["26"],
            "projects": [{"title": "П", "description": ""}],
        },
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/consortia": (f"{A}/consortia", None, profile("ok")),
    "GET /api/v1/consortia/{consortium_id}": (
        f"{A}/consortia/{{consortium}}",
        None,
        profile("ok", anonymous="404", expert="404", reviewer="404"),
    ),
    "POST /api/v1/consortia/{consortium_id}/invitations": (
        f"{A}/consortia/{{consortium}}/invitations",
        {"organization_id": "{other_org}", "as": "partner"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/{consortium_id}/submit": (
        f"{A}/consortia/{{consortium}}/submit",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/{consortium_id}/decision": (
        f"{A}/consortia/{{consortium}}/decision",
        DECISION,
        profile(
            "403",
            anonymous="login",
            other_owner="404",
            reviewer="404",
            expert="404",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/consortia/{consortium_id}/join-requests": (
        f"{A}/consortia/{{consortium}}/join-requests",
        {"organization_id": "{other_org}"},
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "POST /api/v1/consortia/join-requests/{request_id}/admit": (
        f"{A}/consortia/join-requests/{{join_request}}/admit",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/join-requests/{request_id}/decline": (
        f"{A}/consortia/join-requests/{{join_request}}/decline",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/{consortium_id}/leave": (
        f"{A}/consortia/{{consortium}}/leave",
        {"organization_id": "{org}"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/{consortium_id}/projects": (
        f"{A}/consortia/{{consortium}}/projects",
        {"title": "П2", "description": ""},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/projects/{project_id}/roles": (
        f"{A}/consortia/projects/{{project}}/roles",
        {"kind": "testing"},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "POST /api/v1/consortia/roles/{role_id}/assign": (
        f"{A}/consortia/roles/{{role}}/assign",
        {"organization_id": None},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/consortia/{consortium_id}/suggestions": (
        f"{A}/consortia/{{consortium}}/suggestions",
        None,
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/consortium-invitations": (
        f"{A}/consortium-invitations",
        None,
        profile("ok", anonymous="login"),
    ),
    "POST /api/v1/consortium-invitations/{invitation_id}/accept": (
        f"{A}/consortium-invitations/{{invitation}}/accept",
        None,
        profile("404", anonymous="login", other_owner="ok"),
    ),
    "POST /api/v1/consortium-invitations/{invitation_id}/decline": (
        f"{A}/consortium-invitations/{{invitation}}/decline",
        None,
        profile("404", anonymous="login", other_owner="ok"),
    ),
    # KPI: coordinators define and review; our people report (the member too); others 404
    "POST /api/v1/kpi/indicators": (
        f"{A}/kpi/indicators",
        {"code": "exports", "name": "Экспорт", "unit": "₽", "better": "higher", "period": "quarter"},
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/kpi/targets": (
        f"{A}/kpi/targets",
        {"indicator": "staff", "organization_id": "{org}", "period": "2025", "value": "40"},
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/kpi/targets/bulk": (
        f"{A}/kpi/targets/bulk",
        {
            "measure": "equipment-cofinancing",
            "year": 2025,
            "indicator": "staff",
            "periods": ["2026"],
            "value": "40",
        },
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/kpi/reports": (
        f"{A}/kpi/reports",
        {"organization_id": "{org}", "period": "2024", "values": [{"indicator": "staff", "value": "30"}]},
        profile("404", anonymous="login", member="ok", manager="ok", owner="ok"),
    ),
    "GET /api/v1/kpi/reports/{report_id}": (
        f"{A}/kpi/reports/{{kpi_report}}",
        None,
        profile(
            "404",
            anonymous="login",
            member="ok",
            manager="ok",
            owner="ok",
            coordinator="ok",
            administrator="ok",
        ),
    ),
    "POST /api/v1/kpi/reports/{report_id}/decision": (
        f"{A}/kpi/reports/{{kpi_report}}/decision",
        {"decision": "return", "comment": "Проверка доступа."},
        profile("404", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "GET /api/v1/kpi/board": (
        f"{A}/kpi/board",
        {"period": "2025"},
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    # contests: coordinators run them; the owner's organisation has submitted; the expert is in
    # the pool, declared and assigned; everyone else is outside the pool (404)
    "POST /api/v1/contests": (
        f"{A}/contests",
        {
            "title": "Чистый воздух",
            "organiser": "Департамент природопользования",
            "problem": "Датчики качества воздуха.",
            "criteria": [{"code": "tech", "name": "Техника", "weight": 1}],
            "deadline": "2027-06-01T18:00",
            "winners": 1,
            "requirements": "",
            "reward": "Пилот на 10 станциях",
        },
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "GET /api/v1/contests": (f"{A}/contests", None, profile("ok")),
    "GET /api/v1/contests/{contest_id}": (f"{A}/contests/{{contest}}", None, profile("ok")),
    "POST /api/v1/contests/{contest_id}/publish": (
        f"{A}/contests/{{contest_draft}}/publish",
        None,
        profile("404", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/contests/{contest_id}/solutions": (
        f"{A}/contests/{{contest}}/solutions",
        {"organization_id": "{org}", "title": "Ещё одно", "description": "Второе решение."},
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/contests/{contest_id}/solutions": (
        f"{A}/contests/{{contest}}/solutions",
        None,
        profile("ok", anonymous="login"),
    ),
    "POST /api/v1/contests/{contest_id}/experts": (
        f"{A}/contests/{{contest}}/experts",
        {"user_id": "{expert_user}"},
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/contests/{contest_id}/declaration": (
        f"{A}/contests/{{contest}}/declaration",
        {"conflicts": []},
        profile("404", anonymous="login", expert="ok"),
    ),
    "POST /api/v1/contests/{contest_id}/assign": (
        f"{A}/contests/{{contest}}/assign",
        {"experts_per_solution": 1},
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/contests/{contest_id}/publish-results": (
        f"{A}/contests/{{contest}}/publish-results",
        None,
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "GET /api/v1/contests/{contest_id}/ranking": (
        f"{A}/contests/{{contest}}/ranking",
        None,
        profile("404", coordinator="ok", administrator="ok"),
    ),
    "POST /api/v1/solutions/{solution_id}/scores": (
        f"{A}/solutions/{{solution}}/scores",
        {"scores": {"tech": 7, "team": 8}, "comment": ""},
        profile("404", anonymous="login", expert="ok"),
    ),
    "POST /api/v1/test-sites": (
        f"{A}/test-sites",
        {
            "organization_id": "{other_org}",
            "name": "Школа № 57",
            "category": "education",
            "address": "Москва",
            "testable": "Образовательные платформы",
            "capacity": 1,
            "contact_email": "school@example.org",
        },
        profile("403", anonymous="login", coordinator="ok", administrator="ok"),
    ),
    "GET /api/v1/test-sites": (f"{A}/test-sites", {"category": "healthcare"}, profile("ok")),
    "GET /api/v1/datasets": (f"{A}/datasets", None, profile("ok")),
    "GET /api/v1/datasets/{code}": (f"{A}/datasets/participants-by-region", {"format": "csv"}, profile("ok")),
    "GET /api/v1/datasets/{code}/datapackage.json": (
        f"{A}/datasets/participants-by-region/datapackage.json",
        None,
        profile("ok"),
    ),
    "POST /api/v1/pilots": (
        f"{A}/pilots",
        {
            "organization_id": "{org}",
            "site_id": "{site}",
            "product": "Навигатор",
            "goals": "Проверка.",
            "starts_on": "2027-04-01",
            "ends_on": "2027-04-30",
            "criteria": [{"name": "Время", "unit": "мин", "better": "lower", "target": "5"}],
        },
        profile("404", anonymous="login", manager="ok", owner="ok"),
    ),
    "GET /api/v1/pilots/{pilot_id}": (
        f"{A}/pilots/{{pilot}}",
        None,
        profile("ok", anonymous="404", expert="404"),
    ),
    # the site organisation's owner answers; the company's people and the desk see but may not
    "POST /api/v1/pilots/{pilot_id}/decision": (
        f"{A}/pilots/{{pilot}}/decision",
        {"decision": "decline", "comment": "Проверка доступа."},
        profile("403", anonymous="login", other_owner="ok", expert="404"),
    ),
    "POST /api/v1/pilots/{pilot_id}/protocol": (
        f"{A}/pilots/{{pilot_accepted}}/protocol",
        {
            "results": [{"criterion": "Точность", "value": "92.5"}],
            "feedback": [{"rating": 5, "comment": "Удобно"}],
            "conclusion": "recommended",
            "comment": "",
        },
        profile("403", anonymous="login", other_owner="ok", expert="404"),
    ),
}
