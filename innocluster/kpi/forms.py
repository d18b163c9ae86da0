"""Forms of the KPI pages. The report form has a group of fields per indicator of the period's
kind (`<code>__value`, `__explanation`, `__corrective_action`, `__evidence_link`); the services
check the numbers, the forms only carry them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import PlatformForm
from innocluster.kpi.enums import Better, PeriodKind, ValueKind

REPORT_FIELDS = ("value", "explanation", "corrective_action", "evidence_link")


def field_name(code: str, part: str) -> str:
    return f"{code}__{part}"


class ReportForm(PlatformForm):
    """A row per indicator: its target (if any) decides whether the value is required; a missed
    target asks for an explanation and a corrective action (checked on submission)."""

    def __init__(self, *args, indicators, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            code, has_target = indicator.code, indicator.pk in targets
            unit = f", {indicator.unit_label}" if indicator.unit_label else ""
            self.fields[field_name(code, "value")] = forms.CharField(
                label=f"{indicator.label}{unit}",
                required=has_target,
                max_length=40,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[field_name(code, "explanation")] = forms.CharField(
                label=_("Why the target is missed"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[field_name(code, "corrective_action")] = forms.CharField(
                label=_("What is being done about it"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[field_name(code, "evidence_link")] = forms.CharField(
                label=_("Link to evidence"),
                required=False,
                max_length=500,
                widget=forms.URLInput(attrs={"placeholder": "https://"}),
            )

    def group(self, code: str) -> dict:
        return {part: self[field_name(code, part)] for part in REPORT_FIELDS}

    def values(self) -> list[dict]:
        """The typed rows, as `services.submit_report` takes them: those with a value."""
        rows = []
        for indicator in self.indicators:
            typed = {
                part: (self.data.get(field_name(indicator.code, part)) or "").strip()
                for part in REPORT_FIELDS
            }
            if typed["value"]:
                rows.append({"indicator": indicator.code, **typed})
        return rows

    def typed(self) -> dict:
        """What is typed, per indicator code, as a draft keeps it."""
        return {
            i.code: {part: self.data.get(field_name(i.code, part), "") for part in REPORT_FIELDS}
            for i in self.indicators
        }


class IndicatorForm(PlatformForm):
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Latin letters, digits, '-' and '_'; it never changes.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False, help_text=_("₽, people, pieces …"))
    name_en = forms.CharField(
        label=_("Name in English"), max_length=200, required=False, help_text=_("Shown on English pages.")
    )
    unit_en = forms.CharField(label=_("Unit in English"), max_length=30, required=False)
    better = forms.ChoiceField(label=_("Better when"), choices=Better.choices, widget=forms.RadioSelect)
    period = forms.ChoiceField(label=_("Reported by"), choices=PeriodKind.choices, widget=forms.RadioSelect)
    value_kind = forms.ChoiceField(
        label=_("Values"),
        choices=ValueKind.choices,
        initial=ValueKind.AMOUNT,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_value_kind(self) -> str:
        return self.cleaned_data["value_kind"] or ValueKind.AMOUNT


class TargetForm(PlatformForm):
    organization = forms.CharField(label=_("Organisation: INN or platform number"), max_length=12)
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.CharField(
        label=_("Period"), max_length=7, help_text=_("2026 for a year, 2026-Q3 for a quarter")
    )
    value = forms.CharField(
        label=_("Target"), max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    tolerance_percent = forms.CharField(
        label=_("Tolerance, %"),
        max_length=6,
        required=False,
        initial="0",
        help_text=_("A value this much worse than the target still meets it."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.label) for i in indicators]


class BulkTargetForm(PlatformForm):
    measure = forms.ChoiceField(label=_("Support measure"))
    year = forms.IntegerField(label=_("Grants of the year"), min_value=2000, max_value=2100)
    indicator = forms.ChoiceField(label=_("Indicator"))
    periods = forms.CharField(
        label=_("Periods"), max_length=100, help_text=_("Separated by commas: 2026, 2027")
    )
    value = forms.CharField(
        label=_("Target"), max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    tolerance_percent = forms.CharField(
        label=_("Tolerance, %"),
        max_length=6,
        required=False,
        initial="0",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    replace = forms.BooleanField(label=_("Replace targets already set"), required=False)

    def __init__(self, *args, indicators, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.label) for i in indicators]
        self.fields["measure"].choices = [(m.code, m.title) for m in measures]


class DecisionForm(PlatformForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the report")), ("return", _("Return for correction"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sent to the organisation; required when a report is returned, unless reasons are given per value."
        ),
    )

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.value_codes = []
        for value in values:
            name = f"reason__{value.indicator.code}"
            self.value_codes.append((value.indicator.code, name))
            self.fields[name] = forms.CharField(
                label=_("Reason for correction: %(indicator)s") % {"indicator": value.indicator.label},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def reasons(self) -> dict:
        return {
            code: self.cleaned_data.get(name, "")
            for code, name in self.value_codes
            if self.cleaned_data.get(name)
        }
