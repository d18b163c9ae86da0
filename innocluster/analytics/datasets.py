"""A dataset is one small declaration — code, passport, fields with types and labels, the filters
it honours, a query, and how its chart is drawn — from which its JSON, CSV, XLSX, Table Schema and
chart all come (SPEC C10). Adding a dataset is adding one declaration to `catalogue.py`.

Results are kept per process under the platform's generation (the newest audit event: every state
change writes one) and the filters, for at most `TTL` seconds: a figure is never older than the
last change someone made, give or take a transaction that commits after a later one."""

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import get_language

from innocluster.core.exports import Column

# Table Schema field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats)
STRING, INTEGER, NUMBER, DATE, BOOLEAN = "string", "integer", "number", "date", "boolean"
MONEY = "money"  # a number of rubles with two decimal places: `number` in the schema
TTL = 60
FIRST_CHART_YEAR = 2020  # the year filter offers the years from this one to the current one
MIN_KPI_ORGANIZATIONS = 3  # SPEC C10: KPI values only summed over at least 3 organisations


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: object  # a lazy translated text
    description: object = ""
    # a code field's choices (a TextChoices class): the page shows each code's label, downloads
    # keep the code
    choices: object = None

    @property
    def schema_type(self) -> str:
        return NUMBER if self.type == MONEY else self.type

    def column(self) -> Column:
        """A download's column: headed by the field's name, as its Table Schema says (the titles,
        in the reader's language, are in the schema and on the page)."""
        kind = {INTEGER: "number", NUMBER: "number", MONEY: "money", DATE: "date", BOOLEAN: "bool"}
        return Column(self.name, kind.get(self.type, "text"))


@dataclass(frozen=True)
class Filters:
    """What the dashboard's filters chose; a dataset applies those it declares (`filters`)."""

    year: int | None = None
    region: str = ""
    measure: str = ""

    def key(self) -> tuple:
        return (self.year, self.region, self.measure)

    def query(self, honoured: Sequence[str] = ("year", "region", "measure")) -> dict:
        pairs = {"year": self.year, "region": self.region, "measure": self.measure}
        return {k: v for k, v in pairs.items() if v and k in honoured}


@dataclass(frozen=True)
class Chart:
    """How the dashboard draws a dataset: `bar` (categories along `x`, one series per name in
    `y`), `hbar` (a ranked bar chart), `line` (over time). `series_by` splits rows into series by a
    field (a measure's grants per year)."""

    kind: str
    x: str
    y: tuple[str, ...]
    series_by: str = ""
    limit: int = 0  # a ranked chart shows the first `limit` rows; the table has them all


@dataclass(frozen=True)
class Dataset:
    code: str
    title: object
    description: object
    fields: tuple[Field, ...]
    query: Callable  # (Filters) -> list[dict] with the fields' names as keys
    filters: tuple[str, ...] = ()
    chart: Chart | None = None
    public: bool = True  # staff-only datasets are not in the open-data catalogue
    frequency: object = ""
    primary_key: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def rows(self, filters: Filters | None = None) -> list[dict]:
        filters = filters or Filters()
        applied = Filters(
            **{k: getattr(filters, k) for k in ("year", "region", "measure") if k in self.filters}
        )
        return _cached(self, applied)

    def table(self, rows: list[dict]) -> tuple[list[Column], list[list]]:
        columns = [f.column() for f in self.fields]
        return columns, [[row.get(f.name) for f in self.fields] for row in rows]


_DATASETS: dict[str, Dataset] = {}


def declare(dataset: Dataset) -> Dataset:
    _DATASETS[dataset.code] = dataset
    return dataset


def get(code: str) -> Dataset | None:
    return _DATASETS.get(code)


def public() -> list[Dataset]:
    return [d for d in _DATASETS.values() if d.public]


def staff_only() -> list[Dataset]:
    return [d for d in _DATASETS.values() if not d.public]


# ---- the cache ---------------------------------------------------------------------------------


class _Kept:
    def __init__(self, size: int = 512):
        self.items: OrderedDict = OrderedDict()
        self.size = size
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.items.get(key)
            if item is None or item[0] < time.monotonic():
                return None
            self.items.move_to_end(key)
            return item[1]

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = (time.monotonic() + TTL, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


KEPT = _Kept()


def generation() -> tuple:
    """The newest audit event's id and time: every state change writes one. One query."""
    from innocluster.core.models import AuditEvent

    newest = AuditEvent.objects.order_by("-pk").values_list("pk", "at").first()
    return (settings.DATABASES["default"]["NAME"], *(newest or (0, None)))


def updated_at() -> dt.datetime | None:
    return generation()[2]


def _cached(dataset: Dataset, filters: Filters) -> list[dict]:
    # labels (a region's, a measure's name) are in the reader's language
    key = (generation()[:2], dataset.code, filters.key(), get_language())
    rows = KEPT.get(key)
    if rows is None:
        rows = dataset.query(filters)
        KEPT.put(key, rows)
    return rows


# ---- the Frictionless descriptor ---------------------------------------------------------------


def table_schema(dataset: Dataset) -> dict:
    schema = {
        "fields": [
            {
                "name": f.name,
                "type": f.schema_type,
                "title": str(f.title),
                **({"description": str(f.description)} if f.description else {}),
            }
            for f in dataset.fields
        ]
    }
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    return schema


def json_row(dataset: Dataset, row: dict) -> dict:
    """A row as the API's JSON gives it: money a decimal string with two places (as everywhere in
    the API), other numbers numbers, dates ISO strings."""
    out = {}
    for f in dataset.fields:
        value = row.get(f.name)
        if value is None:
            out[f.name] = None
        elif f.type == MONEY:
            out[f.name] = f"{Decimal(value):.2f}"
        elif isinstance(value, Decimal):
            out[f.name] = int(value) if value == value.to_integral() else float(value)
        elif isinstance(value, dt.date):
            out[f.name] = value.isoformat()
        else:
            out[f.name] = value
    return out
