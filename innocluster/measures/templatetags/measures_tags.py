from django import template

from innocluster.measures.enums import CAP_LABELS, CATEGORY_LABELS, VALUE_LABELS

register = template.Library()


@register.filter
def category_label(code):
    return CATEGORY_LABELS.get(code, code)


@register.filter
def cap_label(code):
    return CAP_LABELS.get(code, code)


@register.filter
def value_label(code):
    return VALUE_LABELS.get(code, code)
