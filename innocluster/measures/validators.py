"""Cost items from user input, checked at the edge: every refusal names the item and the field
(`items.2.amount`), so that no bad value reaches the quote engine or the database."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.ru import inn as stdnum_inn

from innocluster.core.errors import InvalidInput
from innocluster.core.money import AmountError, to_money
from innocluster.core.text import clean_text
from innocluster.measures import quote as engine
from innocluster.measures.selectors import known_choices

MAX_ITEMS = 200
INN_RE = re.compile(r"^[0-9]{10}([0-9]{2})?$", re.ASCII)


def _check_choice(value: str, *, listed: list[str], known: set[str], field: str) -> None:
    """A value outside the field's listed choices is a 422 naming the field (SPEC §4): the choices
    of this measure where it lists some, otherwise those of any measure."""
    allowed = listed or sorted(known)
    if value and value not in allowed:
        raise InvalidInput(
            _("Choose one of: %(values)s.") % {"values": ", ".join(allowed)},
            field=field,
            details={"allowed": allowed},
        )


def parse_items(raw_items, rules: list[dict]) -> list[engine.Item]:
    """Cost items from user input; every refusal names the item and field (`items.2.amount`).
    A category of another measure is kept (the quote excludes it with a reason); a category that
    no measure knows, or an origin or jurisdiction outside the listed choices, is refused."""
    if not isinstance(raw_items, list | tuple):
        raise InvalidInput(_("Items must be a list."), field="items")
    if len(raw_items) > MAX_ITEMS:
        raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_ITEMS}, field="items")
    wanted = engine.item_attributes(rules)
    known = known_choices() if raw_items else {}
    items = []
    for index, raw in enumerate(raw_items):
        prefix = f"items.{index}"
        if not isinstance(raw, dict):
            raise InvalidInput(_("Each item is an object with a category and an amount."), field=prefix)
        category = clean_text(raw.get("category"), field=f"{prefix}.category", max_length=40, required=True)
        if category not in known["category"]:
            _check_choice(
                category,
                listed=engine.eligible_categories(rules),
                known=set(),
                field=f"{prefix}.category",
            )
        amount_raw = raw.get("amount")
        try:
            amount = to_money(
                amount_raw
                if not isinstance(amount_raw, int) or isinstance(amount_raw, bool)
                else str(amount_raw)
            )
        except AmountError as exc:
            raise InvalidInput(exc.message, field=f"{prefix}.amount") from exc
        if amount <= 0:
            raise InvalidInput(_("The amount must be greater than zero."), field=f"{prefix}.amount")
        values = {}
        for attribute in ("origin", "jurisdiction"):
            values[attribute] = clean_text(raw.get(attribute), field=f"{prefix}.{attribute}", max_length=20)
            _check_choice(
                values[attribute],
                listed=engine.attribute_values(rules, attribute),
                known=known[attribute],
                field=f"{prefix}.{attribute}",
            )
        date_raw = raw.get("date")
        item_date = None
        if date_raw not in (None, ""):
            try:
                item_date = dt.date.fromisoformat(str(date_raw)[:10]) if len(str(date_raw)) == 10 else None
            except ValueError:
                item_date = None
            if item_date is None or not str(date_raw).isascii():
                raise InvalidInput(_("Enter the date as YYYY-MM-DD."), field=f"{prefix}.date")
            if item_date > timezone.localdate():
                raise InvalidInput(_("The date cannot be in the future."), field=f"{prefix}.date")
        inn = clean_text(raw.get("investee_inn"), field=f"{prefix}.investee_inn", max_length=12)
        if inn and not INN_RE.fullmatch(inn):
            raise InvalidInput(_("An INN is 10 or 12 digits."), field=f"{prefix}.investee_inn")
        if inn and not stdnum_inn.is_valid(inn):
            # as an organisation's own INN is checked: a mistyped digit is said here, not read as
            # an investee that was never in the register
            raise InvalidInput(_("The INN check digits do not match."), field=f"{prefix}.investee_inn")
        if "investee_inn" in wanted and not inn:
            raise InvalidInput(_("State the investee's INN."), field=f"{prefix}.investee_inn")
        if "date" in wanted and item_date is None:
            raise InvalidInput(_("State the date of the cost."), field=f"{prefix}.date")
        items.append(
            engine.Item(category=category, amount=amount, date=item_date, investee_inn=inn, **values)
        )
    return items
