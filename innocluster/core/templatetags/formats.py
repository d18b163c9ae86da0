"""`{% load formats %}`: money, rates, numbers and dates as people read them in the page's
language. The filters wrap innocluster.core.formats, which PDFs, e-mails and services call too."""

from django import template

from innocluster.core import formats

register = template.Library()


@register.filter
def money(value):
    """60000 → "60 000,00 ₽" / "60,000.00 ₽"."""
    return formats.format_money(value)


@register.filter
def measure(value):
    """A measured value or a target with its own decimals: 12.5000 → "12,5" / "12.5"."""
    return formats.format_measure(value)


@register.filter
def money_short(value):
    """491000000 → "491,0 млн ₽" / "491.0 million ₽"."""
    return formats.format_money_short(value)


@register.filter
def rate(value):
    """A fraction: 0.5 → "50 %" / "50%"."""
    return formats.format_rate(value)


@register.filter
def percent(value):
    """A value in percent: 50 → "50 %" / "50%"."""
    return formats.format_percent(value)


@register.filter
def number(value, places=0):
    """35000 → "35 000" / "35,000"; `|number:1` keeps one decimal."""
    return formats.format_number(value, int(places))


@register.filter
def numbered(value):
    """376 → "№376" / "No. 376"."""
    return formats.numbered(value)


@register.filter
def human_date(value):
    """ "2 декабря 2026" / "2 December 2026"."""
    return formats.human_date(value)


@register.filter
def human_datetime(value):
    """ "2 декабря 2026, 14:05" in Moscow time."""
    return formats.human_datetime(value)


@register.filter
def short_date(value):
    """ "02.12.2026" / "2 Dec 2026", for dense tables."""
    return formats.short_date(value)


@register.filter
def audit_label(event):
    """An audit event as a sentence: "Статус изменён: На рассмотрении" (never "review.transition")."""
    from innocluster.core.audit_actions import describe_event

    return describe_event(event)


@register.filter
def audit_object(event):
    """What an audit event is about: "заявка №376" (never "reviews.reviewcase #376")."""
    from innocluster.core.audit_actions import object_label

    return object_label(event.object_type, getattr(event, "object_number", None) or event.object_id)
