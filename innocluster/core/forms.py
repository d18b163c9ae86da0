from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.text import capfirst

from innocluster.core.errors import PlatformError
from innocluster.core.formats import human_field_path


def add_service_error(form, exc: PlatformError) -> None:
    """Show a service's refusal on the field it names (or on the whole form); the rest of what was
    typed stays in the form."""
    field = exc.details.get("field") if exc.details else None
    if field and field not in form.fields and "." in str(field):  # a path of the API: in words
        form.add_error(None, f"{capfirst(human_field_path(field))} — {exc.message}")
        return
    form.add_error(field if field in form.fields else None, str(exc.message))


class LinkableRadioSelect(forms.RadioSelect):
    """Radios whose group the error summary can link to: the link leads to the first radio
    (Django gives the group no id of its own)."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class PlatformForm(forms.Form):
    """Our forms' base: labels without a trailing colon (screen readers read them as they are)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PlatformFormRenderer(TemplatesSetting):
    """Every form field is drawn by the design system's field (label with its required mark, hint,
    error, control), and a whole form by includes/form.html with the error summary on top."""

    field_template_name = "includes/field.html"
    form_template_name = "includes/form.html"
