"""What a person types into an application form, kept as they type (SPEC §3: an application's
form is saved as a draft as it is typed): the fields as typed, valid or not, until the form is
saved as the application. One per person, measure and application (none for a new one)."""

import re

from innocluster.core.errors import Conflict, NotFound
from innocluster.core.text import clean_text
from innocluster.measures.models import FormDraft, Measure, MeasureApplication
from innocluster.reviews.enums import EDITABLE_STATUSES

FIELDS = ("organization_id", "project_title", "description", "pilot_id")
ITEM_FIELD = re.compile(
    r"^items-([0-9]{1,2})-(category|amount|origin|jurisdiction|date|investee_inn|description)$"
)
MAX_TEXT = 5000


def _may_type(actor, application: MeasureApplication | None) -> None:
    if not actor.is_authenticated:
        raise NotFound()
    if application is not None:
        if not actor.has_perm("reviews.draft_as_applicant", application.case):
            raise NotFound()
        if application.case.status not in EDITABLE_STATUSES:
            raise Conflict()


def save_form_draft(*, actor, measure: Measure, application: MeasureApplication | None, typed) -> FormDraft:
    """Keep the form's fields as typed (`typed`: the POST's fields; others are ignored, each value
    checked for size only). The caller has checked that `actor` may apply for the measure."""
    _may_type(actor, application)
    data = {
        key: clean_text(typed.get(key), field=key, max_length=MAX_TEXT)
        for key in typed
        if key in FIELDS or ITEM_FIELD.match(key)
    }
    draft, _created = FormDraft.objects.update_or_create(
        person=actor, measure=measure, application=application, defaults={"data": data}
    )
    return draft


def form_draft_of(person, measure: Measure, application: MeasureApplication | None) -> FormDraft | None:
    """What the person typed and has not saved: for an application, only if typed after its last
    save (a save elsewhere since then wins)."""
    draft = FormDraft.objects.filter(person=person, measure=measure, application=application).first()
    if draft is not None and application is not None and draft.updated_at <= application.updated_at:
        return None
    return draft


def discard_form_draft(person, measure: Measure, application: MeasureApplication | None) -> None:
    FormDraft.objects.filter(person=person, measure=measure, application=application).delete()
