""" "My data" for people to read: the categories of `personal_data.my_data` as tables (the page
and the PDF show the same), and the PDF itself in the look of the platform's documents (the
measures' agreement: the bundled DejaVu Sans, so that Cyrillic prints anywhere), in the reader's
language."""

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from innocluster.accounts.consent import purpose_labels
from innocluster.accounts.personal_data import CATEGORIES
from innocluster.core.formats import human_date, human_datetime

DASH = "—"

# The columns each category shows, with their headings (the JSON has every field).
COLUMNS = {
    "consents": ["version", "title", "purposes", "accepted_at", "accepted_from", "withdrawn_at"],
    "organizations": ["name", "role_label", "since"],
    "applications": [
        "number",
        "kind_label",
        "title",
        "status_label",
        "submitted_on",
        "decided_at",
        "contact",
    ],
    "kpi_reports": ["id", "organization", "period", "version", "status_label", "submitted_at"],
    "pilots": ["id", "product", "organization", "site", "status_label", "requested_on"],
    "contest_solutions": ["id", "title", "contest", "organization", "submitted_at"],
    "documents": ["kind", "name", "size", "uploaded_at"],
    "notifications": ["created_at", "subject", "read_at"],
    "api_tokens": ["name", "created_at", "expires_at", "last_used_at", "last_used_ip", "revoked_at"],
    "events": ["at", "what", "object", "by"],
    "other_records": ["record", "as", "count"],
}
LABELS = {
    "id": gettext_lazy("No."),
    "number": gettext_lazy("No."),
    "email": gettext_lazy("E-mail"),
    "full_name": gettext_lazy("Full name"),
    "language": gettext_lazy("Language"),
    "date_joined": gettext_lazy("Account created"),
    "email_confirmed_at": gettext_lazy("E-mail confirmed"),
    "last_login": gettext_lazy("Last sign-in"),
    "staff_roles": gettext_lazy("Staff roles"),
    "second_factor_on_since": gettext_lazy("Second factor on since"),
    "recovery_codes_left": gettext_lazy("Recovery codes left"),
    "processing_stopped_at": gettext_lazy("Processing stopped"),
    "destroy_after": gettext_lazy("Personal data destroyed by"),
    "version": gettext_lazy("Version"),
    "title": gettext_lazy("Title"),
    "purposes": gettext_lazy("Purposes"),
    "accepted_at": gettext_lazy("Given"),
    "accepted_from": gettext_lazy("From IP address"),
    "withdrawn_at": gettext_lazy("Withdrawn"),
    "name": gettext_lazy("Name"),
    "role_label": gettext_lazy("Role"),
    "since": gettext_lazy("Since"),
    "kind_label": gettext_lazy("Kind"),
    "kind": gettext_lazy("Kind"),
    "status_label": gettext_lazy("Status"),
    "submitted_on": pgettext_lazy("date column", "Submitted"),
    "submitted_at": pgettext_lazy("date column", "Submitted"),
    "decided_at": gettext_lazy("Decided"),
    "contact": gettext_lazy("Contact you gave"),
    "organization": gettext_lazy("Organisation"),
    "period": gettext_lazy("Period"),
    "product": gettext_lazy("Product"),
    "site": gettext_lazy("Test site"),
    "requested_on": pgettext_lazy("date column", "Requested"),
    "contest": gettext_lazy("Contest"),
    "size": gettext_lazy("Size"),
    "uploaded_at": gettext_lazy("Uploaded"),
    "created_at": pgettext_lazy("date column", "Created"),
    "subject": pgettext_lazy("notification", "Subject"),
    "read_at": gettext_lazy("Read"),
    "expires_at": gettext_lazy("Expires"),
    "last_used_at": gettext_lazy("Last used"),
    "last_used_ip": gettext_lazy("Last used from IP address"),
    "revoked_at": pgettext_lazy("date column", "Revoked"),
    "at": gettext_lazy("When"),
    "what": gettext_lazy("What"),
    "object": gettext_lazy("Object"),
    "by": gettext_lazy("By"),
    "record": pgettext_lazy("my data", "Record"),
    "as": gettext_lazy("Names you as"),
    "count": gettext_lazy("How many"),
}
# Relative widths of the PDF's columns (1 where not named): numbers narrow, texts wide.
WEIGHTS = {
    "id": 0.45,
    "number": 0.45,
    "version": 0.6,
    "count": 0.6,
    "size": 0.7,
    "purposes": 2.2,
    "title": 1.6,
    "subject": 2.6,
    "what": 1.6,
    "record": 1.8,
    "as": 1.4,
    "kind_label": 1.3,
    "name": 1.5,
    "contact": 1.5,
    "product": 1.4,
}
BY = {
    "you": gettext_lazy("you"),
    "staff": gettext_lazy("cluster staff"),
    "platform": gettext_lazy("the platform"),
}


