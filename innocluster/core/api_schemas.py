"""What every API route shares: the error answer's schema, the helper that declares a route's
answers with its errors, and field types with the constraints the platform enforces, so that the
OpenAPI document tells a generated client exactly what is accepted."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from innocluster.core.errors import all_error_codes


class ErrorOut(Schema):
    """Every refusal: a stable `code` (listed in the API's description), a message in the caller's
    language, and details (`field` or `fields` naming what is wrong, `unmet`, `reasons`)."""

    code: str = Field(description="A stable code; every code is listed in the API's description.")
    message: str
    details: dict[str, Any]


# Answers any route may give: bad input, a body too large, the database briefly away.
ALWAYS = (413, 422, 503)


def answers(success: dict, *statuses: int) -> dict:
    """A route's `response=`: its successful answers plus ErrorOut for each error status it can
    give (and those every route can give)."""
    result = dict(success)
    for status in sorted({*statuses, *ALWAYS}):
        result[status] = ErrorOut
    return result


def error_codes_description() -> str:
    return "\n".join(f"- `{code}`: {meaning}" for code, meaning in all_error_codes().items())


# Field types with the constraints the services enforce.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Inn = Annotated[str, Field(pattern=r"^[0-9]{10}([0-9]{2})?$", description="10 digits, or 12 for a person")]
RegionCode = Annotated[str, Field(pattern=r"^[0-9]{2}$", description="two digits, e.g. `77`")]
