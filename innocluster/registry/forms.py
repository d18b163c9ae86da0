from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import PlatformForm
from innocluster.registry.enums import RegistryCategory


class RegistryForm(PlatformForm):
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *RegistryCategory.choices])
    technology = forms.CharField(
        label=_("The technology or product"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    novelty = forms.CharField(
        label=_("What is new in it"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    revenue_last_year = forms.CharField(label=_("Revenue last year, ₽"), max_length=20, required=False)
    rnd_spending_last_year = forms.CharField(
        label=_("R&D spending last year, ₽"), max_length=20, required=False
    )
    ip_objects = forms.CharField(label=_("Patents and other IP objects"), max_length=8, required=False)


class ExcludeForm(PlatformForm):
    reason = forms.CharField(
        label=_("Reason for exclusion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    on = forms.DateField(label=_("Excluded from"), widget=forms.DateInput(attrs={"type": "date"}))


def initial_from(application) -> dict:
    if application is None:
        return {}
    return {
        name: getattr(application, name) if getattr(application, name) is not None else ""
        for name in RegistryForm.base_fields
    }
