from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.core.forms import PlatformForm
from innocluster.organizations.enums import OrganizationKind, OrganizationRole, SmeCategory
from innocluster.organizations.models import OkvedClass, Region


def _region_choices():
    return [("", "—")] + [(r.code, f"{r.code} {r.name}") for r in Region.objects.all()]


def _okved_choices():
    return [("", "—")] + [(o.code, f"{o.code} {o.name}"[:120]) for o in OkvedClass.objects.all()]


class ProfileForm(PlatformForm):
    """What the service validates is checked there (identifiers, codes, lengths); this form only
    renders the fields and keeps what was typed."""

    full_name = forms.CharField(label=pgettext_lazy("organisation", "Full name"), max_length=500)
    short_name = forms.CharField(label=pgettext_lazy("organisation", "Short name"), max_length=200)
    region_code = forms.ChoiceField(label=_("Region"), choices=())
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    okved_main = forms.ChoiceField(label=_("Main OKVED class"), choices=())
    okved_additional = forms.MultipleChoiceField(
        label=_("Additional OKVED classes"),
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    # no category is chosen for the user: it decides which measures the organisation may ask for
    sme_category = forms.ChoiceField(label=_("SME category"), choices=[("", "—"), *SmeCategory.choices])
    year_founded = forms.CharField(label=_("Year founded"), max_length=4, required=False)
    staff_count = forms.CharField(label=_("Staff count"), max_length=8, required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    email = forms.CharField(label=_("Contact e-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    description_ru = forms.CharField(
        label=_("Description (Russian)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    capabilities = forms.CharField(
        label=_("Capabilities"),
        help_text=_("Technologies, processes, equipment; separated by commas."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=6000,
    )
    products = forms.CharField(
        label=_("Products"),
        help_text=_("Separated by commas."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=6000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = _region_choices()
        self.fields["okved_main"].choices = _okved_choices()
        self.fields["okved_additional"].choices = _okved_choices()[1:]


class RegisterOrganizationForm(ProfileForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices, widget=forms.RadioSelect)
    inn = forms.CharField(
        label=_("INN"), max_length=12, help_text=_("10 digits for a legal entity, 12 for a sole proprietor.")
    )
    ogrn = forms.CharField(
        label=_("OGRN / OGRNIP"), max_length=15, help_text=_("OGRN: 13 digits; OGRNIP: 15 digits.")
    )
    kpp = forms.CharField(
        label=_("KPP"), max_length=9, required=False, help_text=_("Legal entities only: 9 characters.")
    )

    field_order = ["kind", "inn", "ogrn", "kpp"]


class InviteForm(PlatformForm):
    email = forms.CharField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=OrganizationRole.choices, initial=OrganizationRole.MANAGER
    )


def profile_initial(organization) -> dict:
    return {
        "full_name": organization.full_name,
        "short_name": organization.short_name,
        "region_code": organization.region_id,
        "address": organization.address,
        "okved_main": organization.okved_main_id,
        "okved_additional": [o.code for o in organization.okved_additional.all()],
        "sme_category": organization.sme_category,
        "year_founded": organization.year_founded or "",
        "staff_count": "" if organization.staff_count is None else organization.staff_count,
        "website": organization.website,
        "email": organization.email,
        "phone": organization.phone,
        "description_ru": organization.description_ru,
        "description_en": organization.description_en,
        "capabilities": ", ".join(organization.capabilities),
        "products": ", ".join(organization.products),
    }
