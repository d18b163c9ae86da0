from django import template

from innocluster.measures.enums import ATTRIBUTE_LABELS, CAP_LABELS, CATEGORY_LABELS, VALUE_LABELS
from innocluster.measures.links import link_of
from innocluster.measures.schemas import in_reader_language

register = template.Library()


@register.filter
def category_label(code):
    return CATEGORY_LABELS.get(code, code)


@register.filter
def with_attributes(derivation_items, application):
    """The quote's items, each with what the applicant said of it that its rate or limit depends
    on ("jurisdiction: abroad"): the quote keeps the category only, the application its items in
    the same order. Without an application (the calculator) the items as they are."""
    items = list(derivation_items or [])
    if application is None or not getattr(application, "pk", None):
        return items
    given = list(application.items.all())
    if len(given) != len(items):
        return items
    shown = []
    for item, typed in zip(items, given, strict=True):
        said = [
            f"{str(ATTRIBUTE_LABELS.get(key, key)).lower()}: {VALUE_LABELS.get(value, value)}"
            for key in ("origin", "jurisdiction")
            if (value := getattr(typed, key, ""))
        ]
        shown.append({**item, "attributes": "; ".join(str(s) for s in said)})
    return shown


@register.filter
def cap_label(code):
    return CAP_LABELS.get(code, code)


@register.filter
def in_language(stored_quote):
    """A stored quote's notes and reasons in the reader's language."""
    return in_reader_language(stored_quote)


@register.filter
def value_label(code):
    return VALUE_LABELS.get(code, code)


@register.simple_tag(takes_context=True)
def linked_object(context, application):
    """What the application names in another programme, as its app describes it (a
    `pilot-testing` grant's pilot and its latest protocol); None when it names nothing."""
    link = link_of(application.measure)
    pk = getattr(application, link.field, None) if link is not None else None
    if pk is None:
        return None
    request = context.get("request")
    described = link.describe(pk, getattr(request, "user", None))
    return {"link": link, **described} if described is not None else None
