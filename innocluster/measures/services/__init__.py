"""Writes for support measures: applications with their cost items and documents, the grant on
approval under the annual-cap ledger's row lock, the agreement, payments and yearly cost reports.
Every amount comes from `quote.compute_quote`. Callers use this package's names; the modules
behind it are split by what they change."""

from innocluster.measures.services.applications import (
    KIND,
    apply,
    linked_elsewhere,
    save_application,
    stored_items,
    submit_application,
)
from innocluster.measures.services.budgets import record_budget, set_budget
from innocluster.measures.services.documents import add_document, remove_document
from innocluster.measures.services.form_drafts import discard_form_draft, form_draft_of, save_form_draft
from innocluster.measures.services.grants import grant, on_measure_transition, sign_agreement
from innocluster.measures.services.payments import (
    compensable_costs,
    decide_cost_report,
    record_payment,
    submit_cost_report,
    year_payment,
)
from innocluster.measures.services.quotes import applicant_facts, in_register, quote_for

__all__ = [
    "KIND",
    "add_document",
    "applicant_facts",
    "apply",
    "compensable_costs",
    "decide_cost_report",
    "discard_form_draft",
    "form_draft_of",
    "grant",
    "in_register",
    "linked_elsewhere",
    "on_measure_transition",
    "quote_for",
    "record_budget",
    "record_payment",
    "remove_document",
    "save_application",
    "save_form_draft",
    "set_budget",
    "sign_agreement",
    "stored_items",
    "submit_application",
    "submit_cost_report",
    "year_payment",
]
