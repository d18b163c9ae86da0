"""The quote of a measure for an applicant: the rules in force, what the holder already used of an
annual cap, and the facts the engine asks for."""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import translation

from innocluster.measures import quote as engine
from innocluster.measures.enums import ApplicantKind
from innocluster.measures.models import Measure
from innocluster.measures.schemas import quote_as_dict
from innocluster.measures.selectors import used_this_year, version_on


def applicant_facts(*, measure: Measure, organization=None) -> engine.Applicant:
    if organization is None:
        return engine.Applicant(kind=ApplicantKind.PERSON)
    from innocluster.membership.services import is_participant

    return engine.Applicant(
        kind=ApplicantKind.ORGANIZATION,
        participant=is_participant(organization),
        sme_category=organization.sme_category,
    )


def in_register(inn: str, on: dt.date) -> bool:
    from innocluster.registry.services import was_in_register

    return was_in_register(inn=inn, on=on)


def annual_cap_of(rules: list[dict]) -> dict | None:
    caps = engine.rules_of(rules, "annual_cap")
    return caps[0] if caps else None


def _computation(*, measure: Measure, items, on: dt.date, organization, person, count_used: bool):
    """The rules in force on `on` and the quote's computation with what the database says (the
    year's use, the applicant's facts) read once: the engine may run it again, in another
    language."""
    version = version_on(measure, on)
    used = None
    if count_used:
        used = used_this_year(
            measure=measure, rules=version.rules, year=on.year, organization=organization, person=person
        )
    facts = applicant_facts(measure=measure, organization=organization) if (organization or person) else None

    def compute() -> engine.Quote:
        return engine.compute_quote(
            version.rules, items, applicant=facts, already_used=used, in_register=in_register
        )

    return version, compute


def quote_for(
    *,
    measure: Measure,
    items: list[engine.Item],
    on: dt.date,
    organization=None,
    person=None,
    count_used=True,
):
    version, compute = _computation(
        measure=measure, items=items, on=on, organization=organization, person=person, count_used=count_used
    )
    return version, compute()


def stored_quote_for(
    *, measure: Measure, items: list[engine.Item], on: dt.date, organization=None, person=None
):
    """`quote_for`, with the form an application stores: its notes and reasons in every language
    (the database read once, the engine run once per language). Returns (version, result,
    stored)."""
    version, compute = _computation(
        measure=measure, items=items, on=on, organization=organization, person=person, count_used=True
    )
    result = compute()
    return version, result, quote_as_dict(result, texts=texts_of(result, compute))


def texts_of(result: engine.Quote, recompute: Callable[[], engine.Quote]) -> dict:
    """The quote's notes and reasons in every language of the platform, for a quote that is
    stored (an application's, an approval's): the engine writes them in the language of the
    moment, and the applicant's page, the staff's page and the API read them in their own.
    `recompute` is the same computation, run again under each other language."""
    current = translation.get_language()
    texts = {}
    for code, _name in settings.LANGUAGES:
        if code == current:
            told = result
        else:
            with translation.override(code):
                told = recompute()
        texts[code] = {
            "notes": [str(item.note) for item in told.items],
            "reasons": [str(r) for r in told.reasons],
        }
    return texts
