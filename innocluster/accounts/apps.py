from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innocluster.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    role_permissions = {
        "administrator": [
            "accounts.view_user",
            "accounts.change_user",
            "auth.view_group",
            "accounts.view_signinfailure",
        ],
    }

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from innocluster.accounts.roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, dispatch_uid="innocluster.grant_role_permissions")
