"""Open data through the API (SPEC C10): the list of datasets, each as JSON, CSV or XLSX with the
dashboard's filters, and its Frictionless descriptor."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field as PydanticField

from innocluster.analytics import datasets, descriptor, selectors
from innocluster.analytics.access import dataset_for, filters_from
from innocluster.core.api_auth import anyone
from innocluster.core.api_schemas import Schema, answers
from innocluster.core.errors import InvalidInput
from innocluster.core.exports import download

datasets_router = Router(tags=["open data"])
FORMATS = ("json", "csv", "xlsx")


class DatasetBrief(Schema):
    code: str
    title: str
    description: str
    owner: str
    frequency: str
    updated_at: str | None
    licence: str
    formats: list[str]


class TableOut(Schema):
    fields: list[dict]
    rows: list[dict]


class TableQuery(Schema):
    format: str = PydanticField("json", max_length=10, description="json, csv or xlsx (any case)")
    year: str = PydanticField("", max_length=4, description="only this year, where the dataset has dates")
    region: str = PydanticField("", max_length=2, description="a region's two-digit code")
    measure: str = PydanticField("", max_length=60, description="a support measure's code")
    bom: bool = PydanticField(False, description="CSV: start with a byte-order mark (for Excel)")


@datasets_router.get("", response=answers({200: list[DatasetBrief]}, 401), auth=anyone)
def list_datasets(request):
    updated = datasets.updated_at()
    shown = datasets.public() + (datasets.staff_only() if selectors.sees_staff_data(request.auth) else [])
    return [
        {
            "code": d.code,
            "title": str(d.title),
            "description": str(d.description),
            "owner": descriptor.owner(),
            "frequency": str(d.frequency),
            "updated_at": updated.isoformat() if updated else None,
            "licence": descriptor.LICENCE["name"],
            "formats": ["csv", "xlsx", "json"],
        }
        for d in shown
    ]


@datasets_router.get("/{code}/datapackage.json", response=answers({200: dict}, 401, 404), auth=anyone)
def datapackage(request, code: str):
    dataset = dataset_for(request.auth, code)
    return descriptor.datapackage(dataset, base_url=request.build_absolute_uri("/"))


@datasets_router.get("/{code}", response=answers({200: TableOut}, 401, 404), auth=anyone)
def read_dataset(request, code: str, query: Query[TableQuery]):
    """The table; with `format=csv` or `xlsx` a file with the same rows."""
    dataset = dataset_for(request.auth, code)
    fmt = query.format.strip().lower()
    if fmt not in FORMATS:
        raise InvalidInput(_("The format is one of: json, csv, xlsx."), field="format")
    filters = filters_from(query.dict(), **selectors.known_codes())
    rows = dataset.rows(filters)
    if fmt == "json":
        return {
            "fields": datasets.table_schema(dataset)["fields"],
            "rows": [datasets.json_row(dataset, row) for row in rows],
        }
    columns, table = dataset.table(rows)
    response: HttpResponse = download(
        fmt,
        filename=descriptor.file_name(dataset, filters),
        columns=columns,
        rows=table,
        bom=query.bom,
    )
    return response
