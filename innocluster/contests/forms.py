"""The forms of the contests' pages. They only shape what was typed; the services check the rules
(the deadline, the criteria, who acts, the conflicts) and their refusals come back on the fields."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from innocluster.contests.enums import DEFAULT_EXPERTS_PER_SOLUTION, MAX_POINTS, MIN_POINTS
from innocluster.contests.services import MAX_CRITERIA, MAX_EXPERTS_PER_SOLUTION, MAX_WINNERS
from innocluster.core.formats import format_measure, numbered
from innocluster.core.forms import PlatformForm

NUMERIC = {"inputmode": "numeric"}


class ContestForm(PlatformForm):
    """A coordinator's challenge; the deadline is typed in Moscow time (the platform's time)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    organiser = forms.CharField(
        label=_("Organiser"),
        max_length=300,
        help_text=_("The city department or the corporation that states the problem."),
    )
    problem = forms.CharField(label=_("Problem"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))
    requirements = forms.CharField(
        label=_("Requirements"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reward = forms.CharField(
        label=_("What winners get"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A pilot, a contract, a prize."),
    )
    winners = forms.IntegerField(
        label=_("Number of winners"),
        min_value=1,
        max_value=MAX_WINNERS,
        initial=1,
        widget=forms.NumberInput(attrs=NUMERIC),
    )
    deadline = forms.DateTimeField(
        label=_("Submission deadline (Moscow time)"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    blind = forms.BooleanField(
        label=_("Blind review"),
        required=False,
        initial=True,
        help_text=_("Experts do not see who submitted, nor others' scores until they have scored."),
    )
    experts_per_solution = forms.IntegerField(
        label=_("Experts per solution"),
        min_value=1,
        max_value=MAX_EXPERTS_PER_SOLUTION,
        initial=DEFAULT_EXPERTS_PER_SOLUTION,
        widget=forms.NumberInput(attrs=NUMERIC),
    )


class CriterionForm(PlatformForm):
    """One criterion with its weight; a row left empty is no criterion."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("Latin letters, digits, '-' and '_' (e.g. tech)."),
    )
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    weight = forms.CharField(
        label=_("Weight"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def has_changed(self) -> bool:
        return bool(self["code"].value() or self["name"].value() or self["weight"].value())


CriterionFormSet = formset_factory(CriterionForm, extra=3, max_num=MAX_CRITERIA, absolute_max=MAX_CRITERIA)


class SolutionForm(PlatformForm):
    organization = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(label=_("Title of the solution"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the solution does, how it meets the requirements, what it costs, who makes it."),
    )

    def __init__(self, *args, organizations=(), fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.short_name) for o in organizations]
        if fixed:  # an existing solution keeps its organisation
            del self.fields["organization"]


class DeclarationForm(PlatformForm):
    conflicts = forms.CharField(
        label=_("Organisations you are tied to"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One a line: its INN or its number on the platform. Where you work or worked, "
            "advise, own a share, or where your relatives work."
        ),
    )
    none = forms.BooleanField(label=_("I have no conflicts of interest"), required=False)

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in (data.get("conflicts") or "").splitlines() if line.strip()]
        if not lines and not data.get("none"):
            self.add_error(
                "conflicts", _("Name the organisations, or tick “I have no conflicts of interest”.")
            )
        if lines and data.get("none"):
            self.add_error("none", _("You named organisations: untick this box, or clear the list."))
        data["lines"] = lines
        return data


class AddExpertForm(PlatformForm):
    expert = forms.TypedChoiceField(label=_("Expert"), coerce=int)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [(u.pk, u.full_name) for u in candidates]


class AssignForm(PlatformForm):
    experts_per_solution = forms.IntegerField(
        label=_("Experts per solution"),
        min_value=1,
        max_value=MAX_EXPERTS_PER_SOLUTION,
        widget=forms.NumberInput(attrs=NUMERIC),
    )


class AssignByHandForm(PlatformForm):
    solution = forms.TypedChoiceField(label=_("Solution"), coerce=int)
    expert = forms.TypedChoiceField(label=_("Expert"), coerce=int)

    def __init__(self, *args, solutions=(), experts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].choices = [(s.pk, f"{numbered(s.pk)} {s.title}") for s in solutions]
        self.fields["expert"].choices = [(u.pk, u.full_name) for u in experts]


class ScoreForm(PlatformForm):
    """Each criterion 0-10 in whole points, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The participant reads it after the results, without your name."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"points_{criterion.code}"] = forms.IntegerField(
                label=criterion.name,
                min_value=MIN_POINTS,
                max_value=MAX_POINTS,
                help_text=_("%(low)d to %(high)d whole points; weight %(weight)s.")
                % {"low": MIN_POINTS, "high": MAX_POINTS, "weight": format_measure(criterion.weight)},
                widget=forms.NumberInput(attrs={"min": MIN_POINTS, "max": MAX_POINTS, "step": 1, **NUMERIC}),
            )
        self.order_fields([f"points_{c.code}" for c in self.criteria] + ["comment"])

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"points_{c.code}"] for c in self.criteria}


class CancelForm(PlatformForm):
    comment = forms.CharField(
        label=_("Why (the participants read it)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PilotFromPrizeForm(PlatformForm):
    site = forms.TypedChoiceField(label=_("Test site"), coerce=int)

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.pk, s.name) for s in sites]
