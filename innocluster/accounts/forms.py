from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innocluster.accounts.models import User
from innocluster.core.forms import PlatformForm


def consent_help_text(document) -> str:
    """The link to the document's own page, next to the box (never inside its label: the error
    summary makes the label a link)."""
    if document is None:
        return ""
    return format_html(
        gettext(
            'Read the <a href="{url}" target="_blank">{title}</a>, version {version}: its purposes, '
            "the data, the term and how to withdraw it."
        ),
        url=reverse("accounts:consent_document_version", args=[document.version]),
        title=document_title(document),
        version=document.version,
    )


def document_title(document) -> str:
    russian = (translation.get_language() or "ru").startswith("ru")
    return document.title_ru if russian else document.title_en


class ConsentFields(forms.Form):
    """The consent to the processing of personal data: a box of its own, never ticked in advance,
    and the version of the text shown beside it (a text changed meanwhile is shown again)."""

    consent = forms.BooleanField(
        label=_("I consent to the processing of my personal data"),
        required=True,
        initial=False,
        error_messages={
            "required": _(
                "Tick the box to give your consent to the processing of personal data: it is required."
            )
        },
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        if document is None:  # nothing published yet: nothing to consent to
            del self.fields["consent"], self.fields["consent_version"]
            return
        self.fields["consent"].help_text = consent_help_text(document)
        self.fields["consent_version"].initial = document.version

    def clean(self):
        data = super().clean()
        shown = data.get("consent_version")
        if data.get("consent") and self.document is not None and shown and shown != self.document.version:
            self.add_error(
                "consent",
                _("The text of the consent has changed: read the current version and tick the box again."),
            )
            # shown again as it now is: the new version, and the box not ticked
            self.data = self.data.copy()
            self.data["consent_version"] = str(self.document.version)
            self.data.pop("consent", None)
        return data


class SignUpForm(ConsentFields, PlatformForm):
    field_order = ["full_name", "email", "password", "password_again", "consent", "consent_version"]

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits; not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_password(self):
        """The password's rules at once, beside the other fields' errors: the registration service
        checks them again, but only once the rest of the form is valid, so a weak password was
        said only after the e-mail had been put right."""
        password = self.cleaned_data.get("password", "")
        # the rules that compare the password with the person's name and address see what was typed
        person = User(email=self.data.get("email", ""), full_name=self.data.get("full_name", ""))
        try:
            password_validation.validate_password(password, user=person)
        except ValidationError as exc:
            raise ValidationError(" ".join(exc.messages)) from exc
        return password

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The passwords differ."))
        return data


class ConsentForm(ConsentFields, PlatformForm):
    """The consent asked again when its text has changed (or after a withdrawal)."""


class SignInForm(PlatformForm):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(PlatformForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The 6 digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "characters"}
        ),
    )


class TokenForm(PlatformForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("What the token is for, e.g. “1C export”."),
    )
    days = forms.IntegerField(label=_("Valid for, days"), min_value=1, max_value=366, initial=90)
