"""A row lock (`select_for_update`) outside a transaction is a 500 on a real server, while every
test, running inside its own transaction, passes: accepting an invitation to an organisation failed
so for a session after a function was inserted between `@transaction.atomic` and the service it
decorated. Each function that locks rows holds its own transaction, or is a helper called only from
inside one (listed here with its callers)."""

import ast
import pathlib

import innocluster

# helpers that lock inside their callers' transaction: name → why that is always so
LOCKED_BY_CALLERS = {
    ("pilots/services.py", "_locked"): "called inside `with transaction.atomic()` of each service",
    ("contests/services.py", "_locked"): "called inside `with transaction.atomic()` of each service",
    ("consortia/services.py", "_answer"): "accept_invitation and decline_invitation are atomic",
    ("measures/services/grants.py", "_ledger_for_update"): "grant() runs in the review transition's",
    ("measures/services/payments.py", "cancel_scheduled_payments"): "the review transition's",
}


def _atomic(node: ast.FunctionDef, source: str) -> bool:
    decorators = [ast.unparse(d) for d in node.decorator_list]
    body = ast.get_source_segment(source, node) or ""
    return any("atomic" in d for d in decorators) or "transaction.atomic(" in body


def test_every_row_lock_is_inside_a_transaction():
    root = pathlib.Path(innocluster.__file__).parent
    unguarded = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "select_for_update" not in source:
            continue
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef):
                continue
            body = ast.get_source_segment(source, node) or ""
            if "select_for_update" not in body or _atomic(node, source):
                continue
            if (relative, node.name) not in LOCKED_BY_CALLERS:
                unguarded.append(f"{relative}:{node.lineno} {node.name}")
    assert not unguarded, unguarded
