"""The kinds of application that go through the review desk. Each app registers its kind in its
AppConfig.ready(): how its application is found, what happens on a transition, where its pages are."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

from innocluster.reviews.enums import DEFAULT_REVIEW_DAYS, TRANSITIONS


@dataclass(frozen=True)
class ReviewKind:
    key: str
    label: object  # a lazy translated text
    model: str  # "app_label.ModelName" of the application; it has a OneToOne `case`
    applicant_url: Callable  # case -> the applicant's page of the application
    staff_template: str  # renders the application's fields on the desk
    review_days: int = DEFAULT_REVIEW_DAYS
    transitions: dict = field(default_factory=lambda: TRANSITIONS)
    # Called inside the transition's transaction: (case, application, from_status, to_status, actor).
    on_transition: Callable | None = None
    # The answer's working days for one case, when they are data (a measure's own review days).
    review_days_of: Callable | None = None
    # Answered in the kind's own app, not on the desk (a pilot request: the site answers). The desk
    # shows such cases and their due dates but offers no decision and no assignment; the app
    # records its answer with `services.settle_app_case`.
    decided_by_app: bool = False
    # Who is reminded of the answer's due date, and where the reminder leads: (case) -> people,
    # (case) -> url. By default the case's reviewer (or the coordinators) and the desk's page.
    reminder_recipients: Callable | None = None
    reminder_url: Callable | None = None
    # The words of a status where the kind's own differ from an application's (a KPI report is
    # «Принят», a cluster «Одобрен»: the application's «Одобрена» has the wrong word or gender)
    status_labels: dict = field(default_factory=dict)

    def days_for(self, case) -> int:
        return self.review_days_of(case) if self.review_days_of is not None else self.review_days

    def application_model(self):
        return apps.get_model(self.model)

    def application_of(self, case):
        return self.application_model().objects.select_related("case").get(case=case)


_KINDS: dict[str, ReviewKind] = {}


def register(kind: ReviewKind) -> None:
    _KINDS[kind.key] = kind


def get_kind(key: str) -> ReviewKind:
    return _KINDS[key]


def all_kinds() -> list[ReviewKind]:
    return list(_KINDS.values())
