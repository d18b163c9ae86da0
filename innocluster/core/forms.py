from django import forms

from innocluster.core.errors import PlatformError


def add_service_error(form, exc: PlatformError) -> None:
    """Show a service's refusal on the field it names (or on the whole form); the rest of what was
    typed stays in the form."""
    field = exc.details.get("field") if exc.details else None
    form.add_error(field if field in form.fields else None, str(exc.message))


class PlatformForm(forms.Form):
    """Our forms' base: labels without a trailing colon (screen readers read them as they are)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
