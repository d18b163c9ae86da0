from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.accounts.forms import consent_help_text
from innocluster.core.forms import PlatformForm


class MembershipForm(PlatformForm):
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_position = forms.CharField(label=_("Position"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    contact_email = forms.CharField(label=_("Contact e-mail"), max_length=254)
    activity = forms.CharField(
        label=_("What the organisation does"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Products, technologies, customers: what makes the organisation innovative."),
    )
    innovation_areas = forms.CharField(
        label=_("Technology areas"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    goals = forms.CharField(
        label=_("What the organisation expects from the cluster"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    consent_personal_data = forms.BooleanField(
        label=_(
            "I consent to the processing of the personal data in this application (Federal Law No. 152-FZ)"
        ),
        required=True,
        initial=False,
        # the same words the service says (the form's own check says it first)
        error_messages={"required": _("Consent to the processing of personal data is required to submit.")},
    )

    def __init__(self, *args, document=None, **kwargs):
        """`document`: the current consent document, linked beside the box."""
        super().__init__(*args, **kwargs)
        self.fields["consent_personal_data"].help_text = consent_help_text(document)


def initial_from(application, *, known: dict) -> dict:
    """The form as saved, or, before any draft, filled with what the platform knows. The consent
    is never filled in: the person who submits gives it, each time (152-FZ art. 9)."""
    if application is None:
        return known
    return {
        name: getattr(application, name)
        for name in MembershipForm.base_fields
        if name != "consent_personal_data"
    }
