"""The wire form of a quote: the API answers it and an application stores it (`quote`,
`approval_quote`), so both always read the same."""

from django.utils import translation

from innocluster.core.api_schemas import Schema
from innocluster.measures import quote as engine


class QuoteItemOut(Schema):
    category: str
    amount: str
    rate: str
    compensable: str
    cap: str | None
    note: str


class CapOut(Schema):
    name: str
    limit: str
    remaining_before: str
    applied: bool
    counted: bool


class ScheduleOut(Schema):
    kind: str
    amount: str


class QuoteOut(Schema):
    eligible: bool
    amount: str
    items: list[QuoteItemOut]
    caps: list[CapOut]
    reasons: list[str]
    schedule: list[ScheduleOut] | None = None


def quote_as_dict(result: engine.Quote, *, texts: dict | None = None) -> dict:
    """The API's form of a quote (money as strings with two places). A stored quote also keeps
    its notes and reasons in every language (`texts`, see `services.quotes.texts_of`), which
    `in_reader_language` picks from."""
    data = {
        "eligible": result.eligible,
        "amount": f"{result.amount:.2f}",
        "items": [
            {
                "category": r.category,
                "amount": f"{r.amount:.2f}",
                "rate": f"{r.rate:.2f}",
                "compensable": f"{r.compensable:.2f}",
                "cap": f"{r.cap:.2f}" if r.cap is not None else None,
                "note": r.note,
            }
            for r in result.items
        ],
        "caps": [
            {
                "name": c.name,
                "limit": f"{c.limit:.2f}",
                "remaining_before": f"{c.remaining_before:.2f}",
                "applied": c.applied,
                "counted": c.counted,
            }
            for c in result.caps
        ],
        "reasons": result.reasons,
    }
    if result.schedule:
        data["schedule"] = [{"kind": kind, "amount": f"{amount:.2f}"} for kind, amount in result.schedule]
    if texts:
        data["texts"] = texts
    return data


def in_reader_language(stored: dict | None) -> dict:
    """A stored quote with its notes and reasons in the language of the request, as they were
    written when it was computed; a quote stored before it kept them (or a language it lacks)
    reads as stored."""
    stored = stored or {}
    texts = stored.get("texts", {}).get(translation.get_language() or "")
    told = {key: value for key, value in stored.items() if key != "texts"}
    if not texts or len(texts.get("notes", [])) != len(stored.get("items", [])):
        return told
    told["items"] = [
        {**item, "note": note} for item, note in zip(stored["items"], texts["notes"], strict=True)
    ]
    told["reasons"] = texts.get("reasons", stored.get("reasons", []))
    return told
