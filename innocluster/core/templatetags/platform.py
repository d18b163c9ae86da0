from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def get_value(mapping, key):
    """`row|get_value:"origin"`: a dict's value or an object's attribute; "" when absent."""
    if mapping is None:
        return ""
    value = mapping.get(key, "") if isinstance(mapping, dict) else getattr(mapping, str(key), "")
    return "" if value is None else value


# --- the design system's tags (docs/design-system.md) -------------------------------------------

# A status's colour in a tag; the word itself always says it (colour is never the only sign).
STATUS_COLOURS = {
    "draft": "grey",
    "submitted": "blue",
    "in_review": "amber",
    "returned": "amber",
    "approved": "green",
    "agreement_signed": "green",
    "paying": "green",
    "completed": "green",
    "rejected": "red",
    "terminated": "red",
    "excluded": "red",
    "withdrawn": "grey",
    "active": "green",
    "forming": "blue",
    "open": "blue",
    "awarded": "green",
    "closed": "grey",
    "cancelled": "grey",
    "scheduled": "blue",
    "paid": "green",
    "planned": "grey",
    "confirmed": "green",
    # pilots: the request's answer and the protocol's conclusion
    "requested": "blue",
    "accepted": "green",
    "declined": "red",
    "running": "amber",
    "recommended": "green",
    "needs_work": "amber",
    "not_recommended": "red",
    # contests: being scored, results out; an expert's sheet
    "scoring": "amber",
    "results_published": "green",
    "scored": "green",
    "not_scored": "amber",
    "disagree": "red",
    # KPI: a value against its target (met / within tolerance / missed), a report owed
    "met": "green",
    "tolerance": "amber",
    "missed": "red",
    "missing": "grey",
    "not_due": "grey",
    "due": "blue",
    "overdue": "red",
    "late": "red",
}


@register.simple_tag
def status_tag(status, label=None, testid=None):
    """`{% status_tag case.status case.get_status_display %}` → a coloured tag with the word."""
    code = getattr(status, "value", status)
    colour = STATUS_COLOURS.get(str(code), "grey")
    test = format_html(' data-testid="{}"', testid) if testid else ""
    return format_html(
        '<strong class="tag tag--{}" data-status="{}"{}>{}</strong>', colour, code, test, label or status
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context, *pairs):
    """`{% breadcrumbs _("Support measures") "measures:catalogue" measure.title "" %}`: label, link
    pairs from the home page down; a link is a URL name, a path, or "" for the page itself."""
    items = [(gettext("Home"), reverse("core:home"))]
    for label, target in zip(pairs[::2], pairs[1::2], strict=False):
        url = ""
        if target:
            url = target if str(target).startswith("/") else reverse(target)
        items.append((label, url))
    parts = []
    for index, (label, url) in enumerate(items):
        last = index == len(items) - 1
        if url and not last:
            parts.append(format_html('<li><a href="{}">{}</a></li>', url, label))
        else:
            parts.append(format_html('<li aria-current="page">{}</li>', label))
    return format_html(
        '<nav class="breadcrumbs" aria-label="{}"><ol>{}</ol></nav>',
        gettext("Breadcrumbs"),
        mark_safe("".join(parts)),  # each part is built by format_html above
    )


def _with_query(request, **changes) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current page's query with some parameters changed (`{% query_with page=3 %}`)."""
    return _with_query(context["request"], **changes)


@register.simple_tag(takes_context=True)
def sort_header(context, key, label, css_class=""):
    """A sortable column's header: `?sort=key`, then `-key`; aria-sort says the current order.
    The view reads `sort` against its own list of allowed keys."""
    request = context["request"]
    # the order the view applied (an unknown ?sort= fell back to its default)
    current = context.get("sort") or request.GET.get("sort", context.get("sort_default", ""))
    if current == key:
        state, following = "ascending", "-" + key
    elif current == "-" + key:
        state, following = "descending", key
    else:
        state, following = None, key
    aria = format_html(' aria-sort="{}"', state) if state else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<th scope="col"{}{}><a class="sort" href="{}">{}</a></th>',
        aria,
        css,
        _with_query(request, sort=following, page=None),
        label,
    )


def page_window(number: int, total: int, around: int = 2) -> list:
    """The page numbers a pager shows: the first, the last, those around the current one, and
    None where some are left out (1 … 4 5 [6] 7 8 … 20)."""
    shown = sorted({1, total, *range(max(1, number - around), min(total, number + around) + 1)})
    window, previous = [], 0
    for page in shown:
        if page - previous > 1:
            window.append(None)
        window.append(page)
        previous = page
    return window


@register.inclusion_tag("includes/pager.html", takes_context=True)
def pager(context, page):
    """Numbered pages under a table; every link keeps the page's filters and order."""
    request = context["request"]
    links = []
    if page is not None and page.has_other_pages():
        for number in page_window(page.number, page.paginator.num_pages):
            links.append(
                None
                if number is None
                else {
                    "number": number,
                    "url": _with_query(request, page=number),
                    "current": number == page.number,
                }
            )
    return {
        "page": page,
        "links": links,
        "previous_url": _with_query(request, page=page.previous_page_number())
        if links and page.has_previous()
        else "",
        "next_url": _with_query(request, page=page.next_page_number()) if links and page.has_next() else "",
    }
