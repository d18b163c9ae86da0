"""Audit actions are a declared set, like error codes: each app lists its own in
`<app>/audit_actions.py` as an `AuditAction` enum whose members carry the human label shown
wherever history is read (`{{ event|audit_label }}`). The stored value stays the stable code
("review.transition"); people read "Статус изменён: На рассмотрении".

The registry also knows the states that events move between (each app registers its status
choices) and the nouns of the objects that events are about ("заявка №376")."""

import re
from enum import StrEnum

from django.apps import apps
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from innocluster.core.formats import numbered


class AuditAction(StrEnum):
    """A stable audit code with its label: `CREATED = "review.created", _("Application created")`."""

    label: str

    def __new__(cls, value: str, label=""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


_ACTION_ENUMS: list[type[AuditAction]] = []
_STATE_CHOICES: list = []
_OBJECT_NOUNS: dict[str, object] = {}
_OBJECT_NUMBERS: dict[str, object] = {}
_discovered = False


def register_audit_actions(enum: type[AuditAction]) -> type[AuditAction]:
    if enum not in _ACTION_ENUMS:
        _ACTION_ENUMS.append(enum)
    return enum


def register_states(prefix: str, choices) -> None:
    """Status choices (TextChoices) whose labels name the from/to state of the actions that start
    with `prefix` ("review." → ReviewStatus)."""
    if (prefix, choices) not in _STATE_CHOICES:
        _STATE_CHOICES.append((prefix, choices))


def register_object_nouns(nouns: dict) -> None:
    """{"reviews.reviewcase": _("application")}: how an event's object is named in a sentence."""
    _OBJECT_NOUNS.update(nouns)


def register_object_numbers(object_type: str, numbers) -> None:
    """`numbers(ids) -> {id: number}`: the number people know an object by, where it is not its
    key (a measure application is known by its case's number)."""
    _OBJECT_NUMBERS[object_type] = numbers


def with_object_numbers(events) -> list:
    """The events with `object_number` set where their object is known by another number: one
    query per such kind of object, whatever the number of events."""
    _discover()
    events = list(events)
    for object_type, numbers in _OBJECT_NUMBERS.items():
        ids = {e.object_id for e in events if e.object_type == object_type and str(e.object_id).isdigit()}
        if ids:
            known = {str(key): value for key, value in numbers([int(i) for i in ids]).items()}
            for event in events:
                if event.object_type == object_type and str(event.object_id) in known:
                    event.object_number = known[str(event.object_id)]
    return events


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("audit_actions")
        _discovered = True


def all_audit_actions() -> dict[str, object]:
    """Every action the platform records, with its label."""
    _discover()
    actions: dict[str, object] = {}
    for enum in _ACTION_ENUMS:
        for member in enum:
            actions.setdefault(member.value, member.label)
    return dict(sorted(actions.items()))


def action_label(action: str) -> str:
    """The label of an action code; an unknown code reads as a neutral "Event" (never the code)."""
    label = all_audit_actions().get(action)
    return str(label) if label else gettext("Event")


def state_label(state: str, action: str = "") -> str:
    _discover()
    ordered = sorted(_STATE_CHOICES, key=lambda entry: not action.startswith(entry[0]))
    for _prefix, choices in ordered:
        for value, label in choices.choices:
            if value == state:
                return str(label)
    return state.replace("_", " ")


def object_label(object_type: str, object_id) -> str:
    """ "reviews.reviewcase", 376 → "заявка №376"; the model's verbose name where no noun is registered."""
    _discover()
    noun = _OBJECT_NOUNS.get(object_type)
    if noun is None:
        try:
            noun = apps.get_model(object_type)._meta.verbose_name
        except (LookupError, ValueError):
            noun = gettext("object")
    if object_id in (None, ""):
        return str(noun)
    return f"{noun} {numbered(object_id)}"


def _reason_label(reason: str) -> str:
    """The reasons the platform writes itself (the people's own reasons are shown as typed)."""
    if reason == "review desk":
        return gettext("the application opened on the review desk")
    if reason == "pilot page":
        return gettext("the pilot's page opened")
    if reason == "account administration":
        return gettext("the account opened in the administration")
    document = re.fullmatch(r"document #(\d+) of the application", reason)
    if document:
        return gettext("document No. %(n)s of the application opened") % {"n": document.group(1)}
    return reason


def describe_event(event) -> str:
    """One sentence for a history line: "Статус изменён: На рассмотрении", "Просмотр персональных
    данных: причина — «проверка»"."""
    action = str(event.action)
    label = action_label(action)
    if action == "personal_data.read":
        if event.comment:
            return pgettext("audit", "%(label)s: reason — «%(reason)s»") % {
                "label": label,
                "reason": _reason_label(event.comment),
            }
        return label
    if event.to_state and event.from_state:  # a change of status names the new one
        return f"{label}: {state_label(event.to_state, action)}"
    return label


class CoreAuditAction(AuditAction):
    CALENDAR_OVERRIDE_SAVED = "calendar.override_saved", _("Calendar day changed")
    CALENDAR_OVERRIDE_DELETED = "calendar.override_deleted", _("Calendar day change removed")
    DEMO_SEEDED = "demo.seeded", _("Demo data loaded")
    PERSONAL_DATA_READ = "personal_data.read", _("Personal data viewed")
    TASK_REQUEUED = "task.requeued", _("Task put back in the queue: its worker stopped")
    TASK_ABANDONED = "task.abandoned", _("Task failed: its worker stopped during every run")


register_audit_actions(CoreAuditAction)
register_object_nouns({"platform": _("platform")})
