"""The one computation of what a measure pays: the calculator, the application and the approval
all call `compute_quote`, so they can never disagree.

A measure version's parameters are a list of rules, each `{"kind": ..., <numbers>}`. Which rules a
measure has and their numbers are data (MeasureVersion.rules); what each kind means is the code
below. The function is pure: what it needs from the world (what was already used of an annual
cap, whether an INN was in the register on a date, the applicant's facts) comes in as arguments.

Order (SPEC C5): per item the eligibility (category, date floor, register), the rate and the
rounding half-up to kopecks, then the per-item cap; the caps of the application after the sum."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from innocluster.core.formats import format_money, human_date
from innocluster.core.money import round_kopecks
from innocluster.measures.enums import ATTRIBUTE_LABELS, CATEGORY_LABELS, VALUE_LABELS
from innocluster.organizations.enums import SmeCategory

ZERO = Decimal("0.00")

# Every rule kind and the attributes of its parameters; `validate_rules` checks stored data against it.
RULE_KINDS: dict[str, set[str]] = {
    "item_rate": {"rates"},  # {"rates": {category: rate}}
    "item_rate_by_attribute": {"categories", "attribute", "rates"},  # rate by e.g. origin
    "item_cap_by_attribute": {"attribute", "caps"},  # per item, e.g. by jurisdiction
    "date_floor": {"date"},  # items dated before it are excluded
    "investee_in_register": set(),  # angel refund: the investee in the register on the item's date
    "application_cap": {"limit"},
    "annual_cap": {"per", "limit"},  # per "organization" or "person" and calendar year
    "applicant_participant": set(),
    "applicant_person": set(),
    "eligible_sme": {"categories"},
    "payment_schedule": {"advance_share", "years"},
}
ITEM_ATTRIBUTES = ("origin", "jurisdiction", "date", "investee_inn")


@dataclass(frozen=True)
class Item:
    category: str
    amount: Decimal
    origin: str = ""
    jurisdiction: str = ""
    date: dt.date | None = None
    investee_inn: str = ""


@dataclass(frozen=True)
class Applicant:
    """What the applicant conditions look at; None fields are unknown (an anonymous calculator)."""

    kind: str | None = None  # "organization" or "person"
    participant: bool | None = None
    sme_category: str | None = None


@dataclass
class ItemResult:
    category: str
    amount: Decimal
    rate: Decimal
    compensable: Decimal
    cap: Decimal | None
    note: str
    eligible: bool


@dataclass
class CapResult:
    name: str
    limit: Decimal
    remaining_before: Decimal
    applied: bool
    counted: bool = True  # whether what was already used is known and counted


@dataclass
class Quote:
    eligible: bool
    amount: Decimal
    items: list[ItemResult]
    caps: list[CapResult]
    reasons: list[str] = field(default_factory=list)
    schedule: list[tuple[str, Decimal]] = field(default_factory=list)
    uncapped: Decimal = ZERO


def rules_of(rules: list[dict], kind: str) -> list[dict]:
    return [rule for rule in rules if rule.get("kind") == kind]


def eligible_categories(rules: list[dict]) -> list[str]:
    categories: list[str] = []
    for rule in rules_of(rules, "item_rate"):
        categories += [c for c in rule["rates"] if c not in categories]
    for rule in rules_of(rules, "item_rate_by_attribute"):
        categories += [c for c in rule["categories"] if c not in categories]
    return categories


def item_attributes(rules: list[dict]) -> list[str]:
    """Which item attributes this measure asks for, in form order."""
    wanted = set()
    for rule in rules:
        if rule.get("kind") in ("item_rate_by_attribute", "item_cap_by_attribute"):
            wanted.add(rule["attribute"])
        elif rule.get("kind") == "date_floor":
            wanted.add("date")
        elif rule.get("kind") == "investee_in_register":
            wanted.update({"investee_inn", "date"})
    return [a for a in ITEM_ATTRIBUTES if a in wanted]


def attribute_values(rules: list[dict], attribute: str) -> list[str]:
    values: list[str] = []
    for rule in rules:
        if rule.get("attribute") == attribute:
            source = rule.get("rates") or rule.get("caps") or {}
            values += [v for v in source if v not in values]
    return values


def _rate_for(rules: list[dict], item: Item) -> tuple[Decimal | None, str]:
    for rule in rules_of(rules, "item_rate"):
        if item.category in rule["rates"]:
            return Decimal(rule["rates"][item.category]), ""
    for rule in rules_of(rules, "item_rate_by_attribute"):
        if item.category in rule["categories"]:
            value = getattr(item, rule["attribute"])
            if value not in rule["rates"]:
                return None, _choose(rule["attribute"], rule["rates"])
            return Decimal(rule["rates"][value]), ""
    return None, _("The category “%(category)s” is not eligible for this measure.") % {
        "category": _label(CATEGORY_LABELS, item.category)
    }


def _label(labels: dict, code) -> str:
    return str(labels.get(code, code))


SME_LABELS = dict(SmeCategory.choices)


def _choose(attribute: str, values) -> str:
    """ "Выберите «Юрисдикция»: Россия или за рубежом." (labels, never the rule's codes)."""
    names = [_label(VALUE_LABELS, value) for value in values]
    listed = (
        names[0]
        if len(names) == 1
        else _("%(first)s or %(last)s")
        % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
    )
    return _("Choose “%(attribute)s”: %(values)s.") % {
        "attribute": _label(ATTRIBUTE_LABELS, attribute),
        "values": listed,
    }


def _item(rules: list[dict], item: Item, in_register: Callable[[str, dt.date], bool] | None) -> ItemResult:
    def excluded(note: str, rate: Decimal = ZERO) -> ItemResult:
        return ItemResult(item.category, item.amount, rate, ZERO, None, note, False)

    rate, why = _rate_for(rules, item)
    if rate is None:
        return excluded(why)
    for rule in rules_of(rules, "date_floor"):
        floor = dt.date.fromisoformat(rule["date"])
        if item.date is None:
            return excluded(_("State the date of the cost."), rate)
        if item.date < floor:
            return excluded(
                _("Costs dated before %(floor)s are not eligible.") % {"floor": human_date(floor)}, rate
            )
    if rules_of(rules, "investee_in_register"):
        if not item.investee_inn or item.date is None:
            return excluded(_("State the investee's INN and the date of the investment."), rate)
        if in_register is None or not in_register(item.investee_inn, item.date):
            return excluded(
                _("The investee was not in the register of startups and high-tech companies on %(date)s.")
                % {"date": human_date(item.date)},
                rate,
            )
    compensable = round_kopecks(item.amount * rate)
    note, cap = "", None
    for rule in rules_of(rules, "item_cap_by_attribute"):
        value = getattr(item, rule["attribute"])
        if value not in rule["caps"]:
            return excluded(_choose(rule["attribute"], rule["caps"]), rate)
        cap = Decimal(rule["caps"][value])
        if compensable > cap:
            note = _("Capped at %(cap)s, the limit for “%(category)s” (%(attribute)s: %(value)s).") % {
                "cap": format_money(cap),
                "category": _label(CATEGORY_LABELS, item.category),
                "attribute": _label(ATTRIBUTE_LABELS, rule["attribute"]).lower(),
                "value": _label(VALUE_LABELS, value),
            }
            compensable = cap
    return ItemResult(item.category, item.amount, rate, compensable, cap, note, True)


def _applicant_reasons(rules: list[dict], applicant: Applicant) -> list[str]:
    reasons = []
    if rules_of(rules, "applicant_person") and applicant.kind == "organization":
        reasons.append(_("This measure is for a person (a business angel), not an organisation."))
    if rules_of(rules, "applicant_participant"):
        if applicant.kind == "person":
            reasons.append(_("This measure is for organisations that are participants of the cluster."))
        elif applicant.participant is False:
            reasons.append(_("The organisation is not a participant of the cluster."))
    for rule in rules_of(rules, "eligible_sme"):
        if applicant.sme_category is not None and applicant.sme_category not in rule["categories"]:
            reasons.append(
                _("Only SMEs of the categories %(categories)s may apply.")
                % {"categories": ", ".join(_label(SME_LABELS, c).lower() for c in rule["categories"])}
            )
    return reasons


def planned_schedule(rules: list[dict], amount: Decimal) -> list[tuple[str, Decimal]]:
    """Advance, then the rest over the years in equal parts (the last one takes the kopecks left):
    the sum is the grant. The actual yearly payments follow the confirmed costs (see payments)."""
    schedule = rules_of(rules, "payment_schedule")
    if not schedule or amount <= 0:
        return []
    advance = round_kopecks(amount * Decimal(schedule[0]["advance_share"]))
    years = int(schedule[0]["years"])
    rest = amount - advance
    share = round_kopecks(rest / years)
    annual = [share] * (years - 1) + [rest - share * (years - 1)]
    return [("advance", advance)] + [("annual", part) for part in annual]


def compute_quote(
    rules: list[dict],
    items: list[Item],
    *,
    applicant: Applicant | None = None,
    already_used: Decimal | None = None,
    in_register: Callable[[str, dt.date], bool] | None = None,
) -> Quote:
    """What the measure pays for these items now. `already_used` is what the organisation (or
    person) received under the measure's annual cap this calendar year; None when unknown (the
    anonymous calculator), in which case the whole limit counts as remaining."""
    applicant = applicant or Applicant()
    results = [_item(rules, item, in_register) for item in items]
    total = sum((r.compensable for r in results), ZERO)
    amount, caps = total, []
    for rule in rules_of(rules, "application_cap"):
        limit = Decimal(rule["limit"])
        caps.append(CapResult("per_application", limit, limit, amount > limit))
        amount = min(amount, limit)
    for rule in rules_of(rules, "annual_cap"):
        limit = Decimal(rule["limit"])
        remaining = max(ZERO, limit - (already_used or ZERO))
        name = "per_organization_per_year" if rule["per"] == "organization" else "per_person_per_year"
        caps.append(CapResult(name, limit, remaining, amount > remaining, counted=already_used is not None))
        amount = min(amount, remaining)
    reasons = _applicant_reasons(rules, applicant)
    if not items:
        reasons.append(_("Add at least one cost item."))
    elif total == 0:
        reasons.append(_("No item is eligible."))
    elif amount == 0:
        reasons.append(_("Nothing remains of the annual limit this year."))
    eligible = not reasons
    if not eligible:
        amount = ZERO
    return Quote(
        eligible=eligible,
        amount=amount,
        items=results,
        caps=caps,
        reasons=reasons,
        schedule=planned_schedule(rules, amount),
        uncapped=total,
    )


def validate_rules(rules) -> list[str]:
    """Problems of a measure version's stored rules (the back office refuses to save them)."""
    problems = []
    if not isinstance(rules, list) or not rules:
        return [_("The rules are a non-empty list.")]
    for index, rule in enumerate(rules):
        kind = rule.get("kind") if isinstance(rule, dict) else None
        if kind not in RULE_KINDS:
            problems.append(_("Rule %(n)d: unknown kind %(kind)s.") % {"n": index + 1, "kind": kind})
            continue
        missing = RULE_KINDS[kind] - set(rule)
        if missing:
            problems.append(
                _("Rule %(n)d (%(kind)s): missing %(fields)s.")
                % {"n": index + 1, "kind": kind, "fields": ", ".join(sorted(missing))}
            )
            continue
        try:
            for key in ("limit", "advance_share"):
                if key in rule and Decimal(rule[key]) < 0:
                    raise ValueError
            for key in ("rates", "caps"):
                if key in rule and any(Decimal(v) < 0 for v in rule[key].values()):
                    raise ValueError
            if "rates" in rule and any(Decimal(v) > 1 for v in rule["rates"].values()):
                raise ValueError
            if kind == "date_floor":
                dt.date.fromisoformat(rule["date"])
            if kind == "annual_cap" and rule["per"] not in ("organization", "person"):
                raise ValueError
        except (ArithmeticError, ValueError, TypeError, AttributeError):
            problems.append(
                _("Rule %(n)d (%(kind)s): a number, rate or date is not valid.")
                % {"n": index + 1, "kind": kind}
            )
    return problems
