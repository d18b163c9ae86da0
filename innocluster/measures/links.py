"""What a measure's application names in another programme: a `pilot-testing` grant names the
applicant's own pilot (SPEC C5, C6). The measure says which link it needs (`Measure.link`); the
app that owns the named object registers the link in its AppConfig.ready(), so that measures
imports no app of its own layer (DESIGN.md: measures and pilots sit side by side).

A link answers three questions, each with plain values so that measures needs none of the other
app's models:
- `eligible(organization)`: what the organisation may name now, as [(id, label)] for a form;
- `check(organization, pk)`: the object when the organisation may name it now, else None (the
  caller refuses with its own code and learns nothing of other organisations' objects);
- `describe(pk, user)`: what the application's pages show of it, or None when it is gone."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ApplicationLink:
    key: str  # the value of Measure.link, e.g. "pilot"
    field: str  # the application's column and the API's field that hold the id, e.g. "pilot_id"
    label: object  # a lazy translated noun for forms and pages: "Pilot"
    eligible: Callable  # (organization) -> list[tuple[int, str]]
    check: Callable  # (organization, pk: int) -> object | None
    describe: Callable  # (pk: int, user) -> dict | None, for the templates
    required_message: object  # lazy text of the refusal: what the applicant must name
    error_code: object  # the ErrorCode of that refusal (422), e.g. `pilot_required`
    none_message: object  # lazy text shown on the form when the organisation has nothing to name
    catalogue_url: str  # where to get one, linked from the form when there is none


_LINKS: dict[str, ApplicationLink] = {}


def register(link: ApplicationLink) -> None:
    _LINKS[link.key] = link


def get_link(code: str) -> ApplicationLink | None:
    """The registered link of that code; None for "" (a measure that names nothing)."""
    if not code:
        return None
    try:
        return _LINKS[code]
    except KeyError:
        # a measure names a link no installed app provides: a configuration error, loud
        raise LookupError(f"no application link {code!r} is registered") from None


def link_of(measure) -> ApplicationLink | None:
    return get_link(measure.link)


def parse_id(value) -> int | None:
    """An object id as the API or a form sends it: a positive whole number (or its digits); None
    for anything else, so that a bad value reads as a missing one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            return None
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= 2**63 - 1:
        return None
    return value
