"""The pilot's protocol as a PDF, its public feedback link (no account) and the link's QR code.

- `/pilots/<pk>/protocol/<version>.pdf`: whoever sees the pilot (`pilots.view_pilot`); anyone
  signed out is sent to sign in (as for the pilot's page); everyone else, and a version that does
  not exist, 404. A staff read is logged as a personal-data access.
- `/pilots/feedback/<token>/`: the public form (see `pilots.feedback`). While the pilot is not
  open (not started, over, cancelled, declined) the page answers **410 Gone** with a page saying
  the link is closed and why. A forged or changed token is a 404. A refused form is 400 (the
  honeypot filled, sent too fast, a stale stamp), a bad rating or comment 422 naming the field, a
  flood 429 with Retry-After; each re-renders the form with its message. Success redirects to
  the thank-you page (post/redirect/get).
- `/pilots/<pk>/qr.svg`: the QR code of the absolute link, for the company's people, the site's
  representatives and the desk's staff; signed out: to the sign-in; everyone else 404.
"""

import io

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from innocluster.accounts.services.limits import client_ip
from innocluster.core import audit
from innocluster.core.errors import InvalidInput, RateLimited
from innocluster.core.forms import LinkableRadioSelect, PlatformForm, add_service_error
from innocluster.pilots import feedback, selectors
from innocluster.pilots.feedback import feedback_url  # the pilot's page uses it too
from innocluster.pilots.models import Pilot
from innocluster.pilots.pdf import protocol_pdf
from innocluster.pilots.rules import is_company_person, is_site_person

HONEYPOT = "website"  # a field people never see (in a `hidden` block); robots fill it
RATINGS = [
    (1, _("1 — very poor")),
    (2, _("2 — poor")),
    (3, _("3 — fair")),
    (4, _("4 — good")),
    (5, _("5 — excellent")),
]


class PublicFeedbackForm(PlatformForm):
    """What the public link asks; the service (`feedback.leave_public_feedback`) is the judge."""

    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=RATINGS,
        widget=LinkableRadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=feedback.MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional; at most 2,000 characters. Do not write your name or contacts."),
    )


# --- the protocol's PDF ----------------------------------------------------------------------


@login_required
@require_GET
def protocol_pdf_view(request, pk: int, version: int):
    pilot = selectors.get_pilot_for(request.user, pk)
    protocol = (
        pilot.protocols.select_related("submitted_by").filter(version=version).first() if pilot else None
    )
    if protocol is None:
        raise Http404
    protocol.pilot = pilot
    user = request.user
    if user.is_staff and not (is_company_person(user, pilot) or is_site_person(user, pilot)):
        # the desk reads who signed the site's protocol (SPEC §1)
        audit.record_personal_data_access(
            actor=user, obj=pilot, reason=f"protocol version {version} of the pilot (PDF)"
        )
    response = HttpResponse(protocol_pdf(protocol), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pilot-{pilot.pk}-protocol-v{version}.pdf"'
    return response


# --- the QR code of the public link ----------------------------------------------------------


@login_required
@require_GET
def qr_svg(request, pk: int):
    pilot = Pilot.objects.select_related("organization", "site__organization").filter(pk=pk).first()
    if pilot is None or not request.user.has_perm("pilots.share_feedback_link", pilot):
        raise Http404
    buffer = io.BytesIO()
    segno.make(feedback_url(request, pilot), error="m").save(
        buffer, kind="svg", scale=8, border=4, dark="#1b1b1b", light="#ffffff", title=pilot.product
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="pilot-{pilot.pk}-feedback-qr.svg"'
    return response


# --- the public feedback link ----------------------------------------------------------------


def _pilot(token: str) -> Pilot:
    pilot = feedback.pilot_for_token(token)
    if pilot is None:
        raise Http404
    return pilot


def _closed(request, pilot: Pilot):
    return render(
        request,
        "pilots/feedback_closed.html",
        {"pilot": pilot, "not_yet": feedback.not_open_yet(pilot)},
        status=410,
    )


def _form_page(request, pilot: Pilot, form, *, status: int = 200, retry_after: int | None = None):
    response = render(
        request,
        "pilots/feedback_form.html",
        {
            "pilot": pilot,
            "form": form,
            "stamp": feedback.form_stamp(pilot),
            "honeypot": HONEYPOT,
        },
        status=status,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_form(request, token: str):
    pilot = _pilot(token)
    if not feedback.is_open(pilot):
        return _closed(request, pilot)
    if request.method == "GET":
        return _form_page(request, pilot, PublicFeedbackForm())
    form = PublicFeedbackForm(request.POST)
    form.is_valid()  # bind what was typed for the page sent again
    form.errors.clear()  # the service's checks are the one judge: no message twice
    try:
        feedback.check_form(
            pilot, stamp=request.POST.get("stamp", ""), honeypot=request.POST.get(HONEYPOT, "")
        )
    except feedback.FormRefused as exc:
        form.add_error(None, str(exc.message))
        return _form_page(request, pilot, form, status=400)
    try:
        feedback.leave_public_feedback(
            pilot, request.POST.get("rating"), request.POST.get("comment", ""), client_ip(request)
        )
    except RateLimited as exc:
        form.add_error(None, str(exc.message))
        return _form_page(request, pilot, form, status=429, retry_after=exc.retry_after)
    except feedback.LinkClosed:
        pilot.refresh_from_db()
        return _closed(request, pilot)
    except InvalidInput as exc:
        add_service_error(form, exc)
        return _form_page(request, pilot, form, status=422)
    return redirect("pilots:feedback_thanks", token=token)


@require_GET
def feedback_thanks(request, token: str):
    return render(request, "pilots/feedback_thanks.html", {"pilot": _pilot(token)})
