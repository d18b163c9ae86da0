""" "My data" in the cabinet (see, download, correct, withdraw the consent) and the administrator's
search of the staff reads of one person's data. The forms live here with their only pages."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from innocluster.accounts import personal_data
from innocluster.accounts.my_data_pdf import display_tables, my_data_pdf
from innocluster.accounts.services import is_administrator
from innocluster.core.audit_actions import describe_event, object_label, with_object_numbers
from innocluster.core.errors import PlatformError
from innocluster.core.forms import PlatformForm, add_service_error
from innocluster.core.text import clean_query

PAGE_ROWS = 20


class CorrectionForm(PlatformForm):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=[("ru", "Русский"), ("en", "English")]
    )


class WithdrawalForm(PlatformForm):
    reason = forms.CharField(
        label=gettext_lazy("Why (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand: I can no longer sign in, and my personal data will be destroyed within 30 days."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm the withdrawal.")},
    )


def _page(request, form=None, status=200):
    person = request.user
    data = personal_data.my_data(person)
    tables = display_tables(data)
    for table in tables:  # the newest first, each cell with its heading (narrow screens show it)
        if table["headers"]:
            latest = table["rows"][-PAGE_ROWS:][::-1]
            table["shown"] = [list(zip(table["headers"], row, strict=True)) for row in latest]
        else:
            table["shown"] = table["rows"]
    owned = [item for item in data["organizations"] if item["role"] in ("owner", "manager")]
    form = form or CorrectionForm(initial={"full_name": person.full_name, "language": person.language})
    return render(
        request,
        "accounts/my_data.html",
        {"tables": tables, "form": form, "managed_organizations": owned, "page_rows": PAGE_ROWS},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """What the platform holds about me, by category; the correction of my name and language."""
    if request.method == "GET":
        return _page(request)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    try:
        personal_data.correct_my_data(
            actor=request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
    except PlatformError as exc:
        add_service_error(form, exc)
        return _page(request, form)
    messages.success(request, _("Your data are corrected."))
    response = redirect("accounts:my_data")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language, samesite="Lax")
    return response


def _filename(request, extension: str) -> str:
    return f"my-data-{request.user.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
@require_GET
def my_data_json(request):
    body = json.dumps(
        personal_data.my_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "json")}"'
    return response


@login_required
@require_GET
def my_data_pdf_view(request):
    response = HttpResponse(my_data_pdf(personal_data.my_data(request.user)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "pdf")}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request):
    """The confirmation step; the withdrawal signs the person out at once."""
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = personal_data.withdraw_consent(actor=request.user, reason=form.cleaned_data["reason"])
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            logout(request)
            return render(request, "accounts/my_data_withdrawn.html", {"destroy_after": person.destroy_after})
    return render(
        request,
        "accounts/my_data_withdraw.html",
        {
            "form": form,
            "days": personal_data.DESTRUCTION_DAYS,
            "sole_owner_of": personal_data.sole_owner_of(request.user),
        },
        status=200,
    )


@login_required
@require_GET
def personal_data_access(request):
    """Administrators: the staff reads of one person's data, by e-mail or account number, with
    who read what, when and why. Anyone else: 404."""
    if not is_administrator(request.user):
        raise Http404
    query = clean_query(request.GET.get("person"), max_length=254)
    person = personal_data.find_person(query) if query else None
    events = []
    if person is not None:
        events = with_object_numbers(personal_data.personal_data_reads_about(person)[:500])
        for event in events:
            event.sentence = describe_event(event)
            event.object_text = object_label(
                event.object_type, getattr(event, "object_number", None) or event.object_id
            )
    return render(
        request,
        "accounts/personal_data_access.html",
        {"query": query, "person": person, "events": events, "searched": bool(query)},
    )
