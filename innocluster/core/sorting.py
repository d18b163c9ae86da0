"""A list's order from the page's `sort` parameter (`name`, or `-name` for descending), read
against the keys the list allows (a field may name `{lang}`: `region__name_{lang}`), so that a
person can sort a table by any of its columns and nothing else reaches `order_by`."""

from collections.abc import Mapping

from django.utils.translation import get_language


def ordering(request, allowed: Mapping[str, tuple[str, ...]], default: str) -> tuple[str, list[str]]:
    """The sort key in force (as the page spells it) and the fields to order by. An unknown key
    falls back to the default; the last field of each key should make the order total."""
    wanted = request.GET.get("sort", "") or default
    key = wanted.removeprefix("-")
    if key not in allowed:
        wanted, key = default, default.removeprefix("-")
    descending = wanted.startswith("-")
    lang = "en" if get_language() == "en" else "ru"
    fields = [
        ("-" + f.removeprefix("-") if not f.startswith("-") else f.removeprefix("-")) if descending else f
        for f in (field.format(lang=lang) for field in allowed[key])
    ]
    return wanted, fields
