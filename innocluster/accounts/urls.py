from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from innocluster.accounts import my_data_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.second_factor_step, name="second_factor"),
    path("sign-out/", views.sign_out, name="logout"),
    path("consent/", views.consent_page, name="consent"),
    path("consent/document/", views.consent_document, name="consent_document"),
    path("consent/document/<int:version>/", views.consent_document, name="consent_document_version"),
    path("security/", views.security, name="security"),
    path("security/second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("security/second-factor/confirm/", views.second_factor_confirm, name="second_factor_confirm"),
    path(
        "security/second-factor/off/", views.second_factor_action, {"action": "off"}, name="second_factor_off"
    ),
    path(
        "security/second-factor/recovery-codes/",
        views.second_factor_action,
        {"action": "codes"},
        name="recovery_codes",
    ),
    path("security/tokens/", views.token_new, name="token_new"),
    path("security/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    # "My data" (152-FZ arts. 14, 20, 21) and the administrator's search of the reads of a person's data
    path("my-data/", my_data_views.my_data, name="my_data"),
    path("my-data/my-data.json", my_data_views.my_data_json, name="my_data_json"),
    path("my-data/my-data.pdf", my_data_views.my_data_pdf_view, name="my_data_pdf"),
    path("my-data/withdraw/", my_data_views.withdraw, name="my_data_withdraw"),
    path("personal-data-access/", my_data_views.personal_data_access, name="personal_data_access"),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(success_url=reverse_lazy("accounts:password_reset_done")),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