def _cell(key: str, value) -> str:
    if value is None or value == "" or value == []:
        return DASH
    if key == "by":
        return str(BY.get(value, value))
    if key == "size":
        return str(filesizeformat(value))
    if key == "language":
        return {"ru": "Русский", "en": "English"}.get(value, value)
    if key == "purposes":
        return "; ".join(purpose_labels(value))
    if isinstance(value, dt.datetime):
        return human_datetime(value)
    if isinstance(value, dt.date):
        return human_date(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(str(item) for item in value.values() if item) or DASH
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def display_tables(data: dict) -> list[dict]:
    """The categories in order: {"key", "label", "headers", "rows": [[text]], "total"}; the account
    as two columns (what, value)."""
    tables = []
    for key, label in CATEGORIES:
        if key == "account":
            rows = [
                [str(LABELS[name]), _cell(name, value)]
                for name, value in data["account"].items()
                if name != "id"
            ]
            tables.append(
                {"key": key, "label": label, "columns": [], "headers": [], "rows": rows, "total": len(rows)}
            )
            continue
        columns = COLUMNS[key]
        rows = [[_cell(column, item.get(column)) for column in columns] for item in data[key]]
        tables.append(
            {
                "key": key,
                "label": label,
                "columns": columns,
                "headers": [str(LABELS[column]) for column in columns],
                "rows": rows,
                "total": len(rows),
            }
        )
    return tables


def my_data_pdf(data: dict) -> bytes:
    """The person's data as a PDF, in the active language."""
    # measures is above accounts, imported when a PDF is made: its look (font, styles, page) is
    # the platform's one
    from innocluster.measures.pdf import document, fonts, styles, table_style

    body, heading = styles()
    small = body.clone("small", fontSize=8, leading=10)
    small_bold = small.clone("small_bold", fontName=fonts()[1])
    buffer = io.BytesIO()
    title = _("My data on the InnoCluster platform")
    pdf = document(buffer, title=title)
    account = data["account"]
    story = [
        Paragraph(escape(title), heading),
        Paragraph(
            escape(
                _("%(name)s, %(email)s; account No. %(id)s. Made on %(date)s.")
                % {
                    "name": account["full_name"],
                    "email": account["email"],
                    "id": account["id"],
                    "date": human_datetime(data["generated_at"]),
                }
            ),
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    width = 170 * mm
    for table in display_tables(data):
        story.append(Paragraph(escape(str(table["label"])), heading))
        if not table["rows"]:
            story += [Paragraph(escape(_("Nothing.")), body), Spacer(1, 3 * mm)]
            continue
        header = (
            [[Paragraph(escape(text), small_bold) for text in table["headers"]]] if table["headers"] else []
        )
        rows = header + [[Paragraph(escape(text), small) for text in row] for row in table["rows"]]
        if table["headers"]:
            weights = [WEIGHTS.get(column, 1.0) for column in table["columns"]]
            widths = [width * weight / sum(weights) for weight in weights]
        else:
            widths = [55 * mm, width - 55 * mm]
        grid = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        grid.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
        story += [grid, Spacer(1, 4 * mm)]
    pdf.build(story)
    return buffer.getvalue()
