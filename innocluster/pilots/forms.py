"""The forms of the pilots' pages. They only shape what was typed; the services check the rules
(dates, criteria, who acts) and their refusals come back on the fields."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from innocluster.core.formats import format_measure
from innocluster.core.forms import LinkableRadioSelect, PlatformForm
from innocluster.pilots.enums import Better, Conclusion, SiteCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotRequestForm(PlatformForm):
    organization = forms.TypedChoiceField(label=_("Company"), coerce=int)
    product = forms.CharField(label=_("Product"), max_length=300)
    goals = forms.CharField(
        label=_("Goals of the pilot"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the site's users should get from the product, and what you want to learn."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.short_name) for o in organizations]


class CriterionForm(PlatformForm):
    """One success criterion; a row left empty is no criterion."""

    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    better = forms.ChoiceField(label=_("Better is"), choices=Better.choices, initial=Better.HIGHER)
    target = forms.CharField(label=_("Target"), max_length=30, required=False)

    def has_changed(self) -> bool:
        return bool(self["name"].value() or self["target"].value() or self["unit"].value())


CriterionFormSet = formset_factory(CriterionForm, extra=3, max_num=20, absolute_max=20)


class DecisionForm(PlatformForm):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept the pilot")), ("decline", _("Decline"))],
        widget=LinkableRadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline: the company reads the reasons."),
    )


class FeedbackEntryForm(PlatformForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=LinkableRadioSelect,
        help_text=_("1 is the worst, 5 the best."),
    )
    comment = forms.CharField(
        label=_("What the user said"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProtocolForm(PlatformForm):
    conclusion = forms.ChoiceField(
        label=_("Conclusion"), choices=Conclusion.choices, widget=LinkableRadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            target = format_measure(criterion.target)  # 95,5 on a Russian page
            unit = f" {criterion.unit}" if criterion.unit else ""
            self.fields[f"value_{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                max_length=30,
                help_text=_("Target: %(target)s%(unit)s, %(better)s.")
                % {"target": target, "unit": unit, "better": criterion.get_better_display().lower()},
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        # the values first, as the protocol reads
        self.order_fields([f"value_{c.pk}" for c in self.criteria] + ["conclusion", "comment"])

    def results(self) -> list[dict]:
        return [
            {"criterion": c.name, "value": self.cleaned_data[f"value_{c.pk}"].strip().replace(",", ".")}
            for c in self.criteria
        ]


class TestSiteForm(PlatformForm):
    """A coordinator's new test site; the organisation is named by its INN or its number on the
    platform, and its owners and managers become the site's representatives."""

    __test__ = False  # not a pytest class, whatever its name

    organization = forms.CharField(
        label=_("Organisation running the site"),
        max_length=12,
        help_text=_("Its INN, or its number on the platform. Its owners and managers answer the requests."),
    )
    name = forms.CharField(label=_("Name of the site"), max_length=300)
    category = forms.ChoiceField(label=_("Category"), choices=SiteCategory.choices)

    def clean_organization(self):
        """The organisation itself (checked with the other fields, so all are said at once)."""
        from innocluster.organizations.selectors import organization_by_inn_or_number

        organization = organization_by_inn_or_number(self.cleaned_data["organization"])
        if organization is None:
            raise forms.ValidationError(_("No organisation on the platform has this INN or number."))
        return organization

    address = forms.CharField(label=_("Address"), max_length=500)
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    testable = forms.CharField(
        label=_("What can be tested there"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    capacity = forms.IntegerField(
        label=_("Pilots at once"),
        min_value=1,
        max_value=1000,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254)
