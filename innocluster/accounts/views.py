import contextlib
import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.accounts import consent, services
from innocluster.accounts.forms import (
    CodeForm,
    ConsentForm,
    SignInForm,
    SignUpForm,
    TokenForm,
    document_title,
)
from innocluster.accounts.middleware import SESSION_KEY, session_verified
from innocluster.accounts.models import SecondFactor, User
from innocluster.accounts.services import second_factor
from innocluster.accounts.services.limits import limit_password_reset
from innocluster.core.errors import PlatformError
from innocluster.core.forms import add_service_error

BACKEND = "innocluster.accounts.backends.LockoutModelBackend"
PENDING_KEY = "second_factor_pending"
PENDING_SECONDS = 300


def _safe_next(request, next_url: str) -> str:
    return _local_path(request, next_url) or reverse("core:cabinet")


def _local_path(request, next_url: str) -> str:
    """`next_url` when it is a path of this site (where to go after signing in), else ""."""
    next_url = str(next_url or "")[:2000]
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        return next_url
    return ""


def _complete_sign_in(request, user: User, next_url: str, *, verified: bool):
    login(request, user, backend=BACKEND)
    if verified:
        request.session[SESSION_KEY] = timezone.now().isoformat()
    response = redirect(_safe_next(request, next_url))
    response.set_cookie("django_language", user.language, samesite="Lax")
    return response


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("core:cabinet")
    document = consent.current_document()
    form = SignUpForm(request.POST or None, document=document)
    # where the person was going (an invitation's link): the confirmation leads back there
    next_url = _local_path(request, request.POST.get("next") or request.GET.get("next"))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.register_person(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                language=translation.get_language() or "ru",
                ip=services.client_ip(request),
                consent_to=document,
                next_url=next_url,
            )
        except PlatformError as exc:
            add_service_error(form, exc)
            status = 429 if exc.status == 429 else 200
        else:
            return render(request, "accounts/sign_up_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html", {"form": form, "next": next_url}, status=status)


def confirm(request, token: str):
    try:
        user = services.confirm_email(token=token)
    except PlatformError as exc:
        return render(request, "accounts/confirm_failed.html", {"message": exc.message}, status=400)
    messages.success(request, _("Your e-mail is confirmed. Sign in to continue."))
    next_url = _local_path(request, request.GET.get("next"))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(next_url or reverse("core:cabinet"))
    login_url = reverse("accounts:login")
    return redirect(f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url)


@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated and request.user.awaits_second_factor:
        return redirect(f"{reverse('accounts:second_factor')}?next={next_url}")
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in(
                request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except PlatformError as exc:
            add_service_error(form, exc)
            status = exc.status if exc.status == 429 else 200
        else:
            if second_factor.has_second_factor(user):
                request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": next_url}
                return redirect("accounts:second_factor")
            if services.needs_second_factor(user):  # staff without an authenticator yet
                response = _complete_sign_in(request, user, reverse("accounts:security"), verified=False)
                # in the language of the page it is shown on: the person's own, set by the sign-in
                with translation.override(user.language or "ru"):
                    warning = _(
                        "Staff accounts act only with the second factor. Turn it on now: it takes a minute."
                    )
                messages.warning(request, warning)
                return response
            return _complete_sign_in(request, user, next_url, verified=False)
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


def _pending_person(request) -> tuple[User | None, str]:
    """Whose second factor this page asks for: a password already checked in this browser (within
    five minutes), or the signed-in staff person whose session has not passed it yet."""
    pending = request.session.get(PENDING_KEY)
    if pending and time.time() - pending.get("at", 0) < PENDING_SECONDS:
        return User.objects.filter(pk=pending["user"], is_active=True).first(), pending.get("next", "")
    if request.user.is_authenticated and request.user.awaits_second_factor:
        return request.user, request.GET.get("next", "")
    return None, ""


@require_http_methods(["GET", "POST"])
def second_factor_step(request):
    person, next_url = _pending_person(request)
    if person is None:
        return redirect("accounts:login")
    next_url = request.POST.get("next") or next_url
    if not second_factor.has_second_factor(person):  # staff who must turn it on first
        messages.warning(request, _("Staff accounts act only with the second factor. Turn it on now."))
        return redirect("accounts:security")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            how = second_factor.verify(
                person=person, code=form.cleaned_data["code"], ip=services.client_ip(request)
            )
        except PlatformError as exc:
            add_service_error(form, exc)
            status = 429 if exc.status == 429 else 200
        else:
            request.session.pop(PENDING_KEY, None)
            response = _complete_sign_in(request, person, next_url, verified=True)
            if how == "recovery":
                left = second_factor.recovery_codes_left(person)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(left)d code remains. Make new ones under Security.",
                        "You signed in with a recovery code; %(left)d codes remain. Make new ones under Security.",
                        left,
                    )
                    % {"left": left},
                )
            return response
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url}, status=status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:home")


def admin_login(request, extra_context=None):
    """The admin's own sign-in form is replaced by ours (the limits and the second factor)."""
    return redirect_to_login(request.GET.get("next") or "/admin/", reverse("accounts:login"))


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset (it never says whether the address has an account), limited per address and IP."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email_password_reset.txt"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("E-mail")  # as every other form of the platform says it
        return form

    subject_template_name = "accounts/email_password_reset_subject.txt"

    def form_valid(self, form):
        try:
            limit_password_reset(form.cleaned_data["email"].lower(), services.client_ip(self.request))
        except PlatformError as exc:
            form.add_error(None, str(exc.message))
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(exc.retry_after)
            return response
        return super().form_valid(form)


