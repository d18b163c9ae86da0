"""The API's error codes are a documented, stable set: a new code is a deliberate change here."""

import ast
from pathlib import Path

import pytest

from innocluster.core.errors import CoreErrorCode, InvalidInput, all_error_codes

PINNED = {
    "already_excluded", "already_invited", "already_submitted", "deadline_passed", "declaration_required",
    "already_member", "already_participant", "already_quoted",
    "already_registered", "already_requested", "bad_credentials", "bad_link", "cap_exhausted", "conflict",
    "coordinator_stays", "csrf_failed", "email_unconfirmed", "error", "file_empty",
    "file_infected", "file_size", "file_type", "forbidden", "inn_taken", "invalid", "invitation_expired",
    "invitation_used", "last_administrator", "last_owner", "locked", "measure_closed",
    "method_not_allowed", "no_reports", "no_rules", "not_active",
    "not_authenticated", "not_eligible", "not_found", "not_in_payment", "not_participant", "ogrn_taken",
    "order_closed", "payload_too_large", "payment_not_scheduled", "period_not_begun",
    "pilot_required", "rate_limited", "report_decided",
    "report_pending", "reports_complete", "request_answered", "rules_unmet", "search_timeout", "second_factor_invalid",
    "second_factor_on", "second_factor_required", "service_unavailable", "site_full", "site_unattended",
    "transition_not_allowed", "under_review",
}  # fmt: skip


def test_the_set_of_codes_is_pinned_and_each_says_what_it_means():
    codes = all_error_codes()
    assert set(codes) == PINNED
    assert all(description.endswith(".") for description in codes.values())


def test_a_free_string_code_is_refused():
    with pytest.raises(TypeError):
        InvalidInput("x", code="made_up")
    assert InvalidInput("x", code=CoreErrorCode.FILE_TYPE).code == "file_type"


def _error_classes() -> set[str]:
    from innocluster.core.errors import PlatformError

    found, todo = set(), [PlatformError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    return found


def _called(node: ast.Call) -> str:
    return getattr(node.func, "id", None) or getattr(node.func, "attr", "")


def test_no_module_raises_with_a_literal_code():
    """An error is raised with a code of its app's enum, never a free string (a dataset's `code`
    is its name in the open-data catalogue, not an error code)."""
    errors = _error_classes()
    root = Path(__file__).resolve().parents[2] / "innocluster"
    literal = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and _called(node) in errors
        for keyword in node.keywords
        if keyword.arg == "code"
        and isinstance(keyword.value, ast.Constant)
        and isinstance(keyword.value.value, str)
    ]
    assert literal == []
