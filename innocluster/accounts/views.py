from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.accounts import services
from innocluster.accounts.forms import SignInForm, SignUpForm
from innocluster.core.errors import PlatformError
from innocluster.core.forms import add_service_error


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("core:cabinet")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_person(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                language=translation.get_language() or "ru",
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            return render(request, "accounts/sign_up_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html", {"form": form})


def confirm(request, token: str):
    try:
        user = services.confirm_email(token=token)
    except PlatformError as exc:
        return render(request, "accounts/confirm_failed.html", {"message": exc.message}, status=400)
    messages.success(request, _("Your e-mail is confirmed. Sign in to continue."))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("core:cabinet")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in(
                request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            login(request, user, backend="innocluster.accounts.backends.LockoutModelBackend")
            response = redirect(
                next_url
                if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
                else "core:cabinet"
            )
            response.set_cookie("django_language", user.language, samesite="Lax")
            return response
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:home")