# -- Security: the second factor and API tokens --------------------------------------------------


def _security_context(request, **extra) -> dict:
    person = request.user
    # read afresh: the request's cached one predates a confirmation made by this very request
    # (the page said "On since —." until it was reloaded)
    device = (
        SecondFactor.objects.filter(person=person).first()
        if second_factor.has_second_factor(person)
        else None
    )
    return {
        "device": device,
        "codes_left": second_factor.recovery_codes_left(person) if device else 0,
        "staff": bool(person.roles()),
        "verified": session_verified(request),
        "tokens": services.tokens_of(person),
        "token_form": TokenForm(),
        "code_form": CodeForm(),
        **extra,
    }


@login_required
def security(request):
    return render(request, "accounts/security.html", _security_context(request))


@login_required
@require_POST
def second_factor_setup(request):
    """Start (or restart) the setup: a new secret shown as a QR code and as text."""
    try:
        device = second_factor.start_setup(person=request.user)
    except PlatformError as exc:
        messages.error(request, str(exc.message))
        return redirect("accounts:security")
    return render(
        request,
        "accounts/security.html",
        _security_context(
            request, setup=device, qr=second_factor.qr_svg(device), uri=second_factor.provisioning_uri(device)
        ),
    )


@login_required
@require_POST
def second_factor_confirm(request):
    form = CodeForm(request.POST)
    device = getattr(request.user, "second_factor", None)
    if form.is_valid():
        try:
            codes = second_factor.confirm_setup(
                person=request.user, code=form.cleaned_data["code"], ip=services.client_ip(request)
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            request.session[SESSION_KEY] = timezone.now().isoformat()  # the person just proved it
            messages.success(request, _("The second factor is on."))
            return render(request, "accounts/security.html", _security_context(request, recovery_codes=codes))
    context = {"code_form": form}
    if device is not None and device.confirmed_at is None:
        context.update(
            setup=device, qr=second_factor.qr_svg(device), uri=second_factor.provisioning_uri(device)
        )
    return render(request, "accounts/security.html", {**_security_context(request), **context}, status=200)


@login_required
@require_POST
def second_factor_action(request, action: str):
    """Turn the second factor off (applicants) or make new recovery codes, with a current code."""
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/security.html", _security_context(request, code_form=form))
    code, ip = form.cleaned_data["code"], services.client_ip(request)
    try:
        if action == "off":
            second_factor.turn_off(person=request.user, code=code, ip=ip)
            messages.success(request, _("The second factor is off."))
        else:
            codes = second_factor.new_recovery_codes(person=request.user, code=code, ip=ip)
            return render(request, "accounts/security.html", _security_context(request, recovery_codes=codes))
    except PlatformError as exc:
        add_service_error(form, exc)
        return render(request, "accounts/security.html", _security_context(request, code_form=form))
    return redirect("accounts:security")


@login_required
@require_POST
def token_new(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token = services.issue_token(
                user=request.user,
                second_factor=session_verified(request),
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                by="cabinet",
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            return render(request, "accounts/security.html", _security_context(request, new_token=token))
    return render(request, "accounts/security.html", _security_context(request, token_form=form))


@login_required
@require_POST
def token_revoke(request, token_id: int):
    try:
        services.revoke_token(actor=request.user, token_id=token_id)
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The token is revoked."))
    return redirect("accounts:security")


# -- The consent to the processing of personal data (152-FZ art. 9) -------------------------------


def _document_context(document) -> dict:
    russian = (translation.get_language() or "ru").startswith("ru")
    return {
        "document": document,
        "title": document_title(document),
        "text": document.text_ru if russian else document.text_en,
        "purposes": consent.purpose_labels(document.purposes),
    }


@login_required
@require_http_methods(["GET", "POST"])
def consent_page(request):
    """Asks a signed-in person for their consent to the current version, never ticked in advance;
    once given, they go on where they were going."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    document = consent.current_document()
    if document is None:
        return redirect(_safe_next(request, next_url))
    held = consent.latest_consent(request.user)
    given = held is not None and held.document_id == document.pk
    if given and request.method == "POST":
        return redirect(_safe_next(request, next_url))
    form = ConsentForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            consent.give_consent(
                actor=request.user, person=request.user, document=document, ip=services.client_ip(request)
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you: your consent to version %(version)d is recorded.")
                % {"version": document.version},
            )
            return redirect(_safe_next(request, next_url))
    return render(
        request,
        "accounts/consent.html",
        {
            **_document_context(document),
            "form": form,
            "next": next_url,
            "given": held if given else None,
            "earlier": held if held is not None and not given else None,
        },
    )


def consent_document(request, version: int | None = None):
    """The consent document's own page: the current version, or an earlier one by its number."""
    document = consent.current_document() if version is None else consent.published_document(version)
    if document is None:
        raise Http404
    current = consent.current_document()
    return render(
        request,
        "accounts/consent_document.html",
        {
            **_document_context(document),
            "is_current": current is not None and current.pk == document.pk,
            "versions": consent.published_documents().only("version", "published_at"),
        },
    )


@require_POST
def set_language(request):
    """The header's RU / EN: Django's own switch (the cookie), and for a signed-in person their
    account's language too, which notifications and e-mails follow and the next sign-in restores
    (the switch alone was forgotten there: a person reading Russian kept English e-mails)."""
    from django.conf import settings
    from django.views.i18n import set_language as switch

    from innocluster.accounts import personal_data

    response = switch(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        # an account without a name keeps its language until it has one
        with contextlib.suppress(PlatformError):
            personal_data.correct_my_data(actor=user, full_name=user.full_name, language=language)
    return response
