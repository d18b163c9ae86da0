"""The demo cluster, as `make run` shows it, reads in words: no audit code, field path, unformatted
amount or ISO date on the pages a visitor, an applicant and a coordinator open, in Russian and in
English. The notifications page carries what the e-mails would say (the demo e-mails no one)."""

import re

from django.contrib.auth import get_user_model

from innocluster.measures.models import MeasureApplication
from innocluster.reviews.models import ReviewCase
from tests.core.test_no_raw_codes import _client, raw_codes, visible_text

PUBLIC = [
    "/",
    "/registry/",
    "/consortia/",
    "/measures/",
    "/partners/orders/",
    "/calendar/",
    "/organizations/",
]


def _pages_of(person) -> list[str]:
    """The cabinet, the notifications, and every application page of the person's organisations."""
    applications = MeasureApplication.objects.filter(organization__people__person=person).order_by("pk")
    return ["/cabinet/", "/cabinet/notifications/"] + [
        f"/measures/applications/{a.pk}/" for a in applications
    ]


def the_demo_reads_in_words():
    """Run by tests/core/test_demo_cluster.py on the demo cluster it seeds once for every app."""
    people = get_user_model().objects
    owner = (
        people.filter(organization_roles__organization__measure_applications__isnull=False, is_staff=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    coordinator = people.get(email="coordinator@demo.innocluster.ru")
    cases = list(ReviewCase.objects.exclude(status="draft").order_by("pk").values_list("pk", flat=True)[:12])
    visits = [(None, path) for path in PUBLIC]
    visits += [(owner, path) for path in _pages_of(owner)]
    visits += [
        (coordinator, path) for path in ["/staff/", "/staff/desk/", *[f"/staff/desk/{pk}/" for pk in cases]]
    ]
    assert len(_pages_of(owner)) > 2 and len(cases) == 12 and len(visits) > 20
    problems = []
    for language in ("ru", "en"):
        for person, path in visits:
            response = _client(person, language).get(path)
            assert response.status_code == 200, (path, response.status_code)
            text = visible_text(response.content.decode())
            problems += [f"{language} {path}: {p}" for p in raw_codes(text, language)]
    assert problems == []
    # and the demo's pages did show money: the home page's granted sum, grouped
    home = visible_text(_client(None, "ru").get("/").content.decode())
    assert re.search(r"\d+,\d\u00a0(?:тыс\.|млн|млрд)\u00a0₽", home)
