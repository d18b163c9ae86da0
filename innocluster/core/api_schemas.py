"""What every API route shares: the error answer's schema, the helper that declares a route's
answers with its errors, and field types with the constraints the platform enforces, so that the
OpenAPI document tells a generated client exactly what is accepted."""

import types
import typing
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema as NinjaSchema
from ninja.schema import DjangoGetter
from pydantic import Field, model_validator

from innocluster.core.errors import all_error_codes


def _members(annotation) -> list:
    """The types a field admits: a union's members, an Annotated type's own type."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [member for arg in typing.get_args(annotation) for member in _members(arg)]
    return [annotation]


def _admits_bool(annotation) -> bool:
    return bool in _members(annotation)


def _takes_a_number(annotation) -> bool:
    """Whether pydantic's lax mode would read a JSON true as 1 here: a number field, or one of any
    type (the service parses it)."""
    return any(
        member is Any or (isinstance(member, type) and issubclass(member, (int, float, Decimal)))
        for member in _members(annotation)
    )


def _without_bools(value, annotation):
    """`value` with every JSON true/false that stands where `annotation` takes a number but no
    boolean written as the text "true"/"false": pydantic's lax mode reads true as the number 1
    (an amount of 1.00, a rating of 1, organisation 1), and as text it is refused, naming its
    field. Elsewhere (a text, a choice, a date) pydantic refuses the boolean itself."""
    if isinstance(value, bool):
        return str(value).lower() if _takes_a_number(annotation) and not _admits_bool(annotation) else value
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):  # `list[int] | None`: the member of the value's kind
        for arg in args:
            if typing.get_origin(arg) is type(value):
                return _without_bools(value, arg)
        return value
    if isinstance(value, list) and origin is list:
        return [_without_bools(item, args[0] if args else Any) for item in value]
    if isinstance(value, dict) and origin is dict:
        return {key: _without_bools(item, args[1] if args else Any) for key, item in value.items()}
    return value


class Schema(NinjaSchema):
    """Every schema of the API: a JSON boolean is a boolean only where the field is one."""

    @model_validator(mode="before")
    @classmethod
    def _booleans_only_for_booleans(cls, data):
        # ninja's own validator has wrapped a body's dict by the time this one runs
        source = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(source, dict):
            return data
        cleaned = dict(source)
        for name, field in cls.model_fields.items():
            key = field.alias or name
            if key in cleaned:
                cleaned[key] = _without_bools(cleaned[key], field.annotation)
        if isinstance(data, DjangoGetter):
            data._obj = cleaned
            return data
        return cleaned


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
