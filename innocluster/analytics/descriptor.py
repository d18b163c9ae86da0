"""A dataset's Frictionless Data Package descriptor (`datapackage.json`) and passport: what the
Moscow open-data portal calls a dataset's passport (title, description, owner, update frequency,
updated at, licence) in the form CKAN and Frictionless tools read."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from innocluster.analytics import datasets

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def owner() -> str:
    return settings.OPENDATA_OWNER or _("The innovation cluster's operator")


def passport(dataset: datasets.Dataset) -> dict:
    updated = datasets.updated_at()
    return {
        "code": dataset.code,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "owner": owner(),
        "frequency": str(dataset.frequency),
        "updated_at": updated,
        "licence": LICENCE,
        "fields": dataset.fields,
        "filters": dataset.filters,
    }


def file_name(dataset: datasets.Dataset, filters: datasets.Filters) -> str:
    parts = [dataset.code, *(f"{k}-{v}" for k, v in filters.query(dataset.filters).items())]
    return "_".join(parts)


def datapackage(dataset: datasets.Dataset, *, base_url: str) -> dict:
    """A tabular data package of one resource: the dataset's CSV from the API, with its schema."""
    base = base_url.rstrip("/")
    path = reverse("api:read_dataset", kwargs={"code": dataset.code})
    updated = datasets.updated_at()
    package = {
        "profile": "tabular-data-package",
        "name": dataset.code,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "homepage": base + reverse("analytics:dataset", kwargs={"code": dataset.code}),
        "licenses": [LICENCE],
        "contributors": [{"title": owner(), "role": "publisher"}],
        # the passport's update frequency: not a property Frictionless names, so it is its own
        "frequency": str(dataset.frequency),
        "resources": [
            {
                "name": dataset.code,
                "path": f"{base}{path}?format=csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": datasets.table_schema(dataset),
            }
        ],
    }
    if updated is not None:
        package["updated"] = updated.isoformat()
    return package
