from django import template

register = template.Library()


@register.filter
def get_value(mapping, key):
    """`row|get_value:"origin"`: a dict's value or an object's attribute; "" when absent."""
    if mapping is None:
        return ""
    value = mapping.get(key, "") if isinstance(mapping, dict) else getattr(mapping, str(key), "")
    return "" if value is None else value
