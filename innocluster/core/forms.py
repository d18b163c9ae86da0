from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.text import capfirst

from innocluster.core.errors import PlatformError, field_errors
from innocluster.core.formats import human_field_path


def add_service_error(form, exc: PlatformError) -> None:
    """Show a service's refusal on the field it names (or on the whole form); the rest of what was
    typed stays in the form."""
    field = exc.details.get("field") if exc.details else None
    if field and field not in form.fields and "." in str(field):  # a path of the API: in words
        form.add_error(None, f"{capfirst(human_field_path(field))} — {exc.message}")
        return
    form.add_error(field if field in form.fields else None, str(exc.message))


def _summary_link(form, anchor: str, text: str) -> None:
    """An entry of the error summary above the form that leads to `#anchor` (a row's cell, a
    group of rows): includes/error_summary.html lists them after the form's own fields."""
    form.__dict__.setdefault("summary_links", []).append((anchor, text))


def add_service_errors(form, exc: PlatformError, *, rows=(), prefix: str = "") -> None:
    """Every refusal of a service (a `Refusals` names them all) on its field: `prefix.N.cell` on
    that cell of the Nth row typed (`rows`: the formset's rows that were filled in), and in the
    summary above the form as a link to it; `prefix` itself (the rows as a whole: "at least
    one") on the rows' group (`form.group_errors[prefix]`, the group's id is `prefix`) and linked
    to it; a field of the form on it (unless the form's own check said something there first);
    anything else in words in the summary."""
    for field, message in field_errors(exc).items():
        if prefix and field == prefix:
            form.__dict__.setdefault("group_errors", {}).setdefault(prefix, []).append(message)
            _summary_link(form, prefix, f"{capfirst(human_field_path(field))} — {message}")
            continue
        parts = field.split(".")
        if (
            prefix
            and len(parts) == 3
            and parts[0] == prefix
            and parts[1].isdigit()
            and int(parts[1]) < len(rows)
        ):
            row = rows[int(parts[1])]
            if parts[2] in row.fields:
                row.add_error(parts[2], message)
                _summary_link(form, row[parts[2]].auto_id, f"{capfirst(human_field_path(field))} — {message}")
                continue
        if field in form.fields:
            if field not in form.errors:
                form.add_error(field, message)
        else:
            label = human_field_path(field) if field else ""
            form.add_error(None, f"{capfirst(label)} — {message}" if label else message)


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
