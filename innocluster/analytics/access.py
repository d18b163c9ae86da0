"""Who reads which dataset, and the filters read from a request, once for the API and the pages."""

from django.utils.translation import gettext as _

from innocluster.analytics import datasets
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.organizations.rules import is_active_staff

FIRST_YEAR, LAST_YEAR = 2000, 2100


def dataset_for(user, code) -> datasets.Dataset:
    """The dataset if `user` may read it: public ones are everyone's, the others staff's; anything
    else is a 404 whether it exists or not."""
    dataset = datasets.get(str(code or "").strip().lower())
    if dataset is None or not (dataset.public or is_active_staff(user)):
        raise NotFound(_("There is no such dataset."))
    return dataset


def filters_from(params, *, regions=None, measures=None) -> datasets.Filters:
    """`year`, `region`, `measure` from a query string; a bad one is a 422 naming it. `regions` and
    `measures` are the codes that exist (checked when given)."""
    year = str(params.get("year", "") or "").strip()
    if year and not (year.isascii() and year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
        raise InvalidInput(
            _("A year is between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )
    region = str(params.get("region", "") or "").strip()
    if region and (regions is not None and region not in regions):
        raise InvalidInput(_("There is no region with this code."), field="region")
    measure = str(params.get("measure", "") or "").strip()
    if measure and (measures is not None and measure not in measures):
        raise InvalidInput(_("There is no support measure with this code."), field="measure")
    return datasets.Filters(year=int(year) if year else None, region=region, measure=measure)
