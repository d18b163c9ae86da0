import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from innocluster.core import audit
from innocluster.core.admin import ReadOnlyAdmin
from innocluster.measures import services
from innocluster.measures.enums import ATTRIBUTE_LABELS, CATEGORY_LABELS, VALUE_LABELS
from innocluster.measures.models import (
    AnnualLedger,
    Measure,
    MeasureApplication,
    MeasureBudget,
    MeasureVersion,
)
from innocluster.measures.quote import validate_rules
from innocluster.organizations.enums import SmeCategory

PERCENT = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 100}
AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": 0}
ATTRIBUTES = [("origin", ATTRIBUTE_LABELS["origin"]), ("jurisdiction", ATTRIBUTE_LABELS["jurisdiction"])]
# the values each attribute takes: a rate or cap given for another attribute's value could never apply
VALUES_OF = {"origin": ("domestic", "imported"), "jurisdiction": ("ru", "foreign")}
CAP_HOLDERS = [("organization", _("organisation")), ("person", _("investor (a person)"))]
APPLICANTS = [
    ("", _("anyone")),
    ("participant", _("an organisation that is a participant of the cluster")),
    ("person", _("a person (a private investor)")),
]


def _rate(percent: Decimal) -> str:
    """50 (%) → "0.50"; 12.5 → "0.125": the share the rules store."""
    share = percent / 100
    return f"{share:.2f}" if share == share.quantize(Decimal("0.01")) else f"{share.normalize():f}"


def _percent(share) -> Decimal:
    """ "0.50" → 50; "0.125" → 12.5."""
    percent = (Decimal(share) * 100).quantize(Decimal("0.01"))
    return percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent.normalize()


class MeasureVersionForm(forms.ModelForm):
    """The numbers of a version as typed fields (rates in %, amounts in ₽, dates), written to and
    read from the version's rules (quote.RULE_KINDS) so that nobody edits JSON by hand."""

    applicant = forms.ChoiceField(label=_("Who may apply"), choices=APPLICANTS, required=False)
    sme_categories = forms.MultipleChoiceField(
        label=_("Only these enterprise sizes"),
        choices=SmeCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any size."),
    )
    investee_in_register = forms.BooleanField(
        label=_("The investee is in the register of startups on the date of the investment"), required=False
    )
    attribute_rate_categories = forms.MultipleChoiceField(
        label=_("Categories whose rate depends on an attribute"),
        choices=list(CATEGORY_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attribute_rate_attribute = forms.ChoiceField(
        label=_("The attribute the rate depends on"), choices=[("", "—"), *ATTRIBUTES], required=False
    )
    cap_attribute = forms.ChoiceField(
        label=_("The attribute the cap per item depends on"), choices=[("", "—"), *ATTRIBUTES], required=False
    )
    date_floor = forms.DateField(
        label=_("Costs dated from"), required=False, help_text=_("Earlier costs are not compensated.")
    )
    application_cap = forms.DecimalField(label=_("At most per application, ₽"), required=False, **AMOUNT)
    annual_cap_per = forms.ChoiceField(
        label=_("Yearly cap counted per"), choices=[("", "—"), *CAP_HOLDERS], required=False
    )
    annual_cap = forms.DecimalField(label=_("At most per calendar year, ₽"), required=False, **AMOUNT)
    advance_percent = forms.DecimalField(label=_("Advance, %"), required=False, **PERCENT)
    payment_years = forms.IntegerField(label=_("Paid over, years"), required=False, min_value=1, max_value=10)

    class Meta:
        model = MeasureVersion
        fields = ["measure", "effective_from", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and isinstance(self.instance.rules, list):
            for name, value in initial_from_rules(self.instance.rules).items():
                self.initial.setdefault(name, value)

    def _values(self, prefix: str, codes) -> dict[str, Decimal]:
        data = self.cleaned_data
        return {
            code: data[f"{prefix}__{code}"] for code in codes if data.get(f"{prefix}__{code}") is not None
        }

    def clean_effective_from(self):
        value = self.cleaned_data["effective_from"]
        if value < timezone.localdate():
            # Applications already submitted keep the version they were submitted under; a version
            # dated in the past would still change what a draft or a calculator shows for past dates.
            raise forms.ValidationError(_("A new version takes effect today or later."))
        return value

    def _only_values_of(self, attribute, given: dict, prefix: str) -> None:
        for code in given:
            if attribute in VALUES_OF and code not in VALUES_OF[attribute]:
                self.add_error(
                    f"{prefix}__{code}",
                    _("This is not a value of «%(attribute)s»: leave it empty.")
                    % {"attribute": ATTRIBUTE_LABELS[attribute]},
                )

    def clean(self):
        data = super().clean()
        rules: list[dict] = []
        if data.get("applicant") == "participant":
            rules.append({"kind": "applicant_participant"})
        elif data.get("applicant") == "person":
            rules.append({"kind": "applicant_person"})
        if data.get("sme_categories"):
            chosen = set(data["sme_categories"])
            rules.append(
                {"kind": "eligible_sme", "categories": [c for c in SmeCategory.values if c in chosen]}
            )
        rates = self._values("rate", CATEGORY_LABELS)
        if rates:
            rules.append(
                {"kind": "item_rate", "rates": {code: _rate(value) for code, value in rates.items()}}
            )
        by_attribute = self._values("attribute_rate", VALUE_LABELS)
        categories = [c for c in CATEGORY_LABELS if c in set(data.get("attribute_rate_categories") or [])]
        if categories or by_attribute or data.get("attribute_rate_attribute"):
            if not categories:
                self.add_error("attribute_rate_categories", _("Tick the categories this rate applies to."))
            if not data.get("attribute_rate_attribute"):
                self.add_error("attribute_rate_attribute", _("Choose the attribute the rate depends on."))
            if not by_attribute:
                self.add_error("attribute_rate__domestic", _("Give the rate for at least one value."))
            self._only_values_of(data.get("attribute_rate_attribute"), by_attribute, "attribute_rate")
            for code in set(categories) & set(rates):
                self.add_error(
                    f"rate__{code}",
                    _("This category's rate depends on an attribute below: leave this field empty."),
                )
            rules.append(
                {
                    "kind": "item_rate_by_attribute",
                    "categories": categories,
                    "attribute": data.get("attribute_rate_attribute"),
                    "rates": {code: _rate(value) for code, value in by_attribute.items()},
                }
            )
        caps = self._values("cap", VALUE_LABELS)
        if caps or data.get("cap_attribute"):
            if not data.get("cap_attribute"):
                self.add_error("cap_attribute", _("Choose the attribute the cap depends on."))
            if not caps:
                self.add_error("cap__ru", _("Give the cap for at least one value."))
            self._only_values_of(data.get("cap_attribute"), caps, "cap")
            rules.append(
                {
                    "kind": "item_cap_by_attribute",
                    "attribute": data.get("cap_attribute"),
                    "caps": {code: f"{value:.2f}" for code, value in caps.items()},
                }
            )
        if data.get("date_floor"):
            rules.append({"kind": "date_floor", "date": data["date_floor"].isoformat()})
        if data.get("investee_in_register"):
            rules.append({"kind": "investee_in_register"})
        if data.get("application_cap") is not None:
            rules.append({"kind": "application_cap", "limit": f"{data['application_cap']:.2f}"})
        if data.get("annual_cap") is not None or data.get("annual_cap_per"):
            if data.get("annual_cap") is None:
                self.add_error("annual_cap", _("Give the yearly cap, or leave both yearly fields empty."))
            if not data.get("annual_cap_per"):
                self.add_error("annual_cap_per", _("Choose whom the yearly cap is counted for."))
            if data.get("annual_cap") is not None:
                rules.append(
                    {
                        "kind": "annual_cap",
                        "per": data.get("annual_cap_per"),
                        "limit": f"{data['annual_cap']:.2f}",
                    }
                )
        if data.get("advance_percent") is not None or data.get("payment_years") is not None:
            if data.get("advance_percent") is None:
                self.add_error("advance_percent", _("Give the advance, or leave both payment fields empty."))
            if data.get("payment_years") is None:
                self.add_error(
                    "payment_years", _("Give the number of years, or leave both payment fields empty.")
                )
            if data.get("advance_percent") is not None and data.get("payment_years") is not None:
                rules.append(
                    {
                        "kind": "payment_schedule",
                        "advance_share": _rate(data["advance_percent"]),
                        "years": data["payment_years"],
                    }
                )
        if not rates and not categories:
            self.add_error(None, _("Give a rate for at least one cost category."))
        if not self.errors:
            problems = validate_rules(rules)
            if problems:
                raise forms.ValidationError(problems)
            self.instance.rules = rules
        return data


# A field per cost category and per attribute value, added to the form's declared fields.
RATE_FIELDS = [f"rate__{code}" for code in CATEGORY_LABELS]
ATTRIBUTE_RATE_FIELDS = [f"attribute_rate__{code}" for code in VALUE_LABELS]
CAP_FIELDS = [f"cap__{code}" for code in VALUE_LABELS]
for _code, _label in CATEGORY_LABELS.items():
    MeasureVersionForm.declared_fields[f"rate__{_code}"] = forms.DecimalField(
        label=format_lazy("{}, %", _label), required=False, **PERCENT
    )
for _code, _label in VALUE_LABELS.items():
    MeasureVersionForm.declared_fields[f"attribute_rate__{_code}"] = forms.DecimalField(
        label=format_lazy(_("Rate when {}, %"), _label), required=False, **PERCENT
    )
    MeasureVersionForm.declared_fields[f"cap__{_code}"] = forms.DecimalField(
        label=format_lazy(_("At most per item when {}, ₽"), _label), required=False, **AMOUNT
    )
MeasureVersionForm.base_fields.update(MeasureVersionForm.declared_fields)


def initial_from_rules(rules: list[dict]) -> dict:
    """The form's fields for stored rules (the inverse of MeasureVersionForm.clean)."""
    initial: dict = {}
    for rule in rules:
        kind = rule.get("kind")
        if kind == "applicant_participant":
            initial["applicant"] = "participant"
        elif kind == "applicant_person":
            initial["applicant"] = "person"
        elif kind == "eligible_sme":
            initial["sme_categories"] = list(rule["categories"])
        elif kind == "item_rate":
            initial |= {f"rate__{code}": _percent(share) for code, share in rule["rates"].items()}
        elif kind == "item_rate_by_attribute":
            initial["attribute_rate_categories"] = list(rule["categories"])
            initial["attribute_rate_attribute"] = rule["attribute"]
            initial |= {f"attribute_rate__{code}": _percent(share) for code, share in rule["rates"].items()}
        elif kind == "item_cap_by_attribute":
            initial["cap_attribute"] = rule["attribute"]
            initial |= {f"cap__{code}": Decimal(limit) for code, limit in rule["caps"].items()}
        elif kind == "date_floor":
            initial["date_floor"] = dt.date.fromisoformat(rule["date"])
        elif kind == "investee_in_register":
            initial["investee_in_register"] = True
        elif kind == "application_cap":
            initial["application_cap"] = Decimal(rule["limit"])
        elif kind == "annual_cap":
            initial["annual_cap_per"] = rule["per"]
            initial["annual_cap"] = Decimal(rule["limit"])
        elif kind == "payment_schedule":
            initial["advance_percent"] = _percent(rule["advance_share"])
            initial["payment_years"] = rule["years"]
    return initial


@admin.register(MeasureVersion)
class MeasureVersionAdmin(admin.ModelAdmin):
    """Coordinators add versions; a version once saved is never edited (decided applications
    point at it), so a change is a new version from a date."""

    form = MeasureVersionForm
    list_display = ["measure", "effective_from", "note", "created_by", "created_at"]
    list_filter = ["measure"]
    fieldsets = [
        (None, {"fields": ["measure", "effective_from", "note"]}),
        (_("Who may apply"), {"fields": ["applicant", "sme_categories", "investee_in_register"]}),
        (
            _("Rates by cost category"),
            {"fields": RATE_FIELDS, "description": _("Empty: the category is not compensated.")},
        ),
        (
            _("Rate that depends on an attribute of the cost"),
            {"fields": ["attribute_rate_categories", "attribute_rate_attribute", *ATTRIBUTE_RATE_FIELDS]},
        ),
        (
            _("Caps"),
            {"fields": ["cap_attribute", *CAP_FIELDS, "application_cap", "annual_cap_per", "annual_cap"]},
        ),
        (_("Dates and payments"), {"fields": ["date_floor", "advance_percent", "payment_years"]}),
    ]

    def get_changeform_initial_data(self, request):
        """A new version starts from the numbers of the measure's latest one (`?measure=<id>`)."""
        initial = super().get_changeform_initial_data(request)
        measure = str(initial.get("measure") or "")
        latest = MeasureVersion.objects.filter(measure_id=measure).first() if measure.isdigit() else None
        if latest is not None and isinstance(latest.rules, list):
            initial |= initial_from_rules(latest.rules)
        return initial

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="measure.version_added",
            obj=obj.measure,
            data={"effective_from": obj.effective_from.isoformat(), "note": obj.note},
        )


def rules_in_words(rules) -> str:
    """The version's numbers as the form names them, one per line (for reading, not editing)."""
    if not isinstance(rules, list):
        return "—"
    form = MeasureVersionForm()
    lines = []
    for name, value in initial_from_rules(rules).items():
        field = form.fields[name]
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, bool):
            shown = _("yes")
        elif isinstance(value, dt.date):
            shown = date_format(value, "DATE_FORMAT")
        elif isinstance(value, Decimal):
            shown = number_format(value, use_l10n=True, force_grouping=True)
        else:
            shown = str(choices.get(value, value))
        lines.append((field.label, shown))
    return format_html_join(mark_safe("<br>"), "{}: {}", lines)


class VersionInline(admin.TabularInline):
    model = MeasureVersion
    extra = 0
    can_delete = False
    fields = ["effective_from", "note", "numbers"]
    readonly_fields = fields

    @admin.display(description=_("numbers"))
    def numbers(self, obj):
        return rules_in_words(obj.rules)

    def has_add_permission(self, request, obj=None):
        return False


class BudgetInline(admin.TabularInline):
    """A year's budget of the measure (the staff dashboards' "grants paid against the budget")."""

    model = MeasureBudget
    extra = 1
    can_delete = False
    fields = ["year", "amount"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "title_ru", "applicant_kind", "review_days", "is_active"]
    # the link is code in another app (measures/links.py): it comes with the measure, not by hand
    readonly_fields = ["code", "link"]
    inlines = [VersionInline, BudgetInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user, action="measure.updated", obj=obj, data={"fields": form.changed_data}
        )

    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        if formset.model is MeasureBudget:
            for budget in instances:
                services.record_budget(request.user, budget)


@admin.register(MeasureApplication)
class MeasureApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applications change through the desk and the application's page."""

    list_display = ["pk", "measure", "organization", "person", "requested_amount", "approved_amount"]
    list_filter = ["measure"]
    search_fields = ["organization__short_name", "organization__inn", "person__email"]
    list_select_related = ["measure", "organization", "person"]


@admin.register(AnnualLedger)
class AnnualLedgerAdmin(ReadOnlyAdmin):
    list_display = ["measure", "year", "organization", "person", "used", "limit"]
    list_filter = ["measure", "year"]
